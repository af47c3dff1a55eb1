package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.KernelRegimeClaim.CONTROL;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.FLOOR;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.KERNEL_TEST;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.ONE_STEP_RATIO;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.PLATEAU_RATIO;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.RANDOM_FEATURES;
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
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.targets.HermitePolynomial;

/**
 * The checks of {@link KernelRegimeClaim} over its cells, curve by curve ((method, d) in cell order): the kernels'
 * plateau band, the random-features floor and fits against it, the largest one-step error at {@code n = 64d²}; and
 * the table, details and figure they are reported in.
 */
final class KernelRegimeTally {
    private final double[] energy;
    private final double e4;
    private final double untrained;
    private final double z;
    private final int degree;
    private final Sweep.Builder sweep = Sweep.table("kernel-regime", "method", "d", "n", "n_over_d2", "width", "error",
            "error_standard_error", "error_kind", "plateau", "untrained_level", "rf_floor", "role", "test_error",
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

    private KernelRegimeTally(HermitePolynomial g, double z) {
        this.energy = g.energyByDegree();
        this.e4 = energy[4];
        this.untrained = g.withoutDegreesBelow(2).secondMoment() / g.secondMoment();
        this.z = z;
        this.degree = g.degree();
    }

    /** The tally of {@code results} of {@code cells} for the target link {@code g}, kernels judged at {@code z} SE. */
    static KernelRegimeTally of(List<KernelRegimeClaim.Run> cells, List<KernelRegimeClaim.Point> results,
            HermitePolynomial g, double z) {
        KernelRegimeTally t = new KernelRegimeTally(g, z);
        double floor = Double.NaN;
        int i = 0;
        while (i < cells.size()) {
            KernelRegimeClaim.Run first = cells.get(i);
            int end = i;
            while (end < cells.size() && cells.get(end).method().equals(first.method())
                    && cells.get(end).d() == first.d()) {
                end++;
            }
            if (first.method().equals(FLOOR)) {
                floor = results.get(i).error();
                t.floor(first.d(), floor);
            } else if (first.kernel()) {
                t.kernelCurve(cells.subList(i, end), results.subList(i, end));
            } else if (!first.method().equals(CONTROL)) {
                t.networkCurve(cells.subList(i, end), results.subList(i, end), floor);
            }
            i = end;
        }
        return t;
    }

    private void floor(int d, double floor) {
        floors.put("d" + d, floor);
        if (floor < e4 - ROUNDING) {
            rfOk = false;
            failures.add("random-features floor " + Format.fmt(floor) + " < E₄ at d = " + d);
        }
    }

    private void networkCurve(List<KernelRegimeClaim.Run> cells, List<KernelRegimeClaim.Point> points, double floor) {
        String label = cells.get(0).method();
        int d = cells.get(0).d();
        boolean rf = label.equals(RANDOM_FEATURES);
        double[] ns = new double[cells.size()];
        double[] errs = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            KernelRegimeClaim.Run c = cells.get(i);
            KernelRegimeClaim.Point p = points.get(i);
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
        series.add(new PlotSpec.Series(label + " d = " + d, ns, errs, PlotSpec.Style.LINE_POINTS));
        markerDims.add(d);
    }

    private void kernelCurve(List<KernelRegimeClaim.Run> cells, List<KernelRegimeClaim.Point> points) {
        String label = cells.get(0).method();
        int d = cells.get(0).d();
        double[] ns = new double[cells.size()];
        double[] errs = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            KernelRegimeClaim.Run c = cells.get(i);
            double se = points.get(i).standardError();
            ns[i] = c.n();
            errs[i] = points.get(i).error();
            boolean onPlateau = c.ratio() == PLATEAU_RATIO;
            sweep.row(label, d, c.n(), c.ratio(), "", errs[i], se, "test set, control variate", e4, untrained, "",
                    onPlateau ? "plateau" : "curve", "", "", points.get(i).lambda());
            if (onPlateau) {
                boolean below = errs[i] + z * se < e4;
                boolean above = errs[i] - z * se > untrained;
                if (below || above) {
                    kernelOk = false;
                    failures.add(label + " at d = " + d + (below ? " below the plateau E₄"
                            : " not below the untrained level: a failure of the baseline"));
                }
                plateau.put(label + "_d" + d, new PlateauCell(c.n(), errs[i], se, errs[i] - e4,
                        points.get(i).lambda()));
                measured.append(measured.length() == 0 ? "" : "; ").append(label).append(" d = ").append(d)
                        .append(": ").append(Format.fmt(errs[i])).append(" ± ").append(Format.fmt(se))
                        .append(" (E₄ + ").append(Format.fmt(errs[i] - e4)).append(")");
            }
        }
        errors.put(label + "_d" + d, errs);
        series.add(new PlotSpec.Series(label + " d = " + d, ns, errs, PlotSpec.Style.POINTS));
        markerDims.add(d);
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

    /** The kernels on the plateau in words. */
    String measured() {
        return measured.toString();
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
     * One kernel on the plateau ({@code n = 4d²}).
     *
     * @param n             the samples
     * @param error         the test error (control variate)
     * @param standardError its standard error
     * @param abovePlateau  {@code error − E₄}
     * @param lambda        the validated ridge λ
     */
    record PlateauCell(long n, double error, double standardError, double abovePlateau, double lambda) {
    }


    /** The details at the networks' dimensions {@code netDims}, the kernels' {@code kernelDims}, every failure. */
    KernelRegimeDetails details(int[] netDims, int[] kernelDims, List<String> allFailures) {
        return new KernelRegimeDetails(TARGET, energy, WIDTH, netDims, kernelDims, PLATEAU_RATIO, Conventions.VALIDATION_SAMPLES,
                TestErrors.MIN_SAMPLES, KERNEL_TEST, z, e4, plateau, kernelOk, floors, rfOk, ONE_STEP_RATIO,
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
