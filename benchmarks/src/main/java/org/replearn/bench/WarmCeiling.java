package org.replearn.bench;

import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.Problem;

/**
 * The ceiling of the {@code cold} stage: what {@code ./replearn train} (one-step, the ridge head, the test error and
 * the exact population error) costs once every kernel is compiled. It runs the same experiment as the cold stage's
 * {@code train} {@code 1 + reps} times in one JVM and prints the stage times of each run after the first as one JSON
 * line; the JVM and command-line start-up ({@code ./replearn --version}) is timed separately. A cold process cannot
 * beat this ceiling plus that start-up: the difference is the JIT's work.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * org.replearn.bench.WarmCeiling [n d m validation threads reps]} (defaults {@code 65536 64 1024 10000 2 3}).
 */
public final class WarmCeiling {
    private WarmCeiling() {
    }

    /** Runs the experiment; see the class comment for the arguments. */
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 65536;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int m = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        long validation = args.length > 3 ? Long.parseLong(args[3]) : 10000;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int reps = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        for (int r = 0; r <= reps; r++) {
            long start = System.nanoTime();
            // train's defaults: target single-h2, noise 1, seed 0, 10⁴ test samples
            Seeds seeds = new Seeds(0);
            Target f = Target.random(TargetSpec.resolve("single-h2"), d, seeds.rng(Stream.FRAME));
            Problem problem = new Problem(f, 1.0, n, validation, seeds);
            Experiment e = Experiment.run(Experiment.Method.ONE_STEP, problem,
                    new Experiment.Settings(m, 10_000, threads));
            double wall = (System.nanoTime() - start) / 1e9;
            JsonLine.print(JsonLine.object().put("run", r).put("warm", r > 0).put("wall", JsonLine.round(wall, 4))
                    .put("stages", JsonLine.round(e.totalSeconds(), 4))
                    .put("population_error", JsonLine.round(e.populationError(), 6))
                    .set("parts", JsonLine.seconds(e.seconds(), 4)));
        }
    }
}
