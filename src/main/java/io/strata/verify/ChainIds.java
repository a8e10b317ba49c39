package io.strata.verify;

import io.strata.model.Digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ChainIDs as docker derives them (image-spec config.md, "Layer ChainID"): ChainID(L0) = DiffID(L0),
 * ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)), over the digests' "algorithm:hex" strings.
 */
public final class ChainIds {
    private ChainIds() {
    }

    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> out = new ArrayList<>();
        Digest previous = null;
        for (Digest diffId : diffIds) {
            Digest chain = previous == null ? diffId : ContentDigester.digest("sha256",
                    (previous + " " + diffId).getBytes(StandardCharsets.UTF_8));
            out.add(chain);
            previous = chain;
        }
        return out;
    }
}
