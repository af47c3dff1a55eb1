package org.replearn.checks.claims.paper;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.NetworkConfig;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The learner's first step against its identity (docs/math.md §4): with the biases kept, {@link OneStepLearner#firstStep}
 * must give {@code W¹ = −η ∇_W L(θ⁰)} on the de-linearized labels {@code ỹ_i = y_i − α̂ − β̂·x_i},
 * {@code α̂ = mean y}, {@code β̂ = mean(y·x)} (computed here, plainly), the gradient {@code G} being
 * {@link TwoLayerNetwork#gradient} at the symmetric initialization, on the training samples the problem streams;
 * {@code η} fixed, or the automatic {@code η = √m/‖G‖_F}. Two computations of {@code G} differ entrywise by at most
 * {@code g_jk = 2Kε·w_jk + wKink_jk} ({@link GradientRounding}, label scale
 * {@code T_i = |y_i| + mean|y| + Σ_p mean|y x_p|·|x_ip|}), {@code K = 2n + m + 3d + 11}: the operations along one term
 * ({@code α̂, β̂}: {@code n+2}; {@code ỹ_i}: {@code 2d+1}; {@code f_i}: {@code m+d+2}; {@code e_i}: 1; the products,
 * the sum over {@code n} and {@code 2/n}: {@code n+4}; {@code ·η}: 1). Two computations of the automatic {@code η}
 * differ relatively by at most {@code ρ = ‖g‖_F/‖G‖_F + 2(md+6)ε} (the norm's {@code md+4} operations, √m and the
 * division); {@code ρ = 0} for a fixed {@code η}. Tolerance per entry: {@code η((1+ρ)g_jk + ρ|G_jk|)}.
 */
final class FirstStepIdentity {
    private static final double EPS = Math.ulp(1.0);
    /** Label noise variance of the problems. */
    private static final double NOISE = 0.25;

    private FirstStepIdentity() {
    }

    /**
     * A first-step case: {@code d} in 2…16, even {@code m} in 2…16, {@code n} in 50…3000, {@code η} in [0.5, 2], or
     * {@code 0} for the automatic rule.
     */
    record Draw(int d, int m, int n, double eta) implements Serializable {
        /** The case drawn from {@code rng}, with the automatic {@code η} if {@code automatic}. */
        static Draw of(UniformRandomProvider rng, boolean automatic) {
            double eta = 0.5 + 1.5 * rng.nextDouble();
            return new Draw(2 + rng.nextInt(15), 2 * (1 + rng.nextInt(8)), 50 + rng.nextInt(2951),
                    automatic ? 0 : eta);
        }
    }

    /**
     * The worst error and error/tolerance of the learner's {@code W¹}, and the error/tolerance of the control: the
     * production step on raw labels ({@code −η ∇_W L} of {@link LossGradient#over} on {@code y}).
     */
    record Errors(double error, double ratio, double rawLabelsRatio) implements Serializable {
    }

    /** The problem of a case: the {@link Conventions#MIXED_TARGET} link on a random frame, {@code n} samples. */
    static Problem problem(Draw c, Seeds seeds) {
        Target t = Target.random(TargetSpec.parse(Conventions.MIXED_TARGET), c.d(), seeds.rng(Stream.FRAME));
        return new Problem(t, NOISE, c.n(), 1, seeds);
    }

    /** Runs the learner's first step on the case's problem and compares it with the identity. */
    static Errors check(Draw c, Seeds seeds) {
        Problem problem = problem(c, seeds);
        OneStepConfig config = new OneStepConfig(NetworkConfig.defaults(c.m(), 1), c.eta(), false);
        return compare(c, problem, new OneStepLearner(config).firstStep(problem).weights());
    }

    /** Compares a first layer {@code learned} with the identity on {@code problem} (the problem of case {@code c}). */
    static Errors compare(Draw c, Problem problem, DMatrixRMaj learned) {
        Seeds seeds = problem.seeds();
        TwoLayerNetwork init = SymmetricInit.initialize(c.m(), c.d(), seeds, false);
        DataSource train = problem.train();
        DMatrixRMaj raw = LossGradient.over(train, init, Labels.OBSERVED, 1).gradient().w();
        Dataset data = train.materialize();
        double[] scale = new double[c.n()];
        double[] g = init.gradient(data.x(), delinearize(data, scale)).w().data;
        GradientRounding round = GradientRounding.of(init, data.x(), scale);
        double k = (2.0 * c.n() + c.m() + 3 * c.d() + 11) * EPS;
        double[] bound = new double[g.length];
        Arrays.setAll(bound, e -> 2 * k * round.w()[e] + round.wKink()[e]);
        double eta = c.eta() > 0 ? c.eta() : Math.sqrt(c.m()) / norm(g);
        double etaRaw = c.eta() > 0 ? c.eta() : Math.sqrt(c.m()) / norm(raw.data);
        double rho = c.eta() > 0 ? 0 : norm(bound) / norm(g) + 2 * (g.length + 6) * EPS;
        double error = 0;
        double ratio = 0;
        double control = 0;
        for (int e = 0; e < g.length; e++) {
            double expected = -eta * g[e];
            double tol = eta * ((1 + rho) * bound[e] + rho * Math.abs(g[e]));
            double diff = Math.abs(learned.data[e] - expected);
            error = Math.max(error, diff);
            ratio = Math.max(ratio, diff / tol);
            control = Math.max(control, Math.abs(-etaRaw * raw.data[e] - expected) / tol);
        }
        return new Errors(error, ratio, control);
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double e : v) {
            sum += e * e;
        }
        return Math.sqrt(sum);
    }

    /**
     * {@code ỹ_i = y_i − α̂ − β̂·x_i} with {@code α̂ = mean y}, {@code β̂ = mean(y·x)}; fills
     * {@code scale[i] = |y_i| + mean|y| + Σ_p mean|y x_p|·|x_ip|}, which bounds {@code |ỹ_i|} and the sizes summed.
     */
    static double[] delinearize(Dataset data, double[] scale) {
        int n = data.size();
        int d = data.x().numCols;
        double[] y = data.y();
        double[] x = data.x().data;
        double alpha = 0;
        double alphaAbs = 0;
        double[] beta = new double[d];
        double[] betaAbs = new double[d];
        for (int i = 0; i < n; i++) {
            alpha += y[i];
            alphaAbs += Math.abs(y[i]);
            for (int p = 0; p < d; p++) {
                beta[p] += y[i] * x[i * d + p];
                betaAbs[p] += Math.abs(y[i] * x[i * d + p]);
            }
        }
        alpha /= n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double linear = alpha;
            scale[i] = Math.abs(y[i]) + alphaAbs / n;
            for (int p = 0; p < d; p++) {
                linear += beta[p] / n * x[i * d + p];
                scale[i] += betaAbs[p] / n * Math.abs(x[i * d + p]);
            }
            out[i] = y[i] - linear;
        }
        return out;
    }
}
