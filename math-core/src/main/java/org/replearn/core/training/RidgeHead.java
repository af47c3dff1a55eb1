package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.replearn.core.NumericalFailure;
import org.replearn.core.Validate;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Parallel;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.linalg.Projection;
import org.replearn.core.linalg.ReluFeatures;
import org.replearn.core.linalg.Tridiagonal;

/**
 * The second-layer fit of Algorithm 1 step 5 (THEORY §4): ridge regression on frozen ReLU features
 * {@code Φ_ij = σ(w_j·x_i + b_j)}, minimizing {@code (1/n)||Φa - ỹ||² + λ||a||²}, i.e.
 * {@code a(λ) = (ΦᵀΦ/n + λI)⁻¹ Φᵀỹ/n}. An instance holds one Householder tridiagonalization
 * {@code ΦᵀΦ/n = Q T Qᵀ} ({@link Tridiagonal}), after which {@code a(λ) = Q (T + λI)⁻¹ Qᵀ Φᵀỹ/n} costs an
 * {@code O(m)} tridiagonal {@code LDLᵀ} solve plus one product with {@code Q} per {@code λ}: the whole grid of the
 * reference code without an eigendecomposition (whose eigenvectors would cost another {@code O(m³)}).
 * Where {@code ΦᵀΦ/n + λI} is not numerically positive definite (a pivot {@code <= 0}: {@code λ} below the rounding
 * of the Gram matrix's zero eigenvalues, {@code ~ ε||ΦᵀΦ/n||}), there is no reliable solution at that {@code λ}.
 */
public final class RidgeHead {
    private final Tridiagonal tridiagonal;
    private final double[] diagonal;
    private final double[] offDiagonal;
    private final double[] rotated;
    private final int threads;

    private RidgeHead(Tridiagonal tridiagonal, double[] rotated, int threads) {
        this.tridiagonal = tridiagonal;
        this.diagonal = tridiagonal.diagonal();
        this.offDiagonal = tridiagonal.offDiagonal();
        this.rotated = rotated;
        this.threads = threads;
    }

    /**
     * The validation-selected fit. Shaped like {@code kernel.RidgeSelection} (the same defensive copies), kept a type
     * of its own: it holds primal output weights over a grid that is never pruned, the kernel one a dual model and
     * the values it rejected as ill-conditioned.
     *
     * @param a                output weights at the chosen λ
     * @param lambda           the chosen λ (smallest validation error, first in grid order on ties)
     * @param lambdas          the grid
     * @param validationErrors validation mean squared error {@code mean(Φ_val a(λ) - ỹ_val)²} per grid value
     *                         ({@code +∞} where {@code ΦᵀΦ/n + λI} is not numerically positive definite)
     */
    public record Selection(double[] a, double lambda, double[] lambdas, double[] validationErrors) {
        /** Copies the arrays. */
        public Selection {
            a = a.clone();
            lambdas = lambdas.clone();
            validationErrors = validationErrors.clone();
        }

        /** A copy of the output weights at the chosen λ. */
        @Override
        public double[] a() {
            return a.clone();
        }

        /** A copy of the grid. */
        @Override
        public double[] lambdas() {
            return lambdas.clone();
        }

