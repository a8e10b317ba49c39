#!/usr/bin/env bash
# Records what every command prints, so a refactoring can show its outputs are byte-identical:
#   bench/golden.sh record DIR     every command x every testdata archive (GoldenRecorder) into DIR/runs/, and every
#                                  in-process CLI run of the test suite (golden, hostile, fuzz) into DIR/tests.log
#   bench/golden.sh record DIR REGEX  only the GoldenRecorder runs whose command line matches REGEX (no test suite)
#   bench/golden.sh compare A B    diff of two recordings (exit 0 when identical): runs/ byte for byte; in tests.log
#                                  the runs on archives the tests build in temporary folders (<TMP>) at run time,
#                                  with the current time in their tar headers, have digests and mtimes masked
# Runs the test suite (a few minutes); not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  record)
    out="$(realpath -m "$2")"; only="${3:-}"
    if [ -z "$only" ]; then
      rm -rf "$out"; mkdir -p "$out/runs"
      nice -n 10 mvn -B -q -ntp -o test -Dstrata.golden.log="$out/tests.log"
    else
      mkdir -p "$out/runs"
    fi
    mvn -B -q -ntp -o dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null
    cache="$(mktemp -d)"
    STRATA_CACHE_DIR="$cache" nice -n 10 java -Xmx2g -Dstrata.cacheDir="$cache" \
      -cp "target/classes:target/test-classes:$(cat "$out/cp.txt")" io.strata.testing.GoldenRecorder "$out/runs" "$only"
    rm -rf "$cache" "$out/cp.txt"
    [ -n "$only" ] && exit 0
    # the suite's runs in a stable order: each run's block, sorted
    python3 - "$out/tests.log" <<'PY'
import sys
p = sys.argv[1]
blocks = open(p, encoding='utf-8', errors='surrogateescape').read().split('\n=== ')
blocks = sorted(b if b.startswith('=== ') else '=== ' + b for b in blocks if b)
open(p, 'w', encoding='utf-8', errors='surrogateescape').write('\n'.join(blocks))
PY
    ;;
  compare)
    norm="$(mktemp -d)"
    for side in a b; do
      src="$2"; [ "$side" = b ] && src="$3"
      python3 - "$src/tests.log" "$norm/$side.log" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8', errors='surrogateescape').read()
out = []
for block in text.split('\n=== '):
    block = re.sub(r'out-[0-9]+', 'out-N', block)  # extract's random output names
    if '<TMP>' in block.split('\n', 1)[0]:
        block = re.sub(r'[0-9a-f]{64}', 'H' * 64, block)
        block = re.sub(r'\b[0-9a-f]{12}\b', 'H' * 12, block)
        block = re.sub(r'"mtime" : [0-9]+', '"mtime" : T', block)
    out.append(block)
open(sys.argv[2], 'w', encoding='utf-8', errors='surrogateescape').write('\n=== '.join(sorted(out)))
PY
    done
    rc=0
    diff -r "$2/runs" "$3/runs" || rc=1
    diff "$norm/a.log" "$norm/b.log" || rc=1
    rm -rf "$norm"
    [ "$rc" = 0 ] && echo "identical: $2 $3"
    exit "$rc"
    ;;
  *) echo "usage: bench/golden.sh record DIR | compare A B" >&2; exit 2 ;;
esac
