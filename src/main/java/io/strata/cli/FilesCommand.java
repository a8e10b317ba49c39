package io.strata.cli;

import java.util.function.Function;
import java.util.ArrayList;
import io.strata.packages.Inventory;
import io.strata.packages.InstalledPackage;
import io.strata.model.Finding;
import io.strata.session.AnalysedImage;
import io.strata.report.SetWriter;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.analysis.files.DeletedVersion;
import io.strata.analysis.files.DeletedVersions;
import io.strata.analysis.files.FileFilter;
import io.strata.analysis.files.LayerChange;
import io.strata.analysis.files.LayerChanges;
import io.strata.analysis.files.OwnerSummary;
import io.strata.model.ImagePath;
import io.strata.report.FilesWriter;
import io.strata.tree.VisibleFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

@Command(name = "files", mixinStandardHelpOptions = true,
        description = "The merged filesystem: type, mode, owner, size and the layer that wrote each path; of one image or a set.")
public class FilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = {"Saved image(s), or a folder of them; several form one set.",
            "ARCHIVE PATH (exactly two, no --path): PATH is a path in the image, only it and what is below it are listed."})
    List<String> args;

    @Option(names = "--path", paramLabel = "PATH", description = "Only this path and what is below it; every argument is then an archive.")
    String pathOption;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Option(names = "--no-trunc", description = "Do not cut paths to fit the terminal's width.")
    boolean noTrunc;

    @Mixin
    AllImagesOption all;

    /** The in-image path asked for: --path, or the second of exactly two arguments (the one-archive form). */
    private String path;

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

    @Option(names = "--owners", description = "Print the per-owner (uid:gid) and per-package summaries of files and bytes instead of the list.")
    boolean owners;

    @Option(names = "--package", paramLabel = "NAME", description = "Only the files this package owns (NAME, or ECOSYSTEM/NAME such as deb/libc6).")
    String packageName;

    @Override
    public Integer call() throws Exception {
        int modes = (tree ? 1 : 0) + (layer != null ? 1 : 0) + (deleted ? 1 : 0) + (owners ? 1 : 0);
        if (modes > 1) throw new UsageException("choose one of --tree, --layer, --deleted, --owners");
        List<String> archives = archivesAndPath();
        FileFilter filter = new FileFilter(pathFilter(), setuid, worldWritable, id(uid, "--uid"), id(gid, "--gid"));
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = new Workspace(input.options())) {
            return SetRunner.analysed(ws, archives, all.allImages, new SetWriter(format.json(), out,
                    spec.commandLine().getErr()), (image, report) -> list(image, filter, report));
        } finally {
            out.flush();
        }
    }

    /** The archives named: every argument, except the PATH of the one-archive form {@code files ARCHIVE PATH}. */
    private List<String> archivesAndPath() {
        if (pathOption != null) {
            path = pathOption;
            return args;
        }
        if (args.size() == 2) {
            path = args.get(1);
            return args.subList(0, 1);
        }
        return args;
    }

    private int list(AnalysedImage m, FileFilter filter, SetRunner.Report report) throws UsageException {
        if (layer != null) return changes(m, filter, report);
        if (deleted) return deleted(m, filter, report);
        List<VisibleFile> every = m.tree().visible();
        Inventory inventory = m.packages();
        Function<VisibleFile, String> packageOf = f -> inventory.ownerOf(f.path().relative())
                .map(InstalledPackage::label).orElse(null);
        List<VisibleFile> files = every.stream().filter(filter::matches).filter(f -> ownedAsAsked(packageOf.apply(f)))
                .toList();
        requireFound(files.isEmpty(), m, "in the merged filesystem");
        if (packageName != null && files.isEmpty()) {
            throw new UsageException("no visible file of " + m.name() + " belongs to a package named " + packageName
                    + " (see `strata packages`)");
        }
        List<Finding> findings = new ArrayList<>(m.tree().allFindings());
        findings.addAll(inventory.findings());
        FilesWriter.View view = owners ? FilesWriter.View.OWNERS : tree ? FilesWriter.View.TREE : FilesWriter.View.LIST;
        new FilesWriter(view, noTrunc).write(new FilesWriter.Listing(m.name(), filter.under().orElse(ImagePath.ROOT),
                files, every, OwnerSummary.of(files), packageOf, findings), format.json(), report);
        return ExitCodes.OK;
    }

    /** --package NAME matches "deb/NAME" or the label itself ("deb/libc6"). */
    private boolean ownedAsAsked(String label) {
        if (packageName == null) return true;
        if (label == null) return false;
        return label.equals(packageName) || label.substring(label.indexOf('/') + 1).equals(packageName);
    }

    private int changes(AnalysedImage m, FileFilter filter, SetRunner.Report report) throws UsageException {
        int count = m.layers().size();
        if (layer < 0 || layer >= count) {
            throw new UsageException("--layer " + layer + ": " + m.name() + " has layers 0.." + (count - 1));
        }
        List<LayerChange> changes = LayerChanges.of(m.stack(), layer).stream()
                .filter(c -> filter.matches(c.shown())).toList();
        Optional<String> step = m.createdBy().get(layer);
        new FilesWriter.LayerChangesWriter(noTrunc).write(new FilesWriter.LayerChanges(m.name(), layer, step, changes),
                format.json(), report);
        return ExitCodes.OK;
    }

    private int deleted(AnalysedImage m, FileFilter filter, SetRunner.Report report) throws UsageException {
        List<DeletedVersion> hidden = DeletedVersions.of(m.tree(), filter);
        if (path != null) requireFound(hidden.isEmpty(), m, "among the hidden versions");
        new FilesWriter.DeletedWriter(noTrunc).write(new FilesWriter.Deleted(m.name(), hidden), format.json(), report);
        return ExitCodes.OK;
    }

    /** A PATH that matches nothing is a usage error, like `ls` of a missing file; an empty filter result is not. */
    private void requireFound(boolean none, AnalysedImage m, String where) throws UsageException {
        if (none && path != null && m.tree().lookup(path).isEmpty()) {
            // `files A.tar B.tar` reads B.tar as PATH (the one-archive form); say how to name two archives
            String hint = pathOption == null && isHostFile(path)
                    ? " (to list several archives, give the path with --path, e.g. --path /)" : "";
            throw new UsageException(m.archive().label() + ": " + pathFilter().map(ImagePath::absolute).orElse(path)
                    + " is not " + where + " of " + m.name() + hint);
        }
    }

    private static boolean isHostFile(String name) {
        try {
            return Files.isRegularFile(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private Optional<ImagePath> pathFilter() throws UsageException {
        if (path == null) return Optional.empty();
        Optional<ImagePath> p = ImagePath.normalise(path);
        if (p.isEmpty()) throw new UsageException("PATH '" + path + "' climbs out of the root");
        return p.get().isRoot() ? Optional.empty() : p;
    }

    private static OptionalLong id(Long value, String option) throws UsageException {
        if (value == null) return OptionalLong.empty();
        // wider than 32 bits is allowed: an archive can claim such an id, and it is shown as claimed
        if (value < 0) throw new UsageException(option + " " + value + ": not a valid id");
        return OptionalLong.of(value);
    }
}
