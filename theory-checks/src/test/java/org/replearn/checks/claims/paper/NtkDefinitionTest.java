package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.Seeds;

/**
 * {@code kernel-regime}'s definition check: the ReLU NTK's closed form agrees with the mean tangent kernel of a wide
 * network's independent neurons at the family-wise level, and the NNGP (no first-layer term) is rejected by far.
 */
class NtkDefinitionTest {
    @Test
    void theClosedFormIsTheNetworksTangentKernelAndTheNngpIsNot() {
        List<NtkDefinition> checks = List.of(NtkDefinition.of(10, new Seeds(3)));
        assertEquals(NtkDefinition.DRAWS * NtkDefinition.ANGLES, checks.get(0).z().length);
        double threshold = NtkDefinition.threshold(checks);
        assertEquals(Intervals.bonferroniThreshold(NtkDefinition.LEVEL, 15), threshold, 0.0);
        assertTrue(NtkDefinition.holds(checks, false), NtkDefinition.text(checks, false));
        assertTrue(NtkDefinition.maxAbs(checks, true) > 10 * threshold, NtkDefinition.text(checks, true));
    }
}
