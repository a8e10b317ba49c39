package io.strata.testing;

/** Sets a system property for one test; {@link #close()} puts back the value it had, or none. */
public final class PropertyOverride implements AutoCloseable {
    private final String key;
    private final String previous;

    private PropertyOverride(String key, String value) {
        this.key = key;
        this.previous = System.getProperty(key);
        System.setProperty(key, value);
    }

    public static PropertyOverride set(String key, String value) {
        return new PropertyOverride(key, value);
    }

    @Override
    public void close() {
        if (previous == null) System.clearProperty(key);
        else System.setProperty(key, previous);
    }
}
