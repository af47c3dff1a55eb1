package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
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
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * Claim 2 (docs/math.md §2–3, §6 "Gradient correctness"): the analytic gradients of the target ({@code ∇f* = Uᵀ∇g(Ux)},
 * {@code ∇²f* = Uᵀ∇²g(Ux)U}) and of the network loss ({@code ∂L/∂a, ∂L/∂W, ∂L/∂b}) equal central finite
 * differences up to rounding ({@link FiniteDifferences} states the differences and their floating-point tolerances).
 *
 * <p>Cases: random Hermite polynomials of degree {@code p <= 4} in {@code r <= 3} variables on random frames, at a
 * Gaussian point; random networks (d <= 8, m <= 16, n <= 80) with random output weights. Every case's sizes and
 * coefficients are consecutive draws of one stream (targets first, then networks). Cells: one per case, each replaying
 * the stream's earlier draws (no finite differences) up to its own. Control: {@code −∂L/∂a}.
 */
public final class GradientCorrectnessClaim
        implements Claim<GradientCorrectnessClaim.Case, GradientCorrectnessClaim.CaseResult> {
    /** The claim id. */
    public static final String ID = "gradient-correctness";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Analytic gradients of the target (∇f*, ∇²f*) and of the network loss (∂L/∂a, ∂L/∂W, ∂L/∂b) equal central"
                + " finite differences up to rounding";
    }

    /** The sizes at a scale: random targets and random networks. */
    private record Sizes(int targets, int networks) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(60, 300), s.pick(40, 200));
        }
    }

    /** Case {@code index} of the targets, or of the networks ({@code network}). */
    record Case(boolean network, int index) implements Cell {
        @Override
        public String key() {
            return (network ? "network-c" : "target-c") + index;
        }

        /** Relative cost: a network case's {@code 2m(d+2)} loss evaluations weigh about ten target cases. */
        @Override
        public double work() {
            return network ? 10 : 1;
        }

        /** A target's Hessian ({@code d <= 12}), or a network's data and pre-activations ({@code n(d + m)}). */
        @Override
        public long memoryBytes() {
            return network ? 8L * 80 * (8 + 16) : 8L * 12 * 12;
        }
    }

    /** A case's result. */
    sealed interface CaseResult extends Serializable permits TargetCase, NetworkCase {
    }

    /** A target case: its sizes and errors. */
    record TargetCase(int d, int r, int p, FiniteDifferences.TargetErrors errors) implements CaseResult {
    }

    /** A network case: its sizes and errors. */
    record NetworkCase(int d, int m, int n, FiniteDifferences.NetworkErrors errors) implements CaseResult {
    }

    /**
     * The claim's details: the largest error/tolerance of each analytic derivative over its cases.
     *
     * @param targetCases number of random targets
     * @param networkCases number of random networks
     * @param targetGradientMaxErrorOverTolerance of {@code ∇f*}
     * @param targetHessianMaxErrorOverTolerance of {@code ∇²f*}
     * @param networkAMaxErrorOverTolerance of {@code ∂L/∂a}
     * @param networkWMaxErrorOverTolerance of {@code ∂L/∂W}
     * @param networkBMaxErrorOverTolerance of {@code ∂L/∂b}
     * @param controlWrongSignAMaxErrorOverTolerance of the control {@code −∂L/∂a}
     */
    record Details(int targetCases, int networkCases, double targetGradientMaxErrorOverTolerance,
            double targetHessianMaxErrorOverTolerance,
            @JsonProperty("network_a_max_error_over_tolerance") double networkAMaxErrorOverTolerance,
            @JsonProperty("network_w_max_error_over_tolerance") double networkWMaxErrorOverTolerance,
            @JsonProperty("network_b_max_error_over_tolerance") double networkBMaxErrorOverTolerance,
            @JsonProperty("control_wrong_sign_a_max_error_over_tolerance")
            double controlWrongSignAMaxErrorOverTolerance) {
    }

    @Override
    public List<Case> cells(RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        List<Case> cells = new ArrayList<>();
        for (int c = 0; c < z.targets(); c++) {
            cells.add(new Case(false, c));
        }
        for (int c = 0; c < z.networks(); c++) {
            cells.add(new Case(true, c));
        }
        return cells;
    }

    @Override
    public CaseResult compute(Case cell, RunContext ctx) {
        Seeds seeds = ctx.seedsFor(ID);
        UniformRandomProvider rng = seeds.rng(Stream.CHECK);
        int targets = cell.network() ? Sizes.of(ctx.scale()).targets() : cell.index();
        for (int c = 0; c < targets; c++) {
            drawTarget(rng);
        }
        if (!cell.network()) {
            FiniteDifferences.TargetPoint t = drawTarget(rng);
            return new TargetCase(t.x().length, t.g().variables(), t.p(), FiniteDifferences.target(t));
        }
        for (int c = 0; c < cell.index(); c++) {
            drawNetwork(rng);
        }
        NetworkDraw w = drawNetwork(rng);
        Seeds own = seeds.child(cell.index());
        TwoLayerNetwork net = SymmetricInit.initialize(w.m(), w.d(), own, false).withOutputWeights(w.a());
        return new NetworkCase(w.d(), w.m(), w.n(), FiniteDifferences.network(net, w.n(), own));
    }

    @Override
    public ClaimResult reduce(List<CaseResult> results, RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        Sweep.Builder tSweep = Sweep.table("gradient-target", "case", "d", "r", "p", "block", "max_abs_error",
                "max_error_over_tolerance");
        Sweep.Builder nSweep = Sweep.table("gradient-network", "case", "d", "m", "n", "kept", "block",
                "max_abs_error", "max_error_over_tolerance");
        double[] worst = new double[5]; // ∇f*, ∇²f*, a, W, b
        double wrongSign = 0;
        String[] blocks = {"a", "W", "b"};
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof TargetCase t) {
                FiniteDifferences.TargetErrors e = t.errors();
                tSweep.row(i, t.d(), t.r(), t.p(), "gradient", e.gradientError(), e.gradientRatio());
                tSweep.row(i, t.d(), t.r(), t.p(), "hessian", e.hessianError(), e.hessianRatio());
                worst[0] = Math.max(worst[0], e.gradientRatio());
                worst[1] = Math.max(worst[1], e.hessianRatio());
            } else if (results.get(i) instanceof NetworkCase c) {
                FiniteDifferences.NetworkErrors e = c.errors();
                int index = i - z.targets();
                for (int k = 0; k < (e.kept() == 0 ? 1 : 3); k++) {
                    nSweep.row(index, c.d(), c.m(), c.n(), e.kept(), e.kept() == 0 ? "none" : blocks[k],
                            e.error()[k], e.ratio()[k]);
                }
                for (int k = 0; k < 3; k++) {
                    worst[2 + k] = Math.max(worst[2 + k], e.ratio()[k]);
                }
                wrongSign = Math.max(wrongSign, e.wrongSignRatio());
            }
        }
        double overall = Arrays.stream(worst).max().orElse(0);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(0, "finite difference = analytic (error/tolerance <= 1) on " + z.targets()
                        + " random targets and " + z.networks() + " random networks"))
                .measured(Measurement.exact(overall, "max error/tolerance " + Format.fmt(overall) + " (∇f* "
                        + Format.fmt(worst[0]) + ", ∇²f* " + Format.fmt(worst[1]) + ", a " + Format.fmt(worst[2])
                        + ", W " + Format.fmt(worst[3]) + ", b " + Format.fmt(worst[4]) + ")"))
                .tolerance(Tolerance.of(1, "target: 6δ/h with δ = 8(p+2)ε·Σ|c_α||h_α|; network: 4(n+m+d)ε·L_abs/h;"
                        + " i.e. error/tolerance <= 1"))
                .rationale("Richardson-extrapolated central differences are exact for polynomials of degree <= 4 along a line and"
                        + " the network loss is exactly quadratic along each coordinate away from kinks, so the tolerance"
                        + " is a floating-point rounding bound for the function evaluations divided by the step.")
                .holds(overall <= 1)
                .control("∂L/∂a with the wrong sign", wrongSign > 1, Measurement.exact(wrongSign,
                        "max error/tolerance " + Format.fmt(wrongSign) + " on the output weights"))
                .details(new Details(z.targets(), z.networks(), worst[0], worst[1], worst[2], worst[3], worst[4],
                        wrongSign))
                .sweeps(List.of(tSweep.build(), nSweep.build()))
                .plots(List.of())
                .build();
    }

    /** A random network case: dimension d in 1…8, even width m in 2…16, n in 5…80 samples, output weights a. */
    private record NetworkDraw(int d, int m, int n, double[] a) {
    }

    /** The next network case's sizes and output weights (uniform in [-1, 1], breaking the symmetric init). */
    private static NetworkDraw drawNetwork(UniformRandomProvider rng) {
        int d = 1 + rng.nextInt(8);
        int m = 2 * (1 + rng.nextInt(8));
        int n = 5 + rng.nextInt(76);
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            a[j] = 2 * rng.nextDouble() - 1;
        }
        return new NetworkDraw(d, m, n, a);
    }

    /**
     * The next random target: {@code r} in 1…3, {@code p} in 2…4, {@code d} in {@code r…r+9}, each coefficient of
     * degree {@code <= p} present with probability 1/2 and uniform in [-1, 1], {@code h_p(z_1)} with coefficient 1, a
     * random frame and a standard Gaussian point, all from {@code rng}.
     */
    private static FiniteDifferences.TargetPoint drawTarget(UniformRandomProvider rng) {
        int r = 1 + rng.nextInt(3);
        int p = 2 + rng.nextInt(3);
        int d = r + rng.nextInt(10);
        HermitePolynomial.Builder b = HermitePolynomial.builder(r);
        for (MultiIndex alpha : MultiIndex.upToDegree(r, p)) {
            if (rng.nextBoolean()) {
                b.add(alpha, 2 * rng.nextDouble() - 1);
            }
        }
        b.add(MultiIndex.unit(r, 0, p), 1.0); // degree exactly p
        HermitePolynomial g = b.build();
        Target t = Target.random(g, d, rng);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = normal.sample();
        }
        return new FiniteDifferences.TargetPoint(g, p, t, x);
    }
}
