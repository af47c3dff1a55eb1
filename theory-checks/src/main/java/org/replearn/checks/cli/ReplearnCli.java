package org.replearn.checks.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code replearn} command line: {@code reproduce} (the claims report), {@code train} (one experiment) and
 * {@code target} (describe a target). Exit codes: 0 success (for {@code reproduce}: every claim holds), 1 a claim
 * does not hold, 2 a usage error (bad flag or spec: one line on stderr naming the flag and the fix), 3 an internal
 * error. New subcommands are added to {@link #commandLine}.
 */
@Command(name = "replearn", mixinStandardHelpOptions = true, version = "replearn 0.1.0",
        description = "Executable checks of 'Neural Networks can Learn Representations with Gradient Descent'.",
        subcommands = {ReproduceCommand.class, TrainCommand.class, TargetCommand.class,
            CommandLine.HelpCommand.class})
public final class ReplearnCli implements Runnable {
    /** Exit code of a usage error. */
    public static final int USAGE = 2;
    /** Exit code of an unexpected internal error. */
    public static final int INTERNAL = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: use reproduce, train or target");
    }

    /** Entry point; forces headless AWT (the plots are rendered off-screen). */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with these streams and returns the exit code (used by the tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ReplearnCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + ex.getClass().getSimpleName()
                    + ": " + ex.getMessage());
            return INTERNAL;
        });
        return cli;
    }
}
