package io.strata.diff;

import io.strata.model.ImagePath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathPatternsTest {
    private static boolean matches(String pattern, String path) {
        return PathPatterns.of(List.of(pattern)).matches(ImagePath.normalise(path).orElseThrow());
    }

    @Test
    void doubleStarCrossesSegmentsAndATrailingOneTakesTheDirectoryToo() {
        assertTrue(matches("/var/log/**", "/var/log"));
        assertTrue(matches("/var/log/**", "/var/log/apt/history.log"));
        assertFalse(matches("/var/log/**", "/var/logs"));
        assertTrue(matches("/usr/**/doc", "/usr/doc"));
        assertTrue(matches("/usr/**/doc", "/usr/share/x/doc"));
        assertFalse(matches("/usr/**/doc", "/usr/share/docs"));
    }

    @Test
    void singleStarAndQuestionMarkStayInOneSegment() {
        assertTrue(matches("/etc/*.conf", "/etc/app.conf"));
        assertFalse(matches("/etc/*.conf", "/etc/sub/app.conf"));
        assertTrue(matches("/etc/?asswd", "/etc/passwd"));
        assertTrue(matches("/tmp/[ab]*", "/tmp/b1"));
        assertFalse(matches("/tmp/[!ab]*", "/tmp/b1"));
    }

    @Test
    void aPatternWithoutSlashMatchesTheNameAtAnyDepth() {
        assertTrue(matches("*.pyc", "/x.pyc"));
        assertTrue(matches("*.pyc", "/usr/lib/python3/a.pyc"));
        assertFalse(matches("*.pyc", "/usr/lib/a.pyc.txt"));
        assertTrue(matches("etc/hosts", "/etc/hosts"), "a relative pattern with a slash is anchored at the root");
    }

    @Test
    void regexCharactersAreLiteral() {
        assertTrue(matches("/a+b(c).txt", "/a+b(c).txt"));
        assertFalse(matches("/a.b", "/axb"));
    }

    @Test
    void badPatternsAreRejectedWithTheirText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathPatterns.of(List.of("/x[ab")));
        assertTrue(e.getMessage().contains("/x[ab"));
        assertThrows(IllegalArgumentException.class, () -> PathPatterns.of(List.of(" ")));
        assertEquals(List.of(), PathPatterns.NONE.patterns());
    }
}
