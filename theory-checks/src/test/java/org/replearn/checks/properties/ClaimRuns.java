package org.replearn.checks.properties;

import org.replearn.checks.claims.Claim;
import org.replearn.checks.claims.ClaimResult;
import org.replearn.checks.claims.Progress;
import org.replearn.checks.claims.RunContext;
import org.replearn.checks.claims.Scale;

/** Runs a claim of the report (the same code {@code replearn reproduce} runs) at the test tier's scale. */
final class ClaimRuns {
    private ClaimRuns() {
    }

    static ClaimResult run(Claim claim, long seed) {
        Scale scale = Tier.full() ? Scale.FULL : Scale.QUICK;
        return claim.run(new RunContext(scale, seed, 2, Progress.NONE));
    }

    /** The failure text every claim property prints: measured, predicted, tolerance and why. */
    static String describe(ClaimResult r, long seed) {
        return r.id() + " (seed " + seed + "): measured " + r.measured() + "; predicted " + r.predicted()
                + "; tolerance " + r.tolerance() + " (" + r.rationale() + ")";
    }

    static double number(ClaimResult r, String key) {
        Object v = r.details().get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("claim " + r.id() + " has no numeric detail '" + key + "'");
        }
        return n.doubleValue();
    }
}
