#!/usr/bin/env bash
# Records what every command prints, so a refactoring can show its outputs are byte-identical:
#   bench/golden.sh record DIR     every command x every testdata archive (GoldenRecorder) into DIR/runs/, and every
#                                  in-process CLI run of the test suite (golden, hostile, fuzz) into DIR/tests.log
#   bench/golden.sh compare A B    diff -r of two recordings (exit 0 when identical)
# Runs the test suite (a few minutes); not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  record)
    out="$(realpath -m "$2")"; rm -rf "$out"; mkdir -p "$out/runs"
    nice -n 10 mvn -B -q -ntp -o test -Dstrata.golden.log="$out/tests.log"
    mvn -B -q -ntp -o dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null
    cache="$(mktemp -d)"
    STRATA_CACHE_DIR="$cache" nice -n 10 java -Xmx2g -Dstrata.cacheDir="$cache" \
      -cp "target/classes:target/test-classes:$(cat "$out/cp.txt")" io.strata.testing.GoldenRecorder "$out/runs"
    rm -rf "$cache" "$out/cp.txt"
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
    diff -r "$2" "$3" && echo "identical: $2 $3"
    ;;
  *) echo "usage: bench/golden.sh record DIR | compare A B" >&2; exit 2 ;;
esac
