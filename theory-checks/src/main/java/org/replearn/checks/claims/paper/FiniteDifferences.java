package org.replearn.checks.claims.paper;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * Central finite differences against analytic derivatives, with floating-point tolerances (the math of
 * {@link GradientCorrectnessClaim}). Targets: the Richardson combination {@code (4 D(h/2) − D(h))/3} of central
 * differences, exact up to rounding for polynomials of degree {@code <= 4} along a line, tolerance {@code 6δ/h} with
 * {@code δ = 8(p+2)ε·F_abs}, {@code F_abs = Σ|c_α||h_α(z)|}. Networks: central differences of the loss with samples
 * within 1e-3 of a ReLU kink removed (the loss is then quadratic along each coordinate), tolerance
 * {@code 4(n+m+d)ε·L_abs/h}, {@code L_abs = mean_i(Σ_j|a_j σ(s_ij)| + |y_i|)²}, against {@link TwoLayerNetwork#gradient}
 * and against the learner's fused kernel {@link LossGradient#over} on the same samples (plus that kernel's own rounding,
 * {@link GradientRounding}). The step in each quotient is the exactly representable {@code θ⁺ − θ⁻}.
 */
final class FiniteDifferences {
    private static final double EPS = Math.ulp(1.0);
    /** Step of the target differences (halved for the Richardson combination). */
    private static final double TARGET_STEP = 0.02;
    /** Step of the network differences. */
    private static final double NETWORK_STEP = 1e-6;

    private FiniteDifferences() {
    }

    /** A target {@code f*} of degree {@code p} (link {@code g}) and the point {@code x} it is differentiated at. */
    record TargetPoint(HermitePolynomial g, int p, Target target, double[] x) {
    }

    /** The worst absolute error and error/tolerance of the gradient and of the Hessian of one target. */
    record TargetErrors(double gradientError, double gradientRatio, double hessianError, double hessianRatio)
            implements Serializable {
    }

    /**
     * The errors of one network case: {@code kept} samples away from the kinks; per block (a, W, b) the worst absolute
     * error and error/tolerance of {@link TwoLayerNetwork#gradient}; the same for the fused kernel
     * {@link LossGradient#over} (a, W, b, and the loss of {@code over} and of {@link LossGradient#lossOver} against
     * {@link TwoLayerNetwork#loss}); and the error/tolerance of {@code −∂L/∂a} (the wrong-sign control).
     */
    record NetworkErrors(int kept, double[] error, double[] ratio, double[] fusedError, double[] fusedRatio,
            double wrongSignRatio) implements Serializable {
    }

