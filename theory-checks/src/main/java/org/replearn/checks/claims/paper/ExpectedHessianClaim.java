package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Coverage;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.LinearPart;

/**
 * Claim 4 (docs/math.md §2, §5): with the de-linearized labels of Algorithm 1 step 2, {@code ỹ = y − α − β·x}
 * ({@code α, β} the empirical mean and linear part), the estimator {@code M = mean(ỹ (x xᵀ − I))} converges to the
 * expected Hessian {@code H = E∇²f* = Uᵀ G₂ U}: the removed constant and linear parts are orthogonal to
 * {@code x xᵀ − I}, and Stein's lemma twice gives {@code E[f (xxᵀ − I)] = E∇²f}.
 *
 * <p>Measured: per-entry z-scores {@code (M_pq − H_pq)/SE_pq} of the {@code d(d+1)/2} distinct entries at the largest
 * n (SE from the sample variance of {@code ỹ(x_p x_q − δ_pq)}), plus the relative Frobenius error on a grid of n.
 * Predictions and tolerances: the z-scores are N(0,1), so (i) the fraction with {@code |z| < 1.96} is 0.95 within 4
 * binomial SE and (ii) {@code max|z|} stays below the Bonferroni threshold for a family-wise level of 1e-3 (valid for
 * correlated scores). The empirical {@code α, β} add an O(1/n) bias, negligible against the {@code 1/sqrt(n)} SE.
 * Cells: one per sample size {@code n = 2^l} (nested prefixes of one sample).
 */
