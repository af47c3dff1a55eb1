package org.replearn.checks.claims.paper;

/**
 * The relative spread {@code (max − min)/mean} of values that should coincide, e.g. the curves of
 * {@link SubspaceRecoveryClaim} against {@code n/d²} across d (their collapse).
 */
final class RelativeSpread {
    private RelativeSpread() {
    }

    /** {@code (max − min)/mean} of {@code v}. */
    static double of(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        return (max - min) / (sum / v.length);
    }

    /**
     * The worst excess of a measured spread over the predicted one, and the worst predicted spread.
     *
     * @param excess largest measured spread minus predicted spread
     * @param predicted largest predicted spread
     */
    record Worst(double excess, double predicted) {
    }

    /**
     * Over the columns {@code ri} with {@code ratios[ri] >= from}: the worst excess of the spread of
     * {@code 1 − measured[·][ri]} over that of {@code 1 − predicted[·][ri]}, and the worst predicted spread.
     */
    static Worst worstExcessOfOneMinus(double[] ratios, double from, double[][] measured, double[][] predicted) {
        double worstExcess = 0;
        double worstPredicted = 0;
        for (int ri = 0; ri < ratios.length; ri++) {
            if (ratios[ri] < from) {
                continue;
            }
            double[] m = new double[measured.length];
            double[] p = new double[measured.length];
            for (int di = 0; di < measured.length; di++) {
                m[di] = 1 - measured[di][ri];
                p[di] = 1 - predicted[di][ri];
            }
            worstExcess = Math.max(worstExcess, of(m) - of(p));
            worstPredicted = Math.max(worstPredicted, of(p));
        }
        return new Worst(worstExcess, worstPredicted);
    }
}
