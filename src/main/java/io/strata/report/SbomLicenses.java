package io.strata.report;

import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Declared licences as SBOMs want them: an SPDX licence id when the text is one (or is the URL the SPDX list
 * gives for one), an SPDX expression when every operand is an id, else the text as a name. Ids come from the
 * SPDX licence list bundled with CycloneDX's library; names are never guessed into ids ("BSD License" stays a
 * name: it does not say which BSD).
 */
final class SbomLicenses {
    private static final Pattern OPERATOR = Pattern.compile("\\s+(?:AND|OR|WITH)\\s+");

    private SbomLicenses() {
    }

    /** The SPDX id of a licence text, when it is an id (any case) or a URL the list maps to one. */
    static Optional<String> spdxId(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.contains(" ")) return Optional.empty();
        LicenseChoice choice;
        try {
            choice = LicenseResolver.resolve(t);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (choice == null || choice.getLicenses() == null || choice.getLicenses().isEmpty()) return Optional.empty();
        String id = choice.getLicenses().get(0).getId();
        if (id == null) return Optional.empty();
        boolean url = t.toLowerCase(Locale.ROOT).startsWith("http://") || t.toLowerCase(Locale.ROOT).startsWith("https://");
        return id.equalsIgnoreCase(t) || url ? Optional.of(id) : Optional.empty();
    }

    /** An SPDX expression ({@code MIT OR Apache-2.0}) whose every operand is an id or an exception id. */
    static Optional<String> expression(String text) {
        String t = text.strip();
        if (!OPERATOR.matcher(t).find()) return Optional.empty();
        StringBuilder out = new StringBuilder();
        for (String token : t.split("(?<=[()\\s])|(?=[()\\s])")) {
            if (token.isBlank() || token.equals("(") || token.equals(")") || token.equals("AND") || token.equals("OR")
                    || token.equals("WITH")) {
                out.append(token);
                continue;
            }
            String operand = token.endsWith("+") ? token.substring(0, token.length() - 1) : token;
            Optional<String> id = spdxId(operand);
            if (id.isEmpty() && !isException(operand)) return Optional.empty();
            out.append(id.orElse(operand)).append(token.endsWith("+") ? "+" : "");
        }
        return Optional.of(out.toString().replaceAll("\\s+", " ").strip());
    }

    /** The common licence exceptions (the operand after WITH); enough for what package metadata declares. */
    private static boolean isException(String token) {
        return token.matches("(?i)(Classpath-exception-2\\.0|GCC-exception-3\\.1|LLVM-exception|Autoconf-exception-3\\.0|"
                + "Bison-exception-2\\.2|Font-exception-2\\.0|OpenJDK-assembly-exception-1\\.0|Universal-FOSS-exception-1\\.0)");
    }
}
