package org.replearn.checks.claims.paper;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Format;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.spectral.EigenModes;
import org.replearn.core.spectral.Eigenlearning;
import org.replearn.core.spectral.HarmonicSpectrum;
import org.replearn.core.spectral.SpectralGrid;
import org.replearn.core.spectral.TargetHarmonics;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.TargetSpec;

/**
 * The kernel staircase at finite {@code d} (docs/math.md §8), theory only: the deterministic equivalent
 * ({@link Eigenlearning}) of ReLU-NTK ridge regression, on the NTK's exact harmonic spectrum
 * ({@link HarmonicSpectrum}) and the target's exact harmonic energies ({@link TargetHarmonics}), has plateaus. The
 * target {@value #TARGET} puts energy {@code E_k = 1/4} in each harmonic degree {@code k = 1 … 4} (a product of
 * {@code k} distinct coordinates is {@code ρ^k} times a harmonic of degree {@code k}); at {@code n = d^{ℓ+1/2}} the
 * predicted error, with {@code λ} the best of a fixed grid and no noise, must lie within the margin {@code m_ℓ(d)} of
 * the plateau {@code P_ℓ = Σ_{k>ℓ} E_k}, for {@code ℓ = 1, 2, 3} and every {@code d}.
 *
 * <p>Margin: {@link StaircaseSteps}, derived from the equivalent's expansion at {@code n = d^{ℓ+1/2}} and fixed
 * before any prediction was computed (docs/decisions.md).
 *
 * <p>Negative control: the same equivalent with every degree-2 eigenvalue set to 0 (the degree-2 energy is then
 * never learned, so there is no step there), through the same check at {@code ℓ = 2} with the same margin; it is
 * rejected when its prediction is outside the margin of {@code P₂} at every {@code d}.
 *
 * <p>Grid: {@link StaircaseGrid}.
 *
 * <p>Cells: one per {@code d} (spectrum, energies, the curve and the checks, and the control's curve and check). No
 * sampling: every number is the same at every master seed.
 */
