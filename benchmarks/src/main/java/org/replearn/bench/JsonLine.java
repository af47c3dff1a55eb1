package org.replearn.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The benchmarks' results as JSON Lines through Jackson: one object per measurement on stdout, times rounded to a
 * fixed number of decimals (the resolution worth keeping), so that {@code results/*.jsonl} stay readable.
 */
final class JsonLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLine() {
    }

    /** An empty object, fields in insertion order. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code value} (finite) rounded half-even to {@code decimals} places, written as a plain number. */
    static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    /** An object of {@code seconds} by name, each rounded to {@code decimals} places, in the map's order. */
    static ObjectNode seconds(Map<String, Double> seconds, int decimals) {
        ObjectNode parts = object();
        seconds.forEach((name, s) -> parts.put(name, round(s, decimals)));
        return parts;
    }

    /** Prints {@code line} as one line of JSON on stdout. */
    static void print(ObjectNode line) {
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + line, e);
        }
    }
}
