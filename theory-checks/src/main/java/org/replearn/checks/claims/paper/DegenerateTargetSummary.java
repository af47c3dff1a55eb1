package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.DegenerateTargetClaim.CONTROL_TARGET;
import static org.replearn.checks.claims.paper.DegenerateTargetClaim.ERROR_MAX_D;
import static org.replearn.checks.claims.paper.DegenerateTargetClaim.ERROR_REPLICATES;
import static org.replearn.checks.claims.paper.DegenerateTargetClaim.RATIO;
import static org.replearn.checks.claims.paper.DegenerateTargetClaim.TARGET;
import static org.replearn.checks.claims.paper.DegenerateTargetClaim.WIDTH;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

/**
 * The statistics of {@link DegenerateTargetClaim} over its (replicate, d) cells: per-replicate grids
 * {@code [rep][d]}, per-d means, the d-exponent check and the reported errors, details and plots.
 */
final class DegenerateTargetSummary {
    private final int[] dims;
    private final int replicates;
    private final ReplicateGrid layout;
    private final List<DegenerateTargetClaim.Alignments> results;

    /** The summary of {@code results}, ordered replicate-major as the claim's cells. */
    DegenerateTargetSummary(int[] dims, int replicates, List<DegenerateTargetClaim.Alignments> results) {
        this.dims = dims;
        this.replicates = replicates;
        this.layout = new ReplicateGrid(replicates, dims);
        this.results = results;
    }

    /** The d-exponent of one set of alignments (judged) and their ratio to the first-order prediction (reported). */
    record Check(double[] ratio, Exponents.SeedSlope slope) {
        boolean falls() {
            return slope.slope() + slope.halfWidth() < 0;
        }

        String describe() {
            return "d-exponent of A " + Format.fmt(slope.slope()) + " ± " + Format.fmt(slope.halfWidth())
                    + (falls() ? " (falls: no recovery)" : " (does not fall: recovery)") + "; A/A_pred "
                    + Format.fmt(ratio[0]) + " (SE " + Format.fmt(ratio[1]) + ")";
        }
    }

    /** The check of the alignments {@code a} against their predictions {@code predicted}. */
    Check check(ToDoubleFunction<DegenerateTargetClaim.Alignments> a,
            ToDoubleFunction<DegenerateTargetClaim.Alignments> predicted) {
        return new Check(Intervals.meanAndStandardError(ratios(a, predicted)), Exponents.seedSlope(layout.dx(), grid(a)));
    }

    /** The level check of the alignments {@code a} against the first-order prediction of the learned layer. */
    DegenerateTargetLevel level(ToDoubleFunction<DegenerateTargetClaim.Alignments> a) {
        return DegenerateTargetLevel.of(grid(a), grid(DegenerateTargetClaim.Alignments::predicted), dims, RATIO);
    }

    /** {@code a/predicted} per cell, in cell order. */
    private double[] ratios(ToDoubleFunction<DegenerateTargetClaim.Alignments> a,
            ToDoubleFunction<DegenerateTargetClaim.Alignments> predicted) {
        double[] out = new double[results.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = a.applyAsDouble(results.get(c)) / predicted.applyAsDouble(results.get(c));
        }
        return out;
    }

    /** d per (replicate, d). */
    double[][] dx() {
        return layout.dx();
    }

    /** {@code field} per (replicate, d). */
    double[][] grid(ToDoubleFunction<DegenerateTargetClaim.Alignments> field) {
        return layout.table(results, field);
    }

    /** The mean of {@code field} over replicates, per d. */
    double[] mean(ToDoubleFunction<DegenerateTargetClaim.Alignments> field) {
        double[][] g = grid(field);
        double[] out = new double[dims.length];
        for (int di = 0; di < dims.length; di++) {
            for (int rep = 0; rep < replicates; rep++) {
                out[di] += g[rep][di] / replicates;
            }
        }
        return out;
    }

