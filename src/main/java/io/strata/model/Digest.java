package io.strata.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** A content digest such as {@code sha256:abc...}; validated so a hostile string never reaches a path or a map key. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    public Digest {
        if (!isKnownAlgorithm(algorithm)) {
            throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "'");
        }
        int expected = hexLength(algorithm);
        if (hex.length() != expected || !isLowerHex(hex)) {
            throw new IllegalArgumentException("digest " + algorithm + ":" + shorten(hex)
                    + " is not " + expected + " lowercase hex characters");
        }
    }

    /** Parses {@code algorithm:hex}; throws IllegalArgumentException with a readable reason. */
    public static Digest parse(String text) {
        if (text == null) throw new IllegalArgumentException("digest is missing");
        int colon = text.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("'" + shorten(text) + "' is not a digest (algorithm:hex)");
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Optional<Digest> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Digest sha256(byte[] raw) {
        return new Digest("sha256", HexFormat.of().formatHex(raw));
    }

    /** A fresh SHA-256 hasher: the one place that asks the JVM for it (every JVM has SHA-256). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sha256 digest of {@code bytes}. */
    public static Digest sha256Of(byte[] bytes) {
        return sha256(newSha256().digest(bytes));
    }

    public static boolean isKnownAlgorithm(String algorithm) {
        return "sha256".equals(algorithm) || "sha512".equals(algorithm) || "blake3".equals(algorithm);
    }

    private static int hexLength(String algorithm) {
        return "sha512".equals(algorithm) ? 128 : 64;
    }

    private static boolean isLowerHex(String s) {
        // a loop, not a stream: a merged filesystem builds a digest for each of 200,000 files
        for (int i = 0; i < s.length(); i++) if (!isLowerHex(s.charAt(i))) return false;
        return true;
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /** The first 12 hex characters, as docker shows image IDs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    public boolean matchesPrefix(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains(":")) return toString().startsWith(t) && t.length() > algorithm.length() + 4;
        return t.length() >= 4 && hex.startsWith(t);
    }

    /**
     * Written out rather than the record's own: those are linked on first use by method handles spun at run time
     * (about 10 ms at start-up, when resolving the image puts the first digest in a map). Same values as the
     * record's (31 * algorithm's hash + hex's hash), so no map iterates differently.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && algorithm.equals(d.algorithm) && hex.equals(d.hex);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
