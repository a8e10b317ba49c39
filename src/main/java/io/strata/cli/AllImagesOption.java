package io.strata.cli;

import picocli.CommandLine.Option;

/** --all-images: analyse every image of one archive as a set instead of asking which one (several archives always do). */
public class AllImagesOption {
    @Option(names = "--all-images", description = "Analyse every image of the archive (narrowed by --image/--platform) "
            + "as one set, instead of asking which one; several archives or a folder always form a set.")
    public boolean allImages;
}
