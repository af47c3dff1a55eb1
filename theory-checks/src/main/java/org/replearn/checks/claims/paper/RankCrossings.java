package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.SampleComplexityRankClaim.ID;
import static org.replearn.checks.claims.paper.SampleComplexityRankClaim.RANKS;
import static org.replearn.checks.claims.paper.SampleComplexityRankClaim.RATIOS;
import static org.replearn.checks.claims.paper.SampleComplexityRankClaim.REPORTED_EPSILONS;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk.SizePoint;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Grids;

/**
 * The statistic of {@link SampleComplexityRankClaim} over its (replicate, r) cells: {@code r[s][i]}, the crossings
 * {@code nStar[e][s][i]} of the best-head curves at each reported ε (the judged one last; NaN where not bracketed,
 * {@link Grids#crossing}), the outcome of each judged crossing, the oracle floors and the
 * head share (fitted head's error over the best head's) at each curve's last point, with the curve table and the
 * crossing table.
 */
record RankCrossings(double[][] r, double[][][] nStar, List<Grids.Crossing> judgedOutcomes, double[][] floors,
        double[][] headShare, Sweep sweep, Sweep table) {
    /** Gathers the replicates {@code results} (replicate-major, as the claim's cells) at dimension d. */
    static RankCrossings of(List<SampleComplexityRankClaim.Replicate> results, int d, int replicates) {
        Sweep.Builder sweep = Sweep.table(ID, "r", "replicate", "n", "n_over_d2", "best_head_error", "alignment");
        Sweep.Builder table = Sweep.table(ID + "-crossings", "r", "replicate", "n_star", "n_star_over_d2",
                "oracle_floor", "fitted_head_error", "best_head_error_at_fit", "head_share", "crossing");
        List<Grids.Crossing> outcomes = new ArrayList<>();
        double[][] x = new double[replicates][RANKS.length];
        double[][][] nStar = new double[REPORTED_EPSILONS.length][replicates][RANKS.length];
        double[][] floors = new double[replicates][RANKS.length];
        double[][] headShare = new double[replicates][RANKS.length];
        for (int s = 0; s < replicates; s++) {
            for (int ri = 0; ri < RANKS.length; ri++) {
                SampleComplexityRankClaim.Replicate rep = results.get(s * RANKS.length + ri);
                List<SizePoint> points = rep.points();
                GridWalk.rows(sweep, RANKS[ri], s, points, RATIOS);
                x[s][ri] = RANKS[ri];
                Grids.Crossing c = null;
                for (int e = 0; e < REPORTED_EPSILONS.length; e++) {
                    c = GridWalk.crossingOf(points, REPORTED_EPSILONS[e]);
                    nStar[e][s][ri] = c.x();
                }
                outcomes.add(c);
                double judged = c.x();
                floors[s][ri] = rep.floor();
                double best = points.get(points.size() - 1).error();
                headShare[s][ri] = rep.fitted() - best;
                table.row(RANKS[ri], s, judged, judged / ((double) d * d), floors[s][ri], rep.fitted(), best,
                        rep.fitted() - best, c.kind().name().toLowerCase());
            }
        }
        return new RankCrossings(x, nStar, outcomes, floors, headShare, sweep.build(), table.build());
    }

    /** The measured text: the exponent (or why there is none), {@code n* / d²} per r, the largest head share. */
    String measuredText(Exponents.SeedSlope fit, int d, int replicates, double eps) {
        return fit == null ? "no crossing of best-head error ε = " + eps + " on n/d² in [" + Format.fmt(RATIOS[0])
                + ", " + Format.fmt(RATIOS[RATIOS.length - 1]) + "]: " + Grids.Crossing.unmeasured(judgedOutcomes)
                : Exponents.describe(fit, "n* ∝ r^", replicates, "; n*/d² (geometric mean) " + Arrays.toString(
                        Format.round2(Exponents.geometricMeans(judged(), d * d))) + " at r = " + Arrays.toString(RANKS)
                        + "; head share at the crossing ≤ " + Format.fmt(maxHeadShare()));
    }

    /** The crossings at the judged ε, {@code [s][i]}. */
    double[][] judged() {
        return nStar[REPORTED_EPSILONS.length - 1];
    }

    /** The exponent at each reported ε, or a note where some replicate did not cross it. */
    Map<String, Object> byEpsilon() {
        Map<String, Object> byEpsilon = new LinkedHashMap<>();
        for (int e = 0; e < REPORTED_EPSILONS.length; e++) {
            byEpsilon.put("eps" + REPORTED_EPSILONS[e], Exponents.brief(Exponents.seedSlopeIfComplete(r,
                    nStar[e]), "not reached on the grid by some replicate"));
        }
        return byEpsilon;
    }

    /** The mean over replicates of the oracle floor at the largest rank. */
    double meanFloorAtRMax() {
        double mean = 0;
        for (double[] row : floors) {
            mean += row[RANKS.length - 1] / floors.length;
        }
        return mean;
    }

    /** The largest head share over every cell. */
    double maxHeadShare() {
        return Arrays.stream(headShare).flatMapToDouble(Arrays::stream).max().orElse(Double.NEGATIVE_INFINITY);
    }

    /**
     * The details of {@code sample-complexity-r}.
     *
     * @param target                      the link's spec
     * @param width                       m
     * @param d                           the dimension
     * @param r                           the ranks
     * @param epsilon                     the judged best-head error level ε
     * @param replicates                  replicates per r
     * @param nOverD2                     the grid of {@code n/d²}
     * @param nStar                       each replicate's crossing {@code n*[s][i]} of ε at {@code r[i]}
     * @param exponent                    the fitted exponent of {@code n* ∝ r^γ}
     * @param exponentByEpsilon           the exponent at each reported ε ({@code "eps<ε>"}), or why there is none
     * @param oracleFloor                 the best head's error on the oracle layer {@code W¹UᵀU}, {@code [s][i]}
     * @param oracleFloorMeanAtRMax       its mean over replicates at {@code r_max}
     * @param floorAllowance              the allowance {@link Exponents#floorAllowance} of that floor
     * @param headShareAtCrossing         the fitted head's error minus the best head's at each curve's last point
     * @param levelLogRatio               {@code log((1 − A)/(1 − A_pred))} per cell at {@code n = d²}
     * @param levelMean                   its mean
     * @param levelStandardError          its standard error over the cells
     * @param randomFeaturesBestHeadError the control's best-head error
     */
    record Details(String target, int width, int d, int[] r, double epsilon, int replicates, double[] nOverD2,
            double[][] nStar, @JsonUnwrapped Exponents.Fit exponent, Map<String, Object> exponentByEpsilon,
            double[][] oracleFloor, @JsonProperty("oracle_floor_mean_at_r_max") double oracleFloorMeanAtRMax,
            double floorAllowance, double[][] headShareAtCrossing, double[] levelLogRatio, double levelMean,
            double levelStandardError, double randomFeaturesBestHeadError) {
    }
}
