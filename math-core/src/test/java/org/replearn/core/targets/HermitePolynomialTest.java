package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.hermite.QuadratureRule;

class HermitePolynomialTest {
    /** Constant, linear, degree 2, 3 and 4 parts in two variables; degree <= 3 per variable, coefficients <= 0.6. */
    static final String MIXED = "0.5 + 0.3*h1(z1) - 0.4*h1(z2) + 0.6*h2(z1) + 0.5*h1(z1)*h1(z2) + 0.3*h3(z2)"
            + " + 0.2*h2(z1)*h2(z2) - 0.25*h1(z1)*h3(z2)";

    /** {@code Σ_α c_α Π_i h_{α_i}(z_i)} with each 1-D value from {@link Hermite#value}: independent of the tables. */
    private static double direct(HermitePolynomial g, double[] z) {
        double sum = 0;
        for (var t : g.terms().entrySet()) {
            double prod = t.getValue();
            for (int i = 0; i < z.length; i++) {
                prod *= Hermite.value(t.getKey().get(i), z[i]);
            }
            sum += prod;
        }
        return sum;
    }

    /**
     * The tabulated evaluation against the direct product of 1-D values: both compute the same products of the same
     * recurrence values, possibly in another order, so they agree to a few ulps of the largest term (|terms| < 10 on
     * |z| <= 2.5): 1e-13.
     */
    @Test
    void valueMatchesDirectProductOfOneDimensionalValues() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        UniformRandomProvider rng = new Seeds(1).rng(Stream.CHECK);
        for (int k = 0; k < 200; k++) {
            double[] z = {5 * rng.nextDouble() - 2.5, 5 * rng.nextDouble() - 2.5};
            assertEquals(direct(g, z), g.value(z), 1e-13);
        }
    }

    /**
     * Mean, second moment and energy by degree against a tensor Gauss–Hermite rule with 10 points per axis, exact
     * for degree <= 19 per variable; g² and g·h_α (|α| <= 4) have degree <= 8 per variable, so the quadrature is
     * exact up to summation rounding of O(1) sums over 100 nodes: 1e-13. The energies are computed from the
     * quadrature projections c_α = E[g h_α], an independent route to the coefficients.
     */
    @Test
    void exactMomentsAgreeWithTensorQuadrature() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        QuadratureRule rule = QuadratureRule.gaussHermite(10);
        List<MultiIndex> basis = MultiIndex.upToDegree(2, 4);
        double[] projections = new double[basis.size()];
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
                for (int a = 0; a < basis.size(); a++) {
                    MultiIndex alpha = basis.get(a);
                    projections[a] += w * v * Hermite.value(alpha.get(0), z[0]) * Hermite.value(alpha.get(1), z[1]);
                }
            }
        }
        assertEquals(g.mean(), mean, 1e-13);
        assertEquals(g.secondMoment(), second, 1e-13);
        assertEquals(g.secondMoment() - g.mean() * g.mean(), g.variance(), 1e-15);
        double[] energy = g.energyByDegree();
        assertEquals(5, energy.length);
        double[] projected = new double[5];
        for (int a = 0; a < basis.size(); a++) {
            assertEquals(g.coefficient(basis.get(a)), projections[a], 1e-13, "c_" + basis.get(a));
            projected[basis.get(a).degree()] += projections[a] * projections[a];
        }
        for (int k = 0; k <= 4; k++) {
            assertEquals(projected[k], energy[k], 1e-13, "energy in degree " + k);
        }
    }

    /**
     * Gradient and Hessian against central differences with δ = 1e-5 at points with |z_i| <= 2. Truncation error
     * δ²/6 · max|∂³g| with max|∂³g| <= 2 here (largest: 0.25·|z1|·sqrt(6) from h1(z1)h3(z2)), i.e. <= 4e-11; rounding
     * ≈ ε·max|g|/δ <= 2.2e-16·5/1e-5 ≈ 1.1e-10 (the Hessian check differentiates ∇g, |∇g| <= 10: 2.2e-10). Bound
     * 1e-9 covers both with margin.
     */
    @Test
    void derivativesMatchCentralDifferences() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        double delta = 1e-5;
        double[][] points = {{0.3, -1.2}, {1.7, 0.4}, {-0.9, 1.9}, {-2.0, -2.0}};
        double worstGradient = 0;
        double worstHessian = 0;
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
                double fd = (g.value(p) - g.value(m)) / (2 * delta);
                worstGradient = Math.max(worstGradient, Math.abs(fd - grad[i]));
                double[] gp = new double[2];
                double[] gm = new double[2];
                g.gradient(p, gp);
                g.gradient(m, gm);
                for (int j = 0; j < 2; j++) {
                    double fdh = (gp[j] - gm[j]) / (2 * delta);
                    worstHessian = Math.max(worstHessian, Math.abs(fdh - hess[i * 2 + j]));
                }
            }
            assertEquals(hess[1], hess[2], 0.0, "Hessian is symmetric");
        }
        assertTrue(worstGradient <= 1e-9, "gradient FD error " + worstGradient);
        assertTrue(worstHessian <= 1e-9, "Hessian FD error " + worstHessian);
    }

    /** Q_k(v) = Σ_{|α|=k} c_α v^α / sqrt(α!) by hand; each value is a few roundings of O(1) numbers: 1e-15. */
    @Test
    void qMatchesItsDefinition() {
        HermitePolynomial g = TargetSpec.parse("2*h3(z1) + h1(z1)*h2(z2) + 0.7*h1(z2) - 1.5");
        double[] v = {0.7, -1.3};
        assertEquals(2 * Math.pow(0.7, 3) / Math.sqrt(6) + 0.7 * 1.69 / Math.sqrt(2), g.q(3, v), 1e-15);
        assertEquals(0.7 * -1.3, g.q(1, v), 1e-15);
        assertEquals(-1.5, g.q(0, v), 0.0);
        assertEquals(0.0, g.q(2, v), 0.0);
        double[] grad = new double[2];
        g.gradQ(3, v, grad);
        assertEquals(2 * 3 * 0.49 / Math.sqrt(6) + 1.69 / Math.sqrt(2), grad[0], 1e-15);
        assertEquals(0.7 * 2 * -1.3 / Math.sqrt(2), grad[1], 1e-15);
        g.gradQ(1, v, grad);
        assertEquals(0.0, grad[0], 0.0);
        assertEquals(0.7, grad[1], 0.0);
    }

    /**
     * The identity C_k(g)[v^{⊗k}] = k! Q_k(v) of docs/math.md §2 for k = 2: E[∇²g] = G₂ and vᵀ G₂ v = 2 Q_2(v)
     * (G₂ built by Target from the coefficients; here via ∇Q_2 = G₂ v). Exact up to a few roundings: 1e-15.
     */
    @Test
    void gradientOfQ2IsG2TimesV() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        Target t = new Target(g, CommonOps_DDRM.identity(2));
        double[] v = {0.8, -0.35};
        double[] grad = new double[2];
        g.gradQ(2, v, grad);
        for (int i = 0; i < 2; i++) {
            assertEquals(t.g2().get(i, 0) * v[0] + t.g2().get(i, 1) * v[1], grad[i], 1e-15);
        }
        assertEquals(2 * g.q(2, v), v[0] * grad[0] + v[1] * grad[1], 1e-15);
    }

    @Test
    void arithmeticAndNormalization() {
        HermitePolynomial g = TargetSpec.parse(MIXED);
        assertEquals(1.0, g.normalized().secondMoment(), 1e-15);
        HermitePolynomial high = g.withoutDegreesBelow(2);
        assertEquals(0.0, high.mean());
        assertEquals(0.0, high.coefficient(MultiIndex.of(1, 0)));
        assertEquals(0.6, high.coefficient(MultiIndex.of(2, 0)));
        assertEquals(g.secondMoment() - 0.25 - 0.09 - 0.16, high.secondMoment(), 1e-15);
        assertEquals(g, high.plus(g.plus(high.scaled(-1))));
        assertTrue(g.scaled(0).isZero(), "exact zeros are dropped");
        assertEquals(4, g.degree());
        assertEquals(8, g.terms().size());
        assertThrows(UnsupportedOperationException.class, () -> g.terms().clear());
        assertThrows(IllegalArgumentException.class, () -> g.scaled(0).normalized());
        assertThrows(IllegalArgumentException.class, () -> g.plus(TargetSpec.parse("h1(z3)")));
    }

    /**
     * toString prints Double.toString of each coefficient (shortest repr that parses back to the same double) and
     * the basis product, so parsing it back gives bit-identical coefficients: compared with exact equality, for
     * random coefficients spanning many magnitudes and signs, the ends of the supported range, and with an unused
     * last variable.
     */
    @Test
    void toStringRoundTripsExactly() {
        UniformRandomProvider rng = new Seeds(2).rng(Stream.CHECK);
        HermitePolynomial.Builder b = HermitePolynomial.builder(3);
        for (MultiIndex alpha : MultiIndex.upToDegree(3, 3)) {
            if (alpha.get(2) == 0) {
                double c = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(40) - 20);
                b.add(alpha, c);
            }
        }
        b.add(MultiIndex.of(5, 0, 0), HermitePolynomial.MIN_COEFFICIENT)
                .add(MultiIndex.of(0, 4, 0), -HermitePolynomial.MAX_COEFFICIENT);
        HermitePolynomial g = b.build();
        String s = g.toString();
        assertTrue(s.endsWith(" + 0*h0(z3)"), s);
        assertEquals(g, TargetSpec.parse(s), s);
        HermitePolynomial spec = TargetSpec.parse(MIXED);
        assertEquals(MIXED, spec.toString(), "terms print in MultiIndex order: by degree, then descending in z1");
        for (String name : TargetPreset.labels()) {
            HermitePolynomial p = TargetPreset.of(name).link();
            assertEquals(p, TargetSpec.parse(p.toString()), name);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> HermitePolynomial.builder(2).add(MultiIndex.of(1, 0), Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> HermitePolynomial.builder(2).add(MultiIndex.of(1), 1.0));
        assertThrows(IllegalArgumentException.class, () -> HermitePolynomial.builder(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetSpec.parse("h2(z1)").value(new double[2]));
        assertTrue(e.getMessage().contains("z has length 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z1)").q(2, new double[3]));
    }

    /**
     * Regression: builder(r) took any r and add any exponent, so oversized targets failed late inside the Hermite
     * tables. r <= MAX_VARIABLES = 256 and every exponent <= Hermite.MAX_DEGREE = 4096, both at the limit.
     */
    @Test
    void builderRefusesTooManyVariablesAndTooHighDegrees() {
        assertEquals(256, HermitePolynomial.builder(256).add(MultiIndex.unit(256, 255, 2), 1.0).build()
                .variables());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HermitePolynomial.builder(257));
        assertEquals("r = 257 variables exceeds the largest supported 256 (a target of r directions needs an r×r"
                + " Hessian): use fewer directions", e.getMessage());
        assertEquals(Hermite.MAX_DEGREE, HermitePolynomial.builder(2).add(MultiIndex.of(0, Hermite.MAX_DEGREE), 1.0)
                .build().degree());
        e = assertThrows(IllegalArgumentException.class,
                () -> HermitePolynomial.builder(2).add(MultiIndex.of(1, 4097), 1.0));
        assertEquals("multi-index h1(z1)*h4097(z2) has degree 4097 in z2, more than the largest supported Hermite"
                + " degree 4096: lower the degree", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HermitePolynomial.builder(1).add(MultiIndex.of(Integer.MAX_VALUE), 1.0));
    }

    /**
     * Regression: 1e200·h2 had variance Infinity and 1e-200·h2 variance 0. build() requires every non-zero
     * coefficient in [MIN_COEFFICIENT, MAX_COEFFICIENT] = [1e-150, 1e150] in magnitude (bounds included, exact zeros
     * dropped) and a finite second moment (implied below 1.8e8 terms), on every path that builds: of, scaled, plus.
     */
    @Test
    void buildEnforcesTheCoefficientRangeAndAFiniteSecondMoment() {
        assertEquals(1e-150, HermitePolynomial.MIN_COEFFICIENT);
        assertEquals(1e150, HermitePolynomial.MAX_COEFFICIENT);
        MultiIndex h2 = MultiIndex.of(2);
        for (double c : new double[] {1e-151, -1e-200, Double.MIN_VALUE, 1.0000000000000002e150, -1e200}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HermitePolynomial.builder(1).add(h2, c).build(), Double.toString(c));
            assertEquals("coefficient " + c + " of h2(z1) is outside [1e-150, 1e+150]: rescale the target",
                    e.getMessage());
        }
        assertEquals(1e150 * 1e150, HermitePolynomial.builder(1).add(h2, -1e150).build().secondMoment(), 0.0);
        assertEquals(1e-150 * 1e-150, HermitePolynomial.builder(1).add(h2, 1e-150).build().secondMoment(), 0.0);
        assertTrue(HermitePolynomial.builder(1).add(h2, 1e-200).add(h2, -1e-200).build().isZero());
        HermitePolynomial.Builder wide = HermitePolynomial.builder(1);
        for (int k = 0; k <= Hermite.MAX_DEGREE; k++) {
            wide.add(MultiIndex.of(k), -1e150);
        }
        assertEquals(4097 * 1e300, wide.build().secondMoment(), 4097 * 1e300 * 1e-12,
                "finite: overflow would need 1.8e8 such terms");
        HermitePolynomial g = TargetSpec.parse(MIXED);
        assertThrows(IllegalArgumentException.class, () -> g.scaled(1e-200));
        assertThrows(IllegalArgumentException.class, () -> g.scaled(1e200));
        assertThrows(IllegalArgumentException.class, () -> HermitePolynomial.of(1, Map.of(h2, 1e-160)));
    }
}
