package org.replearn.checks.claims.paper;

import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.kernel.Kernel;
import org.replearn.core.kernel.ReluNngp;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * The ReLU NTK the kernel claims use against its definition (docs/math.md §3), an identity judged two-sided: the
 * tangent kernel of the network at its symmetric initialization, per neuron,
 * {@code Θ(x, y) = E[σ(w·x + b)σ(w·y + b) + a²·1[w·x + b > 0]1[w·y + b > 0](x·y + 1)]}, estimated by the mean of the
 * {@code m/2} independent neurons of a width-{@value #WIDTH} {@link SymmetricInit} network (the mirrored half repeats
 * them) with its standard error, against {@link ReluNtk}'s closed form. Pairs: {@value #DRAWS} draws of {@code x} with
 * {@code y} at the angles {@code kπ/4}, {@code k = 0…4}, {@code |y| = |x|}. Check: every
 * {@code |z| = |mean − Θ|/SE} below the Bonferroni threshold of family-wise level {@value #LEVEL} over all pairs of
 * the claim. Control: {@link ReluNngp}'s closed form (no first-layer tangent term) in place of {@code Θ}.
 *
 * @param d        the dimension
 * @param z        {@code (mean − Θ)/SE} per pair
 * @param zControl {@code (mean − K_NNGP)/SE} per pair
 * @param worst    the pair of largest {@code |z|}: its angle index {@code k}, {@code Θ}, mean and SE
 */
record NtkDefinition(int d, double[] z, double[] zControl, double[] worst) implements java.io.Serializable {
    /** The network's width (even: half of it are independent neurons). */
    static final int WIDTH = 1 << 15;
    /** Draws of {@code x} per dimension. */
    static final int DRAWS = 3;
    /** Angles per draw: {@code kπ/4}, {@code k = 0…4}. */
    static final int ANGLES = 5;
    /** The family-wise level of the two-sided check. */
    static final double LEVEL = 1e-3;

    /** The check at dimension {@code d}: network and pairs from {@code seeds}. */
    static NtkDefinition of(int d, Seeds seeds) {
        TwoLayerNetwork net = SymmetricInit.initialize(WIDTH, d, seeds, false);
        DMatrixRMaj w = net.weights();
        double[] b = net.biases();
        double[] a = net.outputWeights();
        int half = WIDTH / 2;
        Kernel ntk = new ReluNtk(d);
        Kernel nngp = new ReluNngp(d);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(seeds.rng(Stream.CHECK));
        double[] z = new double[DRAWS * ANGLES];
        double[] zControl = new double[z.length];
        double[] worst = new double[4];
        double worstAbs = -1;
        double[] c = new double[half];
        for (int draw = 0; draw < DRAWS; draw++) {
            double[] x = gaussian(normal, d);
            double[] u = orthogonal(x, gaussian(normal, d));
            for (int k = 0; k < ANGLES; k++) {
                double phi = k * Math.PI / (ANGLES - 1);
                double[] y = new double[d];
                for (int i = 0; i < d; i++) {
                    y[i] = Math.cos(phi) * x[i] + Math.sin(phi) * u[i];
                }
                double xy = dot(x, y, d);
                for (int j = 0; j < half; j++) {
                    double s = b[j];
                    double t = b[j];
                    for (int i = 0; i < d; i++) {
                        s += w.data[j * d + i] * x[i];
                        t += w.data[j * d + i] * y[i];
                    }
                    c[j] = Math.max(s, 0) * Math.max(t, 0) + (s > 0 && t > 0 ? a[j] * a[j] * (xy + 1) : 0);
                }
                double[] mean = Intervals.meanAndStandardError(c);
                double theta = ntk.value(x, y);
                int p = draw * ANGLES + k;
                z[p] = (mean[0] - theta) / mean[1];
                zControl[p] = (mean[0] - nngp.value(x, y)) / mean[1];
                if (!(Math.abs(z[p]) <= worstAbs)) {
                    worstAbs = Math.abs(z[p]);
                    worst = new double[] {k, theta, mean[0], mean[1]};
                }
            }
        }
        return new NtkDefinition(d, z, zControl, worst);
    }

    /** Multiply-adds: {@code m/2} neurons, {@code 2d} per pair. */
    static double work(int d) {
        return (double) WIDTH / 2 * 2 * d * DRAWS * ANGLES + (double) WIDTH * d;
    }

    /** The Bonferroni threshold over the pairs of {@code checks}. */
    static double threshold(List<NtkDefinition> checks) {
        return Intervals.bonferroniThreshold(LEVEL, checks.size() * DRAWS * ANGLES);
    }

    /** The largest {@code |z|} over {@code checks} (of the control, if {@code control}). */
    static double maxAbs(List<NtkDefinition> checks, boolean control) {
        return checks.stream().mapToDouble(c -> Intervals.maxAbs(control ? c.zControl() : c.z())).max().orElse(0);
    }

    /** Whether every pair's {@code |z|} (or the control's, if {@code control}) is within the threshold. */
    static boolean holds(List<NtkDefinition> checks, boolean control) {
        return maxAbs(checks, control) <= threshold(checks);
    }

    /** The measurement's text: the largest {@code |z|} per d with the worst pair, against the threshold. */
    static String text(List<NtkDefinition> checks, boolean control) {
        StringBuilder out = new StringBuilder(control ? "ReLU NNGP against the NTK's definition: max |z|"
                : "ReLU NTK against its definition (width " + WIDTH + "): max |z|");
        for (NtkDefinition c : checks) {
            out.append(" ").append(Format.fmt(Intervals.maxAbs(control ? c.zControl() : c.z()))).append(" at d = ")
                    .append(c.d());
            if (!control) {
                out.append(" (angle ").append((int) c.worst()[0]).append("π/4: Θ ").append(Format.fmt(c.worst()[1]))
                        .append(", mean ").append(Format.fmt(c.worst()[2])).append(" ± ")
                        .append(Format.fmt(c.worst()[3])).append(")");
            }
        }
        return out.append(" against ").append(Format.fmt(threshold(checks))).append(" (family-wise level ")
                .append(Format.fmt(LEVEL)).append(", ").append(checks.size() * DRAWS * ANGLES).append(" pairs)")
                .toString();
    }

    private static double[] gaussian(ZigguratSampler.NormalizedGaussian normal, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = normal.sample();
        }
        return v;
    }

    /** {@code v} minus its projection on {@code x}, scaled to {@code |x|}. */
    private static double[] orthogonal(double[] x, double[] v) {
        int d = x.length;
        double r = dot(v, x, d) / dot(x, x, d);
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = v[i] - r * x[i];
        }
        double scale = Math.sqrt(dot(x, x, d) / dot(u, u, d));
        for (int i = 0; i < d; i++) {
            u[i] *= scale;
        }
        return u;
    }

    private static double dot(double[] x, double[] y, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
