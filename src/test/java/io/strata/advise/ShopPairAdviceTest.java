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
        Advice copyUp = of(r, Rule.COPY_UP).stream().filter(a -> a.title().startsWith("Layer 6 ")).findFirst().orElseThrow();
        assertEquals(fact("bad", "^layer 6: \\d+ (\\d+)$"), copyUp.evidence().get(0).bytes(), copyUp.evidence().toString());
        long others = copyUp.evidence().stream().filter(e -> e.note().contains("counted under context-files"))
                .mapToLong(Advice.Evidence::bytes).sum();
        assertEquals(copyUp.evidence().get(0).bytes(), copyUp.bytesSaved() + others);
        assertTrue(others > 0, copyUp.evidence().toString());

        // the log from the context is a .dockerignore matter, not "delete in the same RUN"
        Advice log = of(r, Rule.CONTEXT_FILES).stream().filter(a -> a.title().startsWith("Log files")).findFirst().orElseThrow();
        assertEquals(fact("bad", "^layer 3: app/logs/debug.log (\\d+)$"), log.bytesSaved());
        assertTrue(of(r, Rule.DELETED_LATER).stream().noneMatch(a -> a.title().contains("debug.log")), r.advice().toString());

        Advice update = only(r, Rule.UPDATE_STEP);
        assertEquals(1, update.steps().get(0).layer());
        assertTrue(update.steps().get(0).createdBy().endsWith("apt-get update"));

        Advice order = only(r, Rule.CACHE_ORDER);
        assertTrue(order.fix().startsWith("COPY package.json and package-lock.json first"), order.fix());

        // what apt and useradd rewrite is shown but not counted
        List<Advice> shipped = of(r, Rule.SHIPPED);
        assertTrue(shipped.stream().anyMatch(a -> a.title().contains("dpkg")), shipped.toString());
        assertTrue(shipped.stream().allMatch(a -> a.bytesSaved() == 0 && a.evidenceBytes() > 0), shipped.toString());
        assertTrue(of(r, Rule.DELETED_LATER).stream().noneMatch(a -> a.title().contains("/var/lib/dpkg/status")),
                r.advice().toString());
        assertTrue(r.bytesSaved() <= r.logicalBytes());
    }

    @Test
    void goodImageHasNoneOfTheBuildMistakes() throws Exception {
        AdviceReport r = AdviceFixture.advise(PAIR, position(GOOD), InstalledPackages.NONE);
        assertEquals(fact("good", "^logicalBytes (\\d+)$"), r.logicalBytes());
        for (Rule rule : List.of(Rule.COPY_UP, Rule.CONTEXT_FILES, Rule.UPDATE_STEP, Rule.CACHE_ORDER,
                Rule.PACKAGE_CACHE, Rule.DELETED_LATER)) {
            assertTrue(of(r, rule).isEmpty(), rule.id() + ": " + r.advice());
        }
    }
}
