package io.strata.hostile;

import io.strata.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzzing: mutants of the real archives in testdata/ (and of the third-party ones beside it, when present)
 * go through every command the CLI has. No exception may escape, no mutant may hang, exit codes are 0, 1 or 2.
 * {@code -Dstrata.fuzz.count=N} runs N mutants (default 250), {@code -Dstrata.fuzz.seed=S} another sequence.
 * Prints what it ran and what verify caught.
 */
class FuzzTest {
    private static final int COUNT = Integer.getInteger("strata.fuzz.count", 250);
    private static final long SEED = Long.getLong("strata.fuzz.seed", 20261123L);
    private static final Duration PER_MUTANT = Duration.ofSeconds(Integer.getInteger("strata.fuzz.timeout", 60));
    /** Share of mutants taken from testdata/ (2-3 MB each); the rest from the small third-party archives. */
    private static final double TESTDATA_SHARE = 0.2;

    @TempDir
    Path tmp;

    private static List<Path> archives(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
        }
    }

    @Test
    void mutantsOfRealArchivesNeverCrashOrHang() throws Exception {
        List<Path> testdata = archives(Path.of("testdata"));
        List<Path> thirdParty = archives(Path.of("../shared/testdata/third-party"));
        assertTrue(testdata.size() >= 17, "testdata archives: " + testdata);
        Map<Path, Mutator> mutators = new TreeMap<>();
        Random rnd = new Random(SEED);
        List<String> commands = new ArrayList<>(CommandMatrix.commands());
        Map<String, int[]> codes = new TreeMap<>();
        commands.forEach(c -> codes.put(c, new int[3]));
        List<String> problems = new ArrayList<>();
        List<String> undetected = new ArrayList<>();
        Map<String, int[]> byKind = new TreeMap<>(); // mutants, verify passed
        int caught = 0;
        long start = System.nanoTime();
        Path mutantFile = tmp.resolve("mutant.tar");
        Path work = Files.createDirectory(tmp.resolve("work"));
        Cli cli = new Cli();
        for (int i = 0; i < COUNT; i++) {
            boolean big = thirdParty.isEmpty() || rnd.nextDouble() < TESTDATA_SHARE;
            List<Path> pool = big ? testdata : thirdParty;
            Path source = pool.get(rnd.nextInt(pool.size()));
            Mutator.Mutant m = mutators.computeIfAbsent(source, Mutator::new).mutate(rnd);
            Files.write(mutantFile, m.bytes());
            int[] kind = byKind.computeIfAbsent(m.kind(), k -> new int[2]);
            kind[0]++;
            List<CommandMatrix.Outcome> outcomes;
            try {
                Cli current = cli;
                outcomes = assertTimeoutPreemptively(PER_MUTANT, () -> current.runEvery(commands, mutantFile, work),
                        () -> "hangs: " + m.description());
            } catch (AssertionError e) {
                problems.add("mutant " + i + " (" + m.description() + "): " + e.getMessage());
                cli = new Cli(); // the hung run may still hold the old one
                continue;
            }
            for (CommandMatrix.Outcome o : outcomes) {
                if (o.code() < 0 || o.code() > 2 || o.err().contains("internal error")) {
                    problems.add("mutant " + i + " (" + m.description() + "): " + o.command() + " exit " + o.code()
                            + ": " + o.err().strip());
                } else {
                    codes.get(o.command())[o.code()]++;
                }
            }
            int verify = outcomes.stream().filter(o -> o.command().equals("verify")).findFirst()
                    .map(CommandMatrix.Outcome::code).orElse(-1);
            if (verify > 0) caught++;
            else if (verify == 0) {
                kind[1]++;
                undetected.add(m.description());
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println("fuzz: seed " + SEED + ", " + COUNT + " mutants x " + commands.size() + " commands in "
                + seconds + " s; verify failed " + caught + " of them (exit 1 or 2), passed " + undetected.size());
        codes.forEach((c, n) -> System.out.println("fuzz:   " + c + ": exit 0 x" + n[0] + ", 1 x" + n[1] + ", 2 x" + n[2]));
        byKind.forEach((k, n) -> System.out.println("fuzz:   " + k + ": " + n[0] + " mutants, verify passed " + n[1]));
        undetected.stream().limit(Boolean.getBoolean("strata.fuzz.verbose") ? Long.MAX_VALUE : 10)
                .forEach(d -> System.out.println("fuzz:   verify passed: " + d));
        problems.forEach(p -> System.out.println("fuzz: PROBLEM " + p));
        assertEquals(List.of(), problems);
    }

    /**
     * Main's command line, built once and executed for every run (picocli resets the options before each parse):
     * building it costs more than running a command on a small archive.
     */
    private static final class Cli {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final CommandLine commandLine = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));

        List<CommandMatrix.Outcome> runEvery(List<String> commands, Path archive, Path work) {
            List<CommandMatrix.Outcome> outcomes = new ArrayList<>();
            for (String c : commands) {
                List<String> args = new ArrayList<>(CommandMatrix.argsFor(c, archive.toString(), work));
                args.addAll(List.of("--threads", "1"));
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                int code = commandLine.execute(args.toArray(String[]::new));
                io.strata.testing.GoldenLog.record(args, code, out.toString(), err.toString());
                outcomes.add(new CommandMatrix.Outcome(c, code, out.toString(), err.toString()));
            }
            return outcomes;
        }
    }
}
