package org.replearn.checks.claims;

import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The statistics the claims share, in one place: log-log slopes with their standard errors, binomial standard
 * errors, Gaussian quantiles, the coverage check of z-scores, and the number format of report texts.
 */
public final class Fits {
    /** Nominal coverage of the two-sided interval {@code |z| < }{@link #Z_COVERAGE} for a standard normal z. */
    public static final double COVERAGE = 0.95;
    /** The conventional two-sided 95 % threshold of a standard normal (Φ⁻¹(0.975) = 1.95996…). */
    public static final double Z_COVERAGE = 1.96;
    /**
     * Standard errors a measured frequency may deviate from its prediction: for independent scores a 4-SE deviation
     * has probability below 1e-4.
     */
    public static final double SE_ALLOWANCE = 4;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Fits() {
    }

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
        return new SeedSlope(mean, se, studentCritical(seeds - 1), slopes);
    }

    /** The two-sided 95 % Student-t quantile {@code t_{0.975, dof}} ({@code dof >= 1}). */
    public static double studentCritical(int degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.5 + COVERAGE / 2);
    }

    /**
     * Records a fitted exponent in a claim's details: {@code exponent}, {@code exponent_standard_error},
     * {@code exponent_critical_value}, {@code exponent_per_replicate} ({@code NaN} and empty when {@code fit} is null,
     * i.e. when some replicate never produced a point).
     */
    public static void putExponent(Map<String, Object> details, SeedSlope fit) {
        details.put("exponent", fit == null ? Double.NaN : fit.slope());
        details.put("exponent_standard_error", fit == null ? Double.NaN : fit.standardError());
        details.put("exponent_critical_value", fit == null ? Double.NaN : fit.criticalValue());
        details.put("exponent_per_replicate", fit == null ? new double[0] : fit.perSeed());
    }

    /**
     * The tolerance text of an exponent judged by {@link SeedSlope#agrees(double, double)}:
     * {@code ±(t·SE + allowance) = t_{0.975,R−1} t × SE se + <name> allowance}.
     */
    public static String exponentTolerance(SeedSlope fit, int replicates, double allowance, String allowanceName) {
        return fit == null ? "t·SE + " + fmt(allowance)
                : "±" + fmt(fit.halfWidth() + allowance) + " = t_{0.975," + (replicates - 1) + "} "
                        + fmt(fit.criticalValue()) + " × SE " + fmt(fit.standardError()) + " + " + allowanceName
                        + " allowance " + fmt(allowance);
    }

    /**
     * Mean and standard error of independent replicates {@code v} (at least two): {@code {mean, sd/sqrt(count)}}.
     */
    public static double[] meanAndStandardError(double[] v) {
        if (v.length < 2) {
            throw new IllegalArgumentException("a standard error needs at least two replicates, got " + v.length);
        }
        double mean = 0;
        for (double e : v) {
            mean += e / v.length;
        }
        double ss = 0;
        for (double e : v) {
            ss += (e - mean) * (e - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1.0) / v.length)};
    }

    /** The n where {@code err} first drops to {@code eps}, interpolating linearly in (log n, log err); NaN if never. */
    public static double firstCrossing(double[] n, double[] err, double eps) {
        if (err[0] <= eps) {
            return n[0];
        }
        for (int i = 1; i < n.length; i++) {
            if (err[i] <= eps) {
                double t = (Math.log(eps) - Math.log(err[i - 1])) / (Math.log(err[i]) - Math.log(err[i - 1]));
                return Math.exp(Math.log(n[i - 1]) + t * (Math.log(n[i]) - Math.log(n[i - 1])));
            }
        }
        return Double.NaN;
    }

    /** The grid {@code 2^{k/perOctave}} for the integers k from {@code round(perOctave·log₂ lo)} to that of {@code hi}. */
    public static double[] octaveGrid(double lo, double hi, int perOctave) {
        int a = (int) Math.round(perOctave * Math.log(lo) / Math.log(2));
        int b = (int) Math.round(perOctave * Math.log(hi) / Math.log(2));
        double[] out = new double[b - a + 1];
        for (int k = a; k <= b; k++) {
            out[k - a] = Math.pow(2, k / (double) perOctave);
        }
        return out;
    }

    /** Each entry rounded to two decimals, for report text (the JSON and CSV keep full precision). */
    public static double[] round2(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * 100) / 100.0;
        }
        return out;
    }

    /** Standard error {@code sqrt(p(1-p)/trials)} of an observed frequency with success probability {@code p}. */
    public static double binomialStandardError(double p, int trials) {
        return Math.sqrt(p * (1 - p) / trials);
    }

    /** {@code Φ⁻¹(p)} for the standard normal. */
    public static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /**
     * The two-sided threshold {@code z*} with {@code P(max_i |Z_i| > z*) <= alpha} for {@code count} standard normal
     * z-scores, by the union (Bonferroni) bound; valid whatever their correlation.
     */
    public static double bonferroniThreshold(double alpha, int count) {
        return normalQuantile(1 - alpha / (2.0 * count));
    }

    /** Fraction of entries with {@code |z| < threshold}. */
    public static double fractionWithin(double[] z, double threshold) {
        int in = 0;
        for (double v : z) {
            if (Math.abs(v) < threshold) {
                in++;
            }
        }
        return in / (double) z.length;
    }

    /**
     * The coverage check of z-scores that should be N(0,1): the fraction with {@code |z| <} {@link #Z_COVERAGE}
     * against {@link #COVERAGE}, allowed {@link #SE_ALLOWANCE} binomial standard errors.
     *
     * @param within         measured fraction of {@code |z| < 1.96}
     * @param standardError  {@code sqrt(0.95·0.05/count)}
     * @param count          number of scores
     * @param holds          {@code |within − 0.95| <= 4·standardError}
     */
    public record Coverage(double within, double standardError, int count, boolean holds) {
        /** The tolerance {@code 4·standardError}. */
        public double tolerance() {
            return SE_ALLOWANCE * standardError;
        }
    }

    /** {@link Coverage} of {@code z}, independent scores (binomial standard error). */
    public static Coverage coverage(double[] z) {
        double within = fractionWithin(z, Z_COVERAGE);
        double se = binomialStandardError(COVERAGE, z.length);
        return new Coverage(within, se, z.length, Math.abs(within - COVERAGE) <= SE_ALLOWANCE * se);
    }

    /**
     * {@link Coverage} of z-scores that are correlated within groups: score {@code i} belongs to cluster
     * {@code i % clusters} (equal sizes). The standard error of the fraction is the larger of the binomial one and the
     * cluster-robust one, {@code sqrt(Σ_c (f_c − f̄)² / (C(C − 1)))} over the clusters' own fractions {@code f_c}:
     * correlated scores move together, which the binomial error (independent scores) understates.
     */
    public static Coverage coverage(double[] z, int clusters) {
        if (clusters < 2 || z.length % clusters != 0) {
            throw new IllegalArgumentException(z.length + " scores cannot form " + clusters + " equal clusters: pass a"
                    + " divisor of the count, at least 2");
        }
        double[] inside = new double[clusters];
        for (int i = 0; i < z.length; i++) {
            if (Math.abs(z[i]) < Z_COVERAGE) {
                inside[i % clusters]++;
            }
        }
        double perCluster = z.length / (double) clusters;
        double mean = 0;
        for (int c = 0; c < clusters; c++) {
            inside[c] /= perCluster;
            mean += inside[c] / clusters;
        }
        double ss = 0;
        for (double f : inside) {
            ss += (f - mean) * (f - mean);
        }
        double se = Math.max(binomialStandardError(COVERAGE, z.length), Math.sqrt(ss / (clusters * (clusters - 1.0))));
        return new Coverage(mean, se, z.length, Math.abs(mean - COVERAGE) <= SE_ALLOWANCE * se);
    }

    /** {@code max |v_i|}. */
    public static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /** Rounds to 4 significant digits for human-readable report text (the JSON and CSV keep full precision). */
    public static String fmt(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%.3e", v);
    }
}
