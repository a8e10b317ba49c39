package io.strata.verify;

import io.strata.model.Digest;
import io.strata.model.Finding;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The evidence of one verify run: the archive (with its own sha256, so the report can be filed with the audit),
 * every image and layer checked, and the findings. It passes when no finding is an error.
 */
public record VerifyReport(Archive archive, List<ImageVerdict> images, List<Finding> findings) {

    /** The archive as given: path as the user named it, flavour, size, and its sha256 when it is one file. */
    public record Archive(String path, String format, long bytes, Optional<Digest> sha256) {
    }

    public VerifyReport {
        images = List.copyOf(images);
        findings = List.copyOf(findings);
    }

    /** Archive-level findings first, then each image's, in order. */
    public Stream<Finding> allFindings() {
        return Stream.concat(findings.stream(), images.stream().flatMap(i -> i.findings().stream()));
    }

    public long count(Finding.Severity severity) {
        return allFindings().filter(f -> f.severity() == severity).count();
    }

    public boolean passed() {
        return count(Finding.Severity.ERROR) == 0;
    }
}
