package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.SampleComplexityKappaClaim.ID;
import static org.replearn.checks.claims.paper.SampleComplexityKappaClaim.KAPPAS;
import static org.replearn.checks.claims.paper.SampleComplexityKappaClaim.RATIOS;
import static org.replearn.checks.claims.paper.SampleComplexityKappaClaim.RHO;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.LevelLine;

/**
 * The statistic of {@link SampleComplexityKappaClaim} over its (replicate, κ) cells: {@code kappa2[s][k] = κ_k²}, the
 * crossings {@code nWeak[s][k]} of ρ by the weak-direction excess (NaN where not bracketed, {@link Grids#crossing}),
 * their outcomes, the weak eigenvalue per κ and the population
 * floors, with the curve table, the crossing table and the mean curves per κ (± 2 SE) as figure series.
 */
record KappaCrossings(double[][] kappa2, double[][] nWeak, List<Grids.Crossing> outcomes, double[] weakEigen,
        double[][] floors, Sweep sweep, Sweep crossings, List<PlotSpec.Series> series) {
    /** Gathers the curves {@code results} (replicate-major, as the claim's cells) at dimension d. */
    static KappaCrossings of(List<SampleComplexityKappaClaim.Curve> results, int d, int replicates) {
        Sweep.Builder sweep = Sweep.table(ID, "replicate", "kappa", "weak_eigenvalue", "n", "n_over_d2",
                "weak_representation_error", "weak_oracle_error", "weak_excess", "best_head_error");
        Sweep.Builder crossings = Sweep.table(ID + "-crossings", "replicate", "kappa", "n_weak_star",
                "n_weak_star_over_d2", "n_weak_star_over_d2_kappa2", "population_floor", "crossing");
        List<Grids.Crossing> outcomes = new ArrayList<>();
        double[][] x = new double[replicates][KAPPAS.length];
        double[][] nWeak = new double[replicates][KAPPAS.length];
        double[] weakEigen = new double[KAPPAS.length];
        double[][] floors = new double[replicates][KAPPAS.length];
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int s = 0; s < replicates; s++) {
            for (int k = 0; k < KAPPAS.length; k++) {
                double kappa = KAPPAS[k];
                SampleComplexityKappaClaim.Curve curve = results.get(s * KAPPAS.length + k);
                List<SampleComplexityKappaClaim.Point> points = curve.points();
                weakEigen[k] = curve.weakEigenvalue();
                for (int i = 0; i < points.size(); i++) {
                    SampleComplexityKappaClaim.Point p = points.get(i);
                    sweep.row(s, kappa, weakEigen[k], p.n(), RATIOS[i], p.learned(), p.learned() - p.excess(),
                            p.excess(), p.bestHead());
                }
                floors[s][k] = curve.floor();
                x[s][k] = kappa * kappa;
                Grids.Crossing c = GridWalk.crossingOf(points, RHO);
                outcomes.add(c);
                nWeak[s][k] = c.x();
                crossings.row(s, kappa, nWeak[s][k], nWeak[s][k] / ((double) d * d), nWeak[s][k] / ((double) d * d
                        * kappa * kappa), floors[s][k], c.kind().name().toLowerCase());
            }
        }
        for (int k = 0; k < KAPPAS.length; k++) {
            series.add(meanCurve(results, k, replicates));
        }
        return new KappaCrossings(x, nWeak, outcomes, weakEigen, floors, sweep.build(), crossings.build(), series);
    }

    /**
     * The mean excess over the replicates at κ = {@code KAPPAS[k]} with ± 2 SE, on the grid points every replicate
     * walked, up to the first whose mean is not positive (the figure's y axis is logarithmic).
     */
    private static PlotSpec.Series meanCurve(List<SampleComplexityKappaClaim.Curve> results, int k, int replicates) {
        double[][] excess = new double[replicates][];
        int common = Integer.MAX_VALUE;
        for (int s = 0; s < replicates; s++) {
            excess[s] = GridWalk.errors(results.get(s * KAPPAS.length + k).points());
            common = Math.min(common, excess[s].length);
        }
        int positive = 0;
        while (positive < common && sumAt(excess, positive) > 0) {
            positive++;
        }
        for (int s = 0; s < replicates; s++) {
            excess[s] = Arrays.copyOf(excess[s], Math.max(positive, 1));
        }
        return PlotSpec.Series.replicateMeans("κ = " + Format.fmt(KAPPAS[k]), Arrays.copyOf(RATIOS, excess[0].length),
                excess,
                PlotSpec.Style.LINE_POINTS);
    }

    private static double sumAt(double[][] values, int i) {
        double sum = 0;
        for (double[] v : values) {
            sum += v[i];
        }
        return sum;
    }

    /** The mean excess against {@code n/d²} per κ with ± 2 SE, and the level ρ over the walked range. */
    PlotSpec plot(int d, int width) {
        List<PlotSpec.Series> all = new ArrayList<>(series);
        double right = RATIOS[0];
        for (PlotSpec.Series s : series) {
            right = Math.max(right, s.x()[s.x().length - 1]);
        }
        all.add(LevelLine.of("ρ = " + RHO, RATIOS[0], right, RHO));
        return new PlotSpec(ID, "Weak-direction excess vs n/d² (d = " + d + ", m = " + width + ")",
                "n / d²", "best-head excess for h₂(u₂·x) over the oracle layer", true, true, all, List.of());
    }

    /**
     * The claim's details.
     *
     * @param d                               the dimension
     * @param width                           m
     * @param kappa                           the condition numbers κ
     * @param weakEigenvalue                  the weak eigenvalue {@code λ_w} of the target's Hessian, per κ
     * @param rho                             the excess level ρ whose crossing {@code n_w*} is fitted
     * @param exponentBound                   the bound on the exponent in κ²
     * @param replicates                      replicates per κ
     * @param nWeakStar                       each replicate's crossing {@code n_w*[s][k]} at {@code κ_k}
     * @param exponent                        the fitted exponent of {@code n_w* ∝ (κ²)^γ}
     * @param controlWeakRepresentationError  the control's smallest excess over the replicates
     * @param populationFloor                 the excess's population floor {@code [s][k]}
     * @param levelNOverD2                    the grid point {@code n/d²} of the level
     * @param levelLogRatio                   {@code log((1 − A)/(1 − A_pred))} per cell (replicate-major) there
     * @param levelMean                       its mean
     * @param levelStandardError              its standard error over the replicates
     */
    record Details(int d, int width, double[] kappa, double[] weakEigenvalue, double rho, double exponentBound,
            int replicates, double[][] nWeakStar, @JsonUnwrapped Exponents.Fit exponent,
            double controlWeakRepresentationError, double[][] populationFloor, double levelNOverD2,
            double[] levelLogRatio, double levelMean, double levelStandardError) {
    }

    /** The claim's details, with the exponent's fit, the control's excess and the level at {@code n = levelRatio·d²}. */
    Details details(int d, int width, double exponentBound, Exponents.SeedSlope fit, double controlMin,
            double levelRatio, AlignmentLevel level) {
        return new Details(d, width, KAPPAS, weakEigen, RHO, exponentBound, nWeak.length, nWeak, Exponents.Fit.of(fit),
                controlMin, floors, levelRatio, level.logRatio(), level.mean(), level.se());
    }

    /** The largest population floor at the largest κ over the replicates. */
    double maxFloorAtKappaMax() {
        return Arrays.stream(floors).mapToDouble(row -> row[KAPPAS.length - 1]).max()
                .orElse(Double.NEGATIVE_INFINITY);
    }
}
