package org.replearn.checks.claims.paper;

import java.util.Arrays;
import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.GridWalk.SizePoint;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.UpperExponent;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * docs/math.md §6 "Sample complexity" and "Kernel regime": the separation the paper is about. On {@code single-h4}
 * ({@code f* = (h₂ + h₄)(w*·x)/sqrt 2}, {@code E₂ = E₄ = 1/2}, r = 1, non-degenerate {@code H}), m = 256, noiseless
 * labels, the one-step network reaches {@code ε = E₄/2} (more than half of the degree-4 energy learned) with
 * {@code n*(ε) ∝ d²} samples, while ReLU-NTK kernel ridge and random features given those samples stay on the plateau
 * {@code E₄}.
 *
 * <p>(a) Exponent. Cells per (d, replicate s) ({@code seedsFor(ID).child(1000·d + s)}): Algorithm 1's exact population
 * error on the half-octave grid {@code n/d² = 2^{k/2}} from 2 to 64, walked until it is {@code <= ε}
 * ({@link SampleSizeCurves}); the crossing {@code n*(d)} by log-log interpolation (one at the first grid point is not
 * bracketed and is no measurement, {@link Grids#crossing}). The rate {@code n ≳ d²} is sufficient, an upper bound:
 * check {@code γ − t_{0.975,R−1}·SE − δ <= 2} (one-sided, {@link UpperExponent}) for the per-replicate exponent of
 * {@code n* ∝ d^γ} ({@link Exponents#seedSlope}), {@code δ} = {@link Exponents#logFactorAllowance}. The kernels' rate,
 * {@code d⁴}, is far above.
 *
 * <p>(b) Separation at the same n ({@link KernelSeparation}). A kernel cell per replicate k at {@code d_K = 24} walks
 * the network's curves there again (the same seeds) to get their {@code n_K}, then fits the ReLU-NTK KRR and random
 * features on replicate k's problem at {@code n_K}: both must stay on the plateau.
 *
 * <p>(c) Level ({@link AlignmentLevel}): at {@code n = 2d²}, the grid's first point, the learned first layer is no
 * farther from span(U) than the first-order prediction, so that a uniformly less sample-efficient learner fails.
 *
 * <p>(d) Control: the first step without weight decay ({@link Controls#firstStepWithoutWeightDecay}), replicate 0 at
 * the largest d and {@code n = 64d²}: even its population-optimal head ({@link BestHead}) must stay above ε.
 */
public final class SampleComplexityDegree4Claim
        implements Claim<SampleComplexityDegree4Claim.Run, SampleComplexityDegree4Claim.Outcome> {
    /** The claim id. */
    public static final String ID = "sample-complexity-p4";
    static final String TARGET = "single-h4";
    static final int WIDTH = 256;
    static final double PREDICTED_EXPONENT = 2;
    /** The grid {@code n/d² = 2^{k/2}} from 2 to 64. */
    static final double[] RATIOS = Grids.octaveGrid(2, 64, 2);
    static final double TOP_RATIO = RATIOS[RATIOS.length - 1];
    /** The d at which the kernels are compared with the network. */
    static final int KERNEL_DIMENSION = 24;
    /** {@code n_K/d_K²} of the work and memory model of a kernel cell (the network's typical crossing). */
    private static final double KERNEL_RATIO_MODEL = 10;
    static final double ROUNDING = 1e-9;

    /** The dimensions, network replicates and kernel replicates of a scale. */
    record Sizes(int[] dims, int replicates, int kernelReplicates) {
        static Sizes of(Scale scale) {
            return scale == Scale.QUICK ? new Sizes(new int[] {12, 24, 48, 96}, 6, 1)
                    : new Sizes(new int[] {12, 24, 48, 96, 192}, 10, 2);
        }

        int curves() {
            return dims.length * replicates;
        }
    }

    /** The plateau {@code E₄}, the untrained level {@code E₂ + E₄} and {@code ε = E₄/2}, relative to {@code E f*²}. */
    record Levels(double e4, double untrained, double eps) {
        static Levels of(HermitePolynomial g) {
            double e4 = g.energyByDegree()[4] / g.secondMoment();
            return new Levels(e4, g.withoutDegreesBelow(2).secondMoment() / g.secondMoment(), e4 / 2);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "On single-h4 (degree 4, non-degenerate H) the samples n*(ε) the one-step network needs for error"
                + " ε = E₄/2 grow like d² (its first layer as close to span(U) at n = 2d² as the first-order"
                + " prediction), while ReLU-NTK kernel ridge and random features given the same n stay on the plateau E₄";
    }

    /** What a cell computes. */
    enum Kind { CURVE, KERNEL, CONTROL }

    /** A network curve (d, replicate), the kernels on replicate k at {@code d_K}, or the control at the largest d. */
    record Run(Kind kind, int d, int replicate) implements Cell {
        @Override
        public String key() {
            return switch (kind) {
                case CURVE -> "d" + d + "-r" + replicate;
                case KERNEL -> "kernel-r" + replicate;
                case CONTROL -> "control";
            };
        }

        /**
         * Multiply-adds: {@code Σ n·d·m} over the whole grid (a curve), {@code 8n³/3 + n·d·10⁴} of the NTK's
         * factorizations and test at {@code n = 10d²} (the kernels), {@code n·d·m} at {@code n = 64d²} (the control).
         */
        @Override
        public double work() {
            double n = kind == Kind.KERNEL ? KERNEL_RATIO_MODEL * d * d : TOP_RATIO * d * d;
            return switch (kind) {
                case CURVE -> Grids.work(RATIOS, (double) d * d, (double) d * WIDTH);
                case KERNEL -> 8 * n * n * n / 3 + n * d * TestErrors.MIN_SAMPLES;
                case CONTROL -> n * d * WIDTH;
            };
        }

        /** The NTK's kernel matrix and factor {@code 16n²} (kernels), else weights, a data block, validation features. */
        @Override
        public long memoryBytes() {
            long n = Math.round(KERNEL_RATIO_MODEL * d * d);
            return kind == Kind.KERNEL ? 16L * n * n : 8L * (2L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d
                    + Conventions.VALIDATION_SAMPLES * WIDTH + (long) WIDTH * WIDTH);
        }
    }

    /** A cell's result. */
    sealed interface Outcome extends java.io.Serializable permits Curve, KernelSeparation.Fit, ControlError {
    }

    /** A replicate's points (n, exact error, alignment) up to its crossing, and A_pred at the grid's first point. */
    record Curve(List<SizePoint> points, double predictedAlignment) implements Outcome {
    }

    /** The best-head error on the first step without weight decay. */
    record ControlError(double error) implements Outcome {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = Grids.cells(sizes.dims().length, sizes.replicates(),
                (i, s) -> new Run(Kind.CURVE, sizes.dims()[i], s));
        for (int k = 0; k < sizes.kernelReplicates(); k++) {
            cells.add(new Run(Kind.KERNEL, KERNEL_DIMENSION, k));
        }
        cells.add(new Run(Kind.CONTROL, sizes.dims()[sizes.dims().length - 1], 0));
        return cells;
    }

    @Override
    public Outcome compute(Run cell, RunContext ctx) {
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        int d = cell.d();
        return switch (cell.kind()) {
            case CURVE -> new Curve(walk(g, d, cell.replicate(), ctx), AlignmentLevel.predicted(OneStepConfig
                    .defaults(WIDTH, ctx.threads()), replicateProblem(g, d, cell.replicate(), ctx), Math.round(RATIOS[0]
                    * d * d)));
            case KERNEL -> KernelSeparation.fit(g, KernelSeparation.samples(kernelCrossings(g, ctx)),
                    replicateProblem(g, d, cell.replicate(), ctx), ctx.threads());
            case CONTROL -> {
                Problem problem = replicateProblem(g, d, 0, ctx).withN(Math.round(TOP_RATIO * d * d));
                TwoLayerNetwork noDecay = Controls.firstStepWithoutWeightDecay(OneStepConfig.defaults(WIDTH,
                        ctx.threads()), problem);
                yield new ControlError(BestHead.of(noDecay.weights(), noDecay.biases(), problem.target(), true)
                        .relative());
            }
        };
    }

    /** The network's bracketed crossings {@code n*_s(d_K)} of every replicate, walked again at {@code d_K}. */
    private static double[] kernelCrossings(HermitePolynomial g, RunContext ctx) {
        double[] crossings = new double[Sizes.of(ctx.scale()).replicates()];
        for (int s = 0; s < crossings.length; s++) {
            crossings[s] = GridWalk.crossingOf(walk(g, KERNEL_DIMENSION, s, ctx), Levels.of(g).eps()).x();
        }
        return crossings;
    }

    /** Replicate s's exact error curve at d, walked up the grid until it is at most ε. */
    private static List<SizePoint> walk(HermitePolynomial g, int d, int s, RunContext ctx) {
        OneStepLearner learner = new OneStepLearner(OneStepConfig.defaults(WIDTH, ctx.threads()));
        return SampleSizeCurves.walk(replicateProblem(g, d, s, ctx), RATIOS, 1, Levels.of(g).eps(),
                p -> SampleSizeCurves.network(learner, p));
    }

    /** Replicate s's noiseless problem at dimension d ({@code seedsFor(ID).child(1000·d + s)}; n by withN). */
    private static Problem replicateProblem(HermitePolynomial g, int d, int s, RunContext ctx) {
        Seeds sd = ctx.seedsFor(ID).child(1000L * d + s);
        return new Problem(Target.random(g, d, sd.rng(Stream.FRAME)), 0.0, 1, Conventions.VALIDATION_SAMPLES, sd);
    }

    @Override
    public ClaimResult reduce(List<Outcome> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int[] dims = sizes.dims();
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        Levels lv = Levels.of(g);
        List<Curve> all = Grids.results(results, 0, sizes.curves(), Curve.class);
        List<List<SizePoint>> curves = all.stream().map(Curve::points).toList();
        SampleSizeCurves.Gathered net = SampleSizeCurves.gather(ID, dims, RATIOS, curves, RATIOS.length, lv.eps());
        AlignmentLevel level = AlignmentLevel.of(ID, cells(ctx).subList(0, sizes.curves()).stream().map(Run::key)
                .toList(), curves, all.stream().mapToDouble(Curve::predictedAlignment).toArray(), 0);
        double allowance = Exponents.logFactorAllowance(dims[0], dims[dims.length - 1]);
        Exponents.SeedSlope fit = Exponents.seedSlopeIfComplete(net.d(), net.nStar());
        boolean exponentOk = UpperExponent.holds(fit, PREDICTED_EXPONENT, allowance);
        int kernelIndex = Arrays.binarySearch(dims, KERNEL_DIMENSION);
        KernelSeparation.Judged kern = KernelSeparation.judge(Grids.results(results, sizes.curves(),
                results.size() - 1, KernelSeparation.Fit.class), Arrays.stream(net.nStar())
                .mapToDouble(row -> row[kernelIndex]).toArray(), lv);
        double controlError = ((ControlError) results.get(results.size() - 1)).error();
        Degree4Report report = new Degree4Report(sizes, lv, net, fit, allowance, kern, level);
        Tolerance exponentTolerance = UpperExponent.tolerance(fit, sizes.replicates(), allowance, "log-factor");
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.upperBound(PREDICTED_EXPONENT, "n*(ε = " + Format.fmt(lv.eps()) + ") ≲ d^"
                        + Format.fmt(PREDICTED_EXPONENT) + " up to log factors (exponent at most "
                        + Format.fmt(PREDICTED_EXPONENT) + "); at n*: ReLU-NTK KRR and random features >= E₄ = "
                        + Format.fmt(lv.e4()) + " > ε; level: at n = " + Format.fmt(RATIOS[0]) + "d² the learned layer"
                        + " no farther from span(U) than the first-order A_pred"))
                .measured(Exponents.measurement(fit, sizes.replicates(), report.measuredText()))
                .tolerance(Tolerance.of(exponentTolerance.value(), "exponent: " + exponentTolerance.derivation()
                        + "; kernels: " + Format.fmt(kern.z()) + " SE; random features: rounding " + ROUNDING
                        + "; " + level.tolerance()))
                .rationale(report.rationale())
                .holds(exponentOk && kern.failures().isEmpty() && level.holds())
                .control("first step without weight decay (W⁰ kept), population-optimal head, n = "
                        + Format.fmt(TOP_RATIO) + "d², d = " + dims[dims.length - 1], controlError > lv.eps(),
                        Measurement.exact(controlError, "best-head error " + Format.fmt(controlError) + ": ε = "
                                + Format.fmt(lv.eps()) + (controlError > lv.eps() ? " not reached" : " reached")))
                .details(report.details(g, controlError))
                .sweeps(List.of(net.curves(), net.crossings(), kern.sweep(), level.table()))
                .plots(report.plots())
                .build();
    }
}
