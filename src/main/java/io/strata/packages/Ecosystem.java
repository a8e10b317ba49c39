package io.strata.packages;

/** The package ecosystems Strata reads; {@link #wire()} is the name used in JSON, purls' type aside. */
public enum Ecosystem {
    DEB("deb"), APK("apk"), RPM("rpm"), PYTHON("python"), NPM("npm"), JAVA("java"), GO("go");

    private final String wire;

    Ecosystem(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static java.util.Optional<Ecosystem> ofWire(String name) {
        for (Ecosystem e : values()) if (e.wire.equalsIgnoreCase(name)) return java.util.Optional.of(e);
        return java.util.Optional.empty();
    }
}
