package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;

class PopulationGradientTest {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    /**
     * docs/math.md §5: the exact E[f*(x) 1[w·x+b>0] x] against a 10⁶-sample Monte Carlo mean, every coordinate within 4
     * standard errors (sample SD / sqrt(n)), for a target with constant, linear, degree-2, 3 and 4 parts and
     * several (w, b): generic w, w with a large norm and negative bias, a tiny w (||w|| ≈ 0.08) and w almost
     * orthogonal to span(Uᵀ).
     */
    @Test
    void exactFormulaMatchesMonteCarlo() {
        int d = 5;
        Target t = Target.random(TargetSpec.parse("0.5 + 0.3*h1(z1) - 0.4*h1(z2) + 0.6*h2(z1) + 0.5*h1(z1)*h1(z2)"
                + " + 0.3*h3(z2) + 0.2*h2(z1)*h2(z2)"), d, new Seeds(21).rng(Stream.FRAME));
        double[][] ws = {{0.3, -0.2, 0.5, 0.1, 0.0}, {1.2, 0.4, -0.7, 0.3, 0.9}, {0.05, 0.02, -0.04, 0.01, 0.03},
            TheoryFixtures.orthogonalToFrame(t, new double[] {0.2, 0.9, -0.4, 0.6, 0.1})};
        double[] bs = {0.2, -1.1, 0.0, 0.4};
        DataSource src = new DataSource(t, 0.0, new Seeds(22), Stream.CHECK, 1_000_000);
        double[][] sum = new double[ws.length][d];
        double[][] sq = new double[ws.length][d];
        DataSource.Block b = src.newBlock();
        for (int k = 0; k < src.blockCount(); k++) {
            src.read(k, b);
            for (int i = 0; i < b.rows(); i++) {
                int off = i * d;
                for (int c = 0; c < ws.length; c++) {
                    double s = bs[c];
                    for (int p = 0; p < d; p++) {
                        s += ws[c][p] * b.x.data[off + p];
                    }
                    if (s > 0) {
                        for (int p = 0; p < d; p++) {
                            double v = b.y[i] * b.x.data[off + p];
                            sum[c][p] += v;
                            sq[c][p] += v * v;
                        }
                    }
                }
            }
        }
        double n = src.size();
        for (int c = 0; c < ws.length; c++) {
            double[] exact = PopulationGradient.correlation(t, ws[c], bs[c]);
            for (int p = 0; p < d; p++) {
                double mean = sum[c][p] / n;
                double se = Math.sqrt((sq[c][p] / n - mean * mean) / n);
                double z = (mean - exact[p]) / se;
                assertTrue(Math.abs(z) <= 4, "case " + c + " coordinate " + p + ": MC " + mean + " vs exact "
                        + exact[p] + " (z = " + z + ")");
            }
        }
    }


