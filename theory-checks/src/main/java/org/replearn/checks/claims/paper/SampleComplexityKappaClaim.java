package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.theory.PopulationGradient;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * docs/math.md §6 "Sample complexity", the {@code κ²} in {@code n ≍ d² r κ²}: for
 * {@code g_κ = (κ h₂(z₁) + h₂(z₂))/sqrt(κ² + 1)} (unit variance; {@code G₂} has eigenvalues
 * {@code sqrt 2 κ/sqrt(κ²+1)} and {@code λ_w = sqrt 2/sqrt(κ²+1)}, condition number κ) the samples the first step needs
 * to recover the weak direction {@code u₂} grow with κ between {@code 1/λ_w² ∝ κ² + 1} and {@code κ²}.
 *
 * <p>Statistic, exact in the population: {@code ΔR_w = R_w(W) − R_w(W UᵀU)}, where
 * {@code R_w(W) = min_a E(Σ_j a_j σ(w_j·x + b_j) + α − h₂(u₂·x))² / E h₂²} is the best head ({@link BestHead}) for the
 * weak component alone on the learner's own first layer ({@link OneStepLearner#firstStep}) and {@code W UᵀU}
 * ({@link Target#projectRows}) the oracle layer with the learner's own directions inside span(U): the cost of the
 * step's error outside span(U), the part the samples control. A weak component, not a test error ε fixed across κ:
 * the weak part carries {@code 1/(κ²+1)} of the energy, so a fixed ε would ask a different fraction of it at each κ.
 * Its value at infinitely many samples (docs/math.md §5's w-term) is {@link #populationExcess}, reported.
 *
 * <p>Cells: one per (replicate s, κ in {1, 2, 4}); the replicate's frame, initialization and samples
 * ({@code seedsFor(ID).child(s)}) are shared by the three κ (only the labels differ), so the κ-comparison is paired.
 * Each walks the half-octave grid {@code n/(d²κ²) = 2^{k/2}} from 1/8 to 32 until {@code ΔR_w <= ρ = 0.1}
 * ({@link GridWalk}); crossing {@code n_w*(κ)} by log-log interpolation. The exponent of {@code n_w* ∝ (κ²)^γ} is fitted
 * per replicate and averaged ({@link Exponents#seedSlope}).
 *
 * <p>Prediction, a band from docs/math.md §6: the abstract's {@code d²rκ²} reads {@code γ = 1}; the eigenvalue reading,
 * samples {@code ∝ 1/λ_w² ∝ κ² + 1}, reads {@link #lowerExponent()} = 0.772 over κ = 1, 2, 4. Check: γ in
 * {@code [0.772, 1]} within {@code t_{0.975,R−1}·SE} at either end. Control: the same excess on the frozen random
 * first layer {@code W⁰} (no step) must stay above ρ.
 */
public final class SampleComplexityKappaClaim
        implements Claim<SampleComplexityKappaClaim.Run, SampleComplexityKappaClaim.Outcome> {
    /** The claim id. */
    public static final String ID = "sample-complexity-kappa";
    private static final int WIDTH = 256;
    private static final double[] KAPPAS = {1, 2, 4};
    private static final double RHO = 0.1;
    /** The upper end of the bracket: the abstract's κ². */
    private static final double UPPER_EXPONENT = 1;
    /** The grid {@code n/(d²κ²) = 2^{k/2}} from 1/8 to 32. */
    private static final double[] RATIOS = Grids.octaveGrid(0.125, 32, 2);
    /** The replicate index of the negative control's cell. */
    private static final int CONTROL = -1;

    /** The dimension and replicates of a scale. */
    private record Sizes(int d, int replicates) {
        static Sizes of(Scale scale) {
            return scale == Scale.QUICK ? new Sizes(32, 4) : new Sizes(48, 6);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The samples the first step needs to recover the weak direction of H grow with the condition number κ"
                + " between κ² + 1 (1/λ_w², the weak eigenvalue) and κ²";
    }

    /** One replicate at one κ ({@code KAPPAS[k]}), or the control over every replicate at the largest κ. */
    record Run(int d, int replicate, int k, int replicates) implements Cell {
        @Override
        public String key() {
            return replicate == CONTROL ? "control" : "r" + replicate + "-kappa" + (int) KAPPAS[k];
        }

        /** Multiply-adds of the first steps {@code Σ n·d·m} over the whole grid; the control: {@code R·m²·d}. */
        @Override
        public double work() {
            return replicate == CONTROL ? replicates * (double) WIDTH * WIDTH * d
                    : Grids.work(RATIOS, (double) d * d * KAPPAS[k] * KAPPAS[k], (double) d * WIDTH);
        }

        /** Weights, one data block, the validation features and a Gram: {@code 8(2md + B·d + 4096m + m²)} bytes. */
        @Override
        public long memoryBytes() {
            return 8L * (2L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d + Conventions.VALIDATION_SAMPLES * WIDTH
                    + (long) WIDTH * WIDTH);
        }
    }

    /** A cell's result. */
    sealed interface Outcome extends java.io.Serializable permits Curve, ControlExcess {
    }

    /**
     * One grid point: n, the weak component's best-head error on the learned layer, its excess {@code ΔR_w} over the
     * oracle layer, and the best-head error for the whole target.
     */
    record Point(long n, double learned, double excess, double bestHead) implements GridWalk.Point,
            java.io.Serializable {
        @Override
        public double x() {
            return n;
        }

        @Override
        public double error() {
            return excess;
        }
    }

    /** A replicate's points at one κ, the weak eigenvalue of {@code g_κ} and the population floor of the excess. */
    record Curve(List<Point> points, double weakEigenvalue, double floor) implements Outcome {
    }

    /** The smallest excess of the frozen random first layer over the replicates. */
    record ControlExcess(double min) implements Outcome {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = new ArrayList<>();
        for (int s = 0; s < sizes.replicates(); s++) {
            for (int k = 0; k < KAPPAS.length; k++) {
                cells.add(new Run(sizes.d(), s, k, sizes.replicates()));
            }
        }
        cells.add(new Run(sizes.d(), CONTROL, KAPPAS.length - 1, sizes.replicates()));
        return cells;
    }

    @Override
    public Outcome compute(Run cell, RunContext ctx) {
        int d = cell.d();
        double kappa = KAPPAS[cell.k()];
        OneStepConfig config = OneStepConfig.defaults(WIDTH, ctx.threads());
        if (cell.replicate() == CONTROL) {
            double min = Double.POSITIVE_INFINITY;
            for (int s = 0; s < cell.replicates(); s++) {
                Seeds sd = ctx.seedsFor(ID).child(s);
                Target weak = weakComponent(d, sd);
                TwoLayerNetwork frozen = SymmetricInit.initialize(WIDTH, d, sd, config.network().unitSphere());
                min = Math.min(min, excess(frozen.weights(), frozen.biases(), weak.withLink(TargetSpec.parse(
                        link(kappa), 2)), weak));
            }
            return new ControlExcess(min);
        }
        OneStepLearner learner = new OneStepLearner(config);
        Seeds sd = ctx.seedsFor(ID).child(cell.replicate());
        Target weak = weakComponent(d, sd);
        Target f = weak.withLink(TargetSpec.parse(link(kappa), 2));
        double scale = (double) d * d * kappa * kappa;
        List<Point> points = GridWalk.walk(RATIOS.length, 1, RHO, i -> {
            long n = Math.round(RATIOS[i] * scale);
            TwoLayerNetwork stepped = learner.firstStep(new Problem(f, 0.0, n, Conventions.VALIDATION_SAMPLES, sd));
            return new Point(n, BestHead.of(stepped.weights(), stepped.biases(), weak, false).relative(),
                    excess(stepped.weights(), stepped.biases(), f, weak),
                    BestHead.of(stepped.weights(), stepped.biases(), f, true).relative());
        });
        double floor = populationExcess(f, weak, SymmetricInit.initialize(WIDTH, d, sd, config.network().unitSphere()));
        return new Curve(points, f.hessianEigenvalues()[0], floor);
    }

    /** The weak component {@code h₂(u₂·x)} on replicate {@code sd}'s frame. */
    private static Target weakComponent(int d, Seeds sd) {
        return Target.random(TargetSpec.parse("h2(z2)", 2), d, sd.rng(Stream.FRAME));
    }

    @Override
    public ClaimResult reduce(List<Outcome> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int d = sizes.d();
        int replicates = sizes.replicates();
        Sweep.Builder sweep = Sweep.table(ID, "replicate", "kappa", "weak_eigenvalue", "n", "n_over_d2_kappa2",
                "weak_representation_error", "weak_oracle_error", "weak_excess", "best_head_error");
        Sweep.Builder crossings = Sweep.table(ID + "-crossings", "replicate", "kappa", "n_weak_star",
                "n_weak_star_over_d2_kappa2", "population_floor");
        double[][] x = new double[replicates][KAPPAS.length];
        double[][] nWeak = new double[replicates][KAPPAS.length];
        double[] weakEigen = new double[KAPPAS.length];
        double[][] floors = new double[replicates][KAPPAS.length];
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int s = 0; s < replicates; s++) {
            for (int k = 0; k < KAPPAS.length; k++) {
                double kappa = KAPPAS[k];
                Curve curve = (Curve) results.get(s * KAPPAS.length + k);
                List<Point> points = curve.points();
                weakEigen[k] = curve.weakEigenvalue();
                for (int i = 0; i < points.size(); i++) {
                    Point p = points.get(i);
                    sweep.row(s, kappa, weakEigen[k], p.n(), RATIOS[i], p.learned(), p.learned() - p.excess(),
                            p.excess(), p.bestHead());
                }
                floors[s][k] = curve.floor();
                x[s][k] = kappa * kappa;
                nWeak[s][k] = GridWalk.crossing(points, RHO);
                crossings.row(s, kappa, nWeak[s][k], nWeak[s][k] / ((double) d * d * kappa * kappa), floors[s][k]);
                if (s == 0) {
                    series.add(new PlotSpec.Series("κ = " + Format.fmt(kappa) + " (replicate 0)", Arrays.copyOf(RATIOS,
                            points.size()), GridWalk.errors(points), PlotSpec.Style.LINE_POINTS));
                }
            }
        }
        series.add(new PlotSpec.Series("ρ = " + RHO, new double[] {RATIOS[0], RATIOS[RATIOS.length - 1]},
                new double[] {RHO, RHO}, PlotSpec.Style.DASHED));
        PlotSpec collapse = new PlotSpec(ID, "Weak-direction excess vs n/(d²κ²) (d = " + d + ", m = " + WIDTH + ")",
                "n / (d² κ²)", "best-head excess for h₂(u₂·x) over the oracle layer", true, true, series, List.of());
        double controlMin = ((ControlExcess) results.get(results.size() - 1)).min();
        Exponents.SeedSlope fit = Exponents.seedSlopeIfComplete(x, nWeak);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("d", d);
        details.put("width", WIDTH);
        details.put("kappa", KAPPAS);
        details.put("weak_eigenvalue", weakEigen);
        details.put("rho", RHO);
        details.put("exponent_bracket", new double[] {lowerExponent(), UPPER_EXPONENT});
        details.put("replicates", replicates);
        details.put("n_weak_star", nWeak);
        Exponents.putExponent(details, fit);
        details.put("control_weak_representation_error", controlMin);
        details.put("population_floor", floors);
        return result(fit, replicates, floors, controlMin, details, List.of(sweep.build(), crossings.build()),
                collapse);
    }

    private ClaimResult result(Exponents.SeedSlope fit, int replicates, double[][] floors, double controlMin,
            Map<String, Object> details, List<Sweep> sweeps, PlotSpec plot) {
        double lower = lowerExponent();
        boolean agrees = fit != null && fit.agrees((lower + UPPER_EXPONENT) / 2, (UPPER_EXPONENT - lower) / 2);
        boolean controlRejected = controlMin > RHO;
        double kappaMax = KAPPAS[KAPPAS.length - 1];
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.band(lower, UPPER_EXPONENT, "n_w* ∝ (κ²)^γ with γ in [" + Format.fmt(lower)
                        + ", " + Format.fmt(UPPER_EXPONENT) + "]: between 1/λ_w² ∝ κ² + 1 and κ²"))
                .measured(Exponents.measurement(fit, replicates, fit != null ? "n_w* ∝ (κ²)^" + Format.fmt(fit.slope())
                        + " (SE " + Format.fmt(fit.standardError()) + " over " + replicates + " replicates; per replicate "
                        + Arrays.toString(Format.round2(fit.perSeed())) + "); population floor of the excess at κ = "
                        + Format.fmt(kappaMax) + ": " + Format.fmt(maxColumn(floors, KAPPAS.length - 1))
                        : "the weak direction was not resolved to ρ = " + RHO + " within n/(d²κ²) = "
                                + Format.fmt(RATIOS[RATIOS.length - 1]) + " by some replicate"))
                .tolerance(fit == null ? Tolerance.of(Double.NaN, "t·SE beyond either end")
                        : Tolerance.of(fit.halfWidth(), "±" + Format.fmt(fit.halfWidth()) + " = t_{0.975,"
                                + (replicates - 1) + "} " + Format.fmt(fit.criticalValue()) + " × SE "
                                + Format.fmt(fit.standardError()) + " beyond either end of the bracket"))
                .rationale("Each replicate has its own frame, initialization and samples, shared by the three κ (only"
                        + " the labels differ), so the per-replicate exponents are independent and the standard error"
                        + " is their spread (Student t, " + (replicates - 1) + " df). R_w is an exact population"
                        + " quantity of the learned first layer: the only randomness is the step's sample.")
                .holds(agrees && controlRejected)
                .control("frozen random first layer W⁰ (no step), the same excess for the weak component",
                        controlRejected, Measurement.exact(controlMin, "ΔR_w = " + Format.fmt(controlMin) + " at κ = "
                                + Format.fmt(kappaMax) + (controlRejected ? ": above ρ, not resolved" : ": below ρ")))
                .details(details)
                .sweeps(sweeps)
                .plots(List.of(plot))
                .build();
    }

    /**
     * The least-squares exponent in κ² of {@code κ² + 1} over {@link #KAPPAS} ({@code 1/λ_w²} up to a constant): the
     * lower end of the bracket, 0.772 for κ = 1, 2, 4.
     */
    static double lowerExponent() {
        double[] x = new double[KAPPAS.length];
        double[] y = new double[KAPPAS.length];
        for (int k = 0; k < KAPPAS.length; k++) {
            x[k] = KAPPAS[k] * KAPPAS[k];
            y[k] = x[k] + 1;
        }
        return Exponents.powerLaw(x, y).slope();
    }

    private static double maxColumn(double[][] rows, int j) {
        return Arrays.stream(rows).mapToDouble(row -> row[j]).max().orElse(Double.NEGATIVE_INFINITY);
    }

    /**
     * The weak-direction excess {@code R_w(W) − R_w(W UᵀU)} of the population first step ({@code n = ∞}): row j of
     * {@code W} is {@code a_j E[f*(x) 1[w⁰_j·x + b_j > 0] x]} ({@link PopulationGradient#correlation}; the sign and
     * direction of {@code −η₁∇_{w_j}L} at the symmetric initialization, whose output is 0; f* has no constant or linear
     * part here), scaled to {@code ||W||_F² = m} as the learner's η₁ does, biases kept. What is left at infinite n is the
     * part of the gradient along {@code w⁰_j} (docs/math.md §5's w-term), outside span(U) and larger for larger κ.
     */
    static double populationExcess(Target f, Target weak, TwoLayerNetwork init) {
        DMatrixRMaj w = PopulationGradient.correlations(f, init.weights(), init.biases());
        double[] a = init.outputWeights();
        int d = w.numCols;
        double norm2 = 0;
        for (int j = 0; j < w.numRows; j++) {
            for (int k = 0; k < d; k++) {
                double g = w.data[j * d + k];
                norm2 += g * g;
                w.data[j * d + k] = a[j] * g;
            }
        }
        CommonOps_DDRM.scale(Math.sqrt(w.numRows / norm2), w);
        return excess(w, init.biases(), f, weak);
    }

    /** {@code ΔR_w = R_w(W) − R_w(W UᵀU)}: the weak component's best-head error on W over that on the oracle layer. */
    static double excess(DMatrixRMaj w, double[] b, Target f, Target weak) {
        return BestHead.of(w, b, weak, false).relative() - BestHead.of(f.projectRows(w), b, weak, false).relative();
    }

    /** The spec of {@code g_κ}: {@code (κ h₂(z₁) + h₂(z₂))/sqrt(κ² + 1)}. */
    static String link(double kappa) {
        return "(" + kappa + "*h2(z1) + h2(z2))/sqrt(" + (kappa * kappa + 1) + ")";
    }
}
