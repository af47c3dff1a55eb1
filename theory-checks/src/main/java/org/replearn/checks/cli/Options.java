package org.replearn.checks.cli;

import org.replearn.core.target.HermitePolynomial;
import org.replearn.core.target.TargetSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Validation shared by the subcommands: every failure is a one-line {@link ParameterException} naming the flag. */
final class Options {
    private Options() {
    }

    /** Parses a target spec or preset name, or fails naming {@code --target}. */
    static HermitePolynomial target(CommandSpec spec, String value) {
        try {
            return TargetSpec.resolve(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--target': "
                    + e.getMessage().lines().findFirst().orElse("") + " in '" + value + "' (presets: " + String.join(", ", TargetSpec.presetNames()) + ")");
        }
    }

    /** Fails naming {@code flag} unless {@code value >= min}. */
    static void atLeast(CommandSpec spec, String flag, long value, long min, String fix) {
        if (value < min) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '" + flag + "': " + value
                    + " must be >= " + min + " (" + fix + ")");
        }
    }

    /** Fails naming {@code flag} unless {@code value} is finite and {@code >= 0}. */
    static void nonNegative(CommandSpec spec, String flag, double value, String fix) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '" + flag + "': " + value
                    + " must be finite and >= 0 (" + fix + ")");
        }
    }

    /** The default thread count: the available processors. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
