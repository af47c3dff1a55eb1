package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.ID;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.KERNEL_DIMENSION;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.ROUNDING;
import static org.replearn.checks.claims.paper.SampleComplexityDegree4Claim.WIDTH;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Coverage;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.NtkKrrConfig;
import org.replearn.core.training.NtkKrrLearner;
import org.replearn.core.training.Problem;

/**
 * Part (b) of {@link SampleComplexityDegree4Claim}, the kernels at the network's sample size: at {@code d_K} with
 * {@code n_K = ⌈exp(L + t_{0.975,R−1}·SE_L)⌉} ({@code L} the mean of the network's {@code log n*_s(d_K)}), the ReLU-NTK
 * KRR's test error ({@link NtkKrrConfig#defaults}; degree {@code > 2} part of {@code f*} as control variate,
 * {@link TestErrors}) must satisfy {@code error + z·SE >= E₄}, {@code error − z·SE > ε} and
 * {@code error − z·SE < E₂ + E₄} ({@code z} Bonferroni over the two sides of every NTK cell, as in
 * {@link KernelRegimeClaim}), and random features' exact error must lie in {@code [E₄ − 1e-9, E₂ + E₄)}.
 */
final class KernelSeparation {
    private KernelSeparation() {
    }

    /** At {@code n_K} (0 if not run): the NTK's test error, its SE and λ, the random features' exact error. */
    record Fit(long n, double ntkError, double ntkStandardError, double lambda, double randomFeaturesError)
            implements SampleComplexityDegree4Claim.Outcome {
    }

    /**
     * A kernel cell in the details.
     *
     * @param ntkError            the ReLU-NTK KRR's test error (control variate)
     * @param ntkStandardError    its standard error
     * @param ntkLambda           the KRR ridge λ
     * @param randomFeaturesError random features' exact error
     */
    record CellDetails(double ntkError, double ntkStandardError, double ntkLambda, double randomFeaturesError) {
        static CellDetails of(Fit fit) {
            return new CellDetails(fit.ntkError(), fit.ntkStandardError(), fit.lambda(), fit.randomFeaturesError());
        }
    }

    /**
     * The kernels' part of the claim's details.
     *
     * @param kernelD        {@code d_K}
     * @param kernelN        {@code n_K} (0: not run)
     * @param kernelNOverD2  {@code n_K/d_K²}
     * @param plateau        {@code E₄}
     * @param untrainedLevel {@code E₂ + E₄}
     * @param z              the Bonferroni threshold over both sides of every NTK cell
     * @param kernelCells    each kernel cell ({@code "replicate<k>"})
     * @param failures       the failed checks, in words
     */
    record Details(int kernelD, long kernelN, @JsonProperty("kernel_n_over_d2") double kernelNOverD2, double plateau,
            double untrainedLevel, double z, Map<String, CellDetails> kernelCells, List<String> failures) {
    }

    /**
     * {@code n_K = ⌈exp(L + t_{0.975,R−1}·SE_L)⌉} of the crossings {@code n*_s(d_K)} ({@code L} the mean of their logs),
     * or 0 when some replicate has no bracketed crossing (the kernels are then not run).
     */
    static long samples(double[] crossings) {
        boolean bracketed = true;
        double[] logs = new double[crossings.length];
        for (int s = 0; s < crossings.length; s++) {
            bracketed &= !Double.isNaN(crossings[s]);
            logs[s] = Math.log(crossings[s]);
        }
        double[] logMean = Intervals.meanAndStandardError(logs);
        return bracketed ? (long) Math.ceil(Math.exp(logMean[0] + Intervals.studentCritical(crossings.length - 1)
                * logMean[1])) : 0;
    }

