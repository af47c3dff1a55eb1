package org.replearn.checks.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one claim: what was predicted, what was measured, the tolerance and why it is what it is, the
 * verdict, and the raw material (sweeps, plots, free-form details) the report is made of.
 *
 * @param id        the claim id
 * @param statement the claim in one sentence
 * @param predicted the prediction, human-readable (e.g. {@code slope -0.5})
 * @param measured  the measurement, human-readable (e.g. {@code slope -0.49})
 * @param tolerance the accepted deviation, human-readable (e.g. {@code ±0.1})
 * @param rationale why the tolerance is what it is (standard errors, floating-point bounds), one paragraph
 * @param holds     the verdict
 * @param details   machine-readable numbers and configuration (JSON-serializable values: numbers, strings,
 *                  booleans, arrays, lists and maps of those); must include every parameter needed to rerun
 * @param sweeps    the tables of every sweep, one row per run
 * @param plots     the figures
 */
public record ClaimResult(String id, String statement, String predicted, String measured, String tolerance,
        String rationale, boolean holds, Map<String, Object> details, List<Sweep> sweeps, List<PlotSpec> plots) {

    /** Validates the text fields and freezes the collections (insertion order of {@code details} kept). */
    public ClaimResult {
        for (String[] f : new String[][] {{"id", id}, {"statement", statement}, {"predicted", predicted},
                {"measured", measured}, {"tolerance", tolerance}, {"rationale", rationale}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException("ClaimResult." + f[0] + " is empty: every claim states it");
            }
        }
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        sweeps = List.copyOf(sweeps);
        plots = List.copyOf(plots);
    }
}
