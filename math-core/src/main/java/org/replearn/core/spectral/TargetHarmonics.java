package org.replearn.core.spectral;

import org.replearn.core.hermite.QuadratureRule;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.targets.HermitePolynomial;

/**
 * The harmonic energies of a target {@code f*(x) = g(Ux)}, {@code x = ρθ ~ N(0, I_d)} (docs/math.md §8), by exact
 * algebra. Each homogeneous part {@code P_k} of {@code g(z)} (degree {@code k} in {@code z = Ux}) splits as
 * {@code P_k = Σ_i ‖x‖^{2i} H_{k,k−2i}} with {@code H_{k,ℓ}} harmonic of degree {@code ℓ} ({@link SubspacePolynomial}),
 * so the degree-{@code ℓ} part of {@code f*} at radius {@code ρ} is {@code f_ℓ(ρθ) = Σ_k ρ^k H_{k,ℓ}(θ)}. With the
 * sphere inner products {@code A^ℓ_{kk'} = E_θ[H_{k,ℓ} H_{k',ℓ}]} (closed-form moments of {@code θ}):
 * <ul>
 *   <li>energy in degree {@code ℓ}: {@code E f_ℓ² = Σ_{kk'} A^ℓ_{kk'} E ρ^{k+k'}},
 *       {@code E ρ^{2m} = d (d+2) ⋯ (d+2m−2)} (exact; the degrees sum to {@code E f*²});</li>
 *   <li>energy on the mode {@code (ℓ, j)} of a {@link HarmonicSpectrum}, summed over its {@code N(d, ℓ)} harmonics:
 *       {@code Σ_{kk'} A^ℓ_{kk'} m_{jk} m_{jk'}} with {@code m_{jk} = E[ρ^k φ_{ℓ,j}(ρ)]} by the spectrum's radial
 *       rule.</li>
 * </ul>
 * The energies do not depend on {@code U}. Immutable.
 */
public final class TargetHarmonics {
    private final int dimension;
    /** {@code inner[ℓ][a][b] = A^ℓ_{kk'}} for {@code k = ℓ + 2a}, {@code k' = ℓ + 2b}. */
    private final double[][][] inner;

    private TargetHarmonics(int dimension, double[][][] inner) {
        this.dimension = dimension;
        this.inner = inner;
    }

    /** The harmonic structure of {@code g(Ux)} in dimension {@code d >= max(3, r)}. */
    public static TargetHarmonics of(HermitePolynomial g, int dimension) {
        Validate.atLeast("dimension", dimension, Math.max(3, g.variables()),
                "harmonics need d >= 3 and at least as many dimensions as directions");
        int p = g.degree();
        SubspacePolynomial monomials = monomials(g);
        // parts[k][ℓ] = H_{k,ℓ}, for ℓ = k, k − 2, …
        SubspacePolynomial[][] parts = new SubspacePolynomial[p + 1][p + 1];
        for (int k = 0; k <= p; k++) {
            SubspacePolynomial rest = monomials.homogeneousPart(k);
            for (int l = k; l >= 0; l -= 2) {
                SubspacePolynomial[] split = rest.harmonicSplit(dimension, l);
                parts[k][l] = split[0];
                rest = split[1];
            }
        }
        double[][][] inner = new double[p + 1][][];
        for (int l = 0; l <= p; l++) {
            int count = (p - l) / 2 + 1;
            inner[l] = new double[count][count];
            for (int a = 0; a < count; a++) {
                for (int b = 0; b <= a; b++) {
                    double value = parts[l + 2 * a][l].sphereInner(parts[l + 2 * b][l], dimension);
                    inner[l][a][b] = value;
                    inner[l][b][a] = value;
                }
            }
        }
        return new TargetHarmonics(dimension, inner);
    }

