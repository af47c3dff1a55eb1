package org.replearn.checks.claims.api;

import java.util.List;

/**
 * A figure, rendered by the report as {@code <name>.png} and {@code <name>.svg}: data series on linear or
 * logarithmic axes plus vertical markers (e.g. {@code n = d²}).
 *
 * @param name    file stem (kebab-case)
 * @param title   chart title
 * @param xLabel  x-axis label
 * @param yLabel  y-axis label
 * @param logX    logarithmic x axis (every x must then be > 0)
 * @param logY    logarithmic y axis (every y must then be > 0)
 * @param series  the curves, drawn in order (legend names unique, markers included)
 * @param markers vertical lines
 */
public record PlotSpec(String name, String title, String xLabel, String yLabel, boolean logX, boolean logY,
        List<Series> series, List<Marker> markers) implements java.io.Serializable {

    /** Validates the name and log-axis positivity; copies. */
    public PlotSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("plot name '" + name + "' must be kebab-case [a-z0-9-]: it is a file name");
        }
        series = List.copyOf(series);
        markers = List.copyOf(markers);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Series s : series) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("plot " + name + ": two series are named '" + s.name() + "'");
            }
        }
        for (Marker m : markers) {
            if (!names.add(m.label())) {
                throw new IllegalArgumentException("plot " + name + ": two series are named '" + m.label() + "'");
            }
        }
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if ((logX && !(s.x()[i] > 0)) || (logY && !(s.y()[i] > 0))) {
                    throw new IllegalArgumentException("plot " + name + ", series '" + s.name() + "': point (" + s.x()[i]
                            + ", " + s.y()[i] + ") is not positive on a logarithmic axis");
                }
            }
        }
    }

    /** How a series is drawn. */
    public enum Style {
        /** Markers only (measurements). */
        POINTS,
        /** Markers joined by a line (a measured curve). */
        LINE_POINTS,
        /** A dashed line without markers (a prediction or reference slope: exact, so without intervals). */
        DASHED,
        /** A negative control's curve: grey markers joined by a dotted line, apart from the measurements. */
        CONTROL
    }

    /**
     * One curve, optionally with an interval per point (drawn as a vertical bar from {@code lower} to {@code upper};
     * its meaning, e.g. "± 2 SE" or "95% t-interval", belongs in the legend entry). A measured series whose claim
     * has standard errors carries its intervals; a series without them is exact (a prediction: {@link Style#DASHED}).
     *
     * @param name  legend entry
     * @param x     abscissae
     * @param y     ordinates, same length
     * @param lower lower ends of the intervals (same length, {@code <= y}), or null for none
     * @param upper upper ends of the intervals (same length, {@code >= y}), or null for none
     * @param style how it is drawn
     */
    public record Series(String name, double[] x, double[] y, double[] lower, double[] upper, Style style)
            implements java.io.Serializable {
        /** Checks lengths, finiteness and that each interval contains its point; copies. */
        public Series {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " and y " + y.length
                        + " points; need the same non-zero number");
            }
            if ((lower == null) != (upper == null) || lower != null && (lower.length != y.length
                    || upper.length != y.length)) {
                throw new IllegalArgumentException("series '" + name + "': intervals need a lower and an upper end"
                        + " for each of the " + y.length + " points");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("series '" + name + "': point " + i + " = (" + x[i] + ", " + y[i]
                            + ") is not finite");
                }
                if (lower != null && !(lower[i] <= y[i] && y[i] <= upper[i] && Double.isFinite(lower[i])
                        && Double.isFinite(upper[i]))) {
                    throw new IllegalArgumentException("series '" + name + "': interval " + i + " = [" + lower[i] + ", "
                            + upper[i] + "] does not contain y = " + y[i]);
                }
            }
            x = x.clone();
            y = y.clone();
            lower = lower == null ? null : lower.clone();
            upper = upper == null ? null : upper.clone();
        }

        /** A curve without intervals. */
        public Series(String name, double[] x, double[] y, Style style) {
            this(name, x, y, null, null, style);
        }

        /** A curve with the symmetric intervals {@code y ± halfWidth}. */
        public static Series withErrors(String name, double[] x, double[] y, double[] halfWidth, Style style) {
            double[] lo = new double[y.length];
            double[] hi = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                lo[i] = y[i] - halfWidth[i];
                hi[i] = y[i] + halfWidth[i];
            }
            return new Series(name, x, y, lo, hi, style);
        }

        /**
         * The mean over replicates at each x, {@code values[replicate][point]}, with ± 2 standard errors of the mean
         * ({@code sd/√R}) when there are two replicates or more; the legend entry says so.
         */
        public static Series replicateMeans(String name, double[] x, double[][] values, Style style) {
            int replicates = values.length;
            double[] mean = new double[x.length];
            double[] twoSe = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                for (double[] v : values) {
                    mean[i] += v[i] / replicates;
                }
                double ss = 0;
                for (double[] v : values) {
                    ss += (v[i] - mean[i]) * (v[i] - mean[i]);
                }
                twoSe[i] = replicates < 2 ? 0 : 2 * Math.sqrt(ss / (replicates - 1.0) / replicates);
            }
            return replicates < 2 ? new Series(name + " (1 replicate)", x, mean, style)
                    : withErrors(name + " (mean ± 2 SE, " + replicates + " replicates)", x, mean, twoSe, style);
        }

        /**
         * The geometric mean over replicates at each x, {@code values[replicate][point] > 0}, with
         * {@code exp(mean log ± 2 SE of log)} when there are two replicates or more; the legend entry says so.
         */
        public static Series geometricMeans(String name, double[] x, double[][] values, Style style) {
            double[][] logs = new double[values.length][x.length];
            for (int s = 0; s < values.length; s++) {
                for (int i = 0; i < x.length; i++) {
                    logs[s][i] = Math.log(values[s][i]);
                }
            }
            Series log = replicateMeans(name, x, logs, style);
            double[] geo = new double[x.length];
            double[] lo = new double[x.length];
            double[] hi = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                geo[i] = Math.exp(log.y[i]);
                lo[i] = log.lower == null ? geo[i] : Math.exp(log.lower[i]);
                hi[i] = log.upper == null ? geo[i] : Math.exp(log.upper[i]);
            }
            return values.length < 2 ? new Series(name + " (1 replicate)", x, geo, style)
                    : new Series(name + " (geometric mean, ± 2 SE of log, " + values.length + " replicates)", x, geo,
                            lo, hi, style);
        }

        /** Whether the points carry intervals. */
        public boolean hasIntervals() {
            return lower != null;
        }

        @Override
        public double[] lower() {
            return lower == null ? null : lower.clone();
        }

        @Override
        public double[] upper() {
            return upper == null ? null : upper.clone();
        }
    }

    /**
     * A vertical line at {@code x} (e.g. {@code n = d²}).
     *
     * @param label legend entry
     * @param x     position
     */
    public record Marker(String label, double x) implements java.io.Serializable {
    }
}
