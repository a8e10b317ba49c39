package io.strata.advise;

import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs of consecutive RUN layers that each add almost nothing (under 10 kB). Each layer is one more blob to
 * store, pull and mount; merging the commands into one RUN (joined with &&) keeps the history readable and the
 * layer count low. Saves layers, not bytes. Metadata-only steps (ENV, LABEL ...) between them do not break a run.
 */
final class TinyLayersRule implements Rule {
    static final long TINY_BYTES = 10_000;
    static final int MIN_RUN = 3;

    @Override
    public RuleId id() {
        return RuleId.TINY_LAYERS;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<Integer> run = new ArrayList<>();
        List<Advice> out = new ArrayList<>();
        int layer = -1;
        for (HistoryEntry h : facts.history()) {
            if (h.emptyLayer()) continue;
            layer++;
            if (layer >= facts.layers().size()) break;
            boolean tinyRun = BuildStep.parse(h.createdBy().orElse("")).kind() == BuildStep.Kind.RUN
                    && facts.contentBytes(layer) < TINY_BYTES;
            if (tinyRun) {
                run.add(layer);
            } else {
                flush(run, facts, out);
            }
        }
        flush(run, facts, out);
        return out;
    }

    private static void flush(List<Integer> run, ImageFacts facts, List<Advice> out) {
        if (run.size() >= MIN_RUN) {
            long bytes = run.stream().mapToLong(facts::contentBytes).sum();
            List<Advice.Evidence> evidence = run.stream().map(l -> new Advice.Evidence("", l,
                    facts.layers().get(l).totals().entries(), facts.contentBytes(l),
                    facts.layers().get(l).totals().entries() + " tar entries")).toList();
            out.add(new Advice(RuleId.TINY_LAYERS, run.size() + " consecutive RUN steps each add under 10 kB ("
                    + bytes + " bytes in layers " + run.get(0) + "-" + run.get(run.size() - 1) + ")", 0, Advice.Saving.NONE, run.size() - 1, false, evidence,
                    run.stream().map(facts::step).toList(),
                    "Merge these commands into one RUN (join them with `&&`): one layer instead of " + run.size()
                            + ", and files created and removed within the step never reach a layer."));
        }
        run.clear();
    }
}