public final class KernelStaircaseClaim
        implements Claim<KernelStaircaseClaim.Dimension, KernelStaircaseClaim.Staircase> {
    /** The claim id. */
    public static final String ID = "kernel-staircase";
    /** The target link: energy 1/4 in each harmonic degree 1 … 4. */
    static final String TARGET = "0.5*h1(z1) + 0.5*h1(z1)*h1(z2) + 0.5*h1(z1)*h1(z2)*h1(z3)"
            + " + 0.5*h1(z1)*h1(z2)*h1(z3)*h1(z4)";
    /** The kernel. */
    static final String KERNEL = "relu-ntk";
    /** The plateaus judged: {@code ℓ = 1, 2, 3} at {@code n = d^{ℓ+1/2}}. */
    static final int[] STEPS = {1, 2, 3};
    /** The degree whose eigenvalues the control zeroes. */
    static final int CONTROL_DEGREE = 2;
    /** Label noise of the prediction. */
    static final double NOISE = 0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The deterministic equivalent of ReLU-NTK ridge regression at finite d has the staircase of plateaus"
                + " (docs/math.md §8): on a target with energy 1/4 in each harmonic degree 1–4, at n = d^(ℓ+1/2) its"
                + " predicted error is within a derived margin m_ℓ(d) = O(d^(−1/2)) of the plateau P_ℓ = Σ_{k>ℓ} E_k,"
                + " for ℓ = 1, 2, 3 and d = 64, 256, 1024; a kernel without degree-2 eigenvalues shows no step at"
                + " ℓ = 2";
    }

    /** The sizes at a scale: the dimensions (the same at every scale: a few seconds in all). */
    record Sizes(int[] dims) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(new int[] {64, 256, 1024}, new int[] {64, 256, 1024},
                    new int[] {64, 256, 1024}));
        }
    }

    /** One dimension {@code d}: its spectrum, curve, checks and control. */
    record Dimension(int d) implements Cell {
        @Override
        public String key() {
            return "d" + d;
        }

        /**
         * Multiply-adds: the spectrum's {@code (L + 1)·R²·A/2} kernel projections, and the equivalent's
         * {@code (L + 1)·R} modes times about 60 solver steps, for every ridge of every point of the two curves and
         * the checks.
         */
        @Override
        public double work() {
            double modes = (StaircaseGrid.maxDegree(d) + 1.0) * StaircaseGrid.RADIAL_POINTS;
            double points = 2.0 * StaircaseGrid.curvePoints() + STEPS.length + 1;
            return modes * StaircaseGrid.RADIAL_POINTS * StaircaseGrid.ANGULAR_POINTS / 2
                    + modes * 60 * StaircaseGrid.LAMBDA_COUNT * points;
        }

        /** The radial operators and eigenvectors, {@code 2(L + 1)R²} doubles, and the Gegenbauer table. */
        @Override
        public long memoryBytes() {
            long degrees = StaircaseGrid.maxDegree(d) + 1L;
            long radial = StaircaseGrid.RADIAL_POINTS;
            return 8L * (2 * degrees * radial * radial + degrees * StaircaseGrid.ANGULAR_POINTS);
        }
    }

    /**
     * One dimension's result.
     *
     * @param d                the dimension
     * @param maxDegree        the spectrum's largest degree {@code L}
     * @param degreeEnergies   the target's energy {@code E_k} per harmonic degree (exact)
     * @param degreeTraces     {@code N(d, k) Σ_j μ_{k,j}} per degree {@code k <= L}
     * @param kernelTrace      {@code E k(x, x)}
     * @param tailTrace        the trace above {@code L} (extra ridge)
     * @param n                the curve's sample sizes {@code round(d^x)}
     * @param predicted        the best predicted error at each
     * @param lambda           its ridge
     * @param controlPredicted the control's best predicted error at each
     * @param steps            the checks, {@code ℓ = 1, 2, 3}
     * @param control          the control through the check at {@code ℓ = 2}
     */
    record Staircase(int d, int maxDegree, double[] degreeEnergies, double[] degreeTraces, double kernelTrace,
            double tailTrace, long[] n, double[] predicted, double[] lambda, double[] controlPredicted,
            StaircaseSteps.Step[] steps,
            StaircaseSteps.Step control) implements Serializable {
    }

    @Override
    public List<Dimension> cells(RunContext ctx) {
        List<Dimension> cells = new ArrayList<>();
        for (int d : Sizes.of(ctx.scale()).dims()) {
            cells.add(new Dimension(d));
        }
        return cells;
    }

    @Override
    public Staircase compute(Dimension cell, RunContext ctx) {
        int d = cell.d();
        int maxDegree = StaircaseGrid.maxDegree(d);
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(new ReluNtk(d),
                new SpectralGrid(maxDegree, StaircaseGrid.RADIAL_POINTS, StaircaseGrid.ANGULAR_POINTS));
        HermitePolynomial g = TargetSpec.parse(TARGET);
        TargetHarmonics harmonics = TargetHarmonics.of(g, d);
        double[] energies = harmonics.degreeEnergies();
        EigenModes modes = EigenModes.of(spectrum, harmonics);
        EigenModes control = StaircaseSteps.withoutDegree(modes, spectrum, CONTROL_DEGREE);
        double[] lambdas = StaircaseGrid.lambdas();
        double[] x = StaircaseGrid.exponents();
        long[] n = new long[x.length];
        double[] predicted = new double[x.length];
        double[] lambda = new double[x.length];
        double[] controlPredicted = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            n[i] = Math.round(Math.pow(d, x[i]));
            Eigenlearning.Risk best = Eigenlearning.bestOnGrid(modes, n[i], lambdas, NOISE);
            predicted[i] = best.testError();
            lambda[i] = best.lambda();
            controlPredicted[i] = Eigenlearning.bestOnGrid(control, n[i], lambdas, NOISE).testError();
        }
        StaircaseSteps.Step[] steps = new StaircaseSteps.Step[STEPS.length];
        for (int k = 0; k < STEPS.length; k++) {
            steps[k] = StaircaseSteps.step(spectrum, energies, modes, STEPS[k]);
        }
        double[] traces = new double[maxDegree + 1];
        for (int l = 0; l <= maxDegree; l++) {
            for (double mu : spectrum.eigenvalues(l)) {
                traces[l] += spectrum.multiplicity(l) * mu;
            }
        }
        return new Staircase(d, maxDegree, energies, traces, spectrum.kernelTrace(), modes.tailTrace(), n, predicted,
                lambda, controlPredicted, steps, StaircaseSteps.step(spectrum, energies, control, CONTROL_DEGREE));
    }

    @Override
    public ClaimResult reduce(List<Staircase> results, RunContext ctx) {
        KernelStaircaseReport report = KernelStaircaseReport.of(results);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.upperBound(1, "at n = d^(ℓ+1/2): predicted error = plateau P_ℓ = Σ_{k>ℓ} E_k"
                        + " (P₁, P₂, P₃ = " + Format.fmt(report.plateaus()[0]) + ", "
                        + Format.fmt(report.plateaus()[1]) + ", " + Format.fmt(report.plateaus()[2]) + ") up to the"
                        + " margin m_ℓ(d), for ℓ = 1, 2, 3 and d = " + report.dimsText()
                        + "; the statistic is the largest |predicted − P_ℓ| / m_ℓ(d)"))
                .measured(Measurement.exact(report.worstRatio(), "largest |predicted − P_ℓ| / m_ℓ(d) "
                        + Format.fmt(report.worstRatio()) + "; " + report.stepsText()
                        + (report.failures().isEmpty() ? "" : "; FAILED: " + String.join(", ", report.failures()))))
                .tolerance(Tolerance.none("per (d, ℓ) the margin m_ℓ(d) = P_ℓ (a + s r) + 2 r E_(ℓ+1), with"
                        + " a = Σ_{k<=ℓ} N(d, k)/n, r = n μ_(ℓ+1,0)/T_(>ℓ), s = N(d, ℓ+1) μ_(ℓ+1,0)/T_(>ℓ) and"
                        + " T_(>ℓ) = E k(x, x) − Σ_{k<=ℓ} N(d, k) μ_(k,0); passes when"
                        + " |predicted − P_ℓ| / m_ℓ(d) <= 1"))
                .rationale("No sampling: the prediction is the deterministic equivalent on the exact harmonic spectrum"
                        + " and energies, so the margin is the distance a finite d allows, derived and fixed before any"
                        + " prediction was computed. At n = d^(ℓ+1/2) the equivalent deviates from P_ℓ at first order"
                        + " in d^(−1/2) in two ways of opposite sign: degree ℓ+1 is partly learned (learnability"
                        + " r ≈ (ℓ+1)! s d^(−1/2), which removes at most 2 r E_(ℓ+1)), and the overfitting factor"
                        + " E₀ − 1 ≈ a + s r (a ≈ d^(−1/2)/ℓ!) multiplies about P_ℓ. The margin is the sum of the two"
                        + " sizes, c_ℓ d^(−1/2) asymptotically. At d = 64, n = d^3.5 is 2.7 N(d, 4): the plateau ℓ = 3"
                        + " is barely resolved there, and its margin is about one step.")
                .holds(report.stepsHold())
                .control("the same equivalent with every degree-2 eigenvalue set to 0 (no step at ℓ = 2), through the"
                        + " check at ℓ = 2 with the same margin: rejected when outside it at every d",
                        report.controlRejected(), Measurement.exact(report.controlWorstRatio(), "smallest"
                                + " |predicted − P₂| / m₂(d) " + Format.fmt(report.controlWorstRatio()) + "; "
                                + report.controlText()))
                .details(report.details())
                .sweeps(report.sweeps())
                .plots(List.of(report.plot()))
                .build();
    }
}
