package org.replearn.checks.claims.paper;

import org.apache.commons.math3.special.Erf;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.hermite.ReluMoments;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.AlignmentPrediction;
import org.replearn.core.theory.BivariateNormal;
import org.replearn.core.theory.PopulationGradient;

/**
 * The first-order alignment of {@link AlignmentPrediction} and what it leaves out, relative to {@code 1 − A_pred}, from
 * the formula's own quantities. With {@code ν_j = v_j/n} and {@code G_j} of the target without constant and linear
 * parts, {@code 1 − A_pred = X/D}, {@code X = Σ_j(||P_⊥G_j||² + (d−r)ν_j)}, {@code D = Σ_j(||G_j||² + dν_j)}. When the
 * target has a constant {@code α} and linear part {@code C₁·x}, the empirical de-linearization leaves the residual
 * {@code −p(α + C₁·x)} in each sample's influence, so {@code v_j} gains
 * {@code p_j²(α² + ||C₁||²) − 2p_j(α E[f̃ψ_j] + C₁·G_j)} (zero otherwise: then {@code predicted} is
 * {@link AlignmentPrediction#predict}). To leading order in {@code ||P_U ŵ_j||} (ψ_j independent of {@code z = Ux}):
 *
 * <ul>
 *   <li>{@code anisotropy}: the influence of one sample on neuron j's gradient, {@code ỹ[(ψ−p)x + φ(β)(βη − 1)ŵ]}
 *       ({@code η = ŵ·x}, {@code β = b/||w||}, {@code p = Φ(β)}, {@code q = 1 − p}), has variance
 *       {@code c_U ν_j} per direction of span(U) ({@link LabelMoments#inSpanFactor()}) and {@code c_w ν_j} along
 *       {@code ŵ}, {@code c_w = (pq + βφ(2p − 1) − φ²(1 + β²))/(pq)}, not {@code ν_j}: the term is
 *       {@code X'D/(XD') − 1}, {@code X' = X + Σ(c_w − 1)ν_j}, {@code D' = D + Σ(c_w − 1 + r(c_U − 1))ν_j}.</li>
 *   <li>{@code ratioBias}: {@code E[X̂/D̂]/(EX̂/ED̂) − 1 ≈ Var D/D² − Cov(X, D)/(XD)} (delta method). The noise
 *       {@code ξ_j} is correlated across neurons through the shared samples, {@code Cov(ξ_j, ξ_l) = s_jl I},
 *       {@code s_jl = sqrt(ν_j ν_l) corr(ψ_j, ψ_l)}; the cross terms {@code 2G_j·ξ_j} and the squares
 *       {@code ||ξ_j||²} give {@code Σ_jl 4(G_j·G_l)s_jl + 2d s_jl²} to {@code Var D} (with {@code P_⊥} and
 *       {@code d − r} to {@code Var X = Cov(X, D)}), and the noise energies {@code E_X, E_D} both scale with the
 *       sample mean of {@code ỹ²}, adding {@code κ E_X², κ E_D², κ E_X E_D}, {@code κ = Var(ỹ²)/(n (Eỹ²)²)}. The
 *       same moments give {@code sd}, the standard deviation of {@code (1 − A)/(1 − A_pred)}:
 *       {@code Var X/X² + Var D/D² − 2Cov/(XD)}.</li>
 *   <li>{@code linearPart}: the empirical {@code α̂, β̂} change the mean gradient and the noise variances by a relative
 *       {@code O(d/n)} beyond first order; {@code 2d/n} bounds the change of {@code X/D}.</li>
 * </ul>
 *
 * @param predicted  the first-order {@code A_pred}
 * @param anisotropy relative shift of {@code 1 − A} by the noise outside the isotropic part
 * @param ratioBias  relative bias of the expected ratio against the ratio of expectations
 * @param linearPart bound on the relative effect of the empirical constant and linear parts beyond first order
 * @param sd         predicted standard deviation of {@code (1 − A)/(1 − A_pred)} over replicates
 */
