package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Seeds;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.training.NetworkConfig;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The first-step identity {@code W¹ = −η∇_W L(θ⁰)} on de-linearized labels: the learner's step passes it, and each
 * realistic bug of the step, applied to the learner's {@code W¹} here, fails it (error/tolerance > 1).
 */
class FirstStepIdentityTest {
    private static final FirstStepIdentity.Draw FIXED = new FirstStepIdentity.Draw(6, 8, 1500, 1.3);
    private static final FirstStepIdentity.Draw AUTOMATIC = new FirstStepIdentity.Draw(6, 8, 1500, 0);

    /** The learner's own step, with a fixed and with the automatic {@code η}: error/tolerance <= 1. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void learnerStepSatisfiesTheIdentity(boolean automatic) {
        FirstStepIdentity.Errors e = FirstStepIdentity.check(automatic ? AUTOMATIC : FIXED, new Seeds(5));
        assertTrue(e.ratio() <= 1, "measured error/tolerance " + e.ratio() + ", predicted <= 1");
        assertTrue(e.rawLabelsRatio() > 1, "the raw-labels control: measured " + e.rawLabelsRatio() + ", must be > 1");
    }

    /**
     * The bugs, each applied to the learner's {@code W¹} with a fixed {@code η}: {@code W⁰/2} kept (weight decay
     * halved), {@code η} doubled, no de-linearization, and the ReLU derivative on the wrong side ({@code 1[s <= 0]}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"half-decay", "double-eta", "raw-labels", "relu-side"})
    void realisticBugsFailTheIdentity(String bug) {
        Seeds seeds = new Seeds(6);
        Problem problem = FirstStepIdentity.problem(FIXED, seeds);
        TwoLayerNetwork init = SymmetricInit.initialize(FIXED.m(), FIXED.d(), seeds, false);
        OneStepConfig config = new OneStepConfig(NetworkConfig.defaults(FIXED.m(), 1), FIXED.eta(), false);
        DMatrixRMaj right = new OneStepLearner(config).firstStep(problem).weights();
        UnaryOperator<DMatrixRMaj> mutation = switch (bug) {
            case "half-decay" -> w -> plus(w, 0.5, init.weights());
            case "double-eta" -> w -> plus(w, 1.0, w);
            case "raw-labels" -> w -> scaled(LossGradient.over(problem.train(), init, Labels.OBSERVED, 1)
                    .gradient().w(), -FIXED.eta());
            default -> w -> wrongSide(init, problem.train().materialize());
            };
        FirstStepIdentity.Errors e = FirstStepIdentity.compare(FIXED, problem, mutation.apply(right));
        assertTrue(e.ratio() > 1, bug + ": measured error/tolerance " + e.ratio() + ", must be > 1");
    }

    /** {@code W¹} with the ReLU derivative on the wrong side: {@code −η(2/n) Σ_i e_i a_j 1[s_ij <= 0] x_i}. */
    private static DMatrixRMaj wrongSide(TwoLayerNetwork init, Dataset data) {
        double[] y = FirstStepIdentity.delinearize(data, new double[data.size()]);
        double[] f = new double[data.size()];
        init.forward(data.x(), f);
        DMatrixRMaj s = init.preactivations(data.x());
        double[] a = init.outputWeights();
        DMatrixRMaj out = new DMatrixRMaj(a.length, data.x().numCols);
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < a.length; j++) {
                for (int k = 0; k < out.numCols; k++) {
                    double term = (f[i] - y[i]) * a[j] * (s.get(i, j) <= 0 ? 1 : 0) * data.x().get(i, k);
                    out.add(j, k, -FIXED.eta() * 2.0 / data.size() * term);
                }
            }
        }
        return out;
    }

    private static DMatrixRMaj plus(DMatrixRMaj w, double c, DMatrixRMaj other) {
        DMatrixRMaj out = w.copy();
        CommonOps_DDRM.addEquals(out, c, other);
        return out;
    }

    private static DMatrixRMaj scaled(DMatrixRMaj w, double c) {
        DMatrixRMaj out = w.copy();
        CommonOps_DDRM.scale(c, out);
        return out;
    }
}
