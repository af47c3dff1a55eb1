package org.replearn.checks.claims.paper;

import java.io.Serializable;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.kernel.KernelRidge;
import org.replearn.core.kernel.KernelRidgeModel;
import org.replearn.core.metrics.Predictor;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.training.LinearPart;
import org.replearn.core.training.Problem;

/**
 * One measured replicate of kernel ridge regression {@code f̂ = k(·, X)(K + nλI)⁻¹ y} at a fixed ridge, as the
 * deterministic equivalent describes it (no de-linearization, no validation: {@code λ} is given): its relative test
 * error, and on the same training set the exact relative error of the linear predictor
 * {@code α̂ + β̂·x} with {@code α̂ = mean y}, {@code β̂ = mean y·x} (Algorithm 1's step 2, a negative control).
 *
 * <p>The test error is on {@code testSize} fresh samples with the control variate {@code c = } the part of
 * {@code f*} of Hermite degree {@code >= 3} ({@link TestErrors}, exact {@code E c²}), which removes most of the heavy
 * tail of high-degree targets. With {@code projected}, the kernel acts on {@code UᵀUx} instead of {@code x}: the
 * kernel of {@code Ux}, not rotation invariant (a negative control).
 *
 * @param error           the relative test error {@code mean(f̂ − f*)²/E f*²}
 * @param standardError   its standard error from the test sample
 * @param linearError     the exact relative error of {@code α̂ + β̂·x}
 */
record KernelRidgeReplicate(double error, double standardError, double linearError) implements Serializable {

    /**
     * Multiply-adds of one replicate: the Gram matrix {@code n²d/2}, its Cholesky {@code n³/3}, the test
     * {@code n·d·testSize}.
     */
    static double work(long n, int d, long testSize) {
        double m = n;
        return m * m * d / 2 + m * m * m / 3 + m * d * testSize;
    }

    /** Heap bytes of one replicate: the Gram matrix and its factor, one test block of the cross kernel, the inputs. */
    static long memoryBytes(long n, int d) {
        return 8L * (2 * n * n + (DataSource.BLOCK_ROWS + d) * n);
    }

    /** Fits {@code kind} on {@code problem}'s training set (noiseless labels of {@code g(Ux)}) at {@code lambda}. */
    static KernelRidgeReplicate measure(KernelEquivalent.Kind kind, Problem problem, double lambda, boolean projected,
            long testSize, int threads) {
        Target target = problem.target();
        Dataset train = problem.train().materialize();
        DMatrixRMaj x = projected ? target.projectRows(train.x()) : train.x();
        KernelRidgeModel model = KernelRidge.on(kind.on(target.dimension()), x, threads).fit(train.y(), lambda);
        Predictor predictor = (points, out) -> {
            int rows = points.numRows;
            double[] values = out.length == rows ? out : new double[rows];
            model.predict(projected ? target.projectRows(points) : points, values, 1);
            if (values != out) {
                System.arraycopy(values, 0, out, 0, rows);
            }
        };
        HermitePolynomial g = target.link();
        TestErrors test = TestErrors.evaluate(predictor, problem.test(testSize),
                target.withLink(g.withoutDegreesBelow(3)), threads);
        return new KernelRidgeReplicate(test.relativeError(), test.relativeErrorStandardError(),
                linearError(LinearPart.estimate(train.blocks(), threads), target));
    }

    /**
     * {@code E(α + β·x − f*)²/E f*² = ((α − E f*)² + ‖β − C₁‖² + E f*² − (E f*)² − ‖C₁‖²)/E f*²}, with
     * {@code C₁ = E[f*·x]}: exact, as {@code f* − E f* − C₁·x} is orthogonal to every affine function.
     */
    static double linearError(LinearPart linear, Target target) {
        double[] c1 = target.linearCoefficient();
        double[] beta = linear.beta();
        double mean = target.mean();
        double error = (linear.alpha() - mean) * (linear.alpha() - mean) + target.secondMoment() - mean * mean;
        for (int i = 0; i < c1.length; i++) {
            error += (beta[i] - c1[i]) * (beta[i] - c1[i]) - c1[i] * c1[i];
        }
        return error / target.secondMoment();
    }
}
