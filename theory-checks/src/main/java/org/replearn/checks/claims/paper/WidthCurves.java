package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.WidthClaim.COMMON;
import static org.replearn.checks.claims.paper.WidthClaim.EPSILON;
import static org.replearn.checks.claims.paper.WidthClaim.FIXED_STEP_SAMPLES;
import static org.replearn.checks.claims.paper.WidthClaim.ID;
import static org.replearn.checks.claims.paper.WidthClaim.LIMIT_SHARE;
import static org.replearn.checks.claims.paper.WidthClaim.NOISE;
import static org.replearn.checks.claims.paper.WidthClaim.N_OVER_D2;

import java.util.Arrays;
import java.util.List;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Intervals;

/**
 * The statistics of {@link WidthClaim} over its (d, replicate) cells: per cell, the noisy-label errors {@code E(m, n)}
 * and width-limited shares {@code E*(m)/E(m, n)} at the common widths; the noiseless crossings {@code m*(ε)} by
 * replicate and d, and the fixed-budget control's; the smallest random-feature floor; and the table of every fit
 * (the control's rows: n its first step's samples, best head only).
 */
final class WidthCurves {
    private WidthCurves() {
    }

    /** Gathers the cells {@code results} (d-major, as the claim's cells). */
    static Gathered gather(List<WidthClaim.Curves> results, int[] dims, int replicates) {
        Sweep.Builder sweep = Sweep.table(ID, "d", "replicate", "n", "noise_variance", "m", "network_error",
                "best_head_error", "width_limited_share", "random_features_floor");
        int cells = dims.length * replicates;
        double[][] error = new double[cells][COMMON];
        double[][] share = new double[cells][COMMON];
        double[][] x = new double[replicates][dims.length];
        double[][] mStar = new double[replicates][dims.length];
        double[][] mStarFixed = new double[replicates][dims.length];
        double[] randomMin = new double[cells];
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            long n = Math.round(N_OVER_D2 * d * d);
            for (int s = 0; s < replicates; s++) {
                int cell = di * replicates + s;
                WidthClaim.Curves c = results.get(cell);
                for (int i = 0; i < COMMON; i++) {
                    WidthClaim.Width w = c.noisy().get(i);
                    error[cell][i] = w.error();
                    share[cell][i] = w.bestHead() / w.error();
                    sweep.row(d, s, n, NOISE, w.m(), w.error(), w.bestHead(), share[cell][i], "");
                }
                randomMin[cell] = c.clean().stream().mapToDouble(WidthClaim.Width::randomFloor).min()
                        .orElse(Double.NaN);
                for (WidthClaim.Width w : c.clean()) {
                    sweep.row(d, s, n, 0.0, w.m(), w.error(), w.bestHead(), w.bestHead() / w.error(), w.randomFloor());
                }
                for (WidthClaim.Width w : c.fixedStep()) {
                    sweep.row(d, s, FIXED_STEP_SAMPLES, 0.0, w.m(), "", w.bestHead(), "", "");
                }
                x[s][di] = d;
                mStar[s][di] = crossing(c.clean());
                mStarFixed[s][di] = crossing(c.fixedStep());
            }
        }
        return new Gathered(error, share, x, mStar, mStarFixed, Arrays.stream(randomMin).min().orElse(Double.NaN),
                sweep.build());
    }

    /** Where the walked widths first reach ε; NaN if never, or already at the first width (not a measurement). */
    private static double crossing(List<WidthClaim.Width> walk) {
        return GridWalk.crossingOf(walk, EPSILON).x();
    }

    /**
     * The cells gathered: errors {@code error[c][i]} and shares {@code share[c][i]} of cell c at common width i, the
     * crossings {@code mStar[s][j]} at {@code d[s][j]} (NaN: not reached, or already at the first width), those of
     * the fixed-budget control's best heads, the smallest random-feature floor and the table.
     */
    record Gathered(double[][] error, double[][] share, double[][] d, double[][] mStar, double[][] mStarFixedStep,
            double randomFloor, Sweep sweep) {
        /** Mean and SE over the cells of {@code E(2m, n) − E(m, n)}, for each pair of consecutive common widths. */
        double[][] pairedChanges() {
            double[][] change = new double[COMMON - 1][];
            for (int i = 0; i + 1 < COMMON; i++) {
                double[] diff = new double[error.length];
                for (int c = 0; c < error.length; c++) {
                    diff[c] = error[c][i + 1] - error[c][i];
                }
                change[i] = Intervals.meanAndStandardError(diff);
            }
            return change;
        }

        /** Mean and SE over the cells of the width-limited share at common width i. */
        double[] shareAt(int i) {
            return Intervals.meanAndStandardError(column(share, i));
        }

        /** The measured law of the mean noisy-label error. */
        Law law() {
            double[] meanError = new double[COMMON];
            double[] widths = new double[COMMON];
            for (int i = 0; i < COMMON; i++) {
                meanError[i] = Intervals.meanAndStandardError(column(error, i))[0];
                widths[i] = WidthClaim.width(i);
            }
            int points = 0;
            while (points < COMMON && Intervals.meanAndStandardError(column(share, points))[0] > LIMIT_SHARE) {
                points++;
            }
            return new Law(widths, meanError, points, points >= 2
                    ? -Exponents.powerLaw(Arrays.copyOf(widths, points), Arrays.copyOf(meanError, points)).slope()
                    : Double.NaN);
        }
    }

    /**
     * The measured law {@code E ∝ m^{-γ}} of the mean noisy-label error over the leading common widths where the mean
     * width-limited share is above 1/2 ({@code points} of them; γ NaN below two).
     */
    record Law(double[] widths, double[] meanError, int points, double gamma) {
    }

    /** Column j of {@code rows}. */
    static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }
}
