package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.model.Digest;
import io.strata.tree.VisibleFile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path as one side sees it in its merged filesystem, with the layer that wrote it and that layer's history
 * step. For a hardlink, size and sha256 are those of the file whose bytes it shares.
 */
public record FileState(EntryKind kind, int mode, long uid, long gid, long size, Optional<String> linkTarget,
                        Optional<Digest> sha256, long mtime, Map<String, String> xattrs, int layer,
                        Optional<String> createdBy) {

    public FileState {
        xattrs = Map.copyOf(xattrs);
    }

    static FileState of(VisibleFile f, List<Optional<String>> steps) {
        Optional<String> target = f.kind() == EntryKind.HARDLINK ? f.linkTarget().map(t -> "/" + t) : f.linkTarget();
        Optional<String> step = f.layer() >= 0 && f.layer() < steps.size() ? steps.get(f.layer()) : Optional.empty();
        return new FileState(f.kind(), f.mode(), f.uid(), f.gid(), f.size(), target, f.sha256(), f.mtime(),
                f.xattrs(), f.layer(), step);
    }

    /** Regular bytes: a file, or a hardlink to one. */
    public boolean hasContent() {
        return kind == EntryKind.FILE || kind == EntryKind.HARDLINK;
    }
}
