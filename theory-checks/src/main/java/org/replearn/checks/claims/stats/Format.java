package org.replearn.checks.claims.stats;

/**
 * Numbers in report text: 4 significant digits (the JSON and CSV keep full precision).
 */
public final class Format {
    /** Rounds to 4 significant digits for human-readable report text (the JSON and CSV keep full precision). */
    public static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%.3e", v);
    }

    /** Each entry rounded to two decimals, for report text (the JSON and CSV keep full precision). */
    public static double[] round2(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * 100) / 100.0;
        }
        return out;
    }

    private Format() {
    }
}
