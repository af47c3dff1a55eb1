package org.replearn.bench;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.replearn.core.data.DataSource;
import org.replearn.core.metrics.Predictor;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.training.LinearPart;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The two stages of {@code replearn train} after the fit: the test errors of the trained network on
 * {@link TestErrors#MIN_SAMPLES} fresh samples ({@code testStage}; {@code testStageMultTransB} is the same stage with
 * the forward pass it replaced, EJML's {@code multTransB} into a {@code rows × m} temporary, kept here as the
 * reference) and its exact population error ({@code populationError}; on one thread it is the serial pair loop it
 * replaced). The network is Algorithm 1's one-step fit on the benchmark problem ({@link Stages}); set-up checks that
 * both test stages give the same bits.
 */
public class ColdPathBenchmark extends NetworkStageBenchmark {
    private NetworkPredictor predictor;
    private Predictor multTransB;
    private DataSource test;
    private Problem problem;

    /** Fits the network and checks the reference (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        problem = Stages.problem(sized("pipeline"));
        predictor = (NetworkPredictor) new OneStepLearner(OneStepConfig.defaults(m, threads)).fit(problem)
                .predictor();
        multTransB = multTransB(predictor.network(), predictor.linear());
        test = problem.test(TestErrors.MIN_SAMPLES);
        TestErrors tiled = testStage();
        TestErrors reference = testStageMultTransB();
        if (!tiled.equals(reference)) {
            throw new IllegalStateException("test errors differ: " + tiled + " vs " + reference);
        }
    }

    /** The test errors with the tiled forward pass. */
    @Benchmark
    public TestErrors testStage() {
        return TestErrors.evaluate(predictor, test, threads);
    }

    /** The test errors with the forward pass through {@code multTransB}. */
    @Benchmark
    public TestErrors testStageMultTransB() {
        return TestErrors.evaluate(multTransB, test, threads);
    }

    /** The exact population error. */
    @Benchmark
    public Object populationError() {
        return predictor.populationError(problem.target(), threads);
    }

    /** {@code f(x) + α + β·x} as computed before the tiled forward pass. */
    private static Predictor multTransB(TwoLayerNetwork net, LinearPart linear) {
        DMatrixRMaj w = net.weights();
        double[] b = net.biases();
        double[] a = net.outputWeights();
        int m = net.width();
        return (x, out) -> {
            DMatrixRMaj s = new DMatrixRMaj(x.numRows, m);
            CommonOps_DDRM.multTransB(x, w, s);
            for (int i = 0; i < x.numRows; i++) {
                int off = i * m;
                for (int j = 0; j < m; j++) {
                    s.data[off + j] += b[j];
                }
                double first = 0;
                for (int j = 0; j < m / 2; j++) {
                    first += a[j] * net.activation().value(s.data[off + j]);
                }
                double second = 0;
                for (int j = m / 2; j < m; j++) {
                    second += a[j] * net.activation().value(s.data[off + j]);
                }
                out[i] = first + second;
                out[i] += linear.value(x, i);
            }
        };
    }
}
