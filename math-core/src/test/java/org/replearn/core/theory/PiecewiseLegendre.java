package org.replearn.core.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Reference one-dimensional integration for the tests: Commons Math's 40-point Gauss–Legendre rule on pieces of
 * width at most 0.5, refined around given points (a kink or a steep step of the integrand) to a given width. With an
 * integrand analytic on each piece, every piece is integrated to rounding.
 */
final class PiecewiseLegendre {
    private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();

    private PiecewiseLegendre() {
    }

    /**
     * {@code ∫_lo^hi f}, with extra cuts at {@code centers[i] + j·widths[i]}, {@code |j| <= 12} (a width of 0 adds the
     * single cut {@code centers[i]}).
     */
    static double integrate(UnivariateFunction f, double lo, double hi, double[] centers, double[] widths) {
        if (!(hi > lo)) {
            return 0;
        }
        TreeSet<Double> cuts = new TreeSet<>();
        cuts.add(lo);
        cuts.add(hi);
        for (double x = Math.ceil(2 * lo) / 2; x < hi; x += 0.5) {
            cuts.add(x);
        }
        for (int i = 0; i < centers.length; i++) {
            if (widths[i] == 0) {
                cuts.add(centers[i]);
                continue;
            }
            for (int j = -12; j <= 12; j++) {
                cuts.add(centers[i] + j * widths[i]);
            }
        }
        List<Double> points = new ArrayList<>();
        for (double x : cuts.subSet(lo, true, hi, true)) {
            if (points.isEmpty() || x - points.get(points.size() - 1) > 1e-9) {
                points.add(x);
            } else if (x == hi) {
                points.set(points.size() - 1, hi); // merge a sliver into its neighbour
            }
        }
        double sum = 0;
        for (int i = 0; i + 1 < points.size(); i++) {
            sum += FACTORY.legendre(40, points.get(i), points.get(i + 1)).integrate(f);
        }
        return sum;
    }
}
