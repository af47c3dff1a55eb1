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
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs {@code args} with these streams and returns the exit code (used by the tests). */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            return ReplearnCli.commandLine(out, err, new SweepCommand()).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("replearn: out of memory (the heap allows " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB): use REPLEARN_JAVA_OPTS=-Xmx<size> ./replearn sweep ...");
            return ReplearnCli.OUT_OF_RESOURCES;
        }
    }
}
