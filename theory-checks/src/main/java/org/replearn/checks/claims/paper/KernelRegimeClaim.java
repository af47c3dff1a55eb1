package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.Problem;

/**
 * Claim 6 (docs/math.md §6 "Kernel regime" and §8), two-sided: on {@code single-h4} rotation-invariant kernel ridge
 * (ReLU NTK, Gaussian) at {@code n = 4d²}, between {@code d²} and {@code d³}, has the error its deterministic
 * equivalent predicts ({@link KernelEquivalent}: the finite-d plateau, below {@code E₄}, plus the excess at that n);
 * random features of width 256 have an exact floor ({@link BestHead}) {@code >= E₄}; and the one-step network reaches
 * {@code <= E₄/2} at {@code n = 64d²}, below the kernels' plateau.
 *
 * <p>Kernels: {@value #KERNEL_REPLICATES} replicates per (kernel, d) at the equivalent's best ridge, judged as in
 * {@link KernelCurveTable}. Random features: floor {@code >= E₄ − 1e-9}, fitted error {@code >= floor − 1e-9}.
 * The ReLU NTK itself against its definition, the network's tangent kernel at initialization ({@link NtkDefinition}).
 * Controls: a frozen random first layer at {@code n = 64d²} (one-step check); the predictor {@code α̂ + β̂·x} and
 * random features at the kernels' n (kernels' check); the ReLU NNGP (definition check). Cells: one per (method, d, n),
 * per replicate for the kernels, one definition check per kernel d.
 */
