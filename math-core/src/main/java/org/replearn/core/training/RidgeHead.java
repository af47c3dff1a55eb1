package org.replearn.core.training;

import java.util.TreeSet;
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
 * The second-layer fit of Algorithm 1 step 5 (docs/math.md §4): ridge regression on frozen ReLU features
 * {@code Φ_ij = σ(w_j·x_i + b_j)}, minimizing {@code (1/n)||Φa - ỹ||² + λ||a||²}, i.e.
 * {@code a(λ) = (ΦᵀΦ/n + λI)⁻¹ Φᵀỹ/n}. An instance holds one Householder tridiagonalization
 * {@code ΦᵀΦ/n = Q T Qᵀ} ({@link Tridiagonal}), after which {@code a(λ) = Q (T + λI)⁻¹ Qᵀ Φᵀỹ/n} costs an
 * {@code O(m)} tridiagonal {@code LDLᵀ} solve plus one product with {@code Q} per {@code λ}: the whole grid of the
 * reference code without an eigendecomposition (whose eigenvectors would cost another {@code O(m³)}).
 * Where {@code ΦᵀΦ/n + λI} is not numerically positive definite (a pivot {@code <= 0}: {@code λ} below the rounding
 * of the Gram matrix's zero eigenvalues, {@code ~ ε||ΦᵀΦ/n||}), there is no reliable solution at that {@code λ}.
 */
public final class RidgeHead {
    /** Rows of {@code ΦᵀΦ/n} per task of the gradient-descent head's product. */
    private static final int GD_ROW_BLOCK = 64;
    /** Width from which the gradient-descent head's product is split over threads (below it, dispatch dominates). */
    private static final int GD_PARALLEL_WIDTH = 256;
    /** Relative margin below {@code 1/(tr + λ)} within which a step is stable without computing {@code λ_max}. */
    private static final double CERTIFIED_MARGIN = 1e-9;

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
        double[] sums = validationErrors(validation, labels, w, b, all, threads);
        for (int l = 0; l < grid; l++) {
            if (!definite[l]) {
                sums[l] = Double.POSITIVE_INFINITY;
            }
        }
        int best = firstMinimum(sums);
        if (best < 0) {
            throw new NumericalFailure("every ridge λ of the grid gave a non-finite validation error: the features"
                    + " or labels overflow");
        }
        return new Selection(column(all, best), lambdas[best], lambdas, sums);
    }

    /**
     * The validation mean squared error {@code mean(Φ_val a_ℓ - t_val)²} of every column {@code a_ℓ} of
     * {@code candidates} (m×L), streamed over the blocks of {@code validation} (labels {@code t = labels(block)},
     * features of the frozen layer {@code w, b}): each block costs {@code Φ_block A} ({@code 2·rows·m·L} flops, on
     * the register-blocked kernel of {@link Projection}). Bit-identical for every thread count.
     */
    public static double[] validationErrors(BlockSource validation, Labels labels, DMatrixRMaj w, double[] b,
            DMatrixRMaj candidates, int threads) {
        Validate.dimension("candidates rows", candidates.numRows, w.numRows, "one candidate weight per feature");
        int grid = candidates.numCols;
        Projection predict = new Projection(candidates);
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
        for (int l = 0; l < grid; l++) {
            sums[l] /= validation.size();
        }
        return sums;
    }

    /** The index of the smallest finite value (the first on ties), or {@code -1} when none is finite. */
    static int firstMinimum(double[] values) {
        int best = -1;
        for (int l = 0; l < values.length; l++) {
            if (Double.isFinite(values[l]) && (best < 0 || values[l] < values[best])) {
                best = l;
            }
        }
        return best;
    }

    /** Column {@code j} of {@code a} as an array. */
    static double[] column(DMatrixRMaj a, int j) {
        double[] c = new double[a.numRows];
        for (int i = 0; i < c.length; i++) {
            c[i] = a.data[i * a.numCols + j];
        }
        return c;
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
     * Gradient-descent path at the default step ({@link #defaultLearningRate}) on one thread: see
     * {@link #gradientDescent(FeatureGram, double, int, double, int)}.
     */
    public static double[] gradientDescent(FeatureGram train, double lambda, int steps) {
        return gradientDescent(train, lambda, steps, 0.0, 1);
    }

    /**
     * Algorithm 1 step 5 as gradient descent: {@code steps} steps on {@code (1/n)||Φa - ỹ||² + λ||a||²} from
     * {@code a = 0}, gradient {@code 2((ΦᵀΦ/n + λI)a - Φᵀỹ/n)}, so {@code a_T - a(λ) = (I - 2η(ΦᵀΦ/n + λI))^T (0 - a(λ))}:
     * in the eigendirection of each eigenvalue {@code Λ_i} of {@code ΦᵀΦ/n} the distance to the closed form
     * {@code a(λ)} shrinks by exactly {@code (1 - 2η(Λ_i + λ))^T}. That contracts iff
     * {@code η < 1/λ_max(ΦᵀΦ/n + λI)} ({@link #stabilityLimit}); a step at or above it is refused before the first
     * iteration. A step below {@code 1/(tr(ΦᵀΦ/n) + λ)} needs no eigenvalue (the trace bounds {@code λ_max} of the
     * PSD Gram matrix); a larger one costs one tridiagonalization ({@code 4m³/3} flops) to certify.
     * Each step costs {@code 2m²} flops, the product {@code (ΦᵀΦ/n)a} split by rows over {@code threads} threads,
     * every row summed in the same order: bit-identical for every thread count.
     *
     * @param learningRate {@code η₂ > 0}, or {@code 0} for {@link #defaultLearningRate}
     * @throws NumericalFailure when {@code η₂ >= 1/λ_max(ΦᵀΦ/n + λI)}: the iteration would diverge on these features
     */
    public static double[] gradientDescent(FeatureGram train, double lambda, int steps, double learningRate,
            int threads) {
        Validate.atLeast("steps", steps, 1, "take at least one gradient step");
        return gradientDescentPath(train, lambda, new int[] {steps}, learningRate, threads).data;
    }

    /**
     * The iterates of {@link #gradientDescent(FeatureGram, double, int, double, int)} after each of
     * {@code checkpoints} steps (strictly increasing, the first {@code >= 1}), as the columns of an m×K matrix:
     * one run of {@code checkpoints[K-1]} steps, column {@code k} bit-identical to a separate run of
     * {@code checkpoints[k]} steps. With {@link #validationErrors} it stops the descent early on validation.
     *
     * @throws NumericalFailure when {@code η₂ >= 1/λ_max(ΦᵀΦ/n + λI)}
     */
    public static DMatrixRMaj gradientDescentPath(FeatureGram train, double lambda, int[] checkpoints,
            double learningRate, int threads) {
        Validate.positive("lambda", lambda, "ridge λ must be > 0");
        Validate.atLeast("checkpoints length", checkpoints.length, 1, "give at least one step count");
        Validate.atLeast("checkpoints[0]", checkpoints[0], 1, "take at least one gradient step");
        for (int k = 1; k < checkpoints.length; k++) {
            if (checkpoints[k] <= checkpoints[k - 1]) {
                throw new IllegalArgumentException("checkpoints[" + k + "] = " + checkpoints[k] + " is not above"
                        + " checkpoints[" + (k - 1) + "] = " + checkpoints[k - 1] + ": give increasing step counts");
            }
        }
        Validate.nonNegative("learningRate", learningRate, "pass η₂ > 0, or 0 for the default 1/(2(tr G + λ))");
        Validate.atLeast("threads", threads, 1, "use at least one thread");
        double eta = learningRate == 0 ? defaultLearningRate(train, lambda) : learningRate;
        if (!(eta * (CommonOps_DDRM.trace(train.gram()) + lambda) < 1 - CERTIFIED_MARGIN)) {
            double limit = stabilityLimit(train, lambda, threads);
            if (!(eta < limit)) {
                throw new NumericalFailure("gradient-descent head: step η₂ = " + eta + " is at or above the stability"
                        + " limit 1/λ_max(ΦᵀΦ/n + λI) = " + limit + " of these features, so the iteration diverges;"
                        + " use η₂ < " + limit + " (the default 1/(2(tr + λ)) = " + defaultLearningRate(train, lambda)
                        + " is always stable)");
            }
        }
        DMatrixRMaj g = train.gram();
        int m = g.numRows;
        int stops = checkpoints.length;
        DMatrixRMaj path = new DMatrixRMaj(m, stops);
        double[] c = train.correlation();
        double[] a = new double[m];
        double[] ga = new double[m];
        double twoEta = 2 * eta;
        int rowBlocks = (m + GD_ROW_BLOCK - 1) / GD_ROW_BLOCK;
        boolean parallel = threads > 1 && m >= GD_PARALLEL_WIDTH;
        int next = 0;
        for (int t = 1; next < stops; t++) {
            if (parallel) {
                Parallel.forEach(rowBlocks, threads, () -> null,
                        (none, k) -> multiplyRows(g.data, m, a, ga, k * GD_ROW_BLOCK,
                                Math.min(m, (k + 1) * GD_ROW_BLOCK)));
            } else {
                multiplyRows(g.data, m, a, ga, 0, m);
            }
            for (int i = 0; i < m; i++) {
                a[i] -= twoEta * (ga[i] + lambda * a[i] - c[i]);
            }
            if (t == checkpoints[next]) {
                for (int i = 0; i < m; i++) {
                    path.data[i * stops + next] = a[i];
                }
                next++;
            }
        }
        return path;
    }

    /**
     * The step counts at which {@link HeadConfig.GradientDescent#stopOnValidation()} compares the iterates:
     * {@code round(T·2^{-k/4})} for {@code k = 0, 1, …} down to 1, distinct, increasing (factor {@code 2^{1/4}}
     * between neighbours, finer than the ridge grid's 1.78 in {@code λ}, since GD's cut-off scales as {@code 1/T}).
     */
    public static int[] stoppingGrid(int steps) {
        Validate.atLeast("steps", steps, 1, "take at least one gradient step");
        TreeSet<Integer> set = new TreeSet<>();
        for (int k = 0;; k++) {
            long t = Math.round(steps * StrictMath.pow(2, -k / 4.0));
            if (t < 1) {
                break;
            }
            set.add((int) t);
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The default step of the gradient-descent head, {@code η = 1/(2(tr(ΦᵀΦ/n) + λ))}: since
     * {@code λ_max <= tr} for the PSD Gram matrix, every factor {@code 1 - 2η(Λ_i + λ) = 1 - (Λ_i + λ)/(tr + λ)}
     * lies in {@code [0, 1)}: a monotone contraction in every direction, at most a factor {@code ~2 λ_max/tr} slower
     * than the fastest stable step.
     */
    public static double defaultLearningRate(FeatureGram train, double lambda) {
        Validate.positive("lambda", lambda, "ridge λ must be > 0");
        return 1.0 / (2 * (CommonOps_DDRM.trace(train.gram()) + lambda));
    }

    /**
     * The stability limit {@code 1/λ_max(ΦᵀΦ/n + λI)} of the gradient-descent head: steps {@code η} below it
     * converge to {@code a(λ)}, steps at or above it do not. {@code λ_max} is the top eigenvalue of the tridiagonal
     * form of {@code ΦᵀΦ/n} ({@link Tridiagonal}, bit-identical for every thread count), bracketed by Sturm-count
     * bisection to a relative width of a few {@code ε}; the upper end of the bracket is used, so the limit errs small.
     */
    public static double stabilityLimit(FeatureGram train, double lambda, int threads) {
        Validate.positive("lambda", lambda, "ridge λ must be > 0");
        Tridiagonal tri = Tridiagonal.reduce(train.gram(), threads);
        return 1.0 / (largestEigenvalue(tri.diagonal(), tri.offDiagonal()) + lambda);
    }

    /**
     * The largest eigenvalue of the symmetric tridiagonal matrix with this diagonal and off-diagonal, bracketed by
     * bisection on the Sturm count (the number of negative pivots of {@code T - xI} is the number of eigenvalues
     * below {@code x}), starting from the Gershgorin interval; returns the upper end of the final bracket.
     */
    static double largestEigenvalue(double[] diagonal, double[] offDiagonal) {
        int m = diagonal.length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double maxOff = 0;
        for (int i = 0; i < m; i++) {
            double radius = (i > 0 ? Math.abs(offDiagonal[i - 1]) : 0) + (i < m - 1 ? Math.abs(offDiagonal[i]) : 0);
            lo = Math.min(lo, diagonal[i] - radius);
            hi = Math.max(hi, diagonal[i] + radius);
            if (i < m - 1) {
                maxOff = Math.max(maxOff, offDiagonal[i] * offDiagonal[i]);
            }
        }
        double pivotFloor = Double.MIN_NORMAL * Math.max(1, maxOff);
        for (int it = 0; it < 200 && hi - lo > 4 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))); it++) {
            double mid = 0.5 * (lo + hi);
            if (countBelow(diagonal, offDiagonal, mid, pivotFloor) == m) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The number of eigenvalues below {@code x}: the negative pivots of the {@code LDLᵀ} of {@code T - xI}. */
    private static int countBelow(double[] diagonal, double[] offDiagonal, double x, double pivotFloor) {
        int count = 0;
        double q = 1;
        for (int i = 0; i < diagonal.length; i++) {
            q = diagonal[i] - x - (i > 0 ? offDiagonal[i - 1] * offDiagonal[i - 1] / q : 0);
            if (Math.abs(q) < pivotFloor) {
                q = -pivotFloor;
            }
            if (q < 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * {@code out[i] = Σ_j g[i, j] a[j]} for rows {@code [from, to)} of the row-major m×m {@code g}: four partial sums
     * over {@code j ≡ 0..3 (mod 4)}, then the tail, added in a fixed order (the same for every row split).
     */
    private static void multiplyRows(double[] g, int m, double[] a, double[] out, int from, int to) {
        int body = m & ~3;
        for (int i = from; i < to; i++) {
            int off = i * m;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < body; j += 4) {
                s0 = Math.fma(g[off + j], a[j], s0);
                s1 = Math.fma(g[off + j + 1], a[j + 1], s1);
                s2 = Math.fma(g[off + j + 2], a[j + 2], s2);
                s3 = Math.fma(g[off + j + 3], a[j + 3], s3);
            }
            double tail = 0;
            for (int j = body; j < m; j++) {
                tail = Math.fma(g[off + j], a[j], tail);
            }
            out[i] = ((s0 + s1) + (s2 + s3)) + tail;
        }
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
