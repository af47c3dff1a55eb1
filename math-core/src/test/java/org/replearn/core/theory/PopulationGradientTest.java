package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.target.Target;
import org.replearn.core.target.TargetSpec;

class PopulationGradientTest {

    /**
     * THEORY §5: the exact E[f*(x) 1[w·x+b>0] x] against a 10⁶-sample Monte Carlo mean, every coordinate within 4
     * standard errors (sample SD / sqrt(n)), for a target with constant, linear, degree-2, 3 and 4 parts and
     * several (w, b), including w partly inside span(U) and large |b|.
     */
    @Test
    void exactFormulaMatchesMonteCarlo() {
        int d = 5;
        Target t = Target.random(TargetSpec.parse("0.5 + 0.3*h1(z1) - 0.4*h1(z2) + 0.6*h2(z1) + 0.5*h1(z1)*h1(z2)"
                + " + 0.3*h3(z2) + 0.2*h2(z1)*h2(z2)"), d, new Seeds(21).rng(Stream.FRAME));
        double[][] ws = {{0.3, -0.2, 0.5, 0.1, 0.0}, {1.2, 0.4, -0.7, 0.3, 0.9}, {0.05, 0.02, -0.04, 0.01, 0.03}};
        double[] bs = {0.2, -1.1, 0.0};
        DataSource src = new DataSource(t, 0.0, new Seeds(22), Stream.CHECK, 1_000_000);
        double worst = 0;
        for (int c = 0; c < ws.length; c++) {
            double[] w = ws[c];
            double bias = bs[c];
            double[] sum = new double[d];
            double[] sq = new double[d];
            DataSource.Block b = src.newBlock();
            for (int k = 0; k < src.blockCount(); k++) {
                src.read(k, b);
                for (int i = 0; i < b.rows; i++) {
                    double s = bias;
                    for (int p = 0; p < d; p++) {
                        s += w[p] * b.x.data[i * d + p];
                    }
                    if (s > 0) {
                        for (int p = 0; p < d; p++) {
                            double v = b.y[i] * b.x.data[i * d + p];
                            sum[p] += v;
                            sq[p] += v * v;
                        }
                    }
                }
            }
            double[] exact = PopulationGradient.correlation(t, w, bias);
            double n = src.size();
            for (int p = 0; p < d; p++) {
                double mean = sum[p] / n;
                double se = Math.sqrt((sq[p] / n - mean * mean) / n);
                double z = (mean - exact[p]) / se;
                worst = Math.max(worst, Math.abs(z));
                assertTrue(Math.abs(z) <= 4, "case " + c + " coordinate " + p + ": MC " + mean + " vs exact "
                        + exact[p] + " (z = " + z + ")");
            }
        }
        System.out.printf("PopulationGradient vs 1e6-sample Monte Carlo: max |z| = %.2f%n", worst);
    }

    @Test
    void zeroWeightIsRejected() {
        Target t = Target.random(TargetSpec.preset("single-h2"), 3, new Seeds(1).rng(Stream.FRAME));
        assertThrows(IllegalArgumentException.class, () -> PopulationGradient.correlation(t, new double[3], 0.0));
        assertThrows(IllegalArgumentException.class, () -> PopulationGradient.correlation(t, new double[2], 0.0));
    }
}
