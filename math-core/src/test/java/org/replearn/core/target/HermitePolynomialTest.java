package org.replearn.core.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.hermite.QuadratureRule;

class HermitePolynomialTest {
    static final String MIXED = "0.5 + 0.3*h1(z1) - 0.4*h1(z2) + 0.6*h2(z1) + 0.5*h1(z1)*h1(z2) + 0.3*h3(z2)"
            + " + 0.2*h2(z1)*h2(z2) - 0.25*h1(z1)*h3(z2)";

    /**
     * Moments by tensor Gauss–Hermite quadrature with 10 points per axis (exact for degree 19 per variable, and
     * g² has degree <= 8 per variable): exact up to summation rounding, 1e-13 on O(1) sums.
     */
    @Test
    void exactMomentsAgreeWithTensorQuadrature() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        QuadratureRule rule = QuadratureRule.gaussHermite(10);
        double mean = 0;
        double second = 0;
        double[] z = new double[2];
        for (int i = 0; i < rule.size(); i++) {
            for (int j = 0; j < rule.size(); j++) {
                z[0] = rule.node(i);
                z[1] = rule.node(j);
                double w = rule.weight(i) * rule.weight(j);
                double v = g.value(z);
                mean += w * v;
                second += w * v * v;
            }
        }
        assertEquals(g.mean(), mean, 1e-13);
        assertEquals(g.secondMoment(), second, 1e-13);
        double[] e = g.energyByDegree();
        assertEquals(0.25, e[0], 1e-15);
        assertEquals(0.09 + 0.16, e[1], 1e-15);
        assertEquals(0.36 + 0.25, e[2], 1e-15);
        assertEquals(0.2 * 0.2 + 0.25 * 0.25, e[4], 1e-15);
    }

    /**
     * Gradient and Hessian against central differences with step δ = 1e-5: truncation δ²·|g'''|/6 with |g'''| <=
     * 1e3 on |z| <= 2 for this degree-4 polynomial, plus rounding ε·|g|/δ: a bound of 1e-6 holds with margin.
     */
    @Test
    void derivativesMatchCentralDifferences() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        double delta = 1e-5;
        double[][] points = {{0.3, -1.2}, {1.7, 0.4}, {-0.9, 1.9}};
        for (double[] z : points) {
            double[] grad = new double[2];
            double[] hess = new double[4];
            g.gradient(z, grad);
            g.hessian(z, hess);
            for (int i = 0; i < 2; i++) {
                double[] p = z.clone();
                double[] m = z.clone();
                p[i] += delta;
                m[i] -= delta;
                assertEquals((g.value(p) - g.value(m)) / (2 * delta), grad[i], 1e-6);
                double[] gp = new double[2];
                double[] gm = new double[2];
                g.gradient(p, gp);
                g.gradient(m, gm);
                for (int j = 0; j < 2; j++) {
                    assertEquals((gp[j] - gm[j]) / (2 * delta), hess[i * 2 + j], 1e-6);
                }
            }
        }
    }

    /** Q_k(v) = C_k[w^{⊗k}]/k! : for a single-variable h_k, Q_k(v) = v^k/sqrt(k!). */
    @Test
    void qMatchesItsDefinition() {
        HermitePolynomial g = TargetSpec.parse("2*h3(z1) + h1(z1)*h2(z2)");
        double[] v = {0.7, -1.3};
        assertEquals(2 * Math.pow(0.7, 3) / Math.sqrt(6) + 0.7 * 1.69 / Math.sqrt(2), g.q(3, v), 1e-15);
        double[] grad = new double[2];
        g.gradQ(3, v, grad);
        assertEquals(2 * 3 * 0.49 / Math.sqrt(6) + 1.69 / Math.sqrt(2), grad[0], 1e-15);
        assertEquals(0.7 * 2 * -1.3 / Math.sqrt(2), grad[1], 1e-15);
    }

    @Test
    void arithmeticAndNormalization() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        assertEquals(1.0, g.normalized().secondMoment(), 1e-15);
        HermitePolynomial high = g.withoutDegreesBelow(2);
        assertEquals(0.0, high.mean());
        assertEquals(0.0, high.coefficient(MultiIndex.of(1, 0)));
        assertEquals(g, high.plus(g.plus(high.scaled(-1))));
        assertEquals(g, TargetSpec.parse(g.toString()), "toString round-trips through the parser");
    }

    @Test
    void nonFiniteCoefficientsAndWrongArityAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> HermitePolynomial.builder(2).add(MultiIndex.of(1, 0), Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> HermitePolynomial.builder(2).add(MultiIndex.of(1), 1.0));
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z1)").value(new double[2]));
    }
}
