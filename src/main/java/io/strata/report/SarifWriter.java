package io.strata.report;

import io.strata.advise.Advice;
import io.strata.advise.AdviceReport;
import io.strata.analysis.ci.GateResult;
import io.strata.model.Finding;
import io.strata.verify.ImageVerdict;
import io.strata.verify.VerifyReport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 (OASIS) for code-scanning dashboards: one run of the tool "strata", a rule per check (a ci gate, a
 * verify finding code, an advise rule), one result per outcome. A result's location is the path inside the image
 * as a region-less artifact URI (when there is one, else the archive file) and, as logical locations, the
 * archive and image ("module") and the layer ("resource"). Built from results added command by command.
 */
public final class SarifWriter {
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private final String command;
    private final Map<String, String> rules = new LinkedHashMap<>();
    private final List<Object> results = new ArrayList<>();

    public SarifWriter(String command) {
        this.command = command;
    }

    /** Where a result is: the archive file, the image in it, and optionally a layer and a path inside the image. */
    public record Where(String archive, String image, Optional<Integer> layer, Optional<String> path) {
        public Where at(Optional<Integer> l, Optional<String> p) {
            return new Where(archive, image, l, p);
        }
    }

    /** Each gate of one image: a failure is an error, a pass a "pass" result, a disabled gate "notApplicable". */
    public SarifWriter gates(Where where, List<GateResult> gates) {
        for (GateResult g : gates) {
            String id = "ci/" + g.name();
            rule(id, "strata ci gate " + g.name());
            if (g.status() == GateResult.Status.FAIL && !g.offenders().isEmpty()) {
                for (String path : g.offenders()) {
                    add(id, "error", "fail", g.name() + ": " + path + " is outside the allow list",
                            where.at(Optional.empty(), Optional.of(path)));
                }
                continue;
            }
            switch (g.status()) {
                case FAIL -> add(id, "error", "fail", g.message(), where);
                case PASS -> add(id, "none", "pass", g.name() + " passed: " + CiWriter.detail(g), where);
                case SKIP -> add(id, "none", "notApplicable", g.name() + ": rule disabled", where);
            }
        }
        return this;
    }

    /** Every finding of a verify run; archive-level findings are located at the archive alone. */
    public SarifWriter verify(VerifyReport report) {
        String archive = report.archive().path();
        for (Finding f : report.findings()) finding(f, new Where(archive, null, Optional.empty(), Optional.empty()));
        for (ImageVerdict image : report.images()) {
            for (Finding f : image.findings()) finding(f, new Where(archive, image.name(), Optional.empty(), Optional.empty()));
        }
        return this;
    }

    /** Each piece of advice (a warning, an error when it is about security) and the security findings. */
    public SarifWriter advice(Where where, AdviceReport report) {
        for (Advice a : report.advice()) {
            String id = "advise/" + a.rule().id();
            rule(id, "strata advise: " + a.rule().id());
            String text = a.title() + (a.bytesSaved() > 0 ? " (saves " + Sizes.human(a.bytesSaved()) + ")" : "")
                    + ". Fix: " + a.fix();
            Optional<Advice.Evidence> first = a.evidence().stream().findFirst();
            Optional<Integer> layer = first.map(Advice.Evidence::layer).filter(l -> l >= 0);
            add(id, a.security() ? "error" : "warning", "fail", text, where.at(layer, first.map(Advice.Evidence::path)));
        }
        for (Finding f : report.securityFindings()) finding(f, where);
        return this;
    }

    private void finding(Finding f, Where where) {
        String id = f.code();
        rule(id, "strata finding " + f.code());
        String level = switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
        add(id, level, "fail", f.message(), where.at(f.layer().or(where::layer), f.path().or(where::path)));
    }

    private void rule(String id, String description) {
        rules.putIfAbsent(id, description);
    }

    private void add(String ruleId, String level, String kind, String message, Where where) {
        Map<String, Object> r = JsonOutput.object();
        r.put("ruleId", ruleId);
        r.put("kind", kind);
        r.put("level", level);
        Map<String, Object> text = JsonOutput.object();
        text.put("text", message == null || message.isEmpty() ? ruleId : message);
        r.put("message", text);
        r.put("locations", List.of(location(where)));
        results.add(r);
    }

    private static Map<String, Object> location(Where w) {
        Map<String, Object> loc = JsonOutput.object();
        Map<String, Object> artifact = JsonOutput.object();
        artifact.put("uri", uri(w.path().orElse(w.archive())));
        if (w.path().isPresent()) artifact.put("description", text("in " + w.archive()));
        Map<String, Object> physical = JsonOutput.object();
        physical.put("artifactLocation", artifact);
        loc.put("physicalLocation", physical);
        List<Object> logical = new ArrayList<>();
        String image = w.archive() + (w.image() == null ? "" : "#" + w.image());
        Map<String, Object> module = JsonOutput.object();
        module.put("name", w.image() == null ? w.archive() : w.image());
        module.put("fullyQualifiedName", image);
        module.put("kind", "module");
        logical.add(module);
        w.layer().ifPresent(l -> {
            Map<String, Object> layer = JsonOutput.object();
            layer.put("name", "layer " + l);
            layer.put("fullyQualifiedName", image + "/layer/" + l);
            layer.put("kind", "resource");
            logical.add(layer);
        });
        loc.put("logicalLocations", logical);
        return loc;
    }

    private static Map<String, Object> text(String s) {
        Map<String, Object> m = JsonOutput.object();
        m.put("text", s);
        return m;
    }

    /** A path as a URI reference: characters a URI cannot hold percent-encoded, slashes kept. */
    static String uri(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path.replaceAll("[^A-Za-z0-9/._~-]", "_");
        }
    }

    public Map<String, Object> document() {
        Map<String, Object> driver = JsonOutput.object();
        driver.put("name", "strata");
        driver.put("semanticVersion", "0.1.0");
        List<Object> ruleList = new ArrayList<>();
        rules.forEach((id, description) -> {
            Map<String, Object> r = JsonOutput.object();
            r.put("id", id);
            r.put("shortDescription", text(description));
            ruleList.add(r);
        });
        driver.put("rules", ruleList);
        Map<String, Object> tool = JsonOutput.object();
        tool.put("driver", driver);
        Map<String, Object> run = JsonOutput.object();
        run.put("tool", tool);
        Map<String, Object> invocation = JsonOutput.object();
        invocation.put("commandLine", "strata " + command);
        invocation.put("executionSuccessful", true);
        run.put("invocations", List.of(invocation));
        run.put("results", results);
        Map<String, Object> doc = JsonOutput.object();
        doc.put("$schema", SCHEMA);
        doc.put("version", "2.1.0");
        doc.put("runs", List.of(run));
        return doc;
    }
}
