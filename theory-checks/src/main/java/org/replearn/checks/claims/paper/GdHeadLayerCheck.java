package org.replearn.checks.claims.paper;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.stats.Format;

/**
 * Check (ii) of {@link GdHeadClaim}, an identity up to rounding: in every replicate the frozen first layer's relative
 * Frobenius distance to Algorithm 1's step recomputed from its definition ({@link GdHeadFirstLayer}) is at most the
 * rounding bound of the two computations.
 *
 * @param distance the relative distance per replicate
 * @param bound    the rounding bound per replicate
 */
record GdHeadLayerCheck(double[] distance, double[] bound) {
    /** The check of the layer whose distance {@code field} gives, over the replicates {@code results}. */
    static GdHeadLayerCheck of(List<GdHeadClaim.Heads> results, ToDoubleFunction<GdHeadClaim.Layers> field) {
        return new GdHeadLayerCheck(results.stream().mapToDouble(h -> field.applyAsDouble(h.layers())).toArray(),
                results.stream().mapToDouble(h -> h.layers().bound()).toArray());
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

    /** The largest distance. */
    double maxDistance() {
        double max = 0;
        for (double v : distance) {
            max = Math.max(max, v);
        }
        return max;
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
        return Measurement.exact(maxDistance(), prefix + "relative distance to Algorithm 1's step at most "
                + Format.fmt(maxDistance()) + (holds() ? ", within" : ", beyond") + " the rounding bound (smallest "
                + Format.fmt(minBound()) + ")");
    }
}
