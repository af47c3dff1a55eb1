package org.replearn.checks.properties;

import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.pipeline.InProcess;

/** Runs a claim of the report (the same code {@code replearn reproduce} runs) at the test tier's scale. */
final class ClaimRuns {
    private ClaimRuns() {
    }

    static ClaimResult run(Claim<?, ?> claim, long seed) {
        Scale scale = Tier.full() ? Scale.FULL : Scale.QUICK;
        return InProcess.run(claim, new RunContext(scale, seed, 2, Progress.NONE));
    }

    /** The failure text every claim property prints: measured, predicted, tolerance and why. */
    static String describe(ClaimResult r, long seed) {
        return r.id() + " (seed " + seed + "): measured " + r.measured().text() + "; predicted " + r.prediction().text()
                + "; tolerance " + r.tolerance().derivation() + " (" + r.rationale() + ")";
    }

    static double number(ClaimResult r, String key) {
        Object v = r.details().get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("claim " + r.id() + " has no numeric detail '" + key + "'");
        }
        return n.doubleValue();
    }
}
