package io.strata.cli;

import io.strata.session.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The launcher's training run for the class-data-sharing archive: the version, help and usage errors, then the
 * everyday commands on the bundled sample, in one JVM, once with the layers scanned and once taken from a fresh
 * layer cache, so the classes of both paths are archived; then {@code packages} and {@code sbom} on every further
 * archive given (the launcher passes the dpkg test image when the checkout has it: the sample has no package
 * database, and the readers, purl and SBOM classes would otherwise be loaded from the jar on every run). Output goes nowhere; the cache is a temporary
 * folder, removed at the end.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        train(Files.createTempDirectory("strata-cds-training"), args);
    }

    /** The training run with its layer cache in {@code cache}, an empty folder it removes at the end. */
    static void train(Path cache, String[] args) throws IOException {
        String sample = args[0];
        String previous = System.getProperty("strata.cacheDir");
        System.setProperty("strata.cacheDir", cache.toString());
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        try {
            // what Main.main does before a command runs, which the in-process runs below skip: its classes
            for (String name : List.of("Main$Fatal", "WarmUp", "Terminal", "StandardOutput", "StandardOutput$1", "ProgressMeter",
                    "ProgressMeter$1")) {
                try {
                    Class.forName(CdsTraining.class.getPackageName() + "." + name, false, CdsTraining.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("start-up class " + name + " is gone: update the training", e);
                }
            }
            // the start-up warm-up's own work (its documents reach readers' lambdas no sample archive does)
            try {
                WarmUp.annotations("packages");
                WarmUp.warm();
            } catch (Exception e) {
                throw new IllegalStateException("the start-up warm-up failed: " + e, e);
            }
            // the command line itself: the version, help pages (picocli's renderers) and usage errors, which exit 2
            for (List<String> line : List.of(List.of("--version"), List.of("--help"), List.of("inspect", "--help"),
                    List.of("waste", "--no-cahce", sample), List.of("inspect"))) {
                int code = Main.run(line.toArray(String[]::new), nowhere, nowhere);
                if (code > ExitCodes.BAD_INPUT) throw new IllegalStateException("strata " + line + " exited " + code);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (List<String> line : List.of(
                        List.of("inspect", sample), List.of("inspect", "--format", "json", sample),
                        List.of("history", sample), List.of("waste", sample), List.of("waste", "--format", "json", sample),
                        List.of("files", sample), List.of("ci", sample), List.of("advise", sample),
                        List.of("verify", sample), List.of("report", "--no-verify", "-o", "-", sample))) {
                    int code = Main.run(line.toArray(String[]::new), nowhere, nowhere);
                    // 1 is a finding (ci, verify); 2 or 3 means the training did not run what it should
                    if (code > ExitCodes.FOUND) throw new IllegalStateException("strata " + line + " exited " + code);
                }
                for (int a = 1; a < args.length; a++) {
                    for (List<String> line : List.of(List.of("packages", args[a]),
                            List.of("packages", "--format", "json", args[a]), List.of("sbom", args[a]),
                            List.of("sbom", "--format", "spdx", args[a]))) {
                        int code = Main.run(line.toArray(String[]::new), nowhere, nowhere);
                        if (code > ExitCodes.FOUND) throw new IllegalStateException("strata " + line + " exited " + code);
                    }
                }
            }
        } finally {
            if (previous == null) System.clearProperty("strata.cacheDir");
            else System.setProperty("strata.cacheDir", previous);
            try (Stream<Path> all = Files.walk(cache)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
