package io.strata.report;

import io.strata.diff.PackageChange;
import io.strata.diff.PackageDiff;
import io.strata.diff.PackageGroup;
import io.strata.packages.InstalledPackage;

import java.util.List;
import java.util.Map;

/**
 * `strata diff --format json`: {@code "packages":[{"ecosystem","name","change","before","after","bytesDelta",
 * "pathsChanged"}]} (DESIGN section 7), {@code "packageTotals"} per ecosystem, and the summary's package counts.
 */
final class DiffPackagesJson {
    private DiffPackagesJson() {
    }

    static void put(PackageDiff p, int limit, Map<String, Object> doc) {
        List<PackageChange> shown = limit > 0 && p.changes().size() > limit ? p.changes().subList(0, limit) : p.changes();
        doc.put("packages", shown.stream().map(DiffPackagesJson::change).toList());
        if (shown.size() < p.changes().size()) doc.put("packagesOmitted", p.changes().size() - shown.size());
        doc.put("packageTotals", p.totals().stream().map(DiffPackagesJson::total).toList());
    }

    static void summary(PackageDiff p, Map<String, Object> m) {
        m.put("packagesAdded", p.count(PackageChange.Kind.ADDED));
        m.put("packagesRemoved", p.count(PackageChange.Kind.REMOVED));
        m.put("packagesUpgraded", p.count(PackageChange.Kind.UPGRADED));
        m.put("packagesDowngraded", p.count(PackageChange.Kind.DOWNGRADED));
        m.put("packagesChanged", p.count(PackageChange.Kind.CHANGED));
        m.put("packagesBytesDelta", p.changes().stream().mapToLong(PackageChange::bytesDelta).sum());
    }

    private static Map<String, Object> change(PackageChange c) {
        Map<String, Object> m = JsonOutput.object();
        m.put("ecosystem", c.ecosystem().wire());
        m.put("name", c.name());
        m.put("change", c.kind().label());
        m.put("before", c.before().map(DiffPackagesJson::state).orElse(null));
        m.put("after", c.after().map(DiffPackagesJson::state).orElse(null));
        m.put("bytesDelta", c.bytesDelta());
        m.put("pathsChanged", c.pathsChanged());
        return m;
    }

    private static Map<String, Object> state(InstalledPackage p) {
        Map<String, Object> m = JsonOutput.object();
        m.put("version", p.version());
        m.put("arch", p.arch().orElse(null));
        m.put("purl", p.purl().isEmpty() ? null : p.purl());
        JsonOutput.putName(m, "location", p.declared().location());
        m.put("files", p.files().size());
        m.put("bytes", p.bytes());
        m.put("layer", p.layer().index());
        m.put("createdBy", p.layer().createdBy().orElse(null));
        return m;
    }

    /** --by package: {@code "packageGroups":[{"package","added","removed","modified","metadata","bytesBefore",
     * "bytesAfter","bytesDelta"}]}, "package" null for the files no package owns. */
    static List<Map<String, Object>> groups(PackageGroup.Grouping g) {
        return g.groups().stream().map(x -> DiffGroupRow.of(x, x.pkg().orElse(null)).json("package")).toList();
    }

    private static Map<String, Object> total(PackageDiff.EcosystemTotal t) {
        Map<String, Object> m = JsonOutput.object();
        m.put("ecosystem", t.ecosystem().wire());
        for (PackageChange.Kind k : PackageChange.Kind.values()) m.put(k.label(), t.count(k));
        m.put("bytesDelta", t.bytesDelta());
        return m;
    }
}
