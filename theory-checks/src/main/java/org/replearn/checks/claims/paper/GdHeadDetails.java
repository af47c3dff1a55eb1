package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.GdHeadClaim.CONTROL_DIVISOR;
import static org.replearn.checks.claims.paper.GdHeadClaim.LAMBDA;
import static org.replearn.checks.claims.paper.GdHeadClaim.NOISE;
import static org.replearn.checks.claims.paper.GdHeadClaim.STEPS_PER_WIDTH;
import static org.replearn.checks.claims.paper.GdHeadClaim.WIDTH_PER_DIMENSION;
import static org.replearn.checks.claims.paper.GdHeadClaim.column;

import java.util.List;

/**
 * The details of {@link GdHeadClaim}; per-replicate arrays follow the replicates.
 *
 * @param target                                the target's link
 * @param noiseVariance                         the label noise variance {@code σ_ε²}
 * @param d                                     the dimension
 * @param n                                     the training samples {@code d²}
 * @param m                                     the width {@code 8d}
 * @param validation                            the validation samples
 * @param replicates                            the replicates
 * @param headStepsMax                          the most gradient steps {@code T_max = 32m}
 * @param headStepsValidated                    the validated {@code T} per replicate
 * @param headLambda                            the GD head's weight decay {@code λ₂}
 * @param headLearningRate                      the GD head's step {@code η₂}, as a formula
 * @param controlSteps                          the stopped control's steps, as a formula
 * @param ridgeError                            the ridge head's exact error per replicate
 * @param ridgeLambda                           its validated λ per replicate
 * @param gdError                               the GD head's exact error per replicate
 * @param controlError                          the stopped GD head's exact error per replicate
 * @param ridgeErrorMean                        the mean ridge error
 * @param ridgeErrorStandardError               its standard error (the equivalence margin)
 * @param differenceMean                        the mean of {@code E_GD − E_ridge} (judged)
 * @param differenceStandardError               its standard error
 * @param criticalValue                         the Student-t critical value
 * @param margin                                the equivalence margin
 * @param controlDifferenceMean                 the stopped control's mean difference
 * @param controlDifferenceStandardError        its standard error
 * @param trainingLambdaRidgeError              the exact error of the ridge head with λ chosen on training
 * @param trainingLambdaDifferenceMean          the mean of {@code E_GD} minus that error
 * @param trainingLambdaDifferenceStandardError its standard error
 * @param layerDistance                         the learned layer's relative distance to the reference step, per
 *                                              replicate (check (ii))
 * @param layerRoundingBound                    the rounding bound per replicate
 * @param noWeightDecayLayerDistance            the distance of the step without weight decay, per replicate
 * @param randomLayerDistance                   the distance of the frozen {@code W⁰}, per replicate
 * @param bestHeadError                         the exact best-head error of the learned layer, per replicate
 * @param noWeightDecayBestHeadError            that of the step without weight decay
 * @param randomBestHeadError                   that of the frozen {@code W⁰}
 * @param ridgeSolveDistance                    the ridge head's relative distance to the ridge solution at its λ, per
 *                                              replicate (check (iii))
 * @param ridgeSolveBound                       its rounding bound per replicate
 * @param nextLambdaDistance                    the distance of the solution at the grid's next λ (the control)
 */
record GdHeadDetails(String target, double noiseVariance, int d, long n, int m, long validation, int replicates,
        int headStepsMax, int[] headStepsValidated, double headLambda, String headLearningRate,
        String controlSteps, double[] ridgeError, double[] ridgeLambda, double[] gdError, double[] controlError,
        double ridgeErrorMean, double ridgeErrorStandardError, double differenceMean,
        double differenceStandardError, double criticalValue, double margin, double controlDifferenceMean,
        double controlDifferenceStandardError, double[] trainingLambdaRidgeError,
        double trainingLambdaDifferenceMean, double trainingLambdaDifferenceStandardError, double[] layerDistance,
        double[] layerRoundingBound, double[] noWeightDecayLayerDistance, double[] randomLayerDistance,
        double[] bestHeadError, double[] noWeightDecayBestHeadError, double[] randomBestHeadError,
        double[] ridgeSolveDistance, double[] ridgeSolveBound, double[] nextLambdaDistance) {

    /** The details of {@code results} at dimension {@code d}. */
    static GdHeadDetails of(int d, int replicates, List<GdHeadClaim.Heads> results, double[] ridgeMean, double t,
            PairedEquivalence main, PairedEquivalence stopped, PairedEquivalence onTraining, GdHeadLayerCheck layer,
            GdHeadLayerCheck solve) {
        int m = WIDTH_PER_DIMENSION * d;
        return new GdHeadDetails("single-h2", NOISE, d, (long) d * d, m, Conventions.VALIDATION_SAMPLES, replicates,
                STEPS_PER_WIDTH * m, results.stream().mapToInt(h -> h.gd().steps()).toArray(), LAMBDA,
                "1/(2(tr G + λ₂))", "validated T / " + CONTROL_DIVISOR, column(results, h -> h.ridge().error()),
                column(results, h -> h.ridge().lambda()), column(results, h -> h.gd().error()),
                column(results, h -> h.stopped().error()), ridgeMean[0], ridgeMean[1], main.mean(),
                main.standardError(), t, ridgeMean[1], stopped.mean(), stopped.standardError(),
                column(results, h -> h.trainingRidge().error()), onTraining.mean(), onTraining.standardError(),
                layer.distance(), layer.bound(), column(results, h -> h.layers().noDecayDistance()),
                column(results, h -> h.layers().randomDistance()), column(results, h -> h.layers().bestHead()),
                column(results, h -> h.layers().noDecayBestHead()), column(results, h -> h.layers().randomBestHead()),
                solve.distance(), solve.bound(), column(results, h -> h.ridgeSolve().neighborDistance()));
    }
}
