package io.strata.model;

/**
 * Every kind of finding Strata reports. {@link #wire()} is the code scripts see in JSON and SARIF ("missing-blob");
 * it never changes once released. A new check adds its constant here.
 */
public enum FindingCode {
    // archive layout and references
    MISSING_BLOB("missing-blob"),
    NON_DISTRIBUTABLE_BLOB("non-distributable-blob"),
    MISSING_REFERENCE("missing-reference"),
    ORPHAN_BLOB("orphan-blob"),
    EMPTY_INDEX("empty-index"),
    INDEX_CYCLE("index-cycle"),
    INDEX_TOO_DEEP("index-too-deep"),
    BAD_OCI_LAYOUT("bad-oci-layout"),
    MISSING_OCI_LAYOUT("missing-oci-layout"),
    OCI_VIEW_UNREADABLE("oci-view-unreadable"),
    BAD_LAYER_SOURCE("bad-layer-source"),
    LAYER_SOURCE_DIFFERS("layer-source-differs"),
    DUPLICATE_TAG("duplicate-tag"),
    REPOSITORIES_UNKNOWN_TAG("repositories-unknown-tag"),
    REPOSITORIES_ID_MISMATCH("repositories-id-mismatch"),
    CONFIG_NAME_MISMATCH("config-name-mismatch"),
    BLOB_NAME_MISMATCH("blob-name-mismatch"),
    MALFORMED_JSON("malformed-json"),
    JSON_TOO_LARGE("json-too-large"),
    UNREADABLE_FILE("unreadable-file"),
    // digests and sizes
    DIGEST_MISMATCH("digest-mismatch"),
    BLOB_DIGEST_MISMATCH("blob-digest-mismatch"),
    BLOB_SIZE_MISMATCH("blob-size-mismatch"),
    DIFFID_MISMATCH("diffid-mismatch"),
    DIFFID_COUNT_MISMATCH("diffid-count-mismatch"),
    HISTORY_COUNT_MISMATCH("history-count-mismatch"),
    COMPRESSION_MISMATCH("compression-mismatch"),
    // a layer tar and the overlay rules
    LAYER_UNREADABLE("layer-unreadable"),
    TRAILING_DATA("trailing-data"),
    UNKNOWN_ENTRY_TYPE("unknown-entry-type"),
    PATH_ESCAPE("path-escape"),
    ABSOLUTE_PATH("absolute-path"),
    PATH_TOO_LONG("path-too-long"),
    DUPLICATE_PATH("duplicate-path"),
    BARE_WHITEOUT("bare-whiteout"),
    WHITEOUT_WITH_CONTENT("whiteout-with-content"),
    WHITEOUT_NOTHING("whiteout-nothing"),
    AUFS_METADATA("aufs-metadata"),
    HARDLINK_MISSING_TARGET("hardlink-missing-target"),
    HARDLINK_ESCAPE("hardlink-escape"),
    HARDLINK_TO_NON_FILE("hardlink-to-non-file"),
    PARENT_NOT_DIR("parent-not-dir"),
    ROOT_NOT_DIR("root-not-dir"),
    // advice
    SECRET_FILE("secret-file");

    private final String wire;

    FindingCode(String wire) {
        this.wire = wire;
    }

    /** The code as JSON and SARIF carry it. */
    public String wire() {
        return wire;
    }
}
