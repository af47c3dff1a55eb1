package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.replearn.core.Validate;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Parallel;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.linalg.ReluFeatures;

/**
 * The second-layer fit of Algorithm 1 step 5 (THEORY §4): ridge regression on frozen ReLU features
 * {@code Φ_ij = σ(w_j·x_i + b_j)}, minimizing {@code (1/n)||Φa - ỹ||² + λ||a||²}, i.e.
 * {@code a(λ) = (ΦᵀΦ/n + λI)⁻¹ Φᵀỹ/n}. An instance holds one symmetric eigendecomposition
 * {@code ΦᵀΦ/n = V Λ Vᵀ}, after which {@code a(λ) = V (Λ + λI)⁻¹ Vᵀ Φᵀỹ/n} costs {@code O(m²)} per {@code λ}.
 * Negative eigenvalues of the PSD Gram matrix are rounding ({@code ~ ε||ΦᵀΦ/n||}) and are clamped to 0.
 */
public final class RidgeHead {
    private final DMatrixRMaj vectors;
    private final double[] values;
    private final double[] rotated;

    private RidgeHead(DMatrixRMaj vectors, double[] values, double[] rotated) {
        this.vectors = vectors;
        this.values = values;
        this.rotated = rotated;
    }

    /**
     * The validation-selected fit.
     *
     * @param a                output weights at the chosen λ
     * @param lambda           the chosen λ (smallest validation error, first in grid order on ties)
     * @param lambdas          the grid
     * @param validationErrors validation mean squared error {@code mean(Φ_val a(λ) - ỹ_val)²} per grid value
     */
    public record Selection(double[] a, double lambda, double[] lambdas, double[] validationErrors) {
        /** Copies the arrays. */
        public Selection {
            a = a.clone();
            lambdas = lambdas.clone();
            validationErrors = validationErrors.clone();
        }

        /** Validation error at the chosen λ. */
        public double validationError() {
            double best = Double.POSITIVE_INFINITY;
            for (double e : validationErrors) {
                best = Math.min(best, e);
            }
            return best;
        }
    }

