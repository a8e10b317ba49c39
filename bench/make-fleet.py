#!/usr/bin/env python3
"""bench/make-fleet.py N OUTDIR [APPS]: N docker-archives for measuring `strata fleet` (bench/RESULTS.md, "Fleet").

Every archive holds one image: a shared base (one of two: "os" alone, or "os" plus a "runtime" layer), then its
app's two layers: app files (one content twice: duplicate bytes) and a clean-up step that overwrites one base file
and deletes a base folder (wasted bytes). Archive i carries app i % APPS (default APPS = N: every app distinct),
so APPS < N makes a set where images grow but distinct layers do not. Byte-identical layers for equal content
(fixed mtimes, uid, order), so the shared ones really are shared. Deterministic: the same arguments give the same
bytes."""
import hashlib, io, json, os, sys, tarfile

def layer(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.PAX_FORMAT) as t:
        for name, data in entries:
            ti = tarfile.TarInfo(name)
            ti.mtime = 1700000000
            if data is None:
                ti.type = tarfile.DIRTYPE; ti.mode = 0o755; t.addfile(ti)
            else:
                ti.size = len(data); ti.mode = 0o644; t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()

def content(tag, i, size):
    seed = hashlib.sha256(f"{tag}-{i}".encode()).digest()
    return (seed * (size // len(seed) + 1))[:size]

def os_layer():
    e = []
    for d in range(30):
        e.append((f"usr/lib/os{d}", None))
        for f in range(50):
            e.append((f"usr/lib/os{d}/f{f}", content("os", d * 100 + f, 300 + (f * 37) % 900)))
    return layer(e)

def runtime_layer():
    e = [("opt/runtime", None)]
    for f in range(400):
        e.append((f"opt/runtime/m{f}", content("rt", f, 500 + (f * 53) % 1500)))
    return layer(e)

def app_layer(a):
    e = [("app", None)]
    for f in range(120):
        e.append((f"app/x{f}", content(f"app{a}", f, 200 + (f * 29) % 2000)))
    e.append(("app/copy-of-x0", content(f"app{a}", 0, 200)))  # x0 again: duplicate bytes
    return layer(e)

def cleanup_layer(a):
    # overwrite one base file, delete a base folder: both leave their lower bytes stored (wasted)
    return layer([("usr/lib/os3/f7", content(f"patch{a}", 0, 64)), (f"usr/lib/.wh.os{5 + a % 20}", b"")])

def main():
    n = int(sys.argv[1]); out = sys.argv[2]; apps = int(sys.argv[3]) if len(sys.argv) > 3 else n
    os.makedirs(out, exist_ok=True)
    base_os, base_rt = os_layer(), runtime_layer()
    for i in range(n):
        a = i % apps
        layers = [base_os] + ([base_rt] if a % 2 else []) + [app_layer(a), cleanup_layer(a)]
        diffs = [hashlib.sha256(l).hexdigest() for l in layers]
        cfg = json.dumps({"architecture": "amd64", "os": "linux",
                          "config": {"Cmd": ["/app/x0"]},
                          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + d for d in diffs]},
                          "history": [{"created_by": s} for s in
                                      (["ADD os.tar /"] + (["COPY runtime /opt/runtime"] if a % 2 else [])
                                       + [f"COPY app{a} /app", "RUN patch && rm -rf old"])]},
                         sort_keys=True).encode()
        cfgname = hashlib.sha256(cfg).hexdigest() + ".json"
        man = json.dumps([{"Config": cfgname, "RepoTags": [f"fleet/app{a}:{i}"],
                           "Layers": [d + "/layer.tar" for d in diffs]}]).encode()
        files = [(cfgname, cfg)] + [(d + "/layer.tar", l) for d, l in zip(diffs, layers)] + [("manifest.json", man)]
        with tarfile.open(os.path.join(out, f"a{i:04d}.tar"), 'w', format=tarfile.USTAR_FORMAT) as o:
            seen = set()
            for name, data in files:
                if name in seen: continue
                seen.add(name)
                ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 1700000000
                o.addfile(ti, io.BytesIO(data))

main()
