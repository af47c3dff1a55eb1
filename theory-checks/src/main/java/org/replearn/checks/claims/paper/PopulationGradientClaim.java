package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Comparison;
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Labels;
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Replicate;
import org.replearn.checks.claims.stats.Coverage;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.PopulationGradient;

/**
 * Claim 3 (docs/math.md §5, §6 "Gradient correctness"): the empirical first-step correlation on de-linearized labels,
 * {@code ĝ_j = (1/n) Σ_i ỹ_i 1[w_j·x_i + b_j > 0] x_i} with {@code ỹ = y − α − β·x} ({@link EmpiricalCorrelation}),
 * converges to the exact population value {@code g_j = E[(f* − α − β·x) 1[w_j·x + b_j > 0] x]} of docs/math.md §5
 * ({@link PopulationGradient#correlations} of the target without its degree-0 and degree-1 parts) at the rate
 * {@code n^{-1/2}}, with N(0,1) per-coordinate z-scores.
 *
 * <p>Setup: the {@link Conventions#MIXED_TARGET} link, label noise σ² = 0.25, the first {@code K} neurons of a symmetric
 * initialization, nested sample prefixes {@code n = 2^10 … 2^nmax}; {@code R} independent replicates (own frame,
 * initialization and samples). The labels are de-linearized with the exact {@code α = E f* = c_0} and
 * {@code β = E[f* x] = C_1}, so each {@code ĝ_jp} is an i.i.d. mean whose standard error the sample variance gives
 * exactly (Algorithm 1's empirical {@code α̂, β̂} would add an {@code O(n^{-1/2})} term the variance misses).
 *
 * <p>Statistics and tolerances, both from the data. (i) The relative error {@code ||ĝ − g||_F / ||g||_F} has log-log
 * slope {@code −1/2} (exact: {@code E||ĝ − g||² = Σ Var/n}): fitted per replicate and averaged
 * ({@link Exponents#seedSlope}), tolerance {@code t_{0.975,R−1}·SE}, no allowance. (ii) At the largest n the z-scores
 * {@code (ĝ_jp − g_jp)/SE_jp} are N(0,1): the fraction with {@code |z| < 1.96} is 0.95 within 4 standard errors, the
 * larger of the binomial and the cluster-robust one over the replicates ({@link Coverage#of(double[], int)}): scores
 * of one replicate are correlated (every neuron's coordinate p averages the same {@code y x_p}), those of different
 * replicates are not.
 *
 * <p>Controls, judged by the same checks: the ReLU moments off by one ({@link OffByOneCorrelation}); the raw labels
 * {@code y}, whose mean carries the extra {@code α m_1 w + m_0 β + m_2 (w·β) w}. Cells: one per replicate.
 */
public final class PopulationGradientClaim implements Claim<PopulationGradientClaim.Run, Replicate> {
    /** The claim id. */
    public static final String ID = "population-gradient";
    private static final double NOISE = 0.25;
    /** Slope of the relative error against n on a log-log scale. */
    static final double PREDICTED_SLOPE = -0.5;
    /** The smallest checkpoint is {@code n = 2^MIN_LOG}; checkpoints double up to {@code 2^maxLog}. */
    private static final int MIN_LOG = 10;
    /** The estimate and the prediction it is compared with: the claim, then its two negative controls. */
    static final int DELINEARIZED = 0;
    static final int OFF_BY_ONE = 1;
    static final int RAW_LABELS = 2;
    private static final String[] VARIANTS = {"de-linearized labels vs docs/math.md §5",
        "docs/math.md §5 with the ReLU moments m_k off by one (m_{k+1} in place of m_k)",
        "raw labels y (no de-linearization) vs docs/math.md §5 for de-linearized labels"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The empirical first-step correlation (1/n)Σ ỹ 1[w·x+b>0] x on de-linearized labels converges to the exact"
                + " population formula of docs/math.md §5 at rate n^(-1/2), with N(0,1) per-coordinate z-scores";
    }

