package io.strata.archive;

/** The flavour an archive was read as; {@link #label()} is what reports say (JSON "format"). */
public enum ArchiveFormat {
    /** `docker save` (legacy layout), `podman save` / `skopeo copy` docker-archive */
    DOCKER_ARCHIVE("docker-archive"),
    /** Docker 25+ `docker save`: a docker-archive that also holds an OCI layout */
    DOCKER_ARCHIVE_OCI("docker-archive+oci"),
    /** an OCI image layout at the top of a tar (oci-archive) */
    OCI_ARCHIVE("oci-archive"),
    /** an OCI image layout packed under one top folder of a tar */
    OCI_LAYOUT_TAR("oci-layout-tar"),
    /** an OCI image layout directory */
    OCI_LAYOUT("oci-layout");

    private final String label;

    ArchiveFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the images come from manifest.json (docker's layout), with or without an OCI view beside it. */
    public boolean isDockerArchive() {
        return this == DOCKER_ARCHIVE || this == DOCKER_ARCHIVE_OCI;
    }

    @Override
    public String toString() {
        return label;
    }
}
