package io.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as installed: the distribution's layout (bin/strata, lib/strata.jar) reached through a symlink from
 * another folder, run from a third. The jar here is the test class path behind a manifest, so no build is needed.
 */
class LauncherTest {
    @Test
    void aSymlinkToTheLauncherWorksFromAnyFolder(@TempDir Path dir) throws Exception {
        Path dist = dir.resolve("opt/strata");
        Files.createDirectories(dist.resolve("bin"));
        Files.createDirectories(dist.resolve("lib"));
        Path launcher = dist.resolve("bin/strata");
        Files.copy(Path.of("strata"), launcher);
        launcher.toFile().setExecutable(true);
        writeManifestJar(dist.resolve("lib/strata.jar"));
        Path onPath = Files.createDirectories(dir.resolve("usr/local/bin"));
        // a relative link, as `ln -s ../../../opt/strata/bin/strata` makes, and a link to that link
        Files.createSymbolicLink(onPath.resolve("strata"), Path.of("../../../opt/strata/bin/strata"));
        Files.createSymbolicLink(dir.resolve("strata-again"), onPath.resolve("strata"));
        Path cwd = Files.createDirectories(dir.resolve("home/user"));
        String sample = Path.of(CliRun.SAMPLE).toAbsolutePath().toString();
        CliRun inProcess = CliRun.strata("config", sample);
        for (Path link : List.of(onPath.resolve("strata"), dir.resolve("strata-again"))) {
            Process p = new ProcessBuilder(link.toString(), "config", sample).directory(cwd.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
            assertEquals(0, p.exitValue(), out);
            assertEquals(inProcess.out(), out, link.toString());
        }
        assertTrue(Files.list(dist.resolve("bin")).count() == 1, "nothing built beside the link or the launcher");
    }

    static void writeManifestJar(Path jar) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.strata.cli.Main");
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
    }
}
