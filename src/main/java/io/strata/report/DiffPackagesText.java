package io.strata.report;

import io.strata.diff.PackageChange;
import io.strata.diff.PackageDiff;
import io.strata.packages.Ecosystem;
import io.strata.packages.InstalledPackage;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The PACKAGES section of `strata diff` and its part of the summary line. */
final class DiffPackagesText {
    /** Ecosystems whose packages live in one system database: their location tells nothing. */
    private static final Set<Ecosystem> SYSTEM = Set.of(Ecosystem.DEB, Ecosystem.RPM, Ecosystem.APK);

    private DiffPackagesText() {
    }

    /** "packages: 1 added, 2 removed, 1 upgraded, 0 downgraded, 0 changed (-7.9MB)". */
    static String summary(PackageDiff p) {
        long delta = p.changes().stream().mapToLong(PackageChange::bytesDelta).sum();
        return "packages: " + counts(p.count(PackageChange.Kind.ADDED), p.count(PackageChange.Kind.REMOVED),
                p.count(PackageChange.Kind.UPGRADED), p.count(PackageChange.Kind.DOWNGRADED),
                p.count(PackageChange.Kind.CHANGED)) + " (" + DiffWriter.delta(delta) + ")";
    }

    private static String counts(long added, long removed, long upgraded, long downgraded, long changed) {
        return added + " added, " + removed + " removed, " + upgraded + " upgraded, " + downgraded + " downgraded, "
                + changed + " changed";
    }

    static void section(PackageDiff p, DiffWriter.TextOptions o, PrintWriter out) {
        List<String> heads = new ArrayList<>();
        for (PackageDiff.EcosystemTotal t : p.totals()) {
            List<String> parts = new ArrayList<>();
            for (PackageChange.Kind k : PackageChange.Kind.values()) {
                if (t.count(k) > 0) parts.add(t.count(k) + " " + k.label());
            }
            heads.add(t.ecosystem().wire() + ": " + String.join(", ", parts) + ", " + DiffWriter.delta(t.bytesDelta()));
        }
        out.println();
        out.println("PACKAGES (" + String.join("; ", heads) + ")");
        TextTable t = new TextTable("ECOSYSTEM", "CHANGE", "NAME", "A", "B", "PATHS", "DELTA", "WHERE")
                .rightAlign(5).rightAlign(6);
        List<PackageChange> shown = DiffWriter.capped(p.changes(), o.limit());
        for (PackageChange c : shown) {
            t.row(c.ecosystem().wire(), c.kind().label(), c.name(),
                    c.before().map(InstalledPackage::version).orElse("-"),
                    c.after().map(InstalledPackage::version).orElse("-"), String.valueOf(c.pathsChanged()),
                    DiffWriter.delta(c.bytesDelta()), SYSTEM.contains(c.ecosystem()) ? "" : c.location());
        }
        t.print(out);
        DiffWriter.more(p.changes().size() - shown.size(), out);
        out.println("(PATHS: the package's files only on one side or with other content; DELTA: its visible bytes, B - A)");
    }
}
