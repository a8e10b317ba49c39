package io.strata.analysis.ci;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** go-humanize ParseBytes semantics, which dive uses for highestWastedBytes. */
class ByteSizesTest {
    @Test
    void decimalAndBinaryUnits() {
        assertEquals(20_000_000L, ByteSizes.parse("20MB"));
        assertEquals(20_000_000L, ByteSizes.parse("20 mb"));
        assertEquals(20_000_000L, ByteSizes.parse("20M"));
        assertEquals(20L << 20, ByteSizes.parse("20MiB"));
        assertEquals(1536L << 20, ByteSizes.parse("1.5GiB"));
        assertEquals(1000L, ByteSizes.parse("1,000"));
        assertEquals(42L, ByteSizes.parse("42"));
        assertEquals(42L, ByteSizes.parse("42B"));
        assertEquals(1000L, ByteSizes.parse("1kB"));
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("20XB"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("99999999EB"));
    }
}
