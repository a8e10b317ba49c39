package io.strata.report;

import io.strata.diff.AlignedLayer;
import io.strata.diff.ConfigChange;
import io.strata.diff.ConfigDiff;
import io.strata.diff.ConfigValue;
import io.strata.diff.FileChange;
import io.strata.diff.FolderTotal;
import io.strata.diff.FileDiff;
import io.strata.diff.FileState;
import io.strata.diff.HistoryAlignment;
import io.strata.diff.HistoryStep;
import io.strata.diff.ImageDiff;
import io.strata.diff.LayerAlignment;
import io.strata.diff.Removal;
import io.strata.diff.Section;
import io.strata.layer.EntryKind;
import io.strata.model.Healthcheck;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * `strata diff`: a summary line first, then the two sides, notes, and one section each for config, layers,
 * history, packages and files. Lists are sorted (files by path) and capped at {@code limit} rows when limit > 0.
 * The JSON document is {@link DiffJson}'s.
 *
 * <p>Components: {@code stat}: the summary only, without the lists (--stat); {@code limit}: rows per list, 0 for all
 * (text and JSON); {@code noTrunc}: digests and history steps uncut in text.
 */
public record DiffWriter(boolean stat, int limit, boolean noTrunc) implements ResultWriter<ImageDiff> {
    private static final int STEP_WIDTH = 60;

    @Override
    public Map<String, Object> json(ImageDiff d) {
        return DiffJson.document(d, stat, limit);
    }

    @Override
    public void text(ImageDiff d, PrintWriter out) {
        out.println(summary(d));
        out.println("A: " + side(d.a()));
        out.println("B: " + side(d.b()));
        for (String note : d.notes()) out.println("note: " + note);
        if (stat) return;
        d.config().filter(c -> !c.identical()).ifPresent(c -> config(c, this, out));
        d.layers().ifPresent(l -> {
            if (l.identical()) {
                out.printf("%nLAYERS: the same %d %s on both sides (%s)%n", l.common().size(),
                        plural(l.common().size(), "layer"), Sizes.human(sum(l.common())));
            } else {
                layers(l, this, out);
            }
        });
        d.history().filter(h -> !h.identical()).ifPresent(h -> history(h, this, out));
        d.packages().filter(p -> !p.identical()).ifPresent(p -> DiffPackagesText.section(p, this, out));
        d.files().filter(f -> !f.identical()).ifPresent(f -> {
            files(f, this, out);
            if (d.layers().isEmpty()) legend(f, this, out);
        });
    }

    /** One line: file counts and bytes, then the other sections' counts; or "identical" and what was compared. */
    static String summary(ImageDiff d) {
        String compared = d.options().sections().stream().map(Section::label).collect(Collectors.joining(", "));
        String rules = d.options().timestamps() ? "" : ", timestamps ignored";
        if (!d.options().ignore().isEmpty()) rules += ", ignoring " + String.join(" ", d.options().ignore().patterns());
        if (d.identical()) return "identical (compared: " + compared + rules + ")";
        List<String> parts = new ArrayList<>();
        d.files().ifPresent(f -> parts.add(f.count(FileChange.Kind.ADDED) + " added, "
                + f.count(FileChange.Kind.REMOVED) + " removed, " + f.count(FileChange.Kind.MODIFIED) + " modified, "
                + f.count(FileChange.Kind.METADATA) + " metadata-only (+" + Sizes.human(f.bytesAdded()) + " -"
                + Sizes.human(f.bytesRemoved()) + ")"));
        d.packages().ifPresent(p -> parts.add(DiffPackagesText.summary(p)));
        d.config().ifPresent(c -> parts.add(c.changes().size() + " config " + plural(c.changes().size(), "change")));
        d.layers().ifPresent(l -> parts.add("layers: " + l.common().size() + " common, " + l.onlyInA().size()
                + " only in A, " + l.onlyInB().size() + " only in B"));
        d.history().ifPresent(h -> parts.add("history: " + h.common() + " common, " + h.onlyInA().size()
                + " only in A, " + h.onlyInB().size() + " only in B"));
        return String.join("; ", parts) + " (" + compared.replace(", ", "/") + rules + ")";
    }

