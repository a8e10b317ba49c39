#!/bin/bash
# Builds testdata/packages/rpm-layers.oci-archive.tar: the busybox base of testdata/sample plus two layers whose
# sqlite rpm database the real rpm wrote (rpm --root --initdb, -i, -U, -e) from tiny rpms built with rpmbuild.
# Needs root, rpm/rpmbuild (Debian's rpm 4.18, sqlite backend), umoci, skopeo. Usage: make-rpm-image.sh OUTDIR
set -euo pipefail
OUT=$(realpath "$1"); HERE=$(cd "$(dirname "$0")" && pwd); W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"
spec() { # NAME EPOCH VERSION RELEASE LICENSE REQUIRES FILE CONTENT
  cat > "$1-$3.spec" <<SPEC
Name: $1
$( [ -n "$2" ] && echo "Epoch: $2" )
Version: $3
Release: $4
Summary: Strata test package $1
License: $5
BuildArch: x86_64
$( [ -n "$6" ] && echo "Requires: $6" )
AutoReqProv: no
%description
Strata test package $1.
%install
mkdir -p %{buildroot}$(dirname "$7")
printf '%s\n' "$8" > %{buildroot}$7
%files
$7
SPEC
  rpmbuild -bb --quiet --define "_topdir $W/rpmbuild" --define '_build_id_links none' "$1-$3.spec"
}
spec strata-base "" 1.0 1 MIT "" /usr/share/strata-base/base.txt "the base of every strata test package"
spec strata-tool 1 2.1 3 "Apache-2.0" "strata-base" /usr/bin/strata-tool "tool version 2.1"
spec strata-tool 1 2.2 1 "Apache-2.0" "strata-base" /usr/bin/strata-tool "tool version 2.2, a little longer"
spec strata-extra "" 0.9 1 "GPL-2.0-or-later" "" /opt/extra/extra.dat "removed again in the next layer"
RPMS=$W/rpmbuild/RPMS/x86_64
mkdir base && tar -xf "$HERE/../sample/sample.docker-save.tar" -C base
LAYER0=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))[0]["Layers"][0])' base/manifest.json)
umoci init --layout oci >/dev/null; umoci new --image oci:rpm >/dev/null
umoci unpack --image oci:rpm bundle >/dev/null
tar -xf "base/$LAYER0" -C bundle/rootfs
umoci repack --refresh-bundle --image oci:rpm --history.created_by 'ADD busybox.tar /' bundle >/dev/null
R=$W/bundle/rootfs
RPM="rpm --root $R --dbpath /var/lib/rpm --nodeps"
printf 'NAME="Strata Test Linux"\nID=fedora\nVERSION_ID=40\n' > $R/etc/os-release
rpm --root $R --dbpath /var/lib/rpm --initdb
$RPM -i $RPMS/strata-base-1.0-1.x86_64.rpm $RPMS/strata-tool-2.1-3.x86_64.rpm $RPMS/strata-extra-0.9-1.x86_64.rpm
umoci repack --refresh-bundle --image oci:rpm --history.created_by 'RUN rpm -i strata-base strata-tool-2.1 strata-extra' bundle >/dev/null
$RPM -U $RPMS/strata-tool-2.2-1.x86_64.rpm
$RPM -e strata-extra
umoci repack --refresh-bundle --image oci:rpm --history.created_by 'RUN rpm -U strata-tool-2.2 && rpm -e strata-extra' bundle >/dev/null
skopeo copy -q oci:oci:rpm oci-archive:"$OUT/rpm-layers.oci-archive.tar:strata/rpm-layers:1"
F="$OUT/rpm-layers.oci-archive.tar.packages.txt"
Q='%{NAME} %|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE} %{ARCH} | %{LICENSE}\n'
{ echo "# built by testdata/packages/make-rpm-image.sh on $(. /etc/os-release; echo $PRETTY_NAME), $(rpm --version), $(umoci --version), $(skopeo --version)"
  echo "# per layer N: rootfs of layers 0..N unpacked from the archive's blobs (whiteouts applied), then the command shown"
  mkdir arch && tar -xf "$OUT/rpm-layers.oci-archive.tar" -C arch
  MAN=$(python3 -c 'import json;print(json.load(open("arch/index.json"))["manifests"][0]["digest"][7:])')
  N=$(python3 -c 'import json,sys;print(len(json.load(open("arch/blobs/sha256/"+sys.argv[1]))["layers"]))' $MAN)
  for n in $(seq 0 $((N-1))); do
    D=$(python3 -c 'import json,sys;print(json.load(open("arch/blobs/sha256/"+sys.argv[1]))["layers"][int(sys.argv[2])]["digest"][7:])' $MAN $n)
    mkdir -p u; tar -xzf arch/blobs/sha256/$D -C u
    find u -name '.wh.*' | while read -r wh; do rm -rf "$(dirname "$wh")/$(basename "$wh" | sed 's/^\.wh\.//')" "$wh"; done
    echo "== layer $n: rpm --root ROOTFS --dbpath /var/lib/rpm -qa --qf '$Q'"
    if [ -f u/var/lib/rpm/rpmdb.sqlite ]; then rpm --root $W/u --dbpath /var/lib/rpm -qa --qf "$Q" | sort; fi
  done
  echo "== top: rpm -qa --qf '%{NAME} %{SOURCERPM} [%{REQUIRENAME},]'"
  rpm --root $W/u --dbpath /var/lib/rpm -qa --qf '%{NAME} %{SOURCERPM} [%{REQUIRENAME},]\n' | sort
  echo "== top: rpm -qa --qf '[%{NAME} %{FILENAMES}\n]' with each path's size (stat -c %s)"
  rpm --root $W/u --dbpath /var/lib/rpm -qa --qf '[%{NAME} %{FILENAMES}\n]' | while read -r p f; do echo "$p $f $(stat -c %s "u$f")"; done | sort
} > "$F"
"$HERE/archive-facts.sh" "$OUT/rpm-layers.oci-archive.tar" strata/rpm-layers:1 "testdata/packages/make-rpm-image.sh testdata/packages"
echo "wrote $OUT/rpm-layers.oci-archive.tar"
