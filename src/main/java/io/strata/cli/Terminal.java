package io.strata.cli;

/**
 * What the launcher found out about the terminal, cheaply: a JVM cannot ask whether a stream is a terminal without
 * native code or a child process, so the launcher tests with the shell's own {@code [ -t N ]} and passes
 * {@code -Dstrata.stdout.tty}, {@code -Dstrata.stderr.tty} and the width ({@code -Dstrata.columns}, from
 * {@code stty size}, measured only when standard output is a terminal). Run without the launcher, Strata assumes
 * no terminal unless {@link System#console()} says stdin and stdout are one.
 */
final class Terminal {
    private Terminal() {
    }

    /** The width to fit text to: COLUMNS when set, else the terminal's, else 0 (unknown: no fitting). */
    static int columns() {
        int fromEnv = positive(System.getenv("COLUMNS"));
        return fromEnv > 0 ? fromEnv : stdoutIsTerminal() ? Math.max(0, positive(System.getProperty("strata.columns"))) : 0;
    }

    static boolean stdoutIsTerminal() {
        String p = System.getProperty("strata.stdout.tty");
        return p != null ? p.equals("1") : System.console() != null;
    }

    static boolean stderrIsTerminal() {
        return "1".equals(System.getProperty("strata.stderr.tty"));
    }

    private static int positive(String s) {
        if (s == null || s.isBlank()) return 0;
        try {
            return Math.max(0, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
