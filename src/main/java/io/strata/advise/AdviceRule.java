package io.strata.advise;

import java.util.List;

/** One rule: reads the facts, claims the stored versions it reports, returns its advice (possibly none). */
interface AdviceRule {
    /** The rule this is; the bytes it claims are recorded as that rule's. */
    Rule rule();

    List<Advice> apply(ImageFacts facts, Claims claims);
}
