package org.replearn.checks.claims.stats;

import org.replearn.checks.claims.api.PlotSpec;

/** The dashed horizontal line of a level (ε, ρ, a plateau) across a figure. */
public final class LevelLine {
    private LevelLine() {
    }

    /** The dashed series {@code label} at height {@code level} from {@code x = from} to {@code x = to}. */
    public static PlotSpec.Series of(String label, double from, double to, double level) {
        return new PlotSpec.Series(label, new double[] {from, to}, new double[] {level, level}, PlotSpec.Style.DASHED);
    }
}
