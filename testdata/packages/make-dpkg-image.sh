#!/bin/bash
# Builds testdata/packages/dpkg-layers.oci-archive.tar: the busybox base of testdata/sample plus two layers whose dpkg
# database the real dpkg wrote (dpkg --root), and apt's extended_states written by the real apt-mark.
# Needs root (dpkg runs maintainer scripts chrooted), dpkg, apt, umoci, skopeo; .debs come from Debian's mirror.
# Usage: make-dpkg-image.sh OUTDIR  (writes OUTDIR/dpkg-layers.oci-archive.tar and its .facts.txt)
set -euo pipefail
OUT=$(realpath "$1"); HERE=$(cd "$(dirname "$0")" && pwd); W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"; mkdir debs; (cd debs && apt-get download -q zlib1g=1:1.2.13.dfsg-1 zlib1g=1:1.2.13.dfsg-1+deb12u1 \
  libexpat1=2.5.0-1+deb12u2 liblzma5=5.4.1-1+deb12u1 netbase=6.4 sensible-utils=0.0.17+nmu1 media-types=10.0.0 \
  bzip2=1.0.8-5+b1 libbz2-1.0=1.0.8-5+b1 tnef=1.4.18-3 2>&1 | grep -v '^W:' || true)
# the base: layer 0 of the sample (Debian's static busybox, imported)
mkdir base && tar -xf "$HERE/../sample/sample.docker-save.tar" -C base
LAYER0=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))[0]["Layers"][0])' base/manifest.json)
umoci init --layout oci >/dev/null; umoci new --image oci:dpkg >/dev/null
umoci unpack --image oci:dpkg bundle >/dev/null
tar -xf "base/$LAYER0" -C bundle/rootfs
umoci repack --refresh-bundle --image oci:dpkg --history.created_by 'ADD busybox.tar /' bundle >/dev/null
R=bundle/rootfs
mkdir -p $R/var/lib/dpkg/info $R/var/lib/dpkg/updates $R/var/lib/apt $R/etc
touch $R/var/lib/dpkg/status $R/var/lib/dpkg/available
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n' > $R/etc/os-release
DPKG="dpkg --root=$R --force-depends --force-bad-path --log=/dev/null"
MARK="apt-mark -o Dir=$W/$R -o Dir::State::status=$W/$R/var/lib/dpkg/status"
$DPKG -i debs/zlib1g_1%3a1.2.13.dfsg-1_amd64.deb debs/libexpat1_*.deb debs/netbase_*.deb debs/sensible-utils_*.deb \
  debs/media-types_*.deb debs/libbz2-1.0_*.deb debs/bzip2_*.deb debs/tnef_*.deb
