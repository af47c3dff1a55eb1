package org.replearn.core.kernel;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.replearn.core.Validate;
import org.replearn.core.linalg.Cholesky;

/**
 * Kernel ridge regression on fixed training points {@code X} (n×d): minimizing
 * {@code (1/n) Σ_i (f(x_i) − y_i)² + λ ||f||²_H} gives {@code f̂(x) = k(x, X) α}, {@code α = (K + nλI)⁻¹ y}.
 * The Gram matrix {@code K} is computed once and reused for every target {@code y} and {@code λ}.
 *
 * <p>Solvers. {@link Solver#EIGEN}: one symmetric eigendecomposition {@code K = V diag(μ) Vᵀ} (computed on first use,
 * then cached), after which each {@code λ} costs {@code O(n²)}: {@code α = V (Vᵀy ./ (μ + nλ))}.
 * {@link Solver#CHOLESKY}: one blocked {@link Cholesky} factorization of {@code K + nλI} per {@code λ}. EJML's
 * eigendecomposition costs as much as a hundred or more of these factorizations and grows to minutes beyond a few
 * thousand rows (figures in benchmarks/README.md, "Choice of kernels"), so {@link Solver#AUTO} uses the eigen path,
 * which then serves a whole grid of λ, only up to {@link #EIGEN_MAX_ROWS} rows, and Cholesky beyond: pass a short
 * grid (6–10 values) for large n.
 *
 * <p>Conditioning. A {@code λ} is rejected (never solved into junk) when the system is too ill-conditioned for the
 * backward error of the factorization, about {@code nε||K||}: the eigen path requires
 * {@code μ_min + nλ > nε (μ_max + nλ)}; the Cholesky path uses the bounds {@code μ_min >= 0} (K is PSD),
 * {@code μ_max <= tr K}, i.e. requires {@code λ > } {@link #lambdaFloor()} {@code = ε tr K / (1 − nε)}, and also
 * rejects a failed factorization or a non-finite solution.
 */
public final class KernelRidge {
    /** Largest n for which {@link Solver#AUTO} uses the eigen path. */
    public static final int EIGEN_MAX_ROWS = 2048;
    private static final double EPS = Math.ulp(1.0);

    /** How {@code (K + nλI)⁻¹ y} is computed. */
    public enum Solver {
        /** One eigendecomposition of {@code K}, reused for every {@code λ}. */
        EIGEN,
        /** One Cholesky factorization per {@code λ}. */
        CHOLESKY,
        /** {@link #EIGEN} up to {@link KernelRidge#EIGEN_MAX_ROWS} rows, {@link #CHOLESKY} beyond. */
        AUTO
    }

    private final Kernel kernel;
    private final DMatrixRMaj x;
    private final DMatrixRMaj gram;
    private final double trace;
    private final int threads;
    private Spectrum spectrum;

    private KernelRidge(Kernel kernel, DMatrixRMaj x, int threads) {
        this.kernel = kernel;
        this.x = x;
        this.threads = threads;
        this.gram = new DMatrixRMaj(x.numRows, x.numRows);
        kernel.gram(x, gram, threads);
        Validate.finite("gram (kernel " + kernel.name() + ")", gram);
        this.trace = CommonOps_DDRM.trace(gram);
    }

