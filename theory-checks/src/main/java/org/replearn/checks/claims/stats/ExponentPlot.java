package org.replearn.checks.claims.stats;

import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;

/**
 * The figure of a fitted sample-size exponent: every replicate's crossing {@code n*} against the swept parameter
 * x (d, r, …), their geometric mean per x with ± 2 standard errors of the mean of {@code log n*} (when there are two
 * replicates or more), the fitted {@code x^γ} through the geometric means (its legend gives γ with the half-width of
 * its 95 % Student-t interval over the replicates' slopes, rounded to two significant digits) and the predicted power
 * {@code x^p} through the first geometric mean (log-log axes).
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
        PlotSpec.Series mean = PlotSpec.Series.geometricMeans("n*", xs, nStar, PlotSpec.Style.LINE_POINTS);
        return new PlotSpec(name, title, xLabel, "n*", true, true,
                List.of(new PlotSpec.Series("n* per replicate", allX, allN, PlotSpec.Style.POINTS), mean,
                        new PlotSpec.Series("fit " + symbol + "^γ, γ = " + rounded(fit.slope(), fit.halfWidth())
                                + " (95 % t-interval over " + replicates + " replicates)", xs, fitted,
                                PlotSpec.Style.DASHED),
                        new PlotSpec.Series(symbol + "^" + Format.fmt(predicted) + " (predicted)", xs, power,
                                PlotSpec.Style.DASHED)),
                List.of());
    }

    /**
     * {@code value ± halfWidth}, the half-width to two significant digits and the value to the same decimal; the
     * value alone when the half-width is not finite or below 10⁻⁶ of it (an exact law).
     */
    static String rounded(double value, double halfWidth) {
        if (!(halfWidth > 1e-6 * Math.abs(value)) || !Double.isFinite(halfWidth)) {
            return Format.fmt(value);
        }
        int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(halfWidth)));
        String pattern = "%." + decimals + "f";
        return String.format(java.util.Locale.ROOT, pattern + " ± " + pattern, value, halfWidth);
    }

    private ExponentPlot() {
    }
}
