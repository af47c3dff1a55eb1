package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Format;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Claim 2 (docs/math.md §2–4, §6 "Gradient correctness"): the analytic gradients of the target ({@code ∇f* = Uᵀ∇g(Ux)},
 * {@code ∇²f* = Uᵀ∇²g(Ux)U}) and of the network loss ({@code ∂L/∂a, ∂L/∂W, ∂L/∂b}), as {@link TwoLayerNetwork#gradient}
 * and as the learner's fused kernel {@code LossGradient} computes them, equal central finite differences up to
 * rounding ({@link FiniteDifferences}); and the learner's first step is {@code W¹ = −η ∇_W L(θ⁰)} on de-linearized
 * labels up to rounding ({@link FirstStepIdentity}).
 *
 * <p>Cases: random Hermite polynomials of degree {@code p <= 4} in {@code r <= 3} variables on random frames, at a
 * Gaussian point; random networks (d <= 8, m <= 16, n <= 80) with random output weights; first steps on problems with
 * the {@link Conventions#MIXED_TARGET} link (d <= 16, m <= 16, n <= 3000). Target and network sizes are consecutive
 * draws of one stream (targets first, then networks): each cell replays the earlier draws (no finite differences) up
 * to its own; a first step draws from its own seeds. Controls: {@code −∂L/∂a}; the first step on raw labels.
 */
public final class GradientCorrectnessClaim
        implements Claim<GradientCorrectnessClaim.Case, GradientCorrectnessClaim.CaseResult> {
    /** The claim id. */
    public static final String ID = "gradient-correctness";
    /** Offset of the first steps' child seeds (the networks use 0, 1, …). */
    private static final long FIRST_STEP_SEEDS = 1L << 32;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Analytic gradients of the target (∇f*, ∇²f*) and of the network loss (∂L/∂a, ∂L/∂W, ∂L/∂b), also as the"
                + " learner's fused kernel computes them, equal central finite differences up to rounding, and the"
                + " learner's first step is W¹ = −η∇_W L(θ0) on de-linearized labels up to rounding";
    }

    /** The sizes at a scale: random targets, random networks and first steps. */
    private record Sizes(int targets, int networks, int firstSteps) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(60, 300), s.pick(40, 200), s.pick(10, 40));
        }
    }

    /** The kinds of case. */
    enum Kind { TARGET, NETWORK, FIRST_STEP }

    /** Case {@code index} of its kind. */
    record Case(Kind kind, int index) implements Cell {
        @Override
        public String key() {
            return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-c" + index;
        }

        /** Relative cost: a network case's {@code 2m(d+2)} loss evaluations weigh about ten target cases. */
        @Override
        public double work() {
            return kind == Kind.TARGET ? 1 : 10;
        }

        /** A target's Hessian; a network's data and pre-activations; a first step's samples, twice. */
        @Override
        public long memoryBytes() {
            return switch (kind) {
                case TARGET -> 8L * 12 * 12;
                case NETWORK -> 8L * 80 * (8 + 16);
                case FIRST_STEP -> 2 * 8L * 3000 * (16 + 16);
            };
        }
    }

    /** A case's result. */
    sealed interface CaseResult extends Serializable permits TargetCase, NetworkCase, FirstStepCase {
    }

    /** A target case: its sizes and errors. */
    record TargetCase(int d, int r, int p, FiniteDifferences.TargetErrors errors) implements CaseResult {
    }

    /** A network case: its sizes and errors. */
    record NetworkCase(int d, int m, int n, FiniteDifferences.NetworkErrors errors) implements CaseResult {
    }

    /** A first-step case: its sizes and errors. */
    record FirstStepCase(FirstStepIdentity.Draw draw, FirstStepIdentity.Errors errors) implements CaseResult {
    }

    /**
     * The claim's details: the largest error/tolerance of each block over its cases (fused: {@code LossGradient}).
     *
     * @param targetCases number of random targets
     * @param networkCases number of random networks
     * @param firstStepCases number of first steps
     * @param targetGradientMaxErrorOverTolerance of {@code ∇f*}
     * @param targetHessianMaxErrorOverTolerance of {@code ∇²f*}
     * @param networkA of {@code ∂L/∂a}, and likewise W, b; fused: also the loss
     * @param firstStepMaxErrorOverTolerance of {@code W¹}
     * @param controlWrongSignAMaxErrorOverTolerance of the control {@code −∂L/∂a}
     * @param controlRawLabelsFirstStepMaxErrorOverTolerance of the control: the first step on raw labels
     */
    record Details(int targetCases, int networkCases, int firstStepCases, double targetGradientMaxErrorOverTolerance,
            double targetHessianMaxErrorOverTolerance,
            @JsonProperty("network_a_max_error_over_tolerance") double networkA,
            @JsonProperty("network_w_max_error_over_tolerance") double networkW,
            @JsonProperty("network_b_max_error_over_tolerance") double networkB,
            @JsonProperty("network_fused_a_max_error_over_tolerance") double networkFusedA,
            @JsonProperty("network_fused_w_max_error_over_tolerance") double networkFusedW,
            @JsonProperty("network_fused_b_max_error_over_tolerance") double networkFusedB,
            @JsonProperty("network_fused_loss_max_error_over_tolerance") double networkFusedLoss,
            double firstStepMaxErrorOverTolerance,
            @JsonProperty("control_wrong_sign_a_max_error_over_tolerance")
            double controlWrongSignAMaxErrorOverTolerance,
            double controlRawLabelsFirstStepMaxErrorOverTolerance) {
    }

    @Override
    public List<Case> cells(RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        List<Case> cells = new ArrayList<>();
        int[] counts = {z.targets(), z.networks(), z.firstSteps()};
        for (Kind kind : Kind.values()) {
            for (int c = 0; c < counts[kind.ordinal()]; c++) {
                cells.add(new Case(kind, c));
            }
        }
        return cells;
    }

    @Override
    public CaseResult compute(Case cell, RunContext ctx) {
        Seeds seeds = ctx.seedsFor(ID);
        if (cell.kind() == Kind.FIRST_STEP) {
            Seeds own = seeds.child(FIRST_STEP_SEEDS + cell.index());
            FirstStepIdentity.Draw draw = FirstStepIdentity.Draw.of(own.rng(Stream.CHECK), cell.index() % 2 == 1);
            return new FirstStepCase(draw, FirstStepIdentity.check(draw, own));
        }
        UniformRandomProvider rng = seeds.rng(Stream.CHECK);
        boolean network = cell.kind() == Kind.NETWORK;
        int targets = network ? Sizes.of(ctx.scale()).targets() : cell.index();
        for (int c = 0; c < targets; c++) {
            GradientDraws.drawTarget(rng);
        }
        if (!network) {
            FiniteDifferences.TargetPoint t = GradientDraws.drawTarget(rng);
            return new TargetCase(t.x().length, t.g().variables(), t.p(), FiniteDifferences.target(t));
        }
        for (int c = 0; c < cell.index(); c++) {
            GradientDraws.drawNetwork(rng);
        }
        GradientDraws.NetworkDraw w = GradientDraws.drawNetwork(rng);
        Seeds own = seeds.child(cell.index());
        TwoLayerNetwork net = SymmetricInit.initialize(w.m(), w.d(), own, false).withOutputWeights(w.a());
        return new NetworkCase(w.d(), w.m(), w.n(), FiniteDifferences.network(net, w.n(), own));
    }

    @Override
    public ClaimResult reduce(List<CaseResult> results, RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        GradientTables t = GradientTables.of(results);
        double[] w = t.worst();
        double overall = Arrays.stream(w).max().orElse(0);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(0, "finite difference = analytic = fused kernel, and learner's W¹ ="
                        + " −η∇_W L(θ0) on de-linearized labels (error/tolerance <= 1), on " + z.targets()
                        + " random targets, " + z.networks() + " random networks and " + z.firstSteps()
                        + " first steps"))
                .measured(Measurement.exact(overall, "max error/tolerance " + Format.fmt(overall) + " (∇f* "
                        + Format.fmt(w[0]) + ", ∇²f* " + Format.fmt(w[1]) + ", a " + Format.fmt(w[2]) + ", W "
                        + Format.fmt(w[3]) + ", b " + Format.fmt(w[4]) + "; fused a " + Format.fmt(w[5]) + ", W "
                        + Format.fmt(w[6]) + ", b " + Format.fmt(w[7]) + ", loss " + Format.fmt(w[8])
                        + "; first step " + Format.fmt(w[9]) + ")"))
                .tolerance(Tolerance.of(1, "target: 6δ/h with δ = 8(p+2)ε·Σ|c_α||h_α|; network: 4(n+m+d)ε·L_abs/h,"
                        + " fused kernel plus its own rounding Kε·(2/n)Σ_i A_i·|term scale|, K = n+m+d+6; first step:"
                        + " η(2Kε·(2/n)|a_j|Σ_i A_i|x_ik| + kink terms), K = 2n+m+3d+11; i.e. error/tolerance <= 1"))
                .rationale("Richardson-extrapolated central differences are exact for polynomials of degree <= 4 along a line and"
                        + " the network loss is exactly quadratic along each coordinate away from kinks, so the tolerance"
                        + " is a floating-point rounding bound for the function evaluations divided by the step; the"
                        + " fused kernel and the first step differ from the plain formulas only in summation order, so"
                        + " their tolerance is the standard γ_K bound of each sum, A_i bounding every residual.")
                .holds(overall <= 1)
                .control("∂L/∂a with the wrong sign", t.wrongSign() > 1, Measurement.exact(t.wrongSign(),
                        "max error/tolerance " + Format.fmt(t.wrongSign()) + " on the output weights"))
                .control("first step on raw labels (no de-linearization)", t.rawLabels() > 1, Measurement.exact(
                        t.rawLabels(), "max error/tolerance " + Format.fmt(t.rawLabels()) + " on W¹ (smallest over"
                                + " cases " + Format.fmt(t.rawLabelsMin()) + ")"))
                .details(new Details(z.targets(), z.networks(), z.firstSteps(), w[0], w[1], w[2], w[3], w[4], w[5],
                        w[6], w[7], w[8], w[9], t.wrongSign(), t.rawLabels()))
                .sweeps(t.sweeps())
                .plots(List.of())
                .build();
    }
}
