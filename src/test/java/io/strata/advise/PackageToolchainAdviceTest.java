package io.strata.advise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.strata.advise.AdviceFixture.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Package rules on real Debian packages that dpkg installed (testdata/advice/make-toolchain-image.sh): build-only
 * packages measured whole, and a package manager at runtime. The expected bytes are dpkg-query -L's paths with
 * stat's sizes (regular files) in toolchain.oci-archive.tar.packages.txt; dpkg-layers (runtime libraries only) is
 * the image that triggers neither.
 */
class PackageToolchainAdviceTest {
    static final Path TOOLCHAIN = Path.of("testdata/advice/toolchain.oci-archive.tar");
    static final Path RUNTIME_ONLY = Path.of("testdata/packages/dpkg-layers.oci-archive.tar");

    /** Regular-file bytes per package, from dpkg-query -L and stat. */
    static Map<String, Long> packageBytes() throws Exception {
        Map<String, Long> out = new HashMap<>();
        boolean in = false;
        for (String line : Files.readAllLines(Path.of(TOOLCHAIN + ".packages.txt"))) {
            if (line.startsWith("== ")) {
                in = line.startsWith("== top: dpkg-query -L");
                continue;
            }
            if (!in) continue;
            String[] f = line.split(" ");
            if (f[2].equals("regular_file")) out.merge(f[0], Long.parseLong(f[3]), Long::sum);
        }
        return out;
    }

    static AdviceReport advise(Path archive) throws Exception {
        return AdviceFixture.advise(archive, 0, InstalledPackages.NONE);
    }

    @Test
    void buildOnlyPackagesAreMeasuredWholeWithWhatOnlyTheyPulledIn() throws Exception {
        AdviceReport r = advise(TOOLCHAIN);
        Map<String, Long> bytes = packageBytes();
        List<Advice> tools = of(r, RuleId.BUILD_TOOLS);
        assertEquals(1, tools.size(), tools.toString());
        Advice a = tools.get(0);
        // make, zlib1g-dev and pkgconf by name; pkgconf-bin and libpkgconf3 are auto-installed and required only by
        // them (apt-mark showauto, Depends in the facts); zlib1g is auto too, but it is zlib1g-dev's runtime half
        Set<String> named = new TreeSet<>();
        long sum = 0;
        for (Advice.Evidence e : a.evidence()) {
            if (e.files() == 0) continue;
            String name = e.path().substring("deb/".length(), e.path().indexOf(' '));
            named.add(name);
            assertEquals(bytes.get(name), e.bytes(), e.toString());
            sum += e.bytes();
        }
        assertEquals(new TreeSet<>(List.of("libpkgconf3", "make", "pkgconf", "pkgconf-bin", "zlib1g-dev")), named);
        assertEquals(sum, a.bytesSaved());
        assertTrue(a.title().startsWith("5 build-only packages in the final image: "), a.title());
        assertTrue(a.evidence().stream().anyMatch(e -> e.note().equals("kept, as the runtime half of a -dev package: zlib1g")),
                a.evidence().toString());
        assertTrue(a.evidence().stream().anyMatch(e -> e.path().startsWith("deb/libpkgconf3 ")
                && e.note().equals("required only by pkgconf-bin")), a.evidence().toString());
        assertTrue(a.fix().startsWith("Use a multi-stage build: compile in a builder stage"), a.fix());
        assertTrue(a.fix().contains("(zlib1g)"), a.fix());
        AdviceFixTextTest.assertReadsAsSentences(a);
        assertEquals(List.of(1), a.steps().stream().map(Advice.Step::layer).toList());
    }

    @Test
    void runtimeLibrariesAloneAreNoBuildToolsAndNoPackageManager() throws Exception {
        AdviceReport r = advise(RUNTIME_ONLY);
        assertTrue(of(r, RuleId.BUILD_TOOLS).isEmpty() && of(r, RuleId.PACKAGE_MANAGERS).isEmpty(), r.advice().toString());
    }

    @Test
    void pipAtRuntimeIsMeasuredAsItsWholePackage() throws Exception {
        AdviceReport r = advise(TOOLCHAIN);
        Advice pip = AdviceFixture.only(r, RuleId.PACKAGE_MANAGERS);
        // dpkg owns every file pip's RECORD lists too: the deb counts them, python/pip adds no row of its own
        assertEquals(List.of("deb/python3-pip 23.0.1+dfsg-1"), AdviceFixture.evidencePaths(pip));
        assertEquals(packageBytes().get("python3-pip"), pip.bytesSaved());
        assertTrue(pip.title().startsWith("pip in the final image ("), pip.title());
        assertTrue(pip.fix().contains("--no-cache-dir") && pip.fix().contains("build stage"), pip.fix());
        assertEquals(List.of(2), pip.steps().stream().map(Advice.Step::layer).toList());
        AdviceFixTextTest.assertReadsAsSentences(pip);
    }

