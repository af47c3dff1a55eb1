package org.replearn.checks.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A claim holds only when its own check passes and every negative control is rejected. */
class ClaimResultTest {
    private static ClaimResult.Builder passing() {
        return ClaimResult.builder("c", "a statement").predicted("p").measured("m").tolerance("t").rationale("r")
                .holds(true);
    }

    @Test
    void aControlThatIsNotRejectedMeansTheCheckCannotFail() {
        assertTrue(passing().build().holds());
        assertTrue(passing().control("wrong sign", true, "ratio 1e7").build().holds());
        ClaimResult blind = passing().control("wrong sign", true, "ratio 1e7").control("no decay", false, "A = 0.8")
                .build();
        assertFalse(blind.holds());
        assertEquals(2, blind.controls().size());
        assertFalse(passing().holds(false).control("wrong sign", true, "ratio 1e7").build().holds());
    }

    @Test
    void everyTextAndTheVerdictAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> ClaimResult.builder("c", "s").predicted("p").measured("m")
                .tolerance("t").rationale("r").build(), "no verdict");
        assertThrows(IllegalArgumentException.class, () -> ClaimResult.builder("c", "s").predicted("p").measured(" ")
                .tolerance("t").rationale("r").holds(true).build(), "blank measurement");
        assertThrows(IllegalArgumentException.class, () -> passing().control("", true, "x"));
    }
}