    private static String side(ImageDiff.Side s) {
        return s.archive() + "  " + s.image().displayName() + "  " + s.image().platform() + "  config "
                + s.image().configDigest().shortHex();
    }

    private static void config(ConfigDiff c, DiffWriter o, PrintWriter out) {
        out.println();
        out.println("CONFIG (" + c.changes().size() + " " + plural(c.changes().size(), "change") + ")");
        TextTable t = new TextTable("CHANGE", "FIELD", "KEY", "A", "B");
        List<ConfigChange> shown = capped(c.changes(), o.limit());
        for (ConfigChange ch : shown) {
            t.row(ch.kind().label(), ch.field(), ch.key().orElse(""), ch.before().map(DiffWriter::value).orElse("-"),
                    ch.after().map(DiffWriter::value).orElse("-"));
        }
        t.print(out);
        more(c.changes().size() - shown.size(), out);
    }

    private static void layers(LayerAlignment l, DiffWriter o, PrintWriter out) {
        out.println();
        long base = l.common().stream().mapToLong(AlignedLayer::contentBytes).sum();
        out.println("LAYERS (common base: " + l.common().size() + " " + plural(l.common().size(), "layer") + ", "
                + Sizes.human(base) + "; only in A: " + l.onlyInA().size() + ", " + Sizes.human(sum(l.onlyInA()))
                + "; only in B: " + l.onlyInB().size() + ", " + Sizes.human(sum(l.onlyInB())) + ")");
        TextTable t = new TextTable("", "A", "B", "DIFF ID", "SIZE", "CREATED BY").rightAlign(4);
        for (AlignedLayer a : l.common()) layerRow(t, "=", Optional.of(a.index()), Optional.of(a.index()), a, o);
        List<AlignedLayer> onlyA = capped(l.onlyInA(), o.limit());
        List<AlignedLayer> onlyB = capped(l.onlyInB(), o.limit());
        for (AlignedLayer a : onlyA) layerRow(t, "-", Optional.of(a.index()), a.otherIndex(), a, o);
        for (AlignedLayer b : onlyB) layerRow(t, "+", b.otherIndex(), Optional.of(b.index()), b, o);
        t.print(out);
        more(l.onlyInA().size() + l.onlyInB().size() - onlyA.size() - onlyB.size(), out);
        if (l.onlyInA().stream().anyMatch(a -> a.otherIndex().isPresent())) {
            out.println("(a layer marked - or + with both positions is in both images, at different places)");
        }
    }

    private static void layerRow(TextTable t, String mark, Optional<Integer> a, Optional<Integer> b, AlignedLayer l,
                                 DiffWriter o) {
        t.row(mark, a.map(String::valueOf).orElse(""), b.map(String::valueOf).orElse(""),
                o.noTrunc() ? l.diffId().toString() : l.diffId().shortHex(), Sizes.human(l.contentBytes()),
                step(l.createdBy(), o));
    }

    private static void history(HistoryAlignment h, DiffWriter o, PrintWriter out) {
        out.println();
        out.println("HISTORY (" + h.common() + " common " + plural(h.common(), "step") + "; only in A: "
                + h.onlyInA().size() + "; only in B: " + h.onlyInB().size() + ")");
        TextTable t = new TextTable("", "A", "B", "CREATED BY");
        List<HistoryAlignment.Edit> shown = capped(h.edits(), o.limit());
        for (HistoryAlignment.Edit e : shown) {
            HistoryStep s = e.step();
            if (e.inA()) t.row("-", s.index(), "", historyText(s, o));
            else t.row("+", "", s.index(), historyText(s, o));
        }
        t.print(out);
        more(h.edits().size() - shown.size(), out);
    }