    /** Both kernels fitted on {@code base} (link {@code g}) with {@code nK} samples; not run if {@code nK = 0}. */
    static Fit fit(HermitePolynomial g, long nK, Problem base, int threads) {
        if (nK == 0) {
            return new Fit(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Problem problem = base.withN(nK);
        FitResult ntk = new NtkKrrLearner(NtkKrrConfig.defaults(threads)).fit(problem);
        TestErrors test = TestErrors.evaluate(ntk.predictor(), problem.test(TestErrors.MIN_SAMPLES),
                problem.target().withLink(g.withoutDegreesBelow(3)), threads);
        return new Fit(nK, test.relativeError(), test.relativeErrorStandardError(), ntk.lambda(),
                RandomFeatures.fittedError(problem, WIDTH, threads));
    }

    /** The kernel cells judged: {@code n_K}, z, the errors, the failures found, the table and their details. */
    record Judged(long n, double z, double[] ntk, double[] ntkSe, double[] rf, List<String> failures, Sweep sweep,
            Details details) {
        double ratio() {
            return n / ((double) KERNEL_DIMENSION * KERNEL_DIMENSION);
        }

        /** The kernels' errors at {@code n_K} in words. */
        String text() {
            return ntk.length == 0 ? "kernels not run"
                    : "at d = " + KERNEL_DIMENSION + ", n = " + n + " = " + Format.fmt(ratio())
                            + "d² (95 % upper bound of the network's geometric-mean n* there): ReLU-NTK KRR "
                            + pairs(ntk, ntkSe) + ", random features "
                            + Arrays.stream(rf).mapToObj(Format::fmt).toList() + " (exact)";
        }

        /** The kernels' errors as points at {@code n_K/d_K²}, NTK with ± 2 SE (none when not run). */
        List<PlotSpec.Series> series() {
            if (ntk.length == 0) {
                return List.of();
            }
            double[] at = new double[ntk.length];
            Arrays.fill(at, ratio());
            double[] twoSe = Arrays.stream(ntkSe).map(se -> 2 * se).toArray();
            return List.of(PlotSpec.Series.withErrors("ReLU-NTK KRR d = " + KERNEL_DIMENSION + " (± 2 SE)", at, ntk,
                    twoSe, PlotSpec.Style.POINTS), new PlotSpec.Series("random features d = " + KERNEL_DIMENSION
                            + " (exact)", at.clone(), rf, PlotSpec.Style.POINTS));
        }
    }

    /**
     * Judges the kernel cells {@code fits} against the levels, at {@code n_K} of the network's crossings
     * {@code atKernel[s] = n*_s(d_K)}; a cell that ran at another n is an error.
     */
    static Judged judge(List<Fit> fits, double[] atKernel, SampleComplexityDegree4Claim.Levels lv) {
        long nK = samples(atKernel);
        double ratio = nK / ((double) KERNEL_DIMENSION * KERNEL_DIMENSION);
        double z = Intervals.bonferroniThreshold(1 - Coverage.COVERAGE, 2 * fits.size());
        List<String> failures = new ArrayList<>();
        if (nK == 0) {
            failures.add("the network did not reach ε on the grid at d = " + KERNEL_DIMENSION
                    + " in every replicate: kernels not run");
        }
        int run = nK == 0 ? 0 : fits.size();
        double[][] v = new double[3][run];
        Sweep.Builder sweep = Sweep.table(ID + "-kernels", "method", "d", "replicate", "n", "n_over_d2", "error",
                "standard_error", "error_kind", "lambda");
        Map<String, CellDetails> cells = new LinkedHashMap<>();
        for (int k = 0; k < run; k++) {
            Fit fit = fits.get(k);
            if (fit.n() != nK) {
                throw new IllegalStateException("kernel cell " + k + " ran at n = " + fit.n()
                        + ", the curves give n_K = " + nK + ": the cells' walks at d = " + KERNEL_DIMENSION + " disagree");
            }
            v[0][k] = fit.ntkError();
            v[1][k] = fit.ntkStandardError();
            v[2][k] = fit.randomFeaturesError();
            sweep.row("ntk-krr", KERNEL_DIMENSION, k, nK, ratio, v[0][k], v[1][k], "test set, control variate",
                    fit.lambda());
            sweep.row("random-features", KERNEL_DIMENSION, k, nK, ratio, v[2][k], 0, "exact", "");
            failures.addAll(failures(k, v[0][k], v[1][k], v[2][k], z, lv));
            cells.put("replicate" + k, CellDetails.of(fit));
        }
        return new Judged(nK, z, v[0], v[1], v[2], failures, sweep.build(), new Details(KERNEL_DIMENSION, nK, ratio,
                lv.e4(), lv.untrained(), z, cells, failures));
    }

    /** What kernel replicate k fails of the plateau, separation and baseline checks, in words. */
    private static List<String> failures(int k, double ntk, double se, double rf, double z,
            SampleComplexityDegree4Claim.Levels lv) {
        List<String> failures = new ArrayList<>();
        if (ntk + z * se < lv.e4()) {
            failures.add("NTK replicate " + k + " below the plateau E₄");
        }
        if (!(ntk - z * se > lv.eps())) {
            failures.add("NTK replicate " + k + " not above ε");
        }
        if (!(ntk - z * se < lv.untrained())) {
            failures.add("NTK replicate " + k + " not below the untrained level: a failure of the baseline");
        }
        if (rf < lv.e4() - ROUNDING || !(rf < lv.untrained())) {
            failures.add("random features replicate " + k + " off the plateau [E₄, E₂ + E₄)");
        }
        return failures;
    }

    /** {@code [v₀ ± se₀, …]} for report text. */
    private static String pairs(double[] v, double[] se) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Format.fmt(v[i])).append(" ± ").append(Format.fmt(se[i]));
        }
        return sb.append(']').toString();
    }
}
