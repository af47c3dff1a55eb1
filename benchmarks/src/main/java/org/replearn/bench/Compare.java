package org.replearn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.LinearPart;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The Java side of {@code benchmarks/compare}: times one pipeline stage with the same sizes and thread count as
 * {@code benchmarks/python/reference.py} (at least W warm-up runs lasting at least S seconds in all, so that the JIT
 * has compiled the hot code even when both cores are busy; then the median of R runs) and prints one JSON line; or
 * writes a small seeded problem with Java's results as {@code .npy} files for {@code reference.py verify}.
 *
 * <pre>
 * Compare time STAGE --threads T [--n N --d D --m M --degree K --validation V --warmup W --warmup-seconds S
 *                                  --reps R --seed S]
 * Compare verify DIR
 * </pre>
 */
public final class Compare {
    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !(args[0].equals("time") || args[0].equals("verify"))) {
            System.err.println("usage: Compare time STAGE --threads T [--n N --d D --m M --degree K --validation V"
                    + " --warmup W --warmup-seconds S --reps R --seed S] | Compare verify DIR");
            System.exit(2);
        }
        if (args[0].equals("verify")) {
            verify(Path.of(args[1]));
            return;
        }
        Options o = Options.parse(args[1], Arrays.copyOfRange(args, 2, args.length));
        Stages.Workload w = Stages.setup(o);
        int sink = 0;
        long warmupEnd = System.nanoTime() + (long) (o.warmupSeconds() * 1e9);
        for (int i = 0; i < o.warmup() || System.nanoTime() < warmupEnd; i++) {
            sink ^= System.identityHashCode(w.task().get());
        }
        double[] times = new double[o.reps()];
        Object last = null;
        for (int i = 0; i < o.reps(); i++) {
            long t0 = System.nanoTime();
            last = w.task().get();
            times[i] = (System.nanoTime() - t0) * 1e-9;
            sink ^= System.identityHashCode(last);
        }
        StringBuilder parts = new StringBuilder();
        if (last instanceof FitResult fit) { // the pipeline's own stage timer, last run
            fit.seconds().forEach((k, v) -> parts.append(parts.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "\"%s\": %.4f", k, v)));
        }
        double med = median(times);
        if (sink == 42) {
            System.err.print(""); // keeps the results observable
        }
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < times.length; i++) {
            t.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", times[i]));
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"side\": \"java\", \"stage\": \"%s\", \"threads\": %d, \"n\": %d, \"d\": %d, \"m\": %d, "
                        + "\"times\": [%s], \"median\": %.6f, \"gflops\": %.3f, \"kernel\": \"%s\", \"java\": \"%s\", "
                        + "\"parts\": {%s}}",
                o.stage(), o.threads(), o.n(), o.d(), o.m(), t, med, w.flops() / med / 1e9, w.kernel(),
                System.getProperty("java.version"), parts));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k]);
    }

    /**
     * A small seeded problem ({@code n = 2048, d = 16, m = 64}, 512 validation samples, KRR on 256 points):
     * inputs and Java's result of every stage, for {@code reference.py verify}.
     */
    static void verify(Path dir) throws IOException {
        Files.createDirectories(dir);
        Options o = new Options("verify", 1, 2048, 16, 64, 20, 512, 0, 0, 1, 7L);
        Problem problem = Stages.problem(o);
        TwoLayerNetwork net = Stages.network(o);
        Dataset train = problem.train().materialize();
        Dataset val = problem.validationSource().materialize();
        Npy.write(dir.resolve("x.npy"), train.x());
        Npy.write(dir.resolve("y.npy"), train.y());
        Npy.write(dir.resolve("xv.npy"), val.x());
        Npy.write(dir.resolve("yv.npy"), val.y());
        Npy.write(dir.resolve("w.npy"), net.weights());
        Npy.write(dir.resolve("b.npy"), net.biases());
        Npy.write(dir.resolve("a.npy"), net.outputWeights());

        double[] z = Stages.gaussians(1000, new Seeds(o.seed()).rng(Stream.CHECK));
        double[][] h = new double[z.length][o.degree() + 1];
        Stages.hermite(z, h, o.degree(), 1);
        Npy.write(dir.resolve("hermite_z.npy"), z);
        Npy.write(dir.resolve("hermite.npy"), h);

        // the symmetric network is identically 0: check the forward pass with asymmetric output weights
        double[] a = net.outputWeights();
        for (int j = 0; j < a.length; j++) {
            a[j] *= 1.0 + j / (double) a.length;
        }
        double[] f = new double[train.size()];
        net.withOutputWeights(a).forward(train.x(), f);
        Npy.write(dir.resolve("forward_a.npy"), a);
        Npy.write(dir.resolve("forward.npy"), f);
        Npy.write(dir.resolve("loss.npy"), new double[] {
            LossGradient.lossOver(train.blocks(), net.withOutputWeights(a), Labels.OBSERVED, 2)});
        LinearPart linear = LinearPart.estimate(problem.train(), 1);
        double[] ab = new double[o.d() + 1];
        ab[0] = linear.alpha();
        System.arraycopy(linear.beta(), 0, ab, 1, o.d());
        Npy.write(dir.resolve("linear_part.npy"), ab);
        Labels labels = linear.residuals();
        Npy.write(dir.resolve("gradient.npy"), LossGradient.over(train.blocks(), net, labels, 2).gradient().w());
        FeatureGram stats = FeatureGram.over(problem.train(), net.weights(), net.biases(), labels, 2);
        Npy.write(dir.resolve("gram.npy"), stats.gram());
        Npy.write(dir.resolve("phity.npy"), stats.correlation());

        Stages.writeKernelCheck(dir, o);

        FitResult fit = new OneStepLearner(OneStepConfig.defaults(o.m(), 2)).fit(problem);
        Npy.write(dir.resolve("pipeline_w1.npy"), fit.firstLayer());
        Npy.write(dir.resolve("pipeline_lambda.npy"), new double[] {fit.lambda()});
        Npy.write(dir.resolve("pipeline_a.npy"), ((NetworkPredictor) fit.predictor()).network().outputWeights());
        System.out.println("wrote " + dir);
    }

    /**
     * Sizes and repetitions of one timed stage.
     *
     * @param stage      the stage name (as in reference.py)
     * @param threads    worker threads
     * @param n          samples (points for hermite, matrix size for dgemm)
     * @param d          input dimension
     * @param m          width
     * @param degree     hermite: highest degree
     * @param validation pipeline: validation samples
     * @param warmup        untimed runs, at least
     * @param warmupSeconds untimed runs continue until this much time has passed since the first
     * @param reps       timed runs
     * @param seed       master seed
     */
    record Options(String stage, int threads, int n, int d, int m, int degree, int validation, int warmup,
            double warmupSeconds, int reps, long seed) {
        static Options parse(String stage, String[] a) {
            int threads = 1;
            int n = 65536;
            int d = 64;
            int m = 1024;
            int degree = 50;
            int validation = 10000;
            int warmup = 1;
            double warmupSeconds = 0;
            int reps = 3;
            long seed = 1;
            for (int i = 0; i + 1 < a.length; i += 2) {
                String v = a[i + 1];
                switch (a[i]) {
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--n" -> n = Integer.parseInt(v);
                    case "--d" -> d = Integer.parseInt(v);
                    case "--m" -> m = Integer.parseInt(v);
                    case "--degree" -> degree = Integer.parseInt(v);
                    case "--validation" -> validation = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(v);
                    case "--reps" -> reps = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--chunk" -> { } // NumPy's streaming chunk; Java streams DataSource.BLOCK_ROWS blocks
                    default -> throw new IllegalArgumentException("unknown option " + a[i]);
                }
            }
            if (a.length % 2 != 0) {
                throw new IllegalArgumentException("option " + a[a.length - 1] + " has no value");
            }
            return new Options(stage, threads, n, d, m, degree, validation, warmup, warmupSeconds, reps, seed);
        }
    }
}
