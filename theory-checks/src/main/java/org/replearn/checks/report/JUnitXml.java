package org.replearn.checks.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.replearn.checks.claims.api.ClaimResult;

/**
 * A report as JUnit XML for CI dashboards ({@code reproduce --junit FILE}): one {@code testsuite} named
 * {@code replearn}, one {@code testcase} per claim (class {@code replearn.claims}, name = the claim id; a
 * {@code failure} when it does not hold, an {@code error} when its code threw) and one per negative control (class
 * {@code replearn.controls}, name {@code id: variant}; a {@code failure} when the check did not reject it). Written with
 * the JDK's StAX writer. The file is the program's only if it is one it wrote: an existing file is replaced only when
 * its root element is {@code <testsuites name="replearn"}; anything else is refused before any work.
 */
public final class JUnitXml {
    /** What the program's JUnit files start with, after the XML declaration. */
    private static final String ROOT = "<testsuites name=\"replearn\"";
    private static final int SNIFF_BYTES = 512;

    private JUnitXml() {
    }

    /**
     * Checks before any work that {@code file} may be written: its directory exists, and the file is missing or one
     * this program wrote. Returns the absolute path.
     */
    public static Path check(String file) throws OutputDirectory.Unusable {
        Path p = Path.of(file).toAbsolutePath().normalize();
        Path dir = p.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OutputDirectory.Unusable("its directory does not exist: create it first");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isWritable(dir)) {
                throw new OutputDirectory.Unusable("its directory is not writable: choose another path");
            }
            return p;
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputDirectory.Unusable("is not a regular file: choose a new file name");
        }
        try (InputStream in = Files.newInputStream(p)) {
            String head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
            if (!head.contains(ROOT)) {
                throw new OutputDirectory.Unusable("exists and is not a JUnit file replearn wrote (left untouched):"
                        + " choose a new file name");
            }
        } catch (IOException e) {
            throw new OutputDirectory.Unusable("cannot be read (" + OutputDirectory.reason(e) + ")");
        }
        return p;
    }

    /**
     * Writes the JUnit XML of {@code report} to {@code file} atomically (a temporary beside it, then a move), after
     * checking again, as {@link #check} does, that the file is still missing or one this program wrote: a file a user
     * put there while the claims ran is left untouched (an {@link IOException} saying so).
     */
    public static void write(Report report, Path file) throws IOException {
        try {
            check(file.toString());
        } catch (OutputDirectory.Unusable e) {
            throw new IOException("'" + file + "' " + e.getMessage());
        }
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, xml(report));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The document's bytes (UTF-8). */
    static byte[] xml(Report report) {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (ClaimResult r : report.results()) {
            tests += 1 + r.controls().size();
            if (r.error() != null) {
                errors++;
            } else if (!r.holds()) {
                failures++;
            }
            failures += (int) r.controls().stream().filter(c -> !c.rejected()).count();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "replearn");
            attributes(w, tests, failures, errors, report.totalSeconds());
            w.writeCharacters("\n  ");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "replearn " + report.command());
            attributes(w, tests, failures, errors, report.totalSeconds());
            w.writeAttribute("timestamp", report.run().toJson().getOrDefault("date", "").toString());
            for (ClaimResult r : report.results()) {
                double seconds = report.claimSeconds().getOrDefault(r.id(), 0.0);
                testCase(w, "replearn.claims", r.id(), seconds, r.error() != null ? "error" : r.holds() ? null
                        : "failure", r.error() != null ? r.error() : "measured " + r.measured().text()
                        + "; tolerance " + r.tolerance().derivation() + controlsText(r));
                for (ClaimResult.Control c : r.controls()) {
                    testCase(w, "replearn.controls", r.id() + ": " + c.variant(), 0, c.rejected() ? null : "failure",
                            "the check did not reject this deliberately wrong variant: " + c.measured().text());
                }
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's XML writer failed on a report", e);
        }
        return out.toByteArray();
    }

    private static String controlsText(ClaimResult r) {
        long passed = r.controls().stream().filter(c -> !c.rejected()).count();
        return passed == 0 ? "" : "; " + passed + " control(s) not rejected";
    }

    private static void attributes(XMLStreamWriter w, int tests, int failures, int errors, double seconds)
            throws XMLStreamException {
        w.writeAttribute("tests", Integer.toString(tests));
        w.writeAttribute("failures", Integer.toString(failures));
        w.writeAttribute("errors", Integer.toString(errors));
        w.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    }

    private static void testCase(XMLStreamWriter w, String classname, String name, double seconds, String outcome,
            String message) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", classname);
        w.writeAttribute("name", name);
        w.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
        if (outcome != null) {
            w.writeStartElement(outcome);
            w.writeAttribute("message", message);
            w.writeCharacters(message);
            w.writeEndElement();
        }
        w.writeEndElement();
    }
}
