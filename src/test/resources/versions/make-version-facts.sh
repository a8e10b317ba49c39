#!/bin/bash
# Writes version-order.facts.txt: for every pair of the versions listed below, the order the ecosystem's own tool
# gives. Lines: ECOSYSTEM <TAB> A <TAB> B <TAB> < | = | >   (A older than, equal to, newer than B).
#   deb:    dpkg --compare-versions A lt|eq B      (dpkg 1.21.22, Debian 12)
#   rpm:    rpm --eval '%{lua: print(rpm.vercmp(A, B))}'   (rpm 4.18.0; one rpm run loops over the pairs)
#   npm:    node-semver's compare(A, B), the copy npm itself ships (/usr/lib/node_modules/npm/node_modules/semver)
#   python: packaging.version.Version(A) compared with Version(B)  (packaging 26.2, pip's and PyPA's own)
#   go:     semver.Compare(A, B) of golang.org/x/mod/semver as the Go toolchain vendors it (go 1.19.8:
#           /usr/lib/go-1.19/src/cmd/vendor/golang.org/x/mod/semver, x/mod v0.6.0-dev.0.20220419223038-86c51ed26bb4),
#           compiled into a small program (the versions include x/mod's own semver_test.go table)
#   apk:    apk-tools test/unit/version.data (alpinelinux/apk-tools commit 90b974f): a selection of its "A op B" lines
#           with op in <, >, = (no apk binary for Debian 12)
# Run from this folder: bash make-version-facts.sh
set -euo pipefail
out=version-order.facts.txt
DEB=(0 0.0 1.0 1.0-0 1.0-1 1.00-1 0:1.0 1:0.9 1:1.0 1.0~rc1 1.0~rc1-1 1.0~~ 1.0~ 1.0+b1 1.0a 1.0.1 1.0-1ubuntu1
     1.0-1+deb12u1 1.0-1~deb12u1 1.0-10 1.0-9 2.36-9+deb12u4 2.36-9+deb12u14 1:1.2.13.dfsg-1 1:1.2.13.dfsg-1+deb12u1
     2:4.0.2-3 9.1-1 10.0 5.7-0.5~deb12u1 252.39-1~deb12u2 252.39-1 1.2.3a 1.2.3+ 1.2.3. 20230101 1.0-a 1.0-A 1.0-1.1)
RPM=(0 1.0 1.0-1 1.0-2 1:1.0-1 0:1.0-1 2.1-3 1:2.1-3 1:2.2-1 1.0~rc1 1.0^git1 1.0^ 1.0.1 1.0a 1.0.a 1.01 1.001
     1.0-1.el9 1.0-1.fc38 1.0_1 2.0b 2.0 10 9 1.0-1~beta 1.0-1^post 5.4.17-2136.300.7.el8uek 1.0-1.el9_2 a b 1.0.0 1..0)
NPM=(0.0.1 1.0.0 1.0.0-alpha 1.0.0-alpha.1 1.0.0-alpha.beta 1.0.0-beta 1.0.0-beta.2 1.0.0-beta.11 1.0.0-rc.1
     1.0.0+build.1 1.0.0-rc.1+build.5 2.0.0 2.1.0 2.1.1 10.0.0 1.0.0-0 1.0.0-1 1.0.0-a 1.0.0-A 1.0.0-x.7.z.92 v1.2.3
     1.2.3 4.17.21 16.4.5 0.4.24 2.0.0-alpha-1 1.0.0-10 1.0.0-9)
PY=(0 1.0 1.0.0 1.0a1 1.0a2 1.0b1 1.0rc1 1.0c2 1.0.dev0 1.0.dev1 1.0a1.dev1 1.0.post1 1.0.post1.dev2 1.0-1
    1.0+local 1.0+local.2 1.0+2 1.0+abc.5 1!0.5 2.0 0.9 1.0.1 1.0alpha3 1.0-r2 1.0preview4 v1.0 1.0RC1 2022.9.24
    22.2.0 1.0.post 1.0a 1.0+10 1.0+9 1.16.0 4.4.0 1.26.12)
