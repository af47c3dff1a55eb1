package org.replearn.checks.claims.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A claim's typed details as the map {@code claims.json} writes: every component of the record (nested records too)
 * becomes a key named in snake_case after it ({@code nOverD2} is {@code n_over_d2}; a {@code @JsonProperty} names an
 * irregular one), in declaration order; numbers, arrays, lists and maps are kept as they are.
 */
public final class Details {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private Details() {
    }

    /** The details of {@code values}. */
    public static Map<String, Object> of(Record values) {
        return MAPPER.convertValue(values, MAP);
    }
}
