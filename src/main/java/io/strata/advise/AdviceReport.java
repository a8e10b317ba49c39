package io.strata.advise;

import io.strata.model.Finding;

import java.util.List;

/**
 * The advice for one image, biggest saving first. {@code bytesSaved} sums the image bytes of all advice (each
 * stored byte is counted by one piece of advice only); {@code logicalBytes} is the image's size for scale.
 */
public record AdviceReport(List<Advice> advice, long logicalBytes, List<Finding> securityFindings) {

    public AdviceReport {
        advice = List.copyOf(advice);
        securityFindings = List.copyOf(securityFindings);
    }

    public long bytesSaved() {
        return advice.stream().filter(a -> a.saving() == Advice.Saving.IMAGE).mapToLong(Advice::bytesSaved).sum();
    }

    public long rebuildBytes() {
        return advice.stream().filter(a -> a.saving() == Advice.Saving.REBUILD).mapToLong(Advice::bytesSaved).sum();
    }

    public int layersSaved() {
        return advice.stream().mapToInt(Advice::layersSaved).sum();
    }
}
