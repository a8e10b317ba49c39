package io.strata.hostile;

import io.strata.testing.Archives;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names, created_by, labels, env and tags carry terminal controls: an OSC title, clear-screen, colours, CR, BS,
 * NUL, DEL and a C1 CSI. No text output may pass one to the terminal; each is shown escaped as ls and git do.
 */
class TerminalInjectionTest {
    private static final String OSC_TITLE = "\u001b]0;pwned\u0007";
    private static final String CLEAR = "\u001b[2J\u001b[H";
    private static final String RED = "\u001b[31m";
    private static final String C1_CSI = "\u009b31m";

    @TempDir
    Path tmp;

    private Path hostile(String tagSuffix, String content) throws Exception {
        return new ImageBuilder()
                .tag("evil/" + RED + "tag" + tagSuffix + ":1")
                .config("Labels", Map.of("note", CLEAR + "label" + C1_CSI))
                .config("Env", List.of("PS1=" + OSC_TITLE + "\rprompt\b\u0000\u007f"))
                .layer("/bin/sh -c " + CLEAR + "echo hi" + OSC_TITLE)
                .file("bin/" + OSC_TITLE + "evil", content)
                .file("etc/line\nbreak", "x")
                .file("etc/cr\rback\bspace\u007fdel" + C1_CSI, "y")
                .done()
                .layer("/bin/sh -c rm " + RED)
                .whiteout("etc/line\nbreak")
                .done()
                .write(tmp, "evil" + tagSuffix + ".tar");
    }

    /** Nothing but printable text, newlines and the tabs of the output's own layout. */
    private static void assertNoControls(String what, String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
            assertTrue(!control, what + ": raw control U+" + String.format("%04X", (int) c) + " at " + i + " in\n" + out);
        }
    }

    @Test
    void noTextOutputPassesAControlCharacterFromTheArchive() throws Exception {
        Path a = hostile("a", "one");
        Path b = hostile("b", "two");
        List<List<String>> runs = List.of(
                List.of("files", a.toString()), List.of("files", a.toString(), "--deleted"),
                List.of("files", a.toString(), "--layer", "1"), List.of("files", a.toString(), "--tree"),
                List.of("inspect", a.toString()), List.of("history", a.toString(), "--no-trunc"),
                List.of("waste", a.toString()), List.of("diff", a.toString(), b.toString()),
                List.of("advise", a.toString()), List.of("verify", a.toString()),
                List.of("ci", a.toString(), "--no-setuid"),
                List.of("extract", a.toString(), "/etc/no" + RED + "such"),
                List.of("extract", a.toString(), "/bin/" + OSC_TITLE + "evil", "-o", tmp.resolve("x").toString()));
        for (List<String> args : runs) {
            var r = CommandMatrix.run(args);
            assertTrue(r.code() <= 2, args + " exit " + r.code() + r.err());
            assertNoControls(String.join(" ", args) + " (stdout)", r.out());
            assertNoControls(String.join(" ", args) + " (stderr)", r.err());
        }
        String files = CommandMatrix.run(List.of("files", a.toString())).out();
        assertTrue(files.contains("/bin/\\x1b]0;pwned\\x07evil"), files);
        assertTrue(files.contains("/etc/cr\\rback\\x08space\\x7fdel\\xc2\\x9b31m"), files);
        String deleted = CommandMatrix.run(List.of("files", a.toString(), "--deleted")).out();
        assertTrue(deleted.contains("/etc/line\\nbreak"), "a newline in a name cannot fake a line\n" + deleted);
        String history = CommandMatrix.run(List.of("history", a.toString(), "--no-trunc")).out();
        assertTrue(history.contains("\\x1b[2J\\x1b[Hecho hi\\x1b]0;pwned\\x07"), history);
        String error = CommandMatrix.run(List.of("extract", a.toString(), "/etc/no" + RED + "such")).err();
        assertTrue(error.contains("\\x1b[31m"), error);
    }

    @Test
    void jsonCarriesTheControlsEscapedAndExact() throws Exception {
        Path a = hostile("a", "one");
        var inspect = CommandMatrix.run(List.of("inspect", a.toString(), "--format", "json"));
        assertNoControls("inspect json", inspect.out());
        assertTrue(inspect.out().contains("\\u009b31m") || !inspect.out().contains("label"), inspect.out());
        var files = CommandMatrix.run(List.of("files", a.toString(), "--format", "json"));
        assertNoControls("files json", files.out());
        JsonNode doc = Archives.JSON.readTree(files.out());
        boolean found = false;
        for (JsonNode f : doc.path("files")) found |= f.path("path").asText().equals("/bin/" + OSC_TITLE + "evil");
        assertTrue(found, "JSON keeps the name exactly: " + files.out());
        assertEquals(0, files.code());
    }
}
