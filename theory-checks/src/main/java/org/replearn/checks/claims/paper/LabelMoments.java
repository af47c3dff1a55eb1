package org.replearn.checks.claims.paper;

import org.replearn.core.hermite.QuadratureRule;
import org.replearn.core.targets.HermitePolynomial;

/**
 * Moments of the de-linearized label {@code ỹ = g(z) + ε} ({@code g} without constant and linear parts,
 * {@code z ~ N(0, I_r)}, {@code ε ~ N(0, σ²)}) that {@link AlignmentAllowance} needs, by tensor Gauss–Hermite
 * quadrature (exact for the polynomial integrands).
 *
 * @param inSpanFactor   {@code c_U = E[F||z||²]/(r E F)}, {@code F = g² + σ²}: the noise variance per direction of
 *                       span(U) relative to the isotropic one
 * @param squareVariance {@code Var(ỹ²)/(E ỹ²)²}
 */
record LabelMoments(double inSpanFactor, double squareVariance) {
    /** The moments of {@code g} (degrees >= 2 only) with label noise variance {@code σ²}. */
    static LabelMoments of(HermitePolynomial g, double noiseVariance) {
        int r = g.variables();
        QuadratureRule rule = QuadratureRule.gaussHermite(2 * g.degree() + 2);
        int points = rule.size();
        int total = (int) Math.pow(points, r);
        double[] z = new double[r];
        double f = 0;
        double fz = 0;
        double g2 = 0;
        double g4 = 0;
        for (int index = 0; index < total; index++) {
            double weight = 1;
            double zz = 0;
            for (int i = 0, rest = index; i < r; i++, rest /= points) {
                z[i] = rule.node(rest % points);
                weight *= rule.weight(rest % points);
                zz += z[i] * z[i];
            }
            double y = g.value(z);
            f += weight * (y * y + noiseVariance);
            fz += weight * (y * y + noiseVariance) * zz;
            g2 += weight * y * y;
            g4 += weight * y * y * y * y;
        }
        double s2 = noiseVariance;
        double fourth = g4 + 6 * s2 * g2 + 3 * s2 * s2;
        return new LabelMoments(fz / (r * f), fourth / (f * f) - 1);
    }
}
