package org.replearn.core.training;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;

/**
 * Transfer learning (docs/math.md §6): the first layer is trained once by Algorithm 1 steps 1–4 on a source target
 * {@code g_S(Ux)} ({@link Stream#SOURCE_TRAIN} samples), then {@code W¹, b} are frozen and only the head is refitted
 * (same ridge head as {@link OneStepLearner}) on the {@code n_T} samples of each downstream problem {@code g_T(Ux)} with
 * the same {@code U}. Only the label mean {@code α} is removed on the downstream task: re-estimating {@code β ∈ R^d} from
 * {@code n_T} samples would add an error {@code ≈ d·E y²/n_T}, a d-dependent cost that the frozen features (whose
 * rows lie near span(U), where any linear part of {@code g_T(Ux)} also lies) do not need to pay. The comparison with frozen random features is
 * {@link RandomFeaturesLearner} with {@code config.oneStep().network()} on the same downstream problems.
 */
public final class TransferLearner implements Learner {
    /** Largest entrywise difference between the source and downstream frames accepted as "the same U". */
    private static final double FRAME_TOLERANCE = 1e-12;

    private final TransferConfig config;
    private final TwoLayerNetwork pretrained;
    private final Map<String, Double> pretrainingSeconds;

    private TransferLearner(TransferConfig config, TwoLayerNetwork pretrained, Map<String, Double> seconds) {
        this.config = config;
        this.pretrained = pretrained;
        this.pretrainingSeconds = seconds;
    }

    /** Trains the first layer on {@code config.sourceSamples()} source samples; initialization from {@code seeds}. */
    public static TransferLearner pretrain(TransferConfig config, Seeds seeds) {
        if (config == null || seeds == null) {
            throw new IllegalArgumentException("config and seeds must not be null: pass a TransferConfig and Seeds");
        }
        StageTimer timer = new StageTimer();
        DataSource source = new DataSource(config.source(), config.sourceNoiseVariance(), seeds, Stream.SOURCE_TRAIN,
                config.sourceSamples());
        int threads = config.oneStep().network().threads();
        LinearPart linear = timer.time("linear-part", () -> LinearPart.estimate(source, threads));
        TwoLayerNetwork stepped = OneStepLearner.firstStep(config.oneStep(), source, linear, seeds, timer);
        return new TransferLearner(config, stepped, timer.seconds());
    }

    /**
     * The baseline with the same head and preprocessing: the first layer frozen at the symmetric initialization of
     * {@code seeds} (no source step; nothing is read from the source), i.e. frozen random features whose head is
     * refitted exactly as {@link #fit} does.
     */
    public static TransferLearner frozenInitialization(TransferConfig config, Seeds seeds) {
        if (config == null || seeds == null) {
            throw new IllegalArgumentException("config and seeds must not be null: pass a TransferConfig and Seeds");
        }
        NetworkConfig net = config.oneStep().network();
        TwoLayerNetwork init = SymmetricInit.initialize(net.width(), config.source().dimension(), seeds,
                net.unitSphere());
        return new TransferLearner(config, init, Map.of());
    }

    /**
     * The same learner with the frozen first layer replaced by {@code w} (m×d; biases kept): e.g. the oracle
     * {@code W¹UᵀU} that keeps only the part of the learned layer inside {@code span(U)}.
     */
    public TransferLearner withFirstLayer(DMatrixRMaj w) {
        if (w == null || w.numRows != pretrained.width() || w.numCols != pretrained.dimension()) {
            throw new IllegalArgumentException("w must be " + pretrained.width() + "×" + pretrained.dimension()
                    + " (the frozen layer's shape)");
        }
        return new TransferLearner(config, pretrained.withFirstLayer(w.copy(), pretrained.biases()),
                pretrainingSeconds);
    }

    @Override
    public String name() {
        return "transfer";
    }

    /** The frozen first layer {@code W¹} (m×d) trained on the source. */
    public DMatrixRMaj firstLayer() {
        return pretrained.weights();
    }

    /** The frozen biases {@code b} (length m). */
    public double[] biases() {
        return pretrained.biases();
    }

    /** Wall time of the pretraining stages, in seconds. */
    public Map<String, Double> pretrainingSeconds() {
        return pretrainingSeconds;
    }

    /**
     * Refits the head on the downstream task's training samples, {@code λ} on its validation samples. The timings list
     * the pretraining stages prefixed {@code source-}. Throws if the task does not share the source's {@code d, r, U}.
     */
    @Override
    public FitResult fit(Problem downstream) {
        checkSameFrame(config.source(), downstream.target());
        StageTimer timer = new StageTimer();
        timer.addAll("source-", pretrainingSeconds);
        DataSource train = downstream.train();
        NetworkConfig network = config.oneStep().network();
        LinearPart full = timer.time("linear-part", () -> LinearPart.estimate(train, network.threads()));
        LinearPart linear = new LinearPart(full.alpha(), new double[train.dimension()]);
        return FrozenFeatureHead.fit(train, downstream.validationSource(), pretrained, linear, network, timer);
    }

    private static void checkSameFrame(Target source, Target downstream) {
        if (source.dimension() != downstream.dimension()) {
            throw new IllegalArgumentException("downstream task dimension d = " + downstream.dimension() + " differs from the"
                    + " source's d = " + source.dimension() + ": transfer needs both tasks on the same R^d");
        }
        if (source.rank() != downstream.rank()) {
            throw new IllegalArgumentException("downstream task rank r = " + downstream.rank() + " differs from the source's r = "
                    + source.rank() + ": build the task as source.withLink(g_T) with g_T in " + source.rank()
                    + " variables");
        }
        DMatrixRMaj us = source.frame();
        DMatrixRMaj ut = downstream.frame();
        double diff = 0;
        for (int i = 0; i < us.data.length; i++) {
            diff = Math.max(diff, Math.abs(us.data[i] - ut.data[i]));
        }
        if (!(diff <= FRAME_TOLERANCE)) {
            throw new IllegalArgumentException("downstream task frame U differs from the source's (max entry difference "
                    + diff + "): transfer needs the same U; build the task as source.withLink(g_T)");
        }
    }
}
