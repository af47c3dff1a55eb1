package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.WidthClaim.COMMON;
import static org.replearn.checks.claims.paper.WidthClaim.COMMON_MAX_WIDTH;
import static org.replearn.checks.claims.paper.WidthClaim.EPSILON;
import static org.replearn.checks.claims.paper.WidthClaim.ID;
import static org.replearn.checks.claims.paper.WidthClaim.MAX_WIDTH;
import static org.replearn.checks.claims.paper.WidthClaim.MIN_WIDTH;
import static org.replearn.checks.claims.paper.WidthClaim.NOISE;
import static org.replearn.checks.claims.paper.WidthClaim.TARGET;
import static org.replearn.checks.claims.paper.WidthClaim.width;

import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.LevelLine;

/** The texts and the figure of {@link WidthClaim}. */
final class WidthReport {
    private WidthReport() {
    }

    /** Why the tolerances are what they are. */
    static String rationale(int replicates) {
        return "Errors are exact population errors, so the only randomness is the frame, the initialization and the"
                + " samples, which the " + replicates + " replicates per d resample; the widths of one replicate share"
                + " them, so width changes are paired. E*(m) is the exact best head on the learner's own stepped"
                + " features: E − E* is the head's estimation error from n samples. n = 16d² keeps the first step's"
                + " quality the same for every d, so a d-dependence of m* would come from the width requirement"
                + " itself.";
    }

    /** The measured text of the three checks and the reported law. */
    static String measuredText(double[][] change, double[] shareFirst, double[] shareLast,
            Exponents.SeedSlope exponent, int replicates, WidthCurves.Law law) {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i + 1 < COMMON; i++) {
            changes.append(i == 0 ? "" : ", ").append(width(i)).append("→").append(width(i + 1))
                    .append(": ").append(Format.fmt(change[i][0])).append(" (SE ").append(Format.fmt(change[i][1]))
                    .append(')');
        }
        return "(i) mean paired change of the error " + changes + "; (ii) width-limited share E*/E "
                + Format.fmt(shareFirst[0]) + " (SE " + Format.fmt(shareFirst[1]) + ") at m = " + MIN_WIDTH + ", "
                + Format.fmt(shareLast[0]) + " (SE " + Format.fmt(shareLast[1]) + ") at m = " + COMMON_MAX_WIDTH
                + " (label noise σ² = " + Format.fmt(NOISE) + "); (iii, noiseless) " + (exponent != null
                        ? Exponents.describe(exponent, "d-exponent of m*(ε = " + Format.fmt(EPSILON) + ") ", replicates,
                                "")
                        : "ε = " + Format.fmt(EPSILON) + " not reached within m <= " + MAX_WIDTH + " by some replicate")
                + ". Measured law, not judged: E ∝ m^-" + Format.fmt(law.gamma()) + " over m = " + MIN_WIDTH + "…"
                + (law.points() >= 1 ? width(Math.max(law.points() - 1, 0)) : MIN_WIDTH)
                + " (width-limited widths), sample-limited mean error at m = " + COMMON_MAX_WIDTH + ": "
                + Format.fmt(law.meanError()[COMMON - 1]);
    }

    /** Mean network error and best-head error against the width, per d, with the level ε. */
    static PlotSpec plot(WidthCurves.Gathered g, int[] dims, int replicates, double[] widths) {
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int di = 0; di < dims.length; di++) {
            double[] mean = new double[COMMON];
            double[] bestMean = new double[COMMON];
            for (int i = 0; i < COMMON; i++) {
                for (int s = 0; s < replicates; s++) {
                    int c = di * replicates + s;
                    mean[i] += g.error()[c][i] / replicates;
                    bestMean[i] += g.error()[c][i] * g.share()[c][i] / replicates;
                }
            }
            series.add(new PlotSpec.Series("network E(m, n), d = " + dims[di], widths, mean,
                    PlotSpec.Style.LINE_POINTS));
            series.add(new PlotSpec.Series("best head E*(m), d = " + dims[di], widths, bestMean,
                    PlotSpec.Style.DASHED));
        }
        series.add(LevelLine.of("ε = " + EPSILON, widths[0], widths[COMMON - 1], EPSILON));
        return new PlotSpec(ID, "Exact error vs width at n = 16d² (" + TARGET + ", σ² = " + NOISE + ")", "width m",
                "exact relative error (mean over " + replicates + " replicates)", true, true, series, List.of());
    }
}
