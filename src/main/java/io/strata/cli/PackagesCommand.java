package io.strata.cli;

import io.strata.report.SetWriter;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.packages.Ecosystem;
import io.strata.packages.InstalledPackage;
import io.strata.packages.Inventory;
import io.strata.report.PackagesWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "packages", mixinStandardHelpOptions = true,
        description = "The packages in the image (dpkg, apk, rpm, ...), the layer that installed each, its files and bytes; of one image or a set.")
public class PackagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Saved image(s), or a folder of them; several form one set.")
    List<String> archives;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Mixin
    AllImagesOption all;

    @Option(names = "--ecosystem", paramLabel = "NAME", split = ",",
            description = "Only these ecosystems: deb, apk, rpm, python, npm, java, go (repeatable or comma separated).")
    List<String> ecosystems;

    @Option(names = "--files", description = "Also list each package's files (JSON: \"paths\" beside the \"files\" count).")
    boolean files;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "name",
            description = "Order of the rows: name (ecosystem, then name) or bytes (largest first) (default: ${DEFAULT-VALUE}).")
    String sort;

    @Override
    public Integer call() throws Exception {
        Set<Ecosystem> chosen = chosenEcosystems();
        if (!sort.equals("name") && !sort.equals("bytes")) throw new UsageException("--sort " + sort + ": name or bytes");
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = new Workspace(input.options())) {
            // the inventory alone, so a warm run whose inventory is kept loads no layer at all (Workspace.packages)
            return SetRunner.images(ws, archives, all.allImages, new SetWriter(format.json(), out,
                    spec.commandLine().getErr()), (archive, image, report) -> {
                        Inventory inventory = ws.packages(archive, image);
                        List<InstalledPackage> shown = new ArrayList<>(inventory.packages().stream()
                                .filter(p -> chosen.contains(p.ecosystem())).toList());
                        if (sort.equals("bytes")) shown.sort(Comparator.comparingLong(InstalledPackage::bytes).reversed());
                        new PackagesWriter(files).write(new PackagesWriter.Packages(image.displayName(), shown,
                                inventory.findings()), format.json(), report);
                        return ExitCodes.OK;
                    });
        } finally {
            out.flush();
        }
    }

    private Set<Ecosystem> chosenEcosystems() throws UsageException {
        if (ecosystems == null || ecosystems.isEmpty()) return EnumSet.allOf(Ecosystem.class);
        Set<Ecosystem> out = EnumSet.noneOf(Ecosystem.class);
        for (String e : ecosystems) {
            out.add(Ecosystem.ofWire(e.strip()).orElseThrow(() -> new UsageException("--ecosystem " + e
                    + ": one of deb, apk, rpm, python, npm, java, go")));
        }
        return out;
    }
}
