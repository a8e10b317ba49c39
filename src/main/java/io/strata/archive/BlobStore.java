package io.strata.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The files of an archive, addressed by normalised relative name; links are resolved inside the store. */
interface BlobStore extends Closeable {

    /** Finds a regular file by name, following symlinks and hardlinks that stay inside the archive. */
    Optional<StoredFile> find(String name) throws ArchiveException;

    /** The names of all regular files and links, in archive order. */
    List<String> names();

    /** Opens a file's bytes; safe to call from several threads at once. */
    InputStream open(StoredFile file) throws IOException;

    /**
     * The file that holds these bytes, in its present state, and where in it they are: equal values mean the same
     * bytes as before without reading them. Empty when that cannot be told (a temporary spool, no inode numbers).
     */
    Optional<String> identity(StoredFile file);
}
