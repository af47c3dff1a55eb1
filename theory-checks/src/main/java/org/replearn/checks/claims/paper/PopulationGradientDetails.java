package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.PopulationGradientClaim.LEARNER;
import static org.replearn.checks.claims.paper.PopulationGradientClaim.OFF_BY_ONE;
import static org.replearn.checks.claims.paper.PopulationGradientClaim.RAW_LABELS;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Replicate;
import org.replearn.checks.claims.stats.Exponents;

/**
 * The details of {@link PopulationGradientClaim}: configuration, the checks on the learner's step (flat) and the
 * controls' checks.
 *
 * @param target the target's link
 * @param d the dimension
 * @param neurons the neurons K (width 2K)
 * @param replicates the replicates R
 * @param noiseVariance the label noise variance σ²
 * @param learningRate the first step's learning rate η
 * @param nGrid the checkpoints n
 * @param zCount the z-scores at the largest n, {@code R·K·d}
 * @param check the checks on the learner's step
 * @param slopeCriticalValue {@code t_{1−5e-4,R−1}}
 * @param slopePerReplicate each replicate's slope
 * @param maxBiasOverSe the largest {@code |E ĝ − g|/SE} at the largest n over entries and replicates
 * @param maxBiasEnergyRatio the largest {@code ||E ĝ − g||²/(Σ Var ψ/n)} at the smallest n over replicates
 * @param controls the controls' checks
 */
record PopulationGradientDetails(String target, int d, int neurons, int replicates, double noiseVariance,
        double learningRate, double[] nGrid, int zCount, @JsonUnwrapped PopulationGradientVerdict.Check check,
        double slopeCriticalValue, double[] slopePerReplicate, double maxBiasOverSe, double maxBiasEnergyRatio,
        Controls controls) {
    /**
     * The checks of the two negative controls.
     *
     * @param offByOne the ReLU moments off by one
     * @param rawLabels the first step on raw labels
     */
    record Controls(PopulationGradientVerdict.Check offByOne, PopulationGradientVerdict.Check rawLabels) {
    }

    /** The details of the replicates {@code reps}, judged by {@code verdicts} (the claim's, then the controls'). */
    static PopulationGradientDetails of(int d, int neurons, double noiseVariance, double learningRate,
            Replicate[] reps, PopulationGradientVerdict[] verdicts) {
        Exponents.SeedSlope slope = verdicts[LEARNER].slope();
        double biasOverSe = 0;
        double biasEnergy = 0;
        for (Replicate r : reps) {
            biasOverSe = Math.max(biasOverSe, r.biasOverSe());
            biasEnergy = Math.max(biasEnergy, r.biasEnergyRatio());
        }
        return new PopulationGradientDetails(Conventions.MIXED_TARGET, d, neurons, reps.length, noiseVariance,
                learningRate, reps[0].n(), reps.length * neurons * d, verdicts[LEARNER].check(),
                slope.criticalValue(), slope.perSeed(), biasOverSe, biasEnergy,
                new Controls(verdicts[OFF_BY_ONE].check(), verdicts[RAW_LABELS].check()));
    }
}
