package io.strata.cli;

import io.strata.analysis.files.DeletedVersion;
import io.strata.analysis.files.DeletedVersions;
import io.strata.analysis.files.FileFilter;
import io.strata.analysis.files.HardlinkGroups;
import io.strata.analysis.files.LayerChange;
import io.strata.analysis.files.LayerChanges;
import io.strata.analysis.files.OwnerSummary;
import io.strata.model.ImagePath;
import io.strata.report.FilesWriter;
import io.strata.report.JsonOutput;
import io.strata.tree.VisibleFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

@Command(name = "files", description = "The merged filesystem: type, mode, owner, size and the layer that wrote each path.")
public class FilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE")
    String archive;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "Only this path and what is below it.")
    String path;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Option(names = "--tree", description = "Show the files as a tree (directory sizes sum what is listed below).")
    boolean tree;

    @Option(names = "--layer", paramLabel = "N", description = "What layer N added, modified or deleted.")
    Integer layer;

    @Option(names = "--deleted", description = "Every hidden version: deleted or overwritten, its bytes still stored in a lower layer.")
    boolean deleted;

    @Option(names = "--setuid", description = "Only files with the setuid or setgid bit.")
    boolean setuid;

    @Option(names = "--world-writable", description = "Only paths anyone may write (symlinks excluded).")
    boolean worldWritable;

    @Option(names = "--uid", paramLabel = "N", description = "Only paths owned by this uid.")
    Long uid;

    @Option(names = "--gid", paramLabel = "N", description = "Only paths owned by this gid.")
    Long gid;

    @Option(names = "--owners", description = "Print the per-owner (uid:gid) summary of files and bytes instead of the list.")
    boolean owners;

    @Override
    public Integer call() throws Exception {
        int modes = (tree ? 1 : 0) + (layer != null ? 1 : 0) + (deleted ? 1 : 0) + (owners ? 1 : 0);
        if (modes > 1) throw new UsageException("choose one of --tree, --layer, --deleted, --owners");
        FileFilter filter = new FileFilter(pathFilter(), setuid, worldWritable, id(uid, "--uid"), id(gid, "--gid"));
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = new Workspace(input)) {
            MergedImage m = MergedImage.open(ws, archive);
            if (layer != null) return changes(m, filter, out);
            if (deleted) return deleted(m, filter, out);
            List<VisibleFile> all = m.tree().visible();
            List<VisibleFile> files = all.stream().filter(filter::matches).toList();
            requireFound(files.isEmpty(), m, "in the merged filesystem");
            var summary = OwnerSummary.of(files);
            if (format.json()) {
                JsonOutput.write(FilesWriter.json(m.name(), files, new HardlinkGroups(all), summary,
                        m.tree().allFindings()), out);
            } else if (owners) {
                FilesWriter.ownersText(summary, out);
            } else if (tree) {
                FilesWriter.tree(filter.under().orElse(ImagePath.ROOT), files, out);
            } else {
                FilesWriter.text(files, out);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private int changes(MergedImage m, FileFilter filter, PrintWriter out) throws UsageException {
        int count = m.tree().layers().size();
        if (layer < 0 || layer >= count) {
            throw new UsageException("--layer " + layer + ": " + m.name() + " has layers 0.." + (count - 1));
        }
        List<LayerChange> changes = LayerChanges.of(m.tree().layers(), layer).stream()
                .filter(c -> filter.matches(c.shown())).toList();
        Optional<String> step = m.createdBy().get(layer);
        if (format.json()) JsonOutput.write(FilesWriter.changesJson(m.name(), layer, step, changes), out);
        else FilesWriter.changesText(layer, step, changes, out);
        out.flush();
        return ExitCodes.OK;
    }

    private int deleted(MergedImage m, FileFilter filter, PrintWriter out) throws UsageException {
        List<DeletedVersion> hidden = DeletedVersions.of(m.tree(), filter);
        if (path != null) requireFound(hidden.isEmpty(), m, "among the hidden versions");
        if (format.json()) JsonOutput.write(FilesWriter.deletedJson(m.name(), hidden), out);
        else FilesWriter.deletedText(hidden, out);
        out.flush();
        return ExitCodes.OK;
    }

    /** A PATH that matches nothing is a usage error, like `ls` of a missing file; an empty filter result is not. */
    private void requireFound(boolean none, MergedImage m, String where) throws UsageException {
        if (none && path != null && m.tree().lookup(path).isEmpty()) {
            throw new UsageException(archive + ": " + pathFilter().map(ImagePath::absolute).orElse(path)
                    + " is not " + where + " of " + m.name());
        }
    }

    private Optional<ImagePath> pathFilter() throws UsageException {
        if (path == null) return Optional.empty();
        Optional<ImagePath> p = ImagePath.normalise(path);
        if (p.isEmpty()) throw new UsageException("PATH '" + path + "' climbs out of the root");
        return p.get().isRoot() ? Optional.empty() : p;
    }

    private static OptionalInt id(Long value, String option) throws UsageException {
        if (value == null) return OptionalInt.empty();
        if (value < 0 || value > 0xffffffffL) throw new UsageException(option + " " + value + ": not a valid id");
        return OptionalInt.of((int) (long) value);
    }
}
