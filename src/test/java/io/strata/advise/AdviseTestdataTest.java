package io.strata.advise;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.strata.advise.AdviceFixture.advise;
import static io.strata.advise.AdviceFixture.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** advise on the real archives of testdata/: expected figures come from the .facts.txt files. */
class AdviseTestdataTest {
    private static final Path SAMPLE = Path.of("testdata/sample/sample.docker-save.tar");
    private static final Path VERSIONS = Path.of("testdata/versions");

    /** Size of a path in the "layer N" tar listing of a facts file (GNU tar -tvv lines). */
    static long factSize(Path facts, int layer, String path) throws IOException {
        String text = Files.readString(Path.of(facts + ".facts.txt"));
        int start = text.indexOf(") layer " + layer + ":");
        int end = text.indexOf("\n### ", start + 1);
        String listing = text.substring(start, end < 0 ? text.length() : end);
        Matcher m = Pattern.compile("(?m)^\\s+\\S+ \\d+/\\d+\\s+(\\d+) \\S+ \\S+ (?:\\./)?" + Pattern.quote(path) + "$")
                .matcher(listing);
        if (!m.find()) throw new AssertionError(path + " not in layer " + layer + " of " + facts);
        return Long.parseLong(m.group(1));
    }

    @Test
    void sampleShowsBigBinTheChmodCopyUpTheDuplicatePairAndTheReplacedCache() throws Exception {
        AdviceReport r = advise(SAMPLE, 0, InstalledPackages.NONE);

        long big = factSize(SAMPLE, 2, "opt/app/data/big.bin");
        assertEquals(1048576, big);
        Advice deleted = of(r, RuleId.DELETED_LATER).stream()
                .filter(a -> AdviceFixture.evidencePaths(a).equals(List.of("/opt/app/data/big.bin"))).findFirst().orElseThrow();
        assertEquals(big, deleted.bytesSaved());
        assertEquals(2, deleted.evidence().get(0).layer());
        assertTrue(deleted.steps().get(1).createdBy().contains("rm /opt/app/data/obsolete.txt /opt/app/data/big.bin"));
        assertEquals(deleted, r.advice().get(0), "the biggest saving comes first");

        Advice copyUp = AdviceFixture.only(r, RuleId.COPY_UP);
        assertEquals(List.of("/opt/app/conf/app.conf"), AdviceFixture.evidencePaths(copyUp));
        assertEquals(factSize(SAMPLE, 7, "opt/app/conf/app.conf"), copyUp.bytesSaved());
        assertTrue(copyUp.evidence().get(0).note().startsWith("mode 0644 -> 0600"), copyUp.evidence().toString());
        assertTrue(copyUp.steps().get(1).createdBy().contains("chmod 600"));

        Advice dup = AdviceFixture.only(r, RuleId.DUPLICATES);
        assertEquals(factSize(SAMPLE, 1, "opt/app/data/dup-a.txt"), dup.bytesSaved());
        assertEquals("/opt/app/conf/dup-b.txt and /opt/app/data/dup-a.txt have the same content", dup.title());

        long cache = 0;
        for (int i = 1; i <= 4; i++) cache += factSize(SAMPLE, 3, "var/cache/appcache/entry" + i + ".dat");
        Advice replaced = of(r, RuleId.DELETED_LATER).stream()
                .filter(a -> a.title().startsWith("Directory /var/cache/appcache/ replaced in layer 6")).findFirst().orElseThrow();
        assertEquals(cache, replaced.bytesSaved());
        assertEquals(4, replaced.evidence().size());

        assertTrue(r.securityFindings().isEmpty());
        assertTrue(of(r, RuleId.BUILD_TOOLS).isEmpty() && of(r, RuleId.CACHE_ORDER).isEmpty()
                && of(r, RuleId.PACKAGE_CACHE).isEmpty() && of(r, RuleId.CONTEXT_FILES).isEmpty(), r.advice().toString());
    }

    @Test
    void versionsHaveNoCacheBustingOrderBecauseTheirHistoryInstallsNothing() throws Exception {
        try (Stream<Path> s = Files.list(VERSIONS)) {
            for (Path tar : s.filter(p -> p.toString().endsWith(".tar")).sorted().toList()) {
                String facts = Files.readString(Path.of(tar + ".facts.txt"));
                // docker history lines: a RUN step is "/bin/sh -c" without "#(nop)"
                boolean anyRun = facts.lines().filter(l -> l.startsWith("sha256:") && l.contains("|"))
                        .anyMatch(l -> l.contains("/bin/sh -c ") && !l.contains("#(nop)"));
                assertFalse(anyRun, tar + ": the facts changed; revisit this test");
                AdviceReport r = advise(tar, 0, InstalledPackages.NONE);
                assertTrue(of(r, RuleId.CACHE_ORDER).isEmpty(), tar + ": " + r.advice());
            }
        }
    }

    @Test
    void everyTestdataImageGetsSaneAdvice() throws Exception {
        List<Path> archives = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("testdata"), java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            s.filter(p -> p.toString().endsWith(".tar")).sorted().forEach(archives::add);
        }
        assertTrue(archives.size() >= 15, archives.toString());
        for (Path tar : archives) {
            int images;
            try (ImageArchive a = ImageArchives.open(tar.toString())) {
                images = (int) a.images().stream().filter(e -> e.kind() == ImageEntry.Kind.IMAGE).count();
            }
            for (int i = 0; i < images; i++) {
                AdviceReport r = advise(tar, i, InstalledPackages.NONE);
                String where = tar + " image " + i + ": " + r.advice();
                assertTrue(r.bytesSaved() <= r.logicalBytes(), where);
                assertTrue(r.securityFindings().isEmpty(), where);
                // testdata/advice holds images built to trigger the package rules (their own tests check them)
                boolean madeToTrigger = tar.startsWith(Path.of("testdata", "advice"));
                assertTrue(madeToTrigger || of(r, RuleId.BUILD_TOOLS).isEmpty() && of(r, RuleId.CACHE_ORDER).isEmpty()
                        && of(r, RuleId.CONTEXT_FILES).isEmpty() && of(r, RuleId.PACKAGE_CACHE).isEmpty(), where);
                for (Advice a : r.advice()) {
                    assertTrue(a.saving() != Advice.Saving.IMAGE || a.bytesSaved() > 0, where);
                    assertFalse(a.evidence().isEmpty(), where);
                }
            }
        }
    }
}
