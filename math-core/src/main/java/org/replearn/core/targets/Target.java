package org.replearn.core.targets;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.replearn.core.Validate;
import org.replearn.core.hermite.MultiIndex;

/**
 * A multi-index target {@code f*(x) = g(Ux)}, {@code x ~ N(0, I_d)}, {@code U ∈ R^{r×d}} with orthonormal rows and
 * {@code g} a polynomial in the normalized Hermite basis (docs/math.md §2). Immutable.
 */
public final class Target {
    /** Tolerance on {@code ||U Uᵀ - I||_max}. */
    public static final double ORTHONORMALITY_TOLERANCE = 1e-10;
    /** Relative threshold below which an eigenvalue of {@code G₂} counts as zero. */
    public static final double RANK_TOLERANCE = 1e-12;

    private final HermitePolynomial g;
    private final DMatrixRMaj u;
    private final int r;
    private final int d;
    private final double[] g2Eigenvalues;

    /** {@code f*(x) = g(Ux)}; checks shapes, finiteness and orthonormality of {@code u}. */
    public Target(HermitePolynomial g, DMatrixRMaj u) {
        if (g.isZero()) {
            throw new IllegalArgumentException("degenerate target: all coefficients of g are zero; give a non-zero polynomial");
        }
        if (u.numRows != g.variables()) {
            throw new IllegalArgumentException("u has " + u.numRows + " rows but g has r = " + g.variables()
                    + " variables: U must be r×d");
        }
        if (u.numCols < u.numRows) {
            throw new IllegalArgumentException("u is " + u.numRows + "x" + u.numCols + ": need d >= r for orthonormal rows");
        }
        Validate.finite("u", u);
        double err = Frames.orthonormalityError(u);
        if (err > ORTHONORMALITY_TOLERANCE) {
            throw new IllegalArgumentException("u is not orthonormal: ||U Uᵀ - I||_max = " + err + " > "
                    + ORTHONORMALITY_TOLERANCE + "; orthonormalize it (Frames.randomOrthonormal or a QR)");
        }
        this.g = g;
        this.u = u.copy();
        this.r = u.numRows;
        this.d = u.numCols;
        this.g2Eigenvalues = eigenvalues(g2Matrix(g));
    }

    /** A target with link {@code g} and a Haar-random frame in dimension {@code d}. */
    public static Target random(HermitePolynomial g, int d, UniformRandomProvider rng) {
        return new Target(g, Frames.randomOrthonormal(g.variables(), d, rng));
    }

    /** Same frame {@code U}, another link (transfer learning: heads sharing {@code U}). */
    public Target withLink(HermitePolynomial link) {
        return new Target(link, u);
    }

    /** Input dimension {@code d}. */
    public int dimension() {
        return d;
    }

    /** Number of relevant directions {@code r}. */
    public int rank() {
        return r;
    }

    /** A copy of {@code U}. */
    public DMatrixRMaj frame() {
        return u.copy();
    }

    /** The link {@code g}. */
    public HermitePolynomial link() {
        return g;
    }

    /** {@code z = Ux} into {@code out} (length r). */
    public void project(double[] x, double[] out) {
        Validate.dimension("x", x.length, d, "pass a vector of length d");
        for (int i = 0; i < r; i++) {
            double s = 0;
            int off = i * d;
            for (int k = 0; k < d; k++) {
                s += u.data[off + k] * x[k];
            }
            out[i] = s;
        }
    }

    /**
     * The rows of {@code w} (m×d) projected on {@code span(U)}: {@code W UᵀU}, the oracle first layer a perfect
     * first step would give with the same per-neuron directions inside the span.
     */
    public DMatrixRMaj projectRows(DMatrixRMaj w) {
        Validate.dimension("w columns", w.numCols, d, "pass a first layer of shape m×d with d = the target's dimension");
        DMatrixRMaj wu = new DMatrixRMaj(w.numRows, r);
        CommonOps_DDRM.multTransB(w, u, wu);
        DMatrixRMaj out = new DMatrixRMaj(w.numRows, d);
        CommonOps_DDRM.mult(wu, u, out);
        return out;
    }

    /** {@code f*(x)}. */
    public double value(double[] x) {
        double[] z = new double[r];
        project(x, z);
        return g.value(z);
    }

    /**
     * Batched values: {@code out[i] = g(U x_i)} for the rows of {@code x} (n×d), via {@code Z = X Uᵀ} (EJML GEMM)
     * and one evaluation of {@code g} per row of {@code Z}.
     */
    public void values(DMatrixRMaj x, double[] out) {
        values(x, x.numRows, out);
    }

