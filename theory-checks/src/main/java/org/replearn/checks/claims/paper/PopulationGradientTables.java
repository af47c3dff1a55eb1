package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.PopulationGradientClaim.LEARNER;
import static org.replearn.checks.claims.paper.PopulationGradientClaim.OFF_BY_ONE;
import static org.replearn.checks.claims.paper.PopulationGradientClaim.RAW_LABELS;

import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Replicate;

/** The tables and the figure of {@link PopulationGradientClaim}, from its replicates. */
final class PopulationGradientTables {
    private PopulationGradientTables() {
    }

    /** The error table (one row per replicate and checkpoint) and the z-score table at the largest n, {@code nMax}. */
    static List<Sweep> sweeps(Replicate[] reps, int d, int neurons, long nMax) {
        Sweep.Builder sweep = Sweep.table("population-gradient-error", "replicate", "d", "neurons", "n",
                "relative_error", "predicted_rms_relative_error", "off_by_one_relative_error",
                "raw_labels_relative_error");
        Sweep.Builder zSweep = Sweep.table("population-gradient-zscores", "replicate", "neuron", "coordinate", "n",
                "measured", "predicted", "standard_error", "z");
        for (int rho = 0; rho < reps.length; rho++) {
            Replicate r = reps[rho];
            for (int i = 0; i < r.n().length; i++) {
                sweep.row(rho, d, neurons, (long) r.n()[i], r.errors()[LEARNER][i], r.predicted()[i],
                        r.errors()[OFF_BY_ONE][i], r.errors()[RAW_LABELS][i]);
            }
            for (int e = 0; e < r.measured().length; e++) {
                zSweep.row(rho, e / d, e % d, nMax, r.measured()[e], r.exact()[e], r.standardError()[e],
                        r.z()[LEARNER][e]);
            }
        }
        return List.of(sweep.build(), zSweep.build());
    }

    /**
     * Geometric mean over replicates of the measured errors (claim and controls, ± 2 SE of the log) and of the
     * predicted RMS error against n, with the {@code n^(-1/2)} line through the measured points.
     */
    static PlotSpec plot(Replicate[] reps, int d) {
        double[] n = reps[0].n();
        int points = n.length;
        int variants = reps[0].errors().length;
        double[][][] byVariant = new double[variants + 1][reps.length][];
        for (int s = 0; s < reps.length; s++) {
            for (int v = 0; v < variants; v++) {
                byVariant[v][s] = reps[s].errors()[v];
            }
            byVariant[variants][s] = reps[s].predicted();
        }
        PlotSpec.Series learner = PlotSpec.Series.geometricMeans("measured (the learner's first step)", n,
                byVariant[LEARNER], PlotSpec.Style.LINE_POINTS);
        double[] predicted = PlotSpec.Series.geometricMeans("predicted", n, byVariant[variants],
                PlotSpec.Style.DASHED).y();
        double c = 0;
        for (int i = 0; i < points; i++) {
            c += Math.log(learner.y()[i] * Math.sqrt(n[i])) / points;
        }
        double[] ref = new double[points];
        for (int i = 0; i < points; i++) {
            ref[i] = Math.exp(c) / Math.sqrt(n[i]);
        }
        List<PlotSpec.Series> series = new ArrayList<>();
        series.add(learner);
        series.add(new PlotSpec.Series("predicted sqrt(Σ Var/n)/||g|| (geometric mean)", n, predicted,
                PlotSpec.Style.DASHED));
        series.add(new PlotSpec.Series("n^(-1/2)", n, ref, PlotSpec.Style.DASHED));
        series.add(PlotSpec.Series.geometricMeans("control: m_k off by one", n, byVariant[OFF_BY_ONE],
                PlotSpec.Style.CONTROL));
        series.add(PlotSpec.Series.geometricMeans("control: first step on raw labels", n, byVariant[RAW_LABELS],
                PlotSpec.Style.CONTROL));
        return new PlotSpec("population-gradient", "The learner's first-step correlation vs the exact one (d = " + d
                + ", geometric mean over " + reps.length + " replicates)", "n (samples)", "relative error ||ĝ - g|| / ||g||", true,
                true, series, List.of());
    }
}
