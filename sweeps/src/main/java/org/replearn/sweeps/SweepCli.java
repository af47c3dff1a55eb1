package org.replearn.sweeps;

import java.io.PrintWriter;
import org.replearn.checks.cli.ReplearnCli;

/**
 * The entry point of the sweeps jar ({@code ./replearn sweep} runs it): the {@code replearn} command line of
 * theory-checks with the {@code sweep} subcommand added, so flags, messages and exit codes follow the same rules.
 */
public final class SweepCli {
    private SweepCli() {
    }

    /** Runs {@code args} (e.g. {@code sweep --scale quick}) and exits with the command's code. */
    public static void main(String[] args) {
        ReplearnCli.exit(args, new SweepCommand());
    }

    /** Runs {@code args} with these streams and returns the exit code (used by the tests). */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return ReplearnCli.execute(args, out, err, new SweepCommand());
    }
}
