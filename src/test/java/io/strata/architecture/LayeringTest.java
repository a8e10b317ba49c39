package io.strata.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages of src/main are layered (README, "Where things live"; docs/design.md):
 * {@code cli -> report -> session -> analysis, diff, advise, packages, verify, extract -> tree -> cache -> layer
 * -> archive -> spec -> model}. Every import of an io.strata class (and every fully qualified use of one) must point
 * to the right of its own package or stay inside it; the packages on one level do not use each other. A subpackage
 * belongs to its top package (analysis.waste is analysis).
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/io/strata");

    /** Left to right; the packages of one level share a number. */
    private static final Map<String, Integer> LEVEL = Map.ofEntries(
            Map.entry("cli", 0), Map.entry("report", 1), Map.entry("session", 2),
            Map.entry("analysis", 3), Map.entry("diff", 3), Map.entry("advise", 3), Map.entry("packages", 3),
            Map.entry("verify", 3), Map.entry("extract", 3),
            Map.entry("tree", 4), Map.entry("cache", 5), Map.entry("layer", 6), Map.entry("archive", 7),
            Map.entry("spec", 8), Map.entry("model", 9));

    /** Arrows between packages of one level that are allowed, each for a reason. */
    private static final Set<String> SAME_LEVEL_EXCEPTIONS = Set.of(
            // the history step that made each layer (analysis.LayerAttribution) names the owners in a diff too
            "diff -> analysis",
            // a diff compares the two images' package inventories, with each ecosystem's version order
            "diff -> packages");

    /** Only these packages stack layers (call the overlay merge); everyone else asks an AnalysedImage or a LayerStack. */
    private static final Set<String> MAY_MERGE = Set.of("tree", "session");

    private static final Pattern USE = Pattern.compile("\\bio\\.strata\\.([a-z]+)(?:\\.[a-z]+)*\\.([A-Z][A-Za-z0-9_]*)");

    @Test
    void importsPointRightwardsOnly() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (Path file : sources()) {
            String own = topPackage(file);
            if (!LEVEL.containsKey(own)) {
                unknown.add(own);
                continue;
            }
            for (String target : usedPackages(file)) {
                if (target.equals(own)) continue;
                Integer to = LEVEL.get(target);
                if (to == null) {
                    unknown.add(target);
                    continue;
                }
                int from = LEVEL.get(own);
                String arrow = own + " -> " + target;
                if (to < from || (to == from && !SAME_LEVEL_EXCEPTIONS.contains(arrow))) {
                    wrong.add(MAIN.relativize(file) + ": " + arrow);
                }
            }
        }
        assertEquals(Set.of(), unknown, "packages missing from the order in this test (and in the README)");
        assertEquals(List.of(), wrong, "imports against the order cli -> report -> session -> analysis, diff, advise, "
                + "packages, verify, extract -> tree -> cache -> layer -> archive -> spec -> model");
    }

    @Test
    void onlyTreeAndSessionStackLayers() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : sources()) {
            if (MAY_MERGE.contains(topPackage(file))) continue;
            if (Files.readString(file).contains("OverlayMerger")) wrong.add(MAIN.relativize(file).toString());
        }
        assertEquals(List.of(), wrong, "only tree and session may call the overlay merge");
    }

    @Test
    void theTestSeesTheWholeSource() throws IOException {
        assertTrue(sources().size() > 100, "run from the project root: " + sources().size() + " files");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String topPackage(Path file) {
        return MAIN.relativize(file).getName(0).toString();
    }

    /** The top packages of every io.strata class the file names (imports and qualified names; comments excluded). */
    private static Set<String> usedPackages(Path file) throws IOException {
        String code = stripComments(Files.readString(file));
        Set<String> out = new TreeSet<>();
        for (String line : code.split("\n")) {
            if (line.startsWith("package ")) continue;
            Matcher m = USE.matcher(line);
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }
}
