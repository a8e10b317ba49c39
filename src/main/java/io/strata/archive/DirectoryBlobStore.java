package io.strata.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** An OCI layout (or unpacked docker save) directory. Links are followed only while they stay inside it. */
final class DirectoryBlobStore implements BlobStore {
    private final Path root;
    private final Path realRoot;
    private final String label;

    DirectoryBlobStore(Path root, String label) throws ArchiveException {
        this.root = root;
        this.label = label;
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new ArchiveException(label + ": cannot read directory: " + e.getMessage());
        }
    }

    @Override
    public Optional<StoredFile> find(String name) throws ArchiveException {
        Optional<String> normal = TarBlobStore.normaliseName(name);
        if (normal.isEmpty()) throw new ArchiveException(label + ": '" + name + "' points outside the directory");
        Path p = root.resolve(normal.get());
        if (!Files.exists(p)) return Optional.empty();
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new ArchiveException(label + ": '" + name + "' links outside the directory");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
            return Optional.of(new StoredFile(normal.get(), 0, Files.size(real)));
        } catch (IOException e) {
            throw new ArchiveException(label + ": cannot read '" + name + "': " + e.getMessage());
        }
    }

    @Override
    public List<String> names() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).limit(1_000_000)
                    .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        } catch (IOException | java.io.UncheckedIOException e) {
            // listing is informational; find() reports real problems
        }
        return out;
    }

    @Override
    public InputStream open(StoredFile file) throws IOException {
        FileChannel ch = FileChannel.open(root.resolve(file.name()), StandardOpenOption.READ);
        return new java.io.FilterInputStream(new PositionalInputStream(ch, 0, file.size(), label + ": " + file.name())) {
            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public Optional<String> identity(StoredFile file) {
        return FileIdentity.of(root.resolve(file.name())).map(id -> id + " at=0+" + file.size());
    }

    @Override
    public void close() {
    }
}
