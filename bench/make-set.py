#!/usr/bin/env python3
"""bench/make-set.py N ENTRIES OUTDIR: N different docker-archives of one layer of ENTRIES tiny files each,
for measuring memory over a set of many archives (bench/RESULTS.md, "Sets of many archives")."""
import tarfile, io, json, hashlib, os, sys
N=int(sys.argv[1]); E=int(sys.argv[2]); out=sys.argv[3]
for a in range(N):
    buf=io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for d in range(E//500):
            ti=tarfile.TarInfo(f"data/a{a}/d{d}"); ti.type=tarfile.DIRTYPE; ti.mode=0o755; t.addfile(ti)
            for f in range(499):
                data=f"{a}-{d}-{f}\n".encode()
                ti=tarfile.TarInfo(f"data/a{a}/d{d}/f{f}"); ti.size=len(data); ti.mode=0o644; t.addfile(ti, io.BytesIO(data))
    layer=buf.getvalue(); diff=hashlib.sha256(layer).hexdigest()
    cfg=json.dumps({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:"+diff]},"history":[{"created_by":"gen"}]}).encode()
    cfgname=hashlib.sha256(cfg).hexdigest()+".json"
    man=json.dumps([{"Config":cfgname,"RepoTags":[f"gen/a{a}:1"],"Layers":[diff+"/layer.tar"]}]).encode()
    with tarfile.open(os.path.join(out,f"a{a:02d}.tar"),'w') as o:
        for name,data in [(cfgname,cfg),(diff+"/layer.tar",layer),("manifest.json",man)]:
            ti=tarfile.TarInfo(name); ti.size=len(data); o.addfile(ti, io.BytesIO(data))
