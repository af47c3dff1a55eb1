package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.Labels;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The first-step correlation Algorithm 1 itself computes: from the symmetric initialization ({@code f_θ0 ≡ 0}) its
 * first step is {@code W¹_j = −η ∇_{w_j} L = 2η a_j ĝ_j} with {@code ĝ_j = (1/n) Σ_i ỹ_i 1[w_j·x_i + b_j > 0] x_i} on
 * the labels de-linearized with its own {@code α̂, β̂}, so {@code ĝ_j = W¹_j / (2η a_j)} is read off
 * {@link OneStepLearner#firstStep(Problem)} (fixed {@code η}, biases kept). It is measured on nested prefixes
 * {@code n = 2^minLog, …} of one problem's training sample, for the first {@code K} neurons, together with the same
 * step on the raw labels {@code y} ({@link LossGradient} on the initialization, step 2 skipped). Entries are
 * neuron-major, {@code j·d + p}.
 */
final class EmpiricalCorrelation {
    private EmpiricalCorrelation() {
    }

    /** Which first step an estimate reads: the learner's, or the step on raw labels. */
    enum Step { LEARNER, RAW_LABELS }

    /** An estimate ({@code step}) and the exact value it is compared with. */
    record Comparison(Step step, double[] exact) {
    }

    /**
     * The result for comparisons {@code v}: checkpoints {@code n}; the relative errors
     * {@code ||ĝ − exact_v||/||exact_v||} at the checkpoints and the z-scores {@code (ĝ − exact_v)/SE} at the largest
     * n, {@code SE = sqrt(Var ψ / n)}; the predicted RMS relative error {@code sqrt(Σ Var ψ/n)/||exact_0||}; at the
     * largest n the learner's {@code ĝ}, the first comparison's {@code exact} and the standard errors; and the
     * {@code O(1/n)} bias of {@code ĝ} against its standard error: the largest {@code |bias|/SE} at the largest n and
     * {@code ||bias||² / (Σ Var ψ/n)} at the smallest n.
     */
    record Replicate(double[] n, double[][] errors, double[] predicted, double[][] z, double[] measured,
            double[] exact, double[] standardError, double biasOverSe, double biasEnergyRatio)
            implements java.io.Serializable {
    }

    /**
     * Runs the first step of {@code config} on the prefixes of {@code problem}'s training sample at the checkpoints of
     * {@code influence} (its ψ statistics over the same sample) and compares its first {@code neurons} correlations
     * with {@code comparisons} (the first one the learner's against the exact {@code g}); {@code init} is the
     * learner's symmetric initialization.
     */
    static Replicate measure(OneStepConfig config, Problem problem, TwoLayerNetwork init, int neurons,
            CorrelationInfluence.Result influence, Comparison[] comparisons) {
        OneStepLearner learner = new OneStepLearner(config);
        double[] ns = influence.n();
        int points = ns.length;
        double[][] errors = new double[comparisons.length][points];
        double[] predicted = new double[points];
        double[][] estimates = new double[Step.values().length][];
        double exactNorm = Math.sqrt(squaredNorm(comparisons[0].exact()));
        for (int i = 0; i < points; i++) {
            Problem prefix = problem.withN((long) ns[i]);
            estimates[Step.LEARNER.ordinal()] = correlations(learner.firstStep(prefix).weights(), init, neurons,
                    config.learningRate());
            DMatrixRMaj raw = LossGradient.over(prefix.train(), init, Labels.OBSERVED,
                    config.network().threads()).gradient().w();
            CommonOps_DDRM.scale(-config.learningRate(), raw);
            estimates[Step.RAW_LABELS.ordinal()] = correlations(raw, init, neurons, config.learningRate());
            for (int v = 0; v < comparisons.length; v++) {
                errors[v][i] = Math.sqrt(squaredDistance(estimates[comparisons[v].step().ordinal()],
                        comparisons[v].exact()) / squaredNorm(comparisons[v].exact()));
            }
            predicted[i] = Math.sqrt(influence.totalVariance()[i] / ns[i]) / exactNorm;
        }
        double nMax = ns[points - 1];
        int entries = comparisons[0].exact().length;
        double[] se = new double[entries];
        for (int e = 0; e < entries; e++) {
            se[e] = Math.sqrt(influence.variance()[e] / nMax);
        }
        double[][] z = new double[comparisons.length][entries];
        for (int v = 0; v < comparisons.length; v++) {
            double[] est = estimates[comparisons[v].step().ordinal()];
            for (int e = 0; e < entries; e++) {
                z[v][e] = (est[e] - comparisons[v].exact()[e]) / se[e];
            }
        }
        double[] scaledBias = influence.scaledBias(comparisons[0].exact());
        double biasOverSe = 0;
        for (int e = 0; e < entries; e++) {
            biasOverSe = Math.max(biasOverSe, scaledBias[e] / nMax / se[e]);
        }
        double biasEnergyRatio = squaredNorm(scaledBias) / (ns[0] * influence.totalVariance()[0]);
        return new Replicate(ns, errors, predicted, z, estimates[Step.LEARNER.ordinal()],
                comparisons[0].exact(), se, biasOverSe, biasEnergyRatio);
    }

    /** {@code ĝ_j = W_j / (2η a_j)} for the first {@code neurons} rows of a stepped first layer {@code w}. */
    static double[] correlations(DMatrixRMaj w, TwoLayerNetwork init, int neurons, double eta) {
        int d = w.numCols;
        double[] a = init.outputWeights();
        double[] out = new double[neurons * d];
        for (int j = 0; j < neurons; j++) {
            for (int p = 0; p < d; p++) {
                out[j * d + p] = w.data[j * d + p] / (2 * eta * a[j]);
            }
        }
        return out;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int e = 0; e < a.length; e++) {
            s += (a[e] - b[e]) * (a[e] - b[e]);
        }
        return s;
    }

    private static double squaredNorm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s;
    }
}
