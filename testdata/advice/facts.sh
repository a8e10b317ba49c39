#!/bin/bash
# Facts about the shop pair from podman, skopeo, umoci, dpkg-query and npm (not from Strata).
set -u
cd /work/tmp-advice
A=pair.tar
for t in bad good; do
  out=facts/$t.txt; : > $out
  img=localhost/strata-advice-shop:$t
  { echo "### podman history --no-trunc --format '{{.ID}} {{.Size}} {{.CreatedBy}}' $img"
    podman history --no-trunc --format '{{.ID}}|{{.Size}}|{{.CreatedBy}}' $img
    echo; echo "### podman image inspect --format '{{.Size}} {{.RootFS.Layers}}' $img"
    podman image inspect --format '{{.Size}} {{.RootFS.Layers}}' $img
    echo; echo "### skopeo inspect --raw docker-archive:$A:$img"
    skopeo inspect --raw docker-archive:$A:$img; echo
    echo; echo "### skopeo inspect --config docker-archive:$A:$img"
    skopeo inspect --config docker-archive:$A:$img; echo
  } >> $out 2>&1
  rm -rf oci-$t unpack-$t
  skopeo copy -q docker-archive:$A:$img oci:oci-$t:$t >/dev/null 2>&1
  umoci unpack --image oci-$t:$t unpack-$t >/dev/null 2>&1
  R=unpack-$t/rootfs
  { echo; echo "### per-layer content bytes (python tarfile over each layer blob of the oci copy: regular file sizes + symlink target lengths)"
    python3 - oci-$t <<'PY'
import json, sys, tarfile, os
d = sys.argv[1]
idx = json.load(open(f"{d}/index.json"))
man = json.load(open(f"{d}/blobs/sha256/" + idx["manifests"][0]["digest"].split(":")[1]))
total = 0
for i, l in enumerate(man["layers"]):
    b = 0
    with tarfile.open(f"{d}/blobs/sha256/" + l["digest"].split(":")[1]) as t:
        for m in t:
            if m.isreg(): b += m.size
            elif m.issym(): b += len(m.linkname.encode())
    total += b
    print(f"layer {i}: {b}")
print(f"logicalBytes {total}")
PY
    echo; echo "### squashed bytes of the umoci unpack (python: regular files, an inode once, + symlink target lengths)"
    python3 - $R <<'PY'
import os, sys
root = sys.argv[1]; seen = set(); total = 0; per = {}
for dp, dns, fns in os.walk(root):
    for n in dns + fns:
        p = os.path.join(dp, n); st = os.lstat(p)
        rel = os.path.relpath(p, root); top = "/" + rel.split("/")[0]
        if os.path.islink(p): sz = len(os.readlink(p).encode())
        elif os.path.isfile(p):
            if (st.st_dev, st.st_ino) in seen: continue
            seen.add((st.st_dev, st.st_ino)); sz = st.st_size
        else: continue
        total += sz; per[top] = per.get(top, 0) + sz
print(f"squashedBytes {total}")
for k in sorted(per): print(f"top {k} {per[k]}")
PY
    echo; echo "### dpkg-query --admindir=$R/var/lib/dpkg -W -f '\${Package} \${Version} \${Installed-Size}\n'"
    dpkg-query --admindir=$R/var/lib/dpkg -W -f '${Package} ${Version} ${Installed-Size}\n'
    echo; echo "### cat $R/var/lib/apt/extended_states (apt's auto-installed marks)"
    cat $R/var/lib/apt/extended_states 2>/dev/null
    echo; echo "### npm ls --all --json --prefix $R/app (host npm 11)"
    (cd $R/app && npm ls --all --json 2>/dev/null | python3 -c 'import json,sys
def walk(d, out):
    for n, v in (d.get("dependencies") or {}).items():
        out.add((n, v.get("version"), bool(v.get("dev"))))
        walk(v, out)
s=set(); walk(json.load(sys.stdin), s)
for n,v,dev in sorted(s): print(n, v, "dev" if dev else "")')
    echo; echo "### du --apparent-size -sb per node_modules package (top level)"
    (cd $R/app/node_modules 2>/dev/null && du -sb --apparent-size * | sort -k2)
  } >> $out 2>&1
done
