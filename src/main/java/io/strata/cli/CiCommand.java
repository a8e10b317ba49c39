package io.strata.cli;

import io.strata.session.AnalysedImage;
import io.strata.report.SetWriter;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.analysis.ci.CiConfig;
import io.strata.analysis.ci.CiConfigException;
import io.strata.analysis.ci.CiConfigParser;
import io.strata.analysis.ci.CiFacts;
import io.strata.analysis.ci.CiGates;
import io.strata.analysis.ci.GateResult;
import io.strata.analysis.waste.DiveEfficiency;
import io.strata.analysis.waste.DiveFigures;
import io.strata.diff.PathPatterns;
import io.strata.layer.LayerIndex;
import io.strata.report.CiWriter;
import io.strata.report.JUnitWriter;
import io.strata.report.JsonOutput;
import io.strata.report.SarifWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "ci", mixinStandardHelpOptions = true,
        description = "Gates on efficiency, wasted bytes, layers, size and risky modes; exit 1 when one fails (for a set: in any image).")
public class CiCommand implements Callable<Integer> {
    private static final String DEFAULT_CONFIG = ".dive-ci";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Saved image(s), or a folder of them; each image of a set is gated.")
    List<String> archives;

    @Mixin
    CiFormatOption format;

    @Mixin
    InputOptions input;

    @Mixin
    AllImagesOption all;

    @Option(names = {"--config", "--ci-config"}, paramLabel = "FILE",
            description = "Gate settings in dive's .dive-ci format (default: ./.dive-ci when it exists, else dive's defaults); --ci-config as in dive.")
    Path config;

    @Option(names = "--lowest-efficiency", paramLabel = "RATIO", description = "Fail below this efficiency (dive's figure), or 'disabled'.")
    String lowestEfficiency;

    @Option(names = "--highest-wasted-bytes", paramLabel = "SIZE", description = "Fail above this many wasted bytes (dive's figure; 20MB, 1GiB), or 'disabled'.")
    String highestWastedBytes;

    @Option(names = "--highest-user-wasted-percent", paramLabel = "RATIO", description = "Fail above this share of wasted bytes in layers 1..n (dive's figure), or 'disabled'.")
    String highestUserWastedPercent;

    @Option(names = "--max-layers", paramLabel = "N", description = "Fail with more layers than this, or 'disabled'.")
    String maxLayers;

    @Option(names = "--max-logical-bytes", paramLabel = "SIZE", description = "Fail when logicalBytes exceed this, or 'disabled'.")
    String maxLogicalBytes;

    @Option(names = "--no-setuid", description = "Fail on any regular file with setuid or setgid outside --allow-setuid.")
    boolean noSetuid;

    @Option(names = "--no-world-writable", description = "Fail on anything world-writable (not symlinks, not sticky directories) outside --allow-world-writable.")
    boolean noWorldWritable;

    @Option(names = "--allow-setuid", paramLabel = "GLOB", description = "Paths allowed to be setuid/setgid (repeatable; * in a segment, ** across).")
    List<String> allowSetuid = new ArrayList<>();

