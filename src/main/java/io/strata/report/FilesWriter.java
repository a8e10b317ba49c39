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
import io.strata.tree.VisibleFile;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * `strata files` output, one writer per result: the listing of the merged view (this record: as a list, a tree or
 * per-owner totals), what one layer changed ({@link LayerChangesWriter}) and the hidden versions
 * ({@link DeletedWriter}).
 *
 * <p>Components: {@code view}: how text shows the listing (JSON always holds the files and the totals);
 * {@code noTrunc}: paths uncut in text.
 */
public record FilesWriter(View view, boolean noTrunc) implements ResultWriter<FilesWriter.Listing> {
    /** The listing's text: `ls -l`-like rows, a tree (--tree), or files and bytes per owner and package (--owners). */
    public enum View { LIST, TREE, OWNERS }

    /**
     * files' result: the listed files of one image (those under {@code top} that the filters kept), their per-owner
     * totals, the package owning each path ("deb/libc6", null for none) and the findings of the tree and the package
     * inventory; {@code visible} is every visible file of the image, whose shared inodes give the JSON link counts.
     */
    public record Listing(String image, ImagePath top, List<VisibleFile> files, List<VisibleFile> visible,
                          List<OwnerTotal> owners, Function<VisibleFile, String> packageOf, List<Finding> findings) {
    }

    /** files --layer N's result: what layer N of one image added, modified or deleted, and its history step. */
    public record LayerChanges(String image, int layer, Optional<String> createdBy, List<LayerChange> changes) {
    }

    /** files --deleted's result: every version of one image hidden by a later layer, its bytes still stored. */
    public record Deleted(String image, List<DeletedVersion> versions) {
    }

    /**
     * The listing with each file's owning package ("deb/libc6", null for none) and, beside the per-owner totals,
     * files and bytes per package and what no package owns.
     */
    @Override
    public Map<String, Object> json(Listing result) {
        HardlinkGroups links = new HardlinkGroups(result.visible());
        Function<VisibleFile, String> packageOf = result.packageOf();
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", result.image());
        doc.put("files", JsonOutput.lazyArray(result.files(), f -> {
            Map<String, Object> m = fileJson(f, links.nlink(f));
            m.put("package", packageOf.apply(f));
            return m;
        }));
        doc.put("owners", ownersJson(result.owners()));
        PackageTotals totals = PackageTotals.of(result.files(), packageOf);
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
        doc.put("findings", result.findings().stream().map(FindingsJson::of).toList());
        return doc;
    }

    @Override
    public void text(Listing result, PrintWriter out) {
        switch (view) {
            case LIST -> list(result.files(), result.packageOf(), noTrunc, out);
            case TREE -> tree(result.top(), result.files(), noTrunc, out);
            case OWNERS -> owners(result.owners(), result.files(), result.packageOf(), out);
        }
    }

    /** files --layer N: a count line, then one row per changed path. Components: {@code noTrunc}: paths uncut. */
    public record LayerChangesWriter(boolean noTrunc) implements ResultWriter<LayerChanges> {
        @Override
        public Map<String, Object> json(LayerChanges result) {
            Map<String, Object> doc = JsonOutput.document();
            doc.put("image", result.image());
            doc.put("layer", result.layer());
            doc.put("createdBy", result.createdBy().orElse(null));
            List<Object> rows = new ArrayList<>();
            for (LayerChange c : result.changes()) {
                Map<String, Object> m = JsonOutput.object();
                m.put("change", c.change().label());
                m.putAll(fileJson(c.shown(), 0));
                m.remove("nlink");
                rows.add(m);
            }
            doc.put("files", rows);
            return doc;
        }

