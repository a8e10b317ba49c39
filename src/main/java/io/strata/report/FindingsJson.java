package io.strata.report;

import io.strata.model.Finding;

import java.util.Map;

/** Findings as JSON objects and as one-line text. */
public final class FindingsJson {
    private FindingsJson() {
    }

    public static Map<String, Object> of(Finding f) {
        Map<String, Object> m = JsonOutput.object();
        m.put("severity", f.severity().name().toLowerCase());
        m.put("code", f.code());
        m.put("layer", f.layer().orElse(null));
        JsonOutput.putName(m, "path", f.path().orElse(null));
        m.put("message", f.message());
        return m;
    }

    public static String line(Finding f) {
        return f.severity().name().toLowerCase() + ": " + f.code()
                + f.layer().map(l -> " layer " + l).orElse("")
                + f.path().map(p -> " " + p).orElse("") + ": " + f.message();
    }
}
