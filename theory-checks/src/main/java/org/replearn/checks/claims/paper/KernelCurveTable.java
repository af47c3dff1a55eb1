package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.spectral.Eigenlearning;
import org.replearn.core.targets.HermitePolynomial;

/**
 * Measured kernel ridge regression against its deterministic equivalent, point by point: the replicates of each
 * (kernel, d, n) reduced to a mean and its standard error, the prediction on harmonic energies and on Hermite-degree
 * energies ({@link KernelEquivalent}), and the two-sided check {@code |mean − predicted| <= t·SE + allowance}; the
 * same check on the controls' numbers (the linear predictor, the kernel of {@code Ux}, the naive prediction).
 */
final class KernelCurveTable {
    /** Dimensions whose predicted NTK curve the figure adds (n up to d³), to show the staircase sharpening with d. */
    private static final int[] PREDICTED_ONLY = {64, 256};
    private final List<Row> rows;
    private final double t;
    private final int replicates;

    private KernelCurveTable(List<Row> rows, double t, int replicates) {
        this.rows = rows;
        this.t = t;
        this.replicates = replicates;
    }

    /**
     * One point of the curve.
     *
     * @param kernel          the kernel's label
     * @param d               the dimension
     * @param n               the samples
     * @param lambda          the ridge (the equivalent's best)
     * @param predicted       the equivalent's relative error
     * @param hermitePredicted the naive equivalent's relative error
     * @param mean            the replicates' mean relative test error
     * @param standardError   its standard error from the replicates
     * @param tolerance       {@code t·SE + allowance(predicted)}
     * @param pass            {@code |mean − predicted| <= tolerance}
     * @param linearMean      the mean exact error of {@code α̂ + β̂·x}
     * @param linearPass      whether that passes the check against {@code predicted}
     * @param uxMean          the mean error of the kernel of {@code Ux} ({@code NaN} where not run)
     * @param uxPass          whether that passes the check ({@code false} where not run)
     * @param hermitePass     whether the measured mean passes the check against {@code hermitePredicted}
     */
    record Row(String kernel, int d, long n, double lambda, double predicted, double hermitePredicted, double mean,
            double standardError, double tolerance, boolean pass, double linearMean, boolean linearPass,
            double uxMean, boolean uxPass, boolean hermitePass) {
        String label() {
            return kernel + " d = " + d + ", n = " + n;
        }

        double exponent() {
            return Math.log(n) / Math.log(d);
        }
    }