public final class KernelRegimeClaim implements Claim<KernelRegimeRun, KernelRegimePoint> {
    /** The claim id. */
    public static final String ID = "kernel-regime";
    static final String TARGET = "single-h4";
    static final int WIDTH = 256;
    static final double ONE_STEP_RATIO = 64;
    static final double PLATEAU_RATIO = 4;
    static final long KERNEL_TEST = 20_000;
    static final double ROUNDING = 1e-9;
    static final int KERNEL_REPLICATES = 8;
    /** The child of the claim's seeds under which the kernels' replicates draw their own frames and data. */
    static final long KERNEL_REPLICATES_STREAM = 1_000_000;
    static final double COVERAGE = 0.95;
    static final double[] ONE_STEP_RATIOS = {1, 4, 16, ONE_STEP_RATIO};
    static final double[] RF_RATIOS = {1, 4, 16};
    static final double[] KERNEL_RATIOS = {1, PLATEAU_RATIO};
    static final String ONE_STEP = Experiment.Method.ONE_STEP.label();
    static final String RANDOM_FEATURES = Experiment.Method.RANDOM_FEATURES.label();
    static final String FLOOR = "random-features-floor";
    static final String CONTROL = "control";
    static final String RF_CONTROL = "random-features-at-kernel-n";
    static final String NTK_DEFINITION = "ntk-definition";
    /** The child of the claim's seeds under which the NTK's definition check draws its network and pairs. */
    static final long NTK_DEFINITION_STREAM = 2_000_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Rotation-invariant kernel ridge regression (ReLU NTK, Gaussian) at n = 4d² has the error its deterministic"
                + " equivalent predicts (the finite-d plateau below E₄ plus the excess at that n), random features of"
                + " width 256 have an exact floor >= E₄, and the one-step network reaches <= E₄/2 at n = 64d²";
    }

    /** The sizes at a scale: the networks' d and the kernels' d. */
    record Sizes(int[] netDims, int[] kernelDims) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(new int[] {12, 16}, new int[] {16, 24}),
                    s.pick(new int[] {24}, new int[] {24, 32}));
        }
    }

    @Override
    public List<KernelRegimeRun> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<KernelRegimeRun> cells = new ArrayList<>();
        for (int d : sizes.kernelDims()) {
            cells.add(new KernelRegimeRun(NTK_DEFINITION, d, 0));
        }
        for (int d : sizes.netDims()) {
            cells.add(new KernelRegimeRun(FLOOR, d, 0));
            for (double ratio : ONE_STEP_RATIOS) {
                cells.add(new KernelRegimeRun(ONE_STEP, d, ratio));
            }
            for (double ratio : RF_RATIOS) {
                cells.add(new KernelRegimeRun(RANDOM_FEATURES, d, ratio));
            }
        }
        for (int d : sizes.kernelDims()) {
            for (KernelEquivalent.Kind kind : KernelEquivalent.Kind.values()) {
                for (double ratio : KERNEL_RATIOS) {
                    for (int rep = 0; rep < KERNEL_REPLICATES; rep++) {
                        cells.add(new KernelRegimeRun(kind.label(), d, ratio, rep));
                    }
                }
            }
            cells.add(new KernelRegimeRun(RF_CONTROL, d, PLATEAU_RATIO));
        }
        cells.add(new KernelRegimeRun(CONTROL, sizes.netDims()[sizes.netDims().length - 1], ONE_STEP_RATIO));
        return cells;
    }

    @Override
    public KernelRegimePoint compute(KernelRegimeRun cell, RunContext ctx) {
        int d = cell.d();
        Seeds sd = ctx.seedsFor(ID).child(d);
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        if (cell.method().equals(NTK_DEFINITION)) {
            NtkDefinition check = NtkDefinition.of(d, sd.child(NTK_DEFINITION_STREAM));
            return new KernelRegimePoint(Intervals.maxAbs(check.z()), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    check);
        }
        Target target = Target.random(g, d, sd.rng(Stream.FRAME));
        if (cell.method().equals(FLOOR)) {
            // the first layer RandomFeaturesLearner freezes: the same seeds, width and initialization
            TwoLayerNetwork frozen = SymmetricInit.initialize(WIDTH, d, sd, false);
            double floor = BestHead.of(frozen.weights(), frozen.biases(), target, true).relative();
            return new KernelRegimePoint(floor, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (cell.method().equals(RF_CONTROL)) {
            // random features at the kernels' d and n: judged by the kernels' check, which must reject them
            Problem problem = new Problem(target, 0.0, cell.n(), Conventions.VALIDATION_SAMPLES, sd);
            return network(Experiment.Method.RANDOM_FEATURES, problem, ctx);
        }
        if (cell.method().equals(CONTROL)) {
            // the one-step check on a frozen random first layer (random features) at n = 64d²
            Problem problem = new Problem(target, 0.0, cell.n(), Conventions.VALIDATION_SAMPLES, sd);
            return network(Experiment.Method.RANDOM_FEATURES, problem, ctx);
        }
        Problem problem = new Problem(target, 0.0, d * d, Conventions.VALIDATION_SAMPLES, sd).withN(cell.n());
        if (!cell.kernel()) {
            return network(Experiment.Method.parse(cell.method()), problem, ctx);
        }
        Seeds replicate = sd.child(KERNEL_REPLICATES_STREAM).child(cell.replicate());
        Target own = Target.random(g, d, replicate.rng(Stream.FRAME));
        double lambda = KernelEquivalent.of(cell.kind(), g, d, KernelLearningCurveClaim.maxDegree(d))
                .predict(cell.n()).lambda();
        KernelRidgeReplicate fit = KernelRidgeReplicate.measure(cell.kind(), new Problem(own, 0.0, cell.n(), 1,
                replicate), lambda, false, KERNEL_TEST, ctx.threads());
        return new KernelRegimePoint(fit.error(), fit.standardError(), Double.NaN, Double.NaN, lambda, fit.linearError());
    }

    private static KernelRegimePoint network(Experiment.Method method, Problem problem, RunContext ctx) {
        Experiment e = Experiment.run(method, problem, new Experiment.Settings(WIDTH, TestErrors.MIN_SAMPLES,
                ctx.threads()));
        return new KernelRegimePoint(e.populationError(), 0, e.testError(), e.alignment(), e.lambda(), Double.NaN);
    }

    @Override
    public ClaimResult reduce(List<KernelRegimePoint> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        double e4 = g.energyByDegree()[4];
        int judged = KernelEquivalent.Kind.values().length * sizes.kernelDims().length;
        double t = Intervals.studentBonferroni(KERNEL_REPLICATES - 1, COVERAGE, judged);
        int k = sizes.kernelDims().length;
        List<NtkDefinition> definition = results.subList(0, k).stream().map(KernelRegimePoint::definition).toList();
        List<KernelRegimeRun> cells = cells(ctx);
        KernelRegimeTally tally = KernelRegimeTally.of(cells.subList(k, cells.size()), results.subList(k,
                results.size()), g, t);
        double randomAt64 = results.get(results.size() - 1).error();
        int dLast = sizes.netDims()[sizes.netDims().length - 1];
        boolean oneStepOk = tally.maxOneStep() <= e4 / 2;
        boolean definitionOk = NtkDefinition.holds(definition, false);
        List<String> failures = new ArrayList<>(tally.failures(oneStepOk));
        if (!definitionOk) {
            failures.add("the ReLU NTK differs from its definition");
        }
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.upperBound(e4 / 2, "kernel ridge at n = 4d²: the deterministic equivalent's"
                        + " error (finite-d plateau plus excess); random-feature floor >= E₄; one-step error at"
                        + " n = 64d² <= E₄/2 = " + Format.fmt(e4 / 2) + "; the ReLU NTK equals its definition, the"
                        + " network's tangent kernel at initialization (two-sided)"))
                .measured(Measurement.exact(tally.maxOneStep(), tally.measuredText(failures) + "; "
                        + NtkDefinition.text(definition, false)))
                .tolerance(Tolerance.none("kernels: " + KernelEquivalent.toleranceText(t, KERNEL_REPLICATES, COVERAGE,
                        judged) + "; random features: rounding " + ROUNDING))
                .rationale(KernelRegimeTally.rationale())
                .holds(tally.kernelOk() && tally.rfOk() && oneStepOk && definitionOk)
                .control("frozen random first layer in place of the learned one (random features, same head) at"
                        + " n = " + Format.fmt(ONE_STEP_RATIO) + "d², d = " + dLast, randomAt64 > e4 / 2,
                        Measurement.exact(randomAt64, "exact error " + Format.fmt(randomAt64) + " against E₄/2 = "
                                + Format.fmt(e4 / 2)))
                .control("the predictor α̂ + β̂·x in place of kernel ridge (the kernels' check)",
                        !tally.linearControlPasses(), Measurement.exact(tally.linearError(), tally.controls()))
                .control("random features of width " + WIDTH + " at the kernels' d and n (the kernels' check)",
                        !tally.rfControlPasses(), Measurement.exact(tally.rfError(), tally.controls()))
                .control("the ReLU NNGP (no first-layer tangent term) in place of the NTK (the definition check)",
                        !NtkDefinition.holds(definition, true), Measurement.exact(NtkDefinition.maxAbs(definition,
                                true), NtkDefinition.text(definition, true)))
                .details(tally.details(sizes.netDims(), sizes.kernelDims(), failures))
                .sweeps(List.of(tally.sweep()))
                .plots(List.of(tally.plot(sizes.netDims()[0], dLast)))
                .build();
    }
}
