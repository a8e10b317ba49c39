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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule on a small image built here that triggers it, and on one that does not. */
class AdviceRulesTest {
    @TempDir
    Path dir;

    private static final String BASE = "/bin/sh -c #(nop) ADD file:0123abcd in / ";

    private static ImageBuilder base() {
        return new ImageBuilder().layer(BASE).dir("bin").file("bin/sh", 2000).done();
    }

    @Nested
    class DeletedLater {
        @Test
        void fileCreatedThenDeletedIsReportedWithItsBytesAndBothSteps() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c dd if=/dev/urandom of=/data/big bs=1k count=5").dir("data").file("data/big", 5000).done()
                    .layer("/bin/sh -c rm /data/big").whiteout("data/big").done(), dir);
            Advice a = only(r, RuleId.DELETED_LATER);
            assertEquals(5000, a.bytesSaved());
            assertEquals(List.of("/data/big"), evidencePaths(a));
            assertEquals(1, a.evidence().get(0).layer());
            assertEquals(List.of(1, 2), a.steps().stream().map(Advice.Step::layer).toList());
            assertTrue(a.steps().get(1).createdBy().contains("rm /data/big"));
            assertTrue(a.title().contains("deleted in layer 2"), a.title());
            assertTrue(a.fix().contains("same RUN"));
        }

        @Test
        void overwrittenFileIsReportedAsOverwritten() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c make-config").file("etc.conf", "version one of the file").done()
                    .layer("/bin/sh -c make-config --again").file("etc.conf", "version two, longer than one").done(), dir);
            Advice a = only(r, RuleId.DELETED_LATER);
            assertEquals("version one of the file".length(), a.bytesSaved());
            assertTrue(a.title().contains("overwritten in layer 2"), a.title());
        }

        @Test
        void keptFilesAndDeletedEmptyFilesAreNotReported() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c touch /marker && echo x > /kept").file("marker", new byte[0]).file("kept", "x\n").done()
                    .layer("/bin/sh -c rm /marker").whiteout("marker").done(), dir);
            assertTrue(of(r, RuleId.DELETED_LATER).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class PackageCache {
        @Test
        void aptListsArchivesAndPipCacheAreEachReported() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get update && apt-get install -y curl && pip install flask")
                    .file("var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages", 3000)
                    .file("var/lib/apt/lists/lock", new byte[0])
                    .file("var/cache/apt/archives/curl_7.88_amd64.deb", 2000)
                    .file("root/.cache/pip/http/a/b/c", 1500)
                    .file("usr/lib/python3/dist-packages/flask/__pycache__/app.cpython-311.pyc", 700)
                    .file("usr/bin/curl", 800)
                    .done(), dir);
            List<Advice> caches = of(r, RuleId.PACKAGE_CACHE);
            assertEquals(4, caches.size(), caches.toString());
            assertEquals(3000 + 2000 + 1500 + 700, caches.stream().mapToLong(Advice::bytesSaved).sum());
            Advice lists = caches.stream().filter(a -> a.title().startsWith("Apt package lists")).findFirst().orElseThrow();
            assertTrue(lists.fix().contains("rm -rf /var/lib/apt/lists/*"));
            assertFalse(evidencePaths(lists).contains("/var/lib/apt/lists/lock"));
        }

        @Test
        void cacheRemovedOnlyInALaterLayerIsStillReported() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get update && apt-get install -y x").file("var/lib/apt/lists/x_Packages", 4000).done()
                    .layer("/bin/sh -c rm -rf /var/lib/apt/lists/*").whiteout("var/lib/apt/lists/x_Packages").done(), dir);
            Advice a = only(r, RuleId.PACKAGE_CACHE);
            assertEquals(4000, a.bytesSaved());
            assertTrue(a.title().contains("removed only in a later layer"), a.title());
            assertTrue(of(r, RuleId.DELETED_LATER).isEmpty(), "the bytes are counted once, by the cache advice");
        }

        @Test
        void cleanedAptDirectoriesAndLookalikeNamesAreNotReported() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*")
                    .dir("var/lib/apt/lists/partial").file("var/lib/apt/lists/lock", new byte[0])
                    .dir("var/cache/apt/archives/partial").file("app/notes/pip-install.txt", 900)
                    .file("app/cache.py", 400).done(), dir);
            assertTrue(of(r, RuleId.PACKAGE_CACHE).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class BuildTools {
        @Test
        void compilerHeadersStaticLibrariesAndDevPackagesAreReported() throws Exception {
            Path tar = base()
                    .layer("/bin/sh -c apt-get install -y build-essential")
                    .file("usr/bin/gcc-12", 1000)
                    .symlink("usr/bin/gcc", "gcc-12")
                    .file("usr/lib/gcc/x86_64-linux-gnu/12/cc1", 30000)
                    .file("usr/include/stdio.h", 5000)
                    .file("usr/lib/x86_64-linux-gnu/libc.a", 6000)
                    .file("usr/lib/x86_64-linux-gnu/libc.so.6", 9000)
                    .done().write(dir, "tools.tar");
            InstalledPackages pkgs = InstalledPackages.parse("var/lib/dpkg/status",
                    "Package: libc6\nStatus: install ok installed\n\nPackage: libc6-dev\nStatus: install ok installed\n\n"
                            + "Package: libold-dev\nStatus: deinstall ok config-files\n");
            Advice a = only(advise(tar, 0, pkgs), RuleId.BUILD_TOOLS);
            assertEquals(1000 + 30000 + 5000 + 6000, a.bytesSaved(), "the runtime library is not counted");
            assertTrue(a.evidence().stream().anyMatch(e -> e.note().contains("/usr/lib/gcc/x86_64-linux-gnu/12/cc1")));
            assertTrue(a.evidence().stream().anyMatch(e -> e.note().equals("1 -dev package: libc6-dev")),
                    a.evidence().toString());
            assertTrue(a.fix().contains("multi-stage"));
        }

        @Test
        void sourceTreeNextToABuildFileIsReported() throws Exception {
            Advice a = only(advise(base()
                    .layer("/bin/sh -c #(nop) COPY dir:abc123 in /src ")
                    .file("src/go.mod", "module example.com/app\n").file("src/main.go", 300)
                    .file("src/pkg/a.go", 200).file("src/pkg/b.go", 100).done(), dir), RuleId.BUILD_TOOLS);
            assertEquals(600, a.bytesSaved());
            assertTrue(a.title().contains("/src"), a.title());
        }

        @Test
        void runtimeLibrariesAndASmallHeaderAreNotReported() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get install -y libssl3")
                    .file("usr/lib/x86_64-linux-gnu/libssl.so.3", 50000)
                    .file("usr/local/include/python3.11/pyconfig.h", 3000)
                    .file("app/main.py", 400).file("app/Makefile", 100).done(), dir);
            assertTrue(of(r, RuleId.BUILD_TOOLS).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class ContextFiles {
        @Test
        void gitDirectoryEditorFilesAndSecretsAreReported() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c #(nop) COPY dir:abc123 in /app ")
                    .file("app/.git/HEAD", "ref: refs/heads/main\n").file("app/.git/objects/ab/cdef", 400)
                    .file("app/.DS_Store", 600).file("app/src/.main.py.swp", 300)
                    .file("app/.env", "DB_PASSWORD=hunter2\n").file("app/.env.example", "DB_PASSWORD=\n")
                    .file("app/deploy/id_rsa", 1700).file("app/main.py", 500).done(), dir);
            List<Advice> found = of(r, RuleId.CONTEXT_FILES);
            Advice secrets = found.stream().filter(Advice::security).findFirst().orElseThrow();
            assertEquals(List.of("/app/deploy/id_rsa", "/app/.env"), evidencePaths(secrets));
            assertEquals(2, r.securityFindings().size());
            assertTrue(r.securityFindings().stream().allMatch(f -> f.layer().orElseThrow() == 1));
            Advice git = found.stream().filter(a -> a.title().startsWith(".git")).findFirst().orElseThrow();
            assertEquals("ref: refs/heads/main\n".length() + 400, git.bytesSaved());
            Advice editor = found.stream().filter(a -> a.title().startsWith("Editor")).findFirst().orElseThrow();
            assertEquals(900, editor.bytesSaved());
            assertTrue(found.stream().allMatch(a -> a.fix().contains(".dockerignore")));
        }

        @Test
        void secretDeletedInALaterLayerIsStillASecurityFinding() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c #(nop) COPY file:abc in /root/.ssh/id_ed25519 ").file("root/.ssh/id_ed25519", 400).done()
                    .layer("/bin/sh -c rm /root/.ssh/id_ed25519").whiteout("root/.ssh/id_ed25519").done(), dir);
            Advice a = only(r, RuleId.CONTEXT_FILES);
            assertTrue(a.security());
            assertTrue(a.evidence().get(0).note().contains("deleted by layer 2"), a.evidence().toString());
            assertTrue(of(r, RuleId.DELETED_LATER).isEmpty());
        }

        @Test
        void nodeModulesCopiedNextToItsLockfileIsReportedButInstalledOnesAreNot() throws Exception {
            AdviceReport copied = advise(base()
                    .layer("COPY . . # buildkit").file("app/package.json", "{}").file("app/package-lock.json", "{}")
                    .file("app/node_modules/left-pad/index.js", 800).done(), dir);
            // named, but not counted: an install in the build would store the same packages
            Advice modules = only(copied, RuleId.CONTEXT_FILES);
            assertEquals(0, modules.bytesSaved());
            assertEquals(Advice.Saving.NONE, modules.saving());
            assertEquals(800, modules.evidenceBytes());

            Path installedTar = new ImageBuilder().layer(BASE).file("bin/sh", 10).done()
                    .layer("COPY package.json package-lock.json ./ # buildkit")
                    .file("app/package.json", "{}").file("app/package-lock.json", "{}").done()
                    .layer("RUN /bin/sh -c npm ci # buildkit").file("app/node_modules/left-pad/index.js", 800).done()
                    .write(dir, "installed.tar");
            AdviceReport installed = AdviceFixture.advise(installedTar, 0, InstalledPackages.NONE);
            assertTrue(of(installed, RuleId.CONTEXT_FILES).isEmpty(), installed.advice().toString());
        }

        @Test
        void keysInsidePackagesAndTemplatesAreNotSecrets() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c apt-get install -y python3-cryptography ssl-cert")
                    .file("usr/lib/python3/dist-packages/cryptography/tests/key.pem", 900)
                    .file("etc/ssl/private/ssl-cert-snakeoil.key", 1700)
                    .file("etc/ssl/certs/ca-certificates.crt", 2000)
                    .file("app/.env.example", "A=\n").done(), dir);
            assertTrue(of(r, RuleId.CONTEXT_FILES).isEmpty(), r.advice().toString());
            assertTrue(r.securityFindings().isEmpty());
        }
    }

    @Nested
    class CopyUp {
        @Test
        void chmodInALaterLayerIsAMetadataOnlyCopyUp() throws Exception {
            byte[] content = ImageBuilder.bytes("conf", 3000);
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c write-conf").file("app/app.conf", content, 0644, 0, 0).done()
                    .layer("/bin/sh -c chmod 600 /app/app.conf && chown 1000:1000 /app/app.conf")
                    .file("app/app.conf", content, 0600, 1000, 1000).done(), dir);
            Advice a = only(r, RuleId.COPY_UP);
            assertEquals(3000, a.bytesSaved());
            assertEquals(List.of("/app/app.conf"), evidencePaths(a));
            assertEquals(2, a.evidence().get(0).layer(), "evidence points at the copy");
            assertTrue(a.evidence().get(0).note().contains("mode 0644 -> 0600"));
            assertTrue(a.evidence().get(0).note().contains("owner 0:0 -> 1000:1000"));
            assertTrue(a.fix().contains("--chown") && a.fix().contains("--chmod"));
            assertTrue(of(r, RuleId.DELETED_LATER).isEmpty(), "counted once, as a copy-up");
        }

        @Test
        void changedContentIsNotACopyUp() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c write-conf").file("app/app.conf", ImageBuilder.bytes("one", 3000)).done()
                    .layer("/bin/sh -c write-conf --v2").file("app/app.conf", ImageBuilder.bytes("two", 3000)).done(), dir);
            assertTrue(of(r, RuleId.COPY_UP).isEmpty());
            assertEquals(1, of(r, RuleId.DELETED_LATER).size());
        }
    }

    @Nested
    class CacheOrder {
        @Test
        void wholeContextCopiedBeforeTheInstallIsReportedWithTheInstallLayerBytes() throws Exception {
            AdviceReport r = advise(base()
                    .step("WORKDIR /app")
                    .layer("COPY . . # buildkit").file("app/package.json", "{}").file("app/index.js", 300).done()
                    .layer("RUN /bin/sh -c npm ci --omit=dev # buildkit").file("app/node_modules/x/index.js", 7000).done()
                    .step("CMD [\"node\", \"index.js\"]"), dir);
            Advice a = only(r, RuleId.CACHE_ORDER);
            assertEquals(Advice.Saving.REBUILD, a.saving());
            assertEquals(7000, a.bytesSaved());
            assertEquals(List.of(1, 2), a.steps().stream().map(Advice.Step::layer).toList());
            assertEquals("/app/package.json", a.evidence().get(0).path());
            assertTrue(a.fix().contains("first"));
            assertEquals(0, r.bytesSaved(), "rebuild bytes are not image bytes");
        }

        @Test
        void legacyDirectoryCopyHoldingAManifestCountsAsTheWholeContext() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c #(nop) COPY dir:4f2a in /srv ").file("srv/requirements.txt", "flask\n")
                    .file("srv/app.py", 200).done()
                    .layer("/bin/sh -c pip install -r /srv/requirements.txt").file("usr/lib/python3/flask.py", 900).done(), dir);
            assertEquals(900, only(r, RuleId.CACHE_ORDER).bytesSaved());
        }

        @Test
        void manifestCopiedFirstIsTheRightOrder() throws Exception {
            AdviceReport r = advise(base()
                    .layer("COPY package.json package-lock.json ./ # buildkit").file("app/package.json", "{}").done()
                    .layer("RUN /bin/sh -c npm ci # buildkit").file("app/node_modules/x/index.js", 7000).done()
                    .layer("COPY . . # buildkit").file("app/index.js", 300).done()
                    .layer("RUN /bin/sh -c npm run build # buildkit").file("app/dist/main.js", 300).done(), dir);
            assertTrue(of(r, RuleId.CACHE_ORDER).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class TinyLayers {
        @Test
        void threeConsecutiveTinyRunLayersShouldBeMerged() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c mkdir /a").dir("a").done()
                    .step("/bin/sh -c #(nop)  ENV X=1")
                    .layer("/bin/sh -c echo 1 > /a/one").file("a/one", "1\n").done()
                    .layer("/bin/sh -c echo 2 > /a/two").file("a/two", "2\n").done(), dir);
            Advice a = only(r, RuleId.TINY_LAYERS);
            assertEquals(2, a.layersSaved());
            assertEquals(Advice.Saving.NONE, a.saving());
            assertEquals(List.of(1, 2, 3), a.steps().stream().map(Advice.Step::layer).toList());
        }

        @Test
        void aCopyOrABigLayerBreaksTheRun() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c mkdir /a").dir("a").done()
                    .layer("/bin/sh -c #(nop) COPY file:ab in /a/one ").file("a/one", "1\n").done()
                    .layer("/bin/sh -c echo 2 > /a/two").file("a/two", "2\n").done()
                    .layer("/bin/sh -c fetch-model").file("a/model", 20000).done()
                    .layer("/bin/sh -c echo 3 > /a/three").file("a/three", "3\n").done(), dir);
            assertTrue(of(r, RuleId.TINY_LAYERS).isEmpty(), r.advice().toString());
        }
    }

    @Nested
    class Duplicates {
        @Test
        void sameContentAtTwoPathsIsReported() throws Exception {
            byte[] same = ImageBuilder.bytes("same", 4096);
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c cp").file("a/one.bin", same).file("b/two.bin", same)
                    .file("c/other.bin", ImageBuilder.bytes("other", 4096)).done(), dir);
            Advice a = only(r, RuleId.DUPLICATES);
            assertEquals(4096, a.bytesSaved());
            assertEquals("/a/one.bin and /b/two.bin have the same content", a.title());
        }

        @Test
        void hardlinksShareTheirBytesAndAreNotDuplicates() throws Exception {
            AdviceReport r = advise(base()
                    .layer("/bin/sh -c ln").file("a/one.bin", 4096).hardlink("b/two.bin", "a/one.bin").done(), dir);
            assertTrue(of(r, RuleId.DUPLICATES).isEmpty(), r.advice().toString());
        }
    }

    @Test
    void adviceIsSortedByBytesAndEachByteCountsOnce() throws Exception {
        byte[] conf = ImageBuilder.bytes("c", 100);
        AdviceReport r = advise(base()
                .layer("/bin/sh -c big").file("big", 9000).file("conf", conf).done()
                .layer("/bin/sh -c rm /big && chmod 600 /conf").whiteout("big").file("conf", conf, 0600, 0, 0).done(), dir);
        List<Long> bytes = r.advice().stream().map(Advice::bytesSaved).toList();
        assertEquals(List.of(9000L, 100L), bytes);
        assertEquals(9100, r.bytesSaved());
    }
}
