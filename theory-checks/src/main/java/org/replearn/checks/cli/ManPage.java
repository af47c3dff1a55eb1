package org.replearn.checks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.replearn.checks.report.RunMetadata;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages of {@code replearn} as AsciiDoc with picocli's {@link ManPageGenerator}: {@code replearn.adoc}
 * and one {@code replearn-<command>.adoc} per subcommand, from the same command line the users run (so every option,
 * default and exit code is the one {@code --help} shows). The build runs it at {@code prepare-package} into
 * {@code theory-checks/target/man}; {@code asciidoctor -b manpage} renders a page to troff for {@code man}. A build
 * tool: picocli-codegen is on the build's classpath only, not in the jar's dependencies.
 */
public final class ManPage {
    private ManPage() {
    }

    /**
     * Writes the pages of version {@code args[1]} into the directory {@code args[0]} (created if missing; existing
     * pages replaced). The build passes the project's version: before packaging there is no jar manifest to read it
     * from.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ManPage DIRECTORY VERSION");
            System.exit(ReplearnCli.USAGE);
        }
        write(Path.of(args[0]), args[1]);
    }

    /** Writes the pages of {@code version} into {@code dir}; returns picocli's status (0 on success). */
    static int write(Path dir, String version) throws IOException {
        Files.createDirectories(dir);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CommandLine cli = ReplearnCli.commandLine(nowhere, nowhere);
        String[] line = {"replearn " + version + " (commit " + RunMetadata.buildCommit() + ")"};
        cli.getCommandSpec().versionProvider(() -> line);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(() -> line));
        return ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], false, cli.getCommandSpec());
    }
}
