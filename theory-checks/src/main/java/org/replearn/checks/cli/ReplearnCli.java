package org.replearn.checks.cli;

import java.io.PrintWriter;
import java.util.List;
import org.replearn.checks.report.RunMetadata;
import org.replearn.core.NumericalFailure;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code replearn} command line: {@code reproduce} (the claims report), {@code results} (a report's results
 * table), {@code diff} (two reports compared), {@code list} (the claims and their cells per scale), {@code train} (one experiment), {@code target} (describe a target),
 * {@code sweep} (the sweep jar's; listed here so help shows it) and {@code generate-completion} (a bash/zsh completion
 * script). Every subcommand answers {@code -V} with the build's version and commit. Every failure is one line on stderr, never a stack trace or a Java exception
 * name, with a documented exit code: {@link #OK}, {@link #CLAIM_FAILS}, {@link #USAGE} (bad flag, spec, path, or
 * sizes that cannot fit: refused before any work, naming the flag), {@link #NUMERICAL} (the data or settings made
 * the computation fail: the message says which flag to change), {@link #OUT_OF_RESOURCES} (heap or disk ran out
 * while running) and {@link #INTERNAL} (a bug). New subcommands are added to {@link #commandLine}.
 */
@Command(name = "replearn", mixinStandardHelpOptions = true, versionProvider = ReplearnCli.Version.class,
        description = "Executable checks of 'Neural Networks can Learn Representations with Gradient Descent'.",
        subcommands = {ReproduceCommand.class, ResultsCommand.class, DiffCommand.class, ListCommand.class, TrainCommand.class,
            TargetCommand.class, AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (reproduce: every claim holds)", "1:a claim does not hold",
            "2:usage error: a bad flag, spec, output path, or sizes that cannot fit (nothing was run)",
            "3:internal error (a bug: please report the command line)",
            "4:numerical failure caused by the data or settings (the message names the flag to change)",
            "5:out of memory or disk space while running, or (sweep) a cluster that gave the sweep up"})
public final class ReplearnCli implements Runnable {
    /** Exit code of success. */
    public static final int OK = 0;
    /** Exit code of {@code reproduce} when a claim does not hold. */
    public static final int CLAIM_FAILS = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;
    /** Exit code of an unexpected internal error (a bug). */
    public static final int INTERNAL = 3;
    /** Exit code of a numerical failure caused by the data or settings ({@link NumericalFailure}). */
    public static final int NUMERICAL = 4;
    /** Exit code when the heap or the disk ran out while running. */
    public static final int OUT_OF_RESOURCES = 5;

    /** The commands a user types, for messages. */
    private static final String COMMANDS = "reproduce, results, diff, list, train, target or sweep";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: use " + COMMANDS);
    }

    /** {@code --version}: the jar's version and the commit it was built from ({@link RunMetadata}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"replearn " + RunMetadata.buildVersion() + " (commit " + RunMetadata.buildCommit() + ")"};
        }
    }

    /** Entry point; forces headless AWT (the plots are rendered off-screen). */
    public static void main(String[] args) {
        exit(args);
    }

    /**
     * Runs {@code args} on stdout and stderr, with {@code extra} subcommands (e.g. the sweeps jar's {@code sweep}),
     * headless, and exits the JVM with the command's code: the body of every entry point.
     */
    public static void exit(String[] args, Object... extra) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err, extra);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line with these streams and {@code extra} subcommands and returns the exit code (used by the
     * tests). Errors the JVM raises (out of memory, stack overflow) are reported like every other failure: one line,
     * a documented code.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Object... extra) {
        try {
            return commandLine(out, err, extra).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("replearn: " + outOfMemory());
            return OUT_OF_RESOURCES;
        } catch (StackOverflowError e) {
            err.println("replearn: internal error: the stack overflowed (a bug: please report the command line)");
            return INTERNAL;
        } catch (Error e) {
            err.println("replearn: internal error: the Java runtime failed (" + firstLine(e.getMessage())
                    + "); a bug or a broken installation: rebuild with 'mvn -B -DskipTests install' and report it");
            return INTERNAL;
        }
    }

    /**
     * The configured picocli command line, with {@code extra} subcommands (e.g. the sweeps jar's {@code sweep}) under
     * the same converters, streams and error handling.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Object... extra) {
        CommandLine cli = new CommandLine(new ReplearnCli());
        for (Object command : extra) {
            cli.addSubcommand(command);
        }
        if (!cli.getSubcommands().containsKey(SweepElsewhere.NAME)) {
            cli.addSubcommand(new SweepElsewhere());
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setAllowOptionsAsOptionParameters(true);
        cli.registerConverter(Integer.class, v -> number(v, "a whole number up to 2147483647", Integer::valueOf));
        cli.registerConverter(Integer.TYPE, v -> number(v, "a whole number up to 2147483647", Integer::valueOf));
        cli.registerConverter(Long.class, v -> number(v, "a whole number", Long::valueOf));
        cli.registerConverter(Long.TYPE, v -> number(v, "a whole number", Long::valueOf));
        cli.registerConverter(Double.class, v -> number(v, "a number such as 0.25 or 1e-3", Double::valueOf));
        cli.registerConverter(Double.TYPE, v -> number(v, "a number such as 0.25 or 1e-3", Double::valueOf));
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": " + usageMessage(ex) + " (see '" + name + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String name = cmd.getCommandSpec().qualifiedName();
            if (ex instanceof NumericalFailure) {
                cmd.getErr().println(name + ": numerical failure: " + firstLine(ex.getMessage()));
                return NUMERICAL;
            }
            cmd.getErr().println(name + ": internal error: " + firstLine(String.valueOf(ex.getMessage()))
                    + " (a bug: please report the command line)");
            return INTERNAL;
        });
        return cli;
    }

    /**
     * A usage error in one line, lower-case first: an unknown command or option names its nearest valid spelling
     * (picocli's suggestions), e.g. {@code unknown option '--onyl': did you mean '--only'?}.
     */
    static String usageMessage(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            boolean option = first.startsWith("-");
            boolean command = !option && !u.getCommandLine().getSubcommands().isEmpty();
            String what = option ? "unknown option '" + first + "'" : command ? "unknown command '" + first + "'"
                    : "unexpected argument '" + first + "'";
            List<String> near = u.getSuggestions();
            if (!near.isEmpty()) {
                return what + ": did you mean '" + near.get(0) + "'?";
            }
            return command ? what + ": use " + COMMANDS : what;
        }
        String message = firstLine(ex.getMessage());
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /**
     * {@code sweep} in the main jar: it runs on Apache Spark, which only the sweep jar carries; the launcher starts that
     * jar for {@code ./replearn sweep}. Listed so the help shows every command; run here, it says how to start it.
     */
    @Command(name = SweepElsewhere.NAME, description = "Run the claims' cells on Apache Spark (local or a cluster),"
            + " resumable; see './replearn sweep --help' (the launcher runs the sweep jar)", mixinStandardHelpOptions = true)
    static final class SweepElsewhere implements Runnable {
        static final String NAME = "sweep";

        @Spec
        CommandSpec spec;

        /** The sweep's own flags, which only the sweep jar reads. */
        @CommandLine.Unmatched
        List<String> flags;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "sweep runs on Apache Spark, in the sweep jar: start it"
                    + " with './replearn sweep ...' (the launcher builds and runs that jar)");
        }
    }

    /** The message of an exhausted heap, with the limit and the fix. */
    static String outOfMemory() {
        return "out of memory (the heap allows " + Workload.bytes(Runtime.getRuntime().maxMemory()) + "): use"
                + " smaller sizes, or a larger heap with REPLEARN_JAVA_OPTS=-Xmx<size> ./replearn ...";
    }

    /**
     * Parses a number the user typed, or fails with a message in the user's terms ({@code what} it must be). Only
     * ASCII is accepted: Java's integer parsers would also read other scripts' digits, which the target specs refuse,
     * and one rule holds for every number.
     */
    static <T> T number(String value, String what, java.util.function.Function<String, T> parse) {
        boolean ascii = value.chars().allMatch(c -> c < 128);
        try {
            if (ascii) {
                return parse.apply(value.strip());
            }
        } catch (NumberFormatException e) {
            // reported below, without the Java exception
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not " + what);
    }

    /** The first line of a message (library messages may add a spec with a caret below it). */
    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
