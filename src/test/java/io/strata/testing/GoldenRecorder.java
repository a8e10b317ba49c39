package io.strata.testing;

import io.strata.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs every command, text and JSON, on every archive in testdata/ (and the diff pairs, and sets) in-process and
 * writes each run's exit code, standard output and standard error to one file per run in DIR: the outputs two
 * builds are compared by, byte for byte (bench/golden.sh). Standard output of commands that write bytes (extract,
 * export, report -o -) is captured from System.out.
 */
public final class GoldenRecorder {
    private GoldenRecorder() {
    }

    public static void main(String[] argv) throws IOException {
        Path dir = Path.of(argv[0]);
        Files.createDirectories(dir);
        List<String> archives;
        try (Stream<Path> s = Files.walk(Path.of("testdata"))) {
            archives = s.map(Path::toString).filter(p -> p.endsWith(".tar")).sorted().toList();
        }
        List<List<String>> runs = new ArrayList<>();
        for (String a : archives) {
            for (String format : List.of("text", "json")) {
                for (List<String> cmd : List.of(List.of("inspect"), List.of("history"), List.of("history", "--no-trunc", "--human=false"),
                        List.of("history", "--size", "tar"), List.of("files"), List.of("files", "--tree"),
                        List.of("files", "--deleted"), List.of("files", "--layer", "1"), List.of("files", "--owners"),
                        List.of("files", "--setuid"), List.of("waste"), List.of("waste", "--top", "0"), List.of("ci"),
                        List.of("ci", "--no-setuid", "--max-layers", "3"), List.of("advise"), List.of("verify"),
                        List.of("inspect", "--all-images"), List.of("waste", "--all-images"), List.of("history", "--all-images"))) {
                    if (cmd.get(0).equals("inspect") && cmd.size() > 1) continue;
                    List<String> r = new ArrayList<>(cmd);
                    r.add(a);
                    r.addAll(List.of("--format", format));
                    runs.add(r);
                }
            }
            runs.add(List.of("files", a, "/etc"));
            runs.add(List.of("extract", a, "/etc/passwd", "-o", "-"));
            runs.add(List.of("extract", a, "/etc/os-release", "-o", "-"));
            runs.add(List.of("extract", a, "/etc/passwd", "--layer", "0", "-o", "-"));
            runs.add(List.of("export", a, "-o", "-"));
            runs.add(List.of("report", a, "-o", "-"));
            runs.add(List.of("report", a, "-o", "-", "--no-verify"));
            runs.add(List.of("diff", a, a));
            runs.add(List.of("diff", a, "--image-a", "0", "--image-b", "1"));
            runs.add(List.of("diff", a, "--image-a", "0", "--image-b", "1", "--format", "json"));
        }
        String v1 = "testdata/versions/webapp-v1.docker-save.tar";
        String v2 = "testdata/versions/webapp-v2.docker-save.tar";
        String s1 = "testdata/sample/sample.docker-save.tar";
        String s2 = "testdata/sample/sample.oci-layout-zstd.tar";
        for (String format : List.of("text", "json")) {
            runs.add(List.of("diff", v1, v2, "--format", format));
            runs.add(List.of("diff", v1, v2, "--format", format, "--stat"));
            runs.add(List.of("diff", v1, v2, "--format", format, "--verify-shared"));
            runs.add(List.of("diff", v1, v2, "--format", format, "--only", "files", "--limit", "3"));
            runs.add(List.of("diff", s1, s2, "--format", format));
            runs.add(List.of("diff", "testdata/pair/pair.docker-save.tar#0", "testdata/pair/pair.docker-save.tar#1", "--format", format));
            runs.add(List.of("diff", "testdata/pair/pair.docker-save.tar#0", "testdata/docker25/pair.docker25-save.tar#1", "--format", format));
            for (String c : List.of("inspect", "history", "files", "waste", "ci", "advise", "verify")) {
                runs.add(List.of(c, "testdata/sample", "--format", format));
                runs.add(List.of(c, "testdata/pair", "testdata/versions", "--format", format));
                runs.add(List.of(c, "testdata/pair", "testdata/multiarch", "--image", "0", "--format", format));
                runs.add(List.of(c, "testdata/multiarch", "nonexistent.tar", "testdata/README.md", "--format", format));
                runs.add(List.of(c, "testdata/multiarch/multiarch.oci-archive.tar", "--platform", "linux/arm64", "--format", format));
                runs.add(List.of(c, "testdata/multiarch/multiarch.oci-archive.tar", "--format", format));
                runs.add(List.of(c, "nonexistent.tar", "--format", format));
            }
        }
        runs.add(List.of("report", v1, v2, "-o", "-"));
        runs.add(List.of("report", s1, "-o", "-", "--treemap-nodes", "10"));
        // appended, so the runs above keep their numbers
        for (String a : archives) {
            runs.add(List.of("manifest", a));
            runs.add(List.of("manifest", a, "--format", "json"));
        }
        for (String format : List.of("text", "json")) {
            for (String by : List.of("folder", "package")) runs.add(List.of("diff", v1, v2, "--by", by, "--format", format));
            runs.add(List.of("files", s1, "--layer", "0", "--format", format));
        }
        runs.addAll(commandLineRuns(s1));
        int n = 0;
        String only = argv.length > 1 ? argv[1] : "";
        for (List<String> r : runs) {
            if (!String.join(" ", r).matches(".*" + only + ".*")) {
                n++;
                continue;
            }
            String name = String.format("%04d_%s", n++, String.join("_", r).replaceAll("[^A-Za-z0-9._-]", "_"));
            if (name.length() > 200) name = name.substring(0, 200);
            Files.writeString(dir.resolve(name), run(r), StandardCharsets.UTF_8);
        }
        System.out.println(runs.size() + " runs recorded in " + dir);
    }

