package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.paper.KernelStaircaseClaim.Dimension;
import org.replearn.checks.claims.paper.KernelStaircaseClaim.Staircase;
import org.replearn.checks.claims.paper.StaircaseSteps.Step;
import org.replearn.checks.pipeline.InProcess;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.spectral.EigenModes;
import org.replearn.core.spectral.HarmonicSpectrum;
import org.replearn.core.spectral.SpectralGrid;
import org.replearn.core.spectral.SphericalHarmonics;
import org.replearn.core.spectral.TargetHarmonics;
import org.replearn.core.targets.TargetSpec;

/**
 * {@link KernelStaircaseClaim} beyond its verdict: the control really has no step at {@code ℓ = 2}, the spectral grid
 * is fine enough, and the claim keeps the contract of every claim (checked here until it is registered in
 * {@link Claims}, whose claims {@code ClaimContractTest} checks).
 */
class KernelStaircaseClaimTest {
    private static final RunContext CTX = new RunContext(Scale.QUICK, 0, 2, Progress.NONE);
    private static final KernelStaircaseClaim CLAIM = new KernelStaircaseClaim();
    private static List<Dimension> cells;
    private static List<Staircase> results;

    @BeforeAll
    static void runOnce() {
        cells = CLAIM.cells(CTX);
        results = InProcess.computeAll(CLAIM, cells, CTX);
    }

    /** The target has energy 1/4 in each harmonic degree 1 … 4 at every d (exact algebra, to rounding). */
    @Test
    void targetHasAQuarterOfItsEnergyInEachDegreeOneToFour() {
        for (Staircase s : results) {
            double[] e = s.degreeEnergies();
            assertEquals(5, e.length);
            assertEquals(0, e[0], 1e-14);
            for (int k = 1; k <= 4; k++) {
                assertEquals(0.25, e[k], 1e-13, "d = " + s.d() + ", degree " + k);
            }
        }
    }

    /**
     * The control zeroes the eigenvalues of exactly the degree-2 modes (one per radial node) and keeps every other
     * number of the equivalent bit for bit.
     */
    @Test
    void controlZeroesExactlyTheDegreeTwoModes() {
        int d = 64;
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(new ReluNtk(d), new SpectralGrid(6, 8, 16));
        EigenModes modes = EigenModes.of(spectrum,
                TargetHarmonics.of(TargetSpec.parse(KernelStaircaseClaim.TARGET), d));
        EigenModes control = StaircaseSteps.withoutDegree(modes, spectrum, 2);
        double[] before = modes.eigenvalues();
        double[] after = control.eigenvalues();
        double[] m = modes.multiplicities();
        int zeroed = 0;
        for (int i = 0; i < before.length; i++) {
            if (m[i] == SphericalHarmonics.multiplicity(d, 2)) {
                assertEquals(0, after[i], 0.0);
                zeroed++;
            } else {
                assertEquals(before[i], after[i], 0.0);
            }
        }
        assertEquals(8, zeroed);
        assertArrayEquals(m, control.multiplicities(), 0.0);
        assertArrayEquals(modes.energies(), control.energies(), 0.0);
        assertEquals(modes.tailTrace(), control.tailTrace(), 0.0);
        assertEquals(modes.residualEnergy(), control.residualEnergy(), 0.0);
    }

    /**
     * No step at {@code ℓ = 2} without degree-2 eigenvalues: at {@code n = d^{2.5}} the control is nearer
     * {@code P₁} than {@code P₂}, outside the margin of {@code P₂}, and above the kernel's prediction by the
     * degree-2 energy {@code E₂} (the missing step), up to the same margin {@code m₂(d)}.
     */
    @Test
    void controlShowsNoStepAtDegreeTwo() {
        for (Staircase s : results) {
            Step control = s.control();
            Step kernel = s.steps()[1];
            double[] e = s.degreeEnergies();
            double p1 = StaircaseSteps.plateau(e, 1);
            double p2 = StaircaseSteps.plateau(e, 2);
            String where = "d = " + s.d() + ": control " + control.predicted() + ", kernel " + kernel.predicted();
            assertEquals(2, control.degree());
            assertEquals(kernel.n(), control.n());
            assertEquals(kernel.margin(), control.margin(), 0.0, "the same margin");
            assertTrue(Math.abs(control.predicted() - p1) < Math.abs(control.predicted() - p2), where);
            assertFalse(control.within(), where);
            assertEquals(e[2], control.predicted() - kernel.predicted(), kernel.margin(), where);
        }
    }

    /** {@code L} per d: the smallest with {@code N(d, L + 1) >= 1e3·d^{4.5}}, within the rounding limit. */
    @Test
    void maxDegreeLeavesHeadroomAboveTheLargestSampleSize() {
        assertEquals(9, StaircaseGrid.maxDegree(64));
        assertEquals(7, StaircaseGrid.maxDegree(256));
        assertEquals(6, StaircaseGrid.maxDegree(1024));
        for (int d : new int[] {64, 256, 1024}) {
            int l = StaircaseGrid.maxDegree(d);
            assertTrue(SphericalHarmonics.multiplicity(d, l + 1) >= 1e3 * Math.pow(d, 4.5));
            assertTrue(SphericalHarmonics.multiplicity(d, l) < 1e3 * Math.pow(d, 4.5));
            assertTrue(SphericalHarmonics.multiplicity(d, l) < 1e20);
        }
    }

    /**
     * The spectral grid is fine enough: 48 radial and 128 angular nodes (and one degree more) move no check's
     * prediction by more than 1e-3 of its margin, so the grid's error cannot decide a verdict.
     */
    @Test
    void aFinerGridMovesNoCheckAgainstItsMargin() {
        for (Staircase s : results) {
            int d = s.d();
            HarmonicSpectrum fine = HarmonicSpectrum.of(new ReluNtk(d),
                    new SpectralGrid(s.maxDegree() + 1, 48, 128));
            TargetHarmonics harmonics = TargetHarmonics.of(TargetSpec.parse(KernelStaircaseClaim.TARGET), d);
            EigenModes modes = EigenModes.of(fine, harmonics);
            for (Step step : s.steps()) {
                Step refined = StaircaseSteps.step(fine, harmonics.degreeEnergies(), modes, step.degree());
                assertEquals(step.predicted(), refined.predicted(), 1e-3 * step.margin(),
                        "d = " + d + ", ℓ = " + step.degree());
                assertEquals(step.margin(), refined.margin(), 1e-3 * step.margin(), "d = " + d);
            }
        }
    }

    /** The result holds with its control rejected, and its details have the keys claims.json documents. */
    @Test
    void holdsWithItsControlRejectedAndDocumentedDetails() {
        ClaimResult r = CLAIM.reduce(results, CTX);
        assertTrue(r.holds(), r.measured().text());
        assertTrue(r.controls().get(0).rejected(), r.controls().get(0).measured().text());
        assertTrue(r.details().keySet().containsAll(List.of("log_n_over_log_d", "checks", "control_checks",
                "max_deviation_over_margin", "control_min_deviation_over_margin")), r.details().keySet().toString());
    }
}
