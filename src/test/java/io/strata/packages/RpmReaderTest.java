package io.strata.packages;

import io.strata.testing.LayerTar;
import io.strata.model.Finding;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rpm databases rpm cannot write here, from scanners' public fixtures (provenance in testdata/README.md):
 * BerkeleyDB (checked against the real rpm's bdb_ro backend) and NDB (against go-rpmdb's expected list); and
 * hostile ones, each a finding naming the file.
 */
class RpmReaderTest {
    private static final Path FIXTURES = Path.of("testdata/packages/rpm-fixtures");

    private static List<DeclaredPackage> read(String path, byte[] bytes, List<Finding> findings) {
        return new RpmReader().read(new CapturedFiles(Map.of(path, bytes)), findings);
    }

    /** "NAME VERSION ARCH | LICENSE" lines of an expected file, comments and file lines left out. */
    private static TreeSet<String> expected(String file) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(FIXTURES.resolve(file))) {
            if (!line.startsWith("#") && !line.startsWith("file ") && !line.isBlank()) out.add(line);
        }
        return out;
    }

    private static TreeSet<String> lines(List<DeclaredPackage> packages) {
        TreeSet<String> out = new TreeSet<>();
        for (DeclaredPackage p : packages) {
            out.add(p.name() + " " + p.version() + " " + p.arch().orElse("") + " | " + String.join(" ", p.licenses()));
        }
        return out;
    }

    @Test
    void berkeleyDbAsTheRealRpmReadsIt() throws Exception {
        List<Finding> findings = new ArrayList<>();
        byte[] db = Files.readAllBytes(FIXTURES.resolve("libuuid.bdb.Packages"));
        List<DeclaredPackage> found = read("/var/lib/rpm/Packages", db, findings);
        assertEquals(List.of(), findings);
        assertEquals(expected("libuuid.bdb.Packages.expected.txt"), lines(found));
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("libuuid.bdb.Packages.expected.txt"))) {
            if (line.startsWith("file ")) files.add(line.substring(5));
        }
        assertEquals(files, found.get(0).files());
    }

    @Test
    void ndbAsGoRpmdbExpectsIt() throws Exception {
        List<Finding> findings = new ArrayList<>();
        byte[] db = Files.readAllBytes(FIXTURES.resolve("sle15-bci.ndb.Packages.db"));
        List<DeclaredPackage> found = read("/var/lib/rpm/Packages.db", db, findings);
        assertEquals(List.of(), findings);
        assertEquals(expected("sle15-bci.ndb.Packages.db.expected.txt"), lines(found));
    }

    @Test
    void aDatabaseInAnImageLayer() throws Exception {
        byte[] db = Files.readAllBytes(FIXTURES.resolve("sle15-bci.ndb.Packages.db"));
        Inventory inv = PackageInventoryTest.inventory(64 << 20, LayerTar.create()
                .file("usr/lib/sysimage/rpm/Packages.db", db, 0644, 0, 0)
                .file("etc/os-release", "ID=\"sles\"\nVERSION_ID=\"15.3\"\n"));
        assertEquals(expected("sle15-bci.ndb.Packages.db.expected.txt").size(), inv.packages().size());
        InstalledPackage bash = inv.packages().stream().filter(p -> p.name().equals("bash")).findFirst().orElseThrow();
        assertEquals("pkg:rpm/suse/bash@4.4-19.6.1?arch=x86_64&distro=sles-15.3", bash.purl());
        assertTrue(bash.requiredBy().size() + bash.declared().depends().size() > 0, bash.toString());
    }

    private static void refused(String path, byte[] bytes, String why) {
        List<Finding> findings = new ArrayList<>();
        assertEquals(List.of(), read(path, bytes, findings), why);
        assertEquals(1, findings.size(), why + ": " + findings);
        assertEquals(path, findings.get(0).path().orElse(""), why);
        assertTrue(findings.get(0).message().startsWith(path + ": "), findings.get(0).message());
    }

    @Test
    void hostileDatabasesAreFindingsNamingTheFile() throws Exception {
        refused("/var/lib/rpm/rpmdb.sqlite", "this is not sqlite at all, just text".repeat(10).getBytes(),
                "a text file named rpmdb.sqlite");
        byte[] sqliteHeaderOnly = Arrays.copyOf("SQLite format 3\0".getBytes(), 4096);
        refused("/var/lib/rpm/rpmdb.sqlite", sqliteHeaderOnly, "an sqlite magic over garbage");
        byte[] bdb = Files.readAllBytes(FIXTURES.resolve("libuuid.bdb.Packages"));
        refused("/var/lib/rpm/Packages", new byte[100], "too short for BerkeleyDB");
        refused("/var/lib/rpm/Packages", Arrays.copyOf(bdb, 512), "not a hash database past its metadata page");
        // every overflow page pointing to itself: a loop in the page chain
        byte[] loop = bdb.clone();
        ByteBuffer b = ByteBuffer.wrap(loop).order(ByteOrder.LITTLE_ENDIAN);
        int pageSize = b.getInt(20);
        for (int page = 1; page * pageSize < loop.length; page++) {
            if ((loop[page * pageSize + 25] & 0xff) == 7) b.putInt(page * pageSize + 16, page);
        }
        refused("/var/lib/rpm/Packages", loop, "overflow pages that loop");
        byte[] truncated = Arrays.copyOf(bdb, bdb.length / 2);
        List<Finding> f = new ArrayList<>();
        read("/var/lib/rpm/Packages", truncated, f);
        assertTrue(f.stream().allMatch(x -> x.path().orElse("").equals("/var/lib/rpm/Packages")), f.toString());
        byte[] ndb = Files.readAllBytes(FIXTURES.resolve("sle15-bci.ndb.Packages.db"));
        byte[] badSlot = ndb.clone();
        ByteBuffer.wrap(badSlot).order(ByteOrder.LITTLE_ENDIAN).putInt(32 + 8, 0x7fffffff);
        refused("/var/lib/rpm/Packages.db", badSlot, "an NDB slot pointing past the file");
        byte[] manyPages = ndb.clone();
        ByteBuffer.wrap(manyPages).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 2000);
        refused("/var/lib/rpm/Packages.db", manyPages, "an NDB claiming more slot pages than it holds");
    }

    @Test
    void hostileHeadersAreSkippedAndCounted() throws Exception {
        byte[] ndb = Files.readAllBytes(FIXTURES.resolve("sle15-bci.ndb.Packages.db"));
        // the first package's header claims 65535 tags: refused, the others still read
        ByteBuffer b = ByteBuffer.wrap(ndb).order(ByteOrder.LITTLE_ENDIAN);
        int slots = b.getInt(12) * 256 - 2;
        for (int s = 0; s < slots; s++) {
            if (b.getInt(32 + 16 * s + 4) == 0) continue;
            int block = b.getInt(32 + 16 * s + 8) * 16;
            ByteBuffer.wrap(ndb).putInt(block + 16, 0xffff);
            break;
        }
        List<Finding> findings = new ArrayList<>();
        List<DeclaredPackage> found = read("/var/lib/rpm/Packages.db", ndb, findings);
        assertEquals(expected("sle15-bci.ndb.Packages.db.expected.txt").size() - 1, found.size());
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("1 damaged package headers"), findings.toString());
    }
}
