package org.replearn.checks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.Experiment;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.target.HermitePolynomial;
import org.replearn.core.target.Target;
import org.replearn.core.training.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code replearn train}: one experiment. The frame {@code U}, initialization, and training, validation and test
 * samples all derive from {@code --seed}, so the same flags give the same numbers on every machine and thread count.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Run one experiment and report relative test error, excess test loss, alignment and time.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "SPEC", description = "preset name or spec")
    String target;

    @Option(names = "--d", required = true, paramLabel = "D", description = "input dimension d")
    int d;

    @Option(names = "--n", required = true, paramLabel = "N", description = "training samples")
    long n;

    @Option(names = "--m", paramLabel = "M", defaultValue = "512", description = "hidden width, even (default: ${DEFAULT-VALUE})")
    int m;

    @Option(names = "--noise", paramLabel = "S2", defaultValue = "0", description = "label noise variance σ² (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "one-step", converter = MethodConverter.class,
            description = "one-step, random-features, ntk-krr or gd (default: ${DEFAULT-VALUE})")
    Experiment.Method method;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "10000", description = "validation samples for λ (default: ${DEFAULT-VALUE})")
    long validation;

    @Option(names = "--test", paramLabel = "N", defaultValue = "10000", description = "test samples, >= 10000 (default: ${DEFAULT-VALUE})")
    long test;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "200", description = "gd: full-batch steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--lr", paramLabel = "ETA", description = "gd: step size (default: 1/m)")
    Double lr;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "master seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: available processors)")
    Integer threads;

    @Option(names = "--json", description = "one JSON object on stdout")
    boolean json;

    /** Converts the command-line spelling of a method. */
    static final class MethodConverter implements ITypeConverter<Experiment.Method> {
        @Override
        public Experiment.Method convert(String value) {
            try {
                return Experiment.Method.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        HermitePolynomial g = Options.target(spec, target);
        Options.atLeast(spec, "--d", d, g.variables(), "the target uses " + g.variables() + " directions");
        Options.atLeast(spec, "--n", n, 1, "train on at least one sample");
        Options.atLeast(spec, "--validation", validation, 1, "λ is chosen on held-out samples");
        Options.atLeast(spec, "--test", test, 10_000, "smaller test sets make the error too noisy");
        Options.nonNegative(spec, "--noise", noise, "pass a variance such as 0 or 0.25");
        int t = threads == null ? Options.defaultThreads() : threads;
        Options.atLeast(spec, "--threads", t, 1, "use at least one thread");
        if (m < 2 || m % 2 != 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "invalid value for option '--m': " + m
                    + " must be even and >= 2 (symmetric initialization pairs the neurons)");
        }
        Options.atLeast(spec, "--steps", steps, 1, "take at least one gradient step");
        double eta = lr == null ? 1.0 / m : lr;
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "invalid value for option '--lr': "
                    + eta + " must be finite and > 0");
        }
        Seeds seeds = new Seeds(seed);
        Target f = Target.random(g, d, seeds.rng(Stream.FRAME));
        Problem problem = new Problem(f, noise, n, validation, seeds);
        Experiment e;
        try {
            e = Experiment.run(method, problem, new Experiment.Settings(m, test, steps, eta, t));
        } catch (IllegalArgumentException ex) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("method", method.label());
        o.put("target", g.toString());
        o.put("d", d);
        o.put("n", n);
        o.put("m", m);
        o.put("noise", noise);
        o.put("seed", seed);
        o.put("test_error", e.testError());
        o.put("excess_test_loss", e.excessTestLoss());
        o.put("alignment", Double.isNaN(e.alignment()) ? null : e.alignment());
        o.put("lambda", e.lambda());
        o.put("seconds", e.totalSeconds());
        o.put("stage_seconds", e.seconds());
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(o));
        } else {
            var out = spec.commandLine().getOut();
            for (Map.Entry<String, Object> en : o.entrySet()) {
                out.printf("%-18s %s%n", en.getKey(), en.getValue() == null ? "n/a" : en.getValue());
            }
        }
        return 0;
    }
}
