package org.replearn.core.network;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.Validate;
import org.replearn.core.linalg.InnerProducts;
import org.replearn.core.linalg.VectorGuard;

/**
 * The two-layer network {@code f(x) = Σ_j a_j σ(w_j·x + b_j)} (no output scaling), with rows {@code w_j} of
 * {@code W ∈ R^{m×d}}. Immutable (parameters are copied in and out) and safe to use from several threads at once.
 *
 * <p>Every pre-activation is {@code (Σ_k x_k w_jk) + b_j}, the sum sequential in increasing {@code k} without FMA
 * ({@link InnerProducts}, on the JDK Vector API: the bits of EJML's {@code multTransB} followed by the bias).
 * {@link #forward} computes them by tiles of {@link #ROWS} samples and never holds an {@code n×m} array.
 */
public final class TwoLayerNetwork {
    /** Samples per tile of {@link #forward}: a tile of pre-activations ({@code ROWS × m}) stays in L2. */
    static final int ROWS = 16;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private final DMatrixRMaj w;
    private final double[] b;
    private final double[] a;
    private final Activation activation;

    /** A network with first layer {@code w} (m×d), biases {@code b} and output weights {@code a} (length m). */
    public TwoLayerNetwork(DMatrixRMaj w, double[] b, double[] a, Activation activation) {
        Validate.atLeast("w rows (width m)", w.numRows, 1, "use at least one neuron");
        Validate.atLeast("w columns (dimension d)", w.numCols, 1, "use inputs of dimension >= 1");
        if (activation == null) {
            throw new IllegalArgumentException("activation is null: pass e.g. Activation.RELU");
        }
        Validate.dimension("b", b.length, w.numRows, "one bias per row of w");
        Validate.dimension("a", a.length, w.numRows, "one output weight per row of w");
        Validate.finite("w", w);
        Validate.finite("b", b);
        Validate.finite("a", a);
        this.w = w.copy();
        this.b = b.clone();
        this.a = a.clone();
        this.activation = activation;
    }

    /** Width {@code m}. */
    public int width() {
        return w.numRows;
    }

    /** Input dimension {@code d}. */
    public int dimension() {
        return w.numCols;
    }

    /** A copy of {@code W}. */
    public DMatrixRMaj weights() {
        return w.copy();
    }

    /** A copy of {@code b}. */
    public double[] biases() {
        return b.clone();
    }

    /** A copy of {@code a}. */
    public double[] outputWeights() {
        return a.clone();
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The same network with other output weights. */
    public TwoLayerNetwork withOutputWeights(double[] newA) {
        return new TwoLayerNetwork(w, b, newA, activation);
    }

    /** The same network with another first layer and biases. */
    public TwoLayerNetwork withFirstLayer(DMatrixRMaj newW, double[] newB) {
        return new TwoLayerNetwork(newW, newB, a, activation);
    }

    /** Pre-activations {@code S = X Wᵀ + 1 bᵀ} (n×m) for the rows of {@code x}. */
    public DMatrixRMaj preactivations(DMatrixRMaj x) {
        Validate.dimension("x columns", x.numCols, dimension(), "pass samples of dimension d");
        int m = width();
        DMatrixRMaj s = new DMatrixRMaj(x.numRows, m);
        InnerProducts.rows(x.data, w.data, packed(), m, dimension(), 0, x.numRows, false, s.data, 0);
        for (int i = 0; i < x.numRows; i++) {
            int off = i * m;
            for (int j = 0; j < m; j++) {
                s.data[off + j] += b[j];
            }
        }
        return s;
    }

    /** {@code out[i] = f(x_i)}. */
    public void forward(DMatrixRMaj x, double[] out) {
        Validate.finite("x", x);
        if (out.length < x.numRows) {
            throw new IllegalArgumentException("out has length " + out.length + " for " + x.numRows
                    + " samples: allocate one entry per row of x");
        }
        Validate.dimension("x columns", x.numCols, dimension(), "pass samples of dimension d");
        double[] packed = packed();
        double[] tile = new double[Math.min(x.numRows, ROWS) * width()];
        for (int r0 = 0; r0 < x.numRows; r0 += ROWS) {
            int r1 = Math.min(x.numRows, r0 + ROWS);
            InnerProducts.rows(x.data, w.data, packed, width(), dimension(), r0, r1, false, tile, 0);
            terms(tile, r1 - r0);
            sums(tile, r1 - r0, out, r0);
        }
    }

    /** {@code W}'s rows packed for {@link InnerProducts#rows} (once per call: a copy of {@code W}). */
    private double[] packed() {
        VectorGuard.configuration();
        return InnerProducts.pack(w.data, width(), dimension());
    }

    /**
     * {@code t_ij = a_j σ(t_ij + b_j)} for the {@code rows} rows of {@code t}, which hold the products
     * {@code x_i·w_j} on entry: for the ReLU lane-wise and branch-free ({@code σ(s) = s} where {@code s > 0}, else
     * {@code +0.0}, as {@link Activation#RELU}), each operation rounded as in the scalar expression.
     */
    private void terms(double[] t, int rows) {
        int m = width();
        int vEnd = activation == Activation.RELU ? S.loopBound(m) : 0;
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = 0; i < rows; i++) {
            int off = i * m;
            for (int j = 0; j < vEnd; j += S.length()) {
                DoubleVector s = DoubleVector.fromArray(S, t, off + j).add(DoubleVector.fromArray(S, b, j));
                zero.blend(s, s.compare(VectorOperators.GT, 0.0)).mul(DoubleVector.fromArray(S, a, j))
                        .intoArray(t, off + j);
            }
            for (int j = vEnd; j < m; j++) {
                t[off + j] = a[j] * activation.value(t[off + j] + b[j]);
            }
        }
    }

