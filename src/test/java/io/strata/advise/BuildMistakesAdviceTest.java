package io.strata.advise;

import io.strata.testing.ImageBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.strata.advise.AdviceFixture.advise;
import static io.strata.advise.AdviceFixture.evidencePaths;
import static io.strata.advise.AdviceFixture.of;
import static io.strata.advise.AdviceFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules and claims added for the mistakes a real Node build makes: copy-ups that re-store a copied context,
 * log files from the context, an update step of its own, and state a package manager rewrites (not counted).
 * Each on an image built here that triggers it and one that does not.
 */
class BuildMistakesAdviceTest {
    @TempDir
    Path dir;

    private static final String BASE = "/bin/sh -c #(nop) ADD file:0123abcd in / ";
    private static final String COPY_CONTEXT = "/bin/sh -c #(nop) COPY dir:af91e8db in /app ";

    private static ImageBuilder base() {
        return new ImageBuilder().layer(BASE).dir("bin").file("bin/sh", 2000).done();
    }

    @Nested
    class CopyUpOfTheContext {
        private final byte[] git = ImageBuilder.bytes("git", 3000);
        private final byte[] express = ImageBuilder.bytes("express", 40_000);
        private final byte[] lodash = ImageBuilder.bytes("lodash", 20_000);
        private final byte[] lock = ImageBuilder.bytes("lock", 500);

        private ImageBuilder chownAfterCopy() {
            return base()
                    .layer(COPY_CONTEXT).file("app/package-lock.json", lock).file("app/.git/objects/pack/p1", git)
                    .file("app/node_modules/express/index.js", express).done()
                    .layer("/bin/sh -c npm install").file("app/node_modules/lodash/lodash.js", lodash).done()
                    .layer("/bin/sh -c useradd app && chown -R app:app /app")
                    .file("app/package-lock.json", lock, 0644, 1000, 1000)
                    .file("app/.git/objects/pack/p1", git, 0644, 1000, 1000)
                    .file("app/node_modules/express/index.js", express, 0644, 1000, 1000)
                    .file("app/node_modules/lodash/lodash.js", lodash, 0644, 1000, 1000).done();
        }

        @Test
        void everyFileTheChownStoresAgainIsClaimedAndTheAdviceShowsTheLayersRealBytes() throws Exception {
            AdviceReport r = advise(chownAfterCopy(), dir);
            Advice copyUp = only(r, RuleId.COPY_UP);
            long restored = lock.length + git.length + express.length + lodash.length;
            assertEquals("Layer 3 stores 4 files again only to change the owner", copyUp.title());
            assertEquals(restored, copyUp.evidence().get(0).bytes(), "the first line is everything layer 3 re-stores");
            assertEquals(4, copyUp.evidence().get(0).files());
            // .git is the context-files advice's (ignoring it removes both copies); the rest is the copy-up's
            assertEquals(restored - git.length, copyUp.bytesSaved());
            Advice.Evidence other = copyUp.evidence().get(copyUp.evidence().size() - 1);
            assertEquals(git.length, other.bytes());
            assertTrue(other.note().contains("counted under context-files") && other.note().contains("/app/.git/"),
                    other.note());
            Advice gitAdvice = of(r, RuleId.CONTEXT_FILES).stream().filter(a -> a.title().startsWith(".git"))
                    .findFirst().orElseThrow();
            assertEquals(2L * git.length, gitAdvice.bytesSaved(), "both copies of .git");
            // the host's node_modules is named, but its bytes are the copy-up's: the install would store them anyway
            Advice modules = of(r, RuleId.CONTEXT_FILES).stream().filter(a -> a.title().startsWith("node_modules"))
                    .findFirst().orElseThrow();
            assertEquals(0, modules.bytesSaved());
            assertTrue(modules.fix().contains(".dockerignore"));
            assertEquals(express.length, modules.evidence().stream().mapToLong(Advice.Evidence::bytes).sum());
            // every stored byte above the base is claimed exactly once: the hidden lower copies and the .git copies
            assertEquals(restored + git.length, r.bytesSaved());
        }

