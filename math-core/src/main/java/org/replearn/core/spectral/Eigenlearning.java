package org.replearn.core.spectral;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.replearn.core.Validate;

/**
 * The deterministic equivalent (eigenlearning) of kernel ridge regression {@code α = (K + nλI)⁻¹ y} on {@code n}
 * samples with label noise of variance {@code σ²} (docs/math.md §8). With ridge {@code δ = nλ + tailTrace} (modes
 * far below the effective ridge only add to it, see {@link EigenModes}), the effective ridge {@code κ > 0} solves
 * {@code Σ_i m_i μ_i/(μ_i + κ) + δ/κ = n}; the learnabilities are {@code L_i = μ_i/(μ_i + κ)}, the overfitting factor
 * {@code E₀ = n / (n − Σ_i m_i L_i²)}, and the predicted test error (against noisy labels)
 * {@code E₀ (Σ_i (1 − L_i)² v_i² + residualEnergy + σ²)}. Multiplicities are weights: modes are never expanded.
 *
 * <p>{@code κ} is found by Brent's method on {@code log κ}, where the left side is decreasing, in the bracket
 * {@code [δ/2n, 2(Σ m μ + δ)/n]}. With {@code δ = 0} the lower end is halved until the left side exceeds {@code n};
 * if it never does ({@code Σ m_i <= n} over the positive eigenvalues: fewer modes than samples), {@code κ = 0}
 * and every such mode is learned exactly.
 *
 * <p>{@code n} is a {@code long} (the staircase needs {@code n = d^{3.5}}, about {@code 3.4e10} at {@code d = 1024}),
 * at most {@code 2^53} so that it converts to a double exactly; the arithmetic is the same as with an {@code int}.
 */
public final class Eigenlearning {
    private static final double LOG_ACCURACY = 1e-13;
    private static final int EVALUATIONS = 500;
    /** The largest {@code n}: every {@code long} up to {@code 2^53} is a double exactly. */
    private static final long MAX_SAMPLES = 1L << 53;

    private Eigenlearning() {
    }

    /**
     * A prediction at one ridge.
     *
     * @param lambda         the ridge {@code λ} ({@code δ = nλ})
     * @param effectiveRidge {@code κ}
     * @param overfitting    {@code E₀}
     * @param testError      the predicted test mean squared error, noise included
     */
    public record Risk(double lambda, double effectiveRidge, double overfitting, double testError) {
    }

    /** {@code κ} for {@code n} samples and ridge {@code λ >= 0} (see the class comment). */
    public static double effectiveRidge(EigenModes modes, long n, double lambda) {
        if (n < 1 || n > MAX_SAMPLES) {
            throw new IllegalArgumentException("n = " + n + " must be >= 1 and <= 2^53: use at least one sample, and"
                    + " at most as many as a double represents exactly");
        }
        Validate.nonNegative("lambda", lambda, "the ridge is >= 0");
        double delta = n * lambda + modes.tailTrace();
        double[] mu = modes.eigenvalues();
        double[] m = modes.multiplicities();
        double trace = delta;
        for (int i = 0; i < mu.length; i++) {
            trace += m[i] * mu[i];
        }
        if (!(trace > 0)) {
            return 0;
        }
        double high = 2 * trace / n;
        double low = delta > 0 ? delta / (2.0 * n) : high;
        while (!(excess(mu, m, delta, n, low) > 0)) {
            low /= 2;
            if (low == 0) {
                return 0;
            }
        }
        BrentSolver solver = new BrentSolver(0, LOG_ACCURACY);
        return Math.exp(solver.solve(EVALUATIONS, u -> excess(mu, m, delta, n, Math.exp(u)), Math.log(low),
                Math.log(high)));
    }

    /** {@code Σ m μ/(μ + κ) + δ/κ − n}. */
    private static double excess(double[] mu, double[] m, double delta, long n, double kappa) {
        double sum = delta / kappa - n;
        for (int i = 0; i < mu.length; i++) {
            sum += m[i] * mu[i] / (mu[i] + kappa);
        }
        return sum;
    }

    /** The prediction for {@code n} samples, ridge {@code λ >= 0} and noise variance {@code σ² >= 0}. */
    public static Risk risk(EigenModes modes, long n, double lambda, double noise) {
        Validate.nonNegative("noise", noise, "the noise variance is >= 0");
        double kappa = effectiveRidge(modes, n, lambda);
        double[] mu = modes.eigenvalues();
        double[] m = modes.multiplicities();
        double[] v2 = modes.energies();
        double learned = 0;
        double bias = modes.residualEnergy();
        for (int i = 0; i < mu.length; i++) {
            double l = mu[i] > 0 ? mu[i] / (mu[i] + kappa) : 0;
            learned += m[i] * l * l;
            bias += (1 - l) * (1 - l) * v2[i];
        }
        double overfitting = n / (n - learned);
        return new Risk(lambda, kappa, overfitting, overfitting * (bias + noise));
    }

    /**
     * The prediction at the {@code λ} of {@code lambdas} with the smallest predicted test error: what choosing
     * {@code λ} on a large validation set achieves.
     */
    public static Risk bestOnGrid(EigenModes modes, long n, double[] lambdas, double noise) {
        Validate.atLeast("lambdas length", lambdas.length, 1, "pass at least one ridge");
        Risk best = null;
        for (double lambda : lambdas) {
            Risk risk = risk(modes, n, lambda, noise);
            if (best == null || risk.testError() < best.testError()) {
                best = risk;
            }
        }
        return best;
    }
}
