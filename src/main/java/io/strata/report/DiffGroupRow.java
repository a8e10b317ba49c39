package io.strata.report;

import io.strata.diff.FolderTotal;
import io.strata.diff.PackageGroup;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * One group of a diff's file rows as the diff writers show it, whether grouped by top folder (--by folder) or by
 * owning package (--by package): the changed paths it holds by kind of change, and its share of the squashed bytes
 * on each side.
 */
record DiffGroupRow(String name, int added, int removed, int modified, int metadata, long bytesBefore,
                    long bytesAfter) {

    static DiffGroupRow of(FolderTotal t) {
        return new DiffGroupRow(t.folder(), t.added(), t.removed(), t.modified(), t.metadata(), t.bytesBefore(),
                t.bytesAfter());
    }

    /** {@code name}: how this format names the package, and the group of the files no package owns. */
    static DiffGroupRow of(PackageGroup g, String name) {
        return new DiffGroupRow(name, g.added(), g.removed(), g.modified(), g.metadata(), g.bytesBefore(),
                g.bytesAfter());
    }

    long bytesDelta() {
        return bytesAfter - bytesBefore;
    }

    /** {@code {KEY: name, "added","removed","modified","metadata","bytesBefore","bytesAfter","bytesDelta"}}. */
    Map<String, Object> json(String key) {
        Map<String, Object> m = JsonOutput.object();
        m.put(key, name);
        m.put("added", added);
        m.put("removed", removed);
        m.put("modified", modified);
        m.put("metadata", metadata);
        m.put("bytesBefore", bytesBefore);
        m.put("bytesAfter", bytesAfter);
        m.put("bytesDelta", bytesDelta());
        return m;
    }

    /** The groups as a table whose first column is {@code column}: counts, bytes on each side and their change, the sum last. */
    static void table(String column, List<DiffGroupRow> groups, PrintWriter out) {
        TextTable t = new TextTable(column, "ADDED", "REMOVED", "MODIFIED", "METADATA", "A", "B", "DELTA")
                .rightAlign(1).rightAlign(2).rightAlign(3).rightAlign(4).rightAlign(5).rightAlign(6).rightAlign(7);
        long before = 0;
        long after = 0;
        for (DiffGroupRow x : groups) {
            t.row(x.name(), String.valueOf(x.added()), String.valueOf(x.removed()), String.valueOf(x.modified()),
                    String.valueOf(x.metadata()), Sizes.human(x.bytesBefore()), Sizes.human(x.bytesAfter()),
                    DiffWriter.delta(x.bytesDelta()));
            before += x.bytesBefore();
            after += x.bytesAfter();
        }
        t.row("sum", "", "", "", "", Sizes.human(before), Sizes.human(after), DiffWriter.delta(after - before));
        t.print(out);
    }
}
