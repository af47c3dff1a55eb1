package org.replearn.core.kernel;

/**
 * Kernel ridge regression with {@code λ} chosen on a validation set: the model at the chosen {@code λ} (smallest
 * validation mean squared error, first in grid order on ties), the validation curve over the accepted grid values
 * and the grid values rejected as ill-conditioned (see {@link KernelRidge}).
 *
 * @param model            the predictor at the chosen {@code λ}
 * @param lambdas          accepted grid values, increasing
 * @param validationErrors validation mean squared error {@code (1/n_val) Σ (f̂(x) − y)²} at each accepted value
 * @param rejectedLambdas  grid values where {@code K + nλI} was too ill-conditioned to solve reliably
 * @param solver           the solver used ({@link KernelRidge.Solver#EIGEN} or {@link KernelRidge.Solver#CHOLESKY})
 */
public record RidgeSelection(KernelRidgeModel model, double[] lambdas, double[] validationErrors,
        double[] rejectedLambdas, KernelRidge.Solver solver) {

    /** Copies the arrays. */
    public RidgeSelection {
        lambdas = lambdas.clone();
        validationErrors = validationErrors.clone();
        rejectedLambdas = rejectedLambdas.clone();
    }

    /** A copy of the accepted grid values. */
    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** A copy of the validation errors at the accepted grid values. */
    @Override
    public double[] validationErrors() {
        return validationErrors.clone();
    }

    /** A copy of the rejected grid values. */
    @Override
    public double[] rejectedLambdas() {
        return rejectedLambdas.clone();
    }

    /** The chosen {@code λ}. */
    public double lambda() {
        return model.lambda();
    }

    /** The validation mean squared error at the chosen {@code λ}. */
    public double validationError() {
        double best = Double.POSITIVE_INFINITY;
        for (double e : validationErrors) {
            best = Math.min(best, e);
        }
        return best;
    }
}