    /** The sizes: d, neurons K, the largest {@code log2 n} and replicates R; paper scale adds two octaves of n. */
    private record Sizes(int d, int neurons, int maxLog, int replicates) {
        static Sizes of(Scale scale) {
            return new Sizes(scale.pick(16, 32, 32), scale.pick(32, 64, 64), scale.pick(18, 20, 22),
                    scale.pick(12, 16, 16));
        }
    }

    /** One replicate. */
    record Run(int replicate, int d, int neurons, int maxLog) implements Cell {
        @Override
        public String key() {
            return "r" + replicate;
        }

        /** Multiply-adds of the streamed correlation, {@code 2^maxLog · d · K}. */
        @Override
        public double work() {
            return Math.scalb((double) d * neurons, maxLog);
        }

        /** One data block and the per-checkpoint sums: {@code 8(1024(d + K) + 4dK)} bytes. */
        @Override
        public long memoryBytes() {
            return 8L * (1024L * (d + neurons) + 4L * d * neurons);
        }
    }

    /**
     * The checks of the two negative controls.
     *
     * @param offByOne the ReLU moments off by one
     * @param rawLabels the raw labels y
     */
    record Controls(PopulationGradientVerdict.Check offByOne, PopulationGradientVerdict.Check rawLabels) {
    }

    /**
     * The claim's details: configuration, the checks on the de-linearized labels (flat) and the controls' checks.
     *
     * @param target the target's link
     * @param d the dimension
     * @param neurons the neurons K
     * @param replicates the replicates R
     * @param noiseVariance the label noise variance σ²
     * @param nGrid the checkpoints n
     * @param zCount the z-scores at the largest n, {@code R·K·d}
     * @param check the checks on the de-linearized labels
     * @param slopeCriticalValue {@code t_{0.975,R−1}}
     * @param slopePerReplicate each replicate's slope
     * @param controls the controls' checks
     */
    record Details(String target, int d, int neurons, int replicates, double noiseVariance, double[] nGrid,
            int zCount, @JsonUnwrapped PopulationGradientVerdict.Check check, double slopeCriticalValue,
            double[] slopePerReplicate, Controls controls) {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        List<Run> cells = new ArrayList<>();
        for (int rho = 0; rho < z.replicates(); rho++) {
            cells.add(new Run(rho, z.d(), z.neurons(), z.maxLog()));
        }
        return cells;
    }

    /** The replicate's own frame, first {@code K} neurons of a symmetric initialization and sample, streamed. */
    @Override
    public Replicate compute(Run cell, RunContext ctx) {
        Seeds seeds = ctx.seedsFor(ID).child(cell.replicate());
        HermitePolynomial link = TargetSpec.parse(Conventions.MIXED_TARGET);
        Target target = Target.random(link, cell.d(), seeds.rng(Stream.FRAME));
        Target delinearized = target.withLink(link.withoutDegreesBelow(2));
        TwoLayerNetwork init = SymmetricInit.initialize(2 * cell.neurons(), cell.d(), seeds, false);
        DMatrixRMaj w = CommonOps_DDRM.extract(init.weights(), 0, cell.neurons(), 0, cell.d());
        double[] b = Arrays.copyOf(init.biases(), cell.neurons());
        double[] exact = PopulationGradient.correlations(delinearized, w, b).data;
        Comparison[] comparisons = new Comparison[VARIANTS.length];
        comparisons[DELINEARIZED] = new Comparison(Labels.DELINEARIZED, exact);
        comparisons[OFF_BY_ONE] = new Comparison(Labels.DELINEARIZED, OffByOneCorrelation.of(delinearized, w, b));
        comparisons[RAW_LABELS] = new Comparison(Labels.RAW, exact);
        DataSource source = new DataSource(target, NOISE, seeds, Stream.CHECK, 1L << cell.maxLog());
        return EmpiricalCorrelation.measure(source, target.mean(), target.linearCoefficient(), w, b, MIN_LOG,
                comparisons);
    }

