package io.strata.diff;

import io.strata.model.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.strata.diff.DiffFixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryAlignmentTest {
    private static List<String> marks(HistoryAlignment h) {
        return h.edits().stream().map(e -> (e.inA() ? "-" : "+") + e.step().index() + " "
                + e.step().entry().createdBy().orElse("")).toList();
    }

    @Test
    void equalStepsAfterAChangeStayCommonAndEachGapListsASideFirst() {
        List<HistoryEntry> a = List.of(step("FROM base", false), step("ENV V=1", true), step("COPY a", false),
                step("EXPOSE 80", true), step("CMD run", true));
        List<HistoryEntry> b = List.of(step("FROM base", false), step("ENV V=2", true), step("COPY b", false),
                step("EXPOSE 80", true), step("CMD run", true), step("USER 1000", true));
        HistoryAlignment h = HistoryAlignment.align(a, b, false);
        assertEquals(3, h.common());
        assertEquals(List.of("-1 ENV V=1", "-2 COPY a", "+1 ENV V=2", "+2 COPY b", "+5 USER 1000"), marks(h));
        assertEquals(2, h.onlyInA().size());
        assertEquals(3, h.onlyInB().size());
    }

    @Test
    void createdTimesCountOnlyWithTimestamps() {
        HistoryEntry early = new HistoryEntry(Optional.of("2024-01-01T00:00:00Z"), Optional.of("RUN x"), Optional.empty(),
                Optional.empty(), false);
        HistoryEntry late = new HistoryEntry(Optional.of("2025-01-01T00:00:00Z"), Optional.of("RUN x"), Optional.empty(),
                Optional.empty(), false);
        assertTrue(HistoryAlignment.align(List.of(early), List.of(late), false).identical());
        assertEquals(List.of("-0 RUN x", "+0 RUN x"), marks(HistoryAlignment.align(List.of(early), List.of(late), true)));
    }

    @Test
    void anEmptyLayerFlagMakesStepsDifferent() {
        HistoryAlignment h = HistoryAlignment.align(List.of(step("RUN x", false)), List.of(step("RUN x", true)), false);
        assertEquals(0, h.common());
        assertEquals(2, h.edits().size());
    }
}
