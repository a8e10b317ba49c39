#!/bin/bash
cd /work/tmp-advice
for t in bad good; do
 R=unpack-$t/rootfs
 {
 echo; echo "### per-layer regular files under app/ (python tarfile over each layer blob of the oci copy): files bytes"
 python3 - oci-$t <<'PY'
import json, sys, tarfile
d = sys.argv[1]
idx = json.load(open(f"{d}/index.json"))
man = json.load(open(f"{d}/blobs/sha256/" + idx["manifests"][0]["digest"].split(":")[1]))
for i, l in enumerate(man["layers"]):
    n = b = 0
    with tarfile.open(f"{d}/blobs/sha256/" + l["digest"].split(":")[1]) as t:
        for m in t:
            if m.isreg() and m.name.lstrip("./").startswith("app/"): n += 1; b += m.size
    print(f"layer {i}: {n} {b}")
PY
 echo; echo "### regular-file bytes per package of the unpacked rootfs (python over dpkg-query -L for deb; the package folder for npm)"
 for p in procps psmisc libgpm2 libncursesw6 libproc2-0; do
   dpkg-query --admindir=$R/var/lib/dpkg -L $p >/dev/null 2>&1 || { echo "deb $p absent"; continue; }
   dpkg-query --admindir=$R/var/lib/dpkg -L $p | python3 -c '
import os,sys
root=sys.argv[1]; name=sys.argv[2]; n=b=0; seen=set()
for line in sys.stdin:
    p=root+line.strip()
    if os.path.islink(p) or not os.path.isfile(p): continue
    st=os.lstat(p)
    if (st.st_dev,st.st_ino) in seen: continue
    seen.add((st.st_dev,st.st_ino)); n+=1; b+=st.st_size
print("deb", name, n, b)' $R $p
 done
 for p in prettier lodash express; do
   python3 -c '
import os,sys
d=sys.argv[1]; n=b=0
if not os.path.isdir(d): print("npm", sys.argv[2], "absent"); sys.exit()
for dp,dn,fn in os.walk(d):
    for f in fn:
        p=os.path.join(dp,f)
        if os.path.isfile(p) and not os.path.islink(p): n+=1; b+=os.lstat(p).st_size
print("npm", sys.argv[2], n, b)' $R/app/node_modules/$p $p
 done
 } >> facts/$t.txt
done
# appended to facts/bad.txt: the sizes of app/.env and app/logs/debug.log in layer 3 of the bad image
# (python tarfile over layers[3] of oci-bad, printing m.name and m.size for those two paths)
# the "deb+symlinks" and "npm+symlinks" lines: the same walk counting a symlink as its target's length
# (os.readlink), for psmisc and libgpm2 (dpkg-query -L) and app/node_modules/prettier, the /bin entry left out
