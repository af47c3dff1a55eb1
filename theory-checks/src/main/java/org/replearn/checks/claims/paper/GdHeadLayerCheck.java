package org.replearn.checks.claims.paper;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.stats.Format;

/**
 * Checks (ii) and (iii) of {@link GdHeadClaim}, identities up to rounding: in every replicate a computed quantity's
 * relative distance to its reference recomputed from the definition is at most the rounding bound of the two
 * computations — (ii) the frozen first layer against Algorithm 1's step ({@link GdHeadFirstLayer}), (iii) the ridge
 * head's weights against the ridge solution at its λ ({@link GdHeadRidge}).
 *
 * @param distance  the relative distance per replicate
 * @param bound     the rounding bound per replicate
 * @param reference what the distance is to, for the measurement's text
 */
record GdHeadLayerCheck(double[] distance, double[] bound, String reference) {
    /** Check (ii) for the layer whose distance {@code field} gives, over the replicates {@code results}. */
    static GdHeadLayerCheck layer(List<GdHeadClaim.Heads> results, ToDoubleFunction<GdHeadLayers> field) {
        return new GdHeadLayerCheck(results.stream().mapToDouble(h -> field.applyAsDouble(h.layers())).toArray(),
                results.stream().mapToDouble(h -> h.layers().bound()).toArray(), "Algorithm 1's step");
    }

    /** Check (iii) for the head weights whose distance {@code field} gives, over the replicates {@code results}. */
    static GdHeadLayerCheck ridge(List<GdHeadClaim.Heads> results, ToDoubleFunction<GdHeadRidge> field) {
        return new GdHeadLayerCheck(results.stream().mapToDouble(h -> field.applyAsDouble(h.ridgeSolve())).toArray(),
                results.stream().mapToDouble(h -> h.ridgeSolve().bound()).toArray(), "the ridge solution at its λ");
    }

    /** Whether every distance is within its bound. */
    boolean holds() {
        for (int i = 0; i < distance.length; i++) {
            if (!(distance[i] <= bound[i])) {
                return false;
            }
        }
        return true;
    }

    /** The largest distance among the replicates that have one. */
    double maxDistance() {
        double max = 0;
        for (double v : distance) {
            max = v > max ? v : max;
        }
        return max;
    }

    /** The replicates without a distance ({@code NaN}: no reliable reference). */
    long missing() {
        return java.util.Arrays.stream(distance).filter(Double::isNaN).count();
    }

    /** The smallest bound. */
    double minBound() {
        double min = Double.POSITIVE_INFINITY;
        for (double v : bound) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** The largest distance, exact (no sampling noise: both layers are computed on the same samples). */
    Measurement measurement(String prefix) {
        return Measurement.exact(maxDistance(), prefix + "relative distance to " + reference + " at most "
                + Format.fmt(maxDistance()) + (holds() ? ", within" : ", beyond") + " the rounding bound (smallest "
                + Format.fmt(minBound()) + ")" + (missing() > 0 ? "; " + missing()
                        + " replicates without a reliable reference" : ""));
    }
}
