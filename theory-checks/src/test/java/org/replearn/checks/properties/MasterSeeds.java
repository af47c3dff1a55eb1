package org.replearn.checks.properties;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;

/**
 * The documented master seeds every claim property runs, each exactly once (use with
 * {@code @Property(generation = GenerationMode.EXHAUSTIVE)} and {@code @ForAll(supplier = MasterSeeds.class)}):
 * seeds 0, 1 and 2, at quick scale in the fast tier and at full scale under {@code -Pfull} ({@link ClaimRuns}). The
 * stability requirement (every claim holds for at least 9 of the master seeds 0–9 at quick scale, and for 0–2 at full
 * scale) is checked by running {@code replearn reproduce --seed S} over those seeds (README); a fixed set keeps CI
 * reproducible, and three seeds keep one lucky seed from passing for evidence.
 */
public final class MasterSeeds implements ArbitrarySupplier<Long> {
    /** The seeds, in order. */
    static final long[] SEEDS = {0, 1, 2};

    @Override
    public Arbitrary<Long> get() {
        return Arbitraries.of(Arrays.stream(SEEDS).boxed().toList());
    }
}
