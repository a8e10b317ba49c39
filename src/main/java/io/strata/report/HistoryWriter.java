package io.strata.report;

import io.strata.analysis.HistoryRow;
import io.strata.model.Digest;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `strata history`: the rows and columns of `docker history`, from the config alone.
 *
 * <p>Components: {@code kind} picks the SIZE column (text and JSON); the rest shape the text, as docker history's
 * flags do.
 */
public record HistoryWriter(SizeKind kind, boolean noTrunc, boolean human, boolean quiet, Instant now)
        implements ResultWriter<HistoryWriter.History> {
    public enum SizeKind { CONTENT, TAR }

    /** history's result: one image's rows, newest first. */
    public record History(Digest imageId, List<HistoryRow> rows) {
    }

    @Override
    public Map<String, Object> json(History result) {
        return json(result.imageId(), result.rows(), kind);
    }

    @Override
    public void text(History result, PrintWriter out) {
        text(result.imageId(), result.rows(), kind, noTrunc, human, quiet, now, out);
    }

    public static Map<String, Object> json(Digest imageId, List<HistoryRow> rows, SizeKind kind) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("id", imageId.toString());
        doc.put("sizeKind", kind == SizeKind.TAR ? "tar" : "content");
        List<Object> list = new ArrayList<>();
        for (HistoryRow r : rows) {
            Map<String, Object> m = JsonOutput.object();
            m.put("created", r.created().orElse(null));
            m.put("createdBy", r.createdBy().orElse(""));
            m.put("comment", r.comment().orElse(""));
            m.put("emptyLayer", r.emptyLayer());
            m.put("size", size(r, kind).orElse(null));
            m.put("contentBytes", r.contentBytes().orElse(null));
            m.put("tarBytes", r.tarBytes().orElse(null));
            m.put("layer", r.layer().orElse(null));
            list.add(m);
        }
        doc.put("history", list);
        return doc;
    }

    /** Empty when the layer's blob is not in the archive. */
    private static Optional<Long> size(HistoryRow r, SizeKind kind) {
        return kind == SizeKind.TAR ? r.tarBytes() : r.contentBytes();
    }

    private static void text(Digest imageId, List<HistoryRow> rows, SizeKind kind, boolean noTrunc, boolean human,
                            boolean quiet, Instant now, PrintWriter out) {
        if (quiet) {
            for (int i = 0; i < rows.size(); i++) {
                out.println(i == 0 ? (noTrunc ? imageId.toString() : imageId.shortHex()) : "<missing>");
            }
            return;
        }
        TextTable t = new TextTable("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT").fit(2, 12, 45)
                .fit(4, 8, 0).noTrunc(noTrunc);
        for (int i = 0; i < rows.size(); i++) {
            HistoryRow r = rows.get(i);
            String id = i == 0 ? (noTrunc ? imageId.toString() : imageId.shortHex()) : "<missing>";
            String created = human ? Times.ago(r.created(), now) : r.created().map(InspectWriter::toSeconds).orElse("");
            String by = r.createdBy().orElse("").replace('\t', ' ').replace('\n', ' ');
            String size = size(r, kind).map(b -> human ? Sizes.human(b) : Long.toString(b)).orElse("?");
            t.row(id, created, by, size, r.comment().orElse("").replace('\n', ' '));
        }
        t.print(out);
    }
}
