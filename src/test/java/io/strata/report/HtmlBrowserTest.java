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
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    /** Unrelated images: 574 changed paths, three pages of the diff page's Files table. */
    private static final String LANG = "testdata/packages/lang-packages.docker-save.tar";
    private static final String DPKG = "testdata/packages/dpkg-layers.oci-archive.tar";
    /** One layer: coloured by layer its treemap is one colour. */
    private static final String ONE_LAYER = "testdata/multiarch/multiarch.oci-archive.tar";
    /** Okabe and Ito's colour-blind-safe colours, the page's first six layer colours (vermillion marks waste). */
    private static final List<String> OKABE_ITO = List.of("rgb(0,114,178)", "rgb(230,159,0)", "rgb(86,180,233)",
            "rgb(0,158,115)", "rgb(204,121,167)", "rgb(240,228,66)");
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

    /** A copy of the page with the test probe (page-probe.js) run after the page's own script. */
    private static Path probed(Path html) throws Exception {
        String page = Files.readString(html);
        String probe;
        try (var in = HtmlBrowserTest.class.getResourceAsStream("page-probe.js")) {
            probe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int end = page.lastIndexOf("</body>");
        Path out = html.resolveSibling("probed-" + html.getFileName());
        Files.writeString(out, page.substring(0, end) + "<script>\n" + probe + "\n</script>\n" + page.substring(end));
        return out;
    }

    /** What the probe saw, from the DOM after it ran in a window {@code width} pixels wide. */
    private JsonNode probe(Path probedPage, int width) throws Exception {
        String dom = chromium.dumpDom(probedPage, width, 1200);
        assertRendered(dom);
        Matcher m = Pattern.compile("<pre id=\"probe-result\">([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the probe wrote nothing");
        String text = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        JsonNode r = new ObjectMapper().readTree(text);
        assertTrue(r.path("error").isMissingNode(), "the probe failed: " + r.path("error"));
        assertEquals(width, r.path("viewport").asInt(), "the window's width");
        return r;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
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

    /** A tall screenshot at 1400 px, checked but not kept. */
    private void screenshot(Path html, String name) throws Exception {
        screenshot(html, name, 1400, 2000, false);
    }

    private void screenshot(Path html, String name, int width, int height) throws Exception {
        screenshot(html, name, width, height, true);
    }

    /**
     * A screenshot at this window size, checked to be a PNG with something drawn; kept in the folder named by
     * -Dstrata.screenshots (docs/screenshots holds the ones the README shows).
     */
    private void screenshot(Path html, String name, int width, int height, boolean kept) throws Exception {
        Path png = dir.resolve(name);
        chromium.screenshot(html, png, width, height);
        byte[] head = new byte[4];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, 4);
        assertArrayEquals(PNG, head);
        assertTrue(Files.size(png) > 20_000, "a blank page would be smaller");
        String keep = System.getProperty("strata.screenshots");
        if (kept && keep != null && !keep.isBlank()) {
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
        // the packages card: each count as diff's JSON summary has it (summary.packages*), the total as its value
        long packages = 0;
        for (String k : List.of("Added", "Removed", "Upgraded", "Downgraded", "Changed")) {
            String[] e = element(dom, "fig-packages-" + k.toLowerCase(java.util.Locale.ROOT));
            long n = summary.path("packages" + k).asLong(-1);
            assertEquals(n, Long.parseLong(attribute(e[0], "data-value")), k);
            assertEquals(String.valueOf(n), e[1], k);
            packages += n;
        }
        assertEquals(2, summary.path("packagesUpgraded").asLong(), "testdata/README: libexample upgraded as a deb and a jar");
        assertEquals(String.valueOf(packages), element(dom, "fig-packages")[1]);
        assertEquals("different", element(dom, "fig-identical")[1]);
        assertTrue(dom.contains("/usr/share/webapp/feature.txt"));
        assertTrue(dom.contains("id=\"folders-table\"") && dom.contains(">/usr</a></td>"), "the per-folder totals");
        // the size card: B's size and the change from A, each from inspect
        long sizeA = json("inspect", "--format", "json", V1).path("images").get(0).path("logicalBytes").asLong();
        long sizeB = json("inspect", "--format", "json", V2).path("images").get(0).path("logicalBytes").asLong();
        assertBytes(dom, "fig-size-b", sizeB);
        String[] delta = element(dom, "fig-size-delta");
        assertEquals(sizeB - sizeA, Long.parseLong(attribute(delta[0], "data-value")));
        assertEquals((sizeB > sizeA ? "+" : sizeB < sizeA ? "\u2212" : "") + Sizes.human(Math.abs(sizeB - sizeA)), delta[1]);
        screenshot(html, "report-diff-versions.png");
    }

    @Test
    void diffPageKeepsItsColumnsAndReachesEveryChangedPath() throws Exception {
        Path html = report("diff-many.html", SAMPLE, LANG);
        List<String> expected = new ArrayList<>();
        json("diff", "--format", "json", SAMPLE, LANG).path("files").forEach(f -> expected.add(f.path("path").asText()));
        assertTrue(expected.size() > 400, "a diff of unrelated images has hundreds of paths: " + expected.size());
        Path page = probed(html);
        for (int width : new int[]{1400, 800}) {
            JsonNode r = probe(page, width);
            assertTrue(r.path("scrollWidth").asInt() <= width, "the page scrolls sideways at " + width + " px");
            assertEquals(0, r.path("overflowing").size(), "a table wider than its box at " + width + " px: "
                    + r.path("overflowing"));
            if (width == 1400) {
                assertTrue(r.path("cells").asInt() > 1000, "cells measured: " + r.path("cells"));
                assertEquals(0, r.path("narrow").size(), "cells narrower than 8 characters at 1400 px: " + r.path("narrow"));
            }
            // the pager's next button walks every changed path, in the diff's order, each once
            assertTrue(r.path("pages").asInt() >= 3, "pages: " + r.path("pages"));
            assertEquals(expected, strings(r.path("paths")));
            // and each way of grouping splits them into groups that hold exactly what their counts say
            Map<String, List<String>> byGrouping = new java.util.TreeMap<>();
            for (JsonNode g : r.path("groups")) {
                List<String> paths = strings(g.path("paths"));
                assertEquals(g.path("promised").asInt(), paths.size(), g.path("by") + " " + g.path("group"));
                byGrouping.computeIfAbsent(g.path("by").asText(), k -> new ArrayList<>()).addAll(paths);
            }
            assertTrue(byGrouping.containsKey("folder"), byGrouping.keySet().toString());
            for (var e : byGrouping.entrySet()) {
                List<String> sorted = new ArrayList<>(e.getValue());
                java.util.Collections.sort(sorted);
                List<String> want = new ArrayList<>(expected);
                java.util.Collections.sort(want);
                assertEquals(want, sorted, "grouped by " + e.getKey());
            }
        }
        screenshot(html, "report-diff-800.png", 800, 1100);
        screenshot(html, "report-diff-1400.png", 1400, 1100);
    }

    @Test
    void imagePageReadsAt800PixelsWithColourBlindSafeLayersAndHumanTimes() throws Exception {
        Path html = report("sample-widths.html", SAMPLE);
        Path page = probed(html);
        JsonNode inspect = json("inspect", "--format", "json", SAMPLE).path("images").get(0);
        for (int width : new int[]{800, 1400}) {
            JsonNode r = probe(page, width);
            assertTrue(r.path("scrollWidth").asInt() <= width, "the page scrolls sideways at " + width + " px");
            assertTrue(r.path("chartFontMin").asDouble() >= 11, "layer chart text at " + width + " px: "
                    + r.path("chartFontMin") + " px");
            // coloured by layer: one legend entry per layer with bytes, the first six in Okabe and Ito's colours
            JsonNode layers = r.path("legends").path("layer");
            assertTrue(layers.size() >= 2, "legend: " + layers);
            for (JsonNode l : layers) {
                int index = Integer.parseInt(l.path("key").asText());
                assertTrue(index < inspect.path("layers").size(), "layer " + index);
                if (index < 6) assertEquals(OKABE_ITO.get(index), l.path("colour").asText(), "layer " + index);
            }
        }
        // history: each step's time as "YYYY-MM-DD HH:MM UTC (... ago)", the config's text in its title
        String dom = chromium.dumpDom(html);
        Matcher when = Pattern.compile("<td class=\"when\"><span title=\"([^\"]*)\">([^<]*)</span>").matcher(dom);
        int n = 0;
        for (JsonNode h : json("history", "--format", "json", "--no-trunc", SAMPLE).path("history")) {
            String created = h.path("created").asText("");
            if (created.isEmpty() || !created.endsWith("Z")) continue;
            assertTrue(when.find(), "history row without a time");
            n++;
        }
        when.reset();
        int shown = 0;
        while (when.find()) {
            String raw = when.group(1);
            if (!raw.endsWith("Z")) continue;
            String human = when.group(2);
            assertTrue(human.startsWith(raw.substring(0, 10) + " " + raw.substring(11, 16) + " UTC"), human + " for " + raw);
            assertTrue(raw.startsWith("1970") || human.matches(".* UTC \\((\\d+ \\w+ ago|in \\d+ \\w+|just now)\\)"), human);
            shown++;
        }
        assertEquals(n, shown, "every history time is shown in human form");
        assertTrue(shown > 0);
        screenshot(html, "report-sample-800.png", 800, 1400);
        screenshot(html, "report-sample-1400.png", 1400, 1400);
    }

    @Test
    void theTreemapOfAOneLayerImageSaysSomethingColouredByFolder() throws Exception {
        Path html = report("one-layer.html", "--platform", "linux/amd64", ONE_LAYER);
        JsonNode r = probe(probed(html), 1400);
        assertEquals(1, r.path("legends").path("layer").size(), "one layer: " + r.path("legends"));
        JsonNode folders = r.path("legends").path("folder");
        // the top-level entries of the merged filesystem, as umoci unpacked it (the facts), each its own colour
        java.util.Set<String> top = new java.util.HashSet<>();
        for (String line : Files.readAllLines(Path.of("testdata/multiarch/multiarch.oci-archive.tar.merged.linux_amd64.txt"))) {
            if (!line.startsWith("#")) top.add(line.split("[|/]")[0]);
        }
        java.util.Set<String> colours = new java.util.HashSet<>();
        for (JsonNode f : folders) {
            assertTrue(top.contains(f.path("key").asText()), f.path("key") + " not a top-level entry: " + top);
            colours.add(f.path("colour").asText());
        }
        assertTrue(folders.size() >= 2 && colours.size() == folders.size(), "folders: " + folders);
    }

    @Test
    void theTreemapColouredByPackageNamesTheDpkgPackagesAndTheirBytes() throws Exception {
        Path html = report("dpkg.html", DPKG);
        JsonNode r = probe(probed(html), 1400);
        // dpkg-query -L at the top layer (the facts): each package's regular files, an inode counted once
        // symlinks (their size there is the target's length) from the layers' tar listings, the last layer naming
        // a path telling what it is: the treemap counts regular files only
        Map<String, Character> kind = new java.util.HashMap<>();
        Matcher entry = Pattern.compile("^\\s*([-lhdcbp])\\S+ \\S+\\s+\\d+ \\S+ \\S+ (.*?)(?: -> .*| link to .*)?$",
                Pattern.MULTILINE).matcher(Files.readString(Path.of(DPKG + ".facts.txt")));
        while (entry.find()) kind.put("/" + entry.group(2), entry.group(1).charAt(0));
        java.util.Set<String> symlinks = new java.util.HashSet<>();
        kind.forEach((path, k) -> {
            if (k == 'l') symlinks.add(path);
        });
        assertTrue(symlinks.contains("/lib/x86_64-linux-gnu/libexpat.so.1") && !symlinks.contains("/bin/bunzip2"),
                symlinks.toString());
        Map<String, Long> bytes = new java.util.HashMap<>();
        boolean inList = false;
        java.util.Set<String> inodes = new java.util.HashSet<>();
        for (String line : Files.readAllLines(Path.of(DPKG + ".packages.txt"))) {
            if (line.startsWith("== ")) {
                inList = line.startsWith("== top: dpkg-query -L");
                continue;
            }
            if (!inList || line.isBlank()) continue;
            String[] f = line.trim().split(" ");
            if (f.length == 4 && !symlinks.contains(f[1]) && inodes.add(f[3])) {
                bytes.merge("deb/" + f[0], Long.parseLong(f[2]), Long::sum);
            }
        }
        assertFalse(bytes.isEmpty(), "no dpkg -L facts read");
        JsonNode packages = r.path("legends").path("package");
        assertTrue(packages.size() >= 3, "package legend: " + packages);
        for (JsonNode p : packages) {
            String key = p.path("key").asText();
            if (key.isEmpty()) continue; // "no package"
            assertEquals(bytes.get(key), p.path("bytes").asLong(), key + " bytes (dpkg-query -L): " + bytes);
        }
    }

    @Test
    void diffReportListsThePackageChangesWithBothVersions() throws Exception {
        Path html = report("diff-packages.html", V1, V2);
        String dom = chromium.dumpDom(html);
        assertRendered(dom);
        int start = dom.indexOf("id=\"diff-packages-table\"");
        assertTrue(start > 0, "no packages table on the diff page");
        String table = dom.substring(start, dom.indexOf("</table>", start));
        Matcher row = Pattern.compile("<tr><td[^>]*>([^<]*)</td><td[^>]*><span[^>]*>([^<]*)</span></td><td[^>]*>([^<]*)</td>"
                + "<td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>").matcher(table);
        List<String> rows = new ArrayList<>();
        while (row.find()) rows.add(String.join(" ", row.group(1), row.group(2), row.group(3), row.group(4), row.group(5)));
        // testdata/README: v1 -> v2 upgrades libexample in the dpkg status (1.4.2-1 -> 1.4.3-1) and its jar (1.4.2 -> 1.4.3)
        assertEquals(List.of("deb upgraded libexample 1.4.2-1 1.4.3-1", "java upgraded org.example:libexample 1.4.2 1.4.3"), rows);
        screenshot(html, "report-diff-packages.png");
    }
}