        @Override
        public void text(LayerChanges result, PrintWriter out) {
            long[] counts = new long[LayerChange.Change.values().length];
            for (LayerChange c : result.changes()) counts[c.change().ordinal()]++;
            out.printf("Layer %d%s: %d added, %d modified, %d deleted%n", result.layer(),
                    result.createdBy().map(s -> " (" + InspectWriter.ellipsis(s.replace('\t', ' '), 60) + ")").orElse(""),
                    counts[0], counts[1], counts[2]);
            TextTable t = new TextTable("CHANGE", "MODE", "UID:GID", "SIZE", "PATH").rightAlign(3).fitPath(4, 10, 0)
                    .noTrunc(noTrunc);
            for (LayerChange c : result.changes()) {
                VisibleFile f = c.shown();
                t.row(c.change().label(), FileModeText.ls(f.kind(), f.mode()), owner(f.uid(), f.gid()),
                        Sizes.human(f.size()), pathWithLink(f.path(), f.kind(), f.linkTarget()));
            }
            t.print(out);
        }
    }

    /** files --deleted: one row per hidden version, then their count and bytes. Components: {@code noTrunc}. */
    public record DeletedWriter(boolean noTrunc) implements ResultWriter<Deleted> {
        @Override
        public Map<String, Object> json(Deleted result) {
            Map<String, Object> doc = JsonOutput.document();
            doc.put("image", result.image());
            List<Object> rows = new ArrayList<>();
            for (DeletedVersion d : result.versions()) {
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

        @Override
        public void text(Deleted result, PrintWriter out) {
            TextTable t = new TextTable("MODE", "UID:GID", "SIZE", "LAYER", "HIDDEN BY", "REASON", "PATH")
                    .rightAlign(2).rightAlign(3).rightAlign(4).fitPath(6, 8, 0).noTrunc(noTrunc);
            long bytes = 0;
            for (DeletedVersion d : result.versions()) {
                FileEntry e = d.entry();
                t.row(FileModeText.ls(e.kind(), e.mode()), owner(e.uid(), e.gid()), Sizes.human(e.size()), e.layer(),
                        d.hiddenBy(), d.reason().label(), pathWithLink(e.path(), e.kind(), e.linkTarget()));
                if (e.kind() == EntryKind.FILE) bytes += e.size();
            }
            t.print(out);
            out.printf("%d hidden versions, %s of regular files still stored in the archive%n",
                    result.versions().size(), Sizes.human(bytes));
        }
    }

    // ---- JSON pieces ------------------------------------------------------------------------------------

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

    private static Map<String, Object> fileJson(VisibleFile f, int nlink) {
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

    // ---- the listing's text views -----------------------------------------------------------------------

    /** `ls -l`-like: MODE, UID:GID, SIZE, LAYER, PACKAGE ("-" for none), PATH (with "-> target" or "link to /target"). */
    private static void list(List<VisibleFile> files, Function<VisibleFile, String> packageOf, boolean noTrunc,
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

    /** The per-owner (uid:gid) table, then files and bytes per package and the bytes no package owns. */
    private static void owners(List<OwnerTotal> owners, List<VisibleFile> files,
                               Function<VisibleFile, String> packageOf, PrintWriter out) {
        TextTable byOwner = new TextTable("UID:GID", "FILES", "SIZE").rightAlign(1).rightAlign(2);
        for (OwnerTotal o : owners) byOwner.row(owner(o.uid(), o.gid()), o.files(), Sizes.human(o.bytes()));
        byOwner.print(out);
        PackageTotals totals = PackageTotals.of(files, packageOf);
        out.println();
        TextTable t = new TextTable("PACKAGE", "FILES", "SIZE").rightAlign(1).rightAlign(2);
        totals.perPackage().forEach((name, v) -> t.row(name, v[0], Sizes.human(v[1])));
        t.row("(no package)", totals.unowned()[0], Sizes.human(totals.unowned()[1]));
        t.print(out);
    }

    /**
     * The files as a tree under {@code top}, each line with its attributes; a directory's size is the bytes of
     * the listed regular files below it (a hardlinked inode once).
     */
    private static void tree(ImagePath top, List<VisibleFile> files, boolean noTrunc, PrintWriter out) {
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
