package org.replearn.checks.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A typed details record becomes the snake_case map claims.json writes, in declaration order, numbers unchanged. */
class DetailsTest {
    record Fit(double exponent, double exponentStandardError) {
    }

    record Example(String target, int width, double[] nOverD2, long validation, double[][] nStar, Fit fit,
            Map<String, double[]> meanError, double notReached) {
    }

    @Test
    void componentsBecomeSnakeCaseKeysInOrder() {
        Map<String, Object> d = Details.of(new Example("single-h2", 128, new double[] {0.25, Math.sqrt(2)}, 4096,
                new double[][] {{1, 2}, {3, 0.1 + 0.2}}, new Fit(1.9581, 0.0592), Map.of("d8", new double[] {0.5}),
                Double.NaN));
        assertEquals(List.of("target", "width", "n_over_d2", "validation", "n_star", "fit", "mean_error", "not_reached"),
                List.copyOf(d.keySet()));
        assertEquals(List.of(0.25, Math.sqrt(2)), d.get("n_over_d2"));
        assertEquals(List.of(List.of(1.0, 2.0), List.of(3.0, 0.1 + 0.2)), d.get("n_star"));
        assertEquals(Map.of("exponent", 1.9581, "exponent_standard_error", 0.0592), d.get("fit"));
        assertEquals(4096L, ((Number) d.get("validation")).longValue());
        assertTrue(Double.isNaN(((Number) d.get("not_reached")).doubleValue()));
        ClaimResult r = ClaimResult.builder("c", "s").prediction(Prediction.equality(2, "p"))
                .measured(Measurement.exact(2, "m")).tolerance(Tolerance.of(0, "t")).rationale("r").holds(true)
                .details(new Fit(2, 0.1)).build();
        assertEquals(Map.of("exponent", 2.0, "exponent_standard_error", 0.1), r.details());
    }
}