    /**
     * Pure degree-2 target (c_0 = 0, C_1 = 0): the series reduces to m_1 H w + m_3 Q_2(Uw) w with
     * Q_2(Uw) = wᵀHw/2, m_1 = φ(β)/s, m_3 = (β² - 1) φ(β)/s³, β = b/s (docs/math.md §5, He_2(t) = t² - 1); computed here
     * from H and Commons Math's normal density. A handful of roundings on O(1) values: 1e-14.
     */
    @Test
    void quadraticTargetGivesTheLeadingTermInClosedForm() {
        int d = 6;
        Target quadratic = Target.random(TargetSpec.parse("0.4*h2(z1) - 0.3*h1(z1)*h1(z2) + 0.8*h2(z2)"), d,
                new Seeds(3).rng(Stream.FRAME));
        DMatrixRMaj h = quadratic.expectedHessian();
        double[] w = {0.3, -0.5, 0.2, 0.7, -0.1, 0.4};
        for (double bias : new double[] {-0.8, 0.0, 0.35, 2.5}) {
            double s = 0;
            for (double v : w) {
                s += v * v;
            }
            s = Math.sqrt(s);
            double beta = bias / s;
            double m1 = STANDARD.density(beta) / s;
            double m3 = (beta * beta - 1) * STANDARD.density(beta) / (s * s * s);
            double[] hw = new double[d];
            double whw = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    hw[i] += h.get(i, j) * w[j];
                }
                whw += w[i] * hw[i];
            }
            double[] exact = PopulationGradient.correlation(quadratic, w, bias);
            for (int i = 0; i < d; i++) {
                assertEquals(m1 * hw[i] + m3 * whw / 2 * w[i], exact[i], 1e-14, "b = " + bias + ", coordinate " + i);
            }
        }
    }

    /**
     * w ⟂ span(Uᵀ) (Uw = 0): only Q_0 = c_0 and ∇Q_1 = (c_{e_i}) survive, so the correlation is
     * m_0 C_1 + m_1 c_0 w with m_0 = Φ(b/s), m_1 = φ(b/s)/s (Commons Math normal distribution): 1e-14.
     */
    @Test
    void weightOrthogonalToTheFrameSeesOnlyConstantAndLinearParts() {
        int d = 5;
        Target t = Target.random(TargetSpec.parse("0.5 + 0.3*h1(z1) - 0.4*h1(z2) + 0.6*h2(z1) + 0.2*h2(z1)*h2(z2)"),
                d, new Seeds(4).rng(Stream.FRAME));
        double[] w = TheoryFixtures.orthogonalToFrame(t, new double[] {0.2, 0.9, -0.4, 0.6, 0.1});
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        s = Math.sqrt(s);
        double bias = -0.3;
        double m0 = STANDARD.cumulativeProbability(bias / s);
        double m1 = STANDARD.density(bias / s) / s;
        double[] c1 = t.linearCoefficient();
        double[] exact = PopulationGradient.correlation(t, w, bias);
        for (int i = 0; i < d; i++) {
            assertEquals(m0 * c1[i] + m1 * 0.5 * w[i], exact[i], 1e-14, "coordinate " + i);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Target t = Target.random(TargetPreset.of("single-h2").link(), 3, new Seeds(1).rng(Stream.FRAME));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PopulationGradient.correlation(t, new double[3], 0.0));
        assertTrue(e.getMessage().contains("w = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PopulationGradient.correlation(t, new double[2], 0.0));
        assertTrue(e.getMessage().contains("w has dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationGradient.correlation(t, new double[] {1, Double.NaN, 0}, 0.0));
        assertTrue(e.getMessage().contains("w[1] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationGradient.correlation(t, new double[] {1, 0, 0}, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("b = Infinity"), e.getMessage());
    }

    /** The matrix form is the per-neuron formula row by row, bit for bit; a bias count other than m is refused. */
    @Test
    void correlationsAreTheRowsOfTheSingleNeuronFormula() {
        int d = 5;
        Target t = Target.random(TargetSpec.parse("0.6*h2(z1) + 0.2*h2(z1)*h1(z2) - 0.3*h1(z2)"), d,
                new Seeds(8).rng(Stream.FRAME));
        DMatrixRMaj w = new DMatrixRMaj(3, d, true, 0.2, 0.9, -0.4, 0.6, 0.1, -1, 0.3, 0.5, 0, 2, 0.7, -0.2, 0.1, 0.4,
                -0.8);
        double[] b = {-0.3, 0.0, 1.1};
        DMatrixRMaj all = PopulationGradient.correlations(t, w, b);
        for (int j = 0; j < 3; j++) {
            double[] row = new double[d];
            System.arraycopy(w.data, j * d, row, 0, d);
            double[] one = PopulationGradient.correlation(t, row, b[j]);
            for (int i = 0; i < d; i++) {
                assertEquals(one[i], all.get(j, i), 0.0, "neuron " + j + ", coordinate " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> PopulationGradient.correlations(t, w, new double[2]));
    }
}
