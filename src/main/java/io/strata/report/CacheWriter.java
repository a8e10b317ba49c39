package io.strata.report;

import io.strata.cache.CacheMaintenance;

import java.io.PrintWriter;
import java.util.Map;

/** `strata cache info` and `strata cache prune`. */
public final class CacheWriter {
    private CacheWriter() {
    }

    /** `cache info`: {@code {"folder","entries","bytes","temporaryFiles"}}. */
    public static final ResultWriter<CacheMaintenance.Info> INFO = new ResultWriter<>() {
        @Override
        public void text(CacheMaintenance.Info info, PrintWriter out) {
            out.println("Folder:   " + info.folder() + (info.exists() ? "" : " (nothing cached yet)"));
            out.println("Entries:  " + info.entries());
            out.println("Size:     " + Sizes.human(info.bytes()));
            if (info.temporaryFiles() > 0) out.println("Temporary files: " + info.temporaryFiles());
        }

        @Override
        public Map<String, Object> json(CacheMaintenance.Info info) {
            Map<String, Object> doc = JsonOutput.document();
            doc.put("folder", info.folder().toString());
            doc.put("entries", info.entries());
            doc.put("bytes", info.bytes());
            doc.put("temporaryFiles", info.temporaryFiles());
            return doc;
        }
    };

    /** `cache prune`: {@code {"folder","removedEntries","removedBytes","damagedEntries","keptEntries","keptBytes"}}. */
    public static final ResultWriter<CacheMaintenance.Pruned> PRUNED = new ResultWriter<>() {
        @Override
        public void text(CacheMaintenance.Pruned p, PrintWriter out) {
            out.println("Removed " + p.removed() + " entries (" + Sizes.human(p.removedBytes()) + ")"
                    + (p.damaged() > 0 ? ", " + p.damaged() + " of them damaged" : "") + "; kept " + p.kept()
                    + " (" + Sizes.human(p.keptBytes()) + ") in " + p.folder());
        }

        @Override
        public Map<String, Object> json(CacheMaintenance.Pruned p) {
            Map<String, Object> doc = JsonOutput.document();
            doc.put("folder", p.folder().toString());
            doc.put("removedEntries", p.removed());
            doc.put("removedBytes", p.removedBytes());
            doc.put("damagedEntries", p.damaged());
            doc.put("keptEntries", p.kept());
            doc.put("keptBytes", p.keptBytes());
            return doc;
        }
    };
}
