package io.strata.cli;

import io.strata.session.Workspace;
import io.strata.session.DiffSession;
import io.strata.session.ExitCodes;
import io.strata.diff.DiffOptions;
import io.strata.diff.ImageDiff;
import io.strata.diff.PathPatterns;
import io.strata.diff.Section;
import io.strata.model.Platform;
import io.strata.report.DiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true, description = {
        "Forensic diff of two images: config, build history, layers and the files of the merged filesystems.",
        "Sides: two archives (A B), one archive twice as A.tar#REF A.tar#REF, or one archive with --image-a/--image-b.",
        "Exit 0 when identical under the chosen rules, 1 when they differ, 2 on bad input."})
public class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A[#REF]",
            description = "Side A: an archive, or ARCHIVE#REF to pick the image by tag, digest prefix or position.")
    String targetA;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B[#REF]",
            description = "Side B; without it, both sides come from A's archive, picked with --image-a/--image-b.")
    String targetB;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Option(names = "--image-a", paramLabel = "REF", description = "Image of side A (instead of ARCHIVE#REF).")
    String imageA;

    @Option(names = "--image-b", paramLabel = "REF", description = "Image of side B.")
    String imageB;

    @Option(names = "--platform-a", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform of side A (default: --platform).")
    String platformA;

    @Option(names = "--platform-b", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform of side B (default: --platform).")
    String platformB;

    @Option(names = "--timestamps", description = "Also compare file mtimes and the created times of config and history.")
    boolean timestamps;

    @Option(names = "--ignore-timestamps", description = "Ignore file mtimes and created times (the default).")
    boolean ignoreTimestamps;

    @Option(names = "--ignore", paramLabel = "PATTERN",
            description = "Leave out paths matching this glob (repeatable): * and ? within a segment, ** across, e.g. '/var/log/**', '*.pyc'.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--only", paramLabel = "SECTION", split = ",",
            description = "Compare only these sections (repeatable or comma-separated): config, history, layers, packages, files.")
    List<String> only = new ArrayList<>();

    @Option(names = "--stat", description = "Counts and bytes only: the summary, without the lists.")
    boolean stat;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Show at most N rows per list; 0 shows all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--verify-shared", description = "Read side B's layers even where they claim a diffId side A "
            + "has, so a layer whose bytes do not match its claim shows as different (slower: no shared scan).")
    boolean verifyShared;

    @Option(names = "--by", paramLabel = "folder|package",
            description = "Group the file rows under their top folders or their owning packages (one group for the "
                    + "files no package owns), each with its counts and its share of the squashed bytes on both "
                    + "sides (the deltas add up to the change in squashed bytes).")
    String by;

    @Option(names = "--no-trunc", description = "Do not truncate digests and history steps.")
    boolean noTrunc;

    @Override
    public Integer call() throws Exception {
        DiffOptions options = options();
        List<DiffSession.Choice> sides = sides();
        PrintWriter out = spec.commandLine().getOut();
        // --verify-shared reads B's own bytes: neither A's scans nor the layer cache may stand in for them
        try (Workspace ws = new Workspace(input.options()); Workspace wsB = Workspace.uncached(input.options())) {
            // one archive named twice holds each blob once: there is nothing to verify
            boolean ownB = verifyShared && !sides.get(0).archive().equals(sides.get(1).archive());
            ImageDiff diff = DiffSession.run(ws, ownB ? Optional.of(wsB) : Optional.empty(), sides.get(0),
                    sides.get(1), options);
            new DiffWriter(stat, limit, noTrunc).write(diff, format.json(), IntegrityFindings.of(ws, wsB), out);
            out.flush();
            return diff.identical() ? ExitCodes.OK : ExitCodes.FOUND;
        }
    }

    DiffOptions options() throws UsageException {
        if (timestamps && ignoreTimestamps) throw new UsageException("--timestamps and --ignore-timestamps contradict each other");
        if (limit < 0) throw new UsageException("--limit must be 0 (all) or more, not " + limit);
        Set<Section> sections = EnumSet.noneOf(Section.class);
        for (String s : only) {
            sections.add(Section.parse(s).orElseThrow(() -> new UsageException(
                    "--only takes config, history, layers, packages or files, not '" + s + "'")));
        }
        DiffOptions.GroupBy groupBy = DiffOptions.GroupBy.NONE;
        if (by != null) {
            groupBy = switch (by.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "folder" -> DiffOptions.GroupBy.FOLDER;
                case "package" -> DiffOptions.GroupBy.PACKAGE;
                default -> throw new UsageException("--by takes folder or package, not '" + by + "'");
            };
        }
        try {
            return new DiffOptions(sections, timestamps, PathPatterns.of(ignore), groupBy);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Side A and B from the arguments: ARCHIVE#REF, then --image-a/-b, then --image; --platform-a/-b, then --platform. */
    List<DiffSession.Choice> sides() throws UsageException {
        DiffTarget a = DiffTarget.parse(targetA);
        DiffTarget b = targetB != null ? DiffTarget.parse(targetB) : new DiffTarget(a.archive(), Optional.empty());
        if (targetB == null && imageA == null && imageB == null && platformA == null && platformB == null) {
            throw new UsageException("diff needs two images: give two archives, ARCHIVE#REF twice, or one archive with "
                    + "--image-a/--image-b (or --platform-a/--platform-b)");
        }
        return List.of(choice("A", a, imageA, platformA), choice("B", b, imageB, platformB));
    }

    private DiffSession.Choice choice(String side, DiffTarget t, String sideImage, String sidePlatform) throws UsageException {
        if (t.ref().isPresent() && sideImage != null) {
            throw new UsageException("side " + side + ": both " + t.archive() + "#" + t.ref().get() + " and --image-"
                    + side.toLowerCase() + " name the image; give one");
        }
        Optional<String> image = t.ref().or(() -> Optional.ofNullable(sideImage)).or(input::image);
        Optional<Platform> platform = sidePlatform == null ? input.platform() : Optional.of(parsePlatform(sidePlatform));
        return new DiffSession.Choice(t.archive(), image, platform);
    }

    private static Platform parsePlatform(String text) throws UsageException {
        try {
            return Platform.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--platform: " + e.getMessage());
        }
    }
}
