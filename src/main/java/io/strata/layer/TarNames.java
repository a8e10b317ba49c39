package io.strata.layer;

import io.strata.model.NameBytes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Names from tar headers, kept as bytes (see {@link NameBytes}). The scanner reads header names as ISO-8859-1, so
 * every raw byte survives as one char (commons-compress turns bytes that are not UTF-8 into '?', which would merge
 * distinct names); PAX path records come raw from {@link GuardedTarInputStream} (commons-compress decodes them as
 * UTF-8 with U+FFFD for every invalid byte). Both become the lossless string of {@link NameBytes#decode}.
 */
final class TarNames {
    private static final String SCHILY_XATTR = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

    private TarNames() {
    }

    /** The entry's name: the raw PAX path when there was one, else the header's (or GNU long name's) bytes. */
    static String name(GuardedTarInputStream tar, TarArchiveEntry e) {
        byte[] raw = tar.rawPaxPath();
        return raw != null ? NameBytes.decode(raw) : decode(e.getName());
    }

    /** The entry's link target, likewise. */
    static String linkName(GuardedTarInputStream tar, TarArchiveEntry e) {
        byte[] raw = tar.rawPaxLinkPath();
        return raw != null ? NameBytes.decode(raw) : decode(e.getLinkName());
    }

    /** A name read as ISO-8859-1 (one char per byte) in its lossless form; a name with wider chars is left alone. */
    static String decode(String name) {
        boolean high = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xFF) return name;
            if (c >= 0x80) high = true;
        }
        if (!high) return name;
        return NameBytes.decode(name.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Extended attributes from PAX records: SCHILY.xattr.NAME (GNU tar, Go, docker) and LIBARCHIVE.xattr.NAME
     * (bsdtar: URL-encoded name, base64 value). Null when there are none. Values are kept as UTF-8 text, so a
     * binary value (security.capability) keeps its presence and length class but not every byte.
     */
    static Map<String, String> xattrs(Map<String, String> pax) {
        if (pax.isEmpty()) return null;
        Map<String, String> out = null;
        for (Map.Entry<String, String> h : pax.entrySet()) {
            String k = h.getKey();
            String name;
            String value = h.getValue();
            if (k.startsWith(SCHILY_XATTR)) {
                name = k.substring(SCHILY_XATTR.length());
            } else if (k.startsWith(LIBARCHIVE_XATTR)) {
                name = java.net.URLDecoder.decode(k.substring(LIBARCHIVE_XATTR.length()), StandardCharsets.UTF_8);
                try {
                    value = new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException notBase64) {
                    // keep the text as given
                }
            } else {
                continue;
            }
            if (out == null) out = new HashMap<>();
            out.put(name, value);
        }
        return out;
    }
}
