package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.paper.SubspaceRecoveryClaim.Alignments;

/**
 * The verdict of {@link SubspaceRecoveryClaim} from its replicates: a {@link RatioPoint} per (d, n) and for the mixed
 * target, and per d the slope of {@code ρ = (1 − A)/(1 − A_pred)} against n over the judged points, fitted per
 * replicate ({@code slope(1 − A) − slope(1 − A_pred)}), with the allowance {@code Σ_i |c_i|·(−ln(1 − δ_i))} that
 * the per-point allowances {@code δ_i} permit a least-squares slope with weights {@code c_i} on {@code ln n}.
 *
 * @param dims        the dimensions
 * @param ratios      the {@code n/d²} grid
 * @param judgedFrom  index of the first judged ratio
 * @param points      the points, {@code [d][n]}
 * @param mixed       the mixed target's point
 * @param slopes      per d the per-replicate slope fit of ρ over the judged points
 * @param slopeAllowances per d the slope allowance
 * @param critical    the Student quantile t
 */
record SubspaceRecoveryTable(int[] dims, double[] ratios, int judgedFrom, RatioPoint[][] points, RatioPoint mixed,
        Exponents.SeedSlope[] slopes, double[] slopeAllowances, double critical) {

    /** The table of the replicates {@code main[d][n][replicate]} and {@code mixed[replicate]}. */
    static SubspaceRecoveryTable of(int[] dims, double[] ratios, int judgedFrom, Alignments[][][] main,
            Alignments[] mixed, double t) {
        RatioPoint[][] points = new RatioPoint[dims.length][ratios.length];
        Exponents.SeedSlope[] slopes = new Exponents.SeedSlope[dims.length];
        double[] slopeAllowances = new double[dims.length];
        int count = ratios.length - judgedFrom;
        for (int di = 0; di < dims.length; di++) {
            for (int ri = 0; ri < ratios.length; ri++) {
                points[di][ri] = point(main[di][ri], t);
            }
            int reps = main[di][0].length;
            double[][] x = new double[reps][count];
            double[][] y = new double[reps][count];
            double[] logN = new double[count];
            for (int i = 0; i < count; i++) {
                logN[i] = Math.log(SubspaceRecoveryClaim.n(ratios[judgedFrom + i], dims[di]));
                for (int rep = 0; rep < reps; rep++) {
                    x[rep][i] = Math.exp(logN[i]);
                    y[rep][i] = main[di][judgedFrom + i][rep].ratio();
                }
            }
            slopes[di] = Exponents.seedSlope(x, y);
            double mean = 0;
            double ss = 0;
            for (double v : logN) {
                mean += v / count;
            }
            for (double v : logN) {
                ss += (v - mean) * (v - mean);
            }
            for (int i = 0; i < count; i++) {
                slopeAllowances[di] += Math.abs(logN[i] - mean) / ss
                        * -Math.log(1 - points[di][judgedFrom + i].allowance());
            }
        }
        return new SubspaceRecoveryTable(dims, ratios, judgedFrom, points, point(mixed, t), slopes, slopeAllowances, t);
    }

    private static RatioPoint point(Alignments[] reps, double t) {
        double[] ratio = new double[reps.length];
        double[] allowance = new double[reps.length];
        double[] sd = new double[reps.length];
        for (int i = 0; i < reps.length; i++) {
            ratio[i] = reps[i].ratio();
            allowance[i] = reps[i].allowance();
            sd[i] = reps[i].predictedSd();
        }
        return RatioPoint.of(ratio, allowance, sd, t);
    }

    /** The largest excess {@code |deviation| − halfWidth} over the judged statistics ({@code <= 0}: all agree). */
    double worstExcess() {
        double worst = mixed.deviation() - mixed.halfWidth();
        for (int di = 0; di < dims.length; di++) {
            for (int ri = judgedFrom; ri < ratios.length; ri++) {
                worst = Math.max(worst, points[di][ri].deviation() - points[di][ri].halfWidth());
            }
            worst = Math.max(worst, Math.abs(slopes[di].slope()) - slopeHalfWidth(di));
        }
        return worst;
    }

    /** The judged point (the mixed target's included) whose deviation most exceeds, or least undercuts, its half-width. */
    RatioPoint worstPoint() {
        RatioPoint worst = mixed;
        for (int di = 0; di < dims.length; di++) {
            for (int ri = judgedFrom; ri < ratios.length; ri++) {
                RatioPoint p = points[di][ri];
                if (p.deviation() - p.halfWidth() > worst.deviation() - worst.halfWidth()) {
                    worst = p;
                }
            }
        }
        return worst;
    }

    /** Whether every judged statistic agrees. */
    boolean holds() {
        return worstExcess() <= 0;
    }

    private double slopeHalfWidth(int di) {
        return critical * slopes[di].standardError() + slopeAllowances[di];
    }

    /** One line: the worst point, the mixed point and the slopes. */
    String summary() {
        StringBuilder sb = new StringBuilder("mean ρ = (1−A)/(1−A_pred) at n >= 4d²:");
        for (int di = 0; di < dims.length; di++) {
            for (int ri = judgedFrom; ri < ratios.length; ri++) {
                RatioPoint p = points[di][ri];
                sb.append(" d").append(dims[di]).append("/").append(Format.fmt(ratios[ri])).append("d² ")
                        .append(Format.fmt(p.mean())).append(" ± ").append(Format.fmt(p.halfWidth()));
            }
        }
        sb.append("; mixed target ").append(Format.fmt(mixed.mean())).append(" ± ").append(Format.fmt(mixed.halfWidth()));
        for (int di = 0; di < dims.length; di++) {
            sb.append("; slope of ρ d").append(dims[di]).append(" ").append(Format.fmt(slopes[di].slope()))
                    .append(" ± ").append(Format.fmt(slopeHalfWidth(di)));
        }
        return sb.append("; worst excess over the half-width ").append(Format.fmt(worstExcess())).toString();
    }

    /**
     * The claim's details; tables are {@code [d][n/d²]}.
     *
     * @param target             the main target preset
     * @param mixedTarget        the mixed target's link
     * @param noiseVariance      the label noise σ²
     * @param width              the width m
     * @param replicates         replicates per point
     * @param d                  the dimensions
     * @param nOverD2            the ratios n/d²
     * @param judgedFromNOverD2  the smallest judged n/d²
     * @param criticalValue      the Bonferroni Student quantile t
     * @param ratioMean          mean ρ
     * @param ratioStandardError its standard error
     * @param allowance          the mean derived allowance δ
     * @param ratioSd            the replicates' standard deviation of ρ
     * @param predictedRatioSd   the standard deviation of ρ the allowance's moments predict
     * @param mixedRatioMean     the mixed target's mean ρ (smallest d, largest n)
     * @param mixedRatioStandardError its standard error
     * @param mixedAllowance     its allowance
     * @param slope              per d the mean slope of ρ against n
     * @param slopeStandardError its standard error
     * @param slopeAllowance     its allowance
     * @param controlRatio       ρ of the control (no weight decay)
     * @param worstExcess        the largest |deviation| minus half-width over the judged statistics
     */
    record Details(String target, String mixedTarget, double noiseVariance, int width, int replicates, int[] d,
            double[] nOverD2, double judgedFromNOverD2, double criticalValue, double[][] ratioMean,
            double[][] ratioStandardError, double[][] allowance, double[][] ratioSd, double[][] predictedRatioSd,
            double mixedRatioMean, double mixedRatioStandardError, double mixedAllowance, double[] slope,
            double[] slopeStandardError, double[] slopeAllowance, double controlRatio, double worstExcess) {
    }

    Details details(String target, String mixedTarget, double noise, int width, int reps, double controlRatio) {
        double[][] mean = new double[dims.length][ratios.length];
        double[][] se = new double[dims.length][ratios.length];
        double[][] allowance = new double[dims.length][ratios.length];
        double[][] sd = new double[dims.length][ratios.length];
        double[][] predictedSd = new double[dims.length][ratios.length];
        double[] slope = new double[dims.length];
        double[] slopeSe = new double[dims.length];
        for (int di = 0; di < dims.length; di++) {
            for (int ri = 0; ri < ratios.length; ri++) {
                RatioPoint p = points[di][ri];
                mean[di][ri] = p.mean();
                se[di][ri] = p.se();
                allowance[di][ri] = p.allowance();
                sd[di][ri] = p.se() * Math.sqrt(reps);
                predictedSd[di][ri] = p.predictedSd();
            }
            slope[di] = slopes[di].slope();
            slopeSe[di] = slopes[di].standardError();
        }
        return new Details(target, mixedTarget, noise, width, reps, dims, ratios, ratios[judgedFrom], critical, mean,
                se, allowance, sd, predictedSd, mixed.mean(), mixed.se(), mixed.allowance(), slope, slopeSe,
                slopeAllowances, controlRatio, worstExcess());
    }

    /** One row per replicate and point (the mixed target's with {@code target = mixed}). */
    Sweep sweep(Alignments[][][] main, Alignments[] mixedReps) {
        Sweep.Builder sweep = Sweep.table("subspace-recovery", "target", "replicate", "d", "n", "n_over_d2",
                "alignment", "predicted_alignment", "ratio", "allowance", "anisotropy", "ratio_bias", "predicted_sd");
        for (int di = 0; di < dims.length; di++) {
            for (int ri = 0; ri < ratios.length; ri++) {
                for (int rep = 0; rep < main[di][ri].length; rep++) {
                    row(sweep, "main", rep, dims[di], ratios[ri], main[di][ri][rep]);
                }
            }
        }
        for (int rep = 0; rep < mixedReps.length; rep++) {
            row(sweep, "mixed", rep, dims[0], ratios[ratios.length - 1], mixedReps[rep]);
        }
        return sweep.build();
    }

    private static void row(Sweep.Builder sweep, String target, int rep, int d, double ratio, Alignments a) {
        sweep.row(target, rep, d, SubspaceRecoveryClaim.n(ratio, d), ratio, a.measured(), a.predicted(), a.ratio(),
                a.allowance(), a.anisotropy(), a.ratioBias(), a.predictedSd());
    }

    /**
     * Mean ρ against {@code n/d²} per d, each with the interval {@code ± (t·SE + δ)} the check uses (it holds where
     * the interval covers the prediction 1), and the prediction.
     */
    PlotSpec plot(String target, int width) {
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int di = 0; di < dims.length; di++) {
            double[] mean = new double[ratios.length];
            double[] half = new double[ratios.length];
            for (int ri = 0; ri < ratios.length; ri++) {
                mean[ri] = points[di][ri].mean();
                half[ri] = points[di][ri].halfWidth();
            }
            series.add(PlotSpec.Series.withErrors("mean ρ d = " + dims[di] + " (± (t·SE + δ), t = "
                    + Format.fmt(critical) + ")", ratios, mean, half, PlotSpec.Style.LINE_POINTS));
        }
        series.add(new PlotSpec.Series("predicted ρ = 1", new double[] {ratios[0], ratios[ratios.length - 1]},
                new double[] {1, 1}, PlotSpec.Style.DASHED));
        return new PlotSpec("ratio-vs-n-over-d2", "(1 − A)/(1 − A_pred) after one step vs n/d² (" + target + ", m = "
                + width + ")", "n / d²", "(1 − A)/(1 − A_pred), mean over replicates", true, false, series,
                List.of());
    }
}
