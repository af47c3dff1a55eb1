package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.KernelRegimeClaim.CONTROL;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.FLOOR;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.KERNEL_TEST;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.ONE_STEP_RATIO;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.PLATEAU_RATIO;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.RANDOM_FEATURES;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.RF_CONTROL;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.ROUNDING;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.TARGET;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.WIDTH;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.spectral.Eigenlearning;
import org.replearn.core.spectral.TargetHarmonics;
import org.replearn.core.targets.HermitePolynomial;

/**
 * The checks of {@link KernelRegimeClaim} over its cells, curve by curve ((method, d) in cell order): the kernels'
 * replicates against their deterministic equivalent at {@code n = 4d²} (and the same check on the controls: the
 * linear predictor, random features at the kernels' n), the random-features floor and fits against it, the largest
 * one-step error at {@code n = 64d²}; and the table, details and figure they are reported in.
 */
final class KernelRegimeTally {
    private final double[] energy;
    private final double e4;
    private final double t;
    private final int degree;
    private final HermitePolynomial g;
    private final Sweep.Builder sweep = Sweep.table("kernel-regime", "method", "d", "n", "n_over_d2", "width", "error",
            "error_standard_error", "error_kind", "plateau", "predicted", "rf_floor", "role", "test_error",
            "alignment", "lambda");
    private final List<String> failures = new ArrayList<>();
    private final List<PlotSpec.Series> series = new ArrayList<>();
    private final Set<Integer> markerDims = new TreeSet<>();
    private final Map<String, double[]> errors = new LinkedHashMap<>();
    private final Map<String, Double> floors = new LinkedHashMap<>();
    private final Map<String, PlateauCell> plateau = new LinkedHashMap<>();
    private final StringBuilder measured = new StringBuilder();
    private double maxOneStep;
    private boolean rfOk = true;
    private boolean kernelOk = true;
    private boolean linearControlPasses = true;
    private boolean rfControlPasses = true;
    private double linearError = Double.POSITIVE_INFINITY;
    private double rfError = Double.POSITIVE_INFINITY;
    private final StringBuilder controls = new StringBuilder();

    private KernelRegimeTally(HermitePolynomial g, double t) {
        this.energy = g.energyByDegree();
        this.e4 = energy[4];
        this.t = t;
        this.degree = g.degree();
        this.g = g;
    }

    /** The claim's rationale: how the kernels, the networks and the floor are judged. */
    static String rationale() {
        return "Kernel errors: the mean of " + KernelRegimeClaim.KERNEL_REPLICATES + " replicates (own U, training and"
                + " test sets of " + KernelRegimeClaim.KERNEL_TEST + " samples, control variate) at the equivalent's"
                + " best ridge; the allowance is the equivalent's own error, calibrated on other d and seeds"
                + " (docs/decisions.md). The finite-d plateau (energy in harmonic degree > 2) is below E₄; E₄/2, the"
                + " separation claimed, is below it. Network errors and the floor are exact: only rounding is"
                + " allowed. The NTK is checked against its definition, the mean over the independent neurons of a"
                + " wide network at initialization, by z-scores at a family-wise level.";
    }

    /**
     * The tally of {@code results} of {@code cells} for the target link {@code g}, kernels judged with the Student
     * quantile {@code t}.
     */
    static KernelRegimeTally of(List<KernelRegimeRun> cells, List<KernelRegimePoint> results,
            HermitePolynomial g, double t) {
        KernelRegimeTally tally = new KernelRegimeTally(g, t);
        double floor = Double.NaN;
        int i = 0;
        while (i < cells.size()) {
            KernelRegimeRun first = cells.get(i);
            int end = i;
            while (end < cells.size() && cells.get(end).method().equals(first.method())
                    && cells.get(end).d() == first.d()) {
                end++;
            }
            if (first.method().equals(FLOOR)) {
                floor = results.get(i).error();
                tally.floor(first.d(), floor);
            } else if (first.kernel()) {
                tally.kernelCurve(cells.subList(i, end), results.subList(i, end));
            } else if (first.method().equals(RF_CONTROL)) {
                tally.randomFeaturesControl(first, results.get(i).error());
            } else if (!first.method().equals(CONTROL)) {
                tally.networkCurve(cells.subList(i, end), results.subList(i, end), floor);
            }
            i = end;
        }
        return tally;
    }

    private void floor(int d, double floor) {
        floors.put("d" + d, floor);
        if (floor < e4 - ROUNDING) {
            rfOk = false;
            failures.add("random-features floor " + Format.fmt(floor) + " < E₄ at d = " + d);
        }
    }

