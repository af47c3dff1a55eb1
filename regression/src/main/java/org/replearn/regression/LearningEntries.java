package org.replearn.regression;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.HeadConfig;
import org.replearn.core.training.LinearPart;
import org.replearn.core.training.NetworkConfig;
import org.replearn.core.training.NtkKrrConfig;
import org.replearn.core.training.NtkKrrLearner;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;
import org.replearn.core.training.RandomFeaturesLearner;
import org.replearn.core.training.RidgeHead;
import org.replearn.core.training.TransferConfig;
import org.replearn.core.training.TransferLearner;

/**
 * Catalogue entries of packages {@code training}, {@code linalg}, {@code kernel} and {@code metrics} on small fixed
 * configurations: the first step and its alignment, the test errors of the one-step network, random features and
 * ReLU-NTK kernel ridge regression, and a transfer-learning run.
 */
final class LearningEntries {
    private static final long SEED = 1729L;
    private static final int D = 8;
    private static final int M = 32;
    private static final long N = 4L * DataSource.BLOCK_ROWS;
    private static final long KERNEL_N = 512;
    private static final long TRANSFER_N = DataSource.BLOCK_ROWS;
    private static final long VALIDATION = DataSource.BLOCK_ROWS;
    private static final long TEST = TestErrors.MIN_SAMPLES;
    private static final double NOISE = 0.25;
    private static final String PRESET = "single-h2";
    private static final String GRID = "RidgeHead.logGrid(1e-6, 1e2, 9)";
    private static final double[] LAMBDAS = RidgeHead.logGrid(1e-6, 1e2, 9);

    private LearningEntries() {
    }

    static List<CatalogueEntry> all() {
        return List.of(firstStep(), testErrors(), transfer());
    }

    private static Problem problem(Target target, long n) {
        return new Problem(target, NOISE, n, VALIDATION, new Seeds(SEED));
    }

    private static Problem problem(long n) {
        return problem(TargetEntries.target(PRESET, SEED, D), n);
    }

    private static OneStepConfig oneStep(int threads) {
        return new OneStepConfig(new NetworkConfig(M, false, new HeadConfig.Ridge(LAMBDAS), threads), 0.0, false);
    }

    private static Provenance provenance(String... extra) {
        String[] base = {"d", Integer.toString(D), "m", Integer.toString(M), "validation", Long.toString(VALIDATION),
                "noiseVariance", Double.toString(NOISE), "network", "SymmetricInit Gaussian rows; η₁ with RMS-1 rows of"
                + " W¹; biases kept; closed-form ridge head, λ on validation over " + GRID};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Provenance.of(SEED, all);
    }

    private static CatalogueEntry firstStep() {
        return new CatalogueEntry("first-step-alignment",
                "Algorithm 1 steps 2–3: empirical linear part, loss and gradients at the symmetric initialization on"
                        + " de-linearized labels, W¹ and its alignment A = ||W¹Uᵀ||²/||W¹||² with span(U)",
                provenance("preset", PRESET, "n", Long.toString(N)),
                (threads, out) -> {
                    Problem p = problem(N);
                    DataSource train = p.train();
                    LinearPart linear = LinearPart.estimate(train, threads);
                    TwoLayerNetwork init = SymmetricInit.initialize(M, D, p.seeds(), false);
                    LossGradient lg = LossGradient.over(train, init, linear.residuals(), threads);
                    DMatrixRMaj w1 = new OneStepLearner(oneStep(threads)).fit(p).firstLayer();
                    DMatrixRMaj u = p.target().frame();
                    out.exact("linear.alpha", linear.alpha()).exact("linear.beta", linear.beta())
                            .exact("initial-loss", lg.loss())
                            .exact("gradient.a", lg.gradient().a()).exact("gradient.w", lg.gradient().w())
                            .exact("gradient.b", lg.gradient().b())
                            .exact("w1", w1)
                            .exact("alignment", Alignment.energyFraction(w1, u))
                            .exact("principal-angle-cosines", Alignment.principalAngleCosines(w1, u))
                            .exact("initial-alignment", Alignment.energyFraction(init.weights(), u));
                });
    }

    private static CatalogueEntry testErrors() {
        return new CatalogueEntry("learner-test-errors",
                "relative test error, excess loss, chosen λ and validation error of the one-step network, random"
                        + " features (same network, no first step) and ReLU-NTK kernel ridge regression",
                provenance("preset", PRESET, "n", Long.toString(N), "test", Long.toString(TEST),
                        "kernel", "ReluNtk, n = " + KERNEL_N + " (prefix of the same training stream), λ over " + GRID),
                (threads, out) -> {
                    Problem p = problem(N);
                    DataSource test = p.test(TEST);
                    errors(out, "one-step", new OneStepLearner(oneStep(threads)).fit(p), test, threads);
                    errors(out, "random-features", new RandomFeaturesLearner(oneStep(threads).network()).fit(p), test,
                            threads);
                    NtkKrrConfig krr = new NtkKrrConfig(new NtkKrrConfig.ReluNtkKernel(), LAMBDAS, threads);
                    errors(out, "relu-ntk-krr", new NtkKrrLearner(krr).fit(p.withN(KERNEL_N)), test, threads);
                });
    }

    private static CatalogueEntry transfer() {
        return new CatalogueEntry("transfer-learning",
                "first layer trained by one step on transfer-source, frozen, head refitted on transfer-target (same U);"
                        + " compared with frozen random features on the same target samples",
                provenance("source", "transfer-source, n_S = " + N, "target", "transfer-target, n_T = " + TRANSFER_N,
                        "test", Long.toString(TEST)),
                (threads, out) -> {
                    Target source = TargetEntries.target("transfer-source", SEED, D);
                    Problem target = problem(source.withLink(TargetPreset.of("transfer-target").link()), TRANSFER_N);
                    TransferLearner learner = TransferLearner.pretrain(new TransferConfig(source, N, NOISE,
                            oneStep(threads)), target.seeds());
                    DataSource test = target.test(TEST);
                    out.exact("source-alignment", Alignment.energyFraction(learner.firstLayer(), source.frame()));
                    errors(out, "transfer", learner.fit(target), test, threads);
                    errors(out, "random-features", new RandomFeaturesLearner(oneStep(threads).network()).fit(target),
                            test, threads);
                });
    }

    private static void errors(Fields out, String name, FitResult fit, DataSource test, int threads) {
        TestErrors e = TestErrors.evaluate(fit.predictor(), test, threads);
        out.exact(name + ".relative-error", e.relativeError()).exact(name + ".excess-loss", e.excessLoss())
                .exact(name + ".lambda", fit.lambda()).exact(name + ".validation-error", fit.validationError());
    }
}
