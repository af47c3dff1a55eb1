package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.Dataset;
import org.replearn.core.kernel.KernelRidge;
import org.replearn.core.kernel.KernelRidgeModel;
import org.replearn.core.kernel.RidgeSelection;
import org.replearn.core.metrics.Predictor;
import org.replearn.core.metrics.StageTimer;

/**
 * The kernel-regime baseline (docs/math.md §6): kernel ridge regression {@code f̂ = k(·, X)(K + nλI)⁻¹ ỹ} on the
 * de-linearized labels (the same step 2 as {@link OneStepLearner}), {@code λ} chosen on the validation set,
 * predictor {@code f̂(x) + α + β·x}. The {@code n×n} Gram matrix is held in memory: {@code n} up to about 10⁴.
 */
public final class NtkKrrLearner implements Learner {
    /** Bytes per training sample squared the fit needs: the Gram matrix and one factorization workspace. */
    private static final double BYTES_PER_ENTRY = 2 * Double.BYTES;

    private final NtkKrrConfig config;

    /** A learner with the given configuration. */
    public NtkKrrLearner(NtkKrrConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null: pass e.g. NtkKrrConfig.defaults(threads)");
        }
        this.config = config;
    }

    @Override
    public String name() {
        return config.kernel().learnerName();
    }

    /**
     * Heap bytes a fit holds at once: the {@code n×n} Gram matrix and its factor, the validation-by-training kernel
     * block, and the materialized training and validation inputs ({@code (n + validation)·d}). In {@code double},
     * so no size overflows.
     */
    public static double bytesNeeded(long n, long validation, int d) {
        return BYTES_PER_ENTRY * n * n + (double) Double.BYTES * n * validation
                + (double) Double.BYTES * (n + validation) * d;
    }

    @Override
    public FitResult fit(Problem problem) {
        long n = problem.n();
        double bytes = bytesNeeded(n, problem.validation(), problem.target().dimension());
        if (n > Integer.MAX_VALUE || bytes > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException("n = " + n + " with " + problem.validation() + " validation samples"
                    + " needs about " + (long) (bytes / (1 << 20)) + " MiB for kernel ridge regression but the heap"
                    + " allows " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB: use a smaller n or validation"
                    + " set, or a larger -Xmx");
        }
        int threads = config.threads();
        StageTimer timer = new StageTimer();
        Dataset train = timer.time("materialize", () -> problem.train().materialize());
        Dataset validation = timer.time("materialize", () -> problem.validationSource().materialize());
        LinearPart linear = timer.time("linear-part", () -> LinearPart.estimate(train.blocks(), threads));
        double[] yTrain = residuals(linear, train);
        double[] yValidation = residuals(linear, validation);
        KernelRidge krr = timer.time("kernel-gram",
                () -> KernelRidge.on(config.kernel().build(problem), train.x(), threads));
        RidgeSelection selection = timer.time("lambda-selection", () -> krr.select(yTrain, validation.x(),
                yValidation, config.lambdaGrid(), KernelRidge.Solver.AUTO));
        return new FitResult(new KernelPredictor(selection.model(), linear), null, selection.lambda(), 0,
                selection.validationError(), timer.seconds());
    }

    private static double[] residuals(LinearPart linear, Dataset data) {
        double[] out = new double[data.size()];
        linear.residual(data.x(), data.y(), data.size(), out);
        return out;
    }

    /** {@code x ↦ f̂(x) + α + β·x} for a fitted kernel ridge model. */
    private record KernelPredictor(KernelRidgeModel model, LinearPart linear) implements Predictor {
        @Override
        public void predict(DMatrixRMaj x, double[] out) {
            int rows = x.numRows;
            double[] values = out.length == rows ? out : new double[rows];
            model.predict(x, values, 1);
            for (int i = 0; i < rows; i++) {
                out[i] = values[i] + linear.value(x, i);
            }
        }
    }
}
