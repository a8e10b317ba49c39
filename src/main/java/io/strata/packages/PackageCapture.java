package io.strata.packages;

import io.strata.layer.CodeFingerprint;
import io.strata.layer.ContentTap;
import io.strata.model.Finding;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packages' side of the one scan: the layer scanner keeps the bytes of every file a {@link DatabaseReader}
 * captures (and the os-release files purls need) and streams the files an {@link ArtifactInspector} wants
 * through it, keeping what it finds as a {@link DeclaredPackageCodec} record.
 */
public final class PackageCapture implements ContentTap {
    /** Default bound on one captured file. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
    /** Default bound on all captured files of one layer. */
    public static final long DEFAULT_MAX_LAYER_BYTES = 256L << 20;
    static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");

    private final List<DatabaseReader> readers;
    private final List<ArtifactInspector> inspectors;
    private final long maxFileBytes;
    private final long maxLayerBytes;
    private volatile String fingerprint;

    public PackageCapture(List<DatabaseReader> readers, List<ArtifactInspector> inspectors, long maxFileBytes,
                          long maxLayerBytes) {
        this.readers = List.copyOf(readers);
        this.inspectors = List.copyOf(inspectors);
        this.maxFileBytes = maxFileBytes;
        this.maxLayerBytes = maxLayerBytes;
    }

    /** Made when a cache key first needs it, so a run without the cache never looks for the code. */
    private String computeFingerprint() {
        Set<String> code = new TreeSet<>();
        code.add(CodeFingerprint.ofPackage(PackageCapture.class));
        for (Object o : readers) code.add(o.getClass().getPackageName() + ":" + CodeFingerprint.ofPackage(o.getClass()));
        for (Object o : inspectors) code.add(o.getClass().getPackageName() + ":" + CodeFingerprint.ofPackage(o.getClass()));
        return "packages " + maxFileBytes + "/" + maxLayerBytes + " " + String.join(",", code);
    }

    /** Every reader and inspector Strata has, under the given limits. */
    public static PackageCapture all(long maxFileBytes, long maxLayerBytes) {
        return new PackageCapture(PackageReaders.databases(), PackageReaders.inspectors(), maxFileBytes, maxLayerBytes);
    }

    List<DatabaseReader> readers() {
        return readers;
    }

    @Override
    public boolean captures(String absolutePath) {
        for (DatabaseReader r : readers) if (r.captures(absolutePath)) return true;
        return OS_RELEASE.contains(absolutePath);
    }

    @Override
    public boolean inspects(String absolutePath, long size, int mode) {
        for (ArtifactInspector i : inspectors) if (i.wants(absolutePath, size, mode)) return true;
        return false;
    }

    @Override
    public byte[] inspect(String absolutePath, long size, int mode, InputStream content, List<Finding> findings)
            throws IOException {
        for (ArtifactInspector i : inspectors) {
            if (i.wants(absolutePath, size, mode)) {
                List<DeclaredPackage> found = i.inspect(absolutePath, content, findings);
                return found.isEmpty() ? null : DeclaredPackageCodec.encode(new ArrayList<>(found));
            }
        }
        return null;
    }

    @Override
    public long maxFileBytes() {
        return maxFileBytes;
    }

    @Override
    public long maxLayerBytes() {
        return maxLayerBytes;
    }

    @Override
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) fingerprint = f = computeFingerprint();
        return f;
    }
}