GO=(bad v1-alpha.beta.gamma v1-pre v1+meta v1.2-pre v1.0.0-alpha v1.0.0-alpha.1 v1.0.0-alpha.beta v1.0.0-beta
    v1.0.0-beta.2 v1.0.0-beta.11 v1.0.0-rc.1 v1 v1.0 v1.0.0 v1.2 v1.2.0 v1.2.3-456 v1.2.3-456.789 v1.2.3-456-789
    v1.2.3-456a v1.2.3-pre v1.2.3-pre+meta v1.2.3-pre.1 v1.2.3-zzz v1.2.3 v1.2.3+meta v1.19 v1.3.0 v0.7.0 1.2.3
    v0.0.0-20230101120000-abcdef123456 v0.0.0-20240101120000-abcdef123456 v1.2.4-0.20230101120000-abcdef123456
    v2.0.0+incompatible v10.0.0 "(devel)")
{
sed -n '2,12p' "$0"
n=${#DEB[@]}
for ((i=0;i<n;i++)); do for ((j=i+1;j<n;j++)); do
  a=${DEB[i]}; b=${DEB[j]}
  if dpkg --compare-versions "$a" lt "$b"; then r='<'; elif dpkg --compare-versions "$a" eq "$b"; then r='='; else r='>'; fi
  printf 'deb\t%s\t%s\t%s\n' "$a" "$b" "$r"
done; done
lua="local v={"; for v in "${RPM[@]}"; do lua+="\"$v\","; done
lua+='} for i=1,#v do for j=i+1,#v do local c=rpm.vercmp(v[i],v[j]); local r = c<0 and "<" or (c==0 and "=" or ">"); print("rpm\t"..v[i].."\t"..v[j].."\t"..r.."\n") end end'
rpm --eval "%{lua: $lua}" | grep -v '^$'
node -e '
const semver = require("/usr/lib/node_modules/npm/node_modules/semver");
const v = process.argv.slice(1);
for (let i = 0; i < v.length; i++) for (let j = i + 1; j < v.length; j++) {
  const c = semver.compare(v[i], v[j]);
  console.log(["npm", v[i], v[j], c < 0 ? "<" : c == 0 ? "=" : ">"].join("\t"));
}' "${NPM[@]}"
python3 - "${PY[@]}" <<'PY'
import sys
from packaging.version import Version
v = sys.argv[1:]
for i in range(len(v)):
    for j in range(i + 1, len(v)):
        a, b = Version(v[i]), Version(v[j])
        print("python", v[i], v[j], "<" if a < b else "=" if a == b else ">", sep="\t")
PY
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/semver"
cp /usr/lib/go-1.19/src/cmd/vendor/golang.org/x/mod/semver/semver.go "$tmp/semver/"
printf 'module vercmp\ngo 1.19\n' > "$tmp/go.mod"
cat > "$tmp/main.go" <<'GO'
package main

import (
	"fmt"
	"os"
	"vercmp/semver"
)

func main() {
	v := os.Args[1:]
	for i := range v {
		for j := i + 1; j < len(v); j++ {
			r := map[int]string{-1: "<", 0: "=", 1: ">"}[semver.Compare(v[i], v[j])]
			fmt.Printf("go\t%s\t%s\t%s\n", v[i], v[j], r)
		}
	}
}
GO
(cd "$tmp" && GOFLAGS=-mod=mod GOPROXY=off go run . "${GO[@]}")
git -C /work/.mirror/alpinelinux+apk-tools/repo show 90b974f:test/unit/version.data \
  | sed 's/#.*//; s/[[:space:]]*$//' | grep -E '^[^ ]+ [<>=] [^ ]+$' | awk 'NR % 3 == 1' \
  | awk '{print "apk\t" $1 "\t" $3 "\t" $2}'
} > "$out"
wc -l "$out"