    /**
     * The table of {@code results} (one per cell of {@code cells}, in order) for target {@code g}, the equivalents'
     * largest degree at each d by {@code maxDegree}, {@code t} the Student quantile of a {@code coverage} Bonferroni
     * band over every point.
     */
    static KernelCurveTable of(List<KernelLearningCurveClaim.Fit> cells, List<KernelRidgeReplicate> results,
            HermitePolynomial g, int replicates, double coverage, IntUnaryOperator maxDegree) {
        Map<String, List<KernelRidgeReplicate>> fits = new LinkedHashMap<>();
        Map<String, KernelLearningCurveClaim.Fit> first = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            KernelLearningCurveClaim.Fit c = cells.get(i);
            String key = pointKey(c.kind(), c.d(), c.n(), c.projected());
            fits.computeIfAbsent(key, k -> new ArrayList<>()).add(results.get(i));
            first.putIfAbsent(key, c);
        }
        long points = first.values().stream().filter(c -> !c.projected()).count();
        double t = Intervals.studentBonferroni(replicates - 1, coverage, (int) points);
        Map<String, KernelEquivalent> equivalents = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (KernelLearningCurveClaim.Fit c : first.values()) {
            if (c.projected()) {
                continue;
            }
            KernelEquivalent eq = equivalents.computeIfAbsent(c.kind() + "-" + c.d(),
                    k -> KernelEquivalent.of(c.kind(), g, c.d(), maxDegree.applyAsInt(c.d())));
            Eigenlearning.Risk risk = eq.predict(c.n());
            double energy = eq.harmonic().totalEnergy();
            double predicted = risk.testError() / energy;
            double hermite = eq.predictNaive(c.n()).testError() / energy;
            List<KernelRidgeReplicate> reps = fits.get(pointKey(c.kind(), c.d(), c.n(), false));
            double[] measured = Intervals.meanAndStandardError(field(reps, true));
            double[] linear = Intervals.meanAndStandardError(field(reps, false));
            List<KernelRidgeReplicate> ux = fits.get(pointKey(c.kind(), c.d(), c.n(), true));
            double[] projected = ux == null ? new double[] {Double.NaN, Double.NaN}
                    : Intervals.meanAndStandardError(field(ux, true));
            double tolerance = t * measured[1] + KernelEquivalent.allowance(predicted);
            rows.add(new Row(c.kind().label(), c.d(), c.n(), risk.lambda(), predicted, hermite, measured[0],
                    measured[1], tolerance, within(measured, predicted, t),
                    linear[0], within(linear, predicted, t), projected[0],
                    ux != null && within(projected, predicted, t),
                    within(measured, hermite, t)));
        }
        return new KernelCurveTable(rows, t, replicates);
    }

    private static String pointKey(KernelEquivalent.Kind kind, int d, long n, boolean projected) {
        return kind + "-" + d + "-" + n + "-" + projected;
    }

    private static double[] field(List<KernelRidgeReplicate> reps, boolean kernel) {
        return reps.stream().mapToDouble(r -> kernel ? r.error() : r.linearError()).toArray();
    }

    /** {@code |mean − predicted| <= t·SE + allowance(predicted)} for {@code {mean, SE}}. */
    private static boolean within(double[] meanAndSe, double predicted, double t) {
        return Math.abs(meanAndSe[0] - predicted) <= t * meanAndSe[1] + KernelEquivalent.allowance(predicted);
    }

    /** The Student quantile of the check. */
    double t() {
        return t;
    }

    /** The number of points judged. */
    int points() {
        return rows.size();
    }

    /** The row with the largest {@code |mean − predicted| / tolerance}. */
    Row worst() {
        Row worst = rows.get(0);
        for (Row r : rows) {
            if (Math.abs(r.mean() - r.predicted()) / r.tolerance()
                    > Math.abs(worst.mean() - worst.predicted()) / worst.tolerance()) {
                worst = r;
            }
        }
        return worst;
    }

    /** Every failed point, in words. */
    List<String> failures() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.pass()) {
                out.add(r.label() + ": " + Format.fmt(r.mean()) + " ± " + Format.fmt(r.standardError())
                        + " against " + Format.fmt(r.predicted()) + " ± " + Format.fmt(r.tolerance()));
            }
        }
        return out;
    }

    /** Whether the linear predictor passes every point's check (a claim that cannot fail would). */
    boolean linearControlPasses() {
        return rows.stream().allMatch(Row::linearPass);
    }

    /** Whether the kernel of {@code Ux} passes every point where it was run. */
    boolean projectedControlPasses() {
        return rows.stream().filter(r -> !Double.isNaN(r.uxMean())).allMatch(Row::uxPass);
    }

    /** Whether the measured errors pass the check against the naive prediction at every point. */
    boolean hermiteControlPasses() {
        return rows.stream().allMatch(Row::hermitePass);
    }

    Measurement linearControlMeasurement() {
        Row far = farthest(r -> r.linearMean() - r.predicted());
        return Measurement.exact(far.linearMean(), "largest deviation at " + far.label() + ": linear predictor "
                + Format.fmt(far.linearMean()) + " against predicted " + Format.fmt(far.predicted()));
    }

    Measurement projectedControlMeasurement() {
        Row far = farthest(r -> Double.isNaN(r.uxMean()) ? 0 : r.uxMean() - r.predicted());
        return Measurement.exact(far.uxMean(), "largest deviation at " + far.label() + ": kernel of Ux "
                + Format.fmt(far.uxMean()) + " against predicted " + Format.fmt(far.predicted()));
    }

    Measurement hermiteControlMeasurement() {
        Row far = farthest(r -> r.mean() - r.hermitePredicted());
        return Measurement.exact(far.hermitePredicted(), "largest deviation at " + far.label() + ": naive prediction "
                + Format.fmt(far.hermitePredicted()) + " against measured " + Format.fmt(far.mean()) + " ± "
                + Format.fmt(far.standardError()));
    }

    private Row farthest(java.util.function.ToDoubleFunction<Row> deviation) {
        Row far = rows.get(0);
        for (Row r : rows) {
            if (Math.abs(deviation.applyAsDouble(r)) > Math.abs(deviation.applyAsDouble(far))) {
                far = r;
            }
        }
        return far;
    }

    /** The details. */
    KernelLearningCurveDetails details(String target, long test) {
        return new KernelLearningCurveDetails(target, test, replicates, t, KernelEquivalent.RELATIVE_ALLOWANCE,
                KernelEquivalent.ABSOLUTE_ALLOWANCE, KernelEquivalent.LAMBDAS, rows, failures());
    }

    /** The table as a CSV sweep named {@code name}. */
    Sweep sweep(String name) {
        Sweep.Builder b = Sweep.table(name, "kernel", "d", "n", "log_n_over_log_d", "lambda", "predicted",
                "hermite_predicted", "measured", "standard_error", "tolerance", "pass", "linear_error", "ux_error");
        for (Row r : rows) {
            b.row(r.kernel(), r.d(), r.n(), r.exponent(), r.lambda(), r.predicted(), r.hermitePredicted(), r.mean(),
                    r.standardError(), r.tolerance(), r.pass(), r.linearMean(), r.uxMean());
        }
        return b.build();
    }

    /**
     * Measured means ± 2 SE against the predicted curves (dense in {@code log n / log d}) per (kernel, d), the naive
     * prediction, and the NTK's predicted curves at larger d.
     */
    PlotSpec plot(String name, HermitePolynomial g, IntUnaryOperator maxDegree) {
        List<PlotSpec.Series> series = new ArrayList<>();
        Map<String, List<Row>> curves = new LinkedHashMap<>();
        for (Row r : rows) {
            curves.computeIfAbsent(r.kernel() + "-" + r.d(), k -> new ArrayList<>()).add(r);
        }
        for (List<Row> curve : curves.values()) {
            Row head = curve.get(0);
            KernelEquivalent.Kind kind = KernelEquivalent.Kind.labelled(head.kernel());
            KernelEquivalent eq = KernelEquivalent.of(kind, g, head.d(), maxDegree.applyAsInt(head.d()));
            double lo = curve.get(0).exponent() - 0.25;
            double hi = curve.get(curve.size() - 1).exponent() + 0.25;
            int count = (int) Math.round((hi - lo) / 0.05) + 1;
            double[] x = new double[count];
            double[] y = new double[count];
            double[] naive = new double[count];
            for (int i = 0; i < count; i++) {
                x[i] = lo + i * (hi - lo) / (count - 1);
                long n = Math.max(1, Math.round(Math.pow(head.d(), x[i])));
                y[i] = eq.predict(n).testError() / eq.harmonic().totalEnergy();
                naive[i] = eq.predictNaive(n).testError() / eq.harmonic().totalEnergy();
            }
            String label = head.kernel() + " d = " + head.d();
            series.add(new PlotSpec.Series(label + " predicted", x, y, PlotSpec.Style.DASHED));
            series.add(new PlotSpec.Series(label + " naive (Hermite degrees)", x, naive, PlotSpec.Style.DASHED));
            double[] mx = curve.stream().mapToDouble(Row::exponent).toArray();
            series.add(PlotSpec.Series.withErrors(label + " measured (± 2 SE)", mx,
                    curve.stream().mapToDouble(Row::mean).toArray(),
                    curve.stream().mapToDouble(r -> 2 * r.standardError()).toArray(), PlotSpec.Style.POINTS));
        }
        for (int d : PREDICTED_ONLY) {
            KernelEquivalent eq = KernelEquivalent.of(KernelEquivalent.Kind.RELU_NTK, g, d, maxDegree.applyAsInt(d));
            double[] x = new double[41];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = 1 + i * 0.05;
                y[i] = eq.predict(Math.round(Math.pow(d, x[i]))).testError() / eq.harmonic().totalEnergy();
            }
            series.add(new PlotSpec.Series("ntk d = " + d + " predicted", x, y, PlotSpec.Style.DASHED));
        }
        return new PlotSpec(name, "Kernel ridge: measured against the deterministic equivalent", "log n / log d",
                "relative test error", false, false, series, List.of());
    }
}
