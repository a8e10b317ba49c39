package io.strata.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which file, in which state: device, inode, size, modification and change times. Two equal values name the same
 * file, unchanged in between (rewriting a file in place moves its change time, which no user call can set back).
 * Empty where the file system does not say (no unix attribute view).
 */
final class FileIdentity {
    private FileIdentity() {
    }

    static Optional<String> of(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return Optional.of("dev=" + a.get("dev") + " ino=" + a.get("ino") + " size=" + a.get("size")
                    + " mtime=" + nanos(a.get("lastModifiedTime")) + " ctime=" + nanos(a.get("ctime")));
        } catch (IOException | RuntimeException unsupported) {
            return Optional.empty();
        }
    }

    private static String nanos(Object time) {
        return time instanceof FileTime t ? Long.toString(t.to(TimeUnit.NANOSECONDS)) : "?";
    }
}