    private void networkCurve(List<KernelRegimeRun> cells, List<KernelRegimePoint> points, double floor) {
        String label = cells.get(0).method();
        int d = cells.get(0).d();
        boolean rf = label.equals(RANDOM_FEATURES);
        double[] ns = new double[cells.size()];
        double[] errs = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            KernelRegimeRun c = cells.get(i);
            KernelRegimePoint p = points.get(i);
            ns[i] = c.n();
            errs[i] = p.error();
            boolean separation = !rf && c.ratio() == ONE_STEP_RATIO;
            sweep.row(label, d, c.n(), c.ratio(), WIDTH, errs[i], 0, "exact", e4, "", rf ? floor : "",
                    rf ? "floor" : separation ? "separation" : "curve", p.testError(), p.alignment(), p.lambda());
            if (separation) {
                maxOneStep = Math.max(maxOneStep, errs[i]);
            }
            if (rf && errs[i] < floor - ROUNDING) {
                rfOk = false;
                failures.add("random-features error " + Format.fmt(errs[i]) + " below its floor at d = " + d);
            }
        }
        errors.put(label + "_d" + d, errs);
        series.add(new PlotSpec.Series(label + " d = " + d + " (exact)", ns, errs, PlotSpec.Style.LINE_POINTS));
        markerDims.add(d);
    }

    /** The equivalent of {@code kind} at {@code d}, as the kernel cells were fitted with. */
    private KernelEquivalent equivalent(KernelEquivalent.Kind kind, int d) {
        return KernelEquivalent.of(kind, g, d, KernelLearningCurveClaim.maxDegree(d));
    }

    /** {@code |mean − predicted| <= t·SE + allowance(predicted)}. */
    private boolean within(double mean, double standardError, double predicted) {
        return Math.abs(mean - predicted) <= t * standardError + KernelEquivalent.allowance(predicted);
    }

    private void kernelCurve(List<KernelRegimeRun> cells, List<KernelRegimePoint> points) {
        KernelRegimeRun head = cells.get(0);
        String label = head.method();
        int d = head.d();
        KernelEquivalent eq = equivalent(head.kind(), d);
        double[] harmonic = TargetHarmonics.of(g, d).degreeEnergies();
        double finitePlateau = 0;
        for (int l = 3; l < harmonic.length; l++) {
            finitePlateau += harmonic[l];
        }
        Map<Long, List<KernelRegimePoint>> byN = new LinkedHashMap<>();
        Map<Long, KernelRegimeRun> firstOfN = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            byN.computeIfAbsent(cells.get(i).n(), k -> new ArrayList<>()).add(points.get(i));
            firstOfN.putIfAbsent(cells.get(i).n(), cells.get(i));
        }
        double[] ns = new double[byN.size()];
        double[] errs = new double[byN.size()];
        double[] twoSe = new double[byN.size()];
        int k = 0;
        for (Map.Entry<Long, List<KernelRegimePoint>> e : byN.entrySet()) {
            KernelRegimeRun c = firstOfN.get(e.getKey());
            double[] measured = Intervals.meanAndStandardError(
                    e.getValue().stream().mapToDouble(KernelRegimePoint::error).toArray());
            double[] linear = Intervals.meanAndStandardError(
                    e.getValue().stream().mapToDouble(KernelRegimePoint::linearError).toArray());
            Eigenlearning.Risk risk = eq.predict(c.n());
            double predicted = risk.testError() / eq.harmonic().totalEnergy();
            ns[k] = c.n();
            twoSe[k] = 2 * measured[1];
            errs[k++] = measured[0];
            boolean onPlateau = c.ratio() == PLATEAU_RATIO;
            sweep.row(label, d, c.n(), c.ratio(), "", measured[0], measured[1], "replicates' mean, test sets",
                    finitePlateau, predicted, "", onPlateau ? "judged" : "curve", "", "", risk.lambda());
            if (!onPlateau) {
                continue;
            }
            double tolerance = t * measured[1] + KernelEquivalent.allowance(predicted);
            if (!within(measured[0], measured[1], predicted)) {
                kernelOk = false;
                failures.add(label + " at d = " + d + ": " + Format.fmt(measured[0]) + " ± " + Format.fmt(measured[1])
                        + " against the predicted " + Format.fmt(predicted) + " ± " + Format.fmt(tolerance));
            }
            linearControlPasses &= within(linear[0], linear[1], predicted);
            linearError = Math.min(linearError, linear[0]);
            plateau.put(label + "_d" + d, new PlateauCell(c.n(), measured[0], measured[1], predicted, finitePlateau,
                    tolerance, linear[0], risk.lambda()));
            measured(label + " d = " + d + ": " + Format.fmt(measured[0]) + " ± " + Format.fmt(measured[1])
                    + " (predicted " + Format.fmt(predicted) + ", finite-d plateau " + Format.fmt(finitePlateau) + ")");
            controls.append(controls.length() == 0 ? "" : "; ").append(label).append(" d = ").append(d)
                    .append(": linear predictor ").append(Format.fmt(linear[0]));
        }
        errors.put(label + "_d" + d, errs);
        series.add(PlotSpec.Series.withErrors(label + " d = " + d + " (± 2 SE)", ns, errs, twoSe, PlotSpec.Style.POINTS));
        markerDims.add(d);
    }

    private void measured(String text) {
        measured.append(measured.length() == 0 ? "" : "; ").append(text);
    }

    /** Random features at the kernels' {@code (d, n)}: its exact error must fail the kernels' check (NTK). */
    private void randomFeaturesControl(KernelRegimeRun cell, double error) {
        KernelEquivalent eq = equivalent(KernelEquivalent.Kind.RELU_NTK, cell.d());
        double predicted = eq.predict(cell.n()).testError() / eq.harmonic().totalEnergy();
        rfControlPasses &= within(error, 0, predicted);
        rfError = Math.min(rfError, error);
        controls.append(controls.length() == 0 ? "" : "; ").append("random features d = ").append(cell.d())
                .append(": ").append(Format.fmt(error)).append(" against the NTK's ").append(Format.fmt(predicted));
    }

    /** Whether the linear predictor passed the kernels' check at every judged point (it must not). */
    boolean linearControlPasses() {
        return linearControlPasses;
    }

    /** Whether random features passed the kernels' check at every kernel d (they must not). */
    boolean rfControlPasses() {
        return rfControlPasses;
    }

    /** The smallest mean error of the linear predictor at a judged point. */
    double linearError() {
        return linearError;
    }

    /** The smallest exact error of random features at the kernels' n. */
    double rfError() {
        return rfError;
    }

    /** The controls' numbers in words. */
    String controls() {
        return controls.toString();
    }

    /** The largest one-step error at {@code n = 64d²}. */
    double maxOneStep() {
        return maxOneStep;
    }

    boolean rfOk() {
        return rfOk;
    }

    boolean kernelOk() {
        return kernelOk;
    }

    /** The kernels on the plateau, the random-feature floors and the one-step error in words, then the failures. */
    String measuredText(List<String> failures) {
        return measured + "; random-feature floors " + floorValues().stream().map(Format::fmt).toList()
                + "; max one-step error at 64d² " + Format.fmt(maxOneStep) + (failures.isEmpty() ? ""
                : "; FAILED: " + String.join(", ", failures));
    }

    List<Double> floorValues() {
        return List.copyOf(floors.values());
    }

    /** Every failure, the one-step separation's last. */
    List<String> failures(boolean oneStepOk) {
        List<String> all = new ArrayList<>(failures);
        if (!oneStepOk) {
            all.add("one-step error " + Format.fmt(maxOneStep) + " > E₄/2 at n = 64d²");
        }
        return all;
    }

    /**
     * One kernel at its judged {@code n = 4d²}.
     *
     * @param n             the samples
     * @param error         the replicates' mean test error (control variate)
     * @param standardError its standard error from the replicates
     * @param predicted     the deterministic equivalent's prediction
     * @param finitePlateau the target's energy in harmonic degree > 2 at this d (the level as n/d² grows below d)
     * @param tolerance     {@code t·SE + allowance(predicted)}
     * @param linearError   the linear predictor's mean exact error on the same training sets
     * @param lambda        the ridge λ (the equivalent's best)
     */
    record PlateauCell(long n, double error, double standardError, double predicted, double finitePlateau,
            double tolerance, double linearError, double lambda) {
    }


    /** The details at the networks' dimensions {@code netDims}, the kernels' {@code kernelDims}, every failure. */
    KernelRegimeDetails details(int[] netDims, int[] kernelDims, List<String> allFailures) {
        return new KernelRegimeDetails(TARGET, energy, WIDTH, netDims, kernelDims, PLATEAU_RATIO, Conventions.VALIDATION_SAMPLES,
                TestErrors.MIN_SAMPLES, KERNEL_TEST, t, e4, plateau, kernelOk, floors, rfOk, ONE_STEP_RATIO,
                maxOneStep, allFailures, errors);
    }

    Sweep sweep() {
        return sweep.build();
    }

    /** Error against n for every curve, the plateau from {@code n = dFirst²} to {@code 64·dLast²}, and markers. */
    PlotSpec plot(int dFirst, int dLast) {
        List<PlotSpec.Series> all = new ArrayList<>(series);
        double nMin = (double) dFirst * dFirst;
        double nMax = ONE_STEP_RATIO * dLast * dLast;
        all.add(new PlotSpec.Series("plateau E₄", new double[] {nMin, nMax}, new double[] {e4, e4},
                PlotSpec.Style.DASHED));
        List<PlotSpec.Marker> markers = new ArrayList<>();
        for (int d : markerDims) {
            markers.add(new PlotSpec.Marker("n = d² (d = " + d + ")", (double) d * d));
            markers.add(new PlotSpec.Marker("n = d^" + degree + " (d = " + d + ")", Math.pow(d, degree)));
        }
        return new PlotSpec("test-error-vs-n", "Error vs n (" + TARGET + ", m = " + WIDTH + ")", "n (samples)",
                "relative error (networks exact, kernels test set)", true, true, all, markers);
    }
}
