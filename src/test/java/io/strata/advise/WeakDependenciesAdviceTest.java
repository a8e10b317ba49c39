package io.strata.advise;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.strata.advise.AdviceFixture.only;
import static io.strata.advise.AdviceFixture.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dnf's weak dependencies on images the real dnf installed (testdata/advice/make-weakdeps-images.sh): `dnf install
 * strata-app` with weak dependencies and with `--setopt=install_weak_deps=False`. The expected packages are the
 * ones dnf's own history database records with reason 4 (weak dependency), plus the dependencies (reason 1) that
 * only those require (rpm -qa's REQUIRENAME); their bytes are rpm's file list with stat's sizes.
 */
class WeakDependenciesAdviceTest {
    static final Path WEAK = Path.of("testdata/advice/weakdeps.oci-archive.tar");
    static final Path NO_WEAK = Path.of("testdata/advice/noweakdeps.oci-archive.tar");

    private static List<String> section(Path archive, String header) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(archive + ".packages.txt"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("== top: " + header)) start = i + 1;
        assertTrue(start > 0, header);
        int end = start;
        while (end < lines.size() && !lines.get(end).startsWith("== ")) end++;
        return lines.subList(start, end);
    }

    @Test
    void packagesDnfInstalledOnlyAsWeakDependenciesAreNamedWithTheirBytes() throws Exception {
        Map<String, Integer> reason = new HashMap<>();
        for (String l : section(WEAK, "dnf history's reason")) reason.put(l.split(" ")[0], Integer.parseInt(l.split(" ")[1]));
        Map<String, Set<String>> requiredBy = new HashMap<>();
        for (String l : section(WEAK, "rpm --dbpath")) {
            String[] f = l.split("\\|", -1);
            for (String req : f[1].split(",")) if (reason.containsKey(req)) requiredBy.computeIfAbsent(req, k -> new TreeSet<>()).add(f[0]);
        }
        Set<String> expected = new TreeSet<>();
        reason.forEach((name, why) -> {
            if (why == 4) expected.add(name);
        });
        for (String name : reason.keySet()) {
            Set<String> by = requiredBy.getOrDefault(name, Set.of());
            if (reason.get(name) == 1 && !by.isEmpty() && expected.containsAll(by)) expected.add(name);
        }
        assertEquals(Set.of("strata-langpack", "strata-viewer", "strata-viewer-data"), expected, "dnf's own record");
        Map<String, Long> bytes = new HashMap<>();
        for (String l : section(WEAK, "rpm -qa --qf '[%{NAME} %{FILENAMES}")) {
            bytes.merge(l.split(" ")[0], Long.parseLong(l.split(" ")[2]), Long::sum);
        }

        AdviceReport r = AdviceFixture.advise(WEAK, 0, InstalledPackages.NONE);
        Advice weak = only(r, RuleId.RECOMMENDED);
        Set<String> named = new TreeSet<>();
        long sum = 0;
        for (Advice.Evidence e : weak.evidence()) {
            String name = e.path().substring("rpm/".length(), e.path().indexOf(' '));
            named.add(name);
            assertEquals(bytes.get(name), e.bytes(), e.toString());
            sum += e.bytes();
        }
        assertEquals(expected, named);
        assertEquals(sum, weak.bytesSaved());
        assertTrue(weak.title().startsWith("3 packages installed only as weak dependencies: "), weak.title());
        assertTrue(weak.fix().contains("--setopt=install_weak_deps=False"), weak.fix());
        // strata-app recommends the viewer; the langpack supplements strata-app (a weak dependency read backwards)
        assertTrue(weak.evidence().stream().anyMatch(e -> e.path().startsWith("rpm/strata-langpack ")
                && e.note().equals("a weak dependency of strata-app")), weak.evidence().toString());
        assertTrue(weak.evidence().stream().anyMatch(e -> e.path().startsWith("rpm/strata-viewer-data ")
                && e.note().equals("required only by strata-viewer")), weak.evidence().toString());
        AdviceFixTextTest.assertReadsAsSentences(weak);
        // dnf's cache is left in the image too, and is advised on its own
        assertTrue(of(r, RuleId.PACKAGE_CACHE).stream().anyMatch(a -> a.title().startsWith("Dnf/yum cache")), r.advice().toString());
    }

    @Test
    void withoutWeakDependenciesThereIsNothingToSay() throws Exception {
        AdviceReport r = AdviceFixture.advise(NO_WEAK, 0, InstalledPackages.NONE);
        assertTrue(of(r, RuleId.RECOMMENDED).isEmpty(), r.advice().toString());
    }
}
