package io.strata.advise;

import io.strata.testing.ImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import static io.strata.advise.AdviceFixture.advise;
import static io.strata.advise.AdviceFixture.of;
import static io.strata.advise.AdviceFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fix texts users read: one image that makes every rule speak, then each fix must read as sentences (a
 * capital or a quoted command first, a full stop last, quotes closed, no word twice in a row) and name the files
 * it is about.
 */
class AdviceFixTextTest {
    @TempDir
    Path dir;

    private static final Pattern SENTENCES = Pattern.compile("[A-Z`][^\\n]*[.]");
    private static final Pattern REPEATED_WORD = Pattern.compile("\\b(\\w+) \\1\\b", Pattern.CASE_INSENSITIVE);

    private AdviceReport everyMistake() throws Exception {
        byte[] dup = ImageBuilder.bytes("dup", 4096);
        byte[] index = ImageBuilder.bytes("index", 3000);
        return advise(new ImageBuilder()
                .layer("/bin/sh -c #(nop) ADD file:0123abcd in / ").file("bin/sh", 2000)
                .file("var/lib/dpkg/status", 800).file("usr/local/lib/node_modules/npm/lib/cli.js", 3500).done()
                .layer("/bin/sh -c apt-get update").file("var/lib/apt/lists/deb_Packages", 3000).done()
                .layer("/bin/sh -c apt-get install -y gcc").file("usr/bin/gcc-12", 50_000)
                .file("usr/include/stdio.h", 2000).file("var/cache/apt/archives/gcc.deb", 4000)
                .file("var/lib/dpkg/status", 900).done()
                .layer("/bin/sh -c #(nop) COPY dir:af91e8db in /app ").file("app/package.json", "{}")
                .file("app/package-lock.json", "{}").file("app/index.js", index)
                .file("app/node_modules/x/index.js", 700).file("app/.git/HEAD", "ref: refs/heads/main\n")
                .file("app/.env", "TOKEN=1\n").file("app/logs/debug.log", 5000).file("app/.DS_Store", 600)
                .file("app/data/big.bin", 9000).file("app/a/dup.bin", dup).file("app/b/dup.bin", dup).done()
                .layer("/bin/sh -c npm install").file("app/node_modules/y/index.js", 7000).done()
                .layer("/bin/sh -c rm /app/data/big.bin").whiteout("app/data/big.bin").done()
                .layer("/bin/sh -c chown -R 1000:1000 /app/index.js").file("app/index.js", index, 0644, 1000, 1000).done()
                .layer("/bin/sh -c mkdir /a").dir("a").done()
                .layer("/bin/sh -c echo 1 > /a/one").file("a/one", "1\n").done()
                .layer("/bin/sh -c echo 2 > /a/two").file("a/two", "2\n").done(), dir);
    }

    static void assertReadsAsSentences(Advice a) {
        String fix = a.fix();
        assertTrue(SENTENCES.matcher(fix).matches(), a.rule().id() + ": " + fix);
        assertEquals(0, fix.chars().filter(c -> c == '`').count() % 2, "unbalanced quotes: " + fix);
        assertEquals(0, fix.chars().filter(c -> c == '(').count() - fix.chars().filter(c -> c == ')').count(), fix);
        assertFalse(REPEATED_WORD.matcher(fix).find(), "a word twice: " + fix);
        assertFalse(fix.contains("lockfile) first") && fix.contains("-lock.json and its lockfile"), fix);
    }

    @Test
    void everyRulesFixReadsAsSentencesAndNamesItsFiles() throws Exception {
        AdviceReport r = everyMistake();
        Set<RuleId> seen = EnumSet.noneOf(RuleId.class);
        for (Advice a : r.advice()) {
            seen.add(a.rule());
            assertReadsAsSentences(a);
        }
        // the package rules need a package database: ShopPairAdviceTest checks their texts on the podman pair
        assertEquals(EnumSet.complementOf(EnumSet.of(RuleId.RECOMMENDED, RuleId.DEV_DEPENDENCIES)), seen,
                "every other rule spoke: " + r.advice());

        Advice order = only(r, RuleId.CACHE_ORDER);
        assertTrue(order.fix().startsWith("COPY package.json and package-lock.json first "
                + "(`COPY package.json package-lock.json ./`), RUN the install"), order.fix());
        for (Advice a : of(r, RuleId.CONTEXT_FILES)) {
            String expected = a.security() ? ".dockerignore" : a.title().startsWith(".git") ? "`.git`"
                    : a.title().startsWith("node_modules") ? "`node_modules`" : a.title().startsWith("Log") ? "`logs/`"
                    : "`**/.DS_Store`";
            assertTrue(a.fix().contains(expected), expected + " in " + a.fix());
        }
        assertTrue(only(r, RuleId.UPDATE_STEP).fix().contains("`apt-get update`"));
        assertTrue(only(r, RuleId.COPY_UP).fix().contains("--chown"));
    }
}
