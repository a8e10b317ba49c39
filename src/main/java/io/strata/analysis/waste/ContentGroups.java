package io.strata.analysis.waste;

import io.strata.layer.LayerIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The visible files of an image grouped by content, in primitive arrays because nearly every file is in a group
 * of its own (200,000 files, 200,000 groups): no object per group or file. A group is found by a 64-bit prefix
 * of the digest (open addressing) and told apart by the whole digest; groups whose prefixes collide are chained.
 * A group remembers the stored entry holding its bytes and, per file, its inode key and its (layer, entry) key.
 */
final class ContentGroups {
    private final List<LayerIndex> layers;
    // prefix -> first group with it; 0 marks a free slot, so group ids are stored plus one
    private long[] slotPrefix = new long[1 << 12];
    private int[] slotGroup = new int[1 << 12];
    private int groups;
    private int[] groupLayer = new int[1024];
    private int[] groupEntry = new int[1024];
    private int[] groupNext = new int[1024]; // the next group with the same prefix, or -1
    private int[] groupFirstFile = new int[1024];
    private int[] groupFiles = new int[1024];
    private int files;
    private long[] fileInode = new long[1024];
    private long[] fileVisible = new long[1024];
    private int[] fileNext = new int[1024];

    ContentGroups(List<LayerIndex> layers) {
        this.layers = layers;
    }

    /** Adds a visible file whose bytes are entry {@code contentEntry} of layer {@code contentLayer}. */
    void add(int contentLayer, int contentEntry, long inodeKey, long visibleKey) {
        LayerIndex content = layers.get(contentLayer);
        long prefix = content.digestPrefix(contentEntry);
        int slot = slotOf(prefix);
        int g = slotGroup[slot] - 1;
        int last = -1;
        while (g >= 0 && !content.sameContent(contentEntry, layers.get(groupLayer[g]), groupEntry[g])) {
            last = g;
            g = groupNext[g];
        }
        if (g < 0) {
            g = newGroup(contentLayer, contentEntry);
            if (last >= 0) {
                groupNext[last] = g;
            } else {
                slotPrefix[slot] = prefix;
                slotGroup[slot] = g + 1;
                if (2 * groups > slotGroup.length) rehash();
            }
        }
        if (files == fileInode.length) {
            fileInode = Arrays.copyOf(fileInode, files * 2);
            fileVisible = Arrays.copyOf(fileVisible, files * 2);
            fileNext = Arrays.copyOf(fileNext, files * 2);
        }
        fileInode[files] = inodeKey;
        fileVisible[files] = visibleKey;
        fileNext[files] = groupFirstFile[g];
        groupFirstFile[g] = files++;
        groupFiles[g]++;
    }

    /** Groups of two or more distinct inodes (hardlinks to one file are one copy, not duplicates). */
    List<DuplicateGroup> duplicates() {
        List<DuplicateGroup> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            if (groupFiles[g] < 2) continue;
            Set<Long> inodes = new HashSet<>();
            List<String> paths = new ArrayList<>();
            for (int f = groupFirstFile[g]; f >= 0; f = fileNext[f]) {
                inodes.add(fileInode[f]);
                long visible = fileVisible[f];
                paths.add("/" + layers.get((int) (visible >>> 32)).path((int) visible));
            }
            if (inodes.size() < 2) continue;
            paths.sort(null);
            LayerIndex content = layers.get(groupLayer[g]);
            out.add(new DuplicateGroup(content.sha256(groupEntry[g]).orElseThrow(), content.size(groupEntry[g]),
                    inodes.size(), paths));
        }
        return out;
    }

    private int newGroup(int contentLayer, int contentEntry) {
        if (groups == groupLayer.length) {
            int n = groups * 2;
            groupLayer = Arrays.copyOf(groupLayer, n);
            groupEntry = Arrays.copyOf(groupEntry, n);
            groupNext = Arrays.copyOf(groupNext, n);
            groupFirstFile = Arrays.copyOf(groupFirstFile, n);
            groupFiles = Arrays.copyOf(groupFiles, n);
        }
        int g = groups++;
        groupLayer[g] = contentLayer;
        groupEntry[g] = contentEntry;
        groupNext[g] = -1;
        groupFirstFile[g] = -1;
        groupFiles[g] = 0;
        return g;
    }

    /** The slot holding this prefix, or the free slot where it goes. */
    private int slotOf(long prefix) {
        int mask = slotGroup.length - 1;
        int s = mix(prefix) & mask;
        while (slotGroup[s] != 0 && slotPrefix[s] != prefix) s = (s + 1) & mask;
        return s;
    }

    private void rehash() {
        long[] oldPrefix = slotPrefix;
        int[] oldGroup = slotGroup;
        slotPrefix = new long[oldPrefix.length * 2];
        slotGroup = new int[oldGroup.length * 2];
        for (int s = 0; s < oldGroup.length; s++) {
            if (oldGroup[s] == 0) continue;
            int to = slotOf(oldPrefix[s]);
            slotPrefix[to] = oldPrefix[s];
            slotGroup[to] = oldGroup[s];
        }
    }

    private static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
