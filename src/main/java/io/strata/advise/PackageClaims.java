package io.strata.advise;

import java.util.ArrayList;
import java.util.List;

/** Claims the visible files of whole packages for a rule, and turns them into one evidence line per package. */
final class PackageClaims {
    private PackageClaims() {
    }

    /** One package's claimed files: what removing the package would take out of the image. */
    record Claimed(AdvisedPackage pkg, int files, long bytes) {
    }

    /** Claims the package's visible files no earlier rule claimed; their count and bytes. */
    static Claimed claim(AdvisedPackage p, ImageFacts facts, Claims claims) {
        int files = 0;
        long bytes = 0;
        for (String f : p.files()) {
            var v = facts.visibleVersion(f);
            if (v.isEmpty() || !claims.claim(v.get())) continue;
            files++;
            bytes += v.get().bytes();
        }
        return new Claimed(p, files, bytes);
    }

    static List<Advice.Evidence> evidence(List<Claimed> claimed, java.util.function.Function<AdvisedPackage, String> note) {
        List<Advice.Evidence> out = new ArrayList<>();
        for (Claimed c : claimed) {
            out.add(new Advice.Evidence(c.pkg().label(), c.pkg().layer(), c.files(), c.bytes(), note.apply(c.pkg())));
        }
        return out;
    }

    static String names(List<Claimed> claimed) {
        List<String> names = claimed.stream().map(c -> c.pkg().name()).toList();
        return String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? " and "
                + (names.size() - 5) + " more" : "");
    }
}
