/**
 * The hot kernels of one-step training: fused, blocked, multi-threaded passes over the samples of a
 * {@link org.replearn.core.data.BlockSource} (a streamed {@link org.replearn.core.data.DataSource} or an in-memory
 * {@link org.replearn.core.data.Dataset#blocks()}), products with a fixed factor
 * ({@link org.replearn.core.linalg.Projection}), and the two factorizations on the hot path
 * ({@link org.replearn.core.linalg.Cholesky}, {@link org.replearn.core.linalg.Tridiagonal}), and the inner products
{@code x_i·y_j} in the order of EJML's {@code multTransB} ({@link org.replearn.core.linalg.InnerProducts}: the
dot-product kernels' Gram matrices, a network's forward pass). Each kernel has a plain
 * reference twin it is tested against, all in one place: the package-private {@code Reference}, one method per
 * kernel.
 *
 * <h2>Streaming API</h2>
 * Every pass reads the source block by block (1024 rows), never holds an {@code n×m} array, and takes the regression
 * targets as a {@link org.replearn.core.data.Labels} function of the block ({@code Labels.OBSERVED} = y,
 * {@code Labels.NOISELESS} = f*, or e.g. the de-linearized {@code y - α - β·x}):
 * <ul>
 *   <li>{@link org.replearn.core.linalg.LossGradient#over} — loss {@code (1/n) Σ (f(x_i) - t_i)²} and its gradient
 *       in {@code a}, {@code W}, {@code b} (the first step of Algorithm 1 at a symmetric initialization, where
 *       {@code f ≡ 0}; full-batch gradient descent); {@link org.replearn.core.linalg.LossGradient#lossOver} — the
 *       loss alone (test errors);</li>
 *   <li>{@link org.replearn.core.linalg.FeatureGram#over} — {@code ΦᵀΦ/n}, {@code Φᵀt/n}, {@code tᵀt/n} for
 *       frozen features {@code Φ = σ(XWᵀ + 1bᵀ)} (ridge regression of the second layer, validation errors);</li>
 *   <li>{@link org.replearn.core.linalg.ReluFeatures#compute} — {@code Φ} itself for samples in memory.</li>
 * </ul>
 *
 * <h2>Determinism</h2>
 * Reductions go through {@link org.replearn.core.data.Parallel#reduce}: a fixed number of partitions of
 * consecutive blocks (a function of n only), each summed in block order, partials added in partition order. Inside
 * a block, every entry accumulates rows in increasing order. The result is therefore bit-identical for every
 * thread count, and for a source and its materialized copy.
 *
 * <h2>Kernels</h2>
 * {@code S = XWᵀ + 1bᵀ} is computed per tile row as {@code s_i = b + Σ_k x_ik (Wᵀ)_k} with {@code Wᵀ} packed in
 * column strips of neurons (each strip one contiguous {@code d × 2L} block; the rows of a tile are a little more than
 * m apart, so that a power-of-two m does not map a column strip's rows to one L1 set); the first-layer gradient
 * {@code Gᵀ += Xᵀ C}, {@code C_ij = e_i a_j 1[s_ij > 0]}, and the Gram {@code ΦᵀΦ} (upper triangle, mirrored at the
 * end) are sums over the tile's rows. All three are register-blocked micro-kernels on the JDK Vector API: a
 * {@code 4 × 2L} block of outputs ({@code L} the preferred vector length; the vector shapes of all kernels are in the
 * package-private {@code Lanes}) stays in registers over the whole summation index, vectors run over output entries
 * only, and each entry is a single {@link java.lang.Math#fma} chain in increasing summation order, so the bits do not
 * depend on the vector length. Every JVM running this package needs {@code --add-modules jdk.incubator.vector}. No
 * allocation happens inside a pass beyond one scratch space per thread and one accumulator per partition.
 */
package org.replearn.core.linalg;
