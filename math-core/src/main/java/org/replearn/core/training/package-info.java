/**
 * Learners (docs/math.md §4, §6). A {@link org.replearn.core.training.Problem} (target, noise, n, validation size, seeds)
 * is fitted by a {@link org.replearn.core.training.Learner} into a {@link org.replearn.core.training.FitResult}
 * (predictor, first layer, chosen λ, validation error, wall time per stage):
 * <ul>
 *   <li>{@link org.replearn.core.training.OneStepLearner}: Algorithm 1 (de-linearize, one step
 *       {@code W¹ = -η₁∇_W L(θ0)}, ridge head);</li>
 *   <li>{@link org.replearn.core.training.RandomFeaturesLearner}: the same network and head with {@code W} frozen
 *       at its random initialization;</li>
 *   <li>{@link org.replearn.core.training.TransferLearner}: first layer trained on a source task, head refitted on
 *       targets sharing {@code U};</li>
 *   <li>{@link org.replearn.core.training.NtkKrrLearner}: kernel ridge regression (ReLU NTK or empirical NTK);</li>
 *   <li>{@link org.replearn.core.training.GradientDescentLearner}: full-batch gradient descent on all parameters.</li>
 * </ul>
 * The frozen-feature learners share one head path (streamed Gram {@code ΦᵀΦ/n}, {@link
 * org.replearn.core.training.RidgeHead}: one tridiagonalization for the whole λ grid). Every pass over the training
 * samples streams {@code DataSource} blocks through the kernels of {@code org.replearn.core.linalg} and is
 * bit-identical for every thread count.
 */
package org.replearn.core.training;
