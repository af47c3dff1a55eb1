package org.replearn.checks.claims.paper;

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
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Replicate;
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Step;
import org.replearn.checks.claims.stats.Coverage;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.PopulationGradient;
import org.replearn.core.training.NetworkConfig;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.Problem;

/**
 * Claim 3 (docs/math.md §4, §5): the first step of Algorithm 1 as users run it
 * ({@link org.replearn.core.training.OneStepLearner#firstStep(Problem)}: the learner's symmetric initialization,
 * empirical {@code α̂, β̂} ({@code LinearPart}), the fused loss gradient, a fixed learning rate {@code η}, biases
 * kept) is {@code W¹_j = −η ∇_{w_j} L = 2η a_j ĝ_j} because {@code f_θ0 ≡ 0}, and {@code ĝ_j = W¹_j/(2η a_j)}
 * ({@link EmpiricalCorrelation}) converges to the exact population value
 * {@code g_j = E[(f* − α − β·x) 1[w_j·x + b_j > 0] x]} of docs/math.md §5 ({@link PopulationGradient#correlations}
 * of the target without its degree-0 and degree-1 parts) at the rate {@code n^{-1/2}}, with N(0,1) z-scores.
 *
 * <p>Setup: the {@link Conventions#MIXED_TARGET} link (constant and linear parts, so step 2 matters), label noise
 * σ² = 0.25, width {@code m = 2K} (its {@code K} distinct neurons are judged: neuron {@code j + K} mirrors
 * {@code j}), the learner run on nested prefixes {@code n = 2^10 … 2^nmax} of one training sample; {@code R}
 * independent replicates (own frame, initialization and samples).
 *
 * <p>Statistics and tolerances, both from the data. (i) The relative error {@code ||ĝ − g||_F / ||g||_F} has log-log
 * slope {@code −1/2} ({@code E||ĝ − g||² = Σ Var ψ/n} to first order): fitted per replicate and averaged
 * ({@link Exponents#seedSlope}), tolerance {@code t_{1−5e-4,R−1}·SE} (two-sided level 1e-3), no allowance. (ii) At the largest n the
 * z-scores {@code (ĝ_jp − g_jp)/SE_jp} are N(0,1), with {@code SE_jp² = Var ψ_jp / n} for the delta-method
 * influence term ψ of the estimator with empirical {@code α̂, β̂}, streamed by the claim over the same sample
 * ({@link CorrelationInfluence}); the fraction with {@code |z| < 1.96} is 0.95 within 4 standard errors, the larger
 * of the binomial and the cluster-robust one over the replicates ({@link Coverage#of(double[], int)}): scores of one
 * replicate share its samples and {@code α̂, β̂}, those of different replicates do not. The exact {@code O(1/n)}
 * bias is reported against the SE.
 *
 * <p>Controls, judged by the same checks and SEs: the ReLU moments off by one ({@link OffByOneCorrelation}); the
 * same first step on the raw labels {@code y} (step 2 skipped), whose mean carries the extra
 * {@code α m_1 w + m_0 β + m_2 (w·β) w}. Cells: one per replicate.
 */
