package org.replearn.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * has compiled the hot code even when both cores are busy; then the median of R runs) and prints one JSON line
 * ({@link JsonLine}); or writes a small seeded problem with Java's results as {@code .npy} files for
 * {@code reference.py verify}.
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
        double med = median(times);
        if (sink == 42) {
            System.err.print(""); // keeps the results observable
        }
        ObjectNode line = JsonLine.object().put("side", "java").put("stage", o.stage()).put("threads", o.threads())
                .put("n", o.n()).put("d", o.d()).put("m", o.m());
        ArrayNode t = line.putArray("times");
        for (double time : times) {
            t.add(JsonLine.round(time, 6));
        }
        line.put("median", JsonLine.round(med, 6)).put("gflops", JsonLine.round(w.flops() / med / 1e9, 3))
                .put("kernel", w.kernel()).put("java", System.getProperty("java.version"));
        // the pipeline's own stage timer, last run
        line.set("parts", last instanceof FitResult fit ? JsonLine.seconds(fit.seconds(), 4) : JsonLine.object());
        JsonLine.print(line);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k]);
    }

    /**
     * A small seeded problem ({@code n = 2048, d = 16, m = 64}, 512 validation samples, KRR on 256 points) and the
     * ReLU NTK's harmonic spectrum at {@code d = 1024}: inputs and Java's result of every stage, for
     * {@code reference.py verify}.
     */
    static void verify(Path dir) throws IOException {
        Files.createDirectories(dir);
        Options o = Options.builder("verify").threads(1).n(2048).d(16).m(64).degree(20).validation(512).warmup(0)
                .warmupSeconds(0).reps(1).seed(7L).build();
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
        Stages.writeSpectralCheck(dir);

        FitResult fit = new OneStepLearner(OneStepConfig.defaults(o.m(), 2)).fit(problem);
        Npy.write(dir.resolve("pipeline_w1.npy"), fit.firstLayer());
        Npy.write(dir.resolve("pipeline_lambda.npy"), new double[] {fit.lambda()});
        Npy.write(dir.resolve("pipeline_a.npy"), ((NetworkPredictor) fit.predictor()).network().outputWeights());
        System.out.println("wrote " + dir);
    }

    /**
     * Sizes and repetitions of one timed stage, built by name ({@link #builder}) so that no two of its many
     * {@code int} settings can be swapped by position.
     */
    static final class Options {
        private final String stage;
        private final int threads;
        private final int n;
        private final int d;
        private final int m;
        private final int degree;
        private final int validation;
        private final int warmup;
        private final double warmupSeconds;
        private final int reps;
        private final long seed;

        private Options(Builder b) {
            this.stage = b.stage;
            this.threads = b.threads;
            this.n = b.n;
            this.d = b.d;
            this.m = b.m;
            this.degree = b.degree;
            this.validation = b.validation;
            this.warmup = b.warmup;
            this.warmupSeconds = b.warmupSeconds;
            this.reps = b.reps;
            this.seed = b.seed;
        }

        /** A builder for stage {@code stage} with the command line's defaults. */
        static Builder builder(String stage) {
            return new Builder(stage);
        }

        /**
         * The options of {@code Compare time STAGE ...}: {@code --threads T --n N --d D --m M --degree K
         * --validation V --warmup W --warmup-seconds S --reps R --seed S} (and {@code --chunk}, NumPy's, ignored),
         * each a flag followed by its value, later flags overriding earlier ones.
         */
        static Options parse(String stage, String[] a) {
            Builder b = builder(stage);
            for (int i = 0; i + 1 < a.length; i += 2) {
                String v = a[i + 1];
                switch (a[i]) {
                    case "--threads" -> b.threads(Integer.parseInt(v));
                    case "--n" -> b.n(Integer.parseInt(v));
                    case "--d" -> b.d(Integer.parseInt(v));
                    case "--m" -> b.m(Integer.parseInt(v));
                    case "--degree" -> b.degree(Integer.parseInt(v));
                    case "--validation" -> b.validation(Integer.parseInt(v));
                    case "--warmup" -> b.warmup(Integer.parseInt(v));
                    case "--warmup-seconds" -> b.warmupSeconds(Double.parseDouble(v));
                    case "--reps" -> b.reps(Integer.parseInt(v));
                    case "--seed" -> b.seed(Long.parseLong(v));
                    case "--chunk" -> { } // NumPy's streaming chunk; Java streams DataSource.BLOCK_ROWS blocks
                    default -> throw new IllegalArgumentException("unknown option " + a[i]);
                }
            }
            if (a.length % 2 != 0) {
                throw new IllegalArgumentException("option " + a[a.length - 1] + " has no value");
            }
            return b.build();
        }

        /** The stage name (as in reference.py). */
        String stage() {
            return stage;
        }

        /** Worker threads. */
        int threads() {
            return threads;
        }

        /** Samples (points for hermite, matrix size for dgemm). */
        int n() {
            return n;
        }

        /** Input dimension. */
        int d() {
            return d;
        }

        /** Width. */
        int m() {
            return m;
        }

        /** Hermite: highest degree. */
        int degree() {
            return degree;
        }

        /** Pipeline: validation samples. */
        int validation() {
            return validation;
        }

        /** Untimed runs, at least. */
        int warmup() {
            return warmup;
        }

        /** Untimed runs continue until this much time has passed since the first. */
        double warmupSeconds() {
            return warmupSeconds;
        }

        /** Timed runs. */
        int reps() {
            return reps;
        }

        /** Master seed. */
        long seed() {
            return seed;
        }

        /** Named settings of {@link Options}, starting from the command line's defaults. */
        static final class Builder {
            private final String stage;
            private int threads = 1;
            private int n = 65536;
            private int d = 64;
            private int m = 1024;
            private int degree = 50;
            private int validation = 10000;
            private int warmup = 1;
            private double warmupSeconds = 0;
            private int reps = 3;
            private long seed = 1;

            private Builder(String stage) {
                this.stage = stage;
            }

            /** Worker threads (default 1). */
            Builder threads(int value) {
                threads = value;
                return this;
            }

            /** Samples, points for hermite, matrix size for dgemm (default 65536). */
            Builder n(int value) {
                n = value;
                return this;
            }

            /** Input dimension (default 64). */
            Builder d(int value) {
                d = value;
                return this;
            }

            /** Width (default 1024). */
            Builder m(int value) {
                m = value;
                return this;
            }

            /** Hermite: highest degree (default 50). */
            Builder degree(int value) {
                degree = value;
                return this;
            }

            /** Pipeline: validation samples (default 10000). */
            Builder validation(int value) {
                validation = value;
                return this;
            }

            /** Untimed runs, at least (default 1). */
            Builder warmup(int value) {
                warmup = value;
                return this;
            }

            /** Untimed runs continue until this much time has passed since the first (default 0). */
            Builder warmupSeconds(double value) {
                warmupSeconds = value;
                return this;
            }

            /** Timed runs (default 3). */
            Builder reps(int value) {
                reps = value;
                return this;
            }

            /** Master seed (default 1). */
            Builder seed(long value) {
                seed = value;
                return this;
            }

            Options build() {
                return new Options(this);
            }
        }
    }
}