    /**
     * Kernel ridge regression with {@code kernel} on the rows of {@code x} (copied). Kernel matrices are computed on
     * {@code threads} threads, and so are the Cholesky factorizations (bit-identical for every thread count).
     */
    public static KernelRidge on(Kernel kernel, DMatrixRMaj x, int threads) {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel is null: pass e.g. new ReluNtk(d)");
        }
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        Validate.atLeast("x rows", x.numRows, 1, "pass at least one training point");
        RowBlocks.checkPoints("x", x, kernel.dimension());
        return new KernelRidge(kernel, x.copy(), threads);
    }

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /** The number of training points {@code n}. */
    public int size() {
        return x.numRows;
    }

    /** The smallest {@code λ} the Cholesky path accepts: {@code ε tr K / (1 − nε)}. */
    public double lambdaFloor() {
        return EPS * trace / (1 - size() * EPS);
    }

    /**
     * The Cholesky fit at one {@code λ > 0}. Throws {@link IllegalArgumentException} if {@code λ} is at or below
     * {@link #lambdaFloor()} or {@code K + nλI} is not numerically positive definite.
     */
    public KernelRidgeModel fit(double[] y, double lambda) {
        checkTargets("y", y, size());
        Validate.positive("lambda", lambda, "use a ridge parameter > 0");
        if (!(lambda > lambdaFloor())) {
            throw new IllegalArgumentException("lambda = " + lambda + " is at or below the conditioning floor "
                    + lambdaFloor() + " = eps tr(K)/(1 - n eps) of this Gram matrix (n = " + size()
                    + "): K + n lambda I is too ill-conditioned to solve reliably; increase lambda");
        }
        double[] alpha = cholesky(y, lambda);
        if (alpha == null) {
            throw new IllegalArgumentException("lambda = " + lambda + ": the Cholesky factorization of K + n lambda I"
                    + " failed (not numerically positive definite); increase lambda or use a positive semi-definite"
                    + " kernel");
        }
        return new KernelRidgeModel(kernel, x, alpha, lambda);
    }

    /**
     * Fits every {@code λ} of the increasing grid {@code lambdas} and keeps the one with the smallest validation mean
     * squared error on {@code (xVal, yVal)}. Ill-conditioned grid values are listed in
     * {@link RidgeSelection#rejectedLambdas()}; if all are rejected an {@link IllegalArgumentException} is thrown.
     */
    public RidgeSelection select(double[] y, DMatrixRMaj xVal, double[] yVal, double[] lambdas, Solver solver) {
        int n = size();
        checkTargets("y", y, n);
        Validate.atLeast("xVal rows", xVal.numRows, 1, "pass at least one validation point");
        RowBlocks.checkPoints("xVal", xVal, kernel.dimension());
        checkTargets("yVal", yVal, xVal.numRows);
        checkGrid(lambdas);
        if (solver == null) {
            throw new IllegalArgumentException("solver is null: pass Solver.AUTO, EIGEN or CHOLESKY");
        }
        Solver used = solver == Solver.AUTO ? (n <= EIGEN_MAX_ROWS ? Solver.EIGEN : Solver.CHOLESKY) : solver;
        DMatrixRMaj kVal = new DMatrixRMaj(xVal.numRows, n);
        kernel.cross(xVal, x, kVal, threads);

        Spectrum eigen = used == Solver.EIGEN ? spectrum() : null;
        double[] rotated = eigen == null ? null : eigen.rotate(y);

        double[] accepted = new double[lambdas.length];
        double[] errors = new double[lambdas.length];
        double[] rejected = new double[lambdas.length];
        int nAccepted = 0;
        int nRejected = 0;
        double[] bestAlpha = null;
        double bestLambda = 0;
        double bestError = Double.POSITIVE_INFINITY;
        for (double lambda : lambdas) {
            double[] alpha = eigen != null ? eigen.solve(rotated, n * lambda)
                    : lambda > lambdaFloor() ? cholesky(y, lambda) : null;
            if (alpha == null) {
                rejected[nRejected++] = lambda;
                continue;
            }
            double error = validationError(kVal, alpha, yVal);
            accepted[nAccepted] = lambda;
            errors[nAccepted++] = error;
            if (error < bestError) {
                bestError = error;
                bestLambda = lambda;
                bestAlpha = alpha;
            }
        }
        if (bestAlpha == null) {
            throw new IllegalArgumentException("lambdas = " + Arrays.toString(lambdas) + ": every value was rejected as"
                    + " ill-conditioned for this Gram matrix (n = " + n + ", " + used + " solver, Cholesky floor "
                    + lambdaFloor() + "); use larger values");
        }
        return new RidgeSelection(new KernelRidgeModel(kernel, x, bestAlpha, bestLambda),
                Arrays.copyOf(accepted, nAccepted), Arrays.copyOf(errors, nAccepted),
                Arrays.copyOf(rejected, nRejected), used);
    }

    /**
     * {@code (K + nλI)⁻¹ y} by the blocked {@link Cholesky} on this instance's threads, or null if the factorization
     * fails or the result is not finite.
     */
    private double[] cholesky(double[] y, double lambda) {
        Cholesky factor = Cholesky.factor(gram, size() * lambda, threads);
        if (factor == null) {
            return null;
        }
        double[] alpha = factor.solve(y);
        for (double v : alpha) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return alpha;
    }

    private synchronized Spectrum spectrum() {
        if (spectrum == null) {
            int n = size();
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(eig.inputModified() ? gram.copy() : gram)) {
                throw new IllegalStateException("the symmetric eigendecomposition of the " + n + "x" + n
                        + " Gram matrix did not converge; use Solver.CHOLESKY");
            }
            double[] values = new double[n];
            DMatrixRMaj vectors = new DMatrixRMaj(n, n);
            for (int i = 0; i < n; i++) {
                values[i] = eig.getEigenvalue(i).getReal();
                System.arraycopy(eig.getEigenVector(i).data, 0, vectors.data, i * n, n);
            }
            spectrum = new Spectrum(values, vectors, Arrays.stream(values).min().getAsDouble(),
                    Arrays.stream(values).max().getAsDouble());
        }
        return spectrum;
    }

    private static double validationError(DMatrixRMaj kVal, double[] alpha, double[] yVal) {
        DMatrixRMaj predictions = new DMatrixRMaj(kVal.numRows, 1);
        CommonOps_DDRM.mult(kVal, DMatrixRMaj.wrap(alpha.length, 1, alpha), predictions);
        double sum = 0;
        for (int i = 0; i < yVal.length; i++) {
            double e = predictions.data[i] - yVal[i];
            sum += e * e;
        }
        return sum / yVal.length;
    }

    private static void checkTargets(String name, double[] y, int rows) {
        Validate.dimension(name, y.length, rows, "pass one target per point");
        Validate.finite(name, y);
    }

    private static void checkGrid(double[] lambdas) {
        Validate.lambdaGrid("lambdas", lambdas);
    }

    /** {@code K = Vᵀ diag(μ) V} with the eigenvectors as the rows of {@code vectors}; {@code μ} in [min, max]. */
    private record Spectrum(double[] values, DMatrixRMaj vectors, double min, double max) {
        /** {@code Vy}: {@code y} in the eigenbasis. */
        double[] rotate(double[] y) {
            DMatrixRMaj c = new DMatrixRMaj(values.length, 1);
            CommonOps_DDRM.mult(vectors, DMatrixRMaj.wrap(y.length, 1, y), c);
            return c.data;
        }

        /** {@code α = Vᵀ (c ./ (μ + shift))}, or null if {@code μ_min + shift <= nε (μ_max + shift)}. */
        double[] solve(double[] c, double shift) {
            int n = values.length;
            if (!(min + shift > n * EPS * (max + shift))) {
                return null;
            }
            DMatrixRMaj scaled = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n; i++) {
                scaled.data[i] = c[i] / (values[i] + shift);
            }
            DMatrixRMaj alpha = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.multTransA(vectors, scaled, alpha);
            return alpha.data;
        }
    }
}
