package io.strata.analysis;

import java.util.List;

/** The analysed set (one archive or several): its images and what storing them together really costs. */
public record SetReport(List<ImageReport> images, long logicalBytes, long realBytes) {
}
