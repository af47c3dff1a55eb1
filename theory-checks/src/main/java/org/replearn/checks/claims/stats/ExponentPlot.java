package org.replearn.checks.claims.stats;

import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;

/**
 * The figure of a fitted sample-size exponent: every replicate's crossing {@code n*} against the swept parameter
 * x (d, r, …), their geometric mean per x, the fitted {@code x^γ} through the geometric means and the predicted
 * power {@code x^p} through the first geometric mean (log-log axes).
 */
public final class ExponentPlot {
    /** The figure {@code name} of {@code nStar[s][i]} (replicate s at {@code xs[i]}) with fit {@code fit}. */
    public static PlotSpec of(String name, String title, String xLabel, int[] xs, double[][] nStar,
            Exponents.SeedSlope fit, double predicted, String symbol) {
        double[] xd = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xd[i] = xs[i];
        }
        return of(name, title, xLabel, xd, nStar, fit, predicted, symbol);
    }

    /** As above with real abscissae. */
    public static PlotSpec of(String name, String title, String xLabel, double[] xs, double[][] nStar,
            Exponents.SeedSlope fit, double predicted, String symbol) {
        int replicates = nStar.length;
        double[] geo = Exponents.geometricMeans(nStar, 1);
        double[] allX = new double[replicates * xs.length];
        double[] allN = new double[replicates * xs.length];
        double offset = 0;
        for (int i = 0; i < xs.length; i++) {
            for (int s = 0; s < replicates; s++) {
                allX[i * replicates + s] = xs[i];
                allN[i * replicates + s] = nStar[s][i];
            }
            offset += (Math.log(geo[i]) - fit.slope() * Math.log(xs[i])) / xs.length;
        }
        double[] fitted = new double[xs.length];
        double[] power = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            fitted[i] = Math.exp(offset + fit.slope() * Math.log(xs[i]));
            power[i] = geo[0] * Math.pow(xs[i] / xs[0], predicted);
        }
        return new PlotSpec(name, title, xLabel, "n*", true, true,
                List.of(new PlotSpec.Series("n* per replicate", allX, allN, PlotSpec.Style.POINTS),
                        new PlotSpec.Series("geometric mean n*", xs, geo, PlotSpec.Style.LINE_POINTS),
                        new PlotSpec.Series("fit " + symbol + "^" + Format.fmt(fit.slope()) + " ± "
                                + Format.fmt(fit.halfWidth()), xs, fitted, PlotSpec.Style.DASHED),
                        new PlotSpec.Series(symbol + "^" + Format.fmt(predicted) + " (predicted)", xs, power,
                                PlotSpec.Style.DASHED)),
                List.of());
    }

    private ExponentPlot() {
    }
}