        @Test
        void copyWithTheRightOwnerHasNoCopyUp() throws Exception {
            AdviceReport r = advise(base()
                    .layer("COPY --chown=app:app . /app # buildkit").file("app/index.js", express, 0644, 1000, 1000).done(), dir);
            assertTrue(of(r, RuleId.COPY_UP).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class ContextLogs {
        @Test
        void aLogFromTheContextGetsDockerignoreAdviceEvenWhenALaterRunDeletesIt() throws Exception {
            AdviceReport r = advise(base()
                    .layer(COPY_CONTEXT).file("app/index.js", 300).file("app/logs/debug.log", 9000).done()
                    .layer("/bin/sh -c rm /app/logs/debug.log").whiteout("app/logs/debug.log").done(), dir);
            Advice a = only(r, RuleId.CONTEXT_FILES);
            assertEquals(9000, a.bytesSaved());
            assertEquals(List.of("/app/logs/debug.log"), evidencePaths(a));
            assertTrue(a.fix().contains("`logs/`") && a.fix().contains(".dockerignore"), a.fix());
            assertTrue(of(r, RuleId.DELETED_LATER).isEmpty(), "not 'create and delete in the same RUN': " + r.advice());
        }

        @Test
        void logsWrittenByARunStepAreNotContextFiles() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c ./build.sh > /app/build.log").file("app/build.log", 9000).done(), dir);
            assertTrue(of(r, RuleId.CONTEXT_FILES).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class UpdateStep {
        @Test
        void aRunThatOnlyUpdatesTheIndexIsNamedWithTheListsItStores() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get update").file("var/lib/apt/lists/deb.debian.org_Packages.lz4", 7000).done()
                    .layer("/bin/sh -c apt-get install -y procps").file("usr/bin/ps", 3000).done(), dir);
            Advice a = only(r, RuleId.UPDATE_STEP);
            assertEquals("`apt-get update` runs in a RUN step of its own (layer 1)", a.title());
            assertEquals(7000, a.bytesSaved());
            assertEquals(1, a.steps().get(0).layer());
            assertTrue(a.fix().contains("same RUN as `apt-get install`"), a.fix());
            assertTrue(of(r, RuleId.PACKAGE_CACHE).isEmpty(), "the lists are counted once: " + r.advice());
        }

        @Test
        void apkUpdateAloneIsNamedButAnUpdateMergedWithTheInstallIsNot() throws Exception {
            assertEquals(UpdateStepRule.Manager.APK, UpdateStepRule.loneUpdate("set -eux; apk update"));
            assertEquals(UpdateStepRule.Manager.APT, UpdateStepRule.loneUpdate("DEBIAN_FRONTEND=noninteractive apt-get -q update"));
            assertEquals(null, UpdateStepRule.loneUpdate("apk update && apk add curl"));
            assertEquals(null, UpdateStepRule.loneUpdate("apk add --no-cache curl"));
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get update && apt-get install -y procps && rm -rf /var/lib/apt/lists/*")
                    .file("usr/bin/ps", 3000).done(), dir);
            assertTrue(of(r, RuleId.UPDATE_STEP).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class PackageManagerState {
        @Test
        void dpkgStatusAndPasswdRewrittenByLaterStepsAreShownButNotCounted() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c #(nop) ADD file:base in / ").file("var/lib/dpkg/status", 6000)
                    .file("etc/passwd", 800).file("etc/shadow", 500).done()
                    .layer("/bin/sh -c apt-get install -y procps").file("var/lib/dpkg/status", 6500)
                    .file("usr/bin/ps", 3000).done()
                    .layer("/bin/sh -c useradd app").file("etc/passwd", 850).file("etc/shadow", 540).done(), dir);
            assertEquals(0, r.bytesSaved(), r.advice().toString());
            assertTrue(of(r, RuleId.DELETED_LATER).isEmpty() && of(r, RuleId.COPY_UP).isEmpty(), r.advice().toString());
            List<Advice> shipped = of(r, RuleId.SHIPPED);
            assertEquals(2, shipped.size(), shipped.toString());
            Advice dpkg = shipped.stream().filter(a -> a.title().contains("dpkg")).findFirst().orElseThrow();
            assertEquals(Advice.Saving.INFO, dpkg.saving());
            assertEquals(6000, dpkg.evidenceBytes());
            Advice users = shipped.stream().filter(a -> a.title().contains("useradd")).findFirst().orElseThrow();
            assertEquals(1300, users.evidenceBytes());
        }

        @Test
        void theSameFilesWrittenOnceAreNoAdvice() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get install -y procps && useradd app").file("var/lib/dpkg/status", 6500)
                    .file("etc/passwd", 850).done(), dir);
            assertTrue(r.advice().isEmpty(), r.advice().toString());
        }
    }
}
