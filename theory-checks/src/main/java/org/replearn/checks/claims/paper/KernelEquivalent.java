package org.replearn.checks.claims.paper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.replearn.checks.claims.stats.Format;
import org.replearn.core.kernel.DotProductKernel;
import org.replearn.core.kernel.GaussianKernel;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.spectral.EigenModes;
import org.replearn.core.spectral.Eigenlearning;
import org.replearn.core.spectral.HarmonicSpectrum;
import org.replearn.core.spectral.SpectralGrid;
import org.replearn.core.spectral.TargetHarmonics;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.training.RidgeHead;

/**
 * The deterministic equivalent of kernel ridge regression (docs/math.md §8) for a rotation-invariant kernel and a
 * target {@code g(Ux)} in {@code R^d}, as the kernel claims use it: the modes of the kernel's harmonic spectrum with
 * the target's energy on each ({@link #harmonic()}), and the naive variant that puts each Hermite degree's energy
 * {@code E_k} on the leading radial mode of harmonic degree {@code k} ({@link #hermite()}, the {@code E₄}-plateau
 * reasoning, a negative control). Predictions are at the best ridge of {@link #LAMBDAS} without label noise.
 *
 * <p>The equivalent is exact only as {@code n, d → ∞}; {@link #allowance(double)} is what a measured error may differ
 * from it by at the sizes the claims run, fixed from calibration runs (docs/decisions.md).
 *
 * @param harmonic the kernel's modes with the target's harmonic energies
 * @param hermite  the same modes with the Hermite-degree energies on the leading radial modes
 */
record KernelEquivalent(EigenModes harmonic, EigenModes hermite) {
    /** The ridge grid every prediction (and every measured fit) uses: 19 values, half a decade apart. */
    static final double[] LAMBDAS = RidgeHead.logGrid(1e-8, 10, 19);
    /** The allowance's relative part: the equivalent's own error at these sizes, a fraction of the prediction. */
    static final double RELATIVE_ALLOWANCE = 0.15;
    /** The allowance's absolute part, for predictions near zero. */
    static final double ABSOLUTE_ALLOWANCE = 0.01;
    private static final int RADIAL_POINTS = 32;
    private static final int ANGULAR_POINTS = 200;
    /** Equivalents already computed in this JVM (a pure function of the key; the cells of a claim share them). */
    private static final Map<List<Object>, KernelEquivalent> CACHE = new ConcurrentHashMap<>();

    /** The rotation-invariant kernels of the claims. */
    enum Kind {
        /** The infinite-width ReLU NTK of docs/math.md §3. */
        RELU_NTK("ntk"),
        /** The Gaussian kernel {@code exp(−‖x − y‖²/2d)}. */
        GAUSSIAN("rbf");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The short name used in cell keys and tables. */
        String label() {
            return label;
        }

        /** The kind whose {@link #label()} is {@code label}, or null. */
        static Kind labelled(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }

        /** The kernel on {@code R^d}. */
        DotProductKernel on(int d) {
            return this == RELU_NTK ? new ReluNtk(d) : new GaussianKernel(d, 1);
        }
    }

    /**
     * The equivalent of {@code kind} on {@code R^d} for {@code g}, harmonic degrees up to {@code maxDegree} (choose
     * {@code N(d, maxDegree + 1)} far above the sample sizes predicted: the degrees above enter as ridge).
     */
    static KernelEquivalent of(Kind kind, HermitePolynomial g, int d, int maxDegree) {
        return CACHE.computeIfAbsent(List.of(kind, g, d, maxDegree), k -> compute(kind, g, d, maxDegree));
    }

    private static KernelEquivalent compute(Kind kind, HermitePolynomial g, int d, int maxDegree) {
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(kind.on(d),
                new SpectralGrid(maxDegree, RADIAL_POINTS, ANGULAR_POINTS));
        EigenModes harmonic = EigenModes.of(spectrum, TargetHarmonics.of(g, d));
        double[] byHermiteDegree = g.energyByDegree();
        double[] naive = new double[harmonic.size()];
        int radial = spectrum.radii().length;
        double beyond = 0;
        for (int k = 0; k < byHermiteDegree.length; k++) {
            if (k <= maxDegree) {
                naive[k * radial] = byHermiteDegree[k];
            } else {
                beyond += byHermiteDegree[k];
            }
        }
        EigenModes hermite = new EigenModes(harmonic.eigenvalues(), harmonic.multiplicities(), naive,
                harmonic.tailTrace(), beyond);
        return new KernelEquivalent(harmonic, hermite);
    }

    /** The predicted relative error at {@code n} samples, at the best ridge of {@link #LAMBDAS}. */
    Eigenlearning.Risk predict(long n) {
        return Eigenlearning.bestOnGrid(harmonic, n, LAMBDAS, 0);
    }

    /** The naive (Hermite-degree) prediction at {@code n} samples, at its own best ridge. */
    Eigenlearning.Risk predictNaive(long n) {
        return Eigenlearning.bestOnGrid(hermite, n, LAMBDAS, 0);
    }

    /**
     * The check's tolerance in words: {@code t·SE + allowance}, {@code t} the Student quantile for {@code replicates}
     * at {@code coverage} with a Bonferroni band over {@code points}.
     */
    static String toleranceText(double t, int replicates, double coverage, int points) {
        return "t·SE + " + RELATIVE_ALLOWANCE + "·predicted + " + ABSOLUTE_ALLOWANCE + ", t = " + Format.fmt(t)
                + " (Student, " + (replicates - 1) + " degrees of freedom, " + Format.fmt(coverage) + " Bonferroni over "
                + points + " points)";
    }

    /** What a measured mean may differ from {@code predicted} by beyond its sampling error. */
    static double allowance(double predicted) {
        return RELATIVE_ALLOWANCE * predicted + ABSOLUTE_ALLOWANCE;
    }
}