    @TempDir
    Path dir;

    /**
     * pip as a Python distribution, its cache and apt's lists in one image: each stored byte in one piece of advice.
     * The bytes are the files written here; pip's own RECORD lists its files, as pip writes it.
     */
    @Test
    void pipItsCacheAndAptListsAreCountedOnceEach() throws Exception {
        String site = "usr/local/lib/python3.11/site-packages/";
        byte[] init = io.strata.testing.ImageBuilder.bytes("pip-init", 1000);
        byte[] internal = io.strata.testing.ImageBuilder.bytes("pip-internal", 5000);
        String metadata = "Metadata-Version: 2.1\nName: pip\nVersion: 24.0\n";
        String record = "pip/__init__.py,,1000\npip/_internal/main.py,,5000\npip-24.0.dist-info/METADATA,,\n"
                + "pip-24.0.dist-info/RECORD,,\n";
        byte[] cache = io.strata.testing.ImageBuilder.bytes("pip-cache", 7000);
        byte[] lists = io.strata.testing.ImageBuilder.bytes("lists", 3000);
        Path tar = new io.strata.testing.ImageBuilder()
                .layer("/bin/sh -c #(nop) ADD file:0123abcd in / ").file("bin/sh", 2000).done()
                .layer("/bin/sh -c apt-get update && apt-get install -y python3 && python3 get-pip.py")
                .file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", lists)
                .file(site + "pip/__init__.py", init).file(site + "pip/_internal/main.py", internal)
                .file(site + "pip-24.0.dist-info/METADATA", metadata).file(site + "pip-24.0.dist-info/RECORD", record)
                .file("root/.cache/pip/http/v2/a/b/c", cache).done()
                .write(dir, "pip.tar");
        AdviceReport r = AdviceFixture.advise(tar, 0, InstalledPackages.NONE);
        Advice pip = AdviceFixture.only(r, RuleId.PACKAGE_MANAGERS);
        assertEquals(List.of("python/pip 24.0"), AdviceFixture.evidencePaths(pip));
        assertEquals(init.length + internal.length + metadata.length() + record.length(), pip.bytesSaved());
        List<Advice> caches = of(r, RuleId.PACKAGE_CACHE);
        assertEquals(2, caches.size(), caches.toString());
        long cacheBytes = caches.stream().mapToLong(Advice::bytesSaved).sum();
        assertEquals(cache.length + lists.length, cacheBytes);
        assertTrue(caches.stream().anyMatch(a -> a.fix().contains("`pip install --no-cache-dir`")), caches.toString());
        assertTrue(caches.stream().anyMatch(a -> a.fix().contains("&& rm -rf /var/lib/apt/lists/*`")), caches.toString());
        // nothing else counts them again
        assertEquals(pip.bytesSaved() + cacheBytes, r.bytesSaved(), r.advice().toString());
    }


    /** npm's real package.json (npm 11.19.1, the host's /usr/lib/node_modules/npm), beside node in /usr/local. */
    private static final String NPM_PACKAGE_JSON = "{\n  \"version\": \"11.19.1\",\n  \"name\": \"npm\",\n"
            + "  \"description\": \"a package manager for JavaScript\",\n  \"main\": \"./index.js\"\n}\n";

    @Test
    void aGlobalNpmBesideNodeIsMeasuredAsItsFolder() throws Exception {
        byte[] cli = io.strata.testing.ImageBuilder.bytes("npm-cli", 9000);
        byte[] nested = io.strata.testing.ImageBuilder.bytes("npm-dep", 12_000);
        Path tar = new io.strata.testing.ImageBuilder()
                .layer("/bin/sh -c #(nop) ADD file:0123abcd in / ").file("bin/sh", 2000).done()
                .layer("/bin/sh -c tar -xf node.tar.xz -C /usr/local").file("usr/local/bin/node", 50_000)
                .file("usr/local/lib/node_modules/npm/package.json", NPM_PACKAGE_JSON)
                .file("usr/local/lib/node_modules/npm/lib/cli.js", cli)
                .file("usr/local/lib/node_modules/npm/node_modules/semver/index.js", nested)
                .symlink("usr/local/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js").done()
                .layer("/bin/sh -c #(nop) COPY dir:af91e8db in /app ").file("app/index.js", 300).done()
                .write(dir, "npm.tar");
        AdviceReport r = AdviceFixture.advise(tar, 0, InstalledPackages.NONE);
        Advice npm = AdviceFixture.only(r, RuleId.PACKAGE_MANAGERS);
        assertEquals(List.of("/usr/local/lib/node_modules/npm/"), AdviceFixture.evidencePaths(npm));
        assertEquals(NPM_PACKAGE_JSON.length() + cli.length + nested.length, npm.bytesSaved());
        assertEquals(3, npm.evidence().get(0).files());
        assertTrue(npm.title().equals("npm in the final image (3 files)"), npm.title());
        assertTrue(npm.fix().contains("`npm ci --omit=dev`"), npm.fix());
        AdviceFixTextTest.assertReadsAsSentences(npm);

        // npm as an application's own dependency is the application's business
        Path app = new io.strata.testing.ImageBuilder()
                .layer("/bin/sh -c #(nop) ADD file:0123abcd in / ").file("bin/sh", 2000).done()
                .layer("/bin/sh -c npm ci").file("app/node_modules/npm/package.json", NPM_PACKAGE_JSON)
                .file("app/node_modules/npm/lib/cli.js", cli).done()
                .write(dir, "app.tar");
        assertTrue(of(AdviceFixture.advise(app, 0, InstalledPackages.NONE), RuleId.PACKAGE_MANAGERS).isEmpty());
    }

