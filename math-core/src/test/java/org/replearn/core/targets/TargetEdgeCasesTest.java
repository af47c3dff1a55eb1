package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;

/**
 * Edge cases of {@link Frames}, {@link Target} and {@link TargetPreset} beyond {@link TargetTest} (found by mutation
 * testing, see math-core/MUTATION.md).
 */
class TargetEdgeCasesTest {

    /**
     * The frame is the Q factor with a positive diagonal of R, i.e. Gram–Schmidt applied to the columns of the d×r
     * Gaussian matrix: here recomputed from the same stream (filled row by row) by modified Gram–Schmidt, to 1e-13
     * (both orthonormalize well-conditioned 3 or 4 columns; errors a few ε·d). Without the sign correction the rows
     * would be those vectors up to sign.
     */
    @Test
    void frameIsGramSchmidtOfTheGaussianColumns() {
        for (long seed = 0; seed < 20; seed++) {
            int r = seed % 2 == 0 ? 3 : 4;
            int d = 9;
            DMatrixRMaj u = Frames.randomOrthonormal(r, d, new Seeds(seed).rng(Stream.FRAME));
            UniformRandomProvider rng = new Seeds(seed).rng(Stream.FRAME);
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            double[][] columns = new double[r][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < r; j++) {
                    columns[j][i] = normal.sample();
                }
            }
            for (int j = 0; j < r; j++) {
                double[] v = columns[j];
                for (int l = 0; l < j; l++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += columns[l][i] * v[i];
                    }
                    for (int i = 0; i < d; i++) {
                        v[i] -= dot * columns[l][i];
                    }
                }
                double norm = 0;
                for (double x : v) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < d; i++) {
                    v[i] /= norm;
                    assertEquals(v[i], u.get(j, i), 1e-13, "seed " + seed + ", U(" + j + ", " + i + ")");
                }
            }
        }
    }

    /**
     * {@code ORTHONORMALITY_TOLERANCE} bounds the accepted error, inclusive: rows (1, 0) and (x, 1) have
     * {@code U Uᵀ = [[1, x], [x, 1]]} exactly in floating point for {@code x <= 1e-10} ({@code 1 + x² = 1}), so the
     * error is exactly x; x = 1e-10 is accepted, the next double is refused.
     */
    @Test
    void orthonormalityToleranceIsInclusive() {
        HermitePolynomial g = TargetSpec.parse("h2(z1) + h2(z2)");
        double tol = Target.ORTHONORMALITY_TOLERANCE;
        DMatrixRMaj atTolerance = new DMatrixRMaj(new double[][] {{1, 0}, {tol, 1}});
        assertEquals(tol, Frames.orthonormalityError(atTolerance), 0.0);
        assertEquals(2, new Target(g, atTolerance).rank());
        DMatrixRMaj above = new DMatrixRMaj(new double[][] {{1, 0}, {Math.nextUp(tol), 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Target(g, above));
        assertTrue(e.getMessage().startsWith("u is not orthonormal"), e.getMessage());
    }

    /**
     * The rank counts eigenvalues above a threshold relative to the largest, so it does not change when the target is
     * rescaled: {@code h2(z1) + 1e-3 h2(z2)} times 1 or 1e-7 has rank 2 and κ = 1000 (eigenvalues of G₂:
     * {@code sqrt2·c}).
     */
    @Test
    void rankAndConditionNumberAreScaleInvariant() {
        DMatrixRMaj u = CommonOps_DDRM.identity(2);
        HermitePolynomial g = TargetSpec.parse("h2(z1) + 0.001*h2(z2)");
        for (double scale : new double[] {1.0, 1e-7, 1e7}) {
            Target t = new Target(g.scaled(scale), u);
            assertEquals(2, t.hessianRank(), "scale " + scale);
            assertTrue(t.nondegenerate());
            assertEquals(1000, t.kappa(), 1e-9, "scale " + scale);
        }
    }

    /** Outputs are overwritten; zero rows are a valid batch; the description names g, r and d. */
    @Test
    void outputsAndSmallCases() {
        Target t = Target.random(TargetSpec.parse("0.5*h1(z1) + h2(z2)"), 4, new Seeds(1).rng(Stream.FRAME));
        double[] x = {0.3, -0.2, 1.1, 0.5};
        double[] gradient = {Double.NaN, 3, 3, 3};
        t.gradient(x, gradient);
        double[] expected = new double[4];
        double[] z = new double[2];
        t.project(x, z);
        DMatrixRMaj u = t.frame();
        for (int k = 0; k < 4; k++) {
            // ∇f* = Uᵀ ∇g(Ux), ∇g = (0.5, sqrt2 z2)
            expected[k] = u.get(0, k) * 0.5 + u.get(1, k) * Math.sqrt(2) * z[1];
        }
        assertArrayEquals(expected, gradient, 1e-14);
        double[] none = {};
        t.values(new DMatrixRMaj(3, 4), 0, none);
        double[] out = new double[3];
        Arrays.fill(out, 9.0);
        t.values(new DMatrixRMaj(3, 4), 1, out);
        assertArrayEquals(new double[] {t.value(new double[4]), 9.0, 9.0}, out, 0.0, "only the first row written");
        assertEquals("f*(x) = g(Ux), g = 0.5*h1(z1) + 1.0*h2(z2), r = 2, d = 4", t.toString());
    }

    /** Every preset's spec parses to its link; labels are found with blanks around them; null finds nothing. */
    @Test
    void presetsResolveByLabelAndSpec() {
        for (TargetPreset p : TargetPreset.values()) {
            assertEquals(p.link(), TargetSpec.parse(p.spec()), p.label());
            assertSame(p, TargetPreset.find("  " + p.label() + " "));
            assertEquals(p.link(), TargetSpec.resolve(p.label()));
        }
        assertNull(TargetPreset.find(null));
        assertNull(TargetPreset.find("single-h5"));
    }
}
