package io.strata.report;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page itself: self-contained, and data that cannot break out of its script element. */
class HtmlReportTest {
    private static String page(Map<String, Object> data) {
        return HtmlReport.render("Strata report: <img src=x>", data);
    }

    @Test
    void thePageLoadsNothingFromOutside() {
        String html = page(Map.of("kind", "image"));
        assertFalse(Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?(https?:|//)").matcher(html).find());
        assertFalse(html.contains("@import"));
        assertFalse(Pattern.compile("(?i)url\\(\\s*['\"]?(https?:|//)").matcher(html).find());
        assertFalse(Pattern.compile("(?i)<(link|iframe|object|embed)\\b").matcher(html).find());
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"),
                "the browser itself refuses any fetch");
    }

    @Test
    void dataCannotCloseItsScriptAndTheTitleIsEscaped() {
        String html = page(Map.of("kind", "image", "evil", "</script><script>alert(1)</script><!--"));
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"strata-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find());
        String json = m.group(1);
        assertFalse(json.contains("<"), json);
        assertTrue(json.contains("\\u003c/script>"));
        assertTrue(html.contains("<title>Strata report: &lt;img src=x&gt;</title>"));
        assertEquals(1, html.split("<title>", -1).length - 1);
    }

    @Test
    void placeholdersAreAllFilledOnce() {
        String html = page(Map.of("kind", "image", "text", "{{DATA}} {{JS}}"));
        assertFalse(html.contains("{{CSS}}") || html.contains("{{TITLE}}"));
        assertTrue(html.contains("\"text\":\"{{DATA}} {{JS}}\""), "inserted values are not expanded again");
        assertTrue(html.contains("function human(bytes)") && html.contains(".card .value"));
    }
}
