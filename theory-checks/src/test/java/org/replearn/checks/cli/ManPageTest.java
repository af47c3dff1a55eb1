package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generated man pages: the main page lists every subcommand the help lists, and each has its own page. */
class ManPageTest {
    @TempDir
    Path dir;

    @Test
    void theMainPageListsEverySubcommandWithItsOwnPage() throws Exception {
        assertEquals(0, ManPage.write(dir, "9.9.9-TEST"));
        String main = Files.readString(dir.resolve("replearn.adoc"));
        assertTrue(main.contains(":revnumber: replearn 9.9.9-TEST (commit "), main);
        assertTrue(main.contains("replearn - Executable checks of"), main);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CommandLine cli = ReplearnCli.commandLine(nowhere, nowhere);
        int listed = 0;
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            listed++;
            String name = sub.getKey();
            assertTrue(main.contains("*" + name + "*"), name + " is not listed in replearn.adoc:\n" + main);
            Path page = dir.resolve("replearn-" + name + ".adoc");
            assertTrue(Files.exists(page), "no page " + page.getFileName());
            String text = Files.readString(page);
            assertTrue(text.contains("= replearn-" + name + "(1)"), page.getFileName() + ":\n" + text);
            assertTrue(text.contains(":revnumber: replearn 9.9.9-TEST"), page.getFileName() + ":\n" + text);
        }
        assertTrue(listed >= 8, "only " + listed + " subcommands");
        for (String option : new String[] {"--only", "--scale", "--seed", "--out", "--junit"}) {
            assertTrue(Files.readString(dir.resolve("replearn-reproduce.adoc")).contains(option), option);
        }
    }
}
