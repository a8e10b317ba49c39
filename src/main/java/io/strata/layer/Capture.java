package io.strata.layer;

/**
 * One file a {@link ContentTap} asked for, as one layer stores it.
 *
 * @param path  the absolute in-image path
 * @param type  what is kept
 * @param bytes the file's bytes ({@link Type#FILE}), the inspector's record ({@link Type#INSPECTED}), else empty
 */
public record Capture(String path, Type type, byte[] bytes) {
    public enum Type {
        /** the whole content */
        FILE,
        /** the layer writes the path, but its content is not kept: over a limit, or not a regular file */
        SKIPPED,
        /** what an artifact inspector found while the file streamed past */
        INSPECTED
    }

    public Capture {
        if (bytes == null) bytes = new byte[0];
    }
}