    private static String historyText(HistoryStep s, DiffWriter o) {
        String text = step(s.entry().createdBy().or(() -> s.entry().comment()), o);
        return s.entry().emptyLayer() ? text + "  (no layer)" : text;
    }

    private static void files(FileDiff f, DiffWriter o, PrintWriter out) {
        if (f.packages().isPresent()) {
            DiffPackagesText.groupedFiles(f, f.packages().get(), o, out);
            return;
        }
        f.folders().ifPresent(folders -> folders(folders, out));
        out.println();
        out.println("FILES (" + f.changes().size() + " " + plural(f.changes().size(), "path") + ")");
        TextTable t = filesTable();
        List<FileChange> shown = capped(f.changes(), o.limit());
        Map<String, FolderTotal> byFolder = new TreeMap<>();
        f.folders().ifPresent(folders -> folders.forEach(x -> byFolder.put(x.folder(), x)));
        String current = null;
        for (FileChange c : shown) {
            if (!byFolder.isEmpty()) {
                // rows are sorted by path, so each top folder's rows follow its heading
                boolean dir = c.after().or(c::before).map(s -> s.kind() == io.strata.layer.EntryKind.DIR).orElse(false);
                String folder = FolderTotal.of(c.path().relative(), dir);
                if (!folder.equals(current)) {
                    current = folder;
                    FolderTotal x = byFolder.get(folder);
                    t.row("", folder + "/", "", x == null ? "" : delta(x.bytesDelta()), "", "",
                            x == null ? "" : x.paths() + " " + plural(x.paths(), "path"));
                }
            }
            fileRow(t, c);
        }
        t.print(out);
        more(f.changes().size() - shown.size(), out);
        out.println(FILES_LEGEND);
    }

    static final String FILES_LEGEND = "(A, B: the layer that wrote the path on each side; for a removed path, B's layer that removed it)";

    static TextTable filesTable() {
        return new TextTable("CHANGE", "PATH", "SIZE", "DELTA", "A", "B", "DETAIL").rightAlign(2).rightAlign(3);
    }

    static void fileRow(TextTable t, FileChange c) {
        t.row(c.kind().label(), c.path().absolute(), sizes(c), delta(c.sizeDelta()),
                c.before().map(s -> String.valueOf(s.layer())).orElse(""),
                c.after().map(s -> String.valueOf(s.layer()))
                        .or(() -> c.removedBy().flatMap(Removal::layer).map(String::valueOf)).orElse(""),
                detail(c));
    }

    /** The per-folder totals: counts, squashed bytes on each side, and their change, with the sum last. */
    private static void folders(List<FolderTotal> folders, PrintWriter out) {
        out.println();
        out.println("FOLDERS (squashed bytes: regular files, an inode once, and symlink targets)");
        DiffGroupRow.table("FOLDER", folders.stream().map(DiffGroupRow::of).toList(), out);
    }

    /** Without the LAYERS section, the history steps of the layers the file rows point at. */
    private static void legend(FileDiff f, DiffWriter o, PrintWriter out) {
        Map<Integer, Optional<String>> stepsA = new TreeMap<>();
        Map<Integer, Optional<String>> stepsB = new TreeMap<>();
        for (FileChange c : capped(f.changes(), o.limit())) {
            c.before().ifPresent(s -> stepsA.put(s.layer(), s.createdBy()));
            c.after().ifPresent(s -> stepsB.put(s.layer(), s.createdBy()));
            c.removedBy().ifPresent(r -> r.layer().ifPresent(l -> stepsB.put(l, r.createdBy())));
        }
        out.println("layers:");
        stepsA.forEach((layer, step) -> out.println("  A" + layer + "  " + step(step, o)));
        stepsB.forEach((layer, step) -> out.println("  B" + layer + "  " + step(step, o)));
    }

