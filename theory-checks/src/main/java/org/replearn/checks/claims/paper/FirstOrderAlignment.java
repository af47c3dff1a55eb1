package org.replearn.checks.claims.paper;

import org.apache.commons.math3.special.Erf;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.hermite.QuadratureRule;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.PopulationGradient;

/**
 * The first-order expectation of the alignment {@code A = ||W¹Uᵀ||²/||W¹||²} after one step of Algorithm 1 on
 * {@code n} noiseless samples from the initialization {@code (w, b)}, for a single-index target ({@code r = 1})
 * without constant or linear part (docs/math.md §4 step 2, §5):
 * {@code Σ_j [(u·G_j)² + (E ζ_u² − (u·G_j)²)/n] / Σ_j [||G_j||² + (E||ζ||² − ||G_j||²)/n]}.
 * {@code G_j} is the §5 population correlation and {@code ζ = f*(x)[(ψ − p)x + φ(β)(βη − 1)ŵ]} the influence of
 * one sample on the de-linearized gradient of neuron j to first order in the empirical mean and linear part
 * ({@code ψ = 1[η > −β]}, {@code η = ŵ·x}, {@code ŵ = w/||w||}, {@code β = b/||w||}, {@code p = Φ(β)}; the
 * factor {@code −2a_jη₁} is common to every neuron and cancels). With {@code x = zu + ξe + x_⊥}
 * ({@code e ⊥ u} in {@code span(u, ŵ)}, {@code η = ρz + cξ}, {@code ρ = u·ŵ}, {@code c = sqrt(1 − ρ²)}) the
 * {@code d − 2} directions of {@code x_⊥} each add {@code E[f*² (ψ − p)²]}, and the rest are closed-form
 * truncated-normal moments in ξ given z, integrated over z by Gauss–Hermite quadrature.
 */
final class FirstOrderAlignment {
    /** Gauss–Hermite points of the noise moments: exact to degree 199 for the polynomial part. */
    private static final int QUADRATURE_POINTS = 100;

    private FirstOrderAlignment() {
    }

    /** The first-order {@code E A} for {@code target} from the initialization {@code (w, b)}, {@code n} samples. */
    static double of(Target target, DMatrixRMaj w, double[] b, long n) {
        if (target.rank() != 1) {
            throw new IllegalArgumentException("the first-order alignment here is for single-index targets (r = 1),"
                    + " got r = " + target.rank());
        }
        int d = target.dimension();
        HermitePolynomial g = target.link();
        if (g.degree() >= 1 && g.withoutDegreesBelow(2).secondMoment() < g.secondMoment() * (1 - 1e-12)) {
            throw new IllegalArgumentException("the target has a constant or linear part: pass a target of degree >= 2"
                    + " terms only");
        }
        QuadratureRule rule = QuadratureRule.gaussHermite(QUADRATURE_POINTS);
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = target.frame().get(0, i);
        }
        double[] y2 = new double[rule.size()];
        double[] zz = new double[1];
        for (int k = 0; k < rule.size(); k++) {
            zz[0] = rule.node(k);
            double y = g.value(zz);
            y2[k] = y * y;
        }
        double numerator = 0;
        double denominator = 0;
        double[] row = new double[d];
        int half = w.numRows / 2;
        double[][] terms = new double[w.numRows][];
        for (int j = 0; j < w.numRows; j++) {
            if (j >= half && duplicate(w, b, j, j - half)) {
                // the symmetric initialization repeats (w_j, b_j) in its second half: the same terms
                terms[j] = terms[j - half];
            } else {
                System.arraycopy(w.data, j * d, row, 0, d);
                terms[j] = neuron(target, rule, y2, u, row, b[j], n);
            }
            numerator += terms[j][0];
            denominator += terms[j][1];
        }
        return numerator / denominator;
    }

    /** Neuron j's terms {@code {(u·G_j)² + (E ζ_u² − (u·G_j)²)/n, ||G_j||² + (E||ζ||² − ||G_j||²)/n}}. */
    private static double[] neuron(Target target, QuadratureRule rule, double[] y2, double[] u, double[] row,
            double bias, long n) {
        int d = row.length;
        double s = 0;
        double rho = 0;
        for (int i = 0; i < d; i++) {
            s += row[i] * row[i];
            rho += row[i] * u[i];
        }
        s = Math.sqrt(s);
        rho /= s;
        double c = Math.sqrt(Math.max(1e-300, 1 - rho * rho));
        double beta = bias / s;
        double[] gj = PopulationGradient.correlation(target, row, bias);
        double gu = 0;
        double gg = 0;
        for (int i = 0; i < d; i++) {
            gu += gj[i] * u[i];
            gg += gj[i] * gj[i];
        }
        double[] m = noiseMoments(rule, y2, rho, c, beta);
        double total = (d - 2) * m[0] + m[1];
        return new double[] {gu * gu + (m[2] - gu * gu) / n, gg + (total - gg) / n};
    }

    /**
     * The per-sample second moments of {@code ζ}: {@code {E[f*²(ψ − p)²]} per perpendicular direction, the
     * {@code span(u, ŵ)} part of {@code E||ζ||²}, {@code E ζ_u²}}, by quadrature over z.
     */
    private static double[] noiseMoments(QuadratureRule rule, double[] y2, double rho, double c, double beta) {
        double p = cdf(beta);
        double fb = pdf(beta);
        double perpendicular = 0;
        double plane = 0;
        double along = 0;
        for (int k = 0; k < rule.size(); k++) {
            double z = rule.node(k);
            double wt = rule.weight(k) * y2[k];
            double t = (-beta - rho * z) / c;
            double q = cdf(-t);
            double ft = pdf(t);
            double sq = (1 - 2 * p) * q + p * p;                 // E[(ψ − p)² | z]
            double sqXi = (1 - 2 * p) * (q + t * ft) + p * p;    // E[(ψ − p)² ξ² | z]
            double eta = rho * z;                                // E[η | z]
            double eta2 = rho * rho * z * z + c * c;             // E[η² | z]
            double psiEta = rho * z * q + c * ft;                // E[ψ η | z]
            double psiEta2 = rho * rho * z * z * q + 2 * rho * z * c * ft + c * c * (q + t * ft);
            double cross = beta * (psiEta2 - p * eta2) - (psiEta - p * eta);   // E[(ψ − p)(βη − 1)η | z]
            double lin2 = beta * beta * eta2 - 2 * beta * eta + 1;             // E[(βη − 1)² | z]
            double crossU = beta * (psiEta - p * eta) - (q - p);               // E[(ψ − p)(βη − 1) | z]
            perpendicular += wt * sq;
            plane += wt * (sq * z * z + sqXi + 2 * fb * cross + fb * fb * lin2);
            along += wt * (z * z * sq + 2 * z * fb * rho * crossU + fb * fb * rho * rho * lin2);
        }
        return new double[] {perpendicular, plane, along};
    }

    /** Whether neurons j and k have bitwise the same weights and bias. */
    private static boolean duplicate(DMatrixRMaj w, double[] b, int j, int k) {
        if (Double.doubleToLongBits(b[j]) != Double.doubleToLongBits(b[k])) {
            return false;
        }
        int d = w.numCols;
        for (int i = 0; i < d; i++) {
            if (Double.doubleToLongBits(w.data[j * d + i]) != Double.doubleToLongBits(w.data[k * d + i])) {
                return false;
            }
        }
        return true;
    }

    private static double cdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    private static double pdf(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }
}
