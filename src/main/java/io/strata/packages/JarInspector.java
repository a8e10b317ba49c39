package io.strata.packages;

import io.strata.model.Finding;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Java archives ({@code .jar}, {@code .war}, {@code .ear}, and {@code .zip}s that hold them) read as one stream,
 * never extracted: each {@code META-INF/maven/**}{@code /pom.properties} is a package; an archive without one is
 * named by its {@code MANIFEST.MF} (Implementation-Title/Version, else Bundle-SymbolicName/Version). Archives
 * inside archives (Spring Boot {@code BOOT-INF/lib}, {@code WEB-INF/lib}) are read recursively to
 * {@link Limits#maxDepth}; entries and inflated bytes are bounded so a zip bomb is a finding, not a hang.
 */
public final class JarInspector implements ArtifactInspector {

    static final String TOO_DEEP = "artifact-too-deep";
    static final String BOMB = "artifact-bomb";
    static final String UNREADABLE = "artifact-unreadable";
    private static final int MAX_SMALL_FILE = 1 << 20;

    /**
     * @param maxDepth        archives nested below the outer one that are still opened
     * @param maxEntries      entries across the outer archive and everything nested in it
     * @param minInflateLimit inflated bytes always allowed; beyond it, at most {@code maxInflateRatio} times the
     *                        outer file's stored size
     */
    public record Limits(int maxDepth, long maxEntries, long minInflateLimit, long maxInflateRatio) {
        public static final Limits DEFAULT = new Limits(4, 500_000, 1L << 30, 100);
    }

    private final Limits limits;

    public JarInspector() {
        this(Limits.DEFAULT);
    }

    public JarInspector(Limits limits) {
        this.limits = limits;
    }

    @Override
    public boolean wants(String absolutePath, long size, int mode) {
        return size >= 22 && isArchiveName(absolutePath); // 22: an empty zip's end record
    }

    private static boolean isArchiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear") || lower.endsWith(".zip");
    }

    private static boolean isJavaArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear");
    }

    @Override
    public List<DeclaredPackage> inspect(String absolutePath, InputStream content, List<Finding> findings) {
        Budget budget = new Budget(limits);
        List<DeclaredPackage> out = new ArrayList<>();
        try {
            read(absolutePath, new CountingStream(content, n -> budget.stored += n), 0, budget, out, findings);
        } catch (Stop stop) {
            findings.add(stop.finding.atPath(absolutePath));
        }
        return out;
    }

    /** Counts what the whole nest has cost; exceeding it stops the reading of the outer archive. */
    private static final class Budget {
        private final Limits limits;
        private long entries;
        private long inflated;
        /** Bytes read from the outer file itself: the inflate ratio is taken against them. */
        private long stored;

        Budget(Limits limits) {
            this.limits = limits;
        }

        void entry(String where) {
            if (++entries > limits.maxEntries())
                throw new Stop(Finding.warning(BOMB, where + ": more than " + limits.maxEntries()
                        + " archive entries, reading stopped"));
        }

        void inflated(long n, String where) {
            inflated += n;
            long limit = Math.max(limits.minInflateLimit(), stored * limits.maxInflateRatio());
            if (inflated > limit)
                throw new Stop(Finding.warning(BOMB, where + ": inflates past " + limit
                        + " bytes at over " + limits.maxInflateRatio() + "x its stored size (a zip bomb), reading stopped"));
        }
    }

    private static final class Stop extends RuntimeException {
        final Finding finding;

        Stop(Finding finding) {
            super(finding.message(), null, false, false);
            this.finding = finding;
        }
    }

    private void read(String location, InputStream in, int depth, Budget budget, List<DeclaredPackage> out,
                      List<Finding> findings) {
        ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true);
        List<Properties> poms = new ArrayList<>();
        Manifest manifest = null;
        byte[] buffer = new byte[8192];
        try {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                budget.entry(location);
                if (entry.isDirectory()) continue;
                String name = entry.getName();
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    byte[] bytes = small(zip, location + "!/" + name, budget, buffer);
                    Properties p = new Properties();
                    p.load(new ByteArrayInputStream(bytes));
                    poms.add(p);
                } else if (name.equals("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(small(zip, location + "!/" + name, budget, buffer)));
                } else if (isArchiveName(name)) {
                    String inner = location + "!/" + name;
                    if (depth + 1 > limits.maxDepth()) {
                        findings.add(Finding.warning(TOO_DEEP, inner + ": archive nested deeper than "
                                + limits.maxDepth() + " levels, not read").atPath(inner));
                        drain(zip, location, budget, buffer);
                    } else {
                        read(inner, new CountingStream(zip, n -> budget.inflated(n, inner)), depth + 1, budget, out, findings);
                    }
                } else if (entry.getMethod() != ZipArchiveEntry.STORED && entry.getGeneralPurposeBit().usesDataDescriptor()) {
                    // commons-compress would inflate it to find its end: count those bytes against the bomb guard
                    drain(zip, location, budget, buffer);
                }
            }
        } catch (Stop stop) {
            throw stop;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            findings.add(Finding.warning(UNREADABLE, location + ": not a readable zip archive: " + why).atPath(location));
        }
        addPackages(location, poms, manifest, out);
    }

    private void addPackages(String location, List<Properties> poms, Manifest manifest, List<DeclaredPackage> out) {
        List<String> licences = new ArrayList<>();
        Attributes main = manifest == null ? null : manifest.getMainAttributes();
        String bundleLicense = main == null ? null : main.getValue("Bundle-License");
        if (bundleLicense != null && !bundleLicense.isBlank() && bundleLicense.length() <= 200) licences.add(bundleLicense.strip());
        boolean any = false;
        for (Properties p : poms) {
            String group = p.getProperty("groupId");
            String artifact = p.getProperty("artifactId");
            String version = p.getProperty("version");
            if (artifact == null || artifact.isBlank() || version == null || version.isBlank()) continue;
            String name = group == null || group.isBlank() ? artifact.strip() : group.strip() + ":" + artifact.strip();
            out.add(pkg(name, version.strip(), licences, location));
            any = true;
        }
        if (any || !isJavaArchive(location)) return;
        // no pom.properties: the file name (artifact-version.jar) and the manifest, as syft does
        String file = location.substring(location.lastIndexOf('/') + 1);
        java.util.regex.Matcher m = FILE_NAME.matcher(file);
        String artifact = m.matches() ? m.group(1) : null;
        String version = m.matches() ? m.group(2) : null;
        String group = null;
        if (main != null) {
            String bundle = main.getValue("Bundle-SymbolicName");
            if (!blank(bundle)) bundle = bundle.split(";", 2)[0].strip();
            if (artifact == null) artifact = firstNonBlank(main.getValue("Implementation-Title"), bundle);
            version = firstNonBlank(main.getValue("Implementation-Version"), main.getValue("Bundle-Version"), version);
            if (!blank(bundle) && artifact != null && bundle.endsWith("." + artifact)) {
                group = bundle.substring(0, bundle.length() - artifact.length() - 1);
            } else {
                group = main.getValue("Implementation-Vendor-Id");
            }
        }
        if (blank(artifact) || blank(version)) return;
        String name = blank(group) ? artifact.strip() : group.strip() + ":" + artifact.strip();
        out.add(pkg(name, version.strip(), licences, location));
    }

    /** {@code name-1.2.3.jar}, {@code name-1.jar}, {@code name-2.0.0-SNAPSHOT.jar}: the version starts at a digit. */
    private static final java.util.regex.Pattern FILE_NAME =
            java.util.regex.Pattern.compile("(.+?)-(\\d[^/]*)\\.(?i:jar|war|ear)");

    private static String firstNonBlank(String... values) {
        for (String v : values) if (!blank(v)) return v;
        return null;
    }

    /** A package read from the archive file itself (not one inside it) owns that file. */
    private static DeclaredPackage pkg(String name, String version, List<String> licences, String location) {
        List<String> files = location.contains("!/") ? List.of() : List.of(location);
        return new DeclaredPackage(Ecosystem.JAVA, name, version, Optional.empty(), Optional.empty(), licences,
                location, files, List.of(), List.of(), Optional.empty(), false);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static byte[] small(InputStream zip, String where, Budget budget, byte[] buffer) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int n;
        while ((n = zip.read(buffer)) > 0) {
            budget.inflated(n, where);
            if (out.size() + n > MAX_SMALL_FILE) throw new IOException(where + " is larger than " + MAX_SMALL_FILE + " bytes");
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void drain(InputStream zip, String where, Budget budget, byte[] buffer) throws IOException {
        int n;
        while ((n = zip.read(buffer)) > 0) budget.inflated(n, where);
    }

    /** Reports the bytes read through it (the outer file's stored bytes, or a nested archive's inflated ones). */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private final java.util.function.LongConsumer counter;

        CountingStream(InputStream in, java.util.function.LongConsumer counter) {
            this.in = in;
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) counter.accept(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) counter.accept(n);
            return n;
        }

        @Override
        public void close() {
            // the stream underneath belongs to the caller (the layer, or the outer archive)
        }
    }
}
