package org.replearn.checks.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one claim: what was predicted, what was measured, the tolerance and why it is what it is, the
 * verdict, the negative controls (THEORY §7: deliberately wrong variants the same check must reject), and the raw
 * material (sweeps, plots, free-form details) the report is made of. A claim holds only if its own check passes and
 * every control is rejected: a check that cannot fail proves nothing. Immutable; built by {@link #builder} with one
 * named call per field, so two texts can never be swapped by position.
 */
public final class ClaimResult implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String statement;
    private final String predicted;
    private final String measured;
    private final String tolerance;
    private final String rationale;
    private final boolean holds;
    private final List<Control> controls;
    private final Map<String, Object> details;
    private final List<Sweep> sweeps;
    private final List<PlotSpec> plots;

    private ClaimResult(Builder b) {
        String[][] texts = {{"predicted", b.predicted}, {"measured", b.measured}, {"tolerance", b.tolerance},
            {"rationale", b.rationale}};
        for (String[] f : texts) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException("ClaimResult." + f[0] + " of '" + b.id + "' is empty: every claim"
                        + " states it");
            }
        }
        if (b.holds == null) {
            throw new IllegalArgumentException("ClaimResult.holds of '" + b.id + "' is not set: give the verdict");
        }
        id = b.id;
        statement = b.statement;
        predicted = b.predicted;
        measured = b.measured;
        tolerance = b.tolerance;
        rationale = b.rationale;
        controls = List.copyOf(b.controls);
        holds = b.holds && controls.stream().allMatch(Control::rejected);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
        sweeps = List.copyOf(b.sweeps);
        plots = List.copyOf(b.plots);
    }

    /** A builder for the result of claim {@code id} stated as {@code statement}. */
    public static Builder builder(String id, String statement) {
        return new Builder(id, statement);
    }

    /** The claim id. */
    public String id() {
        return id;
    }

    /** The claim in one sentence. */
    public String statement() {
        return statement;
    }

    /** The prediction, human-readable (e.g. {@code slope -0.5}). */
    public String predicted() {
        return predicted;
    }

    /** The measurement, human-readable (e.g. {@code slope -0.49}). */
    public String measured() {
        return measured;
    }

    /** The accepted deviation, human-readable (e.g. {@code ±0.1}). */
    public String tolerance() {
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
     * @param measured what the check measured on it, in the same terms as the claim's {@code measured}
     */
    public record Control(String variant, boolean rejected, String measured) implements java.io.Serializable {
        /** Validates the texts. */
        public Control {
            if (variant == null || variant.isBlank() || measured == null || measured.isBlank()) {
                throw new IllegalArgumentException("a control names its variant and what was measured on it");
            }
        }
    }

    /**
     * Machine-readable numbers and configuration (JSON-serializable values: numbers, strings, booleans, arrays,
     * lists and maps of those); includes every parameter needed to rerun. Insertion order is kept.
     */
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

    /** Collects the fields of a {@link ClaimResult}; every text and the verdict are required. */
    public static final class Builder {
        private final String id;
        private final String statement;
        private String predicted;
        private String measured;
        private String tolerance;
        private String rationale;
        private Boolean holds;
        private final List<Control> controls = new ArrayList<>();
        private Map<String, Object> details = Map.of();
        private final List<Sweep> sweeps = new ArrayList<>();
        private final List<PlotSpec> plots = new ArrayList<>();

        private Builder(String id, String statement) {
            if (id == null || id.isBlank() || statement == null || statement.isBlank()) {
                throw new IllegalArgumentException("a claim result needs its id and statement");
            }
            this.id = id;
            this.statement = statement;
        }

        /** The prediction. */
        public Builder predicted(String text) {
            predicted = text;
            return this;
        }

        /** The measurement. */
        public Builder measured(String text) {
            measured = text;
            return this;
        }

        /** The accepted deviation. */
        public Builder tolerance(String text) {
            tolerance = text;
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
        public Builder control(String variant, boolean rejected, String measured) {
            controls.add(new Control(variant, rejected, measured));
            return this;
        }

        /** Machine-readable details (copied at {@link #build}). */
        public Builder details(Map<String, Object> values) {
            details = values;
            return this;
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