record AlignmentAllowance(double predicted, double anisotropy, double ratioBias, double linearPart, double sd) {
    /** Terms of Mehler's expansion of the activations' correlation; used for {@code |ρ| <= MEHLER_RANGE}. */
    static final int MEHLER_TERMS = 12;
    /** Largest {@code |ρ|} given to the truncated expansion (its remainder is below {@code 0.5^13}); beyond, Genz. */
    static final double MEHLER_RANGE = 0.5;
    /** The allowance {@code |anisotropy| + |ratioBias| + linearPart}. */
    double total() {
        return Math.abs(anisotropy) + Math.abs(ratioBias) + linearPart;
    }

    /**
     * The first-order alignment and its allowance for {@code target} stepped from {@code (w, b)} on {@code n}
     * samples with label noise σ². A symmetric initialization (rows {@code j} and {@code j + m/2} equal) is summed
     * over its distinct rows, each counted twice.
     */
    static AlignmentAllowance of(Target target, DMatrixRMaj w, double[] b, double noiseVariance, long n) {
        int d = w.numCols;
        int r = target.rank();
        int copies = symmetric(w, b) ? 2 : 1;
        int m = w.numRows / copies;
        HermitePolynomial link = target.link();
        HermitePolynomial reduced = link.withoutDegreesBelow(2);
        Target signal = target.withLink(reduced);
        double alpha = link.mean();
        double[] linear = new double[r];
        for (int i = 0; i < r; i++) {
            linear[i] = link.coefficient(MultiIndex.unit(r, i, 1));
        }
        LabelMoments moments = LabelMoments.of(reduced, noiseVariance);
        double[][] g = new double[m][];
        double[][] gu = new double[m][r];
        double[] nu = new double[m];
        double[] beta = new double[m];
        double[][] hat = new double[m][d];
        double[] relu = new double[reduced.degree() + 1];
        double[] wu = new double[r];
        double[] row = new double[d];
        double x = 0;
        double total = 0;
        double xShift = 0;
        double dShift = 0;
        for (int j = 0; j < m; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            double s = Math.sqrt(dot(row, row));
            for (int k = 0; k < d; k++) {
                hat[j][k] = row[k] / s;
            }
            beta[j] = b[j] / s;
            double p = normalCdf(beta[j]);
            g[j] = PopulationGradient.correlation(signal, row, b[j]);
            target.project(g[j], gu[j]);
            target.project(row, wu);
            ReluMoments.moments(reduced.degree(), b[j], s, relu);
            double fPsi = 0;
            for (int k = 0; k < relu.length; k++) {
                fPsi += relu[k] * reduced.q(k, wu);
            }
            double residual = p * p * (alpha * alpha + dot(linear, linear)) - 2 * p * (alpha * fPsi + dot(linear, gu[j]));
            nu[j] = (AlignmentPrediction.noiseVariance(target, row, b[j], noiseVariance) + residual) / n;
            double gg = dot(g[j], g[j]);
            double gUU = dot(gu[j], gu[j]);
            x += gg - gUU + (d - r) * nu[j];
            total += gg + d * nu[j];
            double cw = alongWeightFactor(beta[j]);
            xShift += (cw - 1) * nu[j];
            dShift += (cw - 1 + r * (moments.inSpanFactor() - 1)) * nu[j];
        }
        double anisotropy = (x + xShift) * total / (x * (total + dShift)) - 1;
        double noiseX = 0;
        double varD = 0;
        double varX = 0;
        double[][] mehler = new double[m][];
        for (int j = 0; j < m; j++) {
            mehler[j] = mehlerCoefficients(beta[j]);
        }
        for (int j = 0; j < m; j++) {
            noiseX += (d - r) * nu[j];
            for (int l = j; l < m; l++) {
                double rho = Math.max(-1, Math.min(1, dot(hat[j], hat[l])));
                double corr = Math.abs(rho) <= MEHLER_RANGE ? mehler(mehler[j], mehler[l], rho)
                        : activationCorrelation(beta[j], beta[l], rho);
                double s = Math.sqrt(nu[j] * nu[l]) * corr;
                double gDot = dot(g[j], g[l]);
                double pair = l == j ? 1 : 2;
                varD += pair * (4 * gDot * s + 2.0 * d * s * s);
                varX += pair * (4 * (gDot - dot(gu[j], gu[l])) * s + 2.0 * (d - r) * s * s);
            }
        }
        double noiseD = noiseX * d / (d - r);
        double kappa = moments.squareVariance() / n;
        double covXD = varX + kappa * noiseX * noiseD;
        varD += kappa * noiseD * noiseD;
        varX += kappa * noiseX * noiseX;
        double ratioBias = varD / (total * total) - covXD / (x * total);
        double ratioVariance = varX / (x * x) + varD / (total * total) - 2 * covXD / (x * total);
        return new AlignmentAllowance(1 - x / total, anisotropy, ratioBias, 2.0 * d / n,
                Math.sqrt(Math.max(0, ratioVariance)));
    }

