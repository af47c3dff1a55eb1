package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The details of {@link KernelStaircaseClaim}; maps are keyed {@code d<d>} (checks {@code d<d>_l<ℓ>}).
 *
 * @param target                the target's link
 * @param kernel                the kernel
 * @param d                     the dimensions
 * @param degrees               the plateaus judged, {@code ℓ}
 * @param plateaus              {@code P_ℓ = Σ_{k>ℓ} E_k} for each
 * @param maxDegree             the spectrum's largest degree {@code L} per d
 * @param radialPoints          radial nodes of the spectrum
 * @param angularPoints         angular nodes of the spectrum
 * @param headroom              {@code N(d, L + 1)} over the curve's largest n, at least
 * @param lambdaMin             the ridge grid's smallest λ
 * @param lambdaMax             its largest
 * @param lambdaCount           its size (log-spaced)
 * @param noise                 the label noise of the prediction
 * @param logNOverLogD          the curve's {@code log n / log d}
 * @param degreeEnergies        the target's energy per harmonic degree, per d
 * @param degreeTraces          {@code N(d, k) Σ_j μ_{k,j}} per degree, per d
 * @param tailTrace             the trace above L per d (extra ridge)
 * @param predicted             the best predicted error along the curve, per d
 * @param checks                every {@code (d, ℓ)} check
 * @param maxDeviationOverMargin the largest {@code |predicted − P_ℓ| / m_ℓ(d)}
 * @param stepsHold             whether every check passed
 * @param controlDegree         the degree whose eigenvalues the control zeroes
 * @param controlPredicted      the control's best predicted error along the curve, per d
 * @param controlChecks         the control's check at {@code ℓ = 2}, per d
 * @param controlMinDeviationOverMargin the control's smallest {@code |predicted − P₂| / m₂(d)}
 * @param controlRejected       whether the control is outside the margin at every d
 * @param failures              every failed check in words
 */
record KernelStaircaseDetails(String target, String kernel, int[] d, int[] degrees, double[] plateaus,
        int[] maxDegree, int radialPoints, int angularPoints, double headroom, double lambdaMin, double lambdaMax,
        int lambdaCount, double noise, @JsonProperty("log_n_over_log_d") double[] logNOverLogD,
        Map<String, double[]> degreeEnergies, Map<String, double[]> degreeTraces, double[] tailTrace,
        Map<String, double[]> predicted, Map<String, Check> checks, double maxDeviationOverMargin, boolean stepsHold,
        int controlDegree, Map<String, double[]> controlPredicted, Map<String, Check> controlChecks,
        double controlMinDeviationOverMargin, boolean controlRejected, List<String> failures) {

    /**
     * One check.
     *
     * @param n                 the samples, {@code round(d^{ℓ+1/2})}
     * @param predicted         the best predicted error
     * @param lambda            its ridge
     * @param overfitting       its {@code E₀}
     * @param plateau           {@code P_ℓ}
     * @param deviation         {@code predicted − P_ℓ}
     * @param margin            {@code m_ℓ(d)}
     * @param learnedFraction   {@code a}
     * @param nextShare         {@code s}
     * @param nextLearnability  {@code r}
     * @param withinMargin      {@code |deviation| <= margin}
     */
    record Check(long n, double predicted, double lambda, double overfitting, double plateau, double deviation,
            double margin, double learnedFraction, double nextShare, double nextLearnability, boolean withinMargin) {
        static Check of(StaircaseSteps.Step s) {
            return new Check(s.n(), s.predicted(), s.lambda(), s.overfitting(), s.plateau(), s.deviation(), s.margin(),
                    s.learnedFraction(), s.nextShare(), s.nextLearnability(), s.within());
        }
    }
}