    /** {@code g} in monomials of {@code z}: {@code h_n(z) = √(n!) Σ_m (−1)^m z^{n−2m} / (m! (n−2m)! 2^m)}. */
    private static SubspacePolynomial monomials(HermitePolynomial g) {
        int r = g.variables();
        Map<int[], Double> terms = new TreeMap<>(Arrays::compare);
        for (Map.Entry<MultiIndex, Double> term : g.terms().entrySet()) {
            Map<int[], Double> product = new TreeMap<>(Arrays::compare);
            product.put(new int[r + 1], term.getValue());
            for (int i = 0; i < r; i++) {
                int n = term.getKey().get(i);
                Map<int[], Double> next = new TreeMap<>(Arrays::compare);
                for (Map.Entry<int[], Double> e : product.entrySet()) {
                    for (int m = 0; 2 * m <= n; m++) {
                        int[] exponents = e.getKey().clone();
                        exponents[i] = n - 2 * m;
                        next.merge(exponents, e.getValue() * hermiteCoefficient(n, m), Double::sum);
                    }
                }
                product = next;
            }
            product.forEach((e, c) -> terms.merge(e, c, Double::sum));
        }
        return SubspacePolynomial.of(r, terms);
    }

    /** The coefficient of {@code z^{n−2m}} in {@code h_n}: {@code (−1)^m √(n!) / (m! (n−2m)! 2^m)}. */
    private static double hermiteCoefficient(int n, int m) {
        double logMagnitude = 0.5 * logFactorial(n) - logFactorial(m) - logFactorial(n - 2 * m) - m * Math.log(2);
        return (m % 2 == 0 ? 1 : -1) * Math.exp(logMagnitude);
    }

    private static double logFactorial(int n) {
        double sum = 0;
        for (int i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }

    /** The input dimension {@code d}. */
    public int dimension() {
        return dimension;
    }

    /** The largest harmonic degree with energy, {@code p = deg g}. */
    public int maxDegree() {
        return inner.length - 1;
    }

    /** {@code E f_ℓ²} for {@code ℓ = 0 … p} (exact). */
    public double[] degreeEnergies() {
        double[] energies = new double[inner.length];
        for (int l = 0; l < inner.length; l++) {
            int count = inner[l].length;
            double[] moments = new double[2 * count - 1];
            for (int c = 0; c < moments.length; c++) {
                moments[c] = radialMoment(l + c);
            }
            for (int a = 0; a < count; a++) {
                for (int b = 0; b < count; b++) {
                    energies[l] += inner[l][a][b] * moments[a + b];
                }
            }
        }
        return energies;
    }

    /** {@code E ρ^{2m}} for {@code ρ² ~ χ²_d}. */
    private double radialMoment(int m) {
        double moment = 1;
        for (int t = 0; t < m; t++) {
            moment *= dimension + 2.0 * t;
        }
        return moment;
    }

    /**
     * {@code energies[ℓ][j]}: the energy of {@code f*} on the mode {@code (ℓ, j)} of {@code spectrum}, summed over its
     * {@code N(d, ℓ)} harmonics, for {@code ℓ = 0 … spectrum.maxDegree()} (zero above {@code p}). Summed over
     * {@code j} they give {@link #degreeEnergies()} when the radial rule has more than {@code p/2} nodes.
     */
    public double[][] modeEnergies(HarmonicSpectrum spectrum) {
        Validate.dimension("spectrum dimension", spectrum.dimension(), dimension, "use a spectrum in the same d");
        double[] radii = spectrum.radii();
        QuadratureRule radial = spectrum.radialRule();
        double[][] energies = new double[spectrum.maxDegree() + 1][radii.length];
        for (int l = 0; l <= Math.min(spectrum.maxDegree(), maxDegree()); l++) {
            DMatrixRMaj phi = spectrum.eigenfunctions(l);
            int count = inner[l].length;
            for (int j = 0; j < radii.length; j++) {
                double[] projections = new double[count];
                for (int c = 0; c < count; c++) {
                    for (int a = 0; a < radii.length; a++) {
                        projections[c] += radial.weight(a) * Math.pow(radii[a], l + 2 * c) * phi.get(a, j);
                    }
                }
                for (int a = 0; a < count; a++) {
                    for (int b = 0; b < count; b++) {
                        energies[l][j] += inner[l][a][b] * projections[a] * projections[b];
                    }
                }
            }
        }
        return energies;
    }
}
