package io.strata.advise;

import java.util.List;

/**
 * One piece of advice: what was found (title and evidence), the history steps involved, how to fix it, and what
 * the fix would save. {@code bytesSaved} counts each stored byte for one piece of advice only, so advice can be
 * summed; {@code saving} says what the bytes are (image bytes, or bytes rebuilt on every source change).
 */
public record Advice(RuleId rule, String title, long bytesSaved, Saving saving, int layersSaved, boolean security,
                     List<Evidence> evidence, List<Step> steps, String fix) {

    public Advice {
        evidence = List.copyOf(evidence);
        steps = List.copyOf(steps);
    }

    /** The bytes the evidence lines show: for {@link Saving#INFO} advice, what is stored but not counted. */
    public long evidenceBytes() {
        return evidence.stream().mapToLong(Evidence::bytes).sum();
    }

    /** What {@code bytesSaved} measures. */
    public enum Saving {
        /** bytes that would leave the image (its layers) */
        IMAGE,
        /** bytes of layers rebuilt and pushed again after every source change (the layer cache is busted) */
        REBUILD,
        /** nothing in bytes; the advice saves layers or is about safety */
        NONE,
        /** bytes stored, shown in the evidence, but not a build mistake and not counted as a saving */
        INFO;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A path (absolute) or a directory summary with where its bytes are; {@code layer} -1 when several. */
    public record Evidence(String path, int layer, int files, long bytes, String note) {

        /** A remark with no path and no bytes of its own (what a rule deliberately left out, and why). */
        public static Evidence note(String text) {
            return new Evidence("", -1, 0, 0, text);
        }

        /** True for {@link #note(String)}: nothing measured, so no figure is shown for it. */
        public boolean isNote() {
            return path.isEmpty() && layer < 0 && files == 0 && bytes == 0;
        }
    }

    /** A history step that made a layer involved in the advice. */
    public record Step(int layer, String createdBy) {
    }
}
