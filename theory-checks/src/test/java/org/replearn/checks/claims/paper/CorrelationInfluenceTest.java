package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.PopulationGradient;
import org.replearn.core.training.LinearPart;
import org.replearn.core.training.NetworkConfig;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The sampling error of the first-step correlation with empirical {@code α̂, β̂}: ψ's variance is the learner's
 * sampling variance, and the bias is exactly {@code −(g + E[y ‖x‖² 1 x])/n}.
 */
class CorrelationInfluenceTest {
    private static final int D = 4;
    private static final int NEURONS = 3;
    private static final double NOISE = 0.25;
    private static final HermitePolynomial LINK = TargetSpec.parse(Conventions.MIXED_TARGET);

    private record Layer(DMatrixRMaj w, double[] b, double[] exact) {
        static Layer of(TwoLayerNetwork init, Target target) {
            DMatrixRMaj w = CommonOps_DDRM.extract(init.weights(), 0, NEURONS, 0, D);
            double[] b = Arrays.copyOf(init.biases(), NEURONS);
            return new Layer(w, b, PopulationGradient.correlations(target.withLink(LINK.withoutDegreesBelow(2)), w,
                    b).data);
        }
    }

    /**
     * Over 400 replicates (own frame, initialization and 4096 samples each) the learner's z-scores
     * {@code (ĝ − g)/sqrt(Var ψ / n)}, with ψ's variance from the same samples, have mean square 1: the replicates'
     * mean squares average to 1 within 4 of their standard errors (the first-order error of the delta method,
     * {@code O(d/n)}, is 1e-3, below that error's 0.04).
     */
    @Test
    void psiVarianceIsTheLearnersSamplingVariance() {
        int replicates = 400;
        long n = 4096;
        double[] meanSquare = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            Seeds seeds = new Seeds(5000 + r);
            Target target = Target.random(LINK, D, seeds.rng(Stream.FRAME));
            OneStepConfig config = new OneStepConfig(NetworkConfig.defaults(2 * NEURONS, 1), 0.5, false);
            Layer layer = Layer.of(SymmetricInit.initialize(2 * NEURONS, D, seeds, false), target);
            Problem problem = new Problem(target, NOISE, n, 1, seeds);
            CorrelationInfluence.Result influence = CorrelationInfluence.stream(problem.train(), target.mean(),
                    target.linearCoefficient(), layer.w(), layer.b(), 12);
            double[] measured = EmpiricalCorrelation.correlations(new OneStepLearner(config).firstStep(problem)
                    .weights(), SymmetricInit.initialize(2 * NEURONS, D, seeds, false), NEURONS, 0.5);
            for (int e = 0; e < measured.length; e++) {
                double z = (measured[e] - layer.exact()[e]) / Math.sqrt(influence.variance()[e] / n);
                meanSquare[r] += z * z / measured.length;
            }
        }
        double mean = Arrays.stream(meanSquare).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(meanSquare).map(q -> (q - mean) * (q - mean)).sum() / (replicates - 1));
        assertEquals(1.0, mean, 4 * sd / Math.sqrt(replicates), "mean square of the z-scores");
    }

    /**
     * The mean of the first-step correlation (production kernels: {@link LinearPart}, {@link LossGradient} from a
     * symmetric initialization, biases −0.5, 0, 0.7 so that every neuron fires on some of 16 samples) over 4000
     * samples of n = 16 is {@code g − (g + E[y ‖x‖² 1 x])/n}, with the moment
     * streamed over 2^17 other samples (and recomputed here with its standard error): within 4 standard errors per
     * entry (the mean's and the moment's), while the bias itself exceeds 10 of them.
     */
    @Test
    void theBiasIsExactlyOfOrderOneOverN() {
        Seeds seeds = new Seeds(31);
        Target target = Target.random(LINK, D, seeds.rng(Stream.FRAME));
        TwoLayerNetwork drawn = SymmetricInit.initialize(2 * NEURONS, D, seeds, false);
        TwoLayerNetwork init = drawn.withFirstLayer(drawn.weights(), new double[] {-0.5, 0, 0.7, -0.5, 0, 0.7});
        Layer layer = Layer.of(init, target);
        DataSource check = new DataSource(target, NOISE, seeds, Stream.CHECK, 1L << 17);
        double[] moment = CorrelationInfluence.stream(check, target.mean(), target.linearCoefficient(), layer.w(),
                layer.b(), 17).biasMoment();
        double[] momentSe = momentStandardErrors(check, layer, moment);
        int samples = 4000;
        int n = 16;
        int entries = NEURONS * D;
        double[] sum = new double[entries];
        double[] sumSq = new double[entries];
        for (int s = 0; s < samples; s++) {
            DataSource source = new DataSource(target, NOISE, seeds.child(s), Stream.TRAIN, n);
            DMatrixRMaj step = LossGradient.over(source, init, LinearPart.estimate(source, 1).residuals(), 1)
                    .gradient().w();
            CommonOps_DDRM.scale(-1, step);
            double[] g = EmpiricalCorrelation.correlations(step, init, NEURONS, 1);
            for (int e = 0; e < entries; e++) {
                sum[e] += g[e];
                sumSq[e] += g[e] * g[e];
            }
        }
        double largest = 0;
        for (int e = 0; e < entries; e++) {
            double mean = sum[e] / samples;
            double se = Math.hypot(Math.sqrt((sumSq[e] / samples - mean * mean) / (samples - 1)), momentSe[e] / n);
            double bias = -(layer.exact()[e] + moment[e]) / n;
            assertEquals(layer.exact()[e] + bias, mean, 4 * se, "entry " + e);
            largest = Math.max(largest, Math.abs(bias) / se);
        }
        assertTrue(largest > 10, "the largest bias is " + largest + " standard errors");
    }

    /** The standard errors of the means of {@code y ‖x‖² 1_j x_p} over {@code source}, checking the means. */
    private static double[] momentStandardErrors(DataSource source, Layer layer, double[] moment) {
        double[] sum = new double[moment.length];
        double[] sumSq = new double[moment.length];
        DataSource.Block block = source.newBlock();
        for (int k = 0; k < source.blockCount(); k++) {
            source.read(k, block);
            for (int i = 0; i < block.rows(); i++) {
                double r2 = 0;
                for (int p = 0; p < D; p++) {
                    r2 += block.x.get(i, p) * block.x.get(i, p);
                }
                for (int j = 0; j < NEURONS; j++) {
                    double s = layer.b()[j];
                    for (int p = 0; p < D; p++) {
                        s += layer.w().get(j, p) * block.x.get(i, p);
                    }
                    for (int p = 0; p < D && s > 0; p++) {
                        double v = block.y[i] * r2 * block.x.get(i, p);
                        sum[j * D + p] += v;
                        sumSq[j * D + p] += v * v;
                    }
                }
            }
        }
        long n = source.size();
        double[] se = new double[moment.length];
        for (int e = 0; e < moment.length; e++) {
            double mean = sum[e] / n;
            assertEquals(mean, moment[e], 1e-9 * (1 + Math.abs(mean)), "streamed moment " + e);
            se[e] = Math.sqrt((sumSq[e] / n - mean * mean) / (n - 1));
        }
        return se;
    }
}
