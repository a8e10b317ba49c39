package io.strata.cli;

import io.strata.session.Workspace;
import io.strata.session.ExitCodes;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.report.ConfigWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true, description = {
        "The image config at a glance: what a container runs, as whom, where and with what.",
        "Env, Cmd, Entrypoint, User, WorkingDir, Labels, ExposedPorts, Volumes, StopSignal, Healthcheck, OnBuild,",
        "Shell, platform, created and author. No layer is read."})
public class ConfigCommand implements Callable<Integer> {
    @Mixin
    FormatOption format;

    @Mixin
    OneImageOptions input;

    @Option(names = "--raw", description = "Print the config blob byte for byte as the archive stores it.")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = input.out();
        try (Workspace ws = new Workspace(input.options())) {
            ImageArchive a = ws.open(input.archive);
            ImageEntry image = ws.select(a);
            if (raw) {
                byte[] bytes = a.readBlob(image.configDigest(), input.rails.maxJsonBytes).orElseThrow(() ->
                        new ArchiveException(a.label() + ": no stored file holds config " + image.configDigest()));
                RawOutput.write(bytes, input.archive);
                return ExitCodes.OK;
            }
            new ConfigWriter().write(new ConfigWriter.Config(a.label(), image), format.json(), out);
            out.flush();
            return ExitCodes.OK;
        }
    }
}
