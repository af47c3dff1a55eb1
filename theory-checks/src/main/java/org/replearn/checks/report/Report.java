package org.replearn.checks.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.ClaimResult;

/**
 * Everything a reproduction run writes: the run's metadata (build, date, JDK, the command that regenerates it), the
 * exact configuration (scale, seed, …), the claim results in order and wall times (the only numbers in the report
 * that a rerun does not reproduce).
 *
 * @param run           version, commit, date, JDK, cores, the command line as typed and the one that regenerates it
 * @param configuration scale, seed, claims, threads, …: JSON-serializable values
 * @param results       one result per claim, in report order
 * @param claimSeconds  wall time per claim id
 * @param totalSeconds  wall time of the whole run
 */
public record Report(RunMetadata run, Map<String, Object> configuration, List<ClaimResult> results,
        Map<String, Double> claimSeconds, double totalSeconds) {
    /** Copies the collections. */
    public Report {
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        results = List.copyOf(results);
        claimSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(claimSeconds));
    }

    /** The command line that regenerates every number. */
    public String command() {
        return run.command();
    }

    /**
     * The run as {@code config.json} (and {@code claims.json}'s {@code run}) records it: the metadata, then the
     * configuration.
     */
    public Map<String, Object> runJson() {
        Map<String, Object> o = new LinkedHashMap<>(run.toJson());
        o.putAll(configuration);
        return o;
    }

    /** True when every claim holds. */
    public boolean allHold() {
        for (ClaimResult r : results) {
            if (!r.holds()) {
                return false;
            }
        }
        return true;
    }
}
