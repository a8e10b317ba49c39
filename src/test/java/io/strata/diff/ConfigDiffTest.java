package io.strata.diff;

import io.strata.diff.ConfigChange.Kind;
import io.strata.model.Healthcheck;
import io.strata.model.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigDiffTest {

    @Test
    void envAndLabelsCompareByKeyAndOrderDoesNotMatter() {
        DiffFixtures.Config a = new DiffFixtures.Config();
        a.env = List.of("PATH=/bin", "MODE=classic", "GONE=1");
        a.labels = Map.of("v", "1", "same", "x");
        DiffFixtures.Config b = new DiffFixtures.Config();
        b.env = List.of("MODE=modern", "PATH=/bin", "NEW=a=b");
        b.labels = Map.of("same", "x", "v", "2");
        ConfigDiff d = ConfigDiff.compare(a.entry("a"), b.entry("b"), false);
        assertEquals(List.of(
                new ConfigChange("Env", Optional.of("GONE"), Kind.REMOVED, text("1"), Optional.empty()),
                new ConfigChange("Env", Optional.of("MODE"), Kind.CHANGED, text("classic"), text("modern")),
                new ConfigChange("Env", Optional.of("NEW"), Kind.ADDED, Optional.empty(), text("a=b")),
                new ConfigChange("Labels", Optional.of("v"), Kind.CHANGED, text("1"), text("2"))), d.changes());
        assertTrue(d.note().isEmpty(), "values differ, so no note");
    }

    @Test
    void aRepeatedVariableKeepsItsLastValue() {
        DiffFixtures.Config a = new DiffFixtures.Config();
        a.env = List.of("X=1", "X=2");
        DiffFixtures.Config b = new DiffFixtures.Config();
        b.env = List.of("X=2");
        assertTrue(ConfigDiff.compare(a.entry("a"), b.entry("b"), false).identical());
    }

    @Test
    void wholeFieldsAndEntriesOfSets() {
        DiffFixtures.Config a = new DiffFixtures.Config();
        a.cmd = List.of("/bin/sh", "-c", "run");
        a.user = Optional.of("1000");
        a.ports = List.of("8080/tcp");
        a.volumes = List.of("/data");
        a.healthcheck = Optional.of(new Healthcheck(List.of("CMD", "true"), Optional.of(30_000_000_000L),
                Optional.empty(), Optional.empty(), Optional.of(3)));
        DiffFixtures.Config b = new DiffFixtures.Config();
        b.cmd = List.of("/bin/sh", "-c", "run2");
        b.entrypoint = List.of("/init");
        b.ports = List.of("8080/tcp", "9090/udp");
        b.platform = Platform.of("linux", "arm64", "v8");
        b.author = Optional.of("me");
        b.stopSignal = Optional.of("SIGTERM");
        b.workingDir = Optional.of("/app");
        ConfigDiff d = ConfigDiff.compare(a.entry("a"), b.entry("b"), false);
        assertEquals(List.of("platform", "author", "User", "WorkingDir", "Entrypoint", "Cmd", "ExposedPorts",
                "Volumes", "StopSignal", "Healthcheck"), d.changes().stream().map(ConfigChange::field).toList());
        ConfigChange ports = d.changes().get(6);
        assertEquals(Optional.of("9090/udp"), ports.key());
        assertEquals(Kind.ADDED, ports.kind());
        assertEquals(Optional.of(new ConfigValue.Words(List.of("/bin/sh", "-c", "run2"))), d.changes().get(5).after());
        assertEquals(Kind.REMOVED, d.changes().get(9).kind());
    }

    @Test
    void sameValuesUnderOtherDigestsGiveANoteNotADifference() {
        DiffFixtures.Config a = new DiffFixtures.Config();
        a.created = Optional.of("2024-01-01T00:00:00Z");
        DiffFixtures.Config b = new DiffFixtures.Config();
        b.created = Optional.of("2024-02-02T00:00:00Z");
        ConfigDiff d = ConfigDiff.compare(a.entry("a"), b.entry("b"), false);
        assertTrue(d.identical());
        String note = d.note().orElseThrow();
        assertTrue(note.startsWith("config digests differ"), note);
        assertTrue(note.contains("created"), note);
        ConfigDiff timed = ConfigDiff.compare(a.entry("a"), b.entry("b"), true);
        assertEquals(List.of("created"), timed.changes().stream().map(ConfigChange::field).toList());
        assertTrue(ConfigDiff.compare(a.entry("a"), a.entry("a"), false).note().isEmpty(), "same digest: nothing to say");
    }

    private static Optional<ConfigValue> text(String s) {
        return Optional.of(new ConfigValue.Text(s));
    }
}
