package org.replearn.checks.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.paper.Claims;
import org.replearn.checks.claims.api.Scale;
import picocli.CommandLine.Option;

/**
 * The options that choose what runs, shared by {@code reproduce} and {@code sweep} (a picocli mixin): {@code --scale},
 * {@code --seed}, {@code --only}; and what both record of them in {@code config.json}.
 */
public final class ClaimSelection {
    @Option(names = "--scale", paramLabel = "quick|full|paper|cluster", defaultValue = "quick",
            converter = ScaleConverter.class, description = "quick (about 6 min on 2 cores), full (larger d, more"
                    + " seeds), paper (a sweep's sizes: see 'replearn sweep') or cluster (d to 1024, 16 replicates:"
                    + " price it with 'replearn sweep --dry-run') (default: ${DEFAULT-VALUE})")
    Scale scale;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2206", description = "master seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "run only these claims (comma-separated ids)")
    List<String> only;

    /** The chosen scale. */
    public Scale scale() {
        return scale;
    }

    /** The master seed. */
    public long seed() {
        return seed;
    }

    /** The claims {@code --only} names, in report order, or all; an unknown id is an {@link IllegalArgumentException}. */
    public List<Claim<?, ?>> claims() {
        return only == null ? Claims.all() : Claims.select(only);
    }

    /** The command line that reruns this selection, e.g. {@code ./replearn reproduce --scale quick --seed 2206}. */
    public String command(String subcommand, List<Claim<?, ?>> claims) {
        StringBuilder sb = new StringBuilder("./replearn ").append(subcommand).append(" --scale ").append(scale.label())
                .append(" --seed ").append(seed);
        if (only != null) {
            sb.append(" --only ");
            for (int i = 0; i < claims.size(); i++) {
                sb.append(i > 0 ? "," : "").append(claims.get(i).id());
            }
        }
        return sb.toString();
    }

    /**
     * {@code config.json}'s content: scale and seed, then {@code run} (what the command adds: threads, master, ...),
     * then the claims and the seed derivation (the JVM is in the run metadata).
     */
    public Map<String, Object> configuration(List<Claim<?, ?>> claims, Map<String, Object> run) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scale", scale.label());
        c.put("seed", seed);
        c.putAll(run);
        List<String> ids = new ArrayList<>();
        for (Claim<?, ?> claim : claims) {
            ids.add(claim.id());
        }
        c.put("claims", ids);
        c.put("seed_derivation", "claim seeds = new Seeds(seed).child(claimId.hashCode())");
        c.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return c;
    }
}
