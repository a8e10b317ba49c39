package io.strata.layer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Names from tar headers. The scanner reads header names as ISO-8859-1, so every raw byte survives as one char
 * (commons-compress turns bytes that are not UTF-8 into '?', which would merge distinct names). A name whose bytes
 * are valid UTF-8 is decoded as UTF-8; one that is not stays Latin-1. PAX names arrive already decoded (UTF-8);
 * a PAX name with a char above U+00FF is left alone.
 */
final class TarNames {
    private static final String SCHILY_XATTR = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

    private TarNames() {
    }

    static String decode(String name) {
        boolean high = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xFF) return name;
            if (c >= 0x80) high = true;
        }
        if (!high) return name;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return name;
        }
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
