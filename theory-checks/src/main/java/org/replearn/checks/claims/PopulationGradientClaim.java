package org.replearn.checks.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.ReluMoments;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.PopulationGradient;

/**
 * Claim 3 (THEORY §5, §6 "Gradient correctness"): the empirical first-step correlation
 * {@code ĝ_j = (1/n) Σ_i y_i 1[w_j·x_i + b_j > 0] x_i} converges to the exact population value
 * {@code g_j = E[f*(x) 1[w_j·x + b_j > 0] x]} ({@link PopulationGradient#correlation}) at the rate {@code n^{-1/2}},
 * with Gaussian per-coordinate errors.
 *
 * <p>Setup: a degree-3 target on two directions with non-zero constant and linear parts (so every term of the §5
 * formula is exercised), label noise σ² = 0.25, the first {@code K} neurons of a symmetric initialization, nested
 * sample prefixes {@code n = 2^10 … 2^nmax} of one stream.
 *
 * <p>Predictions and tolerances. (i) The relative error {@code e(n) = ||ĝ − g||_F / ||g||_F} has log-log slope
 * {@code −1/2}; tolerance ±0.1, which is about 5 standard errors of the fitted slope here (a sum of {@code K·d}
 * squared Gaussian errors fluctuates by about {@code 1/sqrt(2Kd)} ≈ 3% per point, i.e. ±0.02 on a slope over a
 * 256-fold range of n). (ii) At the largest n the z-scores {@code (ĝ_jp − g_jp)/SE_jp} (SE from the sample variance)
 * are N(0,1): the fraction with {@code |z| < 1.96} is 0.95 within 4 standard errors. The scores are correlated —
 * coordinate {@code p} of every neuron averages the same {@code x_p} over the same samples — so the binomial error
 * {@code sqrt(0.95·0.05/(K·d))} of independent scores understates the spread and would make the verdict depend on
 * the master seed; the statistic is therefore
 * {@link Fits#coverage(double[], int)} with the {@code d} coordinates as clusters (the larger of the binomial and
 * the cluster-robust standard error, both from the data). The tolerance, 4 SE, is unchanged.
 */