    /**
     * yarn (a global install and Yarn's /usr/share/yarn), pnpm (a global install) and what corepack downloaded, each
     * measured as its folders; yarn's cache stays with package-cache. The bytes are the files written here.
     */
    @Test
    void yarnPnpmAndCorepacksDownloadsAreMeasuredAsTheirFolders() throws Exception {
        byte[] yarnCli = io.strata.testing.ImageBuilder.bytes("yarn-cli", 8000);
        byte[] yarnShare = io.strata.testing.ImageBuilder.bytes("yarn-share", 6000);
        byte[] pnpmCli = io.strata.testing.ImageBuilder.bytes("pnpm-cli", 11_000);
        byte[] corepack = io.strata.testing.ImageBuilder.bytes("corepack-pnpm", 13_000);
        byte[] yarnCache = io.strata.testing.ImageBuilder.bytes("yarn-cache", 4000);
        Path tar = new io.strata.testing.ImageBuilder()
                .layer("/bin/sh -c #(nop) ADD file:0123abcd in / ").file("bin/sh", 2000).done()
                .layer("/bin/sh -c npm install -g yarn pnpm").file("usr/local/bin/node", 50_000)
                .file("usr/local/lib/node_modules/yarn/lib/cli.js", yarnCli)
                .file("usr/local/lib/node_modules/pnpm/dist/pnpm.cjs", pnpmCli).done()
                .layer("/bin/sh -c apt-get install -y yarn").file("usr/share/yarn/lib/cli.js", yarnShare).done()
                .layer("/bin/sh -c corepack enable && yarn install")
                .file("root/.cache/node/corepack/v1/pnpm/9.1.0/dist/pnpm.cjs", corepack)
                .file("root/.cache/yarn/v6/npm-left-pad-1.3.0/index.js", yarnCache).done()
                .write(dir, "yarn.tar");
        AdviceReport r = AdviceFixture.advise(tar, 0, InstalledPackages.NONE);
        Map<String, Advice> byTool = new HashMap<>();
        for (Advice a : of(r, RuleId.PACKAGE_MANAGERS)) byTool.put(a.title().substring(0, a.title().indexOf(" in the final")), a);
        assertEquals(Set.of("yarn", "pnpm", "corepack's cache of package managers"), byTool.keySet(), r.advice().toString());
        Advice yarn = byTool.get("yarn");
        assertEquals(List.of("/usr/local/lib/node_modules/yarn/", "/usr/share/yarn/"), AdviceFixture.evidencePaths(yarn));
        assertEquals(yarnCli.length + yarnShare.length, yarn.bytesSaved());
        assertEquals(List.of("/usr/local/lib/node_modules/pnpm/"), AdviceFixture.evidencePaths(byTool.get("pnpm")));
        assertEquals(pnpmCli.length, byTool.get("pnpm").bytesSaved());
        Advice cache = byTool.get("corepack's cache of package managers");
        assertEquals(List.of("/root/.cache/node/corepack/"), AdviceFixture.evidencePaths(cache));
        assertEquals(corepack.length, cache.bytesSaved());
        byTool.values().forEach(AdviceFixTextTest::assertReadsAsSentences);
        assertEquals(yarnCache.length, AdviceFixture.only(r, RuleId.PACKAGE_CACHE).bytesSaved());

        // yarn and pnpm as an application's own dependencies, and a folder merely named like one, are not advised
        Path app = new io.strata.testing.ImageBuilder()
                .layer("/bin/sh -c #(nop) ADD file:0123abcd in / ").file("bin/sh", 2000).done()
                .layer("/bin/sh -c npm ci").file("app/node_modules/yarn/lib/cli.js", yarnCli)
                .file("app/node_modules/pnpm/dist/pnpm.cjs", pnpmCli)
                .file("usr/share/yarnpkg-docs/README", yarnShare).done()
                .write(dir, "app-yarn.tar");
        assertTrue(of(AdviceFixture.advise(app, 0, InstalledPackages.NONE), RuleId.PACKAGE_MANAGERS).isEmpty());
    }
}
