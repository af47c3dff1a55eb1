package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.StaircaseGrid.ANGULAR_POINTS;
import static org.replearn.checks.claims.paper.KernelStaircaseClaim.CONTROL_DEGREE;
import static org.replearn.checks.claims.paper.StaircaseGrid.HEADROOM;
import static org.replearn.checks.claims.paper.KernelStaircaseClaim.KERNEL;
import static org.replearn.checks.claims.paper.StaircaseGrid.RADIAL_POINTS;
import static org.replearn.checks.claims.paper.KernelStaircaseClaim.STEPS;
import static org.replearn.checks.claims.paper.KernelStaircaseClaim.TARGET;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.paper.KernelStaircaseClaim.Staircase;
import org.replearn.checks.claims.paper.StaircaseSteps.Step;
import org.replearn.checks.claims.stats.Format;

/**
 * The checks of {@link KernelStaircaseClaim} over its dimensions (in cell order), and the tables, details and figure
 * they are reported in.
 */
final class KernelStaircaseReport {
    private final List<Staircase> results;
    private final double[] plateaus;
    private final List<String> failures = new ArrayList<>();
    private double worstRatio;
    private double controlWorstRatio = Double.POSITIVE_INFINITY;
    private boolean controlRejected = true;

    private KernelStaircaseReport(List<Staircase> results) {
        this.results = List.copyOf(results);
        double[] energies = results.get(0).degreeEnergies();
        plateaus = new double[STEPS.length];
        for (int k = 0; k < STEPS.length; k++) {
            plateaus[k] = StaircaseSteps.plateau(energies, STEPS[k]);
        }
    }

    /** The report of {@code results}, one per dimension. */
    static KernelStaircaseReport of(List<Staircase> results) {
        KernelStaircaseReport r = new KernelStaircaseReport(results);
        for (Staircase s : results) {
            for (Step step : s.steps()) {
                r.worstRatio = Math.max(r.worstRatio, step.ratio());
                if (!step.within()) {
                    r.failures.add("d = " + s.d() + ", ℓ = " + step.degree() + ": " + Format.fmt(step.predicted())
                            + " is " + Format.fmt(step.deviation()) + " from P_ℓ = " + Format.fmt(step.plateau())
                            + ", margin " + Format.fmt(step.margin()));
                }
            }
            r.controlWorstRatio = Math.min(r.controlWorstRatio, s.control().ratio());
            r.controlRejected &= !s.control().within();
        }
        return r;
    }

    /** {@code P_ℓ} for {@code ℓ = 1, 2, 3}. */
    double[] plateaus() {
        return plateaus.clone();
    }

    /** Every check passed. */
    boolean stepsHold() {
        return failures.isEmpty();
    }

    /** The largest {@code |predicted − P_ℓ| / m_ℓ(d)}. */
    double worstRatio() {
        return worstRatio;
    }

    /** The control is outside the margin at every {@code d}. */
    boolean controlRejected() {
        return controlRejected;
    }

    /** The control's smallest {@code |predicted − P₂| / m₂(d)}. */
    double controlWorstRatio() {
        return controlWorstRatio;
    }

    /** Every failed check in words. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The dimensions, comma-separated. */
    String dimsText() {
        return results.stream().map(s -> String.valueOf(s.d())).collect(Collectors.joining(", "));
    }

    /** Each check as {@code d, ℓ: predicted (P_ℓ ± margin)}. */
    String stepsText() {
        List<String> parts = new ArrayList<>();
        for (Staircase s : results) {
            for (Step step : s.steps()) {
                parts.add("d = " + s.d() + ", ℓ = " + step.degree() + ": " + Format.fmt(step.predicted()) + " (P_ℓ "
                        + Format.fmt(step.plateau()) + " ± " + Format.fmt(step.margin()) + ")");
            }
        }
        return String.join("; ", parts);
    }

    /** The control per {@code d}. */
    String controlText() {
        List<String> parts = new ArrayList<>();
        for (Staircase s : results) {
            Step c = s.control();
            parts.add("d = " + s.d() + ": " + Format.fmt(c.predicted()) + " (P₂ " + Format.fmt(c.plateau()) + " ± "
                    + Format.fmt(c.margin()) + ")");
        }
        return String.join("; ", parts);
    }

