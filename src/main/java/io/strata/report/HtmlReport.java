package io.strata.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * `strata report`: one self-contained HTML page. The page is a fixed template with the stylesheet and script
 * inlined (resources next to this class) and the report data embedded as JSON, which the script draws into
 * summary cards, a layer chart, a treemap on a canvas and tables. Nothing is fetched: no network, no assets.
 */
public final class HtmlReport {
    private static final String RESOURCES = "/io/strata/report/";

    private HtmlReport() {
    }

    /** Writes the page for {@code data} (from {@link HtmlReportData}) with the given title. */
    public static void write(String title, Map<String, Object> data, Writer out) throws IOException {
        out.write(render(title, data));
        out.flush();
    }

    public static String render(String title, Map<String, Object> data) {
        String template = resource("report.html");
        StringBuilder page = new StringBuilder(template.length() + (1 << 16));
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            if (open < 0) break;
            int close = template.indexOf("}}", open);
            page.append(template, at, open);
            String name = template.substring(open + 2, close);
            page.append(switch (name) {
                case "TITLE" -> escapeHtml(title);
                case "CSS" -> resource("report.css");
                case "JS" -> resource("report.js");
                case "DATA" -> scriptSafeJson(data);
                default -> throw new IllegalStateException("unknown placeholder " + name);
            });
            at = close + 2;
        }
        page.append(template, at, template.length());
        return page.toString();
    }

    /** Compact JSON (no indentation: the page embeds a lot of it). */
    static String compactJson(Object data) {
        // the writer of every JSON output: names that are not UTF-8 and control characters as there
        return JsonOutput.toJson(data);
    }

    /** JSON that cannot end its script element or open a comment: every '<' becomes \u003c. */
    static String scriptSafeJson(Object data) {
        return compactJson(data).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCES + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
