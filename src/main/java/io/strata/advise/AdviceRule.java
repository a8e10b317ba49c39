package io.strata.advise;

import java.util.List;

/** One rule: reads the facts, claims the stored versions it reports, returns its advice (possibly none). */
interface AdviceRule {
    List<Advice> apply(ImageFacts facts, Claims claims);
}