public final class PopulationGradientClaim implements Claim<PopulationGradientClaim.Run, Replicate> {
    /** The claim id. */
    public static final String ID = "population-gradient";
    private static final double NOISE = 0.25;
    /** The first step's fixed learning rate {@code η}; {@code ĝ = W¹/(2η a)} does not depend on it. */
    static final double LEARNING_RATE = 0.75;
    /** Slope of the relative error against n on a log-log scale. */
    static final double PREDICTED_SLOPE = -0.5;
    /** The smallest checkpoint is {@code n = 2^MIN_LOG}; checkpoints double up to {@code 2^maxLog}. */
    private static final int MIN_LOG = 10;
    /** The estimate and the prediction it is compared with: the claim, then its two negative controls. */
    static final int LEARNER = 0;
    static final int OFF_BY_ONE = 1;
    static final int RAW_LABELS = 2;
    private static final String[] VARIANTS = {"the learner's first step vs docs/math.md §5",
        "docs/math.md §5 with the ReLU moments m_k off by one (m_{k+1} in place of m_k)",
        "the first step on raw labels y (no de-linearization) vs docs/math.md §5 for de-linearized labels"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The learner's first step W¹ = 2η a ĝ (Algorithm 1: its initialization, empirical de-linearization and"
                + " gradient) gives a correlation ĝ that converges to the exact population formula of docs/math.md §5"
                + " at rate n^(-1/2), with N(0,1) per-coordinate z-scores";
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

        /**
         * {@code 2^maxLog · d · K}: every pass is proportional to it (the ψ pass over {@code 2^maxLog} samples, and
         * the learner's and the raw-label steps on prefixes of {@code 2·2^maxLog} samples in all, {@code 8dK} flops
         * per sample each).
         */
        @Override
        public double work() {
            return Math.scalb((double) d * neurons, maxLog);
        }

        /**
         * A data block with its pre-activations and about 16 arrays of {@code K×d} (the ψ sums, the comparisons, the
         * learner's {@code 2K×d} layers and gradient sums): {@code 8(1024(d + K) + 16dK)} bytes.
         */
        @Override
        public long memoryBytes() {
            return 8L * (1024L * (d + neurons) + 16L * d * neurons);
        }
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

    /**
     * The replicate's own frame, initialization and training sample: the learner's first step at every checkpoint,
     * ψ's variances streamed over the same sample.
     */
    @Override
    public Replicate compute(Run cell, RunContext ctx) {
        Seeds seeds = ctx.seedsFor(ID).child(cell.replicate());
        HermitePolynomial link = TargetSpec.parse(Conventions.MIXED_TARGET);
        Target target = Target.random(link, cell.d(), seeds.rng(Stream.FRAME));
        Target delinearized = target.withLink(link.withoutDegreesBelow(2));
        OneStepConfig config = new OneStepConfig(NetworkConfig.defaults(2 * cell.neurons(), ctx.threads()),
                LEARNING_RATE, false);
        TwoLayerNetwork init = SymmetricInit.initialize(config.network().width(), cell.d(), seeds,
                config.network().unitSphere());
        DMatrixRMaj w = CommonOps_DDRM.extract(init.weights(), 0, cell.neurons(), 0, cell.d());
        double[] b = Arrays.copyOf(init.biases(), cell.neurons());
        double[] exact = PopulationGradient.correlations(delinearized, w, b).data;
        Comparison[] comparisons = new Comparison[VARIANTS.length];
        comparisons[LEARNER] = new Comparison(Step.LEARNER, exact);
        comparisons[OFF_BY_ONE] = new Comparison(Step.LEARNER, OffByOneCorrelation.of(delinearized, w, b));
        comparisons[RAW_LABELS] = new Comparison(Step.RAW_LABELS, exact);
        Problem problem = new Problem(target, NOISE, 1L << cell.maxLog(), 1, seeds);
        CorrelationInfluence.Result influence = CorrelationInfluence.stream(problem.train(), target.mean(),
                target.linearCoefficient(), w, b, MIN_LOG);
        return EmpiricalCorrelation.measure(config, problem, init, cell.neurons(), influence, comparisons);
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
        Exponents.SeedSlope slope = verdicts[LEARNER].slope();
        Coverage.Result coverage = verdicts[LEARNER].coverage();
        long nMax = 1L << sizes.maxLog();
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(PREDICTED_SLOPE, "log-log slope of error vs n = " + PREDICTED_SLOPE
                        + "; fraction of |z| < " + Coverage.Z_COVERAGE + " = " + Coverage.COVERAGE))
                .measured(Measurement.of(slope.slope(), slope.standardError(), replicates, "slope "
                        + Format.fmt(slope.slope()) + " (SE " + Format.fmt(slope.standardError()) + " over "
                        + replicates + " replicates); fraction " + Format.fmt(coverage.within()) + " of "
                        + replicates * scores + " z-scores at n = " + nMax))
                .tolerance(Tolerance.of(slope.halfWidth(), "slope ±" + Format.fmt(slope.halfWidth())
                        + " (t_{1−5e-4," + (replicates - 1) + "} " + Format.fmt(slope.criticalValue()) + " × SE);"
                        + " fraction ±" + Format.fmt(coverage.tolerance()) + " (" + Format.fmt(Coverage.SE_ALLOWANCE)
                        + " SE: the larger of the binomial and the cluster-robust one over the " + replicates
                        + " replicates)"))
                .rationale("ĝ − g is to first order the mean of n i.i.d. influence terms ψ (the empirical α̂, β̂"
                        + " included), so E||ĝ − g||² = Σ Var ψ/n and the slope is −1/2 with no allowance (the exact"
                        + " O(1/n) bias is reported against the SE); each replicate (own U, initialization, samples)"
                        + " gives its own slope, and their spread is the SE (Student t, " + (replicates - 1) + " df)."
                        + " SE_jp = sqrt(Var ψ_jp/n) from the claim's own pass over the same samples. The " + scores
                        + " z-scores of one replicate are correlated (they share its samples and α̂, β̂), those of"
                        + " different replicates are not: the SE of the coverage is the cluster-robust one over"
                        + " replicates (at least the binomial sqrt(0.95·0.05/N)), and we allow "
                        + Format.fmt(Coverage.SE_ALLOWANCE) + " SE.")
                .holds(verdicts[LEARNER].holds())
                .control(VARIANTS[OFF_BY_ONE], !verdicts[OFF_BY_ONE].holds(),
                        verdicts[OFF_BY_ONE].measurement(replicates))
                .control(VARIANTS[RAW_LABELS], !verdicts[RAW_LABELS].holds(),
                        verdicts[RAW_LABELS].measurement(replicates))
                .details(PopulationGradientDetails.of(sizes.d(), sizes.neurons(), NOISE, LEARNING_RATE, reps,
                        verdicts))
                .sweeps(PopulationGradientTables.sweeps(reps, sizes.d(), sizes.neurons(), 1L << sizes.maxLog()))
                .plots(List.of(PopulationGradientTables.plot(reps, sizes.d())))
                .build();
    }
}
