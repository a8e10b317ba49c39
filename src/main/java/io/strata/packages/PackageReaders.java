package io.strata.packages;

import java.util.List;

/**
 * Every database reader and artifact inspector Strata runs. The scanner captures what any of them asks for, and
 * the inventory runs them all; a new ecosystem is one line here.
 */
public final class PackageReaders {
    private PackageReaders() {
    }

    public static List<DatabaseReader> databases() {
        return List.of(new DpkgReader(), new ApkReader(), new RpmReader(), new PythonReader(), new NpmReader());
    }

    public static List<ArtifactInspector> inspectors() {
        return List.of(new JarInspector(), new GoBinaryInspector());
    }
}
