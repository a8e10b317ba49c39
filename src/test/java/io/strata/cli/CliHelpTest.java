package io.strata.cli;

import io.strata.session.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: typos, help layout, shell completion. */
class CliHelpTest {
    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun r = strata("inpsect", CliRun.SAMPLE);
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().toLowerCase().contains("did you mean") && r.err().contains("inspect"), r.err());
        CliRun option = strata("waste", "--no-cahce", CliRun.SAMPLE);
        assertEquals(ExitCodes.BAD_INPUT, option.code());
        assertTrue(option.err().contains("--no-cache"), option.err());
    }

    /** The --max-* limits sit under their own heading, after the everyday options. */
    @Test
    void guardRailsHaveTheirOwnHeading() {
        for (String command : List.of("inspect", "waste", "files", "verify", "export", "config")) {
            String help = strata(command, "--help").out();
            int heading = help.indexOf("Guard rails");
            assertTrue(heading > 0, command + ": " + help);
            for (String line : help.split("\n")) {
                if (line.strip().startsWith("--max-")) {
                    assertTrue(help.indexOf(line) > heading, command + ": " + line + " above the heading");
                }
            }
            assertTrue(help.indexOf("--image") < heading && help.indexOf("--help") < heading, command);
        }
    }

    /**
     * Every subcommand's synopsis names each option once (picocli listed the guard rails twice) and the guard
     * rails as one [GUARD-RAILS], which the heading below lists.
     */
    @Test
    void synopsisNamesEachOptionOnce() {
        for (String command : Main.commandLine(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter())).getSubcommands().keySet()) {
            String help = strata(command, "--help").out();
            String synopsis = help.substring(0, firstBlankOrDescription(help));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(-[-a-zA-Z]+)").matcher(synopsis);
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (m.find()) assertTrue(seen.add(m.group(1)), command + ": " + m.group(1) + " twice in\n" + synopsis);
            assertFalse(synopsis.matches("(?s).*\\[--max-[a-z-]+=N].*"), command + ": a guard rail in\n" + synopsis);
            if (help.contains("Guard rails")) assertTrue(synopsis.contains("[GUARD-RAILS]"), command + ": " + synopsis);
            for (String line : synopsis.split("\n")) {
                assertTrue(line.length() <= 80, command + ": a synopsis line of " + line.length() + " columns: " + line);
            }
        }
    }

    /** The synopsis: from "Usage:" to the first line that is not indented as its continuation. */
    private static int firstBlankOrDescription(String help) {
        int at = help.indexOf("\n") + 1;
        while (at < help.length() && help.startsWith(" ", at)) {
            int end = help.indexOf("\n", at);
            at = end < 0 ? help.length() : end + 1;
        }
        return at;
    }

    /** The top-level listing shows each command's first sentence whole: it ends with a full stop. */
    @Test
    void topLevelDescriptionsEndWhereTheirSentenceEnds() {
        String help = strata("--help").out();
        String commands = help.substring(help.indexOf("Commands:") + "Commands:".length() + 1);
        StringBuilder entry = new StringBuilder();
        int entries = 0;
        for (String line : (commands + "\n  end").split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("    ")) {
                if (!entry.isEmpty()) {
                    assertTrue(entry.toString().strip().endsWith("."), "cut mid-sentence: " + entry);
                    entries++;
                }
                entry.setLength(0);
            }
            entry.append(' ').append(line.strip());
        }
        assertTrue(entries >= 15, help);
    }

    /** bash completion from picocli's generator completes subcommands and options. */
    @Test
    void bashCompletionCompletes(@TempDir Path dir) throws Exception {
        CliRun r = strata("completion", "bash");
        assertEquals(0, r.code(), r.err());
        Path script = dir.resolve("strata.bash");
        Files.writeString(script, r.out());
        assertEquals("inspect", complete(script, "strata ins"));
        assertEquals("--no-cache", complete(script, "strata waste --no-ca"));
        assertEquals(r.out(), strata("completion", "zsh").out(), "one script for both shells");
        assertTrue(r.out().contains("bashcompinit"), "loads zsh's bash completion");
        assertEquals(ExitCodes.BAD_INPUT, strata("completion", "fish").code());
    }

    private static String complete(Path script, String line) throws Exception {
        String[] words = line.split(" ");
        String bash = "source " + script + "; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_strata; echo \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", bash)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(out.isEmpty(), line);
        return out;
    }
}
