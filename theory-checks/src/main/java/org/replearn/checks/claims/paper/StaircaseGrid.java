package org.replearn.checks.claims.paper;

import org.replearn.core.spectral.EigenModes;
import org.replearn.core.spectral.SphericalHarmonics;
import org.replearn.core.targets.TargetSpec;

/**
 * The discretization of {@link KernelStaircaseClaim}: the largest degree {@code L} is the smallest
 * {@code >= p + 1 = 5} with {@code N(d, L + 1) >= }{@value #HEADROOM}{@code ·d^{4.5}} (the largest {@code n} of the curve), so that the omitted
 * modes sit far below the effective ridge ({@link EigenModes#of}); {@code N(d, L)} must stay below
 * {@value #ROUNDING_LIMIT} (the rounding limit of docs/math.md §8). Radial and angular nodes 32 and 64: at
 * {@code d = 1024} refining them to 48 and 128 moves the leading eigenvalues by {@code < 1.2e-7} relative up to
 * degree 6 (docs/decisions.md). Ridges {@code λ = 10^{−14} … 10} (4 per decade): the smallest is far below
 * {@code T_{>ℓ}/n} at every {@code n} of the curve, so the grid contains the ridgeless limit.
 */
final class StaircaseGrid {
    /** The curve's {@code log n / log d} from {@value #X_MIN} to {@value #X_MAX} in steps of {@value #X_STEP}. */
    static final double X_MIN = 0.5;
    static final double X_MAX = 4.5;
    static final double X_STEP = 0.125;
    /** Radial nodes of the spectrum. */
    static final int RADIAL_POINTS = 32;
    /** Angular nodes of the spectrum. */
    static final int ANGULAR_POINTS = 64;
    /** {@code N(d, L + 1)} is at least this many times the largest {@code n} of the curve. */
    static final double HEADROOM = 1e3;
    /** {@code N(d, L)} stays below this (rounding of the harmonic projection, docs/math.md §8). */
    static final double ROUNDING_LIMIT = 1e20;
    /** The ridge grid: {@code 10^{−14 + k/4}}, {@code k = 0 … 60}. */
    static final double LAMBDA_MIN_EXPONENT = -14;
    static final int LAMBDAS_PER_DECADE = 4;
    static final int LAMBDA_COUNT = 61;

    private StaircaseGrid() {
    }

    /** The number of curve points, {@code (X_MAX − X_MIN)/X_STEP + 1}. */
    static int curvePoints() {
        return (int) Math.round((X_MAX - X_MIN) / X_STEP) + 1;
    }

    /** The curve's {@code log n / log d} values. */
    static double[] exponents() {
        double[] x = new double[curvePoints()];
        for (int i = 0; i < x.length; i++) {
            x[i] = X_MIN + i * X_STEP;
        }
        return x;
    }

    /** The ridge grid {@code 10^{−14 + k/4}}, {@code k = 0 … 60}. */
    static double[] lambdas() {
        double[] lambdas = new double[LAMBDA_COUNT];
        for (int k = 0; k < lambdas.length; k++) {
            lambdas[k] = Math.pow(10, LAMBDA_MIN_EXPONENT + (double) k / LAMBDAS_PER_DECADE);
        }
        return lambdas;
    }

    /**
     * The spectrum's largest degree at {@code d}: the smallest {@code L >= p + 1} with
     * {@code N(d, L + 1) >= HEADROOM·d^{X_MAX}}; an {@link IllegalStateException} if {@code N(d, L)} then exceeds the
     * rounding limit.
     */
    static int maxDegree(int d) {
        double largest = Math.pow(d, X_MAX);
        int l = TargetSpec.parse(KernelStaircaseClaim.TARGET).degree() + 1;
        while (SphericalHarmonics.multiplicity(d, l + 1) < HEADROOM * largest) {
            l++;
        }
        if (SphericalHarmonics.multiplicity(d, l) > ROUNDING_LIMIT) {
            throw new IllegalStateException("d = " + d + " needs degree " + l + " with N(d, L) = "
                    + SphericalHarmonics.multiplicity(d, l) + " > " + ROUNDING_LIMIT + ": beyond the rounding limit");
        }
        return l;
    }
}
