package io.strata.analysis.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .dive-ci} file by hand (no YAML library): the simple subset dive's files use. Top-level keys
 * end with a colon; the keys indented under {@code rules:} are {@code key: value} pairs (values may be quoted;
 * {@code #} starts a comment) or lists, either {@code key: [a, b]} or {@code key:} followed by {@code - item}
 * lines. Other top-level sections and unknown rule keys are ignored, as dive ignores them; the unknown keys are
 * listed in {@link CiConfig#ignored()} so a typo that turns a gate off can be shown.
 */
public final class CiConfigParser {
    private static final int MAX_BYTES = 1 << 20;

    private CiConfigParser() {
    }

    public static CiConfig parse(String text, String source) throws CiConfigException {
        if (text.length() > MAX_BYTES) throw new CiConfigException(source + ": larger than 1 MiB; not a .dive-ci file");
        Map<String, String> rules = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        boolean inRules = false;
        String openList = null;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String where = source + ":" + (n + 1);
            String line = stripComment(lines[n]);
            if (line.isBlank() || line.strip().equals("---")) continue;
            int indent = line.length() - line.stripLeading().length();
            String body = line.strip();
            if (indent == 0) {
                openList = null;
                int colon = body.indexOf(':');
                if (colon < 0) throw new CiConfigException(where + ": expected 'key:' but found '" + body + "'");
                inRules = body.substring(0, colon).strip().equals("rules");
                continue;
            }
            if (!inRules) continue;
            if (body.startsWith("- ") || body.equals("-")) {
                if (openList == null) throw new CiConfigException(where + ": a list item outside a list");
                if (openList.isEmpty()) continue; // items of an ignored key
                String item = unquote(body.substring(1).strip(), where);
                if (!item.isEmpty()) lists.get(openList).add(item);
                continue;
            }
            int colon = body.indexOf(':');
            if (colon <= 0) throw new CiConfigException(where + ": expected 'key: value' but found '" + body + "'");
            String key = body.substring(0, colon).strip();
            String value = body.substring(colon + 1).strip();
            openList = null;
            if (!isListKey(key) && !CiConfig.DEFAULTS.containsKey(key)) {
                ignored.add(where + ": " + key);
                openList = value.isEmpty() ? "" : null;
                continue;
            }
            if (isListKey(key)) {
                List<String> items = lists.computeIfAbsent(key, k -> new ArrayList<>());
                if (value.isEmpty()) {
                    openList = key;
                } else if (value.startsWith("[") && value.endsWith("]")) {
                    for (String item : value.substring(1, value.length() - 1).split(",")) {
                        String v = unquote(item.strip(), where);
                        if (!v.isEmpty()) items.add(v);
                    }
                } else {
                    items.add(unquote(value, where));
                }
            } else {
                if (value.isEmpty()) throw new CiConfigException(where + ": " + key + " has no value");
                rules.put(key, unquote(value, where));
            }
        }
        return new CiConfig(source, rules, lists, ignored);
    }

    private static boolean isListKey(String key) {
        return key.equals(CiConfig.ALLOW_SETUID) || key.equals(CiConfig.ALLOW_WORLD_WRITABLE);
    }

    /** Drops a # comment that is not inside quotes. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String v, String where) throws CiConfigException {
        if (v.length() >= 1 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            char q = v.charAt(0);
            if (v.length() < 2 || v.charAt(v.length() - 1) != q) {
                throw new CiConfigException(where + ": unclosed quote in " + v);
            }
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