    /** The details. */
    KernelStaircaseDetails details() {
        Map<String, double[]> predicted = new LinkedHashMap<>();
        Map<String, double[]> control = new LinkedHashMap<>();
        Map<String, double[]> energies = new LinkedHashMap<>();
        Map<String, double[]> traces = new LinkedHashMap<>();
        Map<String, KernelStaircaseDetails.Check> checks = new LinkedHashMap<>();
        Map<String, KernelStaircaseDetails.Check> controlChecks = new LinkedHashMap<>();
        int[] dims = new int[results.size()];
        int[] maxDegrees = new int[results.size()];
        double[] tails = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            Staircase s = results.get(i);
            dims[i] = s.d();
            maxDegrees[i] = s.maxDegree();
            tails[i] = s.tailTrace();
            String key = "d" + s.d();
            predicted.put(key, s.predicted());
            control.put(key, s.controlPredicted());
            energies.put(key, s.degreeEnergies());
            traces.put(key, s.degreeTraces());
            for (Step step : s.steps()) {
                checks.put(key + "_l" + step.degree(), KernelStaircaseDetails.Check.of(step));
            }
            controlChecks.put(key, KernelStaircaseDetails.Check.of(s.control()));
        }
        double[] lambdas = StaircaseGrid.lambdas();
        return new KernelStaircaseDetails(TARGET, KERNEL, dims, STEPS, plateaus, maxDegrees, RADIAL_POINTS,
                ANGULAR_POINTS, HEADROOM, lambdas[0], lambdas[lambdas.length - 1], lambdas.length, 0,
                StaircaseGrid.exponents(), energies, traces, tails, predicted, checks, worstRatio,
                failures.isEmpty(), CONTROL_DEGREE, control, controlChecks, controlWorstRatio, controlRejected,
                failures());
    }

    /** The curves (one row per {@code (d, n)}) and the checks (one row per {@code (d, ℓ)} and control). */
    List<Sweep> sweeps() {
        Sweep.Builder curves = Sweep.table("kernel-staircase", "d", "log_n_over_log_d", "n", "predicted", "lambda",
                "control_predicted");
        Sweep.Builder checks = Sweep.table("kernel-staircase-checks", "d", "role", "degree", "n", "predicted",
                "lambda", "overfitting", "plateau", "deviation", "margin", "learned_fraction", "next_share",
                "next_learnability", "within_margin");
        double[] x = StaircaseGrid.exponents();
        for (Staircase s : results) {
            for (int i = 0; i < x.length; i++) {
                curves.row(s.d(), x[i], s.n()[i], s.predicted()[i], s.lambda()[i], s.controlPredicted()[i]);
            }
            for (Step step : s.steps()) {
                checkRow(checks, s.d(), "step", step);
            }
            checkRow(checks, s.d(), "control", s.control());
        }
        return List.of(curves.build(), checks.build());
    }

    private static void checkRow(Sweep.Builder table, int d, String role, Step step) {
        table.row(d, role, step.degree(), step.n(), step.predicted(), step.lambda(), step.overfitting(),
                step.plateau(), step.deviation(), step.margin(), step.learnedFraction(), step.nextShare(),
                step.nextLearnability(), step.within());
    }

    /**
     * The predicted error against {@code log n / log d} for every {@code d}, the control's at the largest {@code d},
     * the plateau levels {@code P_0 … P_3} and the checked points {@code log n / log d = ℓ + 1/2}.
     */
    PlotSpec plot() {
        double[] x = StaircaseGrid.exponents();
        List<PlotSpec.Series> series = new ArrayList<>();
        for (Staircase s : results) {
            series.add(new PlotSpec.Series("NTK d = " + s.d() + " (exact)", x, s.predicted(), PlotSpec.Style.DASHED));
        }
        Staircase last = results.get(results.size() - 1);
        series.add(new PlotSpec.Series("control: degree 2 zeroed, d = " + last.d(), x, last.controlPredicted(),
                PlotSpec.Style.CONTROL));
        double[] ends = {x[0], x[x.length - 1]};
        double[] energies = last.degreeEnergies();
        for (int l = 0; l <= STEPS[STEPS.length - 1]; l++) {
            double level = StaircaseSteps.plateau(energies, l);
            series.add(new PlotSpec.Series("plateau P_" + l + " = " + Format.fmt(level), ends,
                    new double[] {level, level}, PlotSpec.Style.DASHED));
        }
        List<PlotSpec.Marker> markers = Arrays.stream(STEPS)
                .mapToObj(l -> new PlotSpec.Marker("n = d^" + l + ".5", l + 0.5)).toList();
        return new PlotSpec("kernel-staircase", "Kernel staircase: deterministic equivalent, ReLU NTK",
                "log n / log d", "predicted error (best ridge, no noise)", false, false, series, markers);
    }
}
