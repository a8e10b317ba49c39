package io.strata.cli;

import io.strata.session.Workspace;
import io.strata.session.ExitCodes;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.report.ManifestWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "manifest", mixinStandardHelpOptions = true, description = {
        "The manifest of an image and the archive's index: media types, the config and every layer descriptor.",
        "No layer is read."})
public class ManifestCommand implements Callable<Integer> {
    @Mixin
    FormatOption format;

    @Mixin
    OneImageOptions input;

    @Option(names = "--raw", description = "Print the manifest byte for byte as stored (a docker-archive without a manifest blob: its manifest.json).")
    boolean raw;

    @Option(names = "--index", description = "With --raw: print the archive's index.json instead.")
    boolean index;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = input.out();
        if (index && !raw) throw new UsageException("--index goes with --raw (text and JSON show the index anyway)");
        try (Workspace ws = new Workspace(input.options())) {
            ImageArchive a = ws.open(input.archive);
            Optional<byte[]> indexJson = storedTopLevel(a, "index.json");
            if (raw && index) {
                RawOutput.write(indexJson.orElseThrow(() -> new ArchiveException(a.label() + ": holds no index.json")),
                        input.archive);
                return ExitCodes.OK;
            }
            ImageEntry image = ws.select(a);
            String source;
            byte[] manifest;
            if (image.manifestDigest().isPresent()) {
                source = image.manifestDigest().get().toString();
                manifest = a.readBlob(image.manifestDigest().get(), input.rails.maxJsonBytes).orElseThrow(() ->
                        new ArchiveException(a.label() + ": no stored file holds manifest " + source));
            } else {
                source = "manifest.json";
                manifest = storedTopLevel(a, source).orElseThrow(() ->
                        new ArchiveException(a.label() + ": holds neither a manifest blob nor manifest.json"));
            }
            if (raw) {
                RawOutput.write(manifest, input.archive);
                return ExitCodes.OK;
            }
            try {
                new ManifestWriter().write(new ManifestWriter.Manifest(a.label(), a.format(), image, source, manifest,
                        indexJson), format.json(), out);
            } catch (ManifestWriter.UnreadableDocument e) {
                // a manifest or index that is not JSON is bad input, named with its archive (exit 2), not a bug
                throw new ArchiveException(a.label() + ": " + e.document() + ": " + e.getMessage());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** NAME at the top of the archive, or under its one top folder (an OCI layout packed in a folder). */
    private Optional<byte[]> storedTopLevel(ImageArchive a, String name) throws Exception {
        for (String n : a.storedNames()) {
            if (n.equals(name) || (n.endsWith("/" + name) && n.indexOf('/') == n.length() - name.length() - 1)) {
                return a.readStored(n, input.rails.maxJsonBytes);
            }
        }
        return Optional.empty();
    }
}
