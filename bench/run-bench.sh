#!/usr/bin/env bash
# bench/run-bench.sh [IMAGEDIR] [RUNS]
#
# Strata's benchmark (not part of the tests). Builds or reuses the inputs of
# ../shared/bench/make-bench-images.sh (debian-fat as docker-archive, gzip and zstd oci-archive;
# many-files as gzip oci-archive and docker-archive), derives debian-fat-v2 (one more small layer,
# via `umoci insert`) for the diff measurement, then measures side by side, RUNS times each
# (median wall seconds, median peak RSS): the floors (gzip -dc / zstd -dc of every layer on one
# thread, openssl dgst -sha256 of the plain layers, sha256sum of the archive), GNU tar -t of every
# layer, umoci unpack, and Strata's inspect, waste, files, diff and verify, cold (--no-cache) and
# with a warm layer cache; packages and sbom on debian-fat (gzip), cold and warm, against waste. Prints a table with each Strata figure as a ratio to its floor and
# writes bench/RESULTS.md. Needs root only to build the images the first time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proj=$(cd "$here/.." && pwd)
IMG=$(realpath -m "${1:-${STRATA_BENCH_IMAGES:-$proj/../bench-images}}")
RUNS=${2:-3}
SCRATCH=$(realpath -m "${SCRATCH:-$IMG/.strata-bench}")
export LC_ALL=C

if [ ! -s "$IMG/debian-fat.oci-gzip.tar" ] || [ ! -s "$IMG/many-files.oci-gzip.tar" ]; then
  echo "building benchmark images into $IMG (needs root and a Debian mirror)" >&2
  bash "$proj/../shared/bench/make-bench-images.sh" "$IMG"
