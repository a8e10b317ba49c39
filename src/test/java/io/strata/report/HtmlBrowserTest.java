package io.strata.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report in a real browser: headless Chromium opens the page, the page's script must finish without errors
 * (it writes data-render-ok into the DOM), and the figures it shows must equal what the commands print as JSON.
 * Skipped when Chromium is not installed (`apt-get install chromium`), except under .ci/run, which installs it
 * and sets STRATA_REQUIRE_BROWSER=1 so that a missing browser fails. Screenshots go to the
 * temporary folder, and also to the folder named by -Dstrata.screenshots when given.
 */
class HtmlBrowserTest {
    private static final String SAMPLE = "testdata/sample/sample.docker-save.tar";
    private static final String V1 = "testdata/versions/webapp-v1.docker-save.tar";
    private static final String V2 = "testdata/versions/webapp-v2.docker-save.tar";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;
    HeadlessChromium chromium;

    @BeforeEach
    void findBrowser() {
        chromium = HeadlessChromium.find(dir).orElse(null);
        // .ci/run sets this after installing chromium: in CI a missing browser is a failure, not a skip
        if ("1".equals(System.getenv("STRATA_REQUIRE_BROWSER"))) {
            assertTrue(chromium != null, "STRATA_REQUIRE_BROWSER=1 but no chromium on PATH or in $STRATA_CHROMIUM");
        }
        assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium chromium-driver): "
                + "the browser test of the HTML report is skipped");
    }

    private static JsonNode json(String... args) throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertTrue(code == 0 || code == 1, String.join(" ", args) + " exited " + code);
        return new ObjectMapper().readTree(out.toString());
    }

    private Path report(String name, String... archives) {
        Path html = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(List.of(archives));
        args.addAll(List.of("-o", html.toString()));
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        return html;
    }

    /** The opening tag of the element with this id, and its text. */
    private static String[] element(String dom, String id) {
        Matcher m = Pattern.compile("<(\\w+)([^>]*\\bid=\"" + id + "\"[^>]*)>([^<]*)<").matcher(dom);
        assertTrue(m.find(), id + " is not on the page");
        return new String[]{m.group(2), m.group(3)};
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
        assertTrue(m.find(), name + " not in " + tag);
        return m.group(1);
    }

    /** A byte figure: its data-value equals the command's number, its text is that number as strata prints it. */
    private static void assertBytes(String dom, String id, long expected) {
        String[] e = element(dom, id);
        assertEquals(expected, Long.parseLong(attribute(e[0], "data-value")), id);
        assertEquals(Sizes.human(expected), e[1], id);
    }

    private static void assertRendered(String dom) {
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        assertTrue(body.find());
        assertEquals("0", attribute(body.group(1), "data-render-errors"), dom.substring(dom.indexOf("render-errors-box")));
        assertEquals("true", attribute(body.group(1), "data-render-ok"));
    }

    private void screenshot(Path html, String name) throws Exception {
        Path png = dir.resolve(name);
        chromium.screenshot(html, png, 1400, 2000);
        byte[] head = new byte[4];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, 4);
        assertArrayEquals(PNG, head);
        assertTrue(Files.size(png) > 20_000, "a blank page would be smaller");
        String keep = System.getProperty("strata.screenshots");
        if (keep != null && !keep.isBlank()) {
            Files.createDirectories(Path.of(keep));
            Files.copy(png, Path.of(keep, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void sampleReportRendersAndShowsTheFiguresTheCommandsPrint() throws Exception {
        Path html = report("sample.html", SAMPLE);
        String dom = chromium.dumpDom(html);
        assertRendered(dom);

        JsonNode inspect = json("inspect", "--format", "json", SAMPLE).path("images").get(0);
        JsonNode waste = json("waste", "--format", "json", SAMPLE);
        JsonNode advise = json("advise", "--format", "json", SAMPLE);
        assertBytes(dom, "fig-logical", inspect.path("logicalBytes").asLong());
        assertBytes(dom, "fig-squashed", waste.path("squashedBytes").asLong());
        assertBytes(dom, "fig-wasted", waste.path("wastedBytes").asLong());
        assertBytes(dom, "fig-duplicates", waste.path("duplicateBytes").asLong());
        assertBytes(dom, "fig-saved", advise.path("bytesSaved").asLong());
        String[] eff = element(dom, "fig-efficiency");
        assertEquals(waste.path("efficiency").asDouble(), Double.parseDouble(attribute(eff[0], "data-value")));
        assertEquals(String.format(Locale.ROOT, "%.2f%%", waste.path("efficiency").asDouble() * 100), eff[1]);
        assertEquals(inspect.path("layers").size(), Integer.parseInt(element(dom, "fig-layers")[1]));
        assertEquals(advise.path("advice").size(), Integer.parseInt(element(dom, "fig-advice-count")[1]));

        // one bar per layer, with the layer's content bytes and the bytes later layers hid
        Matcher bars = Pattern.compile("<g class=\"bar-row\" data-layer=\"(\\d+)\" data-bytes=\"(\\d+)\" data-wasted=\"(\\d+)\"")
                .matcher(dom);
        int n = 0;
        while (bars.find()) {
            JsonNode layer = inspect.path("layers").get(n);
            assertEquals(layer.path("index").asInt(), Integer.parseInt(bars.group(1)));
            assertEquals(layer.path("contentBytes").asLong(), Long.parseLong(bars.group(2)));
            assertEquals(waste.path("layers").get(n).path("wastedBytes").asLong(), Long.parseLong(bars.group(3)));
            n++;
        }
        assertEquals(inspect.path("layers").size(), n);

        // the advice cards, in the command's order and with its bytes
        Matcher cards = Pattern.compile("<div class=\"advice[^\"]*\" data-rule=\"([a-z-]+)\" data-bytes=\"(\\d+)\"").matcher(dom);
        for (JsonNode a : advise.path("advice")) {
            assertTrue(cards.find(), "advice card missing: " + a.path("title"));
            assertEquals(a.path("rule").asText(), cards.group(1));
            assertEquals(a.path("bytesSaved").asLong(), Long.parseLong(cards.group(2)));
        }
        JsonNode verify = json("verify", "--format", "json", SAMPLE);
        for (String k : List.of("errors", "warnings", "infos")) {
            assertEquals(verify.path(k).asLong(), Long.parseLong(attribute(element(dom, "fig-" + k)[0], "data-value")), k);
        }
        assertTrue(dom.contains("/opt/app/data/big.bin"));
        assertTrue(Integer.parseInt(attribute(element(dom, "treemap")[0], "data-nodes")) > 10);
        screenshot(html, "report-sample.png");
    }

    @Test
    void packagesTableShowsEveryPackageLargestFirstWithItsInstallingLayer() throws Exception {
        String archive = "testdata/packages/dpkg-layers.oci-archive.tar";
        Path html = report("packages.html", archive);
        String dom = chromium.dumpDom(html);
        assertRendered(dom);
        JsonNode packages = json("packages", "--format", "json", archive).path("packages");
        List<JsonNode> bySize = new ArrayList<>();
        packages.forEach(bySize::add);
        bySize.sort(java.util.Comparator.comparingLong((JsonNode p) -> -p.path("bytes").asLong())
                .thenComparing(p -> p.path("name").asText()));

        int start = dom.indexOf("id=\"packages-table\"");
        assertTrue(start > 0, "no packages table");
        String table = dom.substring(start, dom.indexOf("</table>", start));
        Matcher row = Pattern.compile("<tr><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td><td[^>]*>"
                + "<span[^>]*><span[^>]*></span>(\\d+)</span></td>").matcher(table);
        int n = 0;
        while (row.find()) {
            JsonNode p = bySize.get(n++);
            assertEquals(List.of(p.path("ecosystem").asText(), p.path("name").asText(), p.path("version").asText(),
                            p.path("layer").path("index").asText()),
                    List.of(row.group(1), row.group(2), row.group(3), row.group(4)), "row " + n);
        }
        assertEquals(packages.size(), n, "one row per package");
    }

    @Test
    void theTreemapOpensAFolderNamedInTheAddress() throws Exception {
        Path html = report("zoom.html", SAMPLE);
        String dom = chromium.dumpUrl(html.toUri() + "#fs=/opt/app/data");
        assertRendered(dom);
        Matcher here = Pattern.compile("<span class=\"here\">([^<]*)</span>").matcher(dom);
        assertTrue(here.find(), "no breadcrumb");
        assertTrue(here.group(1).startsWith("data "), here.group(1));
        assertTrue(dom.contains(">in /opt/app/data</th>"), "the folder listing follows the zoom");
        assertTrue(dom.contains(">a-rather-long-directory-name-to-exceed-the-ustar-limit/</a>"));
    }

    @Test
    void diffReportRendersAndShowsTheDiffFigures() throws Exception {
        Path html = report("diff.html", V1, V2);
        String dom = chromium.dumpDom(html);
        assertRendered(dom);
        JsonNode summary = json("diff", "--format", "json", V1, V2).path("summary");
        for (String k : List.of("added", "removed", "modified", "metadata")) {
            String[] e = element(dom, "fig-" + k);
            assertEquals(summary.path(k).asLong(), Long.parseLong(attribute(e[0], "data-value")), k);
            assertEquals(summary.path(k).asText(), e[1], k);
        }
        assertBytes(dom, "fig-bytes-added", summary.path("bytesAdded").asLong());
        assertBytes(dom, "fig-bytes-removed", summary.path("bytesRemoved").asLong());
        assertEquals("different", element(dom, "fig-identical")[1]);
        assertTrue(dom.contains("/usr/share/webapp/feature.txt"));
        assertTrue(dom.contains("id=\"folders-table\"") && dom.contains(">/usr</td>"), "the per-folder totals");
        screenshot(html, "report-diff-versions.png");
    }
}