    /**
     * {@code count} log-spaced values {@code lo (hi/lo)^{i/(count-1)}} (the reference code: 100 values in
     * {@code [1e-10, 1e15]}); {@code StrictMath} so the grid is the same bits on every JVM.
     */
    public static double[] logGrid(double lo, double hi, int count) {
        Validate.positive("lo", lo, "λ grid bounds must be > 0");
        Validate.positive("hi", hi, "λ grid bounds must be > 0");
        Validate.atLeast("count", count, 1, "ask for at least one λ");
        if (hi < lo || (count == 1 && hi != lo)) {
            throw new IllegalArgumentException("λ grid [" + lo + ", " + hi + "] with " + count
                    + " values: need lo <= hi, and lo == hi for a single value");
        }
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            g[i] = count == 1 ? lo : lo * StrictMath.pow(hi / lo, i / (double) (count - 1));
        }
        return g;
    }

    /** Eigendecomposes {@code ΦᵀΦ/n} of {@code train} (EJML symmetric QR algorithm). */
    public static RidgeHead of(FeatureGram train) {
        int m = train.gram().numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(train.gram().copy())) {
            throw new IllegalStateException("the symmetric eigendecomposition of the " + m + "x" + m
                    + " feature Gram matrix did not converge; use RidgeHead.cholesky for a single λ");
        }
        DMatrixRMaj v = new DMatrixRMaj(m, m);
        double[] ev = new double[m];
        for (int i = 0; i < m; i++) {
            ev[i] = Math.max(0.0, eig.getEigenvalue(i).real);
            double[] col = eig.getEigenVector(i).data;
            for (int k = 0; k < m; k++) {
                v.data[k * m + i] = col[k];
            }
        }
        DMatrixRMaj t = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.multTransA(v, DMatrixRMaj.wrap(m, 1, train.correlation()), t);
        return new RidgeHead(v, ev, t.data);
    }

    /** The number of features {@code m}. */
    public int width() {
        return values.length;
    }

    /** The eigenvalues of {@code ΦᵀΦ/n} (clamped at 0), in EJML's order. */
    public double[] eigenvalues() {
        return values.clone();
    }

    /** {@code a(λ) = V (Λ + λI)⁻¹ Vᵀ Φᵀỹ/n}. */
    public double[] weights(double lambda) {
        Validate.positive("lambda", lambda, "ridge λ must be > 0");
        return coefficients(new double[] {lambda}).data;
    }

    /**
     * Chooses {@code λ} in {@code lambdas} by the validation error {@code mean(Φ_val a(λ) - t_val)²}, streamed over
     * the blocks of {@code validation} (labels {@code t = labels(block)}, features of the frozen layer {@code w, b}).
     * All grid solutions are formed at once, {@code A = V C} with {@code C_iℓ = (Vᵀ Φᵀỹ/n)_i / (Λ_i + λ_ℓ)}
     * ({@code m²L} flops), then each validation block costs {@code Φ_block A} ({@code rows·m·L}): cheaper than
     * projecting the validation features on the eigenbasis ({@code n_val·m²}) whenever {@code L < m}.
     * Bit-identical for every thread count.
     */
    public Selection select(BlockSource validation, Labels labels, DMatrixRMaj w, double[] b, double[] lambdas,
            int threads) {
        Validate.dimension("w rows", w.numRows, width(), "use the first layer the training Gram was computed with");
        Validate.atLeast("lambdas length", lambdas.length, 1, "give at least one ridge λ");
        for (int l = 0; l < lambdas.length; l++) {
            Validate.positive("lambdas[" + l + "]", lambdas[l], "ridge λ must be > 0");
        }
        int grid = lambdas.length;
        DMatrixRMaj all = coefficients(lambdas);
        double[] sums = Parallel.reduce(validation.blockCount(), threads, () -> new double[grid],
                () -> new Work(validation), (acc, work, k) -> {
                    validation.read(k, work.block);
                    labels.compute(work.block, work.t);
                    int rows = work.block.rows;
                    ReluFeatures.compute(work.block.x, w, b, work.phi, 1);
                    work.predictions.reshape(rows, grid, false);
                    CommonOps_DDRM.mult(work.phi, all, work.predictions);
                    double[] p = work.predictions.data;
                    for (int i = 0; i < rows; i++) {
                        int off = i * grid;
                        for (int l = 0; l < grid; l++) {
                            double e = p[off + l] - work.t[i];
                            acc[l] += e * e;
                        }
                    }
                }, (into, from) -> {
                    for (int l = 0; l < grid; l++) {
                        into[l] += from[l];
                    }
                });
        int best = -1;
        for (int l = 0; l < grid; l++) {
            sums[l] /= validation.size();
            if (Double.isFinite(sums[l]) && (best < 0 || sums[l] < sums[best])) {
                best = l;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("every λ of the grid gave a non-finite validation error: the features"
                    + " or labels overflow; check the first layer's scale");
        }
        int m = width();
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            a[j] = all.data[j * grid + best];
        }
        return new Selection(a, lambdas[best], lambdas, sums);
    }

    /** {@code A = V C} (m×L): column {@code ℓ} is {@code a(λ_ℓ)}. */
    private DMatrixRMaj coefficients(double[] lambdas) {
        int m = width();
        int grid = lambdas.length;
        DMatrixRMaj c = new DMatrixRMaj(m, grid);
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < grid; l++) {
                c.data[i * grid + l] = rotated[i] / (values[i] + lambdas[l]);
            }
        }
        DMatrixRMaj all = new DMatrixRMaj(m, grid);
        CommonOps_DDRM.mult(vectors, c, all);
        return all;
    }

    /** Direct path for one λ: solves {@code (ΦᵀΦ/n + λI) a = Φᵀỹ/n} by Cholesky (EJML). */
    public static double[] cholesky(FeatureGram train, double lambda) {
        Validate.positive("lambda", lambda, "ridge λ must be > 0");
        int m = train.gram().numRows;
        DMatrixRMaj system = train.gram().copy();
        for (int i = 0; i < m; i++) {
            system.data[i * m + i] += lambda;
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(m);
        if (!chol.setA(system)) {
            throw new IllegalArgumentException("lambda = " + lambda + ": ΦᵀΦ/n + λI is not numerically positive"
                    + " definite; increase λ");
        }
        DMatrixRMaj a = new DMatrixRMaj(m, 1);
        chol.solve(DMatrixRMaj.wrap(m, 1, train.correlation().clone()), a);
        return a.data;
    }

    /**
     * Gradient-descent path: {@code steps} steps on {@code (1/n)||Φa - ỹ||² + λ||a||²} from {@code a = 0}, gradient
     * {@code 2((ΦᵀΦ/n + λI)a - Φᵀỹ/n)}, step {@code 1/(2(tr(ΦᵀΦ/n) + λ))}: the trace bounds the top eigenvalue of
     * the PSD Gram matrix, so every step contracts the error towards the closed form {@code a(λ)} in every
     * eigendirection (factor {@code 1 - (Λ_i + λ)/(tr + λ)}).
     */
    public static double[] gradientDescent(FeatureGram train, double lambda, int steps) {
        Validate.positive("lambda", lambda, "ridge λ must be > 0");
        Validate.atLeast("steps", steps, 1, "take at least one gradient step");
        DMatrixRMaj g = train.gram();
        int m = g.numRows;
        double eta = 1.0 / (2 * (CommonOps_DDRM.trace(g) + lambda));
        double[] c = train.correlation();
        DMatrixRMaj a = new DMatrixRMaj(m, 1);
        DMatrixRMaj ga = new DMatrixRMaj(m, 1);
        for (int t = 0; t < steps; t++) {
            CommonOps_DDRM.mult(g, a, ga);
            for (int i = 0; i < m; i++) {
                a.data[i] -= 2 * eta * (ga.data[i] + lambda * a.data[i] - c[i]);
            }
        }
        return a.data;
    }

    /** One thread's validation block, its labels, features and predictions. */
    private static final class Work {
        final DataSource.Block block;
        final double[] t = new double[DataSource.BLOCK_ROWS];
        final DMatrixRMaj phi = new DMatrixRMaj(1, 1);
        final DMatrixRMaj predictions = new DMatrixRMaj(1, 1);

        Work(BlockSource source) {
            block = source.newBlock();
        }
    }
}
