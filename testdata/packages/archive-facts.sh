#!/bin/bash
# Writes ARCHIVE.facts.txt for an oci-archive in the format of the other testdata facts (what skopeo, GNU tar and
# sha256sum say about it). Usage: archive-facts.sh ARCHIVE REF "HOW IT WAS PRODUCED"
set -euo pipefail
A=$(realpath "$1"); REF=$2; HOW=$3; NAME=$(basename "$A"); DIR=$(dirname "$A"); W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
tar -xf "$A" -C "$W"
{
  echo "# Ground truth for $NAME"
  echo "Produced by (shell commands, run as root on Debian 12):"
  echo "    $HOW"
  echo
  echo "## tool versions"
  echo "skopeo: $(skopeo --version)"
  echo "umoci: $(umoci --version)"
  echo "GNU tar: $(tar --version | head -1)"
  echo
  echo "## file"
  echo "size_bytes: $(stat -c %s "$A")"
  echo "sha256: $(sha256sum "$A" | cut -d' ' -f1)"
  echo
  echo "## tar -tvf $NAME (outer archive listing, as GNU tar prints it)"
  tar -tvf "$A"
  echo
  echo "## index.json (top-level, read from the archive)"
  python3 -m json.tool "$W/index.json"
  echo
  echo "## skopeo inspect --raw oci-archive:$NAME:$REF"
  (cd "$DIR" && skopeo inspect --raw "oci-archive:$NAME:$REF" | python3 -m json.tool)
  echo
  echo "## skopeo inspect --config oci-archive:$NAME:$REF"
  (cd "$DIR" && skopeo inspect --config "oci-archive:$NAME:$REF")
  echo
  echo "## skopeo inspect oci-archive:$NAME:$REF"
  (cd "$DIR" && skopeo inspect "oci-archive:$NAME:$REF")
  echo
  echo "## layer blobs in manifest order: sizes, digests, uncompressed listing"
  MAN=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["manifests"][0]["digest"][7:])' "$W/index.json")
  i=0
  for D in $(python3 -c 'import json,sys;[print(l["digest"][7:]) for l in json.load(open(sys.argv[1]))["layers"]]' "$W/blobs/sha256/$MAN"); do
    B="$W/blobs/sha256/$D"
    case "$(head -c2 "$B" | od -An -tx1 | tr -d ' ')" in 1f8b) C=gzip; CAT="gzip -dc";; 28b5) C=zstd; CAT="zstd -dc";; *) C=uncompressed; CAT=cat;; esac
    echo "### index.json manifest[0] / $REF layer $i: blobs/sha256/$D"
    echo "stored_size_bytes: $(stat -c %s "$B")   compression: $C"
    echo "stored_sha256: $(sha256sum "$B" | cut -d' ' -f1)"
    echo "uncompressed_size_bytes: $($CAT "$B" | wc -c)"
    echo "uncompressed_sha256 (diff_id): $($CAT "$B" | sha256sum | cut -d' ' -f1)"
    echo "tar -tvv --numeric-owner --full-time listing (GNU tar 1.34):"
    $CAT "$B" | tar -tvv --numeric-owner --full-time -f - | sed 's/^/  /'
    echo
    i=$((i+1))
  done
} > "$A.facts.txt"
