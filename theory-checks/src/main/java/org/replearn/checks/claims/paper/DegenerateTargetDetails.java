package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The details of {@link DegenerateTargetClaim}; grids are {@code [replicate][d]}, per-d arrays follow {@code d}.
 *
 * @param target                                 the degenerate target's link
 * @param controlTarget                          the non-degenerate control's link
 * @param width                                  the width m
 * @param nOverD2                                the samples per {@code d²}
 * @param d                                      the dimensions
 * @param replicates                             the replicates
 * @param alignment                              A per cell
 * @param predictedAlignment                     the first-order A_pred per cell
 * @param ratioPerReplicate                      the mean over d of A/A_pred, per replicate (judged)
 * @param ratioMean                              their mean
 * @param ratioStandardError                     its standard error
 * @param ratioCriticalValue                     its Student-t critical value
 * @param secondOrderAllowance                   the allowance {@code 7d/n} per d
 * @param secondOrderAllowanceMean               its mean over d, the level check's allowance
 * @param alignmentExponent                      the d-exponent of A, mean over replicates (judged)
 * @param alignmentExponentStandardError         its standard error
 * @param alignmentExponentCriticalValue         its Student-t critical value
 * @param predictedAlignmentExponent             the d-exponent of A_pred
 * @param alignmentTimesDMean                    {@code A·d} per d, mean over replicates
 * @param alignmentTimesDStandardError           its standard error
 * @param errorD                                 the d at which the exact errors are computed
 * @param networkErrorMean                       the one-step network's exact error per such d, mean
 * @param networkErrorStandardError              its standard error
 * @param randomFeaturesFloorMean                the random-features floor per such d, mean
 * @param kernelPlateau                          the kernel plateau {@code Σ_{k>2} E_k}
 * @param controlAlignment                       A on the control per cell
 * @param controlPredictedAlignment              A_pred on the control per cell
 * @param controlRatioMean                       the control's mean A/A_pred over cells
 * @param controlAlignmentExponent               the control's d-exponent of A
 * @param controlAlignmentExponentStandardError  its standard error
 * @param noWeightDecayAlignment                 A without weight decay per cell
 * @param noWeightDecayRatioMean                 its level statistic (mean over d of A/A_pred, mean over replicates)
 * @param noWeightDecayRatioStandardError        that statistic's standard error
 * @param frozenAlignment                        A of the frozen random layer {@code W⁰} per cell
 * @param frozenRatioMean                        its level statistic
 * @param frozenRatioStandardError               that statistic's standard error
 * @param ratioByDMeanAndStandardError           A/A_pred per d as {@code {mean, standard error}}
 */
record DegenerateTargetDetails(String target, String controlTarget, int width, double nOverD2, int[] d, int replicates,
        double[][] alignment, double[][] predictedAlignment, double[] ratioPerReplicate, double ratioMean,
        double ratioStandardError, double ratioCriticalValue, double[] secondOrderAllowance,
        double secondOrderAllowanceMean, double alignmentExponent, double alignmentExponentStandardError,
        double alignmentExponentCriticalValue, double predictedAlignmentExponent,
        @JsonProperty("alignment_times_d_mean") double[] alignmentTimesDMean,
        @JsonProperty("alignment_times_d_standard_error") double[] alignmentTimesDStandardError,
        double[] errorD, double[] networkErrorMean, double[] networkErrorStandardError,
        double[] randomFeaturesFloorMean, double kernelPlateau, double[][] controlAlignment,
        double[][] controlPredictedAlignment, double controlRatioMean, double controlAlignmentExponent,
        double controlAlignmentExponentStandardError, double[][] noWeightDecayAlignment,
        double noWeightDecayRatioMean, double noWeightDecayRatioStandardError, double[][] frozenAlignment,
        double frozenRatioMean, double frozenRatioStandardError,
        @JsonProperty("ratio_by_d_mean_and_standard_error") double[][] ratioByDMeanAndStandardError) {
}
