package org.replearn.checks.claims.paper;

/**
 * One cell's numbers of {@link KernelRegimeClaim} ({@code NaN} where the method has none): a kernel's error is a test
 * error with its SE, {@code linearError} the exact error of {@code α̂ + β̂·x} on its training set; {@code definition}
 * the NTK's definition check ({@link NtkDefinition}; null for the fits).
 */
record KernelRegimePoint(double error, double standardError, double testError, double alignment, double lambda,
        double linearError, NtkDefinition definition) implements java.io.Serializable {
    /** A fit's numbers. */
    KernelRegimePoint(double error, double standardError, double testError, double alignment, double lambda,
            double linearError) {
        this(error, standardError, testError, alignment, lambda, linearError, null);
    }
}
