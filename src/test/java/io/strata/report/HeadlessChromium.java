package io.strata.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a headless Chromium (Debian package chromium) on a local page: the DOM after the page's script ran, and
 * screenshots. Each run gets its own profile folder, so parallel runs do not share state.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private final Path binary;
    private final Path scratch;

    private HeadlessChromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** The browser on PATH (or $STRATA_CHROMIUM), with a scratch folder for its profiles; empty when absent. */
    static Optional<HeadlessChromium> find(Path scratch) {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("STRATA_CHROMIUM");
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String n : NAMES) candidates.add(Path.of(dir, n));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(b -> new HeadlessChromium(b, scratch));
    }

    String dumpDom(Path page) throws IOException, InterruptedException {
        return dumpUrl(page.toUri().toString());
    }

    String dumpUrl(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** The DOM of a page laid out in a window of this size (the script sees that width). */
    String dumpDom(Path page, int width, int height) throws IOException, InterruptedException {
        return run(List.of("--window-size=" + width + "," + height, "--dump-dom", page.toUri().toString()));
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--hide-scrollbars", "--screenshot=" + png, "--window-size=" + width + "," + height,
                page.toUri().toString()));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 120 s: " + cmd);
        }
        if (p.exitValue() != 0) throw new IOException("chromium exited " + p.exitValue() + ": " + cmd);
        return new String(out, StandardCharsets.UTF_8);
    }
}
