package org.replearn.core.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time per named stage, in the order the stages first ran (repeated names accumulate). Not thread-safe. */
public final class StageTimer {
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Runs {@code work} and adds its wall time to {@code stage}. */
    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.merge(stage, (System.nanoTime() - start) * 1e-9, Double::sum);
        }
    }

    /** Adds previously measured {@code times} under {@code prefix + name} (e.g. the stages of a pretraining run). */
    public void addAll(String prefix, Map<String, Double> times) {
        for (Map.Entry<String, Double> e : times.entrySet()) {
            seconds.merge(prefix + e.getKey(), e.getValue(), Double::sum);
        }
    }

    /** A snapshot of the recorded times in seconds. */
    public Map<String, Double> seconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }
}
