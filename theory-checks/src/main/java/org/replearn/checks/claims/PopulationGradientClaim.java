package org.replearn.checks.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.target.Target;
import org.replearn.core.target.TargetSpec;
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
 * are N(0,1): the fraction with {@code |z| < 1.96} is 0.95 within 4 binomial standard errors
 * {@code 4·sqrt(0.95·0.05/(K·d))}. Coordinates of one neuron are weakly correlated, which widens the true spread a
 * little; 4 SE keeps the false-alarm rate below 1e-4 for independent scores.
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

    @Override
    public ClaimResult run(RunContext ctx) {
        int d = ctx.scale().pick(16, 32);
        int neurons = ctx.scale().pick(32, 64);
        int maxLog = ctx.scale().pick(18, 20);
        int minLog = 10;
        Seeds seeds = ctx.seedsFor(ID);
        Target target = Target.random(TargetSpec.parse(TARGET), d, seeds.rng(Stream.FRAME));
        TwoLayerNetwork init = SymmetricInit.initialize(2 * neurons, d, seeds, false);
        DMatrixRMaj w = CommonOps_DDRM.extract(init.weights(), 0, neurons, 0, d);
        double[] b = java.util.Arrays.copyOf(init.biases(), neurons);
        double[] exact = new double[neurons * d];
        double exactNorm2 = 0;
        double[] row = new double[d];
        for (int j = 0; j < neurons; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            double[] gj = PopulationGradient.correlation(target, row, b[j]);
            System.arraycopy(gj, 0, exact, j * d, d);
            for (double v : gj) {
                exactNorm2 += v * v;
            }
        }

        long nMax = 1L << maxLog;
        DataSource source = new DataSource(target, NOISE, seeds, Stream.CHECK, nMax);
        double[] sum = new double[neurons * d];
        double[] sumSq = new double[neurons * d];
        DataSource.Block block = source.newBlock();
        DMatrixRMaj s = new DMatrixRMaj(1, 1);
        List<Double> ns = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        List<Double> predictedErrors = new ArrayList<>();
        Sweep.Builder sweep = Sweep.table("population-gradient-error", "d", "neurons", "n", "relative_error",
                "predicted_rms_relative_error");
        long nextCheckpoint = 1L << minLog;
        for (int k = 0; k < source.blockCount(); k++) {
            source.read(k, block);
            int rows = block.rows;
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
                double rel = Math.sqrt(err2 / exactNorm2);
                double predicted = Math.sqrt(var / seen / exactNorm2);
                ns.add((double) seen);
                errors.add(rel);
                predictedErrors.add(predicted);
                sweep.row(d, neurons, seen, rel, predicted);
                nextCheckpoint *= 2;
                ctx.progress().update(ns.size(), maxLog - minLog + 1);
            }
        }
        double[] nArr = ns.stream().mapToDouble(Double::doubleValue).toArray();
        double[] eArr = errors.stream().mapToDouble(Double::doubleValue).toArray();
        double[] pArr = predictedErrors.stream().mapToDouble(Double::doubleValue).toArray();
        Fits.PowerLaw fit = Fits.powerLaw(nArr, eArr);

        double[] z = new double[sum.length];
        Sweep.Builder zSweep = Sweep.table("population-gradient-zscores", "neuron", "coordinate", "n", "measured",
                "predicted", "standard_error", "z");
        for (int e = 0; e < sum.length; e++) {
            double mean = sum[e] / nMax;
            double se = Math.sqrt(Math.max(sumSq[e] / nMax - mean * mean, 0) / nMax);
            z[e] = (mean - exact[e]) / se;
            zSweep.row(e / d, e % d, nMax, mean, exact[e], se, z[e]);
        }
        double within = Fits.fractionWithin(z, 1.96);
        double binomialSe = Fits.binomialStandardError(0.95, z.length);
        boolean slopeOk = Math.abs(fit.slope() + 0.5) <= 0.1;
        boolean zOk = Math.abs(within - 0.95) <= 4 * binomialSe;

        double c = 0;
        for (int i = 0; i < nArr.length; i++) {
            c += Math.log(eArr[i] * Math.sqrt(nArr[i]));
        }
        c = Math.exp(c / nArr.length);
        double[] ref = new double[nArr.length];
        for (int i = 0; i < nArr.length; i++) {
            ref[i] = c / Math.sqrt(nArr[i]);
        }
        PlotSpec plot = new PlotSpec("population-gradient", "Empirical vs exact first-step correlation (d = " + d + ")",
                "n (samples)", "relative error ||ĝ - g|| / ||g||", true, true, List.of(
                        new PlotSpec.Series("measured", nArr, eArr, PlotSpec.Style.LINE_POINTS),
                        new PlotSpec.Series("predicted sqrt(Σ Var/n)/||g||", nArr, pArr, PlotSpec.Style.DASHED),
                        new PlotSpec.Series("n^(-1/2)", nArr, ref, PlotSpec.Style.DASHED)),
                List.of());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("d", d);
        details.put("neurons", neurons);
        details.put("noise_variance", NOISE);
        details.put("n_grid", nArr);
        details.put("relative_error", eArr);
        details.put("slope", fit.slope());
        details.put("slope_standard_error", fit.slopeStandardError());
        details.put("z_count", z.length);
        details.put("fraction_abs_z_below_1_96", within);
        details.put("binomial_standard_error", binomialSe);
        details.put("max_abs_z", Fits.maxAbs(z));
        return ClaimResult.builder(ID, statement())
                .predicted("log-log slope of error vs n = -0.5; fraction of |z| < 1.96 = 0.95")
                .measured("slope " + Fits.fmt(fit.slope()) + " (SE " + Fits.fmt(fit.slopeStandardError()) + "); fraction "
                        + Fits.fmt(within) + " of " + z.length + " z-scores at n = " + nMax)
                .tolerance("slope ±0.1; fraction ±" + Fits.fmt(4 * binomialSe) + " (4 binomial SE)")
                .rationale("The slope of a sum of " + z.length + " squared Gaussian errors fluctuates by about ±0.02 over this range"
                        + " of n, so ±0.1 is ~5 SE; the fraction of |z| < 1.96 among " + z.length
                        + " scores has binomial SE sqrt(0.95·0.05/" + z.length + ") and we allow 4 SE.")
                .holds(slopeOk && zOk)
                .details(details)
                .sweeps(List.of(sweep.build(), zSweep.build()))
                .plots(List.of(plot))
                .build();
    }
}
