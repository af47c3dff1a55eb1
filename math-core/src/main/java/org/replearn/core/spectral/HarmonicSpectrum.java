package org.replearn.core.spectral;

import org.replearn.core.hermite.QuadratureRule;
import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.replearn.core.Validate;
import org.replearn.core.kernel.DotProductKernel;

/**
 * The spectrum of a rotation-invariant kernel {@code k(x, y) = K(‖x‖², ‖y‖², x·y)} under {@code x ~ N(0, I_d)}
 * (docs/math.md §8). Writing {@code x = ρθ}, {@code k = Σ_ℓ N(d, ℓ) c_ℓ(ρ, ρ') Q_ℓ(θ·θ')} with
 * {@code c_ℓ(ρ, ρ') = E_t[K(ρ², ρ'², ρρ't) Q_ℓ(t)]} ({@link SphericalHarmonics}); by Funk–Hecke the eigenfunctions are
 * {@code φ_{ℓ,j}(ρ) Y_ℓm(θ)} with eigenvalue {@code μ_{ℓ,j}} of the radial operator
 * {@code (Tφ)(ρ) = E_ρ'[c_ℓ(ρ, ρ') φ(ρ')]}, each of multiplicity {@code N(d, ℓ)}.
 *
 * <p>Discretization ({@link SpectralGrid}): {@code c_ℓ} by the angle rule {@link GaussRules#sphereAngle} at the nodes
 * {@code ρ_a = sqrt(2 s_a)} of the rule {@link GaussRules#gamma} of {@code s = ρ²/2 ~ Gamma(d/2)} (weights
 * {@code ω_a}); {@code T} becomes the symmetric matrix {@code ω_a^{1/2} c_ℓ(ρ_a, ρ_b) ω_b^{1/2}}, diagonalized by
 * EJML. Eigenvalues are sorted in decreasing order per degree; eigenfunctions are given at the nodes, normalized to
 * {@code Σ_a ω_a φ_j(ρ_a)² = 1} (their sign is arbitrary). Immutable.
 */
public final class HarmonicSpectrum {
    private final int dimension;
    private final QuadratureRule radial;
    private final double[] radii;
    private final double[][] eigenvalues;
    private final DMatrixRMaj[] eigenfunctions;
    private final double kernelTrace;

    private HarmonicSpectrum(int dimension, QuadratureRule radial, double[][] eigenvalues, DMatrixRMaj[] eigenfunctions,
            double kernelTrace) {
        this.dimension = dimension;
        this.radial = radial;
        this.radii = new double[radial.size()];
        for (int a = 0; a < radii.length; a++) {
            radii[a] = Math.sqrt(2 * radial.node(a));
        }
        this.eigenvalues = eigenvalues;
        this.eigenfunctions = eigenfunctions;
        this.kernelTrace = kernelTrace;
    }

    /** The spectrum of {@code kernel} on {@code R^d}, {@code d = kernel.dimension() >= 3}, on {@code grid}. */
    public static HarmonicSpectrum of(DotProductKernel kernel, SpectralGrid grid) {
        int d = Validate.atLeast("kernel dimension", kernel.dimension(), 3, "the harmonic expansion needs d >= 3");
        int degrees = grid.maxDegree() + 1;
        QuadratureRule radial = GaussRules.gamma(d / 2.0, grid.radialPoints());
        QuadratureRule angle = GaussRules.sphereAngle(d, grid.angularPoints());
        int m = angle.size();
        double[][] gegenbauer = new double[m][degrees];
        for (int i = 0; i < m; i++) {
            SphericalHarmonics.gegenbauer(d, angle.node(i), grid.maxDegree(), gegenbauer[i]);
        }
        int r = radial.size();
        double[] squared = new double[r];
        double[] root = new double[r];
        for (int a = 0; a < r; a++) {
            squared[a] = 2 * radial.node(a);
            root[a] = Math.sqrt(radial.weight(a));
        }
        DMatrixRMaj[] operators = new DMatrixRMaj[degrees];
        Arrays.setAll(operators, l -> new DMatrixRMaj(r, r));
        double[] c = new double[degrees];
        double kernelTrace = 0;
        for (int a = 0; a < r; a++) {
            kernelTrace += radial.weight(a) * kernel.evaluate(squared[a], squared[a], squared[a]);
            for (int b = a; b < r; b++) {
                Arrays.fill(c, 0);
                double product = Math.sqrt(squared[a] * squared[b]);
                for (int i = 0; i < m; i++) {
                    double k = angle.weight(i) * kernel.evaluate(squared[a], squared[b], product * angle.node(i));
                    for (int l = 0; l < degrees; l++) {
                        c[l] += k * gegenbauer[i][l];
                    }
                }
                for (int l = 0; l < degrees; l++) {
                    double s = root[a] * c[l] * root[b];
                    operators[l].set(a, b, s);
                    operators[l].set(b, a, s);
                }
            }
        }
        double[][] values = new double[degrees][];
        DMatrixRMaj[] functions = new DMatrixRMaj[degrees];
        for (int l = 0; l < degrees; l++) {
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(r, true, true);
            if (!eig.decompose(operators[l])) {
                throw new IllegalStateException("the radial operator of degree " + l + " did not diagonalize");
            }
            Integer[] order = new Integer[r];
            Arrays.setAll(order, j -> j);
            Arrays.sort(order, Comparator.comparingDouble(j -> -eig.getEigenvalue(j).real));
            values[l] = new double[r];
            functions[l] = new DMatrixRMaj(r, r);
            for (int j = 0; j < r; j++) {
                values[l][j] = eig.getEigenvalue(order[j]).real;
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                for (int a = 0; a < r; a++) {
                    functions[l].set(a, j, v.get(a) / root[a]);
                }
            }
        }
        return new HarmonicSpectrum(d, radial, values, functions, kernelTrace);
    }

    /** The input dimension {@code d}. */
    public int dimension() {
        return dimension;
    }

    /** The largest degree {@code L}. */
    public int maxDegree() {
        return eigenvalues.length - 1;
    }

    /** The rule of {@code s = ρ²/2 ~ Gamma(d/2)}. */
    public QuadratureRule radialRule() {
        return radial;
    }

    /** The radial nodes {@code ρ_a = sqrt(2 s_a)}, ascending. */
    public double[] radii() {
        return radii.clone();
    }

    /** The multiplicity {@code N(d, ℓ)} of every eigenvalue of degree {@code ℓ}. */
    public double multiplicity(int degree) {
        return SphericalHarmonics.multiplicity(dimension, degree);
    }

    /** The radial eigenvalues {@code μ_{ℓ,0} >= μ_{ℓ,1} >= …} of degree {@code ℓ} (a copy). */
    public double[] eigenvalues(int degree) {
        return eigenvalues[degree].clone();
    }

    /** The eigenfunctions of degree {@code ℓ} at the nodes: entry {@code (a, j) = φ_{ℓ,j}(ρ_a)} (a copy). */
    public DMatrixRMaj eigenfunctions(int degree) {
        return eigenfunctions[degree].copy();
    }

    /** {@code Σ_{ℓ <= L, j} N(d, ℓ) μ_{ℓ,j}}: the trace captured by the computed modes. */
    public double trace() {
        double sum = 0;
        for (int l = 0; l < eigenvalues.length; l++) {
            double degreeSum = 0;
            for (double mu : eigenvalues[l]) {
                degreeSum += mu;
            }
            sum += multiplicity(l) * degreeSum;
        }
        return sum;
    }

    /** {@code E k(x, x)} by the radial rule: the trace of the whole operator, every degree included. */
    public double kernelTrace() {
        return kernelTrace;
    }
}