    /**
     * The command line itself, whatever the archive: help and version, usage errors (unknown commands and options
     * with their suggestions, missing or malformed parameters) and the completion scripts, at the top level and for
     * every subcommand.
     */
    private static List<List<String>> commandLineRuns(String sample) {
        List<List<String>> runs = new ArrayList<>();
        for (List<String> r : List.of(List.<String>of(), List.of("--help"), List.of("-h"), List.of("--version"),
                List.of("-V"), List.of("--version", "inspect"), List.of("-V", "--help"), List.of("--help", "inspect"),
                List.of("--bogus"), List.of("help"), List.of("help", "inspect"), List.of("inpsect", sample),
                List.of("wast"), List.of("bogus", sample), List.of("completion", "bash"), List.of("completion", "zsh"),
                List.of("completion", "fish"), List.of("waste", "--no-cahce", sample), List.of("inspect", "--fromat", "json", sample),
                List.of("inspect", "--format", "xml", sample), List.of("waste", "--top", "many", sample),
                List.of("inspect", "--max-json-bytes", "-1", sample), List.of("inspect", "--threads"),
                List.of("inspect", sample, "--help"), List.of("inspect", "--version"), List.of("cache", "info", "--help"),
                List.of("cache", "prune", "--help"), List.of("cache", "bogus"), List.of("cache", "prune", "--older-than", "x"))) {
            runs.add(r);
        }
        java.io.PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
        for (String c : Main.commandLine(sink, sink).getSubcommands().keySet()) {
            runs.add(List.of(c, "--help"));
            runs.add(List.of(c, "-h"));
            runs.add(List.of(c));
            runs.add(List.of(c, "--bogus"));
            runs.add(List.of(c, "-x"));
            runs.add(List.of(c, "--help", "--bogus"));
        }
        return runs;
    }

    private static String run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(original);
        }
        // export's tar: its entries (the PAX header blocks it writes carry the time of the run, so not its bytes)
        String raw = !args.isEmpty() && args.get(0).equals("export") && code == 0 ? tarListing(bytes.toByteArray())
                : bytes.size() > 1 << 20 ? "sha256 of " + bytes.size() + " bytes: " + sha256(bytes.toByteArray())
                : bytes.toString(StandardCharsets.ISO_8859_1);
        return "=== " + String.join(" ", args) + "\nexit " + code + "\n--- stdout\n" + out + "\n--- raw stdout\n" + raw
                + "\n--- stderr\n" + err.toString().replaceAll("/tmp/strata-[A-Za-z0-9_.-]*", "<TMP>") + "\n";
    }

    private static String tarListing(byte[] tar) {
        StringBuilder out = new StringBuilder();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(tar))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.append(e.getName()).append(' ').append(Integer.toOctalString(e.getMode())).append(' ')
                        .append(e.getLongUserId()).append(':').append(e.getLongGroupId()).append(' ')
                        .append(e.getSize()).append(' ').append(e.getModTime().getTime()).append(' ')
                        .append(e.isSymbolicLink() ? "-> " : e.isLink() ? "=> " : "").append(e.getLinkName()).append(' ')
                        .append(e.getExtraPaxHeaders()).append(' ').append(sha256(in.readAllBytes())).append('\n');
            }
        } catch (IOException e) {
            out.append("unreadable tar: ").append(e.getMessage());
        }
        return out.toString();
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