    private static String sizes(FileChange c) {
        if (c.before().isPresent() && c.after().isPresent() && c.before().get().size() != c.after().get().size()) {
            return Sizes.human(c.before().get().size()) + " -> " + Sizes.human(c.after().get().size());
        }
        return Sizes.human(c.after().or(c::before).map(FileState::size).orElse(0L));
    }

    static String delta(long d) {
        return d > 0 ? "+" + Sizes.human(d) : d < 0 ? "-" + Sizes.human(-d) : "0B";
    }

    /** What differs, "field a -> b"; for an added or removed path its type when it is not a plain file. */
    static String detail(FileChange c) {
        if (c.before().isEmpty() || c.after().isEmpty()) {
            FileState s = c.after().or(c::before).orElseThrow();
            String type = s.kind() == EntryKind.FILE ? "" : s.kind().label() + s.linkTarget().map(t -> " -> " + t).orElse("");
            String how = c.removedBy().map(r -> "removed: " + r.how().label()).orElse("");
            return type.isEmpty() || how.isEmpty() ? type + how : type + ", " + how;
        }
        FileState a = c.before().get();
        FileState b = c.after().get();
        List<String> parts = new ArrayList<>();
        for (FileChange.Field field : c.fields()) {
            parts.add(switch (field) {
                case CONTENT -> "content";
                case TYPE -> "type " + a.kind().label() + " -> " + b.kind().label();
                case MODE -> "mode " + octal(a.mode()) + " -> " + octal(b.mode());
                case UID -> "uid " + a.uid() + " -> " + b.uid();
                case GID -> "gid " + a.gid() + " -> " + b.gid();
                case LINK_TARGET -> "target " + a.linkTarget().orElse("") + " -> " + b.linkTarget().orElse("");
                case XATTRS -> "xattrs " + a.xattrs().keySet() + " -> " + b.xattrs().keySet();
                case MTIME -> "mtime " + Instant.ofEpochSecond(a.mtime()) + " -> " + Instant.ofEpochSecond(b.mtime());
            });
        }
        return String.join(", ", parts);
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }

    static String value(ConfigValue v) {
        if (v instanceof ConfigValue.Text t) return t.value();
        if (v instanceof ConfigValue.Words w) return words(w.values());
        Healthcheck h = ((ConfigValue.Check) v).healthcheck();
        StringBuilder sb = new StringBuilder(words(h.test()));
        h.intervalNanos().ifPresent(n -> sb.append(" interval=").append(java.time.Duration.ofNanos(n)));
        h.timeoutNanos().ifPresent(n -> sb.append(" timeout=").append(java.time.Duration.ofNanos(n)));
        h.startPeriodNanos().ifPresent(n -> sb.append(" start-period=").append(java.time.Duration.ofNanos(n)));
        h.retries().ifPresent(n -> sb.append(" retries=").append(n));
        return sb.toString();
    }

    /** A word list as the config holds it, on one line: ["/bin/sh", "-c", "echo hi"]. */
    private static String words(List<String> words) {
        return words.stream().map(JsonOutput::toJson).collect(Collectors.joining(", ", "[", "]"));
    }

    static String step(Optional<String> createdBy, DiffWriter o) {
        String s = createdBy.orElse("").replace('\t', ' ').replace('\n', ' ');
        return o.noTrunc() ? s : InspectWriter.ellipsis(s, STEP_WIDTH);
    }

    private static long sum(List<AlignedLayer> layers) {
        return layers.stream().mapToLong(AlignedLayer::contentBytes).sum();
    }

    static <T> List<T> capped(List<T> list, int limit) {
        return limit > 0 && list.size() > limit ? list.subList(0, limit) : list;
    }

    static void more(int omitted, PrintWriter out) {
        if (omitted > 0) out.println("... " + omitted + " more (--limit 0 shows all)");
    }

    static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }
}
