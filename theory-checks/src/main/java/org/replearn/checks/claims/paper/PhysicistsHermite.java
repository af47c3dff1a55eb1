package org.replearn.checks.claims.paper;

import org.replearn.core.hermite.QuadratureRule;

/**
 * The physicists' normalized Hermite polynomials {@code H̃_k = H_k/sqrt(2^k k!)}
 * ({@code H_{k+1} = 2zH_k − 2kH_{k−1}}), orthonormal for the weight {@code e^{−x²}}, not under N(0, 1): the mix-up
 * the rescaling of docs/math.md §1 avoids, and the negative control of {@link HermiteIdentitiesClaim}.
 */
final class PhysicistsHermite {
    private PhysicistsHermite() {
    }

    /**
     * The worst error/tolerance of {@code E[H̃_j H̃_k] = δ_jk}, {@code k <= j <= maxDegree}, under the probabilists'
     * N(0, 1) rule of {@code maxDegree + 1} points, with the claim's tolerance {@code 1e-13 + 1e-15·(N + 2(j+k))}; it
     * must exceed 1 ({@code E[H̃_1²] = 2} already).
     */
    static double orthonormalityRatio(int maxDegree) {
        int points = maxDegree + 1;
        QuadratureRule rule = QuadratureRule.gaussHermite(points);
        double worst = 0;
        double[] h = new double[maxDegree + 1];
        for (int j = 0; j <= maxDegree; j++) {
            for (int k = 0; k <= j; k++) {
                double s = 0;
                for (int i = 0; i < points; i++) {
                    values(rule.node(i), h);
                    s += rule.weight(i) * h[j] * h[k];
                }
                double tol = 1e-13 + 1e-15 * (points + 2 * (j + k));
                worst = Math.max(worst, Math.abs(s - (j == k ? 1 : 0)) / tol);
            }
        }
        return worst;
    }

    /** {@code H_k(z)/sqrt(2^k k!)} for {@code k < out.length}. */
    static void values(double z, double[] out) {
        double prev = 1;
        double cur = 2 * z;
        double norm = 1;
        out[0] = 1;
        for (int k = 1; k < out.length; k++) {
            norm *= 2.0 * k;
            out[k] = cur / Math.sqrt(norm);
            double next = 2 * z * cur - 2 * k * prev;
            prev = cur;
            cur = next;
        }
    }
}