    /** As {@link #values(DMatrixRMaj, double[])} for the first {@code rows} rows of {@code x}. */
    public void values(DMatrixRMaj x, int rows, double[] out) {
        Validate.dimension("x columns", x.numCols, d, "pass samples of dimension d");
        if (rows < 0 || rows > x.numRows) {
            throw new IllegalArgumentException("rows = " + rows + " but x has " + x.numRows
                    + " rows: pass 0 <= rows <= x.numRows");
        }
        if (out.length < rows) {
            throw new IllegalArgumentException("out has length " + out.length + " for " + rows
                    + " rows: allocate one entry per sample");
        }
        DMatrixRMaj xs = rows == x.numRows ? x : DMatrixRMaj.wrap(rows, d, x.data);
        DMatrixRMaj zs = new DMatrixRMaj(rows, r);
        CommonOps_DDRM.multTransB(xs, u, zs);
        HermitePolynomial.Evaluator ev = g.evaluator();
        double[] z = new double[r];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(zs.data, i * r, z, 0, r);
            out[i] = ev.value(z);
        }
    }

    /** {@code ∇f*(x) = Uᵀ ∇g(Ux)} into {@code out} (length d). */
    public void gradient(double[] x, double[] out) {
        double[] z = new double[r];
        project(x, z);
        double[] gz = new double[r];
        g.gradient(z, gz);
        Arrays.fill(out, 0, d, 0.0);
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < d; k++) {
                out[k] += u.data[j * d + k] * gz[j];
            }
        }
    }

    /** {@code ∇²f*(x) = Uᵀ ∇²g(Ux) U} into {@code out} (d×d). */
    public void hessian(double[] x, DMatrixRMaj out) {
        Validate.shape("out", out, d, d);
        double[] z = new double[r];
        project(x, z);
        DMatrixRMaj hz = new DMatrixRMaj(r, r);
        g.hessian(z, hz.data);
        sandwich(hz, out);
    }

    private void sandwich(DMatrixRMaj inner, DMatrixRMaj out) {
        DMatrixRMaj tmp = new DMatrixRMaj(r, d);
        CommonOps_DDRM.mult(inner, u, tmp);
        CommonOps_DDRM.multTransA(u, tmp, out);
    }

    /** {@code E f* = c_0}. */
    public double mean() {
        return g.mean();
    }

    /** {@code E f*² = Σ c_α²}. */
    public double secondMoment() {
        return g.secondMoment();
    }

    /** {@code Var f*}. */
    public double variance() {
        return g.variance();
    }

    /** {@code E_k = Σ_{|α|=k} c_α²}, indexed by degree. */
    public double[] energyByDegree() {
        return g.energyByDegree();
    }

    /** {@code C_1 = E ∇f* = Uᵀ (c_{e_1}, …, c_{e_r})}, length d. */
    public double[] linearCoefficient() {
        double[] c1 = new double[d];
        for (int j = 0; j < r; j++) {
            double c = g.coefficient(MultiIndex.unit(r, j, 1));
            for (int k = 0; k < d; k++) {
                c1[k] += u.data[j * d + k] * c;
            }
        }
        return c1;
    }

    /** {@code G₂} (r×r): {@code (G₂)_ii = sqrt(2) c_{2e_i}}, {@code (G₂)_ij = c_{e_i+e_j}}. */
    public DMatrixRMaj g2() {
        return g2Matrix(g);
    }

    private static DMatrixRMaj g2Matrix(HermitePolynomial g) {
        int r = g.variables();
        DMatrixRMaj m = new DMatrixRMaj(r, r);
        for (int i = 0; i < r; i++) {
            m.set(i, i, Math.sqrt(2.0) * g.coefficient(MultiIndex.unit(r, i, 2)));
            for (int j = i + 1; j < r; j++) {
                double c = g.coefficient(MultiIndex.unit(r, i, 1).plus(j, 1));
                m.set(i, j, c);
                m.set(j, i, c);
            }
        }
        return m;
    }

    /** Expected Hessian {@code H = E ∇²f* = Uᵀ G₂ U} (d×d). */
    public DMatrixRMaj expectedHessian() {
        DMatrixRMaj h = new DMatrixRMaj(d, d);
        sandwich(g2Matrix(g), h);
        return h;
    }

    /** Eigenvalues of {@code G₂}, ascending. */
    public double[] hessianEigenvalues() {
        return g2Eigenvalues.clone();
    }

    private static double[] eigenvalues(DMatrixRMaj sym) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(sym.numRows, false, true);
        if (!eig.decompose(sym.copy())) {
            throw new IllegalStateException("eigen decomposition of G2 failed");
        }
        double[] ev = new double[sym.numRows];
        for (int i = 0; i < ev.length; i++) {
            ev[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(ev);
        return ev;
    }

    /** {@code κ = max|λ(G₂)| / min|λ(G₂)|}; {@code +∞} when {@code G₂} is singular. */
    public double kappa() {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double e : g2Eigenvalues) {
            max = Math.max(max, Math.abs(e));
            min = Math.min(min, Math.abs(e));
        }
        return hessianRank() < r ? Double.POSITIVE_INFINITY : max / min;
    }

    /** Numerical rank of {@code H}: eigenvalues of {@code G₂} with {@code |λ| > 1e-12·max|λ|}. */
    public int hessianRank() {
        double max = 0;
        for (double e : g2Eigenvalues) {
            max = Math.max(max, Math.abs(e));
        }
        if (max == 0) {
            return 0;
        }
        int rank = 0;
        for (double e : g2Eigenvalues) {
            if (Math.abs(e) > RANK_TOLERANCE * max) {
                rank++;
            }
        }
        return rank;
    }

    /**
     * The paper's non-degeneracy assumption {@code rank H = r}; when false, directions outside the range of
     * {@code H} cannot be found by the first gradient step.
     */
    public boolean nondegenerate() {
        return hessianRank() == r;
    }

    @Override
    public String toString() {
        return "f*(x) = g(Ux), g = " + g + ", r = " + r + ", d = " + d;
    }
}