    @Option(names = "--allow-world-writable", paramLabel = "GLOB", description = "Paths allowed to be world-writable (repeatable).")
    List<String> allowWorldWritable = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CiConfig cfg = readConfig().with(overrides(), Map.of(CiConfig.ALLOW_SETUID, allowSetuid,
                CiConfig.ALLOW_WORLD_WRITABLE, allowWorldWritable));
        PathPatterns setuidAllowed = patterns(cfg, CiConfig.ALLOW_SETUID);
        PathPatterns writableAllowed = patterns(cfg, CiConfig.ALLOW_WORLD_WRITABLE);
        try {
            CiGates.validate(cfg); // the settings' own errors, once, before any layer is read
        } catch (CiConfigException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        // JUnit and SARIF are one document for the whole run: the per-image reports go nowhere, the gates are kept
        PrintWriter perImage = format.whole() ? new PrintWriter(java.io.Writer.nullWriter()) : out;
        List<JUnitWriter.Suite> suites = new ArrayList<>();
        try (Workspace ws = new Workspace(input.options())) {
            int code = SetRunner.analysed(ws, archives, all.allImages, new SetWriter(format.json() || format.whole(),
                    perImage, spec.commandLine().getErr()), (m, report) -> {
                        List<GateResult> gates = gate(m, cfg, setuidAllowed, writableAllowed, report);
                        suites.add(new JUnitWriter.Suite(m.archive().label(), m.name(), gates));
                        return CiWriter.passed(gates) ? ExitCodes.OK : ExitCodes.FOUND;
                    });
            if (format.format == CiFormatOption.Format.junit && !suites.isEmpty()) JUnitWriter.write(suites, out);
            if (format.format == CiFormatOption.Format.sarif && !suites.isEmpty()) {
                SarifWriter sarif = new SarifWriter("ci");
                for (JUnitWriter.Suite s : suites) {
                    sarif.gates(new SarifWriter.Where(s.archive(), s.image(), Optional.empty(), Optional.empty()), s.gates());
                }
                JsonOutput.write(sarif.document(), out);
            }
            return code;
        } finally {
            out.flush();
        }
    }

    private List<GateResult> gate(AnalysedImage m, CiConfig cfg, PathPatterns setuidAllowed, PathPatterns writableAllowed,
                                  SetRunner.Report report) throws UsageException {
        List<LayerIndex> layers = m.layers();
        DiveFigures dive = DiveEfficiency.compute(m.tree().paths());
        long logical = layers.stream().mapToLong(l -> l.totals().contentBytes()).sum();
        List<GateResult> gates;
        try {
            gates = CiGates.evaluate(cfg, new CiFacts(dive, layers.size(), logical, m.tree().visible()),
                    setuidAllowed::matches, writableAllowed::matches);
        } catch (CiConfigException e) {
            throw new UsageException(e.getMessage());
        }
        CiWriter.Gated result = new CiWriter.Gated(m.name(), cfg, dive, gates);
        // JUnit and SARIF are written once for the run (call()); each image adds only to the set's figures
        if (format.whole()) new CiWriter().setFigures(result).forEach(report::addToSet);
        else new CiWriter().write(result, format.json(), report);
        return gates;
    }

    private CiConfig readConfig() throws UsageException {
        Path file = config;
        if (file == null) {
            if (!Files.isRegularFile(Path.of(DEFAULT_CONFIG))) return CiConfig.defaults();
            file = Path.of(DEFAULT_CONFIG);
        }
        // read at most 1 MiB and a byte: a device (/dev/zero) or a fifo has no size to check beforehand
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] raw = in.readNBytes((1 << 20) + 1);
            if (raw.length > 1 << 20) throw new UsageException(file + ": larger than 1 MiB; not a .dive-ci file");
            return CiConfigParser.parse(new String(raw, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        } catch (CiConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, CiConfig.LOWEST_EFFICIENCY, lowestEfficiency);
        put(m, CiConfig.HIGHEST_WASTED_BYTES, highestWastedBytes);
        put(m, CiConfig.HIGHEST_USER_WASTED_PERCENT, highestUserWastedPercent);
        put(m, CiConfig.MAX_LAYERS, maxLayers);
        put(m, CiConfig.MAX_LOGICAL_BYTES, maxLogicalBytes);
        if (noSetuid) m.put(CiConfig.NO_SETUID, "true");
        if (noWorldWritable) m.put(CiConfig.NO_WORLD_WRITABLE, "true");
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) m.put(key, value.strip());
    }

    private static PathPatterns patterns(CiConfig cfg, String key) throws UsageException {
        try {
            return PathPatterns.of(cfg.list(key));
        } catch (IllegalArgumentException e) {
            throw new UsageException(cfg.source() + ": " + key + ": " + e.getMessage());
        }
    }
}
