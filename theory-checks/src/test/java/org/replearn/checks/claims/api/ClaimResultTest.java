package org.replearn.checks.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A claim holds only when its own check passes and every negative control is rejected; every result states a typed
 * prediction, measurement and tolerance, and details that claims.json's schema allows.
 */
class ClaimResultTest {
    private static final Measurement RATIO = Measurement.exact(1e7, "ratio 1e7");

    private static ClaimResult.Builder passing() {
        return ClaimResult.builder("c", "a statement").prediction(Prediction.equality(2, "slope 2"))
                .measured(Measurement.of(1.98, 0.01, 8, "slope 1.98")).tolerance(Tolerance.of(0.05, "t·SE"))
                .rationale("r").holds(true);
    }

    @Test
    void aControlThatIsNotRejectedMeansTheCheckCannotFail() {
        assertTrue(passing().build().holds());
        assertTrue(passing().control("wrong sign", true, RATIO).build().holds());
        ClaimResult blind = passing().control("wrong sign", true, RATIO)
                .control("no decay", false, Measurement.exact(0.8, "A = 0.8")).build();
        assertFalse(blind.holds());
        assertEquals(2, blind.controls().size());
        assertFalse(passing().holds(false).control("wrong sign", true, RATIO).build().holds());
        assertNull(passing().build().error());
    }

    @Test
    void theNumbersTheTextsAndTheVerdictAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> passing().holds(false).rationale(" ").build(),
                "blank rationale");
        assertThrows(IllegalArgumentException.class, () -> ClaimResult.builder("c", "s")
                .measured(Measurement.exact(1, "m")).tolerance(Tolerance.of(0, "t")).rationale("r").holds(true).build(),
                "no prediction");
        assertThrows(IllegalArgumentException.class, () -> Measurement.of(1, 0.1, 8, " "), "blank measurement text");
        assertThrows(IllegalArgumentException.class, () -> Measurement.of(1, 0.1, 0, "m"), "no replicate");
        assertThrows(IllegalArgumentException.class, () -> Tolerance.of(-1, "t"), "negative tolerance");
        assertThrows(IllegalArgumentException.class, () -> Prediction.equality(Double.NaN, "p"), "NaN prediction");
        assertThrows(IllegalArgumentException.class, () -> Prediction.band(2, 1, "p"), "empty band");
        assertThrows(IllegalArgumentException.class, () -> passing().control("", true, RATIO));
    }

    @Test
    void detailsAreWhatTheSchemaAllows() {
        Map<String, Object> ok = Map.of("n_over_d2", new double[] {0.25, 0.5}, "mean_error", Map.of("d16", 0.1),
                "grid", List.of(1, 2), "target", "single-h2", "reached", true);
        assertEquals(5, passing().details(ok).build().details().size());
        assertThrows(IllegalArgumentException.class,
                () -> passing().details(Map.of("bonferroni_threshold_1e-3", 3.0)).build(), "key not snake_case");
        assertThrows(IllegalArgumentException.class,
                () -> passing().details(Map.of("fit", new Object())).build(), "not a JSON value");
    }
}
