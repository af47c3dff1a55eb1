package org.replearn.core.theory;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.NumericalFailure;
import org.replearn.core.Validate;
import org.replearn.core.data.Parallel;
import org.replearn.core.network.Activation;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * The exact population test error of {@code f̂(x) = Σ_j a_j σ(w_j·x + b_j) + α + β·x}, {@code σ = ReLU}, against a
 * polynomial target {@code f*(x) = g(Ux)}, {@code x ~ N(0, I_d)} (docs/math.md §4 step 6, without test-set noise):
 * <pre>E(f̂ - f*)² = E f̂² - 2 E f̂f* + E f*²,   E f*² = Σ c_α²,
 * E f̂f* = Σ_j a_j E[f* σ(w_j·x + b_j)] + α c_0 + β·C_1,
 * E f̂² = Σ_{j,k} a_j a_k E σ(u_j)σ(u_k) + α² + ||β||² + 2α Σ_j a_j E σ(u_j) + 2 Σ_j a_j Φ(b_j/||w_j||) β·w_j,</pre>
 * with {@code u_j = w_j·x + b_j ~ N(b_j, ||w_j||²)}, {@code Cov(u_j, u_k) = w_j·w_k}, the ReLU moments of
 * {@link ReluGaussian} and {@link #correlation} for {@code E[f* σ(w·x + b)]}. Exact for polynomial targets: the only
 * errors are rounding and the {@code ~1e-15} of the bivariate normal CDF, so the absolute error is of order
 * {@code 1e-15 (Σ_j |a_j| (|b_j| + ||w_j||) + |α| + ||β|| + sqrt(E f*²))²}; a small excess is a difference of larger
 * moments and has only that absolute accuracy.
 *
 * <p>Cost {@code O(m² d)} for the covariances plus one bivariate normal CDF per pair of neurons with non-zero output
 * weight, and {@code O(m·(r d + p · terms of g))} for the target; no allocation in the pair loop. The pairs run on
 * {@code threads} threads by rows of the pair triangle: each row's sum is formed by one thread in increasing order and
 * the rows are added in increasing order on the caller's thread, so the result has the same bits for every thread
 * count.
 *
 * @param excess                {@code E(f̂ - f*)²} (rounding below 0 is reported as 0)
 * @param relative              {@code E(f̂ - f*)² / E f*²}
 * @param predictorSecondMoment {@code E f̂²}
 * @param crossMoment           {@code E f̂ f*}
 * @param targetSecondMoment    {@code E f*²}
 */
public record PopulationError(double excess, double relative, double predictorSecondMoment, double crossMoment,
        double targetSecondMoment) {
    /**
     * A computed excess below {@code -NEGATIVE_TOLERANCE · (E f̂² + 2|E f̂f*| + E f*²)} cannot be rounding: it is
     * reported as a {@link NumericalFailure} instead of being clamped to 0.
     */
    static final double NEGATIVE_TOLERANCE = 1e-10;
    /** Rows of the pair triangle per task of the parallel pair loop. */
    private static final int PAIR_ROWS = 8;

    /**
     * The error of {@code f̂(x) = Σ_j a_j σ(w_j·x + b_j) + α + β·x}.
     *
     * @param w      first layer, {@code m×d} ({@code m >= 0}; rows may be zero)
     * @param b      biases, length m
     * @param a      output weights, length m
     * @param alpha  constant part {@code α}
     * @param beta   linear part {@code β}, length d
     * @param target  the target {@code f*}, of dimension d
     * @param threads threads for the pairs of neurons (the result does not depend on it)
     * @throws IllegalArgumentException on mismatched shapes or non-finite values, or {@code threads < 1}
     * @throws NumericalFailure         when a moment overflows the double range
     */
    public static PopulationError of(DMatrixRMaj w, double[] b, double[] a, double alpha, double[] beta,
            Target target, int threads) {
        if (target == null) {
            throw new IllegalArgumentException("target is null: pass the target f* the predictor is judged against");
        }
        int d = target.dimension();
        int m = w.numRows;
        Validate.dimension("w columns", w.numCols, d,
                "pass a first layer of shape m×d with d = the target's dimension");
        Validate.dimension("b", b.length, m, "one bias per row of w");
        Validate.dimension("a", a.length, m, "one output weight per row of w");
        Validate.dimension("beta", beta.length, d, "pass a linear part of length d");
        Validate.finite("w", w);
        Validate.finite("b", b);
        Validate.finite("a", a);
        Validate.finite("alpha", alpha);
        Validate.finite("beta", beta);
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");

        double[] wd = w.data;
        double[] sq = new double[m];
        double[] s = new double[m];
        for (int j = 0; j < m; j++) {
            sq[j] = dot(wd, j * d, wd, j * d, d);
            s[j] = Math.sqrt(sq[j]);
            if (!Double.isFinite(sq[j])) {
                throw new NumericalFailure("||w_" + j + "||² overflows the double range: the first layer is too large");
            }
        }
        ReluGaussian.Units units = new ReluGaussian.Units(b.clone(), s);

        // E f̂f* = Σ_j a_j E[f* σ_j] + α c_0 + β·C_1; the neuron-linear parts of E f̂²
        double[] c1 = target.linearCoefficient();
        double cross = alpha * target.mean() + dot(beta, 0, c1, 0, d);
        double meanSum = 0;
        double slopeSum = 0;
        Scratch scratch = new Scratch(target);
        double[] row = new double[d];
        for (int j = 0; j < m; j++) {
            if (a[j] == 0 || units.kind[j] == ReluGaussian.OFF) {
                continue;
            }
            System.arraycopy(wd, j * d, row, 0, d);
            cross += a[j] * correlation(target, row, units, j, scratch);
            meanSum += a[j] * units.mean[j];
            slopeSum += a[j] * units.slope[j] * dot(beta, 0, row, 0, d);
        }

        // Σ_{j,k} a_j a_k E σ_j σ_k over the neurons that contribute, each pair once
        int[] active = new int[m];
        int n = 0;
        for (int j = 0; j < m; j++) {
            if (a[j] != 0 && units.kind[j] != ReluGaussian.OFF) {
                active[n++] = j;
            }
        }
        int count = n;
        double[] off = new double[n];
        Parallel.forEach((n + PAIR_ROWS - 1) / PAIR_ROWS, threads, () -> null, (unused, task) -> {
            int end = count - task * PAIR_ROWS; // the longest rows first
            for (int jj = Math.max(0, end - PAIR_ROWS); jj < end; jj++) {
                off[jj] = offDiagonal(jj, active, a, wd, d, sq, units);
            }
        });
        double quadratic = 0;
        for (int jj = 0; jj < n; jj++) {
            int j = active[jj];
            quadratic += a[j] * (a[j] * units.second(j) + 2 * off[jj]);
        }
        double predictor = quadratic + alpha * alpha + dot(beta, 0, beta, 0, d) + 2 * alpha * meanSum
                + 2 * slopeSum;
        double target2 = target.secondMoment();
        double excess = predictor - 2 * cross + target2;
        if (!Double.isFinite(excess)) {
            throw new NumericalFailure("the population error overflows the double range (E f̂² or E f̂f* does):"
                    + " the network's weights or the target's degree are too large");
        }
        if (excess < 0) {
            double scale = predictor + 2 * Math.abs(cross) + target2;
            if (excess < -NEGATIVE_TOLERANCE * scale) {
                throw new NumericalFailure("E(f̂ - f*)² = " + excess + " < 0 beyond rounding (E f̂² = " + predictor
                        + ", E f̂f* = " + cross + ", E f*² = " + target2 + "): the moments lost their accuracy");
            }
            excess = 0;
        }
        return new PopulationError(excess, excess / target2, predictor, cross, target2);
    }

    /** {@link #of(DMatrixRMaj, double[], double[], double, double[], Target, int)} on the caller's thread. */
    public static PopulationError of(DMatrixRMaj w, double[] b, double[] a, double alpha, double[] beta,
            Target target) {
        return of(w, b, a, alpha, beta, target, 1);
    }

    /**
     * {@code Σ_{kk < jj} a_k E σ_j σ_k}, {@code j = active[jj]}, {@code k = active[kk]}, summed in increasing
     * {@code kk}: row {@code jj} of the pair triangle.
     */
    private static double offDiagonal(int jj, int[] active, double[] a, double[] wd, int d, double[] sq,
            ReluGaussian.Units units) {
        int j = active[jj];
        double off = 0;
        for (int kk = 0; kk < jj; kk++) {
            int k = active[kk];
            double c = dot(wd, j * d, wd, k * d, d);
            off += a[k] * units.product(j, k, c, Math.sqrt(sq[j] * sq[k]));
        }
        return off;
    }

    /**
     * The error of {@code network + α + β·x}; the network must use {@link Activation#RELU}.
     *
     * @see #of(DMatrixRMaj, double[], double[], double, double[], Target, int)
     */
    public static PopulationError of(TwoLayerNetwork network, double alpha, double[] beta, Target target,
            int threads) {
        if (network.activation() != Activation.RELU) {
            throw new IllegalArgumentException("activation '" + network.activation().name()
                    + "': the exact population error is implemented for the ReLU only; use Activation.RELU");
        }
        return of(network.weights(), network.biases(), network.outputWeights(), alpha, beta, target, threads);
    }

    /** {@link #of(TwoLayerNetwork, double, double[], Target, int)} on the caller's thread. */
    public static PopulationError of(TwoLayerNetwork network, double alpha, double[] beta, Target target) {
        return of(network, alpha, beta, target, 1);
    }

    /**
     * {@code E_x[f*(x) σ(w·x + b)]}, by the Hermite calculus of docs/math.md §5 with {@code σ} in place of {@code ψ = σ'}:
     * <pre>E[f* σ(w·x + b)] = Σ_k Q_k(Uw) M_k,   M_k = E σ^{(k)}(ξ + b), ξ ~ N(0, s²), s = ||w||,</pre>
     * {@code M_0 = b Φ(b/s) + s φ(b/s)}, {@code M_1 = Φ(b/s)}, {@code M_k = m_{k-1} = He_{k-2}(-b/s) φ(b/s)/s^{k-1}}
     * for {@code k >= 2}. Evaluated scale-free as {@code s Σ_k Q_k(Uw/s) M̂_k} with {@code M̂_0 = βΦ(β) + φ(β)},
     * {@code M̂_1 = Φ(β)}, {@code M̂_k = He_{k-2}(-β) φ(β)}, {@code β = b/s}. For {@code w = 0} it is {@code σ(b) c_0};
     * for {@code |b/s| > 40} the neuron is treated as always off (0) or always linear ({@code b c_0 + C_1·w}).
     */
    public static double correlation(Target target, double[] w, double b) {
        int d = target.dimension();
        Validate.dimension("w", w.length, d, "pass a weight vector of length d");
        Validate.finite("w", w);
        Validate.finite("b", b);
        double sq = dot(w, 0, w, 0, d);
        if (!Double.isFinite(sq)) {
            throw new NumericalFailure("||w||² overflows the double range: the weight vector is too large");
        }
        ReluGaussian.Units units = new ReluGaussian.Units(new double[] {b}, new double[] {Math.sqrt(sq)});
        return correlation(target, w, units, 0, new Scratch(target));
    }

    /** Work arrays of {@link #correlation(Target, double[], ReluGaussian.Units, int, Scratch)}. */
    private static final class Scratch {
        final double[] v;
        final double[] moments;

        Scratch(Target target) {
            v = new double[target.rank()];
            moments = new double[target.link().degree() + 1];
        }
    }

    private static double correlation(Target target, double[] w, ReluGaussian.Units units, int j, Scratch scratch) {
        HermitePolynomial g = target.link();
        double[] v = scratch.v;
        switch (units.kind[j]) {
            case ReluGaussian.OFF:
                return 0;
            case ReluGaussian.LINEAR:
                // σ(w·x + b) = w·x + b: E[f*(x)(w·x + b)] = b c_0 + C_1·w = b Q_0 + Q_1(Uw)
                target.project(w, v);
                return units.mu[j] * g.mean() + (g.degree() >= 1 ? g.q(1, v) : 0);
            default:
                break;
        }
        double s = units.s[j];
        double beta = units.a[j];
        double phi = units.pdf[j];
        int p = g.degree();
        double[] mk = scratch.moments;
        mk[0] = beta * units.cdf[j] + phi;
        if (p >= 1) {
            mk[1] = units.cdf[j];
        }
        // M̂_k = He_{k-2}(t) φ(β), t = -β, by He_{i+1} = t He_i - i He_{i-1}
        double t = -beta;
        double prev = 0;
        double cur = phi;
        for (int k = 2; k <= p; k++) {
            mk[k] = cur;
            int i = k - 2;
            double next = t * cur - i * prev;
            prev = cur;
            cur = next;
        }
        target.project(w, v);
        for (int i = 0; i < v.length; i++) {
            v[i] /= s;
        }
        double sum = 0;
        for (int k = 0; k <= p; k++) {
            if (mk[k] != 0) {
                sum += g.q(k, v) * mk[k];
            }
        }
        return s * sum;
    }

    /** {@code Σ_i x[xOff + i] y[yOff + i]}, four partial sums; the same order for every call. */
    private static double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xOff + i] * y[yOff + i];
            s1 += x[xOff + i + 1] * y[yOff + i + 1];
            s2 += x[xOff + i + 2] * y[yOff + i + 2];
            s3 += x[xOff + i + 3] * y[yOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xOff + i] * y[yOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
