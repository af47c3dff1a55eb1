package org.replearn.checks.cli;

import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Validation shared by the subcommands: every failure is a one-line {@link ParameterException} naming the flag. */
public final class Options {
    private Options() {
    }

    /**
     * Parses a target spec or preset name, or fails naming {@code --target}. A spec that begins with {@code -} can be
     * given as {@code --target=-h2(z1)} or with a leading blank or {@code 0}, e.g. {@code --target ' -h2(z1)'}.
     */
    static HermitePolynomial target(CommandSpec spec, String value) {
        try {
            return TargetSpec.resolve(value);
        } catch (IllegalArgumentException e) {
            String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
            throw usage(spec, "--target", ReplearnCli.firstLine(e.getMessage()) + " in '" + shown + "' (presets: "
                    + String.join(", ", TargetPreset.labels()) + ")");
        }
    }

    /** Fails naming {@code flag} unless {@code value >= min}. */
    static void atLeast(CommandSpec spec, String flag, long value, long min, String fix) {
        if (value < min) {
            throw usage(spec, flag, value + " must be >= " + min + " (" + fix + ")");
        }
    }

    /** Fails naming {@code flag} unless {@code min <= value <= max} (whole numbers). */
    static void within(CommandSpec spec, String flag, long value, long min, long max, String fix) {
        if (value < min || value > max) {
            throw usage(spec, flag, value + " must be in [" + min + ", " + max + "] (" + fix + ")");
        }
    }

    /** Fails naming {@code flag} unless {@code min <= value <= max} (finite bounds); NaN fails. */
    static void within(CommandSpec spec, String flag, double value, double min, double max, String fix) {
        if (!(value >= min && value <= max)) {
            throw usage(spec, flag, number(value) + " must be in [" + number(min) + ", " + number(max) + "] (" + fix
                    + ")");
        }
    }

    /**
     * A number for a message, never {@code NaN} or {@code Infinity}: a finite one as {@link Double#toString(double)}
     * (ASCII digits, '.', whatever the locale), otherwise in words ({@code a value that is not a number}, {@code an
     * infinite value}, {@code a negative infinite value}).
     */
    static String number(double v) {
        return Double.isNaN(v) ? "a value that is not a number" : v == Double.POSITIVE_INFINITY ? "an infinite value"
                : v == Double.NEGATIVE_INFINITY ? "a negative infinite value" : Double.toString(v);
    }

    /** A usage error naming {@code flag}. */
    public static ParameterException usage(CommandSpec spec, String flag, String problem) {
        return new ParameterException(spec.commandLine(), "invalid value for option '" + flag + "': " + problem);
    }

    /** The default thread count: the available processors. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
