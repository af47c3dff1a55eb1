package org.replearn.checks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.report.Durations;
import org.replearn.core.NumericalFailure;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.targets.Target;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.HeadConfig;
import org.replearn.core.training.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code replearn train}: one experiment. The frame {@code U}, initialization, and training, validation and test
 * samples all derive from {@code --seed}, so the same flags give the same numbers on every machine and thread count.
 * Every flag is checked, and the run's memory and time estimated ({@link Workload}), before any work: a run that
 * cannot fit in the heap is refused naming the flags that size it; a long one prints its estimate and a progress
 * line on stderr.
 *
 * <p>Every coefficient the target spec allows ({@link HermitePolynomial#MIN_COEFFICIENT} to {@link
 * HermitePolynomial#MAX_COEFFICIENT} in magnitude) is honored: one-step, random-features and ntk-krr are fitted on
 * the target times the power of two {@code 2^k} that brings {@code E f*²} into {@code [1, 4)} (and the noise variance
 * times {@code 4^k}). These learners are equivariant in the labels (the first step's {@code η₁ = √m/‖∇‖} makes
 * {@code W¹} scale-free; ridge heads and kernel ridge are linear in the labels, their λ chosen by comparing
 * validation errors that all scale by {@code 4^k}), and a power of two scales every floating-point operation
 * exactly, so the relative errors, λ and alignment are those of the unscaled run to the last bit and the excess loss
 * is divided back by {@code 4^k}. Gradient descent's iterates are not equivariant (a step of {@code --lr} moves both
 * layers, whose gradients scale differently with the labels): {@code gd} runs on the labels as given, and a step too
 * large for them is reported naming {@code --lr}. No message prints a non-finite number.
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

    @Option(names = "--test", paramLabel = "N", defaultValue = "10000", description = "test samples, >= " + TestErrors.MIN_SAMPLES + " (default: ${DEFAULT-VALUE})")
    long test;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "200", description = "gd: full-batch steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--lr", paramLabel = "ETA", description = "gd: step size (default: 1/m)")
    Double lr;

    @Option(names = "--head", paramLabel = "HEAD", description = "one-step, random-features: second layer by closed-form"
            + " ridge (λ on validation) or by gradient descent, ridge or gd (default: ridge)")
    String head;

    @Option(names = "--head-steps", paramLabel = "T", description = "--head gd: gradient steps T, the most considered"
            + " with --head-stop validation (default: " + HEAD_STEPS_PER_WIDTH + " × m)")
    Integer headSteps;

    @Option(names = "--head-stop", paramLabel = "STOP", description = "--head gd: validation (the iterate with the"
            + " smallest validation error among T·2^(-k/4), as ridge chooses λ) or fixed (exactly T steps)"
            + " (default: validation)")
    String headStop;

    @Option(names = "--head-lr", paramLabel = "ETA", description = "--head gd: step η₂, below the stability limit"
            + " 1/λ_max(ΦᵀΦ/n + λ₂I) (default: 1/(2(tr ΦᵀΦ/n + λ₂)), always stable)")
    Double headLr;

    @Option(names = "--head-lambda", paramLabel = "L", description = "--head gd: weight decay λ₂ > 0 (default: "
            + HEAD_LAMBDA + ")")
    Double headLambda;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2206", description = "master seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: available processors)")
    Integer threads;

    @Option(names = "--json", description = "one JSON object on stdout")
    boolean json;

    @Option(names = "--quiet", description = "no time estimate or progress line on stderr")
    boolean quiet;

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

    /** Largest label noise variance, relative to {@code E f*²}: beyond it nothing can be learned at any n. */
    static final double MAX_NOISE_RATIO = 1e12;
    /** Most worker threads accepted. */
    static final int MAX_THREADS = 1024;
    /** Default (largest) gradient steps of {@code --head gd} per hidden unit: {@code T = 32m}, as claim gd-head. */
    static final int HEAD_STEPS_PER_WIDTH = 32;
    /** Default weight decay λ₂ of {@code --head gd}, the setting of claim gd-head. */
    static final double HEAD_LAMBDA = 0.01;
    /** Largest λ₂ accepted: the top of the reference ridge grid. */
    static final double MAX_HEAD_LAMBDA = 1e15;
    /** Runs estimated to take longer than this print their estimate and a progress line. */
    private static final double ANNOUNCE_SECONDS = 10;

    @Override
    public Integer call() throws Exception {
        HermitePolynomial g = Options.target(spec, target);
        if (g.degree() == 0) {
            throw Options.usage(spec, "--target", "'" + target + "' is a constant: there is nothing to learn; give a"
                    + " target with a degree >= 1 part, e.g. h2(z1)");
        }
        Options.atLeast(spec, "--d", d, g.variables(), "the target uses " + g.variables() + " directions");
        if (n < d + 2L) {
            throw Options.usage(spec, "--n", n + " must be >= d + 2 = " + (d + 2L) + " at --d " + d + " (step 2 fits"
                    + " the linear part α + β·x, d + 1 parameters, on the training samples; with fewer nothing is left"
                    + " to learn from): raise --n or lower --d");
        }
        long maxRows = (long) Integer.MAX_VALUE * DataSource.BLOCK_ROWS;
        Options.within(spec, "--n", n, 1, method == Experiment.Method.NTK_KRR ? Integer.MAX_VALUE : maxRows,
                "train on at least one sample");
        Options.within(spec, "--validation", validation, 1, maxRows, "λ is chosen on held-out samples");
        Options.within(spec, "--test", test, TestErrors.MIN_SAMPLES, maxRows,
                "smaller test sets make the error too noisy");
        double secondMoment = g.secondMoment();
        Options.within(spec, "--noise", noise, 0, Math.min(MAX_NOISE_RATIO * secondMoment, Double.MAX_VALUE),
                "a variance >= 0; beyond " + MAX_NOISE_RATIO + " × E f*² the labels are noise alone");
        int t = threads == null ? Options.defaultThreads() : threads;
        Options.within(spec, "--threads", t, 1, MAX_THREADS, "use at least one thread");
        try {
            SymmetricInit.requireEvenWidth(m);
        } catch (IllegalArgumentException e) {
            throw Options.usage(spec, "--m", m + " must be even and >= 2 (symmetric initialization pairs the neurons)");
        }
        Options.atLeast(spec, "--steps", steps, 1, "take at least one gradient step");
        double eta = lr == null ? 1.0 / m : lr;
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw Options.usage(spec, "--lr", Options.number(eta) + " must be finite and > 0");
        }
        HeadConfig headConfig = headConfig();
        int gdHeadSteps = headConfig instanceof HeadConfig.GradientDescent gd ? gd.steps() : 0;
        Workload work = Workload.of(method, d, g.variables(), n, m, validation, test, steps, t)
                .withGradientDescentHead(m, gdHeadSteps, t);
        long heap = Runtime.getRuntime().maxMemory();
        if (!work.fits(heap)) {
            Map<String, Object> values = Map.of("--m", m, "--d", d, "--n", n, "--validation", validation);
            StringBuilder sizes = new StringBuilder();
            for (String flag : work.drivers()) {
                sizes.append(sizes.length() > 0 ? " " : "").append(flag).append(' ').append(values.get(flag));
            }
            throw new ParameterException(spec.commandLine(), sizes + ": this run needs about "
                    + Workload.bytes(work.bytes()) + " of memory but the heap allows " + Workload.bytes(heap)
                    + " (" + (int) (100 * Workload.HEAP_SHARE) + "% of it may be planned): lower "
                    + String.join(" or ", work.drivers()) + ", or raise the heap with REPLEARN_JAVA_OPTS=-Xmx<size>");
        }
        boolean announce = !quiet && work.seconds() > ANNOUNCE_SECONDS;
        var err = spec.commandLine().getErr();
        if (announce) {
            err.println("replearn train: estimated at most " + Durations.words(work.seconds()) + " and "
                    + Workload.bytes(work.bytes()) + " of memory");
        }
        int k = method == Experiment.Method.GD ? 0 : -Math.getExponent(Math.sqrt(secondMoment));
        Seeds seeds = new Seeds(seed);
        Target f = Target.random(g.scalb(k), d, seeds.rng(Stream.FRAME));
        LongAdder rows = new LongAdder();
        Problem problem = new Problem(f, Math.scalb(noise, 2 * k), n, validation, seeds, rows);
        Experiment e;
        try (RowProgress progress = RowProgress.start(err, announce, rows, work.rows())) {
            Experiment.Settings settings = new Experiment.Settings(m, test, t);
            e = method == Experiment.Method.GD
                    ? Experiment.runGradientDescent(problem, settings, new Experiment.Descent(steps, eta))
                    : Experiment.run(method, problem, settings, headConfig);
        } catch (NumericalFailure ex) {
            String first = ReplearnCli.firstLine(ex.getMessage());
            throw new NumericalFailure(first.contains("stability limit") ? first + "; " + headFix()
                    : withFix(first, eta));
        }
        double excess = Math.scalb(e.excessTestLoss(), -2 * k);
        double[] reported = {e.testError(), e.testErrorStandardError(), excess, e.lambda(),
            Double.isNaN(e.populationError()) && method == Experiment.Method.NTK_KRR ? 0 : e.populationError()};
        for (double v : reported) {
            if (!Double.isFinite(v)) {
                throw new NumericalFailure(withFix("the test error or excess loss is beyond the double range (the"
                        + " fit is far off)", eta));
            }
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
        o.put("test_error_standard_error", e.testErrorStandardError());
        o.put("population_error", Double.isNaN(e.populationError()) ? null : e.populationError());
        o.put("excess_test_loss", excess);
        o.put("alignment", Double.isNaN(e.alignment()) ? null : e.alignment());
        o.put("head", headConfig instanceof HeadConfig.GradientDescent ? "gd" : "ridge");
        if (headConfig instanceof HeadConfig.GradientDescent gd) {
            o.put("head_steps", gd.steps());
            o.put("head_stop", gd.stopOnValidation() ? "validation" : "fixed");
            o.put("head_steps_used", e.headSteps());
            o.put("head_lr", gd.learningRate() == 0 ? null : gd.learningRate());
        }
        o.put("lambda", e.lambda());
        o.put("seconds", e.totalSeconds());
        o.put("stage_seconds", e.seconds());
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(o));
        } else {
            var out = spec.commandLine().getOut();
            for (Map.Entry<String, Object> en : o.entrySet()) {
                out.printf(Locale.ROOT, "%-18s %s%n", en.getKey(), text(en.getValue()));
            }
        }
        return ReplearnCli.OK;
    }

    /**
     * A value of the human-readable output: numbers to four significant digits ({@code --json} keeps every digit),
     * the stage times as {@code stage 0.123 s, ...}, a missing value as {@code n/a}.
     */
    private static String text(Object value) {
        if (value == null) {
            return "n/a";
        }
        if (value instanceof Double v) {
            return Format.fmt(v);
        }
        if (value instanceof Map<?, ?> stages) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> st : stages.entrySet()) {
                sb.append(sb.length() > 0 ? ", " : "").append(st.getKey()).append(' ').append(text(st.getValue()))
                        .append(" s");
            }
            return sb.toString();
        }
        return value.toString();
    }

    /**
     * The head as the flags give it, validated before any work: {@code --head} is {@code ridge} or {@code gd}, a
     * gradient-descent head only for the methods with frozen features, and its flags only with {@code --head gd}.
     * Whether {@code --head-lr} is below the stability limit depends on the features: checked when the head is fitted
     * (a numerical failure naming {@code --head-lr}).
     */
    private HeadConfig headConfig() {
        String kind = head == null ? "ridge" : head;
        if (!kind.equals("ridge") && !kind.equals("gd")) {
            throw Options.usage(spec, "--head", "'" + kind + "' is not a head: use ridge or gd");
        }
        boolean frozen = method == Experiment.Method.ONE_STEP || method == Experiment.Method.RANDOM_FEATURES;
        if (head != null && !frozen) {
            throw Options.usage(spec, "--head", "--method " + method.label() + " has no second layer on frozen"
                    + " features: use --head only with --method one-step or random-features");
        }
        if (kind.equals("ridge")) {
            for (Object[] flag : new Object[][] {{"--head-steps", headSteps}, {"--head-lr", headLr},
                {"--head-lambda", headLambda}, {"--head-stop", headStop}}) {
                if (flag[1] != null) {
                    throw Options.usage(spec, (String) flag[0], "applies only to the gradient-descent head: add"
                            + " --head gd, or drop " + flag[0]);
                }
            }
            return HeadConfig.reference();
        }
        if (headSteps == null && m > Integer.MAX_VALUE / HEAD_STEPS_PER_WIDTH) {
            throw Options.usage(spec, "--m", m + " is too wide for the default --head-steps " + HEAD_STEPS_PER_WIDTH
                    + " × m: give --head-steps");
        }
        int steps2 = headSteps == null ? HEAD_STEPS_PER_WIDTH * m : headSteps;
        Options.atLeast(spec, "--head-steps", steps2, 1, "take at least one gradient step");
        double lambda2 = headLambda == null ? HEAD_LAMBDA : headLambda;
        if (!(lambda2 > 0 && lambda2 <= MAX_HEAD_LAMBDA)) {
            throw Options.usage(spec, "--head-lambda", Options.number(lambda2) + " must be > 0 and <= "
                    + MAX_HEAD_LAMBDA + " (the weight decay λ₂ keeps the head's problem strictly convex)");
        }
        if (headLr != null && !(headLr > 0 && Double.isFinite(headLr))) {
            throw Options.usage(spec, "--head-lr", Options.number(headLr) + " must be finite and > 0 (omit it for the"
                    + " always-stable default 1/(2(tr ΦᵀΦ/n + λ₂)))");
        }
        String stop = headStop == null ? "validation" : headStop;
        if (!stop.equals("validation") && !stop.equals("fixed")) {
            throw Options.usage(spec, "--head-stop", "'" + stop + "' is not a stopping rule: use validation or fixed");
        }
        return new HeadConfig.GradientDescent(lambda2, steps2, headLr == null ? 0.0 : headLr,
                stop.equals("validation"));
    }

    /** What to change when the gradient-descent head's step is above its stability limit. */
    private String headFix() {
        return "lower --head-lr (now " + headLr + ") below that limit, or omit --head-lr for the always-stable default";
    }

    /**
     * {@code failure} followed by what to change, in flags, when a flag can help: {@code --lr} for gradient descent,
     * {@code --noise} when there is noise.
     */
    private String withFix(String failure, double eta) {
        String noiseFix = noise > 0 ? "--noise (now " + noise + ")" : null;
        if (method == Experiment.Method.GD) {
            return failure + "; lower --lr (now " + eta + ")" + (noiseFix == null ? "" : ", or " + noiseFix);
        }
        return noiseFix == null ? failure : failure + "; lower " + noiseFix;
    }
}
