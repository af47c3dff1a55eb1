package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The details of {@link KernelRegimeClaim}; maps are keyed {@code <method>_d<d>} ({@code d<d>} for the floors).
 *
 * @param target               the target's link
 * @param energyByDegree       its energy {@code E_k} per degree k
 * @param width                the networks' width m
 * @param d                    the networks' dimensions
 * @param kernelD              the kernels' dimensions
 * @param kernelNOverD2        the samples per {@code d²} at which the kernels are judged
 * @param validation           the networks' validation samples
 * @param test                 the networks' test samples
 * @param kernelTest           the kernels' test samples
 * @param z                    the Bonferroni threshold of the kernels' check, in standard errors
 * @param plateau              the plateau {@code E₄}
 * @param kernelPlateau        every kernel at the judged ratio
 * @param kernelsOnPlateau     whether every kernel lies between the plateau and the untrained level
 * @param randomFeatureFloor   the exact random-features floor per d
 * @param randomFeaturesOk     whether every floor and fitted random-features error is on or above its bound
 * @param oneStepRatioNOverD2  the samples per {@code d²} of the one-step separation
 * @param maxOneStepError      the largest one-step error there (judged against {@code E₄/2})
 * @param failures             every failed check in words
 * @param errors               every curve's errors, in the order of its n
 */
record KernelRegimeDetails(String target, double[] energyByDegree, int width, int[] d, int[] kernelD,
        @JsonProperty("kernel_n_over_d2") double kernelNOverD2, long validation, long test, long kernelTest,
        double z, double plateau, Map<String, KernelRegimeTally.PlateauCell> kernelPlateau, boolean kernelsOnPlateau,
        Map<String, Double> randomFeatureFloor, boolean randomFeaturesOk,
        @JsonProperty("one_step_ratio_n_over_d2") double oneStepRatioNOverD2, double maxOneStepError,
        List<String> failures, Map<String, double[]> errors) {
}
