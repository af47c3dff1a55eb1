package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.checks.report.Durations;

/**
 * Issue 29 (10): every command prints ASCII digits and '.' as the decimal separator whatever the default locale
 * (German wrote "(0,5 s)", Egyptian Arabic Arabic-Indic digits, Turkish changes the case of 'i').
 */
class LocaleOutputTest {
    /** Non-ASCII characters of the output that a locale could produce: digits of other scripts, and the rest. */
    private static final Pattern NON_ASCII_DIGIT = Pattern.compile("[\\p{Nd}&&[^0-9]]");
    /** A decimal comma between digits, as "0,5" (commas after a non-digit or before a space are prose). */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d,\\d");

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReplearnCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertPlain(Run r, String what) {
        String all = r.out() + r.err();
        assertFalse(NON_ASCII_DIGIT.matcher(all).find(), what + " prints non-ASCII digits: " + all);
        assertFalse(DECIMAL_COMMA.matcher(all).find(), what + " prints a decimal comma: " + all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"de-DE", "ar-EG", "tr-TR", "hi-IN-u-nu-deva"})
    void everyCommandPrintsAsciiDigitsAndADecimalPoint(String tag, @TempDir Path tmp) {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag(tag));
            String out = tmp.resolve("report").toString();
            Run reproduce = run("reproduce", "--scale", "quick", "--only", "hermite-identities", "--out", out);
            assertEquals(ReplearnCli.OK, reproduce.code(), reproduce.err());
            assertPlain(reproduce, "reproduce");
            assertTrue(Pattern.compile("\\(\\d+\\.\\d s\\)").matcher(reproduce.out()).find(), reproduce.out());
            Run results = run("results", out);
            assertEquals(ReplearnCli.OK, results.code(), results.err());
            assertPlain(results, "results");
            Run train = run("train", "--target", "single-h2", "--d", "8", "--n", "2048", "--m", "64", "--quiet");
            assertEquals(ReplearnCli.OK, train.code(), train.err());
            assertPlain(train, "train");
            assertTrue(train.out().contains("test_error         0."), train.out());
            Run json = run("train", "--target", "single-h2", "--d", "8", "--n", "2048", "--m", "64", "--quiet",
                    "--json");
            assertPlain(json, "train --json");
            Run target = run("target", "--target", "0.6*h2(z1) + 0.8*h2(z1)*h2(z2)", "--d", "16");
            assertEquals(ReplearnCli.OK, target.code(), target.err());
            assertPlain(target, "target");
            Run refused = run("train", "--target", "single-h2", "--d", "8", "--n", "2048", "--noise", "-0.5");
            assertPlain(refused, "a refusal");
            assertTrue(refused.err().contains("-0.5"), refused.err());
            assertEquals("1:01:01", Durations.clock(3661));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
