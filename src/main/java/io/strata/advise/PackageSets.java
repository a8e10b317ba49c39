package io.strata.advise;

import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Sets of OS packages the package rules remove as a whole: the packages the advice is about, plus what only they
 * pulled in. "Only they": every installed package that requires it is in the set, and the user did not ask for it
 * (apt's auto mark where the database has one; elsewhere, no history step names it).
 */
final class PackageSets {
    private PackageSets() {
    }

    /** The installed packages of one ecosystem by name (the first of a name when several arches are installed). */
    static Map<String, AdvisedPackage> of(ImageFacts facts, String ecosystem) {
        Map<String, AdvisedPackage> out = new LinkedHashMap<>();
        for (AdvisedPackage p : facts.inventory()) if (p.ecosystem().equals(ecosystem)) out.putIfAbsent(p.name(), p);
        return out;
    }

    /**
     * The seeds, then repeatedly every package whose installed requirers all lie in the set and that may follow
     * them (pulled in, not asked for).
     */
    static Set<String> closure(Set<String> seeds, Map<String, AdvisedPackage> installed,
                               Predicate<AdvisedPackage> mayFollow) {
        Set<String> out = new LinkedHashSet<>(seeds);
        boolean grew = !out.isEmpty();
        while (grew) {
            grew = false;
            for (AdvisedPackage p : installed.values()) {
                if (out.contains(p.name()) || !mayFollow.test(p)) continue;
                List<String> installedBy = p.requiredBy().stream().filter(installed::containsKey).toList();
                if (!installedBy.isEmpty() && out.containsAll(installedBy)) {
                    out.add(p.name());
                    grew = true;
                }
            }
        }
        return out;
    }

    /**
     * Whether the user asked for the package: apt's manual mark where the database records one, else a history
     * step that names it as a word ("dnf install -y foo" asks for foo, not for what foo pulls in).
     */
    static boolean askedFor(AdvisedPackage p, ImageFacts facts) {
        if (p.auto().isPresent()) return !p.auto().get();
        for (HistoryEntry h : facts.history()) {
            if (h.createdBy().isPresent() && namesWord(h.createdBy().get(), p.name())) return true;
        }
        return false;
    }

    /** True when text holds word between separators (spaces, quotes, start or end; a version may follow). */
    static boolean namesWord(String text, String word) {
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            int end = i + word.length();
            boolean startOk = i == 0 || " \t'\"\\;&|(".indexOf(text.charAt(i - 1)) >= 0;
            boolean endOk = end == text.length() || " \t'\"\\;&|)=<>:".indexOf(text.charAt(end)) >= 0;
            if (startOk && endOk) return true;
        }
        return false;
    }

    /** Claims each package's visible files, biggest package first; the claimed figures in that order. */
    static List<PackageClaims.Claimed> claimAll(Set<String> names, Map<String, AdvisedPackage> installed,
                                                ImageFacts facts, Claims claims) {
        List<PackageClaims.Claimed> claimed = new ArrayList<>();
        names.stream().map(installed::get).sorted(Comparator.comparingLong(AdvisedPackage::bytes).reversed()
                .thenComparing(AdvisedPackage::name)).forEach(p -> claimed.add(PackageClaims.claim(p, facts, claims)));
        return claimed;
    }

    static long bytes(List<PackageClaims.Claimed> claimed) {
        return claimed.stream().mapToLong(PackageClaims.Claimed::bytes).sum();
    }

    /** The history steps of the layers that installed the packages, in layer order. */
    static List<Advice.Step> steps(List<PackageClaims.Claimed> claimed, ImageFacts facts) {
        return claimed.stream().map(c -> c.pkg().layer()).filter(l -> l >= 0).distinct().sorted().map(facts::step)
                .toList();
    }
}
