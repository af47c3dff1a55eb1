package org.replearn.checks.claims.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replearn.checks.claims.api.Details;
import org.replearn.checks.claims.api.PlotSpec;

/** The shared statistics of the claims, each against a closed form or an independent computation. */
class StatsTest {
    private static final double EPS = Math.ulp(1.0);

    /** An exact power law is recovered to rounding: slope and prefactor of y = 3 x^(-1/2) on 8 points. */
    @Test
    void powerLawRecoversAnExactLaw() {
        double[] x = new double[8];
        double[] y = new double[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(2, 10 + i);
            y[i] = 3 / Math.sqrt(x[i]);
        }
        Exponents.PowerLaw fit = Exponents.powerLaw(x, y);
        assertEquals(-0.5, fit.slope(), 1e-13);
        assertEquals(Math.log(3), fit.intercept(), 1e-11);
        assertEquals(0.0, fit.slopeStandardError(), 1e-12);
        assertEquals(3 / Math.sqrt(5000.0), fit.at(5000), 1e-12);
    }

    /**
     * Slope and its standard error on noisy points against the textbook formulas computed here directly:
     * {@code b = Sxy/Sxx}, {@code SE = sqrt(RSS/(n − 2)/Sxx)} in (log x, log y).
     */
    @Test
    void powerLawStandardErrorMatchesTheClosedForm() {
        double[] x = {1, 2, 4, 8, 16, 32};
        double[] noise = {0.03, -0.02, 0.05, -0.04, 0.01, -0.03};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(0.7 - 1.2 * Math.log(x[i]) + noise[i]);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += Math.log(x[i]) / x.length;
            my += Math.log(y[i]) / x.length;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
        }
        double slope = sxy / sxx;
        double rss = 0;
        for (int i = 0; i < x.length; i++) {
            double r = Math.log(y[i]) - my - slope * (Math.log(x[i]) - mx);
            rss += r * r;
        }
        Exponents.PowerLaw fit = Exponents.powerLaw(x, y);
        assertEquals(slope, fit.slope(), 1e-12);
        assertEquals(Math.sqrt(rss / (x.length - 2) / sxx), fit.slopeStandardError(), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"0.95, 400", "0.5, 100", "0.01, 10000"})
    void binomialStandardErrorIsSqrtPqOverN(double p, int n) {
        assertEquals(Math.sqrt(p * (1 - p) / n), Intervals.binomialStandardError(p, n), 4 * EPS);
    }

    /** Φ⁻¹(0.975) = 1.959963984540054 (16 digits, standard tables); Bonferroni is Φ⁻¹(1 − α/(2K)). */
    @Test
    void quantilesAndBonferroni() {
        assertEquals(1.959963984540054, Intervals.normalQuantile(0.975), 1e-12);
        assertEquals(Intervals.normalQuantile(1 - 1e-3 / 156), Intervals.bonferroniThreshold(1e-3, 78), 0.0);
        assertEquals(Coverage.Z_COVERAGE, Intervals.normalQuantile(0.5 + Coverage.COVERAGE / 2), 5e-5,
                "1.96 is the 95% two-sided quantile to the digits written");
    }

    /**
     * Coverage: z-scores placed at the N(0,1) quantiles (i + 1/2)/N have the nominal fraction inside ±1.96 up to
     * 1/N and pass; the same scores doubled (a standard error underestimated by 2, the failure the check exists
     * for) have a fraction near P(|Z| < 0.98) = 0.673 and fail.
     */
    @Test
    void coverageAcceptsNormalScoresAndRejectsInflatedOnes() {
        int n = 2000;
        double[] z = new double[n];
        double[] doubled = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Intervals.normalQuantile((i + 0.5) / n);
            doubled[i] = 2 * z[i];
        }
        Coverage.Result ok = Coverage.of(z);
        assertEquals(Coverage.COVERAGE, ok.within(), 1.0 / n);
        assertEquals(Math.sqrt(0.95 * 0.05 / n), ok.standardError(), 4 * EPS);
        assertEquals(Coverage.SE_ALLOWANCE * ok.standardError(), ok.tolerance(), 0.0);
        assertTrue(ok.holds());
        Coverage.Result bad = Coverage.of(doubled);
        assertEquals(0.673, bad.within(), 2.0 / n);
        assertFalse(bad.holds());
    }

    @ParameterizedTest
    @CsvSource({"0.123456, 0.1235", "123456.0, 1.235e+05", "0.0, 0", "-0.0, 0", "-2.5, -2.5", "0.0001234567, 1.235e-04"})
    void fmtKeepsFourSignificantDigits(double v, String expected) {
        assertEquals(expected, Format.fmt(v));
    }

    /**
     * Clustered coverage: scores that move together by cluster (each of 16 clusters entirely inside or entirely
     * outside ±1.96, 15 in and 1 out: fraction 0.9375) have a cluster-robust SE, computed here from the cluster fractions,
     * far above the binomial one; independent quantile scores keep
     * the binomial floor.
     */
    @Test
    void clusteredCoverageUsesTheLargerOfBinomialAndClusterRobustErrors() {
        int clusters = 16;
        int per = 32;
        double[] z = new double[clusters * per];
        for (int i = 0; i < z.length; i++) {
            z[i] = i % clusters == 0 ? 3.0 : 0.5;
        }
        Coverage.Result c = Coverage.of(z, clusters);
        double f = 15.0 / 16;
        double ss = 15 * (1 - f) * (1 - f) + (0 - f) * (0 - f);
        assertEquals(f, c.within(), 1e-15);
        assertEquals(Math.sqrt(ss / (clusters * (clusters - 1.0))), c.standardError(), 1e-15);
        assertTrue(c.standardError() > 5 * Intervals.binomialStandardError(0.95, z.length));
        assertTrue(c.holds(), "0.9375 is within 4 cluster-robust SE of 0.95");
        double[] quantiles = new double[clusters * per];
        for (int i = 0; i < quantiles.length; i++) {
            quantiles[i] = Intervals.normalQuantile((i + 0.5) / quantiles.length);
        }
        assertEquals(Intervals.binomialStandardError(0.95, quantiles.length), Coverage.of(quantiles, clusters)
                .standardError(), 0.0, "sorted scores spread evenly over clusters: the binomial floor applies");
        assertThrows(IllegalArgumentException.class, () -> Coverage.of(z, 7));
    }

    /**
     * Per-seed exponents of exact power laws {@code y = c_s x^{γ_s}} are recovered to rounding; their mean and standard
     * error match {@code mean(γ)} and {@code sd(γ)/sqrt(S)} computed here, and the critical value is the tabulated
     * {@code t_{0.975, 2} = 4.3027}.
     */
    @Test
    void seedSlopeAveragesPerSeedExponents() {
        double[] gammas = {1.9, 2.1, 2.3};
        double[][] x = new double[3][];
        double[][] y = new double[3][];
        for (int s = 0; s < 3; s++) {
            x[s] = new double[] {8, 16, 32, 64};
            y[s] = new double[4];
            for (int i = 0; i < 4; i++) {
                y[s][i] = (s + 1) * Math.pow(x[s][i], gammas[s]);
            }
        }
        Exponents.SeedSlope fit = Exponents.seedSlope(x, y);
        assertEquals(2.1, fit.slope(), 1e-12);
        double sd = Math.sqrt((0.2 * 0.2 + 0 + 0.2 * 0.2) / 2);
        assertEquals(sd / Math.sqrt(3), fit.standardError(), 1e-12);
        assertEquals(4.3027, fit.criticalValue(), 5e-5);
        assertTrue(fit.agrees(2.1 + fit.halfWidth() * 0.99, 0));
        assertFalse(fit.agrees(2.1 + fit.halfWidth() * 1.01, 0));
        assertTrue(fit.agrees(2.1 + fit.halfWidth() + 0.1, 0.1 + 1e-12));
        assertEquals(1.9, fit.perSeed()[0], 1e-12);
    }

    /** Tabulated two-sided 95 % Student-t quantiles: t(1) = 12.706, t(5) = 2.5706, t(30) = 2.0423. */
    @ParameterizedTest
    @CsvSource({"1, 12.7062", "5, 2.5706", "30, 2.0423"})
    void studentCriticalMatchesTheTable(int dof, double expected) {
        assertEquals(expected, Intervals.studentCritical(dof), 1e-4);
    }

    /** Mean and standard error of {1, 2, 3, 6}: 3 and sqrt(14/3)/2. */
    @Test
    void meanAndStandardErrorOfReplicates() {
        double[] r = Intervals.meanAndStandardError(new double[] {1, 2, 3, 6});
        assertEquals(3, r[0], 1e-15);
        assertEquals(Math.sqrt(14.0 / 3) / 2, r[1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Intervals.meanAndStandardError(new double[] {1}));
    }

    /**
     * On an exact power law {@code err = 10 n^{-1/2}} the log-log interpolation finds the crossing of 0.1 exactly
     * ({@code n = 10⁴}) between grid points; a curve that starts below ε is no measurement, one that never reaches it
     * is not reached; a curve that dips, rises and dips again crosses where it first dips.
     */
    @Test
    void crossingInterpolatesInLogLog() {
        double[] n = {1000, 3000, 9000, 27000};
        double[] err = new double[4];
        for (int i = 0; i < 4; i++) {
            err[i] = 10 / Math.sqrt(n[i]);
        }
        assertEquals(3000, Grids.crossing(n, new double[] {0.5, 0.05, 0.5, 0.01}, 0.05).x(), 1e-9);
        assertEquals(new Grids.Crossing(Grids.Crossing.Kind.AT_FIRST_POINT, Double.NaN), Grids.crossing(n, err, 1.0));
        assertEquals(new Grids.Crossing(Grids.Crossing.Kind.NOT_REACHED, Double.NaN), Grids.crossing(n, err, 0.01));
        assertEquals(1e4, Grids.crossing(n, err, 0.1).x(), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> new Grids.Crossing(Grids.Crossing.Kind.BRACKETED,
                Double.NaN));
    }

    /** The octave grid hits the powers of two exactly and steps by 2^{1/perOctave}; round2 keeps two decimals. */
    @Test
    void octaveGridAndRounding() {
        assertArrayEquals(new double[] {0.5, Math.pow(2, -0.5), 1, Math.pow(2, 0.5), 2}, Grids.octaveGrid(0.5, 2, 2),
                1e-15);
        double[] g = Grids.octaveGrid(0.25, 8, 4);
        assertEquals(21, g.length);
        assertEquals(0.25, g[0], 0);
        assertEquals(8, g[20], 0);
        assertEquals(1, g[8], 0);
        assertArrayEquals(new double[] {1.24, 1.26, -2.0, 0.0}, Format.round2(new double[] {1.2449, 1.2551, -1.996, 0.004}),
                0);
    }

    /**
     * The log-factor allowance over d = 8…64 is {@code log(log 64/log 8)/log 8 = log 2/log 8 = 1/3}; the floor allowance
     * is {@code log(ε/(ε − f))/log(xMax/xMin)}, 0 for no floor and infinite at {@code f >= ε}.
     */
    @Test
    void allowances() {
        assertEquals(1.0 / 3, Exponents.logFactorAllowance(8, 64), 1e-15);
        assertEquals(Math.log(0.03 / 0.02) / Math.log(4), Exponents.floorAllowance(0.03, 0.01, 1, 4), 1e-15);
        assertEquals(0.0, Exponents.floorAllowance(0.03, 0, 1, 4), 0);
        assertEquals(Double.POSITIVE_INFINITY, Exponents.floorAllowance(0.03, 0.03, 1, 4));
    }

    /**
     * Geometric means per column ({@code sqrt(2·8) = 4}, {@code sqrt(1·4) = 2}; with scale 2, {@code sqrt(1·4) = 2} and
     * {@code sqrt(1·1) = 1}); a NaN point (a curve that
     * never crossed) gives no fit, and the typed measurement and tolerance are the fit's own numbers.
     */
    @Test
    void geometricMeansAndIncompleteFits() {
        assertArrayEquals(new double[] {4, 2}, Exponents.geometricMeans(new double[][] {{2, 1}, {8, 4}}, 1), 1e-15);
        assertArrayEquals(new double[] {2, 1}, Exponents.geometricMeans(new double[][] {{2, 2}, {8, 2}}, 2), 1e-15);
        double[][] x = {{1, 2}, {1, 2}};
        assertEquals(null, Exponents.seedSlopeIfComplete(x, new double[][] {{1, 2}, {1, Double.NaN}}));
        Exponents.SeedSlope fit = Exponents.seedSlopeIfComplete(x, new double[][] {{1, 2}, {1, 8}});
        assertEquals(2.0, fit.slope(), 1e-12);
        assertEquals(2.0, Exponents.measurement(fit, 2, "m").value(), 1e-12);
        assertEquals(fit.halfWidth() + 0.3, Exponents.tolerance(fit, 2, 0.3, "log-factor").value(), 0);
        assertTrue(Double.isNaN(Exponents.measurement(null, 2, "m").value()));
        assertEquals("not reached", Exponents.brief(null, "not reached"));
        Exponents.Brief brief = (Exponents.Brief) Exponents.brief(fit, "not reached");
        assertEquals(2.0, brief.exponent(), 1e-12);
        assertArrayEquals(fit.perSeed(), brief.perReplicate(), 0);
    }

    /** The leading grid points up to a bound, with the bound itself included despite rounding. */
    @Test
    void pointsUpTo() {
        double[] g = Grids.octaveGrid(0.25, 8, 4);
        assertEquals(17, Grids.pointsUpTo(g, 4));
        assertEquals(0, Grids.pointsUpTo(g, 0.2));
        assertEquals(21, Grids.pointsUpTo(g, 100));
    }

    /**
     * The exponent's details (flat keys when unwrapped, NaN/empty when there is no fit) and tolerance text: the fit's
     * own numbers.
     */
    @Test
    void exponentDetailsAndTolerance() {
        Exponents.SeedSlope fit = new Exponents.SeedSlope(2.0, 0.05, 2.5, new double[] {1.9, 2.1});
        java.util.Map<String, Object> details = Details.of(new Unwrapped(Exponents.Fit.of(fit), 0.3));
        assertEquals(java.util.List.of("exponent", "exponent_standard_error", "exponent_critical_value",
                "exponent_per_replicate", "allowance"), java.util.List.copyOf(details.keySet()));
        assertEquals(2.0, details.get("exponent"));
        assertEquals(2.5, details.get("exponent_critical_value"));
        assertEquals(java.util.List.of(1.9, 2.1), details.get("exponent_per_replicate"));
        assertEquals("±0.425 = t_{0.975,1} 2.5 × SE 0.05 + log-factor allowance 0.3",
                Exponents.exponentTolerance(fit, 2, 0.3, "log-factor"));
        Exponents.Fit none = Exponents.Fit.of(null);
        assertTrue(Double.isNaN(none.exponent()));
        assertTrue(Double.isNaN(none.exponentCriticalValue()));
        assertEquals(0, none.exponentPerReplicate().length);
        assertEquals("t·SE + 0.3", Exponents.exponentTolerance(null, 2, 0.3, "log-factor"));
    }

    /** A claim's details with the fitted exponent unwrapped. */
    record Unwrapped(@com.fasterxml.jackson.annotation.JsonUnwrapped Exponents.Fit fit, double allowance) {
    }

    /** The cells of a two-level sweep, row-major, the list takes a control appended; a block of results, typed. */
    @Test
    void cellsRowMajor() {
        java.util.List<String> cells = Grids.cells(2, 3, (i, j) -> i + ":" + j);
        assertEquals(java.util.List.of("0:0", "0:1", "0:2", "1:0", "1:1", "1:2"), cells);
        cells.add("control");
        assertEquals(7, cells.size());
        java.util.List<Object> results = java.util.List.of(1.5, 2.5, "control");
        assertEquals(java.util.List.of(1.5, 2.5), Grids.results(results, 0, 2, Double.class));
        assertThrows(ClassCastException.class, () -> Grids.results(results, 0, 3, Double.class));
    }

    /** A level line is dashed, flat at the level, between the two abscissae. */
    @Test
    void levelLine() {
        PlotSpec.Series line = LevelLine.of("ε = 0.1", 32, 4096, 0.1);
        assertEquals("ε = 0.1", line.name());
        assertArrayEquals(new double[] {32, 4096}, line.x(), 0);
        assertArrayEquals(new double[] {0.1, 0.1}, line.y(), 0);
        assertEquals(PlotSpec.Style.DASHED, line.style());
    }

    /** A fitted exponent in words: slope, SE, replicates and per-replicate exponents to two decimals, then the rest. */
    @Test
    void exponentInWords() {
        Exponents.SeedSlope fit = new Exponents.SeedSlope(2.0, 0.05, 2.5, new double[] {1.904, 2.096});
        assertEquals("n* ∝ d^2 (SE 0.05 over 2 replicates; per replicate [1.9, 2.1])",
                Exponents.describe(fit, "n* ∝ d^", 2, ""));
        assertEquals("n* ∝ r^2 (SE 0.05 over 2 replicates; per replicate [1.9, 2.1]; more)",
                Exponents.describe(fit, "n* ∝ r^", 2, "; more"));
    }
}
