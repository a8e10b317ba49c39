package io.strata.analysis.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The per-layer GNU tar listings of a .facts.txt file (`tar -tvv --numeric-owner`), for ground truth. */
final class FactsListing {
    /** One line: the layer, ls-style mode, owner, size, path (no trailing slash) and link target if any. */
    record Line(int layer, String mode, int uid, int gid, long size, String path, String link, boolean hardlink) {
    }

    private static final Pattern LAYER = Pattern.compile("^### image (\\d+) .* layer (\\d+): .*");
    private static final Pattern ENTRY = Pattern.compile("^  (\\S{10}) (\\d+)/(\\d+)\\s+(\\d+) \\S+ \\S+ (.*)$");

    private FactsListing() {
    }

    static List<Line> read(Path facts, int image) throws IOException {
        List<Line> out = new ArrayList<>();
        int layer = -1;
        for (String text : Files.readAllLines(facts, StandardCharsets.UTF_8)) {
            Matcher l = LAYER.matcher(text);
            if (l.matches()) {
                layer = Integer.parseInt(l.group(1)) == image ? Integer.parseInt(l.group(2)) : -1;
                continue;
            }
            Matcher e = ENTRY.matcher(text);
            if (layer < 0 || !e.matches()) continue;
            String rest = e.group(5);
            String link = "";
            boolean hard = false;
            int arrow = rest.indexOf(" -> ");
            int linkTo = rest.indexOf(" link to ");
            if (arrow >= 0) {
                link = rest.substring(arrow + 4);
                rest = rest.substring(0, arrow);
            } else if (linkTo >= 0) {
                link = rest.substring(linkTo + 9);
                rest = rest.substring(0, linkTo);
                hard = true;
            }
            String path = rest.startsWith("./") ? rest.substring(2) : rest;
            if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
            out.add(new Line(layer, e.group(1), Integer.parseInt(e.group(2)), Integer.parseInt(e.group(3)),
                    Long.parseLong(e.group(4)), path, link, hard));
        }
        return out;
    }
}
