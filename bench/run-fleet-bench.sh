#!/usr/bin/env bash
# bench/run-fleet-bench.sh [WORKDIR]: `strata fleet` (embedded local mode) against `strata inspect --no-cache`
# on sets made by bench/make-fleet.py: 50, 100 and 200 archives of as many apps, and 200 archives of 50 apps
# (four copies of each: images grow, distinct layers do not). Prints one Markdown table row per run: wall
# seconds, CPU seconds, peak RSS, and the fleet's distinct layers and blobs. Not part of the tests.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$here/bench/out/fleet}"
mkdir -p "$work"
"$here/strata" fleet --help >/dev/null   # builds both jars first, outside the measurements
"$here/strata" --help >/dev/null
measure() {  # measure LABEL COMMAND...: one table row
  local label="$1"; shift
  local out="$work/out.json" tm="$work/time.txt"
  /usr/bin/time -f '%e %U %S %M' -o "$tm" "$@" >"$out" 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
  read -r wall user sys rss <"$tm"
  python3 - "$label" "$wall" "$user" "$sys" "$rss" "$out" <<'PY'
import json, sys
label, wall, user, sys_, rss, out = sys.argv[1:]
d = json.load(open(out))
f = d.get("fleet") or {}
layers = f.get("distinctLayers", ""); blobs = f.get("distinctBlobs", "")
images = f.get("images", len([i for i in d.get("images", []) if i.get("kind") == "image"]))
print(f"| {label} | {images} | {layers} | {blobs} | {float(wall):.1f} | {float(user)+float(sys_):.1f} | {int(rss)//1024} |")
PY
}
echo "| run | images | distinct layers | distinct blobs | wall s | CPU s | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for spec in "50 50" "100 100" "200 200" "200 50"; do
  set -- $spec
  dir="$work/set-$1-$2"
  [ -d "$dir" ] || python3 "$here/bench/make-fleet.py" "$1" "$dir" "$2"
  measure "fleet $1 archives, $2 apps" "$here/strata" fleet "$dir" --format json
  measure "inspect $1 archives, $2 apps" "$here/strata" inspect --no-cache --format json "$dir"
done