fi
for c in umoci skopeo zstd jq openssl; do
  command -v $c >/dev/null || { echo "missing $c: apt-get install $c" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install time" >&2; exit 2; }

# Strata as users run it: the launcher (its JVM flags, class-data-sharing archive); it builds the jar first
(cd "$proj" && mvn -q -B -DskipTests package && ./strata --help > /dev/null)
STRATA=("$proj/strata")
mkdir -p "$SCRATCH"
POLICY="$SCRATCH/policy.json"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$POLICY"

# debian-fat v2: the same image plus one small layer, so a diff shares 8 base layers
V2="$IMG/debian-fat-v2.oci-gzip.tar"
if [ ! -s "$V2" ]; then
  L="$SCRATCH/v2-layout"; rm -rf "$L"; mkdir -p "$L"
  tar -C "$L" -xf "$IMG/debian-fat.oci-gzip.tar"
  ref=$(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"]' "$L/index.json")
  # a layer written by GNU tar (umoci 0.4.7's `insert` leaves its tar without padding or end marker)
  mkdir -p "$SCRATCH/v2-root/etc/app"; printf 'version=2\n' > "$SCRATCH/v2-root/etc/app/version.txt"
  tar -C "$SCRATCH/v2-root" --numeric-owner --owner=0 --group=0 -cf "$SCRATCH/v2-layer.tar" etc
  umoci raw add-layer --image "$L:$ref" --tag v2 "$SCRATCH/v2-layer.tar"
  skopeo --policy "$POLICY" copy -q "oci:$L:v2" "oci-archive:$V2:v2"
  rm -rf "$L"
fi

declare -A MED RSS
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
# bench KEY CMD [PREP]: RUNS timed runs of CMD (PREP untimed before each)
bench() {
  local key=$1 cmd=$2 prep=${3:-} i w=() r=()
  for ((i=0; i<RUNS; i++)); do
    [ -n "$prep" ] && bash -c "$prep"
    if ! /usr/bin/time -f '%e %M' -o "$SCRATCH/t" bash -c "$cmd" > /dev/null 2> "$SCRATCH/err"; then
      # exit 1 is a finding (verify/diff/ci), not a failure
      if ! grep -q 'status 1$' "$SCRATCH/t"; then
        echo "FAILED $key: $(tail -c 300 "$SCRATCH/err")" >&2; MED[$key]=NaN; RSS[$key]=NaN; return 0
      fi
    fi
    read -r a b < <(tail -1 "$SCRATCH/t"); w+=("$a"); r+=("$b")
  done
  MED[$key]=$(printf '%s\n' "${w[@]}" | median)
  RSS[$key]=$(printf '%s\n' "${r[@]}" | median | awk '{printf "%.0f", $1/1024}')
  printf '%-40s %8s s %7s MiB\n' "$key" "${MED[$key]}" "${RSS[$key]}" >&2
}
layers() {  # layer blob files of an extracted archive, manifest order
  local d=$1
  if [ -f "$d/manifest.json" ] && [ ! -f "$d/oci-layout" ]; then
    jq -r '.[0].Layers[]' "$d/manifest.json" | sed "s|^|$d/|"
  else
    local m; m=$(jq -r '.manifests[0].digest' "$d/index.json")
    jq -r '.layers[].digest' "$d/blobs/${m/://}" | sed "s|^sha256:|$d/blobs/sha256/|"
  fi
}
extract() { local n=$1; rm -rf "$SCRATCH/x-$n"; mkdir -p "$SCRATCH/x-$n"; tar -C "$SCRATCH/x-$n" -xf "$IMG/$n.tar"; }

CACHE="$SCRATCH/cache"
S="${STRATA[*]}"
for n in debian-fat.oci-gzip debian-fat.oci-zstd debian-fat.docker many-files.oci-gzip; do
  extract "$n"; L=$(layers "$SCRATCH/x-$n" | tr '\n' ' ')
  A="$IMG/$n.tar"
  case $n in
    *gzip) bench "$n floor gzip -dc (1 thread)" "for b in $L; do gzip -dc \$b; done"
           bench "$n tar -tzvf each layer" "for b in $L; do tar -tzvf \$b; done" ;;
    *zstd) bench "$n floor zstd -dc (1 thread)" "for b in $L; do zstd -dcq \$b; done"
           bench "$n tar --zstd -tvf each layer" "for b in $L; do tar --zstd -tvf \$b; done" ;;
    *docker) bench "$n floor openssl sha256 layers" "openssl dgst -sha256 $L"
             bench "$n tar -tvf each layer" "for b in $L; do tar -tvf \$b; done" ;;
  esac
  bench "$n sha256sum archive" "sha256sum $A"
  if [[ $n == *gzip ]]; then
    ref=$(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"]' "$SCRATCH/x-$n/index.json")
    bench "$n umoci unpack" "umoci unpack --image $SCRATCH/x-$n:$ref $SCRATCH/bundle" "rm -rf $SCRATCH/bundle"
    rm -rf "$SCRATCH/bundle"
  fi
  rm -rf "$SCRATCH/x-$n"
  for c in inspect waste files verify; do
    bench "$n strata $c" "$S $c --no-cache --format json $A"
  done
  # warm: the cache filled by an earlier run, and the measured command line run once before, as a user repeats it
  # (a run the cache serves whole leaves the mark that starts the next one with C1 alone: cache/LightRuns)
  rm -rf "$CACHE"; STRATA_CACHE_DIR="$CACHE" ${S} waste "$A" > /dev/null
  STRATA_CACHE_DIR="$CACHE" ${S} waste --format json "$A" > /dev/null
  bench "$n strata waste (warm cache)" "STRATA_CACHE_DIR=$CACHE $S waste --format json $A"
done
# packages and sbom read the package databases during the same one scan: cold against a cold waste, and
# warm (a layer cache filled by one waste run) against a warm waste
A="$IMG/debian-fat.oci-gzip.tar"
for c in packages sbom; do
  bench "debian-fat.oci-gzip strata $c" "$S $c --no-cache $([ $c = packages ] && echo --format json) $A"
done
# (a layer cache filled by one waste run; the first run of each command line keeps its inventory, the second is
# served whole and leaves its mark); "unmarked": the same warm cache without the marks, so C2 as on a first warm run
rm -rf "$CACHE"; STRATA_CACHE_DIR="$CACHE" ${S} waste "$A" > /dev/null
for c in packages sbom; do
  line="$c $A"; [ $c = packages ] && line="$c --format json $A"
  for i in 1 2; do STRATA_CACHE_DIR="$CACHE" ${S} $line > /dev/null; done
  bench "debian-fat.oci-gzip strata $c (warm cache)" "STRATA_CACHE_DIR=$CACHE $S $line"
done
bench "debian-fat.oci-gzip strata packages (warm, unmarked)" "STRATA_CACHE_DIR=$CACHE $S packages --format json $A" \
  "rm -rf $CACHE/light"
bench "debian-fat diff v1 v2 (gzip)" "$S diff --no-cache --format json $IMG/debian-fat.oci-gzip.tar $V2"
bench "sample strata inspect" "$proj/strata inspect $proj/testdata/sample/sample.docker-save.tar"

ratio() { awk -v a="${MED[$1]}" -v b="${MED[$2]}" 'BEGIN { if (b > 0 && a == a+0) printf "%.2f", a/b; else print "n/a" }'; }
{
  echo "# Benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB RAM; $(java -version 2>&1 | head -1); $(date -u +%F)."
  echo "Command: \`bench/run-bench.sh $IMG $RUNS\` (median of $RUNS runs, warm page cache)."
  echo
  echo "| measure | wall s | peak RSS MiB |"
  echo "|---|---:|---:|"
  for k in "${!MED[@]}"; do echo "| $k | ${MED[$k]} | ${RSS[$k]} |"; done | sort
  echo
  echo "| target | ratio | goal |"
  echo "|---|---:|---|"
  echo "| waste debian-fat gzip / gzip -dc floor | $(ratio 'debian-fat.oci-gzip strata waste' 'debian-fat.oci-gzip floor gzip -dc (1 thread)') | <= 0.45 |"
  echo "| waste debian-fat zstd / zstd -dc floor | $(ratio 'debian-fat.oci-zstd strata waste' 'debian-fat.oci-zstd floor zstd -dc (1 thread)') | <= 1.1 |"
  echo "| waste debian-fat docker / openssl sha256 | $(ratio 'debian-fat.docker strata waste' 'debian-fat.docker floor openssl sha256 layers') | <= 1.3 |"
  echo "| waste many-files gzip / gzip -dc floor | $(ratio 'many-files.oci-gzip strata waste' 'many-files.oci-gzip floor gzip -dc (1 thread)') | <= 0.8 |"
  echo "| diff v1 v2 / waste v1 (gzip) | $(ratio 'debian-fat diff v1 v2 (gzip)' 'debian-fat.oci-gzip strata waste') | <= 1.3 |"
  echo "| waste cold / warm cache (debian-fat gzip) | $(ratio 'debian-fat.oci-gzip strata waste' 'debian-fat.oci-gzip strata waste (warm cache)') | >= 5 |"
  echo "| packages / waste, cold (debian-fat gzip) | $(ratio 'debian-fat.oci-gzip strata packages' 'debian-fat.oci-gzip strata waste') | <= 1.10 |"
  echo "| sbom / waste, cold (debian-fat gzip) | $(ratio 'debian-fat.oci-gzip strata sbom' 'debian-fat.oci-gzip strata waste') | <= 1.10 |"
  echo "| packages / waste, warm cache (debian-fat gzip) | $(ratio 'debian-fat.oci-gzip strata packages (warm cache)' 'debian-fat.oci-gzip strata waste (warm cache)') | |"
  echo "| sbom / waste, warm cache (debian-fat gzip) | $(ratio 'debian-fat.oci-gzip strata sbom (warm cache)' 'debian-fat.oci-gzip strata waste (warm cache)') | |"
  echo "| packages, warm cache (s) | ${MED['debian-fat.oci-gzip strata packages (warm cache)']} | < 0.3 (issue 13) |"
  echo "| packages, warm cache without the light-run mark (s) | ${MED['debian-fat.oci-gzip strata packages (warm, unmarked)']} | |"
  echo "| inspect sample (s) | ${MED['sample strata inspect']} | < 0.5 |"
} > "$here/RESULTS.md.new"
mv "$here/RESULTS.md.new" "$here/RESULTS.md"
cat "$here/RESULTS.md"