    /** {@code v[i]·d_i}. */
    double[] timesD(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * (double) dims[i];
        }
        return out;
    }

    /**
     * Mean and standard error over the first {@code reps} replicates of {@code field} (times d if {@code timesD}),
     * per d, as {@code {means, standard errors}}.
     */
    private double[][] meanAndStandardError(ToDoubleFunction<DegenerateTargetClaim.Alignments> field, boolean timesD,
            int reps) {
        double[][] g = grid(field);
        double[][] out = new double[2][dims.length];
        for (int di = 0; di < dims.length; di++) {
            double[] v = new double[reps];
            for (int rep = 0; rep < reps; rep++) {
                v[rep] = timesD ? g[rep][di] * dims[di] : g[rep][di];
            }
            double[] ms = Intervals.meanAndStandardError(v);
            out[0][di] = ms[0];
            out[1][di] = ms[1];
        }
        return out;
    }

    /** {@code A·d} per d: {@code {means, standard errors}} over replicates. */
    double[][] alignmentTimesD() {
        return meanAndStandardError(DegenerateTargetClaim.Alignments::a, true, replicates);
    }

    /** {@code A/A_pred} per d: {@code [d][{mean, standard error}]}. */
    double[][] ratioByD() {
        double[][] ms = meanAndStandardError(r -> r.a() / r.predicted(), false, replicates);
        double[][] out = new double[dims.length][];
        for (int di = 0; di < dims.length; di++) {
            out[di] = new double[] {ms[0][di], ms[1][di]};
        }
        return out;
    }

    /** {@code {d, network error mean, its standard error, floor mean}} at the d where errors were computed. */
    private double[][] errors() {
        int k = (int) Arrays.stream(dims).filter(d -> d <= ERROR_MAX_D).count();
        double[][] net = meanAndStandardError(DegenerateTargetClaim.Alignments::networkError, false, ERROR_REPLICATES);
        double[][] floor = meanAndStandardError(DegenerateTargetClaim.Alignments::floor, false, ERROR_REPLICATES);
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = dims[i];
        }
        return new double[][] {d, Arrays.copyOf(net[0], k), Arrays.copyOf(net[1], k), Arrays.copyOf(floor[0], k),
            Arrays.copyOf(floor[1], k)};
    }

    private static double[] twice(double[] v) {
        return Arrays.stream(v).map(x -> 2 * x).toArray();
    }

    String errorsText() {
        double[][] e = errors();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < e[0].length; i++) {
            sb.append(i == 0 ? "" : ", ").append("d = ").append((int) e[0][i]).append(": ").append(Format.fmt(e[1][i]))
                    .append(" ± ").append(Format.fmt(e[2][i])).append(" vs ").append(Format.fmt(e[3][i]));
        }
        return sb.toString();
    }

    String ratioByDText() {
        double[][] r = ratioByD();
        StringBuilder sb = new StringBuilder();
        for (int di = 0; di < dims.length; di++) {
            sb.append(di == 0 ? "" : ", ").append("d = ").append(dims[di]).append(": ").append(Format.fmt(r[di][0]))
                    .append(" ± ").append(Format.fmt(r[di][1]));
        }
        return sb.toString();
    }


    /** The details of the sign checks, A_pred's exponent and the level checks of h3, W⁰ and the step without decay. */
    DegenerateTargetDetails details(Check check, Check control, Exponents.SeedSlope predictedSlope,
            DegenerateTargetLevel level, DegenerateTargetLevel frozen, DegenerateTargetLevel noDecay) {
        double[][] k = alignmentTimesD();
        double[][] e = errors();
        double[] allowance = new double[dims.length];
        for (int di = 0; di < dims.length; di++) {
            allowance[di] = DegenerateTargetLevel.allowance(dims[di], RATIO);
        }
        return new DegenerateTargetDetails(TARGET, CONTROL_TARGET, WIDTH, RATIO, dims, replicates,
                grid(DegenerateTargetClaim.Alignments::a), grid(DegenerateTargetClaim.Alignments::predicted),
                level.perReplicate(), level.mean(), level.standardError(), level.critical(), allowance,
                level.allowance(), check.slope().slope(), check.slope().standardError(),
                check.slope().criticalValue(), predictedSlope.slope(), k[0], k[1], e[0], e[1], e[2], e[3], 1.0,
                grid(DegenerateTargetClaim.Alignments::control),
                grid(DegenerateTargetClaim.Alignments::controlPredicted), control.ratio()[0],
                control.slope().slope(), control.slope().standardError(),
                grid(DegenerateTargetClaim.Alignments::noDecay), noDecay.mean(), noDecay.standardError(),
                grid(DegenerateTargetClaim.Alignments::frozen), frozen.mean(), frozen.standardError(), ratioByD());
    }

    /** The alignment against d and the exact errors against d: means with ± 2 SE, controls grey. */
    List<PlotSpec> plots() {
        double[] d = new double[dims.length];
        double[] random = new double[dims.length];
        for (int di = 0; di < dims.length; di++) {
            d[di] = dims[di];
            random[di] = 1.0 / dims[di];
        }
        PlotSpec alignment = new PlotSpec("degenerate-target-alignment", "Alignment A after one step at n = "
                + Format.fmt(RATIO) + "d² (m = " + WIDTH + ", mean of " + replicates + " replicates)", "d",
                "A = ||W¹Uᵀ||² / ||W¹||²", true, true, List.of(
                        PlotSpec.Series.replicateMeans(TARGET + " measured", d,
                                grid(DegenerateTargetClaim.Alignments::a), PlotSpec.Style.LINE_POINTS),
                        new PlotSpec.Series(TARGET + " first-order prediction", d,
                                mean(DegenerateTargetClaim.Alignments::predicted), PlotSpec.Style.DASHED),
                        PlotSpec.Series.replicateMeans("control: " + CONTROL_TARGET, d,
                                grid(DegenerateTargetClaim.Alignments::control), PlotSpec.Style.CONTROL),
                        PlotSpec.Series.replicateMeans("control: " + TARGET + " without weight decay", d,
                                grid(DegenerateTargetClaim.Alignments::noDecay), PlotSpec.Style.CONTROL),
                        PlotSpec.Series.replicateMeans("control: frozen random layer W⁰", d,
                                grid(DegenerateTargetClaim.Alignments::frozen), PlotSpec.Style.CONTROL),
                        new PlotSpec.Series("r/d (no preferred direction)", d, random, PlotSpec.Style.DASHED)),
                List.of());
        double[][] e = errors();
        double[] plateau = new double[e[0].length];
        Arrays.fill(plateau, 1.0);
        PlotSpec error = new PlotSpec("degenerate-target-error", "Exact error on " + TARGET + " at n = "
                + Format.fmt(RATIO) + "d² (mean of " + ERROR_REPLICATES + " replicates)", "d", "exact relative error",
                true, false, List.of(PlotSpec.Series.withErrors("one-step network (± 2 SE)", e[0], e[1], twice(e[2]),
                        PlotSpec.Style.LINE_POINTS),
                        PlotSpec.Series.withErrors("random-features floor (best head, m = " + WIDTH + ", ± 2 SE)", e[0],
                                e[3], twice(e[4]), PlotSpec.Style.LINE_POINTS),
                        new PlotSpec.Series("kernel plateau (energy above degree 2) = 1", e[0], plateau,
                                PlotSpec.Style.DASHED)),
                List.of());
        return List.of(alignment, error);
    }
}
