package org.replearn.checks.claims.paper;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.AlignmentPrediction;
import org.replearn.core.theory.BestHead;
import org.replearn.core.theory.PopulationGradient;

/**
 * The first layer the first-order model of docs/math.md §6 predicts after one step on n noiseless samples from a
 * symmetric initialization: the step of neuron pair j is {@code ±(G_j + sqrt(v_j/n)·ξ_j)}, {@code G_j} the population
 * correlation of §5 and {@code v_j} the noise variance of {@link AlignmentPrediction} (target without its constant and
 * linear parts), {@code ξ_j ~ N(0, I_d)} drawn once per pair (so that the predicted curve is smooth in n); rows scaled
 * so that {@code ||W¹||_F² = m}, as the learner's automatic step size does, biases those of the initialization. Its
 * alignment is {@link AlignmentPrediction}'s in expectation, and the exact error of the best head on it
 * ({@link BestHead}) is the predicted error of the learned representation.
 */
final class PredictedLayer {
    private final double[][] mean;
    private final double[] noiseSd;
    private final double[][] xi;
    private final double[] biases;

    private PredictedLayer(double[][] mean, double[] noiseSd, double[][] xi, double[] biases) {
        this.mean = mean;
        this.noiseSd = noiseSd;
        this.xi = xi;
        this.biases = biases;
    }

    /** The model for target {@code f} from the symmetric initialization {@code init}, its noise drawn from {@code rng}. */
    static PredictedLayer of(Target f, TwoLayerNetwork init, UniformRandomProvider rng) {
        Target reduced = f.withLink(f.link().withoutDegreesBelow(2));
        DMatrixRMaj w = init.weights();
        int d = w.numCols;
        int half = w.numRows / 2;
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] mean = new double[half][];
        double[] sd = new double[half];
        double[][] xi = new double[half][d];
        double[] row = new double[d];
        for (int j = 0; j < half; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            mean[j] = PopulationGradient.correlation(reduced, row, init.biases()[j]);
            sd[j] = Math.sqrt(AlignmentPrediction.noiseVariance(f, row, init.biases()[j], 0));
            for (int k = 0; k < d; k++) {
                xi[j][k] = normal.sample();
            }
        }
        return new PredictedLayer(mean, sd, xi, init.biases().clone());
    }

    /** The predicted {@code W¹} after n samples, m×d: pair j's rows {@code +u_j} and {@code −u_j}, scaled. */
    DMatrixRMaj at(long n) {
        int half = mean.length;
        int d = mean[0].length;
        DMatrixRMaj w = new DMatrixRMaj(2 * half, d);
        double norm2 = 0;
        for (int j = 0; j < half; j++) {
            double s = noiseSd[j] / Math.sqrt(n);
            for (int k = 0; k < d; k++) {
                double u = mean[j][k] + s * xi[j][k];
                w.data[j * d + k] = u;
                w.data[(j + half) * d + k] = -u;
                norm2 += 2 * u * u;
            }
        }
        double scale = Math.sqrt(2 * half / norm2);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] *= scale;
        }
        return w;
    }

    /** The exact relative error of the best head (constant and linear part included) on {@link #at}{@code (n)}. */
    double bestHeadError(long n, Target f) {
        return BestHead.of(at(n), biases, f, true).relative();
    }
}
