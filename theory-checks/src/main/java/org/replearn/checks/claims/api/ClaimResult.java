package org.replearn.checks.claims.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The outcome of one claim: the typed {@link Prediction} (value and direction), {@link Measurement} (value, standard
 * error, replicates) and {@link Tolerance} (value and derivation), the reason for the tolerance, the verdict, the
 * negative controls (deliberately wrong variants the same check must reject), and the raw material the report is made
 * of: sweeps, plots and details. A claim holds only if its own check passes and every control is rejected: a check
 * that cannot fail proves nothing. Immutable; built by {@link #builder} with one named call per field.
 *
 * <p>Details are what {@code claims.json} carries beyond the headline numbers: keys are snake_case
 * ({@code [a-z][a-z0-9_]*}), values are numbers, strings, booleans, arrays of numbers (also nested), or lists and
 * maps of those.
 */
public final class ClaimResult implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern NESTED_KEY = Pattern.compile("[A-Za-z0-9_.=-]+");

    private final String id;
    private final String statement;
    private final Prediction prediction;
    private final Measurement measured;
    private final Tolerance tolerance;
    private final String rationale;
    private final boolean holds;
    private final List<Control> controls;
    private final Map<String, Object> details;
    private final List<Sweep> sweeps;
    private final List<PlotSpec> plots;
    private final String error;

    private ClaimResult(Builder b) {
        if (b.prediction == null || b.measured == null || b.tolerance == null) {
            throw new IllegalArgumentException("ClaimResult of '" + b.id + "' lacks its prediction, measurement or"
                    + " tolerance: every claim states all three");
        }
        if (b.rationale == null || b.rationale.isBlank()) {
            throw new IllegalArgumentException("ClaimResult.rationale of '" + b.id + "' is empty: every claim states it");
        }
        if (b.holds == null) {
            throw new IllegalArgumentException("ClaimResult.holds of '" + b.id + "' is not set: give the verdict");
        }
        checkDetails(b.id, "", b.details);
        id = b.id;
        statement = b.statement;
        prediction = b.prediction;
        measured = b.measured;
        tolerance = b.tolerance;
        rationale = b.rationale;
        controls = List.copyOf(b.controls);
        holds = b.holds && controls.stream().allMatch(Control::rejected);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
        sweeps = List.copyOf(b.sweeps);
        plots = List.copyOf(b.plots);
        error = b.error;
    }

    /**
     * Rejects a detail that {@code claims.json}'s schema does not allow: a top-level key that is not snake_case, a
     * nested key that is not plain text, or a value that is not a JSON number, string, boolean, array, list or map.
     */
    private static void checkDetails(String id, String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!(path.isEmpty() ? KEY : NESTED_KEY).matcher(key).matches()) {
                    throw new IllegalArgumentException(id + ": detail key '" + path + key + "' is not "
                            + (path.isEmpty() ? "snake_case" : "plain text"));
                }
                checkDetails(id, path + key + ".", e.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                checkDetails(id, path, o);
            }
        } else if (value instanceof Object[] array) {
            checkDetails(id, path, java.util.Arrays.asList(array));
        } else if (!(value instanceof Number || value instanceof String || value instanceof Boolean
                || value instanceof double[] || value instanceof int[] || value instanceof long[])) {
            throw new IllegalArgumentException(id + ": detail '" + path + "' is a "
                    + (value == null ? "null" : value.getClass().getSimpleName()) + ", not a JSON value");
        }
    }

    /** A builder for the result of claim {@code id} stated as {@code statement}. */
    public static Builder builder(String id, String statement) {
        return new Builder(id, statement);
    }

    /**
     * The result of a claim whose code threw (listing its cells, computing one, or reducing them): it does not hold,
     * and {@link #error()} is {@code message}. Such a claim is a bug, not a refuted prediction.
     */
    public static ClaimResult error(String id, String statement, String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("the error of claim '" + id + "' needs a message");
        }
        Builder b = builder(id, statement)
                .prediction(Prediction.band(-Double.MAX_VALUE, Double.MAX_VALUE, "(not evaluated)"))
                .measured(Measurement.exact(Double.NaN, "not evaluated: internal error: " + message))
                .tolerance(Tolerance.none("(not evaluated)"))
                .rationale("The claim's code failed, so the claim is not evaluated.")
                .holds(false);
        b.error = message;
        return b.build();
    }

    /** Why the claim could not be evaluated (see {@link #error(String, String, String)}), or null when it was. */
    public String error() {
        return error;
    }

    /** The claim id. */
    public String id() {
        return id;
    }

    /** The claim in one sentence. */
    public String statement() {
        return statement;
    }

    /** The prediction and the direction of the check. */
    public Prediction prediction() {
        return prediction;
    }

    /** The measured statistic. */
    public Measurement measured() {
        return measured;
    }

    /** The accepted deviation and its derivation. */
    public Tolerance tolerance() {
        return tolerance;
    }

    /** Why the tolerance is what it is (standard errors, floating-point bounds), one paragraph. */
    public String rationale() {
        return rationale;
    }

    /** The verdict: the claim's own check passed and every negative control was rejected. */
    public boolean holds() {
        return holds;
    }

    /** The negative controls, in the order they ran. */
    public List<Control> controls() {
        return controls;
    }

    /**
     * One negative control: a deliberately wrong variant run through the claim's own check.
     *
     * @param variant  what is wrong, e.g. {@code first step without weight decay (W¹ = W⁰ − η₁∇)}
     * @param rejected whether the check rejected it (it must)
     * @param measured what the check measured on it, in the same terms as the claim's measurement
     */
    public record Control(String variant, boolean rejected, Measurement measured) implements java.io.Serializable {
        /** Validates the fields. */
        public Control {
            if (variant == null || variant.isBlank() || measured == null) {
                throw new IllegalArgumentException("a control names its variant and what was measured on it");
            }
        }
    }

    /** Machine-readable numbers and configuration (see the class comment); insertion order is kept. */
    public Map<String, Object> details() {
        return details;
    }

    /** The tables of every sweep, one row per run. */
    public List<Sweep> sweeps() {
        return sweeps;
    }

    /** The figures. */
    public List<PlotSpec> plots() {
        return plots;
    }

    /** Collects the fields of a {@link ClaimResult}; prediction, measurement, tolerance, rationale and verdict are required. */
    public static final class Builder {
        private final String id;
        private final String statement;
        private Prediction prediction;
        private Measurement measured;
        private Tolerance tolerance;
        private String rationale;
        private Boolean holds;
        private final List<Control> controls = new ArrayList<>();
        private Map<String, Object> details = Map.of();
        private final List<Sweep> sweeps = new ArrayList<>();
        private final List<PlotSpec> plots = new ArrayList<>();
        private String error;

        private Builder(String id, String statement) {
            if (id == null || id.isBlank() || statement == null || statement.isBlank()) {
                throw new IllegalArgumentException("a claim result needs its id and statement");
            }
            this.id = id;
            this.statement = statement;
        }

        /** The prediction. */
        public Builder prediction(Prediction value) {
            prediction = value;
            return this;
        }

        /** The measurement. */
        public Builder measured(Measurement value) {
            measured = value;
            return this;
        }

        /** The accepted deviation. */
        public Builder tolerance(Tolerance value) {
            tolerance = value;
            return this;
        }

        /** Why the tolerance is what it is. */
        public Builder rationale(String text) {
            rationale = text;
            return this;
        }

        /** The verdict. */
        public Builder holds(boolean verdict) {
            holds = verdict;
            return this;
        }

        /** Adds a negative control: {@code variant} must be {@code rejected} for the claim to hold. */
        public Builder control(String variant, boolean rejected, Measurement measuredOnIt) {
            controls.add(new Control(variant, rejected, measuredOnIt));
            return this;
        }

        /** Machine-readable details (copied at {@link #build}). */
        public Builder details(Map<String, Object> values) {
            details = values;
            return this;
        }

        /**
         * Machine-readable details as a typed record: each component is a detail, named in snake_case after the
         * component ({@code nOverD2} is {@code n_over_d2}), in declaration order ({@link Details#of}).
         */
        public Builder details(Record values) {
            return details(Details.of(values));
        }

        /** The sweep tables (appended). */
        public Builder sweeps(List<Sweep> tables) {
            sweeps.addAll(tables);
            return this;
        }

        /** The figures (appended). */
        public Builder plots(List<PlotSpec> figures) {
            plots.addAll(figures);
            return this;
        }

        /** The immutable result. */
        public ClaimResult build() {
            return new ClaimResult(this);
        }
    }
}
