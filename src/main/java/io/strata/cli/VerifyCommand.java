package io.strata.cli;

import io.strata.report.SetWriter;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.report.JsonOutput;
import io.strata.report.SarifWriter;
import io.strata.report.VerifyWriter;
import io.strata.verify.ArchiveDigest;
import io.strata.verify.Verifier;
import io.strata.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Integrity of an archive, or of each archive of a set.",
        // one element per paragraph: picocli wraps each to the terminal's width and breaks the line after it
        "Checks every blob's digest (sha256, sha512, blake3) and size against its descriptor, layer diff_ids "
                + "against the config, ChainIDs, manifest.json/repositories/index references, and spec lints of "
                + "every layer tar.",
        "Exit 0 when all checks pass, 1 when any error-level finding exists (in any archive)."})
public class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Saved image(s): tar, tar.gz, tar.zst, OCI layout directory, - for stdin, or a folder of archives; each is verified on its own.")
    List<String> archives;

    @Mixin
    SarifFormatOption format;

    @Mixin
    InputOptions input;

    @Option(names = "--no-trunc", description = "Show full digests.")
    boolean noTrunc;

    /** --quiet comes with the input options (it also silences progress) and means the same here. */
    @Option(names = "-q", description = "Print only errors, warnings and the result line (also --quiet).")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // uncached: verify reads and hashes every blob itself, whatever an earlier run kept
        SarifWriter sarif = format.sarif() ? new SarifWriter("verify") : null;
        try (Workspace ws = Workspace.uncached(input.options())) {
            int code = SetRunner.archives(ws, archives, new SetWriter(!format.sarif() ? format.json() : true,
                    sarif != null ? new PrintWriter(java.io.Writer.nullWriter()) : out, spec.commandLine().getErr()),
                    (archive, report) -> verify(ws, archive, report, sarif));
            if (sarif != null) JsonOutput.write(sarif.document(), out);
            return code;
        } finally {
            out.flush();
        }
    }

    /** Every blob of one archive is read: a layer stored in two archives is two copies, each to be checked. */
    private int verify(Workspace ws, String archive, SetRunner.Report sink, SarifWriter sarif) throws Exception {
        Path spooled = "-".equals(archive) ? spoolStdin(input.rails.maxSpoolBytes) : null;
        try {
            String path = spooled != null ? spooled.toString() : archive;
            ImageArchive a = ws.open(path);
            // every image, attestations and artifacts included, unless the user narrowed the choice
            List<ImageEntry> images = input.image().isPresent() || input.platform().isPresent()
                    ? ws.selectAll(a) : a.images();
            VerifyReport.Archive summary = new VerifyReport.Archive(archive, a.format(), a.bytes(),
                    ArchiveDigest.sha256(Path.of(path)));
            Verifier.Options options = input.verifierOptions();
            VerifyReport report = Verifier.verify(a, images, summary, options);
            VerifyWriter writer = new VerifyWriter(noTrunc, quiet || input.quiet);
            if (sarif != null) {
                writer.setFigures(report).forEach(sink::addToSet);
                sarif.verify(report);
            } else {
                writer.write(report, format.json(), sink);
            }
            return report.passed() ? ExitCodes.OK : ExitCodes.FOUND;
        } finally {
            if (spooled != null) Files.deleteIfExists(spooled);
        }
    }

    /** Standard input is copied once so its sha256 can be reported and the archive read by offset. */
    private static Path spoolStdin(long maxBytes) throws ArchiveException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("strata-verify-", ".tar");
            tmp.toFile().deleteOnExit();
            try (InputStream in = io.strata.archive.ImageArchives.standardInput();
                 OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                int r;
                while ((r = in.read(buf)) > 0) {
                    total += r;
                    if (total > maxBytes) {
                        throw new ArchiveException("<stdin>: more than " + maxBytes + " bytes (raise --max-spool-bytes)");
                    }
                    out.write(buf, 0, r);
                }
            }
            return tmp;
        } catch (IOException | ArchiveException e) {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // deleteOnExit is the fallback
            }
            if (e instanceof ArchiveException ae) throw ae;
            throw new ArchiveException("<stdin>: cannot read: " + e.getMessage());
        }
    }
}
