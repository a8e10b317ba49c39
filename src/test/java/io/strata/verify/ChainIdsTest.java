package io.strata.verify;

import io.strata.model.Digest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The image-spec definition: ChainID(L0) = DiffID(L0); ChainID(Ln) = SHA256(ChainID(Ln-1) + " " + DiffID(Ln)). */
class ChainIdsTest {
    private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest B = Digest.parse("sha256:" + "b".repeat(64));
    private static final Digest C = Digest.parse("sha256:" + "c".repeat(64));

    @Test
    void followsTheSpecFormula() throws Exception {
        List<Digest> chain = ChainIds.of(List.of(A, B, C));
        Digest ab = sha256(A + " " + B);
        assertEquals(List.of(A, ab, sha256(ab + " " + C)), chain);
    }

    @Test
    void noLayersNoChain() {
        assertEquals(List.of(), ChainIds.of(List.of()));
    }

    private static Digest sha256(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return Digest.parse("sha256:" + HexFormat.of().formatHex(d));
    }
}