public final class ExpectedHessianClaim
        implements Claim<ExpectedHessianClaim.SampleSize, ExpectedHessianClaim.Estimate> {
    /** The claim id. */
    public static final String ID = "expected-hessian";
    /** Level of the Bonferroni bound on the largest |z|. */
    private static final double MAX_Z_LEVEL = 1e-3;
    private static final double NOISE = 0.25;
    /** The smallest sample size is {@code 2^MIN_LOG}. */
    private static final int MIN_LOG = 12;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "mean(ỹ (xxᵀ − I)) with de-linearized labels converges to the expected Hessian H = Uᵀ G₂ U, with N(0,1)"
                + " per-entry z-scores";
    }

    /** The sizes at a scale: dimension d and the largest {@code log2 n}. */
    private record Sizes(int d, int maxLog) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(12, 24), s.pick(17, 20));
        }
    }

    /** The estimate on the first {@code 2^log} samples of the {@code 2^maxLog} drawn. */
    record SampleSize(int log, int maxLog, int d) implements Cell {
        @Override
        public String key() {
            return "n" + (1L << log);
        }

        /** Multiply-adds of the moments, {@code n·d(d+1)/2}. */
        @Override
        public double work() {
            return Math.scalb(d * (d + 1) / 2.0, log);
        }

        /** One data block and the moment sums: {@code 8(1024d + 2·d(d+1)/2)} bytes. */
        @Override
        public long memoryBytes() {
            return 8L * (1024L * d + (long) d * (d + 1));
        }
    }

    /**
     * The relative Frobenius error of {@code M} and its predicted RMS value {@code sqrt(Σ Var/n)/||H||}, and the
     * upper-triangle entries of {@code M} with their standard errors.
     */
    record Estimate(long n, double error, double predicted, double[] mean, double[] standardError)
            implements java.io.Serializable {
    }

    /**
     * The claim's details.
     *
     * @param target the target's link
     * @param d the dimension
     * @param noiseVariance the label noise variance σ²
     * @param nGrid the sample sizes n
     * @param relativeFrobeniusError {@code ||M − H||_F/||H||_F} at each n
     * @param errorSlope the log-log slope of that error against n
     * @param entries the distinct entries {@code d(d+1)/2} scored at the largest n
     * @param fractionAbsZBelow196 the fraction of their z-scores with {@code |z| < 1.96}
     * @param binomialStandardError the binomial standard error of that fraction
     * @param maxAbsZ the largest {@code |z|}
     * @param bonferroniThreshold the Bonferroni threshold on {@code max|z|}, family-wise level
     *     {@value ExpectedHessianClaim#MAX_Z_LEVEL}
     */
    record Details(String target, int d, double noiseVariance, double[] nGrid, double[] relativeFrobeniusError,
            double errorSlope, int entries, @JsonProperty("fraction_abs_z_below_1_96") double fractionAbsZBelow196,
            double binomialStandardError, double maxAbsZ, double bonferroniThreshold) {
    }

    @Override
    public List<SampleSize> cells(RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        List<SampleSize> cells = new ArrayList<>();
        for (int l = MIN_LOG; l <= z.maxLog(); l++) {
            cells.add(new SampleSize(l, z.maxLog(), z.d()));
        }
        return cells;
    }

    private static Target target(int d, Seeds seeds) {
        return Target.random(TargetSpec.parse(Conventions.MIXED_TARGET), d, seeds.rng(Stream.FRAME));
    }

    @Override
    public Estimate compute(SampleSize cell, RunContext ctx) {
        int d = cell.d();
        Seeds seeds = ctx.seedsFor(ID);
        Target target = target(d, seeds);
        DMatrixRMaj h = target.expectedHessian();
        double hNorm = 0;
        for (double v : h.data) {
            hNorm += v * v;
        }
        hNorm = Math.sqrt(hNorm);
        int entries = d * (d + 1) / 2;
        long n = 1L << cell.log();
        DataSource source = new DataSource(target, NOISE, seeds, Stream.CHECK, 1L << cell.maxLog()).withSize(n);
        double[] acc = HessianEstimator.sums(source, LinearPart.estimate(source, ctx.threads()), ctx.threads());
        double[] mean = new double[entries];
        double[] se = new double[entries];
        double err2 = 0;
        double var2 = 0;
        int e = 0;
        for (int p = 0; p < d; p++) {
            for (int q = p; q < d; q++, e++) {
                mean[e] = acc[e] / n;
                double var = Math.max(acc[entries + e] / n - mean[e] * mean[e], 0);
                se[e] = Math.sqrt(var / n);
                double weight = p == q ? 1 : 2;
                err2 += weight * (mean[e] - h.get(p, q)) * (mean[e] - h.get(p, q));
                var2 += weight * var / n;
            }
        }
        return new Estimate(n, Math.sqrt(err2) / hNorm, Math.sqrt(var2) / hNorm, mean, se);
    }

    @Override
    public ClaimResult reduce(List<Estimate> results, RunContext ctx) {
        int d = Sizes.of(ctx.scale()).d();
        DMatrixRMaj h = target(d, ctx.seedsFor(ID)).expectedHessian();
        int entries = d * (d + 1) / 2;
        Sweep.Builder sweep = Sweep.table("expected-hessian-error", "d", "n", "relative_frobenius_error",
                "predicted_rms_relative_error");
        double[] ns = new double[results.size()];
        double[] errs = new double[ns.length];
        double[] preds = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            Estimate r = results.get(i);
            ns[i] = r.n();
            errs[i] = r.error();
            preds[i] = r.predicted();
            sweep.row(d, r.n(), errs[i], preds[i]);
        }
        Estimate last = results.get(ns.length - 1);
        double[] z = zScores(last, h, 1);
        // negative control: H as read in the physicists' convention, a factor 2 on every second derivative
        double[] zWrong = zScores(last, h, 2);
        Coverage.Result coverage = Coverage.of(z);
        Coverage.Result wrong = Coverage.of(zWrong);
        double threshold = Intervals.bonferroniThreshold(MAX_Z_LEVEL, entries);
        double maxZ = Intervals.maxAbs(z);
        Exponents.PowerLaw fit = Exponents.powerLaw(ns, errs);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(Coverage.COVERAGE, "per-entry z-scores ~ N(0,1): fraction |z| < "
                        + Coverage.Z_COVERAGE + " = " + Coverage.COVERAGE + ", max|z| <= " + Format.fmt(threshold)))
                .measured(Measurement.of(coverage.within(), coverage.standardError(), entries, "fraction "
                        + Format.fmt(coverage.within()) + ", max|z| " + Format.fmt(maxZ) + " over " + entries
                        + " entries at n = " + last.n() + "; error slope " + Format.fmt(fit.slope())))
                .tolerance(Tolerance.of(coverage.tolerance(), "fraction ±" + Format.fmt(coverage.tolerance()) + " ("
                        + Format.fmt(Coverage.SE_ALLOWANCE) + " binomial SE); max|z| Bonferroni at level " + MAX_Z_LEVEL))
                .rationale("The z-scores use the sample standard error, so under the claim they are N(0,1): the fraction inside"
                        + " ±" + Coverage.Z_COVERAGE + " has binomial SE sqrt(" + Coverage.COVERAGE + "·"
                        + Format.fmt(1 - Coverage.COVERAGE) + "/" + entries + ") and the maximum over " + entries
                        + " scores exceeds the Bonferroni threshold with probability <= " + MAX_Z_LEVEL + ".")
                .holds(coverage.holds() && maxZ <= threshold)
                .control("H = E[∇²f*] doubled, as read from the coefficients in the physicists' convention"
                        + " (H_k = 2^{k/2} He_k(√2 z): a factor 2 on second derivatives)",
                        !wrong.holds() || Intervals.maxAbs(zWrong) > threshold,
                        Measurement.of(wrong.within(), wrong.standardError(), entries, "fraction "
                                + Format.fmt(wrong.within()) + ", max|z| " + Format.fmt(Intervals.maxAbs(zWrong))))
                .details(new Details(Conventions.MIXED_TARGET, d, NOISE, ns, errs, fit.slope(), coverage.count(),
                        coverage.within(), coverage.standardError(), maxZ, threshold))
                .sweeps(List.of(sweep.build(), zSweep(last, h, z)))
                .plots(List.of(plot(d, ns, errs, preds)))
                .build();
    }

    /** {@code (M_pq − factor·H_pq)/SE_pq} over the upper triangle. */
    private static double[] zScores(Estimate last, DMatrixRMaj h, double factor) {
        double[] z = new double[last.mean().length];
        int e = 0;
        for (int p = 0; p < h.numRows; p++) {
            for (int q = p; q < h.numRows; q++, e++) {
                z[e] = (last.mean()[e] - factor * h.get(p, q)) / last.standardError()[e];
            }
        }
        return z;
    }

    private static Sweep zSweep(Estimate last, DMatrixRMaj h, double[] z) {
        Sweep.Builder zSweep = Sweep.table("expected-hessian-zscores", "p", "q", "n", "measured", "predicted",
                "standard_error", "z");
        int e = 0;
        for (int p = 0; p < h.numRows; p++) {
            for (int q = p; q < h.numRows; q++, e++) {
                zSweep.row(p, q, last.n(), last.mean()[e], h.get(p, q), last.standardError()[e], z[e]);
            }
        }
        return zSweep.build();
    }

    private static PlotSpec plot(int d, double[] ns, double[] errs, double[] preds) {
        return new PlotSpec("expected-hessian", "mean(ỹ(xxᵀ − I)) vs H (d = " + d + ")", "n (samples)",
                "relative Frobenius error", true, true, List.of(
                        new PlotSpec.Series("measured (one estimate per n)", ns, errs, PlotSpec.Style.LINE_POINTS),
                        new PlotSpec.Series("predicted sqrt(Σ Var/n)/||H||", ns, preds, PlotSpec.Style.DASHED)),
                List.of());
    }
}