    @Override
    public ClaimResult reduce(List<Replicate> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        Replicate[] reps = results.toArray(Replicate[]::new);
        int replicates = sizes.replicates();
        int scores = sizes.neurons() * sizes.d();
        PopulationGradientVerdict[] verdicts = new PopulationGradientVerdict[VARIANTS.length];
        for (int v = 0; v < VARIANTS.length; v++) {
            verdicts[v] = PopulationGradientVerdict.of(reps, v);
        }
        Exponents.SeedSlope slope = verdicts[DELINEARIZED].slope();
        Coverage.Result coverage = verdicts[DELINEARIZED].coverage();
        long nMax = 1L << sizes.maxLog();
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(PREDICTED_SLOPE, "log-log slope of error vs n = " + PREDICTED_SLOPE
                        + "; fraction of |z| < " + Coverage.Z_COVERAGE + " = " + Coverage.COVERAGE))
                .measured(Measurement.of(slope.slope(), slope.standardError(), replicates, "slope "
                        + Format.fmt(slope.slope()) + " (SE " + Format.fmt(slope.standardError()) + " over "
                        + replicates + " replicates); fraction " + Format.fmt(coverage.within()) + " of "
                        + replicates * scores + " z-scores at n = " + nMax))
                .tolerance(Tolerance.of(slope.halfWidth(), "slope ±" + Format.fmt(slope.halfWidth())
                        + " (t_{0.975," + (replicates - 1) + "} " + Format.fmt(slope.criticalValue()) + " × SE);"
                        + " fraction ±" + Format.fmt(coverage.tolerance()) + " (" + Format.fmt(Coverage.SE_ALLOWANCE)
                        + " SE: the larger of the binomial and the cluster-robust one over the " + replicates
                        + " replicates)"))
                .rationale("E||ĝ − g||² = Σ Var/n exactly for an i.i.d. mean, so the slope is −1/2 with no allowance;"
                        + " each replicate (own U, initialization, samples) gives its own slope, and their spread is the"
                        + " SE (Student t, " + (replicates - 1) + " df). The " + scores + " z-scores of one replicate are"
                        + " correlated (every neuron's coordinate p averages the same y x_p), those of different"
                        + " replicates are not: the SE of the coverage is the cluster-robust one over replicates (at"
                        + " least the binomial sqrt(0.95·0.05/N)), and we allow " + Format.fmt(Coverage.SE_ALLOWANCE) + " SE.")
                .holds(verdicts[DELINEARIZED].holds())
                .control(VARIANTS[OFF_BY_ONE], !verdicts[OFF_BY_ONE].holds(), verdicts[OFF_BY_ONE].measurement(replicates))
                .control(VARIANTS[RAW_LABELS], !verdicts[RAW_LABELS].holds(), verdicts[RAW_LABELS].measurement(replicates))
                .details(details(sizes, reps, verdicts))
                .sweeps(PopulationGradientTables.sweeps(reps, sizes.d(), sizes.neurons(), 1L << sizes.maxLog()))
                .plots(List.of(PopulationGradientTables.plot(reps, sizes.d())))
                .build();
    }

    /** The details of the claim (the de-linearized labels) and of its controls. */
    private static Details details(Sizes sizes, Replicate[] reps, PopulationGradientVerdict[] verdicts) {
        Exponents.SeedSlope slope = verdicts[DELINEARIZED].slope();
        return new Details(Conventions.MIXED_TARGET, sizes.d(), sizes.neurons(), sizes.replicates(), NOISE,
                reps[0].n(), sizes.replicates() * sizes.neurons() * sizes.d(), verdicts[DELINEARIZED].check(),
                slope.criticalValue(), slope.perSeed(),
                new Controls(verdicts[OFF_BY_ONE].check(), verdicts[RAW_LABELS].check()));
    }
}
