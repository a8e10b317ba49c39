#!/bin/bash
# Builds testdata/advice/weakdeps.oci-archive.tar and noweakdeps.oci-archive.tar: the busybox base of
# testdata/sample plus one layer in which the real dnf (Debian's dnf 4.14, rpm 4.18) installed strata-app from a
# local repository (rpmbuild, createrepo_c) into the root: with weak dependencies (dnf's default) and with
# --setopt=install_weak_deps=False. The rpms:
#   strata-app      Requires strata-lib, Recommends strata-viewer        (what the user asks for)
#   strata-lib      (required)
#   strata-viewer   Requires strata-viewer-data                            (a weak dependency of strata-app)
#   strata-viewer-data                                                     (required only by the weak one)
#   strata-langpack Supplements strata-app                                 (a reverse weak dependency)
# Needs root, rpmbuild, createrepo_c, dnf, umoci, skopeo, python3. Usage: make-weakdeps-images.sh OUTDIR
set -euo pipefail
OUT=$(realpath "$1"); HERE=$(cd "$(dirname "$0")" && pwd); W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"
spec() { # NAME "DEPENDENCY LINES" FILE BYTES
  cat > "$1.spec" <<SPEC
Name: $1
Version: 1.0
Release: 1
Summary: Strata weak-dependency test package $1
License: MIT
BuildArch: x86_64
$2
AutoReqProv: no
%description
Strata weak-dependency test package $1.
%install
mkdir -p %{buildroot}$(dirname "$3")
yes $1 | head -c $4 > %{buildroot}$3
%files
$3
SPEC
  rpmbuild -bb --quiet --define "_topdir $W/rpmbuild" --define '_build_id_links none' "$1.spec"
}
spec strata-app "$(printf 'Requires: strata-lib\nRecommends: strata-viewer')" /usr/bin/strata-app 20000
spec strata-lib "" /usr/lib64/libstrata.so.1 30000
spec strata-viewer "Requires: strata-viewer-data" /usr/bin/strata-viewer 40000
spec strata-viewer-data "" /usr/share/strata-viewer/data.bin 150000
spec strata-langpack "Supplements: strata-app" /usr/share/strata/lang.dat 60000
createrepo_c -q rpmbuild/RPMS/x86_64
# Debian's rpm keeps its database in ~/.rpmdb; put it where Fedora's does (rpm reads ~/.rpmmacros)
mkdir home && echo '%_dbpath /var/lib/rpm' > home/.rpmmacros && export HOME=$W/home
mkdir base && tar -xf "$HERE/../sample/sample.docker-save.tar" -C base
LAYER0=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))[0]["Layers"][0])' base/manifest.json)
build() { # NAME "DNF OPTIONS"
  rm -rf oci bundle; umoci init --layout oci >/dev/null; umoci new --image oci:img >/dev/null
  umoci unpack --image oci:img bundle >/dev/null
  tar -xf "base/$LAYER0" -C bundle/rootfs
  umoci repack --refresh-bundle --image oci:img --history.created_by 'ADD busybox.tar /' bundle >/dev/null
  printf 'NAME="Strata Test Linux"\nID=fedora\nVERSION_ID=40\n' > bundle/rootfs/etc/os-release
  dnf -q -y --installroot="$W/bundle/rootfs" --releasever=40 --setopt=reposdir=/nonexistent \
    --repofrompath=local,"file://$W/rpmbuild/RPMS/x86_64" --setopt=local.gpgcheck=0 $2 install strata-app
  # rpm, the last to open the database, folds sqlite's write-ahead log into rpmdb.sqlite on closing it
  rpm --root "$W/bundle/rootfs" -qa >/dev/null; ls bundle/rootfs/var/lib/rpm bundle/rootfs/var/lib/dnf
  umoci repack --refresh-bundle --image oci:img --history.created_by "/bin/sh -c dnf install -y $2 strata-app" bundle >/dev/null
  skopeo copy -q oci:oci:img oci-archive:"$OUT/$1.oci-archive.tar:strata/$1:1"
  F="$OUT/$1.oci-archive.tar.packages.txt"
  { echo "# built by testdata/advice/make-weakdeps-images.sh on $(. /etc/os-release; echo $PRETTY_NAME), $(rpm --version), dnf $(dnf --version | head -1), $(umoci --version), $(skopeo --version)"
    echo "# the rootfs of every layer unpacked from the archive's blobs in order (whiteouts applied)"
    rm -rf arch u; mkdir arch u && tar -xf "$OUT/$1.oci-archive.tar" -C arch
    MAN=$(python3 -c 'import json;print(json.load(open("arch/index.json"))["manifests"][0]["digest"][7:])')
    for D in $(python3 -c 'import json,sys;[print(l["digest"][7:]) for l in json.load(open("arch/blobs/sha256/"+sys.argv[1]))["layers"]]' $MAN); do
      tar -xzf arch/blobs/sha256/$D -C u
    done
    DB=$(cd u && for d in usr/lib/sysimage/rpm var/lib/rpm; do if [ -d $d ]; then echo $d; break; fi; done)
    echo "== top: rpm --dbpath /$DB -qa --qf '%{NAME}|[%{REQUIRENAME},]|[%{RECOMMENDNAME},]|[%{SUPPLEMENTNAME},]'"
    rpm --root "$W/u" --dbpath "/$DB" -qa --qf '%{NAME}|[%{REQUIRENAME},]|[%{RECOMMENDNAME},]|[%{SUPPLEMENTNAME},]\n' | sort
    echo "== top: dnf history's reason per package (sqlite3 var/lib/dnf/history.sqlite)"
    python3 -c 'import sqlite3,sys;c=sqlite3.connect(sys.argv[1]);[print(n,r) for n,r in c.execute("select rpm.name, trans_item.reason from trans_item join rpm on rpm.item_id=trans_item.item_id order by rpm.name")]' u/var/lib/dnf/history.sqlite || true
    echo "== top: rpm -qa --qf '[%{NAME} %{FILENAMES}\\n]' with each path's size (stat -c %s)"
    rpm --root "$W/u" --dbpath "/$DB" -qa --qf '[%{NAME} %{FILENAMES}\n]' | while read -r p f; do echo "$p $f $(stat -c %s "u$f")"; done | sort
  } > "$F"
  "$HERE/../packages/archive-facts.sh" "$OUT/$1.oci-archive.tar" strata/$1:1 "testdata/advice/make-weakdeps-images.sh testdata/advice"
}
build weakdeps ""
build noweakdeps "--setopt=install_weak_deps=False"
echo "wrote $OUT/weakdeps.oci-archive.tar $OUT/noweakdeps.oci-archive.tar"
