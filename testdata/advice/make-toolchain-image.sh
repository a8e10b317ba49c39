#!/bin/bash
# Builds testdata/advice/toolchain.oci-archive.tar: the busybox base of testdata/sample plus two layers whose dpkg
# database the real dpkg wrote (dpkg --root) from real Debian 12 packages, and apt's extended_states written by
# the real apt-mark, as `apt-get install` would have marked them:
#   layer 1: build-only packages (make, zlib1g-dev, pkgconf) with what they pulled in (zlib1g, pkgconf-bin,
#            libpkgconf3: auto-installed)
#   layer 2: a package manager at runtime (python3-pip, which also carries pip's own dist-info and RECORD)
# Dependencies outside this set (libc6, python3, ...) are left out with --force-depends: the busybox base is static.
# Needs root, dpkg, apt, umoci, skopeo, python3. Usage: make-toolchain-image.sh OUTDIR
set -euo pipefail
OUT=$(realpath "$1"); HERE=$(cd "$(dirname "$0")" && pwd); W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"; mkdir debs
(cd debs && apt-get download -q make=4.3-4.1 zlib1g=1:1.2.13.dfsg-1+deb12u1 zlib1g-dev=1:1.2.13.dfsg-1+deb12u1 \
  pkgconf=1.8.1-1 pkgconf-bin=1.8.1-1 libpkgconf3=1.8.1-1 python3-pip=23.0.1+dfsg-1 2>&1 | grep -v '^W:' || true)
mkdir base && tar -xf "$HERE/../sample/sample.docker-save.tar" -C base
LAYER0=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))[0]["Layers"][0])' base/manifest.json)
umoci init --layout oci >/dev/null; umoci new --image oci:tc >/dev/null
umoci unpack --image oci:tc bundle >/dev/null
tar -xf "base/$LAYER0" -C bundle/rootfs
umoci repack --refresh-bundle --image oci:tc --history.created_by 'ADD busybox.tar /' bundle >/dev/null
R=bundle/rootfs
mkdir -p $R/var/lib/dpkg/info $R/var/lib/dpkg/updates $R/var/lib/apt $R/etc
touch $R/var/lib/dpkg/status $R/var/lib/dpkg/available
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n' > $R/etc/os-release
DPKG="dpkg --root=$R --force-depends --force-bad-path --log=/dev/null"
MARK="apt-mark -o Dir=$W/$R -o Dir::State::status=$W/$R/var/lib/dpkg/status"
$DPKG -i debs/make_*.deb debs/zlib1g_*.deb debs/zlib1g-dev_*.deb debs/pkgconf_*.deb debs/pkgconf-bin_*.deb \
  debs/libpkgconf3_*.deb
$MARK auto zlib1g pkgconf-bin libpkgconf3 >/dev/null
rm -f $R/var/lib/dpkg/*-old $R/var/lib/apt/*-old
umoci repack --refresh-bundle --image oci:tc --history.created_by '/bin/sh -c apt-get install -y make zlib1g-dev pkgconf' bundle >/dev/null
$DPKG -i debs/python3-pip_*.deb
rm -f $R/var/lib/dpkg/*-old $R/var/lib/apt/*-old
umoci repack --refresh-bundle --image oci:tc --history.created_by '/bin/sh -c apt-get install -y python3-pip' bundle >/dev/null
skopeo copy -q oci:oci:tc oci-archive:"$OUT/toolchain.oci-archive.tar:strata/toolchain:1"
# facts: the top's database as dpkg-query and apt-mark read it, and every owned path's type and size (stat)
F="$OUT/toolchain.oci-archive.tar.packages.txt"
{ echo "# built by testdata/advice/make-toolchain-image.sh on $(. /etc/os-release; echo $PRETTY_NAME), $(dpkg --version | head -1), $(umoci --version), $(skopeo --version)"
  echo "# the rootfs of every layer unpacked from the archive's blobs in order (whiteouts applied)"
  mkdir arch && tar -xf "$OUT/toolchain.oci-archive.tar" -C arch
  MAN=$(python3 -c 'import json;print(json.load(open("arch/index.json"))["manifests"][0]["digest"][7:])')
  mkdir -p u
  for D in $(python3 -c 'import json,sys;[print(l["digest"][7:]) for l in json.load(open("arch/blobs/sha256/"+sys.argv[1]))["layers"]]' $MAN); do
    tar -xzf arch/blobs/sha256/$D -C u
    find u -name '.wh.*' | while read -r wh; do rm -rf "$(dirname "$wh")/$(basename "$wh" | sed 's/^\.wh\.//')" "$wh"; done
  done
  echo "== top: dpkg-query -W -f '\${Package}|\${Version}|\${source:Package}|\${Depends}|\${Recommends}\\n'"
  dpkg-query --admindir=u/var/lib/dpkg -W -f '${Package}|${Version}|${source:Package}|${Depends}|${Recommends}\n' | sort
  echo "== top: apt-mark showauto"
  apt-mark -o Dir=$W/u -o Dir::State::status=$W/u/var/lib/dpkg/status showauto 2>/dev/null | sort
  echo "== top: dpkg-query -L per package, directories excluded, as PACKAGE PATH TYPE SIZE (stat -c '%F %s')"
  for p in $(dpkg-query --admindir=u/var/lib/dpkg -W -f '${Package}\n'); do
    dpkg-query --admindir=u/var/lib/dpkg -L $p | while read -r f; do [ -d "u$f" ] && [ ! -L "u$f" ] && continue; [ -e "u$f" ] || [ -L "u$f" ] || continue; echo "$p $f $(stat -c '%F|%s' "u$f" | tr ' ' _ | tr '|' ' ')"; done
  done | sort
} > "$F"
"$HERE/../packages/archive-facts.sh" "$OUT/toolchain.oci-archive.tar" strata/toolchain:1 "testdata/advice/make-toolchain-image.sh testdata/advice"
echo "wrote $OUT/toolchain.oci-archive.tar"
