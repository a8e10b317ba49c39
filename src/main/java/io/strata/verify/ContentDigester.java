package io.strata.verify;

import io.strata.model.Digest;
import org.bouncycastle.crypto.digests.Blake3Digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hashes one stream of bytes with every digest algorithm the OCI image spec registers that was asked for
 * (sha256, sha512, blake3), so a blob is read once however many algorithms its descriptors use.
 */
public final class ContentDigester {
    private final Map<String, Hasher> hashers = new LinkedHashMap<>();

    public ContentDigester(Set<String> algorithms) {
        for (String a : new TreeSet<>(algorithms)) hashers.put(a, hasher(a));
    }

    public static ContentDigester of(String... algorithms) {
        return new ContentDigester(Set.of(algorithms));
    }

    public void update(byte[] bytes, int offset, int length) {
        for (Hasher h : hashers.values()) h.update(bytes, offset, length);
    }

    /** The digests of everything fed so far; call once, at the end. */
    public Map<String, Digest> finish() {
        Map<String, Digest> out = new LinkedHashMap<>();
        hashers.forEach((a, h) -> out.put(a, new Digest(a, HexFormat.of().formatHex(h.finish()))));
        return out;
    }

    /** The digest of a small byte array in one algorithm. */
    public static Digest digest(String algorithm, byte[] bytes) {
        Hasher h = hasher(algorithm);
        h.update(bytes, 0, bytes.length);
        return new Digest(algorithm, HexFormat.of().formatHex(h.finish()));
    }

    private interface Hasher {
        void update(byte[] bytes, int offset, int length);

        byte[] finish();
    }

    private static Hasher hasher(String algorithm) {
        return switch (algorithm) {
            case "sha256" -> jca(Digest.newSha256());
            case "sha512" -> jca(sha512());
            case "blake3" -> blake3();
            default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "'");
        };
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Hasher jca(MessageDigest md) {
        return new Hasher() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                md.update(bytes, offset, length);
            }

            @Override
            public byte[] finish() {
                return md.digest();
            }
        };
    }

    /** BLAKE3 with the 256-bit output the OCI spec registers ("blake3:" + 64 hex characters). */
    private static Hasher blake3() {
        Blake3Digest b = new Blake3Digest(256);
        return new Hasher() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                b.update(bytes, offset, length);
            }

            @Override
            public byte[] finish() {
                byte[] out = new byte[32];
                b.doFinal(out, 0);
                return out;
            }
        };
    }
}