public final class PopulationGradientClaim implements Claim {
    /** The claim id. */
    public static final String ID = "population-gradient";
    /** The target link: constant, linear, degree 2 and degree 3 parts on two directions. */
    public static final String TARGET = "0.3 + 0.4*h1(z1) + 0.5*h2(z1) + 0.2*h1(z1)*h1(z2) + 0.4*h1(z1)*h2(z2)"
            + " + 0.3*h3(z2)";
    private static final double NOISE = 0.25;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The empirical first-step correlation (1/n)Σ y 1[w·x+b>0] x converges to the exact population formula of"
                + " THEORY §5 at rate n^(-1/2), with N(0,1) per-coordinate z-scores";
    }

    /** Slope of the relative error against n on a log-log scale. */
    private static final double PREDICTED_SLOPE = -0.5;
    /** Accepted deviation of the fitted slope: about 5 standard errors (class comment). */
    private static final double SLOPE_TOLERANCE = 0.1;
    /** The smallest checkpoint is {@code n = 2^MIN_LOG}; checkpoints double up to {@code 2^maxLog}. */
    private static final int MIN_LOG = 10;

    @Override
    public ClaimResult run(RunContext ctx) {
        int d = ctx.scale().pick(16, 32);
        int neurons = ctx.scale().pick(32, 64);
        int maxLog = ctx.scale().pick(18, 20);
        Seeds seeds = ctx.seedsFor(ID);
        Target target = Target.random(TargetSpec.parse(TARGET), d, seeds.rng(Stream.FRAME));
        TwoLayerNetwork init = SymmetricInit.initialize(2 * neurons, d, seeds, false);
        DMatrixRMaj w = CommonOps_DDRM.extract(init.weights(), 0, neurons, 0, d);
        double[] b = java.util.Arrays.copyOf(init.biases(), neurons);
        double[] exact = exactCorrelations(target, w, b);
        Sweep.Builder sweep = Sweep.table("population-gradient-error", "d", "neurons", "n", "relative_error",
                "predicted_rms_relative_error");
        Moments moments = stream(new DataSource(target, NOISE, seeds, Stream.CHECK, 1L << maxLog), w, b, exact,
                maxLog, (n, rel, predicted, done) -> {
                    sweep.row(d, neurons, n, rel, predicted);
                    ctx.progress().update(done, maxLog - MIN_LOG + 1);
                });
        Fits.PowerLaw fit = Fits.powerLaw(moments.n, moments.errors);
        long nMax = 1L << maxLog;
        double[] z = new double[exact.length];
        Sweep.Builder zSweep = Sweep.table("population-gradient-zscores", "neuron", "coordinate", "n", "measured",
                "predicted", "standard_error", "z");
        for (int e = 0; e < exact.length; e++) {
            double mean = moments.sum[e] / nMax;
            double se = Math.sqrt(Math.max(moments.sumSq[e] / nMax - mean * mean, 0) / nMax);
            z[e] = (mean - exact[e]) / se;
            zSweep.row(e / d, e % d, nMax, mean, exact[e], se, z[e]);
        }
        Fits.Coverage coverage = Fits.coverage(z, d);
        double[] wrongExact = offByOneCorrelations(target, w, b);
        double[] zWrong = new double[exact.length];
        for (int e = 0; e < exact.length; e++) {
            double mean = moments.sum[e] / nMax;
            double se = Math.sqrt(Math.max(moments.sumSq[e] / nMax - mean * mean, 0) / nMax);
            zWrong[e] = (mean - wrongExact[e]) / se;
        }
        Fits.Coverage wrong = Fits.coverage(zWrong, d);
        boolean slopeOk = Math.abs(fit.slope() - PREDICTED_SLOPE) <= SLOPE_TOLERANCE;

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("d", d);
        details.put("neurons", neurons);
        details.put("noise_variance", NOISE);
        details.put("n_grid", moments.n);
        details.put("relative_error", moments.errors);
        details.put("slope", fit.slope());
        details.put("slope_standard_error", fit.slopeStandardError());
        details.put("z_count", z.length);
        details.put("fraction_abs_z_below_1_96", coverage.within());
        details.put("binomial_standard_error", coverage.standardError());
        details.put("max_abs_z", Fits.maxAbs(z));
        return ClaimResult.builder(ID, statement())
                .predicted("log-log slope of error vs n = " + PREDICTED_SLOPE + "; fraction of |z| < " + Fits.Z_COVERAGE
                        + " = " + Fits.COVERAGE)
                .measured("slope " + Fits.fmt(fit.slope()) + " (SE " + Fits.fmt(fit.slopeStandardError()) + "); fraction "
                        + Fits.fmt(coverage.within()) + " of " + z.length + " z-scores at n = " + nMax)
                .tolerance("slope ±" + SLOPE_TOLERANCE + "; fraction ±" + Fits.fmt(coverage.tolerance()) + " ("
                        + Fits.fmt(Fits.SE_ALLOWANCE) + " SE: the larger of the binomial and the cluster-robust one over"
                        + " the " + d + " coordinates)")
                .rationale("The slope of a sum of " + z.length + " squared Gaussian errors fluctuates by about ±0.02 over"
                        + " this range of n, so ±" + SLOPE_TOLERANCE + " is ~5 SE; the fraction of |z| < " + Fits.Z_COVERAGE
                        + " among " + z.length + " scores has binomial SE sqrt(" + Fits.COVERAGE + "·"
                        + Fits.fmt(1 - Fits.COVERAGE) + "/" + z.length + ") if the scores are independent; they are not"
                        + " (every neuron's coordinate p is an average over the same samples x_p), so the SE is the larger"
                        + " of that and the cluster-robust SE over the " + d + " coordinates, computed from the data, and"
                        + " we allow " + Fits.fmt(Fits.SE_ALLOWANCE) + " SE.")
                .holds(slopeOk && coverage.holds())
                .control("THEORY §5 with the ReLU moments m_k off by one (m_{k+1} in place of m_k)", !wrong.holds(),
                        "fraction " + Fits.fmt(wrong.within()) + " of |z| < " + Fits.Z_COVERAGE + ", max|z| "
                                + Fits.fmt(Fits.maxAbs(zWrong)))
                .details(details)
                .sweeps(List.of(sweep.build(), zSweep.build()))
                .plots(List.of(plot(d, moments)))
                .build();
    }

    /** The exact correlations {@code g_j} of THEORY §5 for each row of {@code w}, neuron-major ({@code j·d + p}). */
    private static double[] exactCorrelations(Target target, DMatrixRMaj w, double[] b) {
        int d = w.numCols;
        double[] exact = new double[w.numRows * d];
        double[] row = new double[d];
        for (int j = 0; j < w.numRows; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            System.arraycopy(PopulationGradient.correlation(target, row, b[j]), 0, exact, j * d, d);
        }
        return exact;
    }

    /**
     * The negative control: THEORY §5's correlation with every ReLU moment shifted by one ({@code m_{k+1}} where the
     * formula has {@code m_k}), the off-by-one a hand implementation of the moments easily makes. Deliberately wrong;
     * the claim must reject it.
     */
    private static double[] offByOneCorrelations(Target target, DMatrixRMaj w, double[] b) {
        int d = w.numCols;
        int r = target.rank();
        HermitePolynomial g = target.link();
        int p = g.degree();
        double[] out = new double[w.numRows * d];
        double[] row = new double[d];
        double[] v = new double[r];
        double[] grad = new double[r];
        double[] m = new double[p + 3];
        for (int j = 0; j < w.numRows; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            double s = 0;
            for (double x : row) {
                s += x * x;
            }
            ReluMoments.moments(p + 2, b[j], Math.sqrt(s), m);
            target.project(row, v);
            double[] inSpan = new double[r];
            double along = 0;
            for (int k = 0; k <= p; k++) {
                if (k + 1 <= p) {
                    g.gradQ(k + 1, v, grad);
                    for (int i = 0; i < r; i++) {
                        inSpan[i] += m[k + 1] * grad[i];
                    }
                }
                along += m[k + 2] * g.q(k, v);
            }
            for (int c = 0; c < d; c++) {
                double acc = along * row[c];
                for (int i = 0; i < r; i++) {
                    acc += target.frame().get(i, c) * inSpan[i];
                }
                out[j * d + c] = acc;
            }
        }
        return out;
    }

    /** One checkpoint of {@link #stream}: {@code n}, the measured and the predicted relative error, its index + 1. */
    @FunctionalInterface
    private interface Checkpoint {
        void record(long n, double relativeError, double predictedError, int done);
    }

    /**
     * Sums of {@code y·1[w_j·x + b_j > 0]·x_p} and of their squares over the whole source, with the relative error
     * {@code ||ĝ − g||/||g||} and its prediction {@code sqrt(Σ Var/n)/||g||} at every {@code n = 2^k}.
     */
    private record Moments(double[] sum, double[] sumSq, double[] n, double[] errors, double[] predicted) {
    }

    private static Moments stream(DataSource source, DMatrixRMaj w, double[] b, double[] exact, int maxLog,
            Checkpoint checkpoint) {
        int neurons = w.numRows;
        int d = w.numCols;
        double exactNorm2 = 0;
        for (double v : exact) {
            exactNorm2 += v * v;
        }
        double[] sum = new double[neurons * d];
        double[] sumSq = new double[neurons * d];
        DataSource.Block block = source.newBlock();
        DMatrixRMaj s = new DMatrixRMaj(1, 1);
        int points = maxLog - MIN_LOG + 1;
        double[] ns = new double[points];
        double[] errors = new double[points];
        double[] predicted = new double[points];
        int done = 0;
        long nextCheckpoint = 1L << MIN_LOG;
        for (int k = 0; k < source.blockCount(); k++) {
            source.read(k, block);
            int rows = block.rows();
            s.reshape(rows, neurons, false);
            CommonOps_DDRM.multTransB(block.x, w, s);
            double[] x = block.x.data;
            for (int i = 0; i < rows; i++) {
                double y = block.y[i];
                for (int j = 0; j < neurons; j++) {
                    if (s.data[i * neurons + j] + b[j] > 0) {
                        int off = j * d;
                        for (int p = 0; p < d; p++) {
                            double v = y * x[i * d + p];
                            sum[off + p] += v;
                            sumSq[off + p] += v * v;
                        }
                    }
                }
            }
            long seen = (long) (k + 1) * DataSource.BLOCK_ROWS;
            if (seen == nextCheckpoint) {
                double err2 = 0;
                double var = 0;
                for (int e = 0; e < sum.length; e++) {
                    double mean = sum[e] / seen;
                    err2 += (mean - exact[e]) * (mean - exact[e]);
                    var += sumSq[e] / seen - mean * mean;
                }
                ns[done] = seen;
                errors[done] = Math.sqrt(err2 / exactNorm2);
                predicted[done] = Math.sqrt(var / seen / exactNorm2);
                done++;
                checkpoint.record(seen, errors[done - 1], predicted[done - 1], done);
                nextCheckpoint *= 2;
            }
        }
        return new Moments(sum, sumSq, ns, errors, predicted);
    }

    /** Measured and predicted error against n, with the {@code n^(-1/2)} line through the measured points. */
    private static PlotSpec plot(int d, Moments m) {
        double c = 0;
        for (int i = 0; i < m.n.length; i++) {
            c += Math.log(m.errors[i] * Math.sqrt(m.n[i]));
        }
        c = Math.exp(c / m.n.length);
        double[] ref = new double[m.n.length];
        for (int i = 0; i < m.n.length; i++) {
            ref[i] = c / Math.sqrt(m.n[i]);
        }
        return new PlotSpec("population-gradient", "Empirical vs exact first-step correlation (d = " + d + ")",
                "n (samples)", "relative error ||ĝ - g|| / ||g||", true, true, List.of(
                        new PlotSpec.Series("measured", m.n, m.errors, PlotSpec.Style.LINE_POINTS),
                        new PlotSpec.Series("predicted sqrt(Σ Var/n)/||g||", m.n, m.predicted, PlotSpec.Style.DASHED),
                        new PlotSpec.Series("n^(-1/2)", m.n, ref, PlotSpec.Style.DASHED)),
                List.of());
    }
}
