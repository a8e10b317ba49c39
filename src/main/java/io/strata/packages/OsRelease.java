package io.strata.packages;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The image's distribution as os-release names it ({@code ID}, {@code VERSION_ID}), for OS package purls. */
final class OsRelease {
    private OsRelease() {
    }

    /** Parses os-release ("KEY=value" lines, values optionally quoted); empty without an ID. */
    static Optional<Purls.Distro> parse(byte[] osRelease) {
        Map<String, String> fields = new HashMap<>();
        for (String line : new String(osRelease, StandardCharsets.UTF_8).lines().toList()) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) continue;
            String v = line.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
                v = v.substring(1, v.length() - 1);
            }
            fields.put(line.substring(0, eq).strip(), v);
        }
        String id = fields.get("ID");
        if (id == null || id.isBlank()) return Optional.empty();
        return Optional.of(new Purls.Distro(id, Optional.ofNullable(fields.get("VERSION_ID")).filter(s -> !s.isBlank())));
    }
}