    /** Whether rows {@code j} and {@code j + m/2} of {@code w} and {@code b} are equal for every {@code j}. */
    private static boolean symmetric(DMatrixRMaj w, double[] b) {
        int half = w.numRows / 2;
        if (w.numRows % 2 != 0) {
            return false;
        }
        for (int j = 0; j < half; j++) {
            if (b[j] != b[j + half]) {
                return false;
            }
            for (int k = 0; k < w.numCols; k++) {
                if (w.get(j, k) != w.get(j + half, k)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code c_w = (pq + βφ(2p − 1) − φ²(1 + β²))/(pq)}, {@code p = Φ(β)}, {@code q = 1 − p}, {@code φ = φ(β)}. */
    static double alongWeightFactor(double beta) {
        double p = normalCdf(beta);
        double q = normalCdf(-beta);
        double phi = Math.exp(-0.5 * beta * beta) / Math.sqrt(2 * Math.PI);
        return (p * q + beta * phi * (p - q) - phi * phi * (1 + beta * beta)) / (p * q);
    }

    /**
     * The coefficients {@code a_k = φ(β) He_{k−1}(β)/sqrt(k! p q)}, {@code k = 1…MEHLER_TERMS}, of Mehler's expansion
     * {@code corr(1[η_j > −β_j], 1[η_l > −β_l]) = Σ_k a_k(β_j) a_k(β_l) ρ^k}.
     */
    static double[] mehlerCoefficients(double beta) {
        double p = normalCdf(beta);
        double phi = Math.exp(-0.5 * beta * beta) / Math.sqrt(2 * Math.PI);
        double[] a = new double[MEHLER_TERMS];
        double previous = 0;
        double current = 1;
        double factorial = 1;
        for (int k = 1; k <= MEHLER_TERMS; k++) {
            factorial *= k;
            a[k - 1] = phi * current / Math.sqrt(factorial * p * (1 - p));
            double next = beta * current - (k - 1) * previous;
            previous = current;
            current = next;
        }
        return a;
    }

    /** {@code Σ_k a_k c_k ρ^k}: Mehler's expansion truncated after {@code MEHLER_TERMS} terms. */
    static double mehler(double[] a, double[] c, double rho) {
        double sum = 0;
        double power = rho;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * c[k] * power;
            power *= rho;
        }
        return sum;
    }

    /** {@code corr(1[η_j > −β_j], 1[η_l > −β_l])} for standard normals with correlation {@code ρ}. */
    static double activationCorrelation(double betaJ, double betaL, double rho) {
        double pj = normalCdf(betaJ);
        double pl = normalCdf(betaL);
        double joint = BivariateNormal.upper(-betaJ, -betaL, rho);
        return (joint - pj * pl) / Math.sqrt(pj * (1 - pj) * pl * (1 - pl));
    }

    private static double normalCdf(double t) {
        return 0.5 * Erf.erfc(-t / Math.sqrt(2));
    }

    private static double dot(double[] a, double[] c) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * c[i];
        }
        return s;
    }
}
