package io.strata.advise;

import java.util.List;

/** One advice rule: reads the facts, claims the stored versions it reports, returns its advice (possibly none). */
interface Rule {
    /** Which rule this is; the bytes it claims are recorded under this id. */
    RuleId id();

    List<Advice> apply(ImageFacts facts, Claims claims);
}
