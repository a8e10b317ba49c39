package io.strata.packages;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link ArtifactInspector} found in one file, as the bytes the layer scan keeps (and the layer cache
 * stores): a count, then each package's fields. Reading refuses anything but a whole, well-formed record.
 */
final class DeclaredPackageCodec {
    private static final int VERSION = 1;
    private static final int MAX_ITEMS = 1_000_000;

    private DeclaredPackageCodec() {
    }

    static byte[] encode(List<DeclaredPackage> packages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(packages.size());
            for (DeclaredPackage p : packages) {
                out.writeByte(p.ecosystem().ordinal());
                utf(out, p.name());
                utf(out, p.version());
                writeOptional(out, p.arch());
                writeOptional(out, p.source());
                writeList(out, p.licenses());
                utf(out, p.location());
                writeList(out, p.files());
                writeList(out, p.depends());
                writeList(out, p.recommends());
                out.writeByte(p.auto().map(a -> a ? 1 : 0).orElse(2));
                out.writeBoolean(p.dev());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The packages of a record, or empty when it is not one this code wrote. */
    static Optional<List<DeclaredPackage>> decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            if (in.readInt() != VERSION) return Optional.empty();
            int n = count(in, record.length);
            List<DeclaredPackage> out = new ArrayList<>(n);
            Ecosystem[] ecosystems = Ecosystem.values();
            for (int i = 0; i < n; i++) {
                int e = in.readUnsignedByte();
                if (e >= ecosystems.length) return Optional.empty();
                String name = in.readUTF();
                String version = in.readUTF();
                Optional<String> arch = readOptional(in);
                Optional<String> source = readOptional(in);
                List<String> licenses = readList(in, record.length);
                String location = in.readUTF();
                List<String> files = readList(in, record.length);
                List<String> depends = readList(in, record.length);
                List<String> recommends = readList(in, record.length);
                int auto = in.readUnsignedByte();
                boolean dev = in.readBoolean();
                out.add(new DeclaredPackage(ecosystems[e], name, version, arch, source, licenses, location, files,
                        depends, recommends, auto == 2 ? Optional.empty() : Optional.of(auto == 1), dev));
            }
            return in.available() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int count(DataInputStream in, int recordLength) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS || n > recordLength) throw new IOException("count " + n);
        return n;
    }

    /** writeUTF takes at most 65535 bytes; 16,000 chars of any text stay below that (hostile names are clipped). */
    private static void utf(DataOutputStream out, String s) throws IOException {
        out.writeUTF(s.length() > 16_000 ? s.substring(0, 16_000) : s);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) utf(out, value.get());
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) utf(out, v);
    }

    private static List<String> readList(DataInputStream in, int recordLength) throws IOException {
        int n = count(in, recordLength);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.readUTF());
        return out;
    }
}
