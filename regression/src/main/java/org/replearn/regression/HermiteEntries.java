package org.replearn.regression;

import java.util.Arrays;
import java.util.List;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.QuadratureRule;
import org.replearn.core.hermite.ReluMoments;

/** Catalogue entries of package {@code hermite}: Hermite values, Gauss–Hermite rules, ReLU moments. */
final class HermiteEntries {
    private static final double[] POINTS = {-6.0, -2.5, -1.0, -0.3, 0.0, 0.7, 1.5, 4.0};
    private static final int MAX_DEGREE = 16;
    private static final int[] RULE_SIZES = {1, 2, 3, 8, 20, 50};
    private static final double[][] BIAS_SCALE = {{0.0, 1.0}, {0.5, 0.8}, {-1.3, 1.7}, {2.0, 0.5}};
    private static final int MAX_MOMENT = 8;

    private HermiteEntries() {
    }

    static List<CatalogueEntry> all() {
        return List.of(values(), quadrature(), reluMoments());
    }

    private static CatalogueEntry values() {
        return new CatalogueEntry("hermite-values",
                "normalized Hermite values h_k(z), first and second derivatives, k = 0..16, at fixed points",
                Provenance.of(null, "points", Arrays.toString(POINTS), "maxDegree", Integer.toString(MAX_DEGREE)),
                (threads, out) -> {
                    int n = MAX_DEGREE + 1;
                    double[] values = new double[POINTS.length * n];
                    double[] first = new double[values.length];
                    double[] second = new double[values.length];
                    double[] single = new double[values.length];
                    double[] v = new double[n];
                    double[] dv = new double[n];
                    double[] d2v = new double[n];
                    for (int i = 0; i < POINTS.length; i++) {
                        Hermite.valuesAndDerivatives(POINTS[i], MAX_DEGREE, v, dv);
                        Hermite.secondDerivatives(MAX_DEGREE, v, d2v);
                        System.arraycopy(v, 0, values, i * n, n);
                        System.arraycopy(dv, 0, first, i * n, n);
                        System.arraycopy(d2v, 0, second, i * n, n);
                        for (int k = 0; k < n; k++) {
                            single[i * n + k] = Hermite.value(k, POINTS[i]);
                        }
                    }
                    int[] shape = {POINTS.length, n};
                    out.add(new Field("values", shape, values, Rule.exact()))
                            .add(new Field("value-single", shape, single, Rule.exact()))
                            .add(new Field("first-derivatives", shape, first, Rule.exact()))
                            .add(new Field("second-derivatives", shape, second, Rule.exact()));
                });
    }

    private static CatalogueEntry quadrature() {
        return new CatalogueEntry("quadrature-rules",
                "Gauss–Hermite rules for N(0,1) (nodes, weights) and E z^4, E h_6(z)^2 by the 8-point rule",
                Provenance.of(null, "points", Arrays.toString(RULE_SIZES)),
                (threads, out) -> {
                    for (int size : RULE_SIZES) {
                        QuadratureRule rule = QuadratureRule.gaussHermite(size);
                        out.exact("n" + size + ".nodes", rule.nodes()).exact("n" + size + ".weights", rule.weights());
                    }
                    QuadratureRule eight = QuadratureRule.gaussHermite(8);
                    out.exact("n8.expectation-z4", eight.expectation(z -> z * z * z * z))
                            .exact("n8.expectation-h6-squared", eight.expectation(z -> {
                                double h = Hermite.value(6, z);
                                return h * h;
                            }));
                });
    }

    private static CatalogueEntry reluMoments() {
        return new CatalogueEntry("relu-moments",
                "Gaussian moments m_0..m_8 of the biased ReLU derivative (docs/math.md §5) at fixed (b, s)",
                Provenance.of(null, "(b,s)", Arrays.deepToString(BIAS_SCALE), "maxK", Integer.toString(MAX_MOMENT)),
                (threads, out) -> {
                    double[] m = new double[BIAS_SCALE.length * (MAX_MOMENT + 1)];
                    double[] row = new double[MAX_MOMENT + 1];
                    for (int i = 0; i < BIAS_SCALE.length; i++) {
                        ReluMoments.moments(MAX_MOMENT, BIAS_SCALE[i][0], BIAS_SCALE[i][1], row);
                        System.arraycopy(row, 0, m, i * row.length, row.length);
                    }
                    out.add(new Field("moments", new int[] {BIAS_SCALE.length, MAX_MOMENT + 1}, m, Rule.exact()));
                });
    }
}
