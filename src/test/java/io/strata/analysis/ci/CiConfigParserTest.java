package io.strata.analysis.ci;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CiConfigParserTest {
    /** The .dive-ci file of dive's README, verbatim but for the values. */
    private static final String DIVE_README = """
            rules:
              # If the efficiency is measured below X%, mark as failed.
              # Expressed as a ratio between 0-1.
              lowestEfficiency: 0.95

              # If the amount of wasted space is at least X or larger than X, mark as failed.
              # Expressed in B, KB, MB, and GB.
              highestWastedBytes: 20MB

              # If the amount of wasted space makes up for X% or more of the image, mark as failed.
              # Note: the base image layer is NOT included in the total image size.
              # Expressed as a ratio between 0-1; fails if the threshold is met or crossed.
              highestUserWastedPercent: 0.20
            """;

    @Test
    void readsDivesOwnExample() throws Exception {
        CiConfig c = CiConfigParser.parse(DIVE_README, ".dive-ci");
        assertEquals("0.95", c.value(CiConfig.LOWEST_EFFICIENCY));
        assertEquals("20MB", c.value(CiConfig.HIGHEST_WASTED_BYTES));
        assertEquals("0.20", c.value(CiConfig.HIGHEST_USER_WASTED_PERCENT));
        assertEquals("disabled", c.value(CiConfig.MAX_LAYERS));
        assertTrue(c.ignored().isEmpty());
    }

    @Test
    void missingKeysTakeDivesDefaults() throws Exception {
        CiConfig c = CiConfigParser.parse("rules:\n  highestWastedBytes: \"disabled\"\n", "f");
        assertEquals("0.9", c.value(CiConfig.LOWEST_EFFICIENCY));
        assertEquals("disabled", c.value(CiConfig.HIGHEST_WASTED_BYTES));
        assertEquals("0.1", c.value(CiConfig.HIGHEST_USER_WASTED_PERCENT));
    }

    @Test
    void strataKeysAndBothListForms() throws Exception {
        String text = """
                ---
                other:
                  ignored: yes
                rules:
                  maxLayers: 12   # a comment
                  maxLogicalBytes: '1.5 GiB'
                  noSetuid: true
                  allowSetuid: [/usr/bin/passwd, "/bin/su"]
                  allowWorldWritable:
                    - /var/tmp/**
                    - '/opt/#odd'
                  someFutureKey: 3
                """;
        CiConfig c = CiConfigParser.parse(text, "cfg");
        assertEquals("12", c.value(CiConfig.MAX_LAYERS));
        assertEquals("1.5 GiB", c.value(CiConfig.MAX_LOGICAL_BYTES));
        assertEquals("true", c.value(CiConfig.NO_SETUID));
        assertEquals(List.of("/usr/bin/passwd", "/bin/su"), c.list(CiConfig.ALLOW_SETUID));
        assertEquals(List.of("/var/tmp/**", "/opt/#odd"), c.list(CiConfig.ALLOW_WORLD_WRITABLE));
        assertEquals(List.of("cfg:12: someFutureKey"), c.ignored());
    }

    @Test
    void malformedLinesNameTheFileAndLine() {
        CiConfigException e = assertThrows(CiConfigException.class,
                () -> CiConfigParser.parse("rules:\n  lowestEfficiency 0.9\n", "my.yml"));
        assertTrue(e.getMessage().startsWith("my.yml:2:"), e.getMessage());
        assertThrows(CiConfigException.class, () -> CiConfigParser.parse("rules:\n  lowestEfficiency: '0.9\n", "f"));
        assertThrows(CiConfigException.class, () -> CiConfigParser.parse("rules:\n  - item\n", "f"));
        assertThrows(CiConfigException.class, () -> CiConfigParser.parse("just text\n", "f"));
    }
}