    /** The Richardson-extrapolated differences of {@code ∇f*} and {@code ∇²f*} at the case's point. */
    static TargetErrors target(TargetPoint c) {
        Target t = c.target();
        double[] x = c.x();
        int d = x.length;
        double[] scales = absoluteScales(c.g(), t, x);
        double[] grad = new double[d];
        t.gradient(x, grad);
        DMatrixRMaj hess = new DMatrixRMaj(d, d);
        t.hessian(x, hess);
        double h = TARGET_STEP;
        double deltaF = 8 * (c.p() + 2) * EPS * scales[0];
        double deltaG = 8 * (c.p() + 2) * EPS * scales[1];
        double[] out = new double[4];
        double[] gp = new double[d];
        double[] gm = new double[d];
        double[] rich = new double[d];
        double[] coarse = new double[d];
        for (int i = 0; i < d; i++) {
            double e = Math.abs((4 * centralValue(t, x, i, h / 2) - centralValue(t, x, i, h)) / 3 - grad[i]);
            out[0] = Math.max(out[0], e);
            out[1] = Math.max(out[1], e / (6 * deltaF / h + 4 * EPS * (Math.abs(x[i]) + 1) * Math.abs(grad[i]) / h));
            centralGradient(t, x, i, h, gp, gm, coarse);
            centralGradient(t, x, i, h / 2, gp, gm, rich);
            for (int j = 0; j < d; j++) {
                double eh = Math.abs((4 * rich[j] - coarse[j]) / 3 - hess.get(i, j));
                out[2] = Math.max(out[2], eh);
                out[3] = Math.max(out[3], eh / (6 * deltaG / h + 4 * EPS * (Math.abs(x[i]) + 1)
                        * Math.abs(hess.get(i, j)) / h));
            }
        }
        return new TargetErrors(out[0], out[1], out[2], out[3]);
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
     * {@code Σ_α |c_α| Σ_l sqrt(α_l) |h_{α_l−1}(z_l)| Π_{l'≠l} |h_{α_l'}(z_l')|} at {@code z = Ux}: the sizes of the
     * summed terms.
     */
    private static double[] absoluteScales(HermitePolynomial g, Target t, double[] x) {
        int r = g.variables();
        double[] z = new double[r];
        t.project(x, z);
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
     * Central differences of the squared loss of the network {@code net} (width m, output weights set) on {@code n}
     * samples of a fixed degree-2 target ({@code seeds}' frame and training stream, label noise 0.1) against
     * {@link TwoLayerNetwork#gradient} and {@link LossGradient#over}, for every a, W and b coordinate.
     */
    static NetworkErrors network(TwoLayerNetwork net, int n, Seeds seeds) {
        int m = net.width();
        int d = net.dimension();
        int r = Math.min(2, d);
        Target t = Target.random(HermitePolynomial.builder(r).add(MultiIndex.unit(r, 0, 2), 0.8)
                .add(MultiIndex.unit(r, r - 1, 1), 0.6).build(), d, seeds.rng(Stream.FRAME));
        Dataset data = new DataSource(t, 0.1, seeds, Stream.TRAIN, n).materialize();
        DMatrixRMaj s = net.preactivations(data.x());
        double[] a = net.outputWeights();
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
            return new NetworkErrors(0, new double[3], new double[3], new double[4], new double[4], 0);
        }
        lAbs /= kept;
        x.reshape(kept, d, true);
        return lossDifferences(net, x, Arrays.copyOf(y, kept), 4 * (kept + m + d) * EPS * lAbs / NETWORK_STEP);
    }

    /**
     * The differences against {@link TwoLayerNetwork#gradient} (tolerance {@code tol}) and against the fused kernels
     * on the same samples as a {@link BlockSource}: {@code tol} plus the kernel's own rounding,
     * {@code Kε·}{@link GradientRounding} with {@code K = n+m+d+6} (the residual's {@code m+d+2} operations, the
     * products and the sum over {@code n}); their losses against {@link TwoLayerNetwork#loss}: {@code 4Kε·mean A_i²}
     * (two computations).
     */
    private static NetworkErrors lossDifferences(TwoLayerNetwork net, DMatrixRMaj x, double[] y, double tol) {
        NetworkGradient g = net.gradient(x, y);
        BlockSource samples = new Dataset(x, y, y).blocks();
        LossGradient fused = LossGradient.over(samples, net, Labels.OBSERVED, 1);
        NetworkGradient f = fused.gradient();
        double[] labelScale = new double[y.length];
        Arrays.setAll(labelScale, i -> Math.abs(y[i]));
        GradientRounding round = GradientRounding.of(net, x, labelScale);
        double k = (x.numRows + net.width() + x.numCols + 6) * EPS;
        double h = NETWORK_STEP;
        double[] err = new double[3];
        double[] fErr = new double[4];
        double[] fRatio = new double[4];
        double wrongSign = 0;
        int d = x.numCols;
        for (int j = 0; j < net.width(); j++) {
            double[] ap = net.outputWeights();
            double[] am = net.outputWeights();
            ap[j] += h;
            am[j] -= h;
            double fd = (net.withOutputWeights(ap).loss(x, y) - net.withOutputWeights(am).loss(x, y)) / (ap[j] - am[j]);
            err[0] = Math.max(err[0], Math.abs(fd - g.a()[j]));
            wrongSign = Math.max(wrongSign, Math.abs(fd + g.a()[j]));
            fused(fd - f.a()[j], tol + k * round.a()[j], 0, fErr, fRatio);
            double[] bp = net.biases();
            double[] bm = net.biases();
            bp[j] += h;
            bm[j] -= h;
            fd = (net.withFirstLayer(net.weights(), bp).loss(x, y) - net.withFirstLayer(net.weights(), bm).loss(x, y))
                    / (bp[j] - bm[j]);
            err[2] = Math.max(err[2], Math.abs(fd - g.b()[j]));
            fused(fd - f.b()[j], tol + k * round.b()[j] + round.bKink()[j], 2, fErr, fRatio);
            for (int c = 0; c < d; c++) {
                DMatrixRMaj wp = net.weights();
                DMatrixRMaj wm = net.weights();
                wp.add(j, c, h);
                wm.add(j, c, -h);
                fd = (net.withFirstLayer(wp, net.biases()).loss(x, y) - net.withFirstLayer(wm, net.biases()).loss(x, y))
                        / (wp.get(j, c) - wm.get(j, c));
                err[1] = Math.max(err[1], Math.abs(fd - g.w().get(j, c)));
                fused(fd - f.w().get(j, c), tol + k * round.w()[j * d + c] + round.wKink()[j * d + c], 1, fErr, fRatio);
            }
        }
        double loss = net.loss(x, y);
        double lossTol = 4 * k * round.loss();
        fused(fused.loss() - loss, lossTol, 3, fErr, fRatio);
        fused(LossGradient.lossOver(samples, net, Labels.OBSERVED, 1) - loss, lossTol, 3, fErr, fRatio);
        double[] ratio = new double[3];
        for (int b = 0; b < 3; b++) {
            ratio[b] = err[b] / tol;
        }
        return new NetworkErrors(x.numRows, err, ratio, fErr, fRatio, wrongSign / tol);
    }

    /** Records the error {@code |diff|} and {@code |diff|/tol} of block {@code b} if they are its worst. */
    private static void fused(double diff, double tol, int b, double[] err, double[] ratio) {
        err[b] = Math.max(err[b], Math.abs(diff));
        ratio[b] = Math.max(ratio[b], Math.abs(diff) / tol);
    }
}
