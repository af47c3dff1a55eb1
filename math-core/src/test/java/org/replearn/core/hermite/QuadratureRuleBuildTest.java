package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The construction of a rule, independent of the cache (found by mutation testing, see math-core/MUTATION.md: once a
 * JVM has cached a rule, a broken {@code build} is never called again), and the record's value semantics.
 */
class QuadratureRuleBuildTest {
    private static final double EPS = Math.ulp(1.0);

    /** Drops {@code points} from the private cache so that the next {@code gaussHermite(points)} builds the rule. */
    private static QuadratureRule freshlyBuilt(int points) throws ReflectiveOperationException {
        Field cache = QuadratureRule.class.getDeclaredField("CACHE");
        cache.setAccessible(true);
        ((Map<?, ?>) cache.get(null)).remove(points);
        return QuadratureRule.gaussHermite(points);
    }

    /**
     * A freshly built 3-point rule is the closed form {@code x = -sqrt(3), 0, sqrt(3)}, {@code w = 1/6, 2/3, 1/6}
     * (roots of He_3 = z³ - 3z; rescaled from the physicists' rule, a few ulps), and freshly built N-point rules
     * integrate {@code h_k} exactly for {@code k <= 2N-1} (tolerance as in {@link QuadratureRuleTest}).
     */
    @Test
    void freshlyBuiltRulesAreTheGaussHermiteRules() throws ReflectiveOperationException {
        QuadratureRule three = freshlyBuilt(3);
        assertEquals(3, three.size());
        assertEquals(-Math.sqrt(3), three.node(0), 4 * EPS * Math.sqrt(3));
        assertEquals(0.0, three.node(1), 4 * EPS);
        assertEquals(Math.sqrt(3), three.node(2), 4 * EPS * Math.sqrt(3));
        assertEquals(1.0 / 6, three.weight(0), 4 * EPS);
        assertEquals(2.0 / 3, three.weight(1), 4 * EPS);
        assertEquals(1.0 / 6, three.weight(2), 4 * EPS);
        for (int n : new int[] {1, 2, 7, 16}) {
            QuadratureRule rule = freshlyBuilt(n);
            assertEquals(n, rule.size());
            int maxK = 2 * n - 1;
            double[] sums = QuadratureRuleTest.hermiteMoments(rule, maxK);
            for (int k = 0; k <= maxK; k++) {
                assertEquals(k == 0 ? 1.0 : 0.0, sums[k], 1e-12, "N=" + n + ", E h_" + k);
            }
        }
    }

    /** Equal nodes and weights make equal rules (same hash); any difference, or another type, does not. */
    @Test
    void rulesAreValues() throws ReflectiveOperationException {
        QuadratureRule cached = QuadratureRule.gaussHermite(5);
        QuadratureRule rebuilt = freshlyBuilt(5);
        assertNotSame(cached, rebuilt);
        assertEquals(cached, rebuilt);
        assertEquals(cached.hashCode(), rebuilt.hashCode());
        QuadratureRule copy = new QuadratureRule(cached.nodes(), cached.weights());
        assertEquals(cached, copy);
        assertEquals(cached.hashCode(), copy.hashCode());
        double[] w = cached.weights();
        w[0] = Math.nextUp(w[0]);
        assertNotEquals(cached, new QuadratureRule(cached.nodes(), w));
        double[] x = cached.nodes();
        x[4] = Math.nextUp(x[4]);
        assertNotEquals(cached, new QuadratureRule(x, cached.weights()));
        assertNotEquals(cached, QuadratureRule.gaussHermite(4));
        assertNotEquals(cached, (Object) "QuadratureRule[5 points]");
        // the hash depends on both arrays: swapping their roles changes it
        QuadratureRule one = new QuadratureRule(new double[] {1.0}, new double[] {2.0});
        QuadratureRule swapped = new QuadratureRule(new double[] {2.0}, new double[] {1.0});
        assertNotEquals(one.hashCode(), swapped.hashCode());
        assertNotEquals(one.hashCode(), new QuadratureRule(new double[] {1.0}, new double[] {3.0}).hashCode());
        assertEquals("QuadratureRule[5 points]", cached.toString());
        assertTrue(cached.nodes() != cached.nodes(), "nodes() returns copies");
    }
}
