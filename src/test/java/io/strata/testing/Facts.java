package io.strata.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ground truth from a {@code X.tar.facts.txt} file (what docker, podman, skopeo and GNU tar said about an archive),
 * parsed for tests. Expected values in tests come from here, never from Strata's own output.
 *
 * <p>The file is a sequence of sections. A section starts with a line {@code ## title} (usually the command that
 * produced it) and runs to the next {@code ## } line. Inside the layer-blob section, every layer has a block that
 * starts with {@code ### <owner> layer N: <stored path>} and holds {@code stored_size_bytes}, {@code compression},
 * {@code stored_sha256}, {@code uncompressed_size_bytes} and {@code uncompressed_sha256 (diff_id)} lines, then a tar
 * listing. The owner names the image: {@code image 0 (ctest/sample:1.0)} for docker-archives,
 * {@code index.json manifest[0] / 1.0 manifest[1] linux/arm64/v8} or {@code index.json manifests[2] > manifests[0]}
 * for OCI layouts.
 *
 * <pre>
 *   Facts f = Facts.read(Path.of("testdata/sample/sample.docker-save.tar.facts.txt"));
 *   f.layers();                          // every layer block, in file order
 *   f.dockerHistory();                   // `docker history --human=false` rows per image, newest first
 *   f.json(t -&gt; t.startsWith("skopeo inspect --config"));   // the config skopeo printed
 * </pre>
 */
public final class Facts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAYER_HEADER = Pattern.compile("^### (.*?)\\s+layer (\\d+): (.*)$");
    private static final Pattern DOCKER_IMAGE_OWNER = Pattern.compile("^image (\\d+) \\((.*)\\)$");
    private static final Pattern KEY_VALUE = Pattern.compile("(\\S[^:]*?):\\s+(\\S+)");
    private static final Pattern LISTING =
            Pattern.compile("^  (\\S)(\\S{9}) (\\d+)/(\\d+)\\s+(\\d+) \\S+ \\S+ (.*)$");
    private static final Pattern DOCKER_HISTORY_ROW = Pattern.compile("^(sha256:[0-9a-f]{64}|<missing>)\\|(\\d+)\\|(.*)$");

    /** One {@code ## } section: its title (without the hashes) and the lines below it, {@code ###} blocks included. */
    public record Section(String title, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        /** The first JSON value of the section (text after it is ignored); empty when the section holds none. */
        public Optional<JsonNode> json() {
            int start = 0;
            while (start < lines.size() && !lines.get(start).startsWith("{") && !lines.get(start).startsWith("[")) {
                if (!lines.get(start).isBlank()) return Optional.empty(); // e.g. "(skopeo failed, exit 1)"
                start++;
            }
            if (start == lines.size()) return Optional.empty();
            try {
                return Optional.ofNullable(JSON.readTree(String.join("\n", lines.subList(start, lines.size()))));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * One layer block. {@code owner} is the text between {@code ###} and {@code layer N}; {@code configDiffIdMatches}
     * is present where the facts compared the diff_id with the config's {@code rootfs.diff_ids} entry.
     */
    public record Layer(String owner, int layer, String storedPath, long storedSize, String compression,
                        String storedSha256, long uncompressedSize, String diffId,
                        Optional<Boolean> configDiffIdMatches, boolean sameBlobAsAbove, List<Entry> listing) {

        /** The image position for docker-archive owners ({@code image N (...)}). */
        public OptionalInt imagePosition() {
            Matcher m = DOCKER_IMAGE_OWNER.matcher(owner);
            return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }

        /** Stored digest as Strata prints digests. */
        public String blobDigest() {
            return "sha256:" + storedSha256;
        }

        public String diffIdDigest() {
            return "sha256:" + diffId;
        }

        /** Compression in Strata's words: GNU file's "uncompressed" is Strata's "none". */
        public String strataCompression() {
            return "uncompressed".equals(compression) ? "none" : compression;
        }

        /**
         * What docker counts for this layer (`docker history` SIZE): the bytes of its regular files plus the length
         * of each symlink's target (a symlink's lstat size); hardlinks, directories and devices add nothing.
         */
        public long dockerContentBytes() {
            long total = 0;
            for (Entry e : listing) {
                if (e.type() == '-') total += e.size();
                else if (e.type() == 'l') total += e.link().getBytes(StandardCharsets.UTF_8).length;
            }
            return total;
        }
    }

    /**
     * One line of a layer's GNU tar listing ({@code tar -tvv --numeric-owner --full-time}): the type letter as
     * {@code ls} prints it ('-', 'd', 'l', 'h' for a hardlink, 'c', 'b', 'p'), the permission string, owner, size,
     * path as stored (a "./" prefix and trailing "/" kept) and the link target of a symlink or hardlink.
     */
    public record Entry(char type, String permissions, int uid, int gid, long size, String path, String link) {
    }

    /** One row of {@code docker history --format '{{.ID}}|{{.Size}}|{{.CreatedBy}}' --human=false}. */
    public record HistoryRow(String id, long size, String createdBy) {
    }

    /** The rows of one image's history as an engine printed them, newest first; {@code ref} as on the command. */
    public record History(String ref, List<HistoryRow> rows) {
        /** The image ID of the newest row: the config digest (docker prefixes "sha256:", podman does not). */
        public String imageId() {
            String id = rows.get(0).id();
            return id.startsWith("sha256:") ? id : "sha256:" + id;
        }
    }

    private final Path file;
    private final List<Section> sections;

    private Facts(Path file, List<Section> sections) {
        this.file = file;
        this.sections = List.copyOf(sections);
    }

    public static Facts read(Path factsFile) {
        List<String> all;
        try {
            all = Files.readAllLines(factsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Section> out = new ArrayList<>();
        String title = "";
        List<String> body = new ArrayList<>();
        for (String line : all) {
            if (line.startsWith("## ")) {
                out.add(new Section(title, body));
                title = line.substring(3).strip();
                body = new ArrayList<>();
            } else {
                body.add(line);
            }
        }
        out.add(new Section(title, body));
        return new Facts(factsFile, out);
    }

    /** Every archive below {@code root} (two levels deep, as testdata/ is laid out) that has a facts file, sorted. */
    public static List<Path> archivesUnder(Path root) {
        try (java.util.stream.Stream<Path> s = Files.walk(root, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tar")).filter(p -> Files.exists(of(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facts file that belongs to an archive: {@code X.tar} has {@code X.tar.facts.txt}. */
    public static Path of(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".facts.txt");
    }

    public Path file() {
        return file;
    }

    public List<Section> sections() {
        return sections;
    }

    /** Sections whose title satisfies {@code title}, in file order. */
    public List<Section> sections(Predicate<String> title) {
        return sections.stream().filter(s -> title.test(s.title())).toList();
    }

    public Optional<Section> section(Predicate<String> title) {
        return sections.stream().filter(s -> title.test(s.title())).findFirst();
    }

    /** The JSON of the first section whose title matches and that holds JSON (a failed command's section holds none). */
    public Optional<JsonNode> json(Predicate<String> title) {
        return sections(title).stream().map(Section::json).flatMap(Optional::stream).findFirst();
    }

    /**
     * Every layer block of the file, in file order. A block that only says "(same blob as listed above)" (a layer
     * shared with an image listed earlier) gets the figures of the earlier block with the same stored path and
     * {@code sameBlobAsAbove} set.
     */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        Map<String, Layer> byPath = new LinkedHashMap<>();
        for (Section s : sections) {
            List<String> lines = s.lines();
            for (int i = 0; i < lines.size(); i++) {
                Matcher h = LAYER_HEADER.matcher(lines.get(i));
                if (!h.matches()) continue;
                String owner = h.group(1).strip();
                int index = Integer.parseInt(h.group(2));
                String path = h.group(3).strip();
                if (i + 1 < lines.size() && lines.get(i + 1).startsWith("(same blob")) {
                    Layer first = byPath.get(path);
                    if (first == null) throw new IllegalStateException(file + ": " + path + " repeats no earlier block");
                    out.add(new Layer(owner, index, path, first.storedSize(), first.compression(), first.storedSha256(),
                            first.uncompressedSize(), first.diffId(), first.configDiffIdMatches(), true, first.listing()));
                    continue;
                }
                Map<String, String> kv = new LinkedHashMap<>();
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).startsWith("tar -tvv") && !lines.get(j).startsWith("###"); j++) {
                    Matcher m = KEY_VALUE.matcher(lines.get(j));
                    while (m.find()) kv.putIfAbsent(m.group(1).strip(), m.group(2));
                }
                List<Entry> listing = new ArrayList<>();
                for (j++; j < lines.size() && lines.get(j).startsWith("  "); j++) {
                    listingEntry(lines.get(j)).ifPresent(listing::add);
                }
                Layer layer = new Layer(owner, index, path,
                        Long.parseLong(require(kv, "stored_size_bytes")), require(kv, "compression"),
                        require(kv, "stored_sha256"), Long.parseLong(require(kv, "uncompressed_size_bytes")),
                        require(kv, "uncompressed_sha256 (diff_id)"),
                        Optional.ofNullable(kv.get("matches")).map("yes"::equals), false, List.copyOf(listing));
                out.add(layer);
                byPath.putIfAbsent(path, layer);
            }
        }
        return out;
    }

    private static Optional<Entry> listingEntry(String line) {
        Matcher m = LISTING.matcher(line);
        if (!m.matches()) return Optional.empty();
        char type = m.group(1).charAt(0);
        String rest = m.group(6);
        String link = "";
        int arrow = rest.indexOf(" -> ");
        int hard = rest.indexOf(" link to ");
        if (type == 'l' && arrow >= 0) {
            link = rest.substring(arrow + 4);
            rest = rest.substring(0, arrow);
        } else if (type == 'h' && hard >= 0) {
            link = rest.substring(hard + 9);
            rest = rest.substring(0, hard);
        }
        return Optional.of(new Entry(type, m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                Long.parseLong(m.group(5)), rest, link));
    }

    /** Layer blocks grouped by owner (one group per image as the facts walked them), in file order. */
    public Map<String, List<Layer>> layersByOwner() {
        Map<String, List<Layer>> out = new LinkedHashMap<>();
        for (Layer l : layers()) out.computeIfAbsent(l.owner(), k -> new ArrayList<>()).add(l);
        return out;
    }

    /** Every {@code docker history ... --human=false} section (sizes in bytes), one per image. */
    public List<History> dockerHistory() {
        List<History> out = new ArrayList<>();
        for (Section s : sections(t -> t.startsWith("docker history") && t.contains("--human=false"))) {
            List<HistoryRow> rows = new ArrayList<>();
            for (String line : s.lines()) {
                Matcher m = DOCKER_HISTORY_ROW.matcher(line);
                if (m.matches()) rows.add(new HistoryRow(m.group(1), Long.parseLong(m.group(2)), m.group(3).strip()));
            }
            out.add(new History(commandRef(s.title()), rows));
        }
        return out;
    }

    /** Every {@code podman history --format json} section (one JSON object per line: id, size, CreatedBy). */
    public List<History> podmanHistory() {
        List<History> out = new ArrayList<>();
        for (Section s : sections(t -> t.startsWith("podman history --format json"))) {
            List<HistoryRow> rows = new ArrayList<>();
            for (String line : s.lines()) {
                if (!line.startsWith("{")) continue;
                try {
                    JsonNode n = JSON.readTree(line);
                    JsonNode by = n.path("CreatedBy"); // podman prints null for an import's empty created_by
                    rows.add(new HistoryRow(n.path("id").asText(), n.path("size").asLong(), by.isNull() ? "" : by.asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ": bad podman history line: " + line, e);
                }
            }
            String title = s.title();
            String afterJson = title.substring(title.indexOf("json") + 4).strip();
            out.add(new History(afterJson.split("\\s+")[0], rows));
        }
        return out;
    }

    /** {@code docker image inspect} documents (one per image), as JSON objects with Id, Size, RootFS, ... */
    public List<JsonNode> dockerImageInspect() {
        return sections(t -> t.startsWith("docker image inspect")).stream()
                .map(Section::json).flatMap(Optional::stream)
                .map(n -> n.isArray() ? n.get(0) : n).toList();
    }

    /** The image reference a section's command ran on: the last word before the "   (comment)" if any. */
    private static String commandRef(String title) {
        int comment = title.indexOf("   (");
        String command = (comment < 0 ? title : title.substring(0, comment)).strip();
        return command.substring(command.lastIndexOf(' ') + 1);
    }

    private String require(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) throw new IllegalStateException(file + ": layer block without '" + key + "': " + kv);
        return v;
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
