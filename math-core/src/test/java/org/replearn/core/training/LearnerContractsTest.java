package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.NumericalFailure;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

/**
 * Contracts of the learners and their configurations not reached by the numerical tests (found by mutation testing,
 * see math-core/MUTATION.md): names, defaults, argument checks, reported diagnostics, and the documented failure
 * modes.
 */
class LearnerContractsTest {
    private static final double[] GRID = {1e-3, 1e-2, 1e-1, 1.0};

    private static NetworkConfig network(int m) {
        return new NetworkConfig(m, false, new HeadConfig.Ridge(GRID), 1);
    }

    /** Learner names are the command line's method labels. */
    @Test
    void namesAreTheMethodLabels() {
        assertEquals(Experiment.Method.ONE_STEP.label(), new OneStepLearner(OneStepConfig.defaults(8, 1)).name());
        assertEquals(Experiment.Method.RANDOM_FEATURES.label(), new RandomFeaturesLearner(network(8)).name());
        assertEquals(Experiment.Method.NTK_KRR.label(), new NtkKrrLearner(NtkKrrConfig.defaults(1)).name());
        assertEquals(Experiment.Method.GD.label(),
                new GradientDescentLearner(new GradientDescentConfig(8, false, 0.1, 1, 1)).name());
        assertEquals("ntk-krr-empirical", new NtkKrrLearner(new NtkKrrConfig(
                new NtkKrrConfig.EmpiricalNtkKernel(8, false), GRID, 1)).name());
        assertEquals("one-step", Experiment.Method.ONE_STEP.label());
        for (Experiment.Method m : Experiment.Method.values()) {
            assertEquals(m, Experiment.Method.parse(m.label()));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.Method.parse("one_step"))
                .getMessage().startsWith("unknown method 'one_step'"));
    }

    @Test
    void defaultsAreTheReferenceChoices() {
        NtkKrrConfig krr = NtkKrrConfig.defaults(3);
        assertInstanceOf(NtkKrrConfig.ReluNtkKernel.class, krr.kernel());
        assertArrayEquals(RidgeHead.logGrid(1e-6, 10, 8), krr.lambdaGrid(), 0.0);
        assertEquals(3, krr.threads());
        OneStepConfig os = OneStepConfig.defaults(8, 2);
        assertEquals(0.0, os.learningRate(), 0.0, "automatic η₁");
        assertEquals(false, os.redrawBiases());
        assertEquals(8, os.network().width());
        assertEquals(2, os.network().threads());
        assertEquals(false, os.network().unitSphere());
        assertArrayEquals(RidgeHead.logGrid(1e-10, 1e15, 100),
                ((HeadConfig.Ridge) os.network().head()).lambdaGrid(), 0.0);
    }

    @Test
    void nullArgumentsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescentLearner(null)).getMessage()
                .startsWith("config is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NtkKrrLearner(null)).getMessage()
                .startsWith("config is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RandomFeaturesLearner(null)).getMessage()
                .startsWith("config is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OneStepLearner(null)).getMessage()
                .startsWith("config is null"));
        Target t = Fixtures.target("single-h2", 4, 1);
        TransferConfig config = new TransferConfig(t, 1100, 0.0, OneStepConfig.defaults(8, 1));
        assertThrows(IllegalArgumentException.class, () -> TransferLearner.pretrain(null, new Seeds(1)));
        assertEquals("config and seeds must not be null: pass a TransferConfig and Seeds",
                assertThrows(IllegalArgumentException.class, () -> TransferLearner.pretrain(config, null))
                        .getMessage());
    }

    /** {@code totalSeconds} is the sum of the stages. */
    @Test
    void totalSecondsSumTheStages() {
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("a", 1.5);
        stages.put("b", 2.25);
        FitResult fit = new FitResult((x, out) -> { }, null, 0.0, 0, 0.0, stages);
        assertEquals(3.75, fit.totalSeconds(), 0.0);
        Experiment e = new Experiment(Experiment.Method.GD, 0.1, 0.01, 0.1, 0.1, 0.5, 0.0, 0, stages);
        assertEquals(3.75, e.totalSeconds(), 0.0);
    }

    /**
     * With a given η₁ the first layer is exactly {@code W¹ = -η₁ ∇_W L(θ0)}: against {@link TwoLayerNetwork#gradient}
     * on the materialized samples (other summation order: 1e-10 relative, as in OneStepLearnerTest).
     */
    @Test
    void givenLearningRateIsUsedAsIs() {
        Problem p = Fixtures.problem("single-h2", 5, 2100, 1100, 8);
        DMatrixRMaj w1 = new OneStepLearner(new OneStepConfig(network(8), 2.5, false)).fit(p).firstLayer();
        Dataset train = p.train().materialize();
        double[] t = Fixtures.delinearize(train, new double[6]);
        DMatrixRMaj g = SymmetricInit.initialize(8, 5, p.seeds(), false).gradient(train.x(), t).w();
        CommonOps_DDRM.scale(-2.5, g);
        assertTrue(Fixtures.relativeDifference(w1.data, g.data) < 1e-10);
    }

    /**
     * The documented failure of the automatic η₁: de-linearized labels that are exactly zero give a zero gradient. In
     * d = 1 with {@code f* = h1(z1)}, U = [1] and no noise, {@code y = x} exactly, and the linear part (0, 1) removes
     * it exactly.
     */
    @Test
    void zeroFirstStepGradientIsANumericalFailure() {
        Target linear = new Target(TargetSpec.parse("h1(z1)"), CommonOps_DDRM.identity(1));
        DataSource train = new DataSource(linear, 0.0, new Seeds(3), Stream.TRAIN, 500);
        NumericalFailure e = assertThrows(NumericalFailure.class, () -> OneStepLearner.firstStep(
                new OneStepConfig(network(4), 0.0, false), train, new LinearPart(0.0, new double[] {1.0}),
                new Seeds(3), new StageTimer()));
        assertTrue(e.getMessage().startsWith("the first-step gradient is zero"), e.getMessage());
    }

    /**
     * Gradient descent reports the validation error of its network on validation labels de-linearized with the
     * training α, β (the head's objective, as the frozen-feature learners), recomputed on materialized samples.
     */
    @Test
    void gradientDescentReportsItsValidationError() {
        Problem p = Fixtures.problem("single-h2", 5, 2000, 1100, 13);
        FitResult fit = new GradientDescentLearner(new GradientDescentConfig(8, false, 0.05, 3, 1)).fit(p);
        double[] alphaBeta = new double[6];
        Fixtures.delinearize(p.train().materialize(), alphaBeta);
        Dataset val = p.validationSource().materialize();
        double[] t = new double[val.size()];
        for (int i = 0; i < val.size(); i++) {
            double s = alphaBeta[0];
            for (int k = 0; k < 5; k++) {
                s += alphaBeta[k + 1] * val.x().get(i, k);
            }
            t[i] = val.y()[i] - s;
        }
        double expected = ((NetworkPredictor) fit.predictor()).network().loss(val.x(), t);
        assertEquals(expected, fit.validationError(), 1e-10 * expected);
    }

    /**
     * With η = 1e200 the first step stays finite (|η ∂L| <= 1e200 times labels and features of order 1) and the second
     * overflows: the failure names step 2.
     */
    @Test
    void divergenceNamesTheStep() {
        Problem p = Fixtures.problem("single-h2", 5, 1100, 1100, 13);
        NumericalFailure e = assertThrows(NumericalFailure.class,
                () -> new GradientDescentLearner(new GradientDescentConfig(8, false, 1e200, 3, 1)).fit(p));
        assertTrue(e.getMessage().startsWith("gradient descent diverged at step 2 "), e.getMessage());
    }

    @Test
    void residualChecksTheDimension() {
        LinearPart part = new LinearPart(0.5, new double[] {1, 2});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> part.residual(new DMatrixRMaj(3, 3), new double[3], 3, new double[3])).getMessage()
                .startsWith("x columns has dimension 3 but 2 is required"));
    }

    /**
     * Kernel ridge regression holds 2 n² doubles (Gram and factor), n·validation (the cross kernel) and
     * (n + validation)·d (the inputs), in double so that nothing overflows; a fit that exceeds the heap is refused
     * before any work, with both sizes in MiB.
     */
    @Test
    void kernelRidgeMemoryEstimateAndRefusal() {
        assertEquals(16.0 * 1000 * 1000 + 8.0 * 1000 * 300 + 8.0 * 1300 * 7, NtkKrrLearner.bytesNeeded(1000, 300, 7),
                0.0);
        double n = 3e9;
        assertEquals(16 * n * n + 8 * n * 1e4 + 8 * (n + 1e4) * 100, NtkKrrLearner.bytesNeeded(3_000_000_000L, 10_000,
                100), 1e-15 * 16 * n * n);
        Problem big = Fixtures.problem("single-h2", 6, 1_000_000, 2000, 2);
        double bytes = 16.0 * 1e12 + 8.0 * 1e6 * 2000 + 8.0 * (1e6 + 2000) * 6;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NtkKrrLearner(NtkKrrConfig.defaults(1)).fit(big));
        assertEquals("n = 1000000 with 2000 validation samples needs about " + (long) (bytes / (1 << 20))
                + " MiB for kernel ridge regression but the heap allows " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB: use a smaller n or validation set, or a larger -Xmx", e.getMessage());
        Problem huge = Fixtures.problem("single-h2", 6, 3_000_000_000L, 2000, 2);
        assertThrows(IllegalArgumentException.class, () -> new NtkKrrLearner(NtkKrrConfig.defaults(1)).fit(huge));
    }

    /**
     * The downstream frame may differ from the source's by at most 1e-12 per entry (inclusive): U with a zero entry
     * replaced by exactly 1e-12 is accepted, by the next double refused. Pretraining reports its own stages.
     */
    @Test
    void transferFrameToleranceIsInclusive() {
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}});
        Target source = new Target(TargetSpec.resolve("transfer-source"), u);
        TransferLearner learner = TransferLearner.pretrain(new TransferConfig(source, 1100, 0.25,
                new OneStepConfig(network(8), 0.0, false)), new Seeds(5));
        assertTrue(learner.pretrainingSeconds().containsKey("first-step"), learner.pretrainingSeconds().toString());
        assertEquals("transfer", learner.name());
        DMatrixRMaj close = u.copy();
        close.set(0, 2, 1e-12);
        Problem ok = new Problem(new Target(TargetSpec.resolve("transfer-target"), close), 0.25, 1100, 1100,
                new Seeds(6));
        assertTrue(Double.isFinite(learner.fit(ok).validationError()));
        DMatrixRMaj far = u.copy();
        far.set(0, 2, Math.nextUp(1e-12));
        Problem bad = new Problem(new Target(TargetSpec.resolve("transfer-target"), far), 0.25, 1100, 1100,
                new Seeds(6));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> learner.fit(bad)).getMessage()
                .startsWith("downstream task frame U differs from the source's"));
    }

    /**
     * {@link OneStepLearner#firstStep(Problem)} is the first layer {@code fit} uses, {@code W¹ = -η₁ ∇_W L(θ0)} with the automatic
     * {@code η₁ = sqrt(m)/||∇||_F} and the initialization's biases, against
     * {@link TwoLayerNetwork#gradient} on the materialized samples (1e-10 relative, as above).
     */
    @Test
    void firstStepIsTheScaledNegativeGradient() {
        Problem p = Fixtures.problem("single-h2", 5, 2100, 1100, 9);
        OneStepLearner learner = new OneStepLearner(new OneStepConfig(network(8), 0.0, false));
        TwoLayerNetwork stepped = learner.firstStep(p);
        assertArrayEquals(learner.fit(p).firstLayer().data, stepped.weights().data, 0.0);
        Dataset train = p.train().materialize();
        double[] t = Fixtures.delinearize(train, new double[6]);
        TwoLayerNetwork init = SymmetricInit.initialize(8, 5, p.seeds(), false);
        DMatrixRMaj g = init.gradient(train.x(), t).w();
        DMatrixRMaj expected = g.copy();
        CommonOps_DDRM.scale(-Math.sqrt(8) / org.ejml.dense.row.NormOps_DDRM.normF(g), expected);
        assertTrue(Fixtures.relativeDifference(stepped.weights().data, expected.data) < 1e-10);
        assertArrayEquals(init.biases(), stepped.biases(), 0.0);
    }
}
