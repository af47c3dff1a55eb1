package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.ID;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.KERNEL_DIMENSION;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.PREDICTED_EXPONENT;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.RATIOS;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.TARGET;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.TOP_RATIO;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.WIDTH;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.ExponentPlot;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.LevelLine;
import org.replearn.core.targets.HermitePolynomial;

/** The details, texts and figures of {@link SampleComplexityDegree4Claim}: the network's curves and the kernels. */
final class Degree4Report {
    private final SampleComplexityDegree4Claim.Sizes sizes;
    private final SampleComplexityDegree4Claim.Levels lv;
    private final SampleSizeCurves.Gathered net;
    private final Exponents.SeedSlope fit;
    private final double allowance;
    private final KernelSeparation.Judged kern;
    private final AlignmentLevel level;

    Degree4Report(SampleComplexityDegree4Claim.Sizes sizes, SampleComplexityDegree4Claim.Levels lv,
            SampleSizeCurves.Gathered net, Exponents.SeedSlope fit, double allowance, KernelSeparation.Judged kern,
            AlignmentLevel level) {
        this.sizes = sizes;
        this.lv = lv;
        this.net = net;
        this.fit = fit;
        this.allowance = allowance;
        this.kern = kern;
        this.level = level;
    }

    /**
     * The claim's details.
     *
     * @param target                     the link's spec
     * @param energyByDegree             the link's Hermite energy per degree
     * @param width                      m
     * @param epsilon                    {@code ε = E₄/2}
     * @param d                          the dimensions
     * @param replicates                 replicates per d
     * @param nOverD2                    the grid of {@code n/d²}
     * @param meanPopulationError        mean exact error over the replicates per d ({@code "d<d>"})
     * @param nStar                      each replicate's bracketed crossing {@code n*[s][i]} at {@code d[i]}
     * @param nStarOverD2GeometricMean   geometric mean over replicates of {@code n* / d²}, per d
     * @param exponent                   the fitted exponent of {@code n* ∝ d^γ}
     * @param logFactorAllowance         the allowance {@link Exponents#logFactorAllowance} over {@code [d_min, d_max]}
     * @param kernels                    the kernels at {@code n_K}
     * @param levelNOverD2               the grid point {@code n/d²} of the level
     * @param levelLogRatio              {@code log((1 − A)/(1 − A_pred))} per curve (d-major) at the level's n
     * @param levelMean                  its mean
     * @param levelStandardError         its standard error over the curves
     * @param noWeightDecayBestHeadError the control's best-head error
     */
    record Details(String target, double[] energyByDegree, int width, double epsilon, int[] d, int replicates,
            double[] nOverD2, Map<String, double[]> meanPopulationError, double[][] nStar,
            double[] nStarOverD2GeometricMean,
            @JsonUnwrapped Exponents.Fit exponent, double logFactorAllowance,
            @JsonUnwrapped KernelSeparation.Details kernels, double levelNOverD2, double[] levelLogRatio,
            double levelMean, double levelStandardError, double noWeightDecayBestHeadError) {
    }

    /** The claim's details, with the control's best-head error {@code controlError}. */
    Details details(HermitePolynomial g, double controlError) {
        return new Details(TARGET, g.energyByDegree(), WIDTH, lv.eps(), sizes.dims(), sizes.replicates(), RATIOS,
                net.meanErrors(), net.nStar(), ratioMeans(), Exponents.Fit.of(fit), allowance, kern.details(),
                RATIOS[0], level.logRatio(), level.mean(), level.se(), controlError);
    }

    /** The measured text: the exponent, the kernels' errors at {@code n_K}, the level and any failure. */
    String measuredText() {
        return (fit != null ? Exponents.describe(fit, "n* ∝ d^", sizes.replicates(), "; n*/d² (geometric mean) "
                + Arrays.toString(Format.round2(ratioMeans())) + " at d = " + Arrays.toString(sizes.dims()))
                : "no crossing of ε = " + Format.fmt(lv.eps()) + " on n/d² in [" + Format.fmt(RATIOS[0]) + ", "
                        + Format.fmt(TOP_RATIO) + "]: " + net.unmeasured()) + "; " + kern.text() + "; "
                + level.text(RATIOS[0]) + (kern.failures().isEmpty() ? "" : "; FAILED: "
                        + String.join(", ", kern.failures()));
    }

    /** Why the tolerances are what they are. */
    String rationale() {
        int[] dims = sizes.dims();
        int dLast = dims[dims.length - 1];
        return "Each replicate (own U, initialization, samples) gives its own crossing n*(d) of the exact"
                + " error and its own exponent; the SE is their spread (Student t, " + (sizes.replicates() - 1)
                + " df), plus the shift log(log " + dLast + "/log " + dims[0] + ")/log(" + dLast + "/"
                + dims[0] + ") = " + Format.fmt(allowance) + " a log d factor makes. ε = E₄/2 cannot be reached"
                + " without learning more than half of the degree-4 energy. The kernels get the 95 % upper"
                + " confidence bound of the network's geometric-mean n* at d = " + KERNEL_DIMENSION
                + " (n ≪ d⁴ there); their test error uses the degree > 2 part of f* as a control variate of"
                + " exact mean E₄, z is the Bonferroni threshold over " + 2 * sizes.kernelReplicates()
                + " sides; random-feature errors are exact. The exponent alone lets a uniformly less sample-efficient"
                + " learner pass; the level pins the learned layer to the first-order prediction (docs/math.md §6) at"
                + " n = " + Format.fmt(RATIOS[0]) + "d², where a step needing c times the samples leaves about c times"
                + " the noise energy in 1 − A; the curves are independent, so the SE is their spread.";
    }

    /** Mean error curves against n/d² with the kernels' points and the levels, and the exponent's figure. */
    List<PlotSpec> plots() {
        List<PlotSpec.Series> series = new ArrayList<>(net.meanSeries(false));
        series.addAll(kern.series());
        series.add(LevelLine.of("ε = E₄/2", RATIOS[0], TOP_RATIO, lv.eps()));
        series.add(LevelLine.of("plateau E₄", RATIOS[0], TOP_RATIO, lv.e4()));
        List<PlotSpec> plots = new ArrayList<>();
        plots.add(new PlotSpec(ID, "Exact error vs n/d² (" + TARGET + ", m = " + WIDTH + "), kernels at the network's"
                + " n*", "n/d²", "relative error (network: exact, mean over " + sizes.replicates() + " replicates)",
                true, false, series, List.of()));
        if (fit != null) {
            plots.add(ExponentPlot.of(ID + "-exponent", "n*(d): samples to reach exact error " + Format.fmt(lv.eps())
                    + " (" + TARGET + ", m = " + WIDTH + ")", "d", sizes.dims(), net.nStar(), fit, PREDICTED_EXPONENT,
                    "d"));
        }
        return plots;
    }

    /** Geometric mean over replicates of {@code n*_s(d)/d²}, per d. */
    private double[] ratioMeans() {
        int[] dims = sizes.dims();
        double[] geo = Exponents.geometricMeans(net.nStar(), 1);
        for (int i = 0; i < dims.length; i++) {
            geo[i] /= (double) dims[i] * dims[i];
        }
        return geo;
    }
}
