package org.replearn.checks.claims.stats;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Tolerance;

/**
 * Power laws and exponents: least-squares fits of {@code log y} on {@code log x}, and exponents fitted once per
 * independent replicate and averaged, with their standard error and Student-t critical value.
 */
public final class Exponents {
    /**
     * A least-squares line {@code log y = intercept + slope·log x} (natural logarithms).
     *
     * @param slope               fitted exponent
     * @param intercept           fitted {@code log} prefactor
     * @param slopeStandardError  standard error of the slope from the residuals ({@code NaN} for two points)
     */
    public record PowerLaw(double slope, double intercept, double slopeStandardError) {
        /** The fitted {@code y} at {@code x}. */
        public double at(double x) {
            return Math.exp(intercept + slope * Math.log(x));
        }
    }

    /** Fits {@code y ≈ c·x^slope} by least squares on {@code (log x, log y)}; needs at least two positive points. */
    public static PowerLaw powerLaw(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a power-law fit needs at least two (x, y) pairs, got " + x.length
                    + " and " + y.length);
        }
        SimpleRegression reg = new SimpleRegression(true);
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("power-law fit: point (" + x[i] + ", " + y[i] + ") is not positive");
            }
            reg.addData(Math.log(x[i]), Math.log(y[i]));
        }
        return new PowerLaw(reg.getSlope(), reg.getIntercept(), x.length > 2 ? reg.getSlopeStdErr() : Double.NaN);
    }

    /**
     * An exponent fitted once per master seed and averaged: {@code slope} is the mean of the per-seed least-squares
     * slopes of {@code log y} on {@code log x}, {@code standardError} their sample standard deviation over
     * {@code sqrt(seeds)} (seeds are independent replicates; points of one seed share its sample and are not), and
     * {@code criticalValue} the two-sided 95 % Student-t quantile with {@code seeds − 1} degrees of freedom.
     *
     * @param slope         mean per-seed exponent
     * @param standardError standard error of the mean across seeds
     * @param criticalValue {@code t_{0.975, seeds−1}}
     * @param perSeed       the per-seed exponents
     */
    public record SeedSlope(double slope, double standardError, double criticalValue, double[] perSeed) {
        /** Copies the per-seed slopes. */
        public SeedSlope {
            perSeed = perSeed.clone();
        }

        /** A copy of the per-seed slopes. */
        @Override
        public double[] perSeed() {
            return perSeed.clone();
        }

        /** {@code |slope − predicted| <= criticalValue·standardError + allowance}. */
        public boolean agrees(double predicted, double allowance) {
            return Math.abs(slope - predicted) <= criticalValue * standardError + allowance;
        }

        /** The half-width {@code criticalValue·standardError} of the 95 % interval. */
        public double halfWidth() {
            return criticalValue * standardError;
        }
    }

    /**
     * {@link SeedSlope} of {@code y[s][i] ≈ c_s·x[s][i]^slope}: row {@code s} holds one seed's points (at least two,
     * positive), at least two seeds.
     */
    public static SeedSlope seedSlope(double[][] x, double[][] y) {
        int seeds = x.length;
        if (seeds < 2 || y.length != seeds) {
            throw new IllegalArgumentException("a per-seed exponent needs at least two seeds of points, got " + seeds);
        }
        double[] slopes = new double[seeds];
        double mean = 0;
        for (int s = 0; s < seeds; s++) {
            slopes[s] = powerLaw(x[s], y[s]).slope();
            mean += slopes[s] / seeds;
        }
        double ss = 0;
        for (double v : slopes) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (seeds - 1.0) / seeds);
        return new SeedSlope(mean, se, Intervals.studentCritical(seeds - 1), slopes);
    }

    /**
     * {@link #seedSlope}, or null when some replicate lacks a point ({@code y} holds a NaN, e.g. a curve that never
     * crossed its level).
     */
    public static SeedSlope seedSlopeIfComplete(double[][] x, double[][] y) {
        for (double[] row : y) {
            for (double v : row) {
                if (Double.isNaN(v)) {
                    return null;
                }
            }
        }
        return seedSlope(x, y);
    }

    /**
     * The exponent shift {@code log(log xMax/log xMin)/log(xMax/xMin)} a factor {@code log x} in {@code y} makes on a
     * power law fitted over {@code [xMin, xMax]}: the allowance of a rate stated up to logarithmic factors.
     */
    public static double logFactorAllowance(int xMin, int xMax) {
        return Math.log(Math.log(xMax) / Math.log(xMin)) / Math.log((double) xMax / xMin);
    }

    /**
     * {@code log(ε/(ε − f))/log(xMax/xMin)}: the most a floor f under an error {@code f + C/n} raises the log-log slope
     * of the crossings of ε fitted over {@code [xMin, xMax]} (n* grows by {@code ε/(ε − f)} at most, at the top);
     * infinite if {@code f >= ε}.
     */
    public static double floorAllowance(double eps, double floor, double xMin, double xMax) {
        if (floor >= eps) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.log(eps / (eps - Math.max(0, floor))) / Math.log(xMax / xMin);
    }

    /**
     * A fitted exponent in brief, for a table of fits: its mean, standard error and per-replicate exponents.
     *
     * @param exponent      mean per-replicate exponent
     * @param standardError standard error of the mean across replicates
     * @param perReplicate  the per-replicate exponents
     */
    public record Brief(double exponent, double standardError, double[] perReplicate) {
    }

    /** {@code fit} in {@link Brief}, or {@code missing} when {@code fit} is null. */
    public static Object brief(SeedSlope fit, String missing) {
        return fit == null ? missing : new Brief(fit.slope(), fit.standardError(), fit.perSeed());
    }

    /** The geometric mean over rows of {@code y[s][i] / scale}, per column i. */
    public static double[] geometricMeans(double[][] y, double scale) {
        double[] g = new double[y[0].length];
        for (int i = 0; i < g.length; i++) {
            double lm = 0;
            for (double[] row : y) {
                lm += Math.log(row[i] / scale) / y.length;
            }
            g[i] = Math.exp(lm);
        }
        return g;
    }

    /**
     * The measurement of a fitted exponent: its mean, standard error and replicate count; NaN value and error when
     * {@code fit} is null.
     */
    public static Measurement measurement(SeedSlope fit, int replicates, String text) {
        return fit == null ? Measurement.of(Double.NaN, Double.NaN, replicates, text)
                : Measurement.of(fit.slope(), fit.standardError(), replicates, text);
    }

    /**
     * The tolerance of {@link SeedSlope#agrees(double, double)}: {@code t·SE + allowance} (NaN when {@code fit} is
     * null), derived as {@link #exponentTolerance} states it.
     */
    public static Tolerance tolerance(SeedSlope fit, int replicates, double allowance, String allowanceName) {
        return Tolerance.of(fit == null ? Double.NaN : fit.halfWidth() + allowance,
                exponentTolerance(fit, replicates, allowance, allowanceName));
    }

    /**
     * A fitted exponent in a claim's details (used {@code @JsonUnwrapped}, so its keys stay flat); {@code NaN} and
     * empty when there is no fit, i.e. when some replicate never produced a point.
     *
     * @param exponent              mean per-replicate exponent
     * @param exponentStandardError standard error of the mean across replicates
     * @param exponentCriticalValue {@code t_{0.975, R−1}}
     * @param exponentPerReplicate  the per-replicate exponents
     */
    public record Fit(double exponent, double exponentStandardError, double exponentCriticalValue,
            double[] exponentPerReplicate) {
        /** The details of {@code fit} (null: no fit). */
        public static Fit of(SeedSlope fit) {
            return fit == null ? new Fit(Double.NaN, Double.NaN, Double.NaN, new double[0])
                    : new Fit(fit.slope(), fit.standardError(), fit.criticalValue(), fit.perSeed());
        }
    }

    /**
     * The tolerance text of an exponent judged by {@link SeedSlope#agrees(double, double)}:
     * {@code ±(t·SE + allowance) = t_{0.975,R−1} t × SE se + <name> allowance}.
     */
    public static String exponentTolerance(SeedSlope fit, int replicates, double allowance, String allowanceName) {
        return fit == null ? "t·SE + " + Format.fmt(allowance)
                : "±" + Format.fmt(fit.halfWidth() + allowance) + " = t_{0.975," + (replicates - 1) + "} "
                        + Format.fmt(fit.criticalValue()) + " × SE " + Format.fmt(fit.standardError()) + " + " + allowanceName
                        + " allowance " + Format.fmt(allowance);
    }

    /**
     * A fitted exponent in words: {@code law + slope + " (SE se over R replicates; per replicate [..]" + more + ")"}
     * (per-replicate exponents to two decimals).
     */
    public static String describe(SeedSlope fit, String law, int replicates, String more) {
        return law + Format.fmt(fit.slope()) + " (SE " + Format.fmt(fit.standardError()) + " over " + replicates
                + " replicates; per replicate " + java.util.Arrays.toString(Format.round2(fit.perSeed())) + more + ")";
    }

    private Exponents() {
    }
}
