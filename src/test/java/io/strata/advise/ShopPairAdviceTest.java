package io.strata.advise;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strata.advise.AdviceFixture.of;
import static io.strata.advise.AdviceFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * advise on the bad/good Node pair built with podman (testdata/advice/build.sh). Expected figures come from the
 * facts file (podman, skopeo, umoci, dpkg-query, npm ls and python's tarfile over the layer blobs).
 */
class ShopPairAdviceTest {
    static final Path PAIR = Path.of("testdata/advice/shop.podman-docker-archive.tar.zst");
    static final String BAD = "localhost/strata-advice-shop:bad";
    static final String GOOD = "localhost/strata-advice-shop:good";

    static String facts() throws Exception {
        return Files.readString(Path.of(PAIR + ".facts.txt"));
    }

    /** The figure after "label" in the named image's part of the facts file ("## bad" / "## good"). */
    static long fact(String image, String regex) throws Exception {
        String text = facts();
        int start = text.indexOf("\n## " + image + "\n");
        int end = text.indexOf("\n## ", start + 1);
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text.substring(start, end < 0 ? text.length() : end));
        if (!m.find()) throw new AssertionError(regex + " not in the " + image + " facts");
        return Long.parseLong(m.group(1));
    }

    static int position(String ref) throws Exception {
        try (ImageArchive a = ImageArchives.open(PAIR.toString())) {
            for (int i = 0; i < a.images().size(); i++) {
                ImageEntry e = a.images().get(i);
                if (e.refs().contains(ref)) return i;
            }
        }
        throw new AssertionError(ref + " not in " + PAIR);
    }

    @Test
    void badImageGetsEachMistakeWithItsRealBytes() throws Exception {
        AdviceReport r = AdviceFixture.advise(PAIR, position(BAD), InstalledPackages.NONE);
        assertEquals(fact("bad", "^logicalBytes (\\d+)$"), r.logicalBytes());

        // chown -R: every byte layer 6 stores again under /app, the .git and .env copies counted by context-files
        Advice copyUp = of(r, RuleId.COPY_UP).stream().filter(a -> a.title().startsWith("Layer 6 ")).findFirst().orElseThrow();
        assertEquals(fact("bad", "^layer 6: \\d+ (\\d+)$"), copyUp.evidence().get(0).bytes(), copyUp.evidence().toString());
        long others = copyUp.evidence().stream().filter(e -> e.note().contains("counted under context-files"))
                .mapToLong(Advice.Evidence::bytes).sum();
        assertEquals(copyUp.evidence().get(0).bytes(), copyUp.bytesSaved() + others);
        assertTrue(others > 0, copyUp.evidence().toString());

        // the log from the context is a .dockerignore matter, not "delete in the same RUN"
        Advice log = of(r, RuleId.CONTEXT_FILES).stream().filter(a -> a.title().startsWith("Log files")).findFirst().orElseThrow();
        assertEquals(fact("bad", "^layer 3: app/logs/debug.log (\\d+)$"), log.bytesSaved());
        assertTrue(of(r, RuleId.DELETED_LATER).stream().noneMatch(a -> a.title().contains("debug.log")), r.advice().toString());

        Advice update = only(r, RuleId.UPDATE_STEP);
        assertEquals(1, update.steps().get(0).layer());
        assertTrue(update.steps().get(0).createdBy().endsWith("apt-get update"));

        Advice order = only(r, RuleId.CACHE_ORDER);
        assertTrue(order.fix().startsWith("COPY package.json and package-lock.json first"), order.fix());

        // what apt and useradd rewrite is shown but not counted
        List<Advice> shipped = of(r, RuleId.SHIPPED);
        assertTrue(shipped.stream().anyMatch(a -> a.title().contains("dpkg")), shipped.toString());
        assertTrue(shipped.stream().allMatch(a -> a.bytesSaved() == 0 && a.evidenceBytes() > 0), shipped.toString());
        assertTrue(of(r, RuleId.DELETED_LATER).stream().noneMatch(a -> a.title().contains("/var/lib/dpkg/status")),
                r.advice().toString());
        assertTrue(r.bytesSaved() <= r.logicalBytes());
    }

    /** dpkg's and npm's readers: the npm one is given here in case the scan does not register it. */
    static final List<io.strata.packages.DatabaseReader> READERS = readers();

    private static List<io.strata.packages.DatabaseReader> readers() {
        List<io.strata.packages.DatabaseReader> out = new java.util.ArrayList<>(io.strata.packages.PackageReaders.databases());
        if (out.stream().noneMatch(r -> r instanceof io.strata.packages.NpmReader)) out.add(new io.strata.packages.NpmReader());
        return out;
    }

    @Test
    void couldSaveComesWithinTwentyPercentOfWhatTheRewriteSaved() throws Exception {
        AdviceReport bad = AdviceFixture.advise(PAIR, position(BAD), InstalledPackages.NONE, READERS);
        long real = fact("bad", "^logicalBytes (\\d+)$") - fact("good", "^logicalBytes (\\d+)$");
        double ratio = (double) bad.bytesSaved() / real;
        System.out.printf("shop pair: could save %d of a real saving of %d bytes (%.1f %%)%n", bad.bytesSaved(), real,
                100 * ratio);
        assertTrue(ratio > 0.8 && ratio < 1.2, bad.bytesSaved() + " vs " + real + ": " + bad.advice());

        // the recommended packages and the devDependencies are named, with their bytes
        Advice recommended = only(bad, RuleId.RECOMMENDED);
        // the regular files' bytes (a symlink's target length is no stored file version to remove)
        assertEquals(fact("bad", "^deb psmisc \\d+ (\\d+)$") + fact("bad", "^deb libgpm2 \\d+ (\\d+)$"),
                recommended.bytesSaved());
        assertTrue(recommended.title().contains("psmisc") && recommended.title().contains("libgpm2"), recommended.title());
        assertTrue(recommended.fix().contains("--no-install-recommends"));
        Advice dev = only(bad, RuleId.DEV_DEPENDENCIES);
        assertEquals(List.of("npm/prettier 3.3.3"), AdviceFixture.evidencePaths(dev));
        assertEquals(fact("bad", "^npm\\+symlinks prettier \\d+ (\\d+)$"), dev.bytesSaved());
        assertTrue(dev.fix().contains("--omit=dev"));
        AdviceFixTextTest.assertReadsAsSentences(recommended);
        AdviceFixTextTest.assertReadsAsSentences(dev);
        assertTrue(recommended.fix().contains("psmisc"), recommended.fix());

        // no counted advice is about a file a package ships: package files are counted only as whole packages
        for (Advice a : bad.advice()) {
            if (a.saving() != Advice.Saving.IMAGE || a.rule() == RuleId.RECOMMENDED || a.rule() == RuleId.DEV_DEPENDENCIES) continue;
            for (Advice.Evidence e : a.evidence()) {
                assertTrue(e.path().isEmpty() || !e.path().startsWith("/usr/share/doc/"), a.rule().id() + ": " + e);
            }
        }
        assertTrue(of(bad, RuleId.DUPLICATES).stream().allMatch(a -> a.evidence().stream()
                .noneMatch(e -> e.path().startsWith("/usr/"))), of(bad, RuleId.DUPLICATES).toString());
        assertTrue(of(bad, RuleId.SHIPPED).stream().anyMatch(a -> a.title().startsWith("Files as")), bad.advice().toString());

        AdviceReport good = AdviceFixture.advise(PAIR, position(GOOD), InstalledPackages.NONE, READERS);
        assertTrue(of(good, RuleId.RECOMMENDED).isEmpty() && of(good, RuleId.DEV_DEPENDENCIES).isEmpty(), good.advice().toString());
    }

    @Test
    void goodImageHasNoneOfTheBuildMistakes() throws Exception {
        AdviceReport r = AdviceFixture.advise(PAIR, position(GOOD), InstalledPackages.NONE);
        assertEquals(fact("good", "^logicalBytes (\\d+)$"), r.logicalBytes());
        for (RuleId rule : List.of(RuleId.COPY_UP, RuleId.CONTEXT_FILES, RuleId.UPDATE_STEP, RuleId.CACHE_ORDER,
                RuleId.PACKAGE_CACHE, RuleId.DELETED_LATER)) {
            assertTrue(of(r, rule).isEmpty(), rule.id() + ": " + r.advice());
        }
    }
}
