package org.replearn.core.spectral;

import org.replearn.core.Validate;

/**
 * The discretization of a {@link HarmonicSpectrum}: harmonic degrees {@code ℓ = 0 … maxDegree}, a Gamma rule of
 * {@code radialPoints} nodes in {@code ‖x‖²/2} and a Gegenbauer rule of {@code angularPoints} nodes in
 * {@code t = θ·θ'}. The angular rule integrates {@code K Q_ℓ} for every {@code ℓ <= maxDegree}, so it needs more
 * nodes than degrees; a non-smooth kernel (the ReLU kernels at {@code x = y}) needs many more at small {@code d}.
 *
 * @param maxDegree     the largest harmonic degree {@code L >= 0}
 * @param radialPoints  nodes of the radial rule, {@code >= 1}
 * @param angularPoints nodes of the angular rule, {@code > maxDegree}
 */
public record SpectralGrid(int maxDegree, int radialPoints, int angularPoints) {
    /** Validates the sizes. */
    public SpectralGrid {
        Validate.atLeast("maxDegree", maxDegree, 0, "degrees start at 0");
        Validate.atLeast("radialPoints", radialPoints, 1, "use at least one radial node");
        Validate.atLeast("angularPoints", angularPoints, maxDegree + 1,
                "the angular rule must have more nodes than the largest degree");
    }
}
