package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.ID;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.KERNEL_DIMENSION;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.PREDICTED_EXPONENT;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.RATIOS;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.TARGET;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.TOP_RATIO;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.WIDTH;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.ExponentPlot;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.core.targets.HermitePolynomial;

/** The details, texts and figures of {@link SampleComplexityDegree4Claim}: the network's curves and the kernels. */
final class Degree4Report {
    private final SampleComplexityDegree4Claim.Sizes sizes;
    private final SampleComplexityDegree4Claim.Levels lv;
    private final SampleSizeCurves.Gathered net;
    private final Exponents.SeedSlope fit;
    private final double allowance;
    private final KernelSeparation.Judged kern;

    Degree4Report(SampleComplexityDegree4Claim.Sizes sizes, SampleComplexityDegree4Claim.Levels lv,
            SampleSizeCurves.Gathered net, Exponents.SeedSlope fit, double allowance, KernelSeparation.Judged kern) {
        this.sizes = sizes;
        this.lv = lv;
        this.net = net;
        this.fit = fit;
        this.allowance = allowance;
        this.kern = kern;
    }

    /** The claim's details, with the control's best-head error {@code controlError}. */
    Map<String, Object> details(HermitePolynomial g, double controlError) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("energy_by_degree", g.energyByDegree());
        details.put("width", WIDTH);
        details.put("epsilon", lv.eps());
        details.put("d", sizes.dims());
        details.put("replicates", sizes.replicates());
        details.put("n_over_d2", RATIOS);
        details.put("mean_population_error", net.meanErrors());
        details.put("n_star", net.nStar());
        details.put("n_star_over_d2_geometric_mean", ratioMeans());
        Exponents.putExponent(details, fit);
        details.put("log_factor_allowance", allowance);
        details.putAll(kern.details());
        details.put("no_weight_decay_best_head_error", controlError);
        return details;
    }

    /** The measured text: the exponent, the kernels' errors at {@code n_K} and any failure. */
    String measuredText() {
        return (fit != null ? Exponents.describe(fit, "n* ∝ d^", sizes.replicates(), "; n*/d² (geometric mean) "
                + Arrays.toString(Format.round2(ratioMeans())) + " at d = " + Arrays.toString(sizes.dims()))
                : "ε = " + Format.fmt(lv.eps()) + " not reached by n = " + Format.fmt(TOP_RATIO)
                        + "d² in some replicate") + "; " + kern.text()
                + (kern.failures().isEmpty() ? "" : "; FAILED: " + String.join(", ", kern.failures()));
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
                + " sides; random-feature errors are exact.";
    }

    /** Mean error curves against n/d² with the kernels' points and the levels, and the exponent's figure. */
    List<PlotSpec> plots() {
        List<PlotSpec.Series> series = new ArrayList<>(net.meanSeries(false));
        series.addAll(kern.series());
        double[] ends = {RATIOS[0], TOP_RATIO};
        series.add(new PlotSpec.Series("ε = E₄/2", ends, new double[] {lv.eps(), lv.eps()}, PlotSpec.Style.DASHED));
        series.add(new PlotSpec.Series("plateau E₄", ends.clone(), new double[] {lv.e4(), lv.e4()},
                PlotSpec.Style.DASHED));
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
