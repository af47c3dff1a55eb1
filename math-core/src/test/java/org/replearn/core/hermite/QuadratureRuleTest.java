package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuadratureRuleTest {
    private static final double EPS = Math.ulp(1.0);
    private static final MathContext MC = new MathContext(60);

    /**
     * E[h_j h_k] = δ_jk for j, k <= 60 with a 61-point rule (exact for degree 121 >= 120), to 1e-12. Error budget:
     * by Cauchy–Schwarz with positive weights {@code Σ_i w_i |h_j h_k|(x_i) <= 1}, so summation adds at most
     * {@code 61ε ≈ 1.4e-14}; each value carries at most {@code 4·61ε ≈ 5.4e-14} of its amplitude (HermiteTest),
     * the weights {@code 1e-13} relative (see the Newton check below): about {@code 3e-13} in total.
     */
    @Test
    void normalizedHermiteAreOrthonormalUnderTheRule() {
        QuadratureRule rule = QuadratureRule.gaussHermite(61);
        double[][] h = new double[rule.size()][61];
        for (int i = 0; i < rule.size(); i++) {
            Hermite.values(rule.node(i), 60, h[i]);
        }
        for (int j = 0; j <= 60; j++) {
            for (int k = 0; k <= 60; k++) {
                double s = 0;
                for (int i = 0; i < rule.size(); i++) {
                    s += rule.weight(i) * h[i][j] * h[i][k];
                }
                double err = Math.abs(s - (j == k ? 1 : 0));
                assertTrue(err <= 1e-12, "E[h_" + j + " h_" + k + "] error " + err);
            }
        }
    }

    /**
     * An N-point rule integrates h_k exactly, {@code Σ_i w_i h_k(x_i) = δ_k0}, for k <= 2N-1, to 1e-12. Error budget
     * as above with {@code Σ_i w_i A_k(x_i) <= 1.36} (amplitudes {@code A_k = sqrt(h_k² + h_{k-1}²)}, measured for
     * every N here) times the relative value error {@code 4(k+1)ε <= 3.6e-13} at k = 399, plus the weights' 2e-13.
     */
    @Test
    void nPointRuleIsExactUpToDegree2NMinus1() {
        for (int n : new int[] {1, 2, 5, 10, 20, 50, 100, 200}) {
            QuadratureRule rule = QuadratureRule.gaussHermite(n);
            int maxK = 2 * n - 1;
            double[] sums = QuadratureRuleTest.hermiteMoments(rule, maxK);
            for (int k = 0; k <= maxK; k++) {
                double err = Math.abs(sums[k] - (k == 0 ? 1 : 0));
                assertTrue(err <= 1e-12, "N=" + n + ", k=" + k + ": Σ w h_k error " + err);
            }
        }
    }

    /**
     * Nodes and weights against 60-digit Newton iterates on {@code h_N} started from the double node, with weight
     * {@code 1/(N h_{N-1}(x)²)} (Christoffel numbers of the normalized polynomials). A double node can be off by
     * the Newton residual over the slope: {@code 4Nε·A / (sqrt(N) A) = 4 sqrt(N) ε}, plus {@code 2ε|x|} for the
     * {@code sqrt(2)} scaling; a weight by twice the relative error of {@code h_{N-1}} at the node, {@code 2·4Nε},
     * plus {@code 2ε} for the {@code 1/sqrt(π)} scaling. Every 7th node and both extremes (weights down to 1e-163).
     */
    @Test
    void nodesAndWeightsMatchHighPrecisionNewton() {
        for (int n : new int[] {5, 50, 200}) {
            QuadratureRule rule = QuadratureRule.gaussHermite(n);
            BigDecimal[] root = new BigDecimal[n + 1];
            BigDecimal[] inverseRoot = new BigDecimal[n + 1];
            for (int k = 1; k <= n; k++) {
                root[k] = BigDecimal.valueOf(k).sqrt(MC);
                inverseRoot[k] = BigDecimal.ONE.divide(root[k], MC);
            }
            int[] sample = IntStream.concat(IntStream.range(0, n).filter(j -> j % 7 == 0), IntStream.of(n - 1))
                    .toArray();
            for (int i : sample) {
                BigDecimal x = new BigDecimal(rule.node(i));
                BigDecimal[] h = new BigDecimal[2];
                for (int iteration = 0; iteration < 6; iteration++) {
                    evaluate(x, n, root, inverseRoot, h);
                    x = x.subtract(h[0].divide(root[n].multiply(h[1], MC), MC), MC);
                }
                evaluate(x, n, root, inverseRoot, h);
                double node = x.doubleValue();
                double weight = BigDecimal.ONE.divide(BigDecimal.valueOf(n).multiply(h[1].pow(2, MC), MC), MC)
                        .doubleValue();
                double nodeErr = Math.abs(rule.node(i) - node);
                double weightErr = Math.abs(rule.weight(i) - weight) / weight;
                assertTrue(nodeErr <= 4 * Math.sqrt(n) * EPS + 2 * EPS * Math.abs(node),
                        "N=" + n + ", node " + i + ": " + rule.node(i) + " vs " + node);
                assertTrue(weightErr <= 8 * n * EPS + 2 * EPS, "N=" + n + ", weight " + i + ": " + rule.weight(i)
                        + " vs " + weight);
            }
        }
    }

    /** {@code h[0] = h_n(x)}, {@code h[1] = h_{n-1}(x)} by the normalized recurrence in 60 digits. */
    private static void evaluate(BigDecimal x, int n, BigDecimal[] root, BigDecimal[] inverseRoot, BigDecimal[] h) {
        BigDecimal prev = BigDecimal.ONE;
        BigDecimal cur = x;
        for (int k = 1; k < n; k++) {
            BigDecimal next = x.multiply(cur, MC).subtract(root[k].multiply(prev, MC), MC)
                    .multiply(inverseRoot[k + 1], MC);
            prev = cur;
            cur = next;
        }
        h[0] = cur;
        h[1] = prev;
    }

    /**
     * The physicists'-to-probabilists' rescaling: E z² = 1, E z⁴ = 3, E z⁶ = 15 (a 10-point rule is exact, the
     * tolerance is a few ulps of the largest terms {@code w_i x_i^6}); the 3-point rule in closed form (physicists'
     * nodes 0, ±sqrt(3/2), weights 2sqrt(π)/3, sqrt(π)/6); the largest 5-point physicists' node 2.020182870456086
     * with weight 1.995324205904591e-2 (Abramowitz–Stegun table 25.10, 15 digits).
     */
    @Test
    void rescalingFromThePhysicistsConvention() {
        QuadratureRule rule = QuadratureRule.gaussHermite(10);
        assertEquals(1.0, rule.expectation(z -> z * z), 1e-14);
        assertEquals(3.0, rule.expectation(z -> z * z * z * z), 1e-13);
        assertEquals(15.0, rule.expectation(z -> z * z * z * z * z * z), 1e-12);
        QuadratureRule three = QuadratureRule.gaussHermite(3);
        assertEquals(-Math.sqrt(3), three.node(0), 4 * EPS);
        assertEquals(0.0, three.node(1), 4 * EPS);
        assertEquals(Math.sqrt(3), three.node(2), 4 * EPS);
        assertEquals(1.0 / 6, three.weight(0), 4 * EPS);
        assertEquals(2.0 / 3, three.weight(1), 4 * EPS);
        assertEquals(1.0 / 6, three.weight(2), 4 * EPS);
        QuadratureRule five = QuadratureRule.gaussHermite(5);
        assertEquals(2.020182870456086 * Math.sqrt(2), five.node(4), 1e-14);
        assertEquals(1.995324205904591e-2 / Math.sqrt(Math.PI), five.weight(4), 1e-16);
    }

    @Test
    void weightsSumToOneAndRulesAreCached() {
        // Commons Math needs ~0.5 s for N = 200, so only a spread of sizes is built here.
        for (int n : new int[] {1, 2, 3, 4, 5, 10, 20, 50, 61, 100, 150, 200}) {
            QuadratureRule rule = QuadratureRule.gaussHermite(n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += rule.weight(i);
                assertTrue(i == 0 || rule.node(i) > rule.node(i - 1), "nodes ascending");
            }
            // n terms in [0, 1]: summation error <= nε, plus the weights' relative error 8nε (Newton check)
            assertEquals(1.0, sum, 9 * n * EPS, "N=" + n);
            assertSame(rule, QuadratureRule.gaussHermite(n));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuadratureRule.gaussHermite(0));
        assertTrue(e.getMessage().startsWith("points = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuadratureRule.gaussHermite(201));
        assertThrows(IllegalArgumentException.class, () -> new QuadratureRule(new double[2], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new QuadratureRule(new double[] {0}, new double[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> new QuadratureRule(new double[] {Double.NaN}, new double[] {1}));
    }

    /** {@code Σ_i w_i h_k(x_i)} for {@code k <= maxK}: the rule's estimates of {@code E h_k = δ_k0}. */
    static double[] hermiteMoments(QuadratureRule rule, int maxK) {
        double[] h = new double[maxK + 1];
        double[] sums = new double[maxK + 1];
        for (int i = 0; i < rule.size(); i++) {
            Hermite.values(rule.node(i), maxK, h);
            for (int k = 0; k <= maxK; k++) {
                sums[k] += rule.weight(i) * h[k];
            }
        }
        return sums;
    }
}
