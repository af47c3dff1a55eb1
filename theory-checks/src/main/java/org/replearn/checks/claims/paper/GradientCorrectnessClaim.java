package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Format;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * Claim 2 (docs/math.md §2–3, §6 "Gradient correctness"): the analytic gradients of the target ({@code ∇f* = Uᵀ∇g(Ux)},
 * {@code ∇²f* = Uᵀ∇²g(Ux)U}) and of the network loss ({@code ∂L/∂a, ∂L/∂W, ∂L/∂b}) equal central finite
 * differences.
 *
 * <p>Targets: random Hermite polynomials of degree {@code p <= 4} in {@code r <= 3} variables on random frames. A
 * central difference has error {@code (h²/6) f''' + (h⁴/120) f⁽⁵⁾ + …}; along a coordinate line a degree-4
 * polynomial has {@code f⁽⁵⁾ = 0}, so the Richardson combination {@code (4 D(h/2) − D(h))/3} is exact up to
 * rounding. Tolerance: each evaluation of {@code f} has rounding {@code δ <= 8(p+2)ε·F_abs} with
 * {@code F_abs = Σ|c_α||h_α(z)|} (the recurrence and the sum over terms, no cancellation assumed), which the
 * combination amplifies to {@code 3δ/h}; we allow {@code 6δ/h} (a factor 2 for {@code F_abs} varying over the
 * stencil). The Hessian uses the same bound with the analogous absolute scale of the gradient.
 *
 * <p>Network: samples within 1e-3 of a ReLU kink are removed and {@code h = 1e-6} moves a pre-activation by at most
 * {@code h·|x|}, far less, so the loss is exactly quadratic along every coordinate and the central difference is
 * exact up to rounding. Each squared residual carries a relative rounding of about {@code 2(m+d)ε} of its absolute
 * scale and the mean adds {@code nε}; the tolerance is {@code 4(n+m+d)ε·L_abs/h} with
 * {@code L_abs = mean_i(Σ_j|a_j σ(s_ij)| + |y_i|)²} (a factor 2 margin over that estimate). The step used in the
 * quotient is the exactly representable {@code θ⁺ − θ⁻}.
 */
public final class GradientCorrectnessClaim extends SingleRun {
    /** The claim id. */
    public static final String ID = "gradient-correctness";
    private static final double EPS = Math.ulp(1.0);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Analytic gradients of the target (∇f*, ∇²f*) and of the network loss (∂L/∂a, ∂L/∂W, ∂L/∂b) equal central"
                + " finite differences up to rounding";
    }

    @Override
    ClaimResult run(RunContext ctx) {
        int targets = ctx.scale().pick(60, 300);
        int networks = ctx.scale().pick(40, 200);
        Seeds seeds = ctx.seedsFor(ID);
        UniformRandomProvider rng = seeds.rng(Stream.CHECK);
        Sweep.Builder tSweep = Sweep.table("gradient-target", "case", "d", "r", "p", "block", "max_abs_error",
                "max_error_over_tolerance");
        double[] worst = new double[5];
        double wrongSign = 0;
        for (int c = 0; c < targets; c++) {
            double[] ratios = targetCase(rng, c, tSweep);
            worst[0] = Math.max(worst[0], ratios[0]);
            worst[1] = Math.max(worst[1], ratios[1]);
            ctx.progress().update(c + 1, targets + networks);
        }
        Sweep.Builder nSweep = Sweep.table("gradient-network", "case", "d", "m", "n", "kept", "block",
                "max_abs_error", "max_error_over_tolerance");
        for (int c = 0; c < networks; c++) {
            double[] ratios = networkCase(rng, seeds.child(c), c, nSweep);
            for (int k = 0; k < 3; k++) {
                worst[2 + k] = Math.max(worst[2 + k], ratios[k]);
            }
            wrongSign = Math.max(wrongSign, ratios[3]);
            ctx.progress().update(targets + c + 1, targets + networks);
        }
        double overall = Arrays.stream(worst).max().orElse(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target_cases", targets);
        details.put("network_cases", networks);
        String[] names = {"target_gradient", "target_hessian", "network_a", "network_w", "network_b"};
        for (int k = 0; k < names.length; k++) {
            details.put(names[k] + "_max_error_over_tolerance", worst[k]);
        }
        details.put("control_wrong_sign_a_max_error_over_tolerance", wrongSign);
        return ClaimResult.builder(ID, statement())
                .predicted("finite difference = analytic (error/tolerance <= 1) on " + targets + " random targets and "
                        + networks + " random networks")
                .measured("max error/tolerance " + Format.fmt(overall) + " (∇f* " + Format.fmt(worst[0]) + ", ∇²f* "
                        + Format.fmt(worst[1]) + ", a " + Format.fmt(worst[2]) + ", W " + Format.fmt(worst[3]) + ", b "
                        + Format.fmt(worst[4]) + ")")
                .tolerance("target: 6δ/h with δ = 8(p+2)ε·Σ|c_α||h_α|; network: 4(n+m+d)ε·L_abs/h")
                .rationale("Richardson-extrapolated central differences are exact for polynomials of degree <= 4 along a line and"
                        + " the network loss is exactly quadratic along each coordinate away from kinks, so the tolerance"
                        + " is a floating-point rounding bound for the function evaluations divided by the step.")
                .holds(overall <= 1)
                .control("∂L/∂a with the wrong sign", wrongSign > 1,
                        "max error/tolerance " + Format.fmt(wrongSign) + " on the output weights")
                .details(details)
                .sweeps(List.of(tSweep.build(), nSweep.build()))
                .plots(List.of())
                .build();
    }

    /** One random target; returns the worst error/tolerance of the gradient and of the Hessian. */
    private static double[] targetCase(UniformRandomProvider rng, int c, Sweep.Builder sweep) {
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
        double[] z = new double[r];
        t.project(x, z);
        double[] scales = absoluteScales(g, z);
        double[] grad = new double[d];
        t.gradient(x, grad);
        DMatrixRMaj hess = new DMatrixRMaj(d, d);
        t.hessian(x, hess);
        double h = 0.02;
        double deltaF = 8 * (p + 2) * EPS * scales[0];
        double deltaG = 8 * (p + 2) * EPS * scales[1];
        double errG = 0;
        double errH = 0;
        double ratioG = 0;
        double ratioH = 0;
        double[] gp = new double[d];
        double[] gm = new double[d];
        double[] rich = new double[d];
        double[] coarse = new double[d];
        for (int i = 0; i < d; i++) {
            double fdCoarse = centralValue(t, x, i, h);
            double fdFine = centralValue(t, x, i, h / 2);
            double e = Math.abs((4 * fdFine - fdCoarse) / 3 - grad[i]);
            errG = Math.max(errG, e);
            ratioG = Math.max(ratioG, e / (6 * deltaF / h + 4 * EPS * (Math.abs(x[i]) + 1) * Math.abs(grad[i]) / h));
            centralGradient(t, x, i, h, gp, gm, coarse);
            centralGradient(t, x, i, h / 2, gp, gm, rich);
            for (int j = 0; j < d; j++) {
                double eh = Math.abs((4 * rich[j] - coarse[j]) / 3 - hess.get(i, j));
                errH = Math.max(errH, eh);
                ratioH = Math.max(ratioH, eh / (6 * deltaG / h + 4 * EPS * (Math.abs(x[i]) + 1)
                        * Math.abs(hess.get(i, j)) / h));
            }
        }
        sweep.row(c, d, r, p, "gradient", errG, ratioG);
        sweep.row(c, d, r, p, "hessian", errH, ratioH);
        return new double[] {ratioG, ratioH};
    }

    private static double centralValue(Target t, double[] x, int i, double h) {
        double[] xp = x.clone();
        double[] xm = x.clone();
        xp[i] += h;
        xm[i] -= h;
        return (t.value(xp) - t.value(xm)) / (xp[i] - xm[i]);
    }

    private static void centralGradient(Target t, double[] x, int i, double h, double[] gp, double[] gm, double[] out) {
        double[] xp = x.clone();
        double[] xm = x.clone();
        xp[i] += h;
        xm[i] -= h;
        t.gradient(xp, gp);
        t.gradient(xm, gm);
        for (int j = 0; j < out.length; j++) {
            out[j] = (gp[j] - gm[j]) / (xp[i] - xm[i]);
        }
    }

    /**
     * {@code F_abs = Σ_α |c_α| Π_l |h_{α_l}(z_l)|} and the gradient analogue
     * {@code Σ_α |c_α| Σ_l sqrt(α_l) |h_{α_l−1}(z_l)| Π_{l'≠l} |h_{α_l'}(z_l')|}: the sizes of the summed terms.
     */
    private static double[] absoluteScales(HermitePolynomial g, double[] z) {
        int r = z.length;
        int p = g.degree();
        double[][] hv = new double[r][p + 1];
        for (int l = 0; l < r; l++) {
            Hermite.values(z[l], p, hv[l]);
        }
        double f = 0;
        double df = 0;
        for (Map.Entry<MultiIndex, Double> term : g.terms().entrySet()) {
            MultiIndex alpha = term.getKey();
            double c = Math.abs(term.getValue());
            double prod = 1;
            for (int l = 0; l < r; l++) {
                prod *= Math.abs(hv[l][alpha.get(l)]);
            }
            f += c * prod;
            for (int l = 0; l < r; l++) {
                int a = alpha.get(l);
                if (a == 0) {
                    continue;
                }
                double part = Math.sqrt(a) * Math.abs(hv[l][a - 1]);
                for (int o = 0; o < r; o++) {
                    if (o != l) {
                        part *= Math.abs(hv[o][alpha.get(o)]);
                    }
                }
                df += c * part;
            }
        }
        return new double[] {f, df};
    }

    /**
     * One random network; returns the worst error/tolerance for the blocks a, W, b, and, as the negative control,
     * for {@code −∂L/∂a} (a gradient with the wrong sign) against the same finite differences.
     */
    private static double[] networkCase(UniformRandomProvider rng, Seeds seeds, int c, Sweep.Builder sweep) {
        int d = 1 + rng.nextInt(8);
        int m = 2 * (1 + rng.nextInt(8));
        int n = 5 + rng.nextInt(76);
        int r = Math.min(2, d);
        Target t = Target.random(HermitePolynomial.builder(r).add(MultiIndex.unit(r, 0, 2), 0.8)
                .add(MultiIndex.unit(r, r - 1, 1), 0.6).build(), d, seeds.rng(Stream.FRAME));
        TwoLayerNetwork init = SymmetricInit.initialize(m, d, seeds, false);
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            a[j] = 2 * rng.nextDouble() - 1; // break the symmetry so every block is non-trivial
        }
        TwoLayerNetwork net = init.withOutputWeights(a);
        Dataset data = new DataSource(t, 0.1, seeds, Stream.TRAIN, n).materialize();
        DMatrixRMaj s = net.preactivations(data.x());
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        double[] y = new double[n];
        int kept = 0;
        double lAbs = 0;
        for (int i = 0; i < n; i++) {
            boolean near = false;
            double abs = Math.abs(data.y()[i]);
            for (int j = 0; j < m; j++) {
                near |= Math.abs(s.get(i, j)) < 1e-3;
                abs += Math.abs(a[j]) * Math.max(s.get(i, j), 0);
            }
            if (!near) {
                System.arraycopy(data.x().data, i * d, x.data, kept * d, d);
                y[kept++] = data.y()[i];
                lAbs += abs * abs;
            }
        }
        if (kept == 0) {
            sweep.row(c, d, m, n, 0, "none", 0.0, 0.0);
            return new double[4];
        }
        lAbs /= kept;
        x.reshape(kept, d, true);
        y = Arrays.copyOf(y, kept);
        NetworkGradient g = net.gradient(x, y);
        double h = 1e-6;
        double tol = 4 * (kept + m + d) * EPS * lAbs / h;
        double[] err = new double[3];
        double wrongSign = 0;
        for (int j = 0; j < m; j++) {
            double[] ap = net.outputWeights();
            double[] am = net.outputWeights();
            ap[j] += h;
            am[j] -= h;
            double fd = (net.withOutputWeights(ap).loss(x, y) - net.withOutputWeights(am).loss(x, y)) / (ap[j] - am[j]);
            err[0] = Math.max(err[0], Math.abs(fd - g.a()[j]));
            wrongSign = Math.max(wrongSign, Math.abs(fd + g.a()[j]));
            double[] bp = net.biases();
            double[] bm = net.biases();
            bp[j] += h;
            bm[j] -= h;
            fd = (net.withFirstLayer(net.weights(), bp).loss(x, y) - net.withFirstLayer(net.weights(), bm).loss(x, y))
                    / (bp[j] - bm[j]);
            err[2] = Math.max(err[2], Math.abs(fd - g.b()[j]));
            for (int k = 0; k < d; k++) {
                DMatrixRMaj wp = net.weights();
                DMatrixRMaj wm = net.weights();
                wp.add(j, k, h);
                wm.add(j, k, -h);
                fd = (net.withFirstLayer(wp, net.biases()).loss(x, y) - net.withFirstLayer(wm, net.biases()).loss(x, y))
                        / (wp.get(j, k) - wm.get(j, k));
                err[1] = Math.max(err[1], Math.abs(fd - g.w().get(j, k)));
            }
        }
        String[] blocks = {"a", "W", "b"};
        double[] ratios = new double[4];
        for (int k = 0; k < 3; k++) {
            ratios[k] = err[k] / tol;
            sweep.row(c, d, m, n, kept, blocks[k], err[k], ratios[k]);
        }
        ratios[3] = wrongSign / tol;
        return ratios;
    }
}
