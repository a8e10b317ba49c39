package io.strata.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** One view of the captured files (the merged filesystem, or the stack up to one layer): path to bytes. */
final class CapturedFiles implements PackageFiles {
    private final NavigableMap<String, byte[]> files;

    CapturedFiles(Map<String, byte[]> files) {
        this.files = new TreeMap<>(files);
    }

    @Override
    public List<String> paths() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public Optional<byte[]> read(String absolutePath) {
        return Optional.ofNullable(files.get(absolutePath));
    }
}