$MARK auto zlib1g libbz2-1.0 >/dev/null
rm -f $R/var/lib/dpkg/*-old $R/var/lib/apt/*-old
umoci repack --refresh-bundle --image oci:dpkg --history.created_by 'RUN dpkg -i zlib1g libexpat1 netbase sensible-utils media-types libbz2-1.0 bzip2 tnef && apt-mark auto zlib1g libbz2-1.0' bundle >/dev/null
$DPKG -i debs/zlib1g_1%3a1.2.13.dfsg-1+deb12u1_amd64.deb debs/liblzma5_*.deb
$DPKG --purge sensible-utils
$MARK auto liblzma5 >/dev/null
mkdir -p $R/opt/app && printf 'not from any package\n' > $R/opt/app/own.txt
rm -f $R/var/lib/dpkg/*-old $R/var/lib/apt/*-old
umoci repack --refresh-bundle --image oci:dpkg --history.created_by 'RUN dpkg -i zlib1g(upgrade) liblzma5 && dpkg --purge sensible-utils && apt-mark auto liblzma5 && echo > /opt/app/own.txt' bundle >/dev/null
skopeo copy -q oci:oci:dpkg oci-archive:"$OUT/dpkg-layers.oci-archive.tar:strata/dpkg-layers:1"
# facts: each layer's own database, as dpkg-query reads it from the stacked rootfs of layers 0..N
F="$OUT/dpkg-layers.oci-archive.tar.packages.txt"
{ echo "# built by testdata/packages/make-dpkg-image.sh on $(. /etc/os-release; echo $PRETTY_NAME), $(dpkg --version | head -1), $(umoci --version), $(skopeo --version)"
  echo "# per layer N: rootfs of layers 0..N unpacked with umoci, then the commands shown"
  mkdir arch && tar -xf "$OUT/dpkg-layers.oci-archive.tar" -C arch
  MAN=$(python3 -c 'import json;print(json.load(open("arch/index.json"))["manifests"][0]["digest"][7:])')
  N=$(python3 -c 'import json,sys;print(len(json.load(open("arch/blobs/sha256/"+sys.argv[1]))["layers"]))' $MAN)
  for n in $(seq 0 $((N-1))); do
    rm -rf u && mkdir u
    for k in $(seq 0 $n); do
      D=$(python3 -c 'import json,sys;print(json.load(open("arch/blobs/sha256/"+sys.argv[1]))["layers"][int(sys.argv[2])]["digest"][7:])' $MAN $k)
      mkdir -p u/rootfs; tar -xzf arch/blobs/sha256/$D -C u/rootfs
      # apply whiteouts by hand (umoci unpack of a partial stack is not offered)
      find u/rootfs -name '.wh.*' | while read -r wh; do rm -rf "$(dirname "$wh")/$(basename "$wh" | sed 's/^\.wh\.//')" "$wh"; done
    done
    echo "== layer $n: dpkg-query --admindir=ROOTFS/var/lib/dpkg -W -f '\${Package} \${Version} \${Architecture} \${db:Status-Abbrev}\\n'"
    if [ -f u/rootfs/var/lib/dpkg/status ]; then dpkg-query --admindir=u/rootfs/var/lib/dpkg -W -f '${Package} ${Version} ${Architecture} ${db:Status-Abbrev}\n' | sort; fi
    echo "== layer $n: apt-mark showauto (Dir=ROOTFS)"
    if [ -f u/rootfs/var/lib/apt/extended_states ]; then apt-mark -o Dir=$W/u/rootfs -o Dir::State::status=$W/u/rootfs/var/lib/dpkg/status showauto 2>/dev/null | sort; fi
  done
  echo "== top: dpkg-query -W -f '\${Package}|\${source:Package}|\${Depends}|\${Pre-Depends}|\${Recommends}\\n'"
  dpkg-query --admindir=u/rootfs/var/lib/dpkg -W -f '${Package}|${source:Package}|${Depends}|${Pre-Depends}|${Recommends}\n' | sort
  echo "== top: dpkg-query -L (files per package, directories excluded), as PACKAGE PATH SIZE INODE (a hardlinked inode counts once)"
  for p in $(dpkg-query --admindir=u/rootfs/var/lib/dpkg -W -f '${Package}\n'); do
    dpkg-query --admindir=u/rootfs/var/lib/dpkg -L $p | while read -r f; do [ -d "u/rootfs$f" ] && [ ! -L "u/rootfs$f" ] && continue; [ -e "u/rootfs$f" ] || [ -L "u/rootfs$f" ] || continue; echo "$p $f $(stat -c "%s %i" "u/rootfs$f")"; done
  done | sort
  echo "== top: grep '^License:' ROOTFS/usr/share/doc/PACKAGE/copyright, each distinct non-empty value in order, as PACKAGE|LICENSE,LICENSE (packages with a regular copyright file)"
  for p in $(dpkg-query --admindir=u/rootfs/var/lib/dpkg -W -f '${Package}\n'); do
    c=u/rootfs/usr/share/doc/$p/copyright; { [ -f "$c" ] && [ ! -L "$c" ]; } || continue
    echo "$p|$(grep '^License:' "$c" | sed 's/^License:[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' | awk '!seen[$0]++' | paste -sd, -)"
  done | sort
} > "$F"
"$HERE/archive-facts.sh" "$OUT/dpkg-layers.oci-archive.tar" strata/dpkg-layers:1 "testdata/packages/make-dpkg-image.sh testdata/packages"
echo "wrote $OUT/dpkg-layers.oci-archive.tar"
