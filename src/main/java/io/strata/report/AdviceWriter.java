package io.strata.report;

import io.strata.advise.Advice;
import io.strata.advise.AdviceReport;
import io.strata.advise.BuildStep;
import io.strata.model.Finding;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `strata advise`: the advice as numbered text blocks or as JSON.
 *
 * <p>Components: {@code noTrunc}: paths and build steps uncut in text.
 */
public record AdviceWriter(boolean noTrunc) implements ResultWriter<AdviceWriter.Advised> {
    private static final int STEP_WIDTH = 100;

    /** advise's result: one image's advice. */
    public record Advised(String image, AdviceReport report) {
    }

    @Override
    public Map<String, Object> json(Advised result) {
        return json(result.image(), result.report());
    }

    @Override
    public void text(Advised result, PrintWriter out) {
        text(result.image(), result.report(), noTrunc, out);
    }

    public static Map<String, Object> json(String image, AdviceReport report) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        doc.put("logicalBytes", report.logicalBytes());
        doc.put("bytesSaved", report.bytesSaved());
        doc.put("rebuildBytes", report.rebuildBytes());
        doc.put("layersSaved", report.layersSaved());
        doc.put("advice", adviceJson(report.advice()));
        List<Object> findings = new ArrayList<>();
        report.securityFindings().forEach(f -> findings.add(FindingsJson.of(f)));
        doc.put("findings", findings);
        return doc;
    }

    public static List<Object> adviceJson(List<Advice> advice) {
        List<Object> list = new ArrayList<>();
        for (Advice a : advice) {
            Map<String, Object> m = JsonOutput.object();
            m.put("rule", a.rule().id());
            m.put("title", a.title());
            m.put("bytesSaved", a.bytesSaved());
            m.put("saving", a.saving().label());
            m.put("layersSaved", a.layersSaved());
            m.put("security", a.security());
            m.put("fix", a.fix());
            List<Object> ev = new ArrayList<>();
            for (Advice.Evidence e : a.evidence()) {
                Map<String, Object> x = JsonOutput.object();
                x.put("path", e.path().isEmpty() ? null : e.path());
                x.put("layer", e.layer() < 0 ? null : e.layer());
                // a note measures nothing: null, not a 0 that reads as "0 bytes"
                x.put("files", e.isNote() ? null : e.files());
                x.put("bytes", e.isNote() ? null : e.bytes());
                x.put("note", e.note());
                ev.add(x);
            }
            m.put("evidence", ev);
            List<Object> steps = new ArrayList<>();
            for (Advice.Step s : a.steps()) {
                Map<String, Object> x = JsonOutput.object();
                x.put("layer", s.layer() < 0 ? null : s.layer());
                x.put("createdBy", s.createdBy());
                steps.add(x);
            }
            m.put("steps", steps);
            list.add(m);
        }
        return list;
    }

    private static void text(String image, AdviceReport report, boolean noTrunc, PrintWriter out) {
        List<Advice> advice = report.advice();
        if (advice.isEmpty()) {
            out.println(image + ": no advice; nothing wasteful found.");
            return;
        }
        long logical = report.logicalBytes();
        double percent = logical > 0 ? 100.0 * report.bytesSaved() / logical : 0;
        String share = logical == 0 ? "" : percent > 0 && percent < 0.1 ? " (<0.1%)"
                : String.format(java.util.Locale.ROOT, " (%.1f%%)", percent);
        long security = advice.stream().filter(Advice::security).count();
        TextWidth.println(out, "", image + ": " + advice.size() + " piece" + (advice.size() == 1 ? "" : "s") + " of advice; "
                + Sizes.human(report.bytesSaved()) + " of " + Sizes.human(logical) + share + " could be saved"
                + (security > 0 ? "; " + security + " security finding" + (security == 1 ? "" : "s") : ""));
        int n = 0;
        for (Advice a : advice) {
            out.println();
            TextWidth.println(out, ++n + ". ", saving(a) + "  " + a.rule().id() + (a.security() ? " [security]" : "")
                    + "  " + a.title());
            TextTable t = new TextTable("", "", "", "", "").rightAlign(2).fitPath(1, 16, 70).fit(4, 12, 0)
                    .noTrunc(noTrunc);
            for (Advice.Evidence e : a.evidence()) {
                if (e.isNote()) continue;
                String where = e.path().isEmpty() ? (e.layer() >= 0 ? "layer " + e.layer() : "") : e.path();
                t.row(" ", where, Sizes.human(e.bytes()),
                        e.layer() >= 0 && !e.path().isEmpty() ? "layer " + e.layer() : "", e.note());
            }
            printWithoutHeader(t, out);
            for (Advice.Evidence e : a.evidence()) {
                if (!e.isNote()) continue;
                List<String> note = TextWidth.wrap(e.note(), 10);
                for (int i = 0; i < note.size(); i++) out.println((i == 0 ? "    note: " : "          ") + note.get(i));
            }
            for (Advice.Step s : a.steps()) {
                String by = BuildStep.parse(s.createdBy()).display().replace('\t', ' ').replace('\n', ' ');
                String head = "    " + (s.layer() >= 0 ? "layer " + s.layer() : "step") + ": ";
                int room = TextWidth.columns() > 0 ? Math.max(20, TextWidth.columns() - head.length()) : STEP_WIDTH;
                if (!noTrunc) by = InspectWriter.ellipsis(by, room);
                out.println(head + (by.isEmpty() ? "(no history)" : by));
            }
            // the fix is prose: wrapped to the width, never cut
            List<String> fix = TextWidth.wrap(a.fix(), 9);
            for (int i = 0; i < fix.size(); i++) out.println((i == 0 ? "    fix: " : "         ") + fix.get(i));
        }
        for (Finding f : report.securityFindings()) {
            if (n++ == advice.size()) out.println();
            TextWidth.println(out, "", FindingsJson.line(f));
        }
    }

    /** "1.05MB", "1.2MB per rebuild", "2 layers". */
    public static String saving(Advice a) {
        return switch (a.saving()) {
            case IMAGE -> Sizes.human(a.bytesSaved());
            case REBUILD -> Sizes.human(a.bytesSaved()) + " per rebuild";
            case NONE -> a.layersSaved() > 0 ? a.layersSaved() + " layer" + (a.layersSaved() == 1 ? "" : "s") : "-";
            case INFO -> "(" + Sizes.human(a.evidenceBytes()) + " not counted)";
        };
    }

    private static void printWithoutHeader(TextTable t, PrintWriter out) {
        java.io.StringWriter buf = new java.io.StringWriter();
        t.print(new PrintWriter(buf));
        String[] lines = buf.toString().split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) out.println(lines[i]);
        }
    }
}
