package io.strata.cli;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.model.Finding;
import io.strata.packages.InstalledPackage;
import io.strata.packages.Inventory;
import io.strata.report.CycloneDxWriter;
import io.strata.report.SbomInput;
import io.strata.report.SpdxWriter;
import io.strata.session.ExitCodes;
import io.strata.session.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "sbom", mixinStandardHelpOptions = true, description = {
        "A software bill of materials of one image: CycloneDX 1.6 or SPDX 2.3 JSON, each package with its purl.",
        "The image is the root component (name, digest, platform, labels); each package has its purl, licences and",
        "the diffId of the layer that installed it."})
public class SbomCommand implements Callable<Integer> {
    /** The version written into the documents as the producing tool. */
    static final String VERSION = "0.1.0";

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cyclonedx",
            description = "cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3 JSON) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the document here instead of standard output (as export and report write theirs).")
    String output;

    @Mixin
    OneImageOptions input;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("cyclonedx") && !format.equals("spdx"))
            throw new UsageException("--format " + format + ": cyclonedx or spdx");
        PrintWriter err = input.err();
        try (Workspace ws = new Workspace(input.options())) {
            ImageArchive archive = ws.open(input.archive);
            ImageEntry image = ws.select(archive);
            // the inventory alone, so a warm run whose inventory is kept loads no layer at all
            Inventory inventory = ws.packages(archive, image);
            SbomInput in = input(image, inventory.packages());
            String document = format.equals("spdx") ? SpdxWriter.json(in) : CycloneDxWriter.json(in);
            if (output == null || output.equals("-")) {
                PrintWriter out = input.out();
                out.print(document);
                out.flush();
                if (out.checkError()) throw new java.io.IOException("standard output: write failed");
            } else {
                try (OutputTarget target = OutputTarget.open(output, input.archives())) {
                    OutputStream out = target.stream();
                    out.write(document.getBytes(StandardCharsets.UTF_8));
                    target.commit();
                }
            }
            for (Finding f : inventory.findings()) err.println("strata: warning: " + f.message());
            err.flush();
            return ExitCodes.OK;
        }
    }

    static SbomInput input(ImageEntry image, List<InstalledPackage> packages) {
        SbomInput.Image subject = new SbomInput.Image(image.refs(), image.manifestDigest(), image.configDigest(),
                image.platform(), image.config().labels(), image.config().created());
        List<SbomInput.Package> rows = packages.stream().map(p -> new SbomInput.Package(p.declared(),
                Optional.ofNullable(p.purl()).filter(s -> !s.isEmpty()), Optional.of(p.layer().diffId()),
                Optional.of(p.layer().index()))).toList();
        return new SbomInput(subject, rows, VERSION, Instant.now());
    }
}
