package io.strata.testing;

import io.strata.cache.CacheLocation;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cache folder of a test's own, empty at the start of each test: {@code @RegisterExtension final TempCache cache =
 * new TempCache();} points {@code strata.cacheDir} at it for the test and restores the previous value after.
 */
public final class TempCache implements BeforeEachCallback, AfterEachCallback {
    private Path folder;
    private PropertyOverride setting;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("strata-test-cache");
        setting = PropertyOverride.set(CacheLocation.PROPERTY, folder.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        setting.close();
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public Path folder() {
        return folder;
    }

    /** The files of one of the cache's folders ("layers", "derived"), sorted; none when it is not there yet. */
    public List<Path> entries(String kind) throws IOException {
        Path dir = folder.resolve(kind);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
