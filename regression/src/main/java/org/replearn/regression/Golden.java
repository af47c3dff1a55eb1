package org.replearn.regression;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * The JSON model of one golden file: the entry, its provenance (project version, seed, configuration), the command
 * that regenerates it, and every field with its shape, comparison rule, values (shortest round-trip decimal) and
 * the raw IEEE 754 bits of each value in hexadecimal (authoritative; the decimals are for reading).
 *
 * @param format      {@link #FORMAT}
 * @param entry       catalogue entry name (equals the file name without {@code .json})
 * @param description what the entry computes
 * @param provenance  project version, seed and configuration
 * @param regenerate  the regeneration command
 * @param fields      the pinned fields
 */
@JsonPropertyOrder({"format", "entry", "description", "provenance", "regenerate", "fields"})
public record Golden(String format, String entry, String description, Origin provenance, String regenerate,
                     List<Value> fields) {
    /** Format tag of version 1 of this file layout. */
    public static final String FORMAT = "replearn-golden/1";

    /**
     * Provenance as written to the file.
     *
     * @param projectVersion project version that generated the file
     * @param seed           master seed or {@code null}
     * @param configuration  configuration, sorted by key
     */
    @JsonPropertyOrder({"projectVersion", "seed", "configuration"})
    public record Origin(String projectVersion, Long seed, SortedMap<String, String> configuration) {
    }

    /**
     * One field as written to the file.
     *
     * @param name   field name
     * @param shape  dimensions
     * @param rule   comparison rule with justification
     * @param values values, row-major
     * @param bits   {@code Double.doubleToRawLongBits} of each value, 16 hex digits
     */
    @JsonPropertyOrder({"name", "shape", "rule", "values", "bits"})
    public record Value(String name, int[] shape, Rule rule, double[] values, List<String> bits) {
    }

    /** The golden file content for a computed result. */
    public static Golden of(CatalogueEntry entry, EntryResult result, String projectVersion) {
        List<Value> values = new ArrayList<>();
        for (Field f : result.fields()) {
            List<String> bits = new ArrayList<>(f.size());
            for (int i = 0; i < f.size(); i++) {
                bits.add(hex(f.value(i)));
            }
            values.add(new Value(f.name(), f.shape(), f.rule(), f.values(), bits));
        }
        Provenance p = result.provenance();
        return new Golden(FORMAT, result.entry(), entry.description(),
                new Origin(projectVersion, p.seed(), p.configuration()), Baselines.REGENERATE_COMMAND, values);
    }

    /** The 16-digit hexadecimal raw bits of a double. */
    public static String hex(double v) {
        return String.format(Locale.ROOT, "%016x", Double.doubleToRawLongBits(v));
    }

    /**
     * Checks the file is complete and self-consistent and returns the pinned result; the bits are authoritative.
     *
     * @throws IllegalArgumentException naming the first inconsistency
     */
    public EntryResult toResult(String expectedEntry) {
        require(FORMAT.equals(format), "format is '" + format + "', expected '" + FORMAT + "'");
        require(expectedEntry.equals(entry), "entry is '" + entry + "', expected '" + expectedEntry + "'");
        require(provenance != null && provenance.configuration() != null, "provenance or its configuration is missing");
        require(fields != null && !fields.isEmpty(), "no fields");
        List<Field> out = new ArrayList<>();
        for (Value v : fields) {
            require(v != null && v.name() != null && v.shape() != null && v.rule() != null && v.values() != null
                    && v.bits() != null, "a field lacks name, shape, rule, values or bits");
            require(v.bits().size() == v.values().length, "field " + v.name() + " has " + v.values().length
                    + " values but " + v.bits().size() + " bits");
            double[] exact = new double[v.values().length];
            for (int i = 0; i < exact.length; i++) {
                String b = v.bits().get(i);
                require(b != null && b.matches("[0-9a-f]{16}"), "field " + v.name() + " bits[" + i + "] = '" + b
                        + "' is not 16 lower-case hex digits");
                exact[i] = Double.longBitsToDouble(Long.parseUnsignedLong(b, 16));
                require(Double.doubleToRawLongBits(exact[i]) == Double.doubleToRawLongBits(v.values()[i])
                        || Double.isNaN(exact[i]) && Double.isNaN(v.values()[i]),
                        "field " + v.name() + " value[" + i + "] = " + v.values()[i] + " disagrees with its bits "
                        + b + " (= " + exact[i] + ")");
            }
            out.add(new Field(v.name(), v.shape(), exact, v.rule()));
        }
        return new EntryResult(entry, new Provenance(provenance.seed(), provenance.configuration()), out);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public String toString() {
        return "Golden[" + entry + ", " + (fields == null ? 0 : fields.size()) + " fields]";
    }

    static String shapeText(int[] shape) {
        return shape.length == 0 ? "scalar" : Arrays.toString(shape);
    }
}
