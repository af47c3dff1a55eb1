package org.replearn.core.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.metrics.Predictor;

/**
 * What a learner returns: the predictor and its diagnostics.
 *
 * @param predictor       the fitted predictor {@code x ↦ f̂(x)}
 * @param firstLayer      the first layer {@code W} (m×d) the predictor uses (for the alignment metrics), or
 *                        {@code null} for kernel methods, which have none
 * @param lambda          the ridge {@code λ} used (chosen on validation where the learner has a grid); {@code 0}
 *                        for unregularized full gradient descent
 * @param headSteps       the gradient steps {@code T} of a gradient-descent head (chosen on validation where it
 *                        stops early), {@code 0} for every other head
 * @param validationError mean squared validation error {@code mean(f̂ - y_val)²} of the returned predictor
 * @param seconds         wall time per stage in seconds, in the order the stages ran
 */
public record FitResult(Predictor predictor, DMatrixRMaj firstLayer, double lambda, int headSteps,
        double validationError, Map<String, Double> seconds) {
    /** Copies the first layer and the timings. */
    public FitResult {
        if (predictor == null) {
            throw new IllegalArgumentException("predictor is null: a fit must return a predictor");
        }
        firstLayer = firstLayer == null ? null : firstLayer.copy();
        seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }

    /** A copy of the first layer, or {@code null} for kernel methods. */
    @Override
    public DMatrixRMaj firstLayer() {
        return firstLayer == null ? null : firstLayer.copy();
    }

    /** Total wall time of all stages, in seconds. */
    public double totalSeconds() {
        double s = 0;
        for (double v : seconds.values()) {
            s += v;
        }
        return s;
    }
}
