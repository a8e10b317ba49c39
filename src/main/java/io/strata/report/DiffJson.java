package io.strata.report;

import io.strata.diff.AlignedLayer;
import io.strata.diff.ConfigChange;
import io.strata.diff.ConfigValue;
import io.strata.diff.FileChange;
import io.strata.diff.FileDiff;
import io.strata.diff.FileState;
import io.strata.diff.HistoryStep;
import io.strata.diff.ImageDiff;
import io.strata.diff.Section;

import java.util.List;
import java.util.Map;

/** `strata diff --format json`: the documented shape (identical, config, layers, files) plus sides, summary, history. */
final class DiffJson {
    private DiffJson() {
    }

    static Map<String, Object> document(ImageDiff d, boolean stat, int limit) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("identical", d.identical());
        doc.put("a", side(d.a()));
        doc.put("b", side(d.b()));
        Map<String, Object> options = JsonOutput.object();
        options.put("sections", d.options().sections().stream().map(Section::label).toList());
        options.put("timestamps", d.options().timestamps());
        options.put("ignore", d.options().ignore().patterns());
        doc.put("options", options);
        doc.put("summary", summary(d));
        doc.put("notes", d.notes());
        if (stat) return doc;
        d.config().ifPresent(c -> doc.put("config", c.changes().stream().map(DiffJson::config).toList()));
        d.history().ifPresent(h -> {
            Map<String, Object> m = JsonOutput.object();
            m.put("common", h.common());
            m.put("onlyInA", h.onlyInA().stream().map(DiffJson::step).toList());
            m.put("onlyInB", h.onlyInB().stream().map(DiffJson::step).toList());
            doc.put("history", m);
        });
        d.packages().ifPresent(p -> DiffPackagesJson.put(p, limit, doc));
        d.layers().ifPresent(l -> {
            Map<String, Object> m = JsonOutput.object();
            m.put("common", l.common().stream().map(DiffJson::layer).toList());
            m.put("onlyInA", l.onlyInA().stream().map(DiffJson::layer).toList());
            m.put("onlyInB", l.onlyInB().stream().map(DiffJson::layer).toList());
            doc.put("layers", m);
        });
        d.files().ifPresent(f -> {
            List<FileChange> shown = limit > 0 && f.changes().size() > limit ? f.changes().subList(0, limit) : f.changes();
            doc.put("files", shown.stream().map(c -> {
                Map<String, Object> row = file(c);
                f.packages().ifPresent(g -> row.put("package", g.of(c).orElse(null)));
                return row;
            }).toList());
            if (shown.size() < f.changes().size()) doc.put("filesOmitted", f.changes().size() - shown.size());
            f.folders().ifPresent(folders -> doc.put("folders",
                    folders.stream().map(t -> DiffGroupRow.of(t).json("folder")).toList()));
            f.packages().ifPresent(g -> doc.put("packageGroups", DiffPackagesJson.groups(g)));
        });
        return doc;
    }

    private static Map<String, Object> side(ImageDiff.Side s) {
        Map<String, Object> m = JsonOutput.object();
        m.put("archive", s.archive());
        m.put("image", s.image().displayName());
        m.put("position", s.image().position());
        m.put("refs", s.image().refs());
        m.put("manifestDigest", s.image().manifestDigest().map(Object::toString).orElse(null));
        m.put("configDigest", s.image().configDigest().toString());
        m.put("platform", s.image().platform().toString());
        return m;
    }

    private static Map<String, Object> summary(ImageDiff d) {
        Map<String, Object> m = JsonOutput.object();
        d.files().ifPresent(f -> {
            m.put("added", f.count(FileChange.Kind.ADDED));
            m.put("removed", f.count(FileChange.Kind.REMOVED));
            m.put("modified", f.count(FileChange.Kind.MODIFIED));
            m.put("metadata", f.count(FileChange.Kind.METADATA));
            m.put("bytesAdded", f.bytesAdded());
            m.put("bytesRemoved", f.bytesRemoved());
            f.squashedBytesDelta().ifPresent(delta -> m.put("squashedBytesDelta", delta));
        });
        d.packages().ifPresent(p -> DiffPackagesJson.summary(p, m));
        d.config().ifPresent(c -> m.put("configChanges", c.changes().size()));
        d.layers().ifPresent(l -> {
            m.put("layersCommon", l.common().size());
            m.put("layersOnlyInA", l.onlyInA().size());
            m.put("layersOnlyInB", l.onlyInB().size());
        });
        d.history().ifPresent(h -> {
            m.put("historyCommon", h.common());
            m.put("historyOnlyInA", h.onlyInA().size());
            m.put("historyOnlyInB", h.onlyInB().size());
        });
        return m;
    }

    private static Map<String, Object> config(ConfigChange c) {
        Map<String, Object> m = JsonOutput.object();
        m.put("field", c.field());
        m.put("key", c.key().orElse(null));
        m.put("change", c.kind().label());
        m.put("before", c.before().map(DiffJson::value).orElse(null));
        m.put("after", c.after().map(DiffJson::value).orElse(null));
        return m;
    }

    private static Object value(ConfigValue v) {
        if (v instanceof ConfigValue.Text t) return t.value();
        if (v instanceof ConfigValue.Words w) return w.values();
        return ConfigWriter.healthcheckJson(((ConfigValue.Check) v).healthcheck());
    }

    private static Map<String, Object> step(HistoryStep s) {
        Map<String, Object> m = JsonOutput.object();
        m.put("index", s.index());
        m.put("created", s.entry().created().orElse(null));
        m.put("createdBy", s.entry().createdBy().orElse(""));
        m.put("comment", s.entry().comment().orElse(""));
        m.put("emptyLayer", s.entry().emptyLayer());
        return m;
    }

    private static Map<String, Object> layer(AlignedLayer l) {
        Map<String, Object> m = JsonOutput.object();
        m.put("index", l.index());
        m.put("diffId", l.diffId().toString());
        m.put("size", l.contentBytes());
        m.put("createdBy", l.createdBy().orElse(null));
        m.put("otherIndex", l.otherIndex().orElse(null));
        return m;
    }

    private static Map<String, Object> file(FileChange c) {
        Map<String, Object> m = JsonOutput.object();
        JsonOutput.putName(m, "path", c.path().absolute());
        m.put("change", c.kind().label());
        m.put("fields", c.fields().stream().map(FileChange.Field::label).toList());
        m.put("sizeDelta", c.sizeDelta());
        m.put("before", c.before().map(DiffJson::state).orElse(null));
        m.put("after", c.after().map(DiffJson::state).orElse(null));
        c.removedBy().ifPresent(r -> {
            Map<String, Object> x = JsonOutput.object();
            x.put("layer", r.layer().orElse(null));
            x.put("createdBy", r.createdBy().orElse(null));
            x.put("how", r.how().label());
            m.put("removedBy", x);
        });
        return m;
    }

    private static Map<String, Object> state(FileState s) {
        Map<String, Object> m = JsonOutput.object();
        m.put("type", s.kind().label());
        m.put("mode", DiffWriter.octal(s.mode()));
        m.put("uid", s.uid());
        m.put("gid", s.gid());
        m.put("size", s.size());
        JsonOutput.putName(m, "linkTarget", s.linkTarget().orElse(null));
        m.put("sha256", s.sha256().map(Object::toString).orElse(null));
        m.put("mtime", s.mtime());
        if (!s.xattrs().isEmpty()) m.put("xattrs", new java.util.TreeMap<>(s.xattrs()));
        m.put("layer", s.layer());
        m.put("createdBy", s.createdBy().orElse(null));
        return m;
    }
}
