package io.strata.report;

import io.strata.analysis.files.DeletedVersion;
import io.strata.analysis.files.HardlinkGroups;
import io.strata.analysis.files.LayerChange;
import io.strata.analysis.files.OwnerTotal;
import io.strata.layer.EntryKind;
import io.strata.layer.FileEntry;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import io.strata.tree.HiddenVersion;
import io.strata.tree.VisibleFile;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** `strata files` output: the merged view, one layer's changes, hidden versions, per-owner totals. */
public final class FilesWriter {
    private FilesWriter() {
    }

    // ---- JSON -------------------------------------------------------------------------------------------

    public static Map<String, Object> json(String image, List<VisibleFile> files, HardlinkGroups links,
                                           List<OwnerTotal> owners, List<Finding> findings) {
        return json(image, files, links, owners, f -> null, findings);
    }

    /**
     * The listing with each file's owning package ("deb/libc6", null for none) and, beside the per-owner totals,
     * files and bytes per package and what no package owns.
     */
    public static Map<String, Object> json(String image, List<VisibleFile> files, HardlinkGroups links,
                                           List<OwnerTotal> owners, Function<VisibleFile, String> packageOf,
                                           List<Finding> findings) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        doc.put("files", JsonOutput.lazyArray(files, f -> {
            Map<String, Object> m = fileJson(f, links.nlink(f));
            m.put("package", packageOf.apply(f));
            return m;
        }));
        doc.put("owners", ownersJson(owners));
        PackageTotals totals = PackageTotals.of(files, packageOf);
        List<Object> perPackage = new ArrayList<>();
        totals.perPackage().forEach((name, t) -> {
            Map<String, Object> m = JsonOutput.object();
            m.put("package", name);
            m.put("files", t[0]);
            m.put("bytes", t[1]);
            perPackage.add(m);
        });
        doc.put("packages", perPackage);
        doc.put("unpackagedFiles", totals.unowned()[0]);
        doc.put("unpackagedBytes", totals.unowned()[1]);
        doc.put("findings", findings.stream().map(FindingsJson::of).toList());
        return doc;
    }

    /**
     * Files and bytes (a hardlinked inode once) of the listed non-directory files per owning package, largest
     * first, and of those no package owns.
     */
    record PackageTotals(Map<String, long[]> perPackage, long[] unowned) {
        static PackageTotals of(List<VisibleFile> files, Function<VisibleFile, String> packageOf) {
            Map<String, long[]> per = new java.util.HashMap<>();
            long[] none = new long[2];
            java.util.Set<Long> inodes = new java.util.HashSet<>();
            for (VisibleFile f : files) {
                if (f.kind() == EntryKind.DIR) continue;
                String owner = packageOf.apply(f);
                long[] t = owner == null ? none : per.computeIfAbsent(owner, k -> new long[2]);
                t[0]++;
                if (f.isRegularContent() && f.contentEntry() >= 0 && inodes.add(f.inodeKey())) t[1] += f.size();
            }
            Map<String, long[]> sorted = new java.util.LinkedHashMap<>();
            per.entrySet().stream().sorted((a, b) -> a.getValue()[1] != b.getValue()[1]
                            ? Long.compare(b.getValue()[1], a.getValue()[1]) : a.getKey().compareTo(b.getKey()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return new PackageTotals(sorted, none);
        }
    }

    public static Map<String, Object> changesJson(String image, int layer, Optional<String> createdBy,
                                                  List<LayerChange> changes) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        doc.put("layer", layer);
        doc.put("createdBy", createdBy.orElse(null));
        List<Object> rows = new ArrayList<>();
        for (LayerChange c : changes) {
            Map<String, Object> m = JsonOutput.object();
            m.put("change", c.change().label());
            m.putAll(fileJson(c.shown(), 0));
            m.remove("nlink");
            rows.add(m);
        }
        doc.put("files", rows);
        return doc;
    }

    public static Map<String, Object> deletedJson(String image, List<DeletedVersion> deleted) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        List<Object> rows = new ArrayList<>();
        for (DeletedVersion d : deleted) {
            FileEntry e = d.entry();
            Map<String, Object> m = row(e.path(), e.kind(), e.mode(), e.uid(), e.gid(), e.size(),
                    linkTarget(e.kind(), e.linkTarget()), e.sha256(), e.layer());
            m.put("hiddenBy", d.hiddenBy());
            m.put("reason", d.reason().label());
            rows.add(m);
        }
        doc.put("files", rows);
        return doc;
    }

    static Map<String, Object> fileJson(VisibleFile f, int nlink) {
        Map<String, Object> m = row(f.path(), f.kind(), f.mode(), f.uid(), f.gid(), f.size(),
                linkTarget(f.kind(), f.linkTarget()), f.sha256(), f.layer());
        m.put("nlink", nlink);
        if (!f.xattrs().isEmpty()) m.put("xattrs", new ArrayList<>(new java.util.TreeSet<>(f.xattrs().keySet())));
        return m;
    }

    private static Map<String, Object> row(ImagePath path, EntryKind kind, int mode, long uid, long gid, long size,
                                           Optional<String> linkTarget, Optional<Digest> sha256, int layer) {
        Map<String, Object> m = JsonOutput.object();
        JsonOutput.putName(m, "path", path.absolute());
        m.put("type", kind.label());
        m.put("mode", FileModeText.octal(mode));
        m.put("uid", uid);
        m.put("gid", gid);
        m.put("size", size);
        JsonOutput.putName(m, "linkTarget", linkTarget.orElse(null));
        m.put("sha256", sha256.map(Digest::toString).orElse(null));
        m.put("layer", layer);
        return m;
    }

    /** A hardlink's target is an image path, shown absolute; a symlink's is shown as stored. */
    private static Optional<String> linkTarget(EntryKind kind, Optional<String> target) {
        return kind == EntryKind.HARDLINK ? target.map(t -> "/" + t) : target;
    }

    private static List<Object> ownersJson(List<OwnerTotal> owners) {
        List<Object> out = new ArrayList<>();
        for (OwnerTotal o : owners) {
            Map<String, Object> m = JsonOutput.object();
            m.put("uid", o.uid());
            m.put("gid", o.gid());
            m.put("files", o.files());
            m.put("bytes", o.bytes());
            out.add(m);
        }
        return out;
    }

    // ---- text -------------------------------------------------------------------------------------------

    /** `ls -l`-like: MODE, UID:GID, SIZE, LAYER, PATH (with "-> target" or "link to /target"). */
    public static void text(List<VisibleFile> files, boolean noTrunc, PrintWriter out) {
        text(files, f -> null, noTrunc, out);
    }

    /** The listing with a PACKAGE column: the package owning each path, "-" for none. */
    public static void text(List<VisibleFile> files, Function<VisibleFile, String> packageOf, boolean noTrunc,
                            PrintWriter out) {
        TextTable t = new TextTable("MODE", "UID:GID", "SIZE", "LAYER", "PACKAGE", "PATH").rightAlign(2).rightAlign(3)
                .fitPath(5, 10, 0).noTrunc(noTrunc);
        for (VisibleFile f : files) {
            String pkg = packageOf.apply(f);
            t.row(FileModeText.ls(f.kind(), f.mode()), owner(f.uid(), f.gid()), Sizes.human(f.size()), f.layer(),
                    pkg == null ? "-" : pkg, pathWithLink(f.path(), f.kind(), f.linkTarget()));
        }
        t.print(out);
    }

    public static void ownersText(List<OwnerTotal> owners, PrintWriter out) {
        TextTable t = new TextTable("UID:GID", "FILES", "SIZE").rightAlign(1).rightAlign(2);
        for (OwnerTotal o : owners) t.row(owner(o.uid(), o.gid()), o.files(), Sizes.human(o.bytes()));
        t.print(out);
    }

    /** The per-owner table, then files and bytes per package and the bytes no package owns. */
    public static void ownersText(List<OwnerTotal> owners, List<VisibleFile> files,
                                  Function<VisibleFile, String> packageOf, PrintWriter out) {
        ownersText(owners, out);
        PackageTotals totals = PackageTotals.of(files, packageOf);
        out.println();
        TextTable t = new TextTable("PACKAGE", "FILES", "SIZE").rightAlign(1).rightAlign(2);
        totals.perPackage().forEach((name, v) -> t.row(name, v[0], Sizes.human(v[1])));
        t.row("(no package)", totals.unowned()[0], Sizes.human(totals.unowned()[1]));
        t.print(out);
    }

    public static void changesText(int layer, Optional<String> createdBy, List<LayerChange> changes, boolean noTrunc,
                                   PrintWriter out) {
        long[] counts = new long[LayerChange.Change.values().length];
        for (LayerChange c : changes) counts[c.change().ordinal()]++;
        out.printf("Layer %d%s: %d added, %d modified, %d deleted%n", layer,
                createdBy.map(s -> " (" + InspectWriter.ellipsis(s.replace('\t', ' '), 60) + ")").orElse(""),
                counts[0], counts[1], counts[2]);
        TextTable t = new TextTable("CHANGE", "MODE", "UID:GID", "SIZE", "PATH").rightAlign(3).fitPath(4, 10, 0)
                .noTrunc(noTrunc);
        for (LayerChange c : changes) {
            VisibleFile f = c.shown();
            t.row(c.change().label(), FileModeText.ls(f.kind(), f.mode()), owner(f.uid(), f.gid()),
                    Sizes.human(f.size()), pathWithLink(f.path(), f.kind(), f.linkTarget()));
        }
        t.print(out);
    }

    public static void deletedText(List<DeletedVersion> deleted, boolean noTrunc, PrintWriter out) {
        TextTable t = new TextTable("MODE", "UID:GID", "SIZE", "LAYER", "HIDDEN BY", "REASON", "PATH")
                .rightAlign(2).rightAlign(3).rightAlign(4).fitPath(6, 8, 0).noTrunc(noTrunc);
        long bytes = 0;
        for (DeletedVersion d : deleted) {
            FileEntry e = d.entry();
            t.row(FileModeText.ls(e.kind(), e.mode()), owner(e.uid(), e.gid()), Sizes.human(e.size()), e.layer(),
                    d.hiddenBy(), d.reason().label(), pathWithLink(e.path(), e.kind(), e.linkTarget()));
            if (e.kind() == EntryKind.FILE) bytes += e.size();
        }
        t.print(out);
        out.printf("%d hidden versions, %s of regular files still stored in the archive%n", deleted.size(),
                Sizes.human(bytes));
    }

    /**
     * The files as a tree under {@code top}, each line with its attributes; a directory's size is the bytes of
     * the listed regular files below it (a hardlinked inode once).
     */
    public static void tree(ImagePath top, List<VisibleFile> files, boolean noTrunc, PrintWriter out) {
        TreeNode root = new TreeNode(null);
        for (VisibleFile f : files) {
            if (f.path().equals(top)) {
                root.file = f;
                continue;
            }
            String rel = top.isRoot() ? f.path().relative() : f.path().relative().substring(top.relative().length() + 1);
            TreeNode n = root;
            for (String seg : rel.split("/")) n = n.children.computeIfAbsent(seg, k -> new TreeNode(null));
            n.file = f;
        }
        root.sumSizes(new java.util.HashSet<>());
        List<String[]> rows = new ArrayList<>();
        rows.add(attributes(root, top.absolute()));
        root.render("", rows);
        TextTable t = new TextTable("MODE", "UID:GID", "SIZE", "LAYER", "PATH").rightAlign(2).rightAlign(3)
                .fit(4, 16, 0).noTrunc(noTrunc);
        for (String[] r : rows) t.row((Object[]) r);
        t.print(out);
    }

    private static String[] attributes(TreeNode n, String label) {
        VisibleFile f = n.file;
        if (f == null) return new String[]{"", "", Sizes.human(n.bytes), "", label};
        return new String[]{FileModeText.ls(f.kind(), f.mode()), owner(f.uid(), f.gid()), Sizes.human(n.bytes),
                Integer.toString(f.layer()), label};
    }

    private static final class TreeNode {
        VisibleFile file;
        long bytes;
        final TreeMap<String, TreeNode> children = new TreeMap<>();

        TreeNode(VisibleFile file) {
            this.file = file;
        }

        void sumSizes(java.util.Set<Long> inodes) {
            // iterative post-order: trees can be thousands of levels deep
            List<TreeNode> order = new ArrayList<>();
            List<TreeNode> todo = new ArrayList<>(List.of(this));
            while (!todo.isEmpty()) {
                TreeNode n = todo.remove(todo.size() - 1);
                order.add(n);
                todo.addAll(n.children.values());
            }
            long[] counted = new long[order.size()];
            java.util.Map<TreeNode, Integer> position = new java.util.IdentityHashMap<>();
            for (int i = 0; i < order.size(); i++) position.put(order.get(i), i);
            for (int i = order.size() - 1; i >= 0; i--) {
                TreeNode n = order.get(i);
                boolean regular = n.file != null && n.file.isRegularContent() && n.file.contentEntry() >= 0;
                // a file shows its own size; a directory sums what is below, a hardlinked inode once
                if (regular && inodes.add(n.file.inodeKey())) counted[i] += n.file.size();
                for (TreeNode c : n.children.values()) counted[i] += counted[position.get(c)];
                n.bytes = regular && n.children.isEmpty() ? n.file.size() : counted[i];
            }
        }

        /** Depth first, children in name order, with the branch drawing of `tree`. */
        void render(String prefix, List<String[]> rows) {
            List<PendingLine> todo = new ArrayList<>();
            pushChildren(this, prefix, todo);
            while (!todo.isEmpty()) {
                PendingLine p = todo.remove(todo.size() - 1);
                VisibleFile f = p.node().file;
                String label = p.prefix() + (p.last() ? "└── " : "├── ") + p.name()
                        + (f == null ? "" : linkSuffix(f.kind(), f.linkTarget()));
                rows.add(attributes(p.node(), label));
                pushChildren(p.node(), p.prefix() + (p.last() ? "    " : "│   "), todo);
            }
        }

        private static void pushChildren(TreeNode n, String prefix, List<PendingLine> todo) {
            List<Map.Entry<String, TreeNode>> kids = new ArrayList<>(n.children.entrySet());
            for (int i = kids.size() - 1; i >= 0; i--) {
                todo.add(new PendingLine(kids.get(i).getValue(), kids.get(i).getKey(), prefix, i == kids.size() - 1));
            }
        }
    }

    private record PendingLine(TreeNode node, String name, String prefix, boolean last) {
    }

    private static String owner(long uid, long gid) {
        return uid + ":" + gid;
    }

    private static String pathWithLink(ImagePath path, EntryKind kind, Optional<String> target) {
        return path.absolute() + linkSuffix(kind, target);
    }

    private static String linkSuffix(EntryKind kind, Optional<String> target) {
        if (target.isEmpty()) return "";
        return kind == EntryKind.HARDLINK ? " link to /" + target.get() : " -> " + target.get();
    }
}
