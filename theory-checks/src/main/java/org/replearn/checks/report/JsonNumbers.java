package org.replearn.checks.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The JSON mapper of every file Replearn writes: indented, doubles in their shortest round-trip form, and a
 * non-finite double (a statistic that could not be computed) written as {@code null}, since JSON has no NaN.
 */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /** A new mapper with these rules. */
    public static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("replearn-finite-numbers");
        JsonSerializer<Double> scalar = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                write(v, g);
            }
        };
        module.addSerializer(Double.class, scalar);
        module.addSerializer(Double.TYPE, scalar);
        module.addSerializer(double[].class, new JsonSerializer<>() {
            @Override
            public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(v, v.length);
                for (double e : v) {
                    write(e, g);
                }
                g.writeEndArray();
            }
        });
        return new ObjectMapper().registerModule(module).enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static void write(double v, JsonGenerator g) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }
}
