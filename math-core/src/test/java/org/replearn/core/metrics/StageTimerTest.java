package org.replearn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTimerTest {

    /** Stages keep their first-run order, repeated names accumulate, and a 20 ms sleep measures at least 20 ms. */
    @Test
    void recordsStagesInOrder() throws Exception {
        StageTimer timer = new StageTimer();
        timer.time("b", () -> sleep(20));
        timer.time("a", () -> 1);
        timer.time("b", () -> sleep(20));
        timer.addAll("source-", Map.of("x", 1.5));
        Map<String, Double> s = timer.seconds();
        assertEquals(List.of("b", "a", "source-x"), List.copyOf(s.keySet()));
        assertTrue(s.get("b") >= 0.040, "two sleeps of 20 ms: " + s.get("b"));
        assertEquals(1.5, s.get("source-x"), 0.0);
    }

    private static int sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