        /** A copy of the validation errors per grid value. */
        @Override
        public double[] validationErrors() {
            return validationErrors.clone();
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

    /**
     * Tridiagonalizes {@code ΦᵀΦ/n} of {@code train} and rotates {@code Φᵀỹ/n} on {@code threads} threads (also used
     * for the products with {@code Q}); bit-identical for every thread count.
     */
    public static RidgeHead of(FeatureGram train, int threads) {
        Tridiagonal tri = Tridiagonal.reduce(train.gram(), threads);
        return new RidgeHead(tri, tri.multiplyQTranspose(train.correlation()), threads);
    }

    /** The number of features {@code m}. */
    public int width() {
        return diagonal.length;
    }

    /** {@code a(λ) = Q (T + λI)⁻¹ Qᵀ Φᵀỹ/n}. */
    public double[] weights(double lambda) {
        Validate.positive("lambda", lambda, "ridge λ must be > 0");
        boolean[] definite = new boolean[1];
        DMatrixRMaj a = coefficients(new double[] {lambda}, definite);
        if (!definite[0]) {
            throw new IllegalArgumentException("lambda = " + lambda + ": ΦᵀΦ/n + λI is not numerically positive"
                    + " definite; increase λ");
        }
        return a.data;
    }

    /**
     * Chooses {@code λ} in {@code lambdas} by the validation error {@code mean(Φ_val a(λ) - t_val)²}, streamed over
     * the blocks of {@code validation} (labels {@code t = labels(block)}, features of the frozen layer {@code w, b}).
     * All grid solutions are formed at once, {@code A = Q Z} ({@code 2m²L} flops), then each validation block costs
     * {@code Φ_block A} ({@code 2·rows·m·L}, on the register-blocked kernel of {@link Projection}).
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
        boolean[] definite = new boolean[grid];
        DMatrixRMaj all = coefficients(lambdas, definite);
        Projection predict = new Projection(all);
        double[] sums = Parallel.reduce(validation.blockCount(), threads, () -> new double[grid],
                () -> new Work(validation), (acc, work, k) -> {
                    validation.read(k, work.block);
                    labels.compute(work.block, work.t);
                    int rows = work.block.rows();
                    ReluFeatures.compute(work.block.x, w, b, work.phi, 1);
                    predict.apply(work.phi, work.predictions);
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
            sums[l] = definite[l] ? sums[l] / validation.size() : Double.POSITIVE_INFINITY;
            if (Double.isFinite(sums[l]) && (best < 0 || sums[l] < sums[best])) {
                best = l;
            }
        }
        if (best < 0) {
            throw new NumericalFailure("every ridge λ of the grid gave a non-finite validation error: the features"
                    + " or labels overflow");
        }
        int m = width();
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            a[j] = all.data[j * grid + best];
        }
        return new Selection(a, lambdas[best], lambdas, sums);
    }

    /**
     * {@code A = Q Z} (m×L), column {@code ℓ} of {@code Z} solving {@code (T + λ_ℓ I) z = Qᵀ Φᵀỹ/n} by {@code LDLᵀ}
     * (stable without pivoting for a positive definite tridiagonal matrix): column {@code ℓ} of {@code A} is
     * {@code a(λ_ℓ)}, or zero with {@code definite[ℓ] = false} where a pivot is not positive.
     */
    private DMatrixRMaj coefficients(double[] lambdas, boolean[] definite) {
        int m = width();
        int grid = lambdas.length;
        DMatrixRMaj z = new DMatrixRMaj(m, grid);
        double[] pivot = new double[m];
        double[] y = new double[m];
        for (int l = 0; l < grid; l++) {
            definite[l] = solveShifted(lambdas[l], pivot, y);
            for (int i = 0; i < m && definite[l]; i++) {
                z.data[i * grid + l] = y[i];
            }
        }
        return tridiagonal.multiplyQ(z, threads);
    }

    /**
     * Solves {@code (T + λI) y = Qᵀ Φᵀỹ/n} into {@code y} by {@code LDLᵀ} (pivots into {@code pivot}); false, with
     * {@code y} unusable, as soon as a pivot is not positive.
     */
    private boolean solveShifted(double lambda, double[] pivot, double[] y) {
        int m = width();
        for (int i = 0; i < m; i++) {
            double multiplier = i == 0 ? 0.0 : offDiagonal[i - 1] / pivot[i - 1];
            pivot[i] = i == 0 ? diagonal[0] + lambda : diagonal[i] + lambda - multiplier * offDiagonal[i - 1];
            y[i] = i == 0 ? rotated[0] : rotated[i] - multiplier * y[i - 1];
            if (!(pivot[i] > 0 && Double.isFinite(pivot[i]))) {
                return false;
            }
        }
        y[m - 1] /= pivot[m - 1];
        for (int i = m - 2; i >= 0; i--) {
            y[i] = (y[i] - offDiagonal[i] * y[i + 1]) / pivot[i];
        }
        return true;
    }

    /**
     * Direct path for one λ: solves {@code (ΦᵀΦ/n + λI) a = Φᵀỹ/n} by Cholesky (EJML). The independent check of the
     * tridiagonal path in the tests; package-private, as no production path needs it.
     */
    static double[] cholesky(FeatureGram train, double lambda) {
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
