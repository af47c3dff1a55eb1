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

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.LevelLine;

/** The details, texts and figure of {@link WidthClaim}. */
final class WidthReport {
    private WidthReport() {
    }

    /**
     * The claim's details.
     *
     * @param target                      the link's spec
     * @param nOverD2                     {@code n/d²}
     * @param noiseVariance               the label noise σ² of checks (i) and (ii)
     * @param epsilon                     the error level ε whose crossing m* is fitted (noiseless labels)
     * @param d                           the dimensions
     * @param replicates                  replicates per d
     * @param widths                      the common widths
     * @param meanPopulationError         mean exact error over every cell per common width
     * @param errorChangeMean             mean paired change of the error between consecutive common widths
     * @param errorChangeStandardError    its standard error
     * @param criticalValue               {@code t_{0.975, cells−1}} of checks (i) and (ii)
     * @param widthLimitedShareSmallest   mean and SE of the width-limited share {@code E* / E} at the smallest width
     * @param widthLimitedShareLargest    the same at the largest common width
     * @param mStar                       each cell's crossing {@code m*[s][i]} at {@code d[i]}
     * @param exponent                    the fitted d-exponent of {@code m*}
     * @param equivalenceCriticalValue    {@code t_{0.95, R−1}} of check (iii)'s equivalence test
     * @param exponentInterval            the exponent's 90 % interval, which must lie inside the margin
     * @param exponentMargin              the equivalence margin δ, fixed in advance
     * @param logFactorShift              the shift {@link Exponents#logFactorAllowance} over {@code [d_min, d_max]}
     * @param widthExponentGamma          the measured law {@code E ∝ m^−γ} over the width-limited widths (not judged)
     * @param randomFeaturesFloorMin      the first control's smallest best-head floor
     * @param fixedStepSamples            the second control's first-step samples, the same for every d
     * @param mStarFixedStep              the second control's crossings {@code m*[s][i]} (best head; NaN: not reached)
     */
    record Details(String target, double nOverD2, double noiseVariance, double epsilon, int[] d, int replicates,
            double[] widths, double[] meanPopulationError, double[] errorChangeMean, double[] errorChangeStandardError,
            double criticalValue, double[] widthLimitedShareSmallest, double[] widthLimitedShareLargest,
            double[][] mStar, @JsonUnwrapped Exponents.Fit exponent, double equivalenceCriticalValue,
            double[] exponentInterval, double exponentMargin, double logFactorShift, double widthExponentGamma,
            double randomFeaturesFloorMin, long fixedStepSamples, double[][] mStarFixedStep) {
    }

    /** Check (iii) in words: the d-exponent of {@code m*} and its interval, or why there is none. */
    static String describe(Equivalence e) {
        return e.describe("d-exponent of m*(ε = " + Format.fmt(EPSILON) + ")", "ε = " + Format.fmt(EPSILON)
                + " not reached within m <= " + MAX_WIDTH + " (or already at m = " + MIN_WIDTH + ") by some replicate");
    }

    /** Why the tolerances are what they are. */
    static String rationale(int replicates) {
        return "Errors are exact population errors, so the only randomness is the frame, the initialization and the"
                + " samples, which the " + replicates + " replicates per d resample; the widths of one replicate share"
                + " them, so width changes are paired. E*(m) is the exact best head on the learner's own stepped"
                + " features: E − E* is the head's estimation error from n samples. n = 16d² keeps the first step's"
                + " quality the same for every d, so a d-dependence of m* would come from the width requirement"
                + " itself. Check (iii) is an equivalence test: a noisier m* widens its interval and makes it harder"
                + " to pass.";
    }

    /** The measured text of the three checks and the reported law. */
    static String measuredText(double[][] change, double[] shareFirst, double[] shareLast, Equivalence exponent,
            WidthCurves.Law law) {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i + 1 < COMMON; i++) {
            changes.append(i == 0 ? "" : ", ").append(width(i)).append("→").append(width(i + 1))
                    .append(": ").append(Format.fmt(change[i][0])).append(" (SE ").append(Format.fmt(change[i][1]))
                    .append(')');
        }
        return "(i) mean paired change of the error " + changes + "; (ii) width-limited share E*/E "
                + Format.fmt(shareFirst[0]) + " (SE " + Format.fmt(shareFirst[1]) + ") at m = " + MIN_WIDTH + ", "
                + Format.fmt(shareLast[0]) + " (SE " + Format.fmt(shareLast[1]) + ") at m = " + COMMON_MAX_WIDTH
                + " (label noise σ² = " + Format.fmt(NOISE) + "); (iii, noiseless) " + describe(exponent) + ". Measured law, not judged: E ∝ m^-" + Format.fmt(law.gamma()) + " over m = " + MIN_WIDTH + "…"
                + (law.points() >= 1 ? width(Math.max(law.points() - 1, 0)) : MIN_WIDTH)
                + " (width-limited widths), sample-limited mean error at m = " + COMMON_MAX_WIDTH + ": "
                + Format.fmt(law.meanError()[COMMON - 1]);
    }

    /** Mean network error and best-head error (± 2 SE) against the width, per d, with the level ε. */
    static PlotSpec plot(WidthCurves.Gathered g, int[] dims, int replicates, double[] widths) {
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int di = 0; di < dims.length; di++) {
            double[][] error = new double[replicates][COMMON];
            double[][] best = new double[replicates][COMMON];
            for (int s = 0; s < replicates; s++) {
                int c = di * replicates + s;
                for (int i = 0; i < COMMON; i++) {
                    error[s][i] = g.error()[c][i];
                    best[s][i] = g.error()[c][i] * g.share()[c][i];
                }
            }
            series.add(PlotSpec.Series.replicateMeans("network E(m, n), d = " + dims[di], widths, error,
                    PlotSpec.Style.LINE_POINTS));
            series.add(PlotSpec.Series.replicateMeans("best head E*(m), d = " + dims[di], widths, best,
                    PlotSpec.Style.POINTS));
        }
        series.add(LevelLine.of("ε = " + EPSILON, widths[0], widths[COMMON - 1], EPSILON));
        return new PlotSpec(ID, "Exact error vs width at n = 16d² (" + TARGET + ", σ² = " + NOISE + ")", "width m",
                "exact relative error", true, true, series, List.of());
    }
}
