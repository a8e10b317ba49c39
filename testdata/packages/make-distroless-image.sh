#!/bin/bash
# Builds testdata/packages/distroless-status-d.oci-archive.tar: one layer in distroless' dpkg layout (no status file;
# one stanza per package in var/lib/dpkg/status.d/NAME, its files in NAME.md5sums), the files taken byte for byte
# from trivy's fixture distroless-fixtures/trivy.status-dir.txtar (provenance in testdata/README.md), plus the one
# file an md5sums names. Writes the stanzas' own fields as the expected values (.packages.txt) and the usual
# .facts.txt. Needs umoci, skopeo, python3. Usage: make-distroless-image.sh OUTDIR
set -euo pipefail
OUT=$(realpath "$1"); HERE=$(cd "$(dirname "$0")" && pwd); W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"
umoci init --layout oci && umoci new --image oci:distroless && umoci unpack --image oci:distroless bundle >/dev/null
# the txtar's files: "-- PATH --" lines open each one (txtar format: golang.org/x/tools/txtar)
python3 - "$HERE/distroless-fixtures/trivy.status-dir.txtar" bundle/rootfs <<'PY'
import os, re, sys
text = open(sys.argv[1], 'rb').read()
parts = re.split(rb'^-- (.+?) --\n', text, flags=re.M)
for name, body in zip(parts[1::2], parts[2::2]):
    path = os.path.join(sys.argv[2], name.decode())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, 'wb').write(body)
PY
mkdir -p bundle/rootfs/usr/lib/x86_64-linux-gnu
printf 'a stand-in for libc.so.6, named by status.d/libc6.md5sums\n' > bundle/rootfs/usr/lib/x86_64-linux-gnu/libc.so.6
umoci repack --history.created_by 'COPY status.d (distroless layout, trivy fixture) + libc.so.6 stand-in' --image oci:distroless bundle >/dev/null
A="$OUT/distroless-status-d.oci-archive.tar"; rm -f "$A"
skopeo copy -q oci:oci:distroless oci-archive:"$A:strata/distroless-status-d:1"
R=bundle/rootfs/var/lib/dpkg/status.d
{ echo "# built by testdata/packages/make-distroless-image.sh ($(umoci --version), $(skopeo --version)); ROOTFS = the one layer"
  echo "== stanzas: for each ROOTFS/var/lib/dpkg/status.d/NAME (not *.md5sums): its Package, Version, Architecture, Source fields (grep -h)"
  for f in "$R"/*; do case $f in *.md5sums) continue ;; esac
    printf '%s %s %s %s\n' "$(grep -h '^Package:' "$f" | cut -d' ' -f2)" "$(grep -h '^Version:' "$f" | cut -d' ' -f2)" \
      "$(grep -h '^Architecture:' "$f" | cut -d' ' -f2)" "$(grep -h '^Source:' "$f" | cut -d' ' -f2 || true)"
  done | sort
  echo "== md5sums: for each ROOTFS/var/lib/dpkg/status.d/NAME.md5sums, NAME and each path it lists with its size (stat -c %s)"
  for f in "$R"/*.md5sums; do n=$(basename "$f" .md5sums)
    awk '{print $2}' "$f" | while read -r p; do echo "$n /$p $(stat -c %s "bundle/rootfs/$p")"; done
  done | sort
} > "$A.packages.txt"
"$HERE/archive-facts.sh" "$A" strata/distroless-status-d:1 "testdata/packages/make-distroless-image.sh testdata/packages"
echo "wrote $A"
