package io.strata.extract;

import io.strata.layer.LayerEntryStreamer;
import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;
import io.strata.model.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Copies the bytes of stored file entries out of a layer blob, hashing as they pass: what is copied must be what
 * the scan recorded (size and sha256), or the copy fails, so a blob that changed under us is never passed on.
 */
public final class EntryCopier {
    private EntryCopier() {
    }

    /** Copies entry {@code ordinal} of the layer to {@code out}; returns the bytes copied. */
    public static long copyOne(InputStream storedLayer, LayerIndex index, int ordinal, LayerScanner.Options options,
                               OutputStream out) throws LayerException, IOException {
        long[] copied = {-1};
        LayerEntryStreamer.stream(storedLayer, index, options, (i, header, content) -> {
            if (i != ordinal) return true;
            copied[0] = copyChecked(content, out, index, i);
            return false;
        });
        if (copied[0] < 0) throw new LayerException("entry /" + index.path(ordinal) + " was not found in the layer");
        return copied[0];
    }

    /** Copies an entry's content, failing when its size or sha256 is not what the scan recorded. */
    static long copyChecked(InputStream content, OutputStream out, LayerIndex index, int ordinal) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int r;
        while ((r = content.read(buf)) > 0) {
            sha.update(buf, 0, r);
            out.write(buf, 0, r);
            total += r;
        }
        Optional<Digest> expected = index.sha256(ordinal);
        Digest actual = Digest.sha256(sha.digest());
        if (total != index.size(ordinal) || (expected.isPresent() && !expected.get().equals(actual))) {
            throw new IOException("/" + index.path(ordinal) + ": the layer now holds " + total + " bytes with "
                    + actual + ", not the " + index.size(ordinal) + " bytes scanned; the archive changed while read");
        }
        return total;
    }

    private static MessageDigest sha256() {
        return Digest.newSha256();
    }
}
