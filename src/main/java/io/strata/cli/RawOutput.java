package io.strata.cli;

import java.io.IOException;

/** Stored bytes passed on to standard output unchanged (`config --raw`, `manifest --raw`). */
final class RawOutput {
    private RawOutput() {
    }

    static void write(byte[] bytes, String input) throws IOException, UsageException {
        try (OutputTarget out = OutputTarget.open(null, java.util.List.of(input))) {
            out.stream().write(bytes);
            out.commit();
        }
    }
}