    /**
     * {@code out[o + i] = Σ_j t_ij} for the {@code rows} rows of {@code t}, summed as (first half of the neurons) +
     * (second half): a symmetric network ({@link SymmetricInit}: mirrored rows, negated {@code a}) then evaluates to
     * exactly 0, not to rounding noise. The two halves are independent sums, each in increasing {@code j},
     * accumulated side by side.
     */
    private void sums(double[] t, int rows, double[] out, int o) {
        int m = width();
        int half = m / 2;
        for (int i = 0; i < rows; i++) {
            int off = i * m;
            double first = 0;
            double second = 0;
            for (int j = 0; j < half; j++) {
                first += t[off + j];
                second += t[off + half + j];
            }
            if (m % 2 == 1) {
                second += t[off + m - 1];
            }
            out[o + i] = first + second;
        }
    }

    /** {@code L = (1/n) Σ_i (f(x_i) - y_i)²}. */
    public double loss(DMatrixRMaj x, double[] y) {
        Validate.dimension("y", y.length, x.numRows, "one label per row of x");
        Validate.finite("y", y);
        double[] f = new double[x.numRows];
        forward(x, f);
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            double e = f[i] - y[i];
            sum += e * e;
        }
        return sum / f.length;
    }

    /**
     * Gradient of {@code L} (docs/math.md §3), with {@code e_i = f(x_i) - y_i}, {@code s_ij = w_j·x_i + b_j}:
     * {@code ∂L/∂a_j = (2/n) Σ_i e_i σ(s_ij)}, {@code ∂L/∂w_j = (2/n) Σ_i e_i a_j σ'(s_ij) x_i},
     * {@code ∂L/∂b_j = (2/n) Σ_i e_i a_j σ'(s_ij)}.
     */
    public NetworkGradient gradient(DMatrixRMaj x, double[] y) {
        Validate.dimension("y", y.length, x.numRows, "one label per row of x");
        Validate.finite("x", x);
        Validate.finite("y", y);
        int n = x.numRows;
        int m = width();
        DMatrixRMaj s = preactivations(x);
        double[] e = new double[n];
        forward(x, e);
        for (int i = 0; i < n; i++) {
            e[i] -= y[i];
        }
        double scale = 2.0 / n;
        double[] ga = new double[m];
        double[] gb = new double[m];
        DMatrixRMaj coef = new DMatrixRMaj(n, m); // coef_ij = (2/n) e_i a_j σ'(s_ij)
        for (int i = 0; i < n; i++) {
            int off = i * m;
            double ei = scale * e[i];
            for (int j = 0; j < m; j++) {
                double sij = s.data[off + j];
                ga[j] += ei * activation.value(sij);
                double c = ei * a[j] * activation.derivative(sij);
                coef.data[off + j] = c;
                gb[j] += c;
            }
        }
        DMatrixRMaj gw = new DMatrixRMaj(m, dimension());
        CommonOps_DDRM.multTransA(coef, x, gw);
        return new NetworkGradient(ga, gw, gb);
    }
}
