package org.replearn.core.metrics;

import org.replearn.core.NumericalFailure;
import org.replearn.core.Validate;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Parallel;
import org.replearn.core.targets.Target;

/**
 * Test-set errors of a predictor on fresh samples: the relative error {@code mean(f̂ - f*)² / E f*²} (denominator
 * exact, from the target's Hermite coefficients) and the excess loss {@code E(f̂ - y)² - σ² = E(f̂ - f*)²} (the
 * reference code's figure), estimated by {@code mean(f̂ - f*)²}: the noise is independent of {@code x}, so this is
 * the same expectation without the noise's sampling error, which at large {@code σ²} made {@code mean(f̂ - y)² - σ²}
 * negative. Streamed over the blocks of the test source in a fixed order: bit-identical for every thread count. The
 * errors are accumulated in units of a power of two near {@code sqrt(E f*²)} (exact: the same bits as unscaled
 * sums), so at every target scale the coefficient range allows their squares and fourth powers stay in the double
 * range while the errors are within about {@code 1e70} times {@code sqrt(E f*²)}.
 *
 * @param relativeError              {@code mean(f̂ - f*)² / E f*²}
 * @param excessLoss                 {@code mean(f̂ - f*)²}, the estimate of {@code E(f̂ - y)² - σ²}; never negative
 * @param relativeErrorStandardError the standard error of {@code relativeError}: the sample standard deviation of
 *                                   the terms {@code (f̂ - f*)²/E f*²} over {@code sqrt(samples)} (heavy-tailed for
 *                                   high-degree targets, so computed, never assumed)
 * @param samples                    test samples used
 */
public record TestErrors(double relativeError, double excessLoss, double relativeErrorStandardError, long samples) {
    /** Minimum test-set size: the relative error's standard error is then at most about {@code 1%} of its size. */
    public static final long MIN_SAMPLES = 10_000;

    /** Streams {@code test} (at least {@link #MIN_SAMPLES} samples) through {@code predictor} on {@code threads}. */
    public static TestErrors evaluate(Predictor predictor, DataSource test, int threads) {
        return evaluate(predictor, test, null, threads);
    }

    /**
     * As {@link #evaluate(Predictor, DataSource, int)}, with the control variate {@code c²} of known mean: the error is
     * estimated by {@code mean((f̂ - f*)² - c²) + E c²} (unbiased, {@code E c²} exact from the coefficients), and its
     * standard error from the sample of the terms {@code (f̂ - f*)² - c²}. For a part {@code c} of {@code f*} the
     * predictor cannot learn (e.g. the degree-4 part of {@code single-h4} for a kernel at {@code n ≪ d⁴}), the heavy
     * tail of {@code c²} ({@code E h₄⁴ = 639}) leaves the estimate: what remains is {@code (f̂ - f* + c)² - 2(f̂ - f* +
     * c)c}, linear in {@code c}.
     *
     * @param control a target on the same {@code R^d} (typically {@code f*.withLink(part of g)}), or null for none
     */
    public static TestErrors evaluate(Predictor predictor, DataSource test, Target control, int threads) {
        if (control != null) {
            Validate.dimension("control dimension", control.dimension(), test.target().dimension(),
                    "build the control variate on the test target's R^d (target.withLink(part))");
        }
        if (test.size() < MIN_SAMPLES) {
            throw new IllegalArgumentException("test size = " + test.size() + " must be >= " + MIN_SAMPLES
                    + ": use a larger fresh test set, a smaller one makes the reported error too noisy");
        }
        if (!(test.target().secondMoment() > 0)) {
            throw new IllegalArgumentException("test target has E f*² = 0: the relative error is undefined; use a"
                    + " non-zero target");
        }
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        int unit = -Math.getExponent(Math.sqrt(test.target().secondMoment())); // errors in units of 2^-unit
        double[] sums = Parallel.reduce(test.blockCount(), threads, () -> new double[2], () -> new Work(test),
                (acc, work, k) -> {
                    test.read(k, work.block);
                    predictor.predict(work.block.x, work.prediction);
                    if (control != null) {
                        control.values(work.block.x, work.block.rows(), work.control);
                    }
                    for (int i = 0; i < work.block.rows(); i++) {
                        double p = work.prediction[i];
                        if (!Double.isFinite(p)) {
                            throw new NumericalFailure("the predictor returned a non-finite value on test sample "
                                    + ((long) k * DataSource.BLOCK_ROWS + i) + ": the fit diverged");
                        }
                        double ef = Math.scalb(p - work.block.fStar[i], unit);
                        double e2 = ef * ef;
                        if (control != null) {
                            double c = Math.scalb(work.control[i], unit);
                            e2 -= c * c;
                        }
                        acc[0] += e2;
                        acc[1] += e2 * e2;
                    }
                }, (into, from) -> {
                    into[0] += from[0];
                    into[1] += from[1];
                });
        double n = test.size();
        double mean = sums[0] / n;
        double variance = Math.max(0, sums[1] / n - mean * mean) * n / Math.max(1, n - 1);
        double excess = Math.max(0, mean + (control == null ? 0 : Math.scalb(control.secondMoment(), 2 * unit)));
        double scale = Math.scalb(test.target().secondMoment(), 2 * unit);
        return new TestErrors(excess / scale, Math.scalb(excess, -2 * unit), Math.sqrt(variance / n) / scale,
                test.size());
    }

    /** One thread's block and predictions. */
    private static final class Work {
        final DataSource.Block block;
        final double[] prediction = new double[DataSource.BLOCK_ROWS];
        final double[] control = new double[DataSource.BLOCK_ROWS];

        Work(DataSource source) {
            block = source.newBlock();
        }
    }
}
