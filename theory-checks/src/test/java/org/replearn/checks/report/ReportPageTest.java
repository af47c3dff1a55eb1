package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.ParseError;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html is well-formed HTML5 (no parse error in jsoup's HTML5 tree builder) with the structure a reader relies
 * on: language, viewport, title, the run's facts, a table of contents whose links all resolve, unique ids, images
 * with alternative text and no raw ASCII math; report.md carries the same sections. When headless Chromium is
 * installed, it loads the page and sees the same sections.
 */
class ReportPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static String html(Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(ReportWriterTest.report(List.of(ReportWriterTest.plot("curve"))),
                ReportDirectory.check(out.toString()));
        return Files.readString(out.resolve("report.html"));
    }

    @Test
    void htmlParsesWithoutErrorsAndHasTheStructureReadersUse(@TempDir Path tmp) throws Exception {
        String html = html(tmp);
        Parser parser = Parser.htmlParser().setTrackErrors(100);
        Document doc = Jsoup.parse(html, "", parser);
        List<String> errors = new ArrayList<>();
        for (ParseError e : parser.getErrors()) {
            errors.add(e.toString());
        }
        assertEquals(List.of(), errors, "HTML5 parse errors");
        assertEquals("en", doc.selectFirst("html").attr("lang"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals("width=device-width, initial-scale=1", doc.selectFirst("meta[name=viewport]").attr("content"));
        assertEquals("Replearn report: 2 of 3 claims hold", doc.title());
        Set<String> ids = new HashSet<>();
        for (Element e : doc.select("[id]")) {
            assertTrue(ids.add(e.id()), "unique id " + e.id());
        }
        for (Element a : doc.select("a[href^=#]")) {
            assertTrue(ids.contains(a.attr("href").substring(1)), "the link " + a.attr("href") + " resolves");
        }
        List<String> toc = doc.select("nav a").eachAttr("href");
        for (String id : List.of("sample-complexity", "width", "gd-head", "summary", "configuration")) {
            assertTrue(toc.contains("#" + id), "the contents link " + id + ": " + toc);
        }
        for (Element img : doc.select("img")) {
            assertFalse(img.attr("alt").isBlank(), "every image has alternative text");
            assertTrue(img.attr("src").startsWith("data:image/png;base64,"), "figures are inline: the page works offline");
        }
        assertEquals(2, doc.select("img").size(), "the summary figure and the claim's figure");
        assertTrue(doc.select("a[href=curve.svg]").size() == 1 && doc.select("a[href=summary.svg]").size() == 1,
                "each figure links its SVG");
        Map<String, String> run = new java.util.LinkedHashMap<>();
        for (Element dt : doc.select("dl.run dt")) {
            run.put(dt.text(), dt.nextElementSibling().text());
        }
        assertEquals(List.of("Version", "Commit", "Date", "Scale", "Seed", "Command"), List.copyOf(run.keySet()));
        assertEquals("quick", run.get("Scale"));
        assertEquals("0", run.get("Seed"));
        assertTrue(run.get("Command").startsWith("./replearn reproduce --scale quick --seed 0"), run.toString());
        assertTrue(doc.select("script, link[rel=stylesheet]").isEmpty(), "nothing loaded from elsewhere");
        String text = doc.body().text();
        assertFalse(text.contains("_{") || text.contains("^{"), "no raw TeX in the page's text");
        assertTrue(doc.select("h2[id=sample-complexity]").size() == 1 && doc.select("section").size() == 3);
    }

    @Test
    void mathReferenceParsesWithoutErrorsAndFitsAPhone(@TempDir Path tmp) throws Exception {
        html(tmp);
        Parser parser = Parser.htmlParser().setTrackErrors(100);
        Document doc = Jsoup.parse(Files.readString(tmp.resolve("r").resolve(MathReference.FILE)), "", parser);
        assertEquals(List.of(), parser.getErrors().stream().map(ParseError::toString).toList());
        assertEquals("width=device-width, initial-scale=1", doc.selectFirst("meta[name=viewport]").attr("content"));
        assertEquals(1, doc.select("a[href=report.html]").size(), "it links back to the report");
    }

    @Test
    void markdownHasTheSameSectionsAsTheHtml(@TempDir Path tmp) throws Exception {
        Document doc = Jsoup.parse(html(tmp));
        String md = Files.readString(tmp.resolve("r").resolve("report.md"));
        List<String> htmlHeadings = doc.select("h2").eachText();
        List<String> mdHeadings = md.lines().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList();
        assertEquals(htmlHeadings, mdHeadings);
        assertTrue(md.contains("- [sample-complexity](#sample-complexity--holds) — holds"), md);
        assertTrue(md.contains("![Every claim: measured against predicted, in units of its tolerance](summary.png)"));
        assertTrue(md.contains("![t](curve.png) ([SVG](curve.svg))"), md);
    }

    /** Escaping by the template: a claim's text cannot inject markup. */
    @Test
    void proseIsEscapedAndItsAsciiMathSet() {
        assertEquals("a &lt;b&gt; &amp; t<sub>0.975,11</sub>", Prose.html("a <b> & t_{0.975,11}"));
        assertEquals("A<sub>pred</sub>, d<sup>2</sup>, n<sup>-1/2</sup>, exponent_standard_error",
                Prose.html("A_pred, d^2, n^(-1/2), exponent_standard_error"));
        assertEquals("Σ<sub>k&gt;ℓ</sub> E<sub>k</sub>.", Prose.html("Σ_{k>ℓ} E_k."));
        assertEquals("typed <code>a &lt; b</code>.", Prose.withCode("typed `a < b`."));
    }

    @Test
    void headlessChromiumLoadsTheSameSections(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed at " + CHROMIUM);
        String html = html(tmp);
        Path page = tmp.resolve("r").resolve("report.html");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + tmp.resolve("profile"), "--dump-dom", page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Chromium finished");
        Assumptions.assumeTrue(p.exitValue() == 0 && !dom.isBlank(), "Chromium could not run here");
        Document seen = Jsoup.parse(dom);
        Document written = Jsoup.parse(html);
        assertEquals(written.select("h2").eachText(), seen.select("h2").eachText());
        assertEquals(written.select("nav a").eachAttr("href"), seen.select("nav a").eachAttr("href"));
        assertEquals(written.select("img").size(), seen.select("img").size());
    }
}
