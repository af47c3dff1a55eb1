package org.replearn.checks.claims.paper;

import java.util.List;

/**
 * The details of {@link KernelLearningCurveClaim}.
 *
 * @param target            the target's name
 * @param test              test samples per replicate
 * @param replicates        replicates per point
 * @param t                 the Student quantile of the check
 * @param relativeAllowance the allowance's part relative to the prediction
 * @param absoluteAllowance the allowance's absolute part
 * @param lambdas           the ridge grid of the predictions
 * @param points            every point of every curve
 * @param failures          every failed point, in words
 */
record KernelLearningCurveDetails(String target, long test, int replicates, double t, double relativeAllowance,
        double absoluteAllowance, double[] lambdas, List<KernelCurveTable.Row> points, List<String> failures) {
}
