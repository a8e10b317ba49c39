#!/bin/bash
# Writes lang-packages.facts.txt: what the ecosystems' own tools say about the unpacked image
# (run in the folder holding lang-packages.docker-save.tar; needs skopeo, umoci, python3 + pip, npm, go, jar, unzip)
set -eu
rm -rf oci unpacked jx2
skopeo copy -q docker-archive:lang-packages.docker-save.tar oci:oci:lang
umoci unpack --rootless --image oci:lang unpacked >/dev/null 2>&1
R=unpacked/rootfs
{
echo "# lang-packages.docker-save.tar: facts from the ecosystems' own tools on the unpacked rootfs"
echo "# unpacked with: skopeo copy docker-archive:lang-packages.docker-save.tar oci:oci:lang && umoci unpack --rootless --image oci:lang unpacked"
echo
echo '$ podman history --format "{{.ID}} {{.Size}}" localhost/lang-packages:1.0'
podman history --format "{{.ID}} {{.Size}}" localhost/lang-packages:1.0
echo '## skopeo inspect --raw docker-archive:lang-packages.docker-save.tar:@0'
skopeo inspect --raw docker-archive:lang-packages.docker-save.tar:@0; echo
echo '## skopeo inspect --config docker-archive:lang-packages.docker-save.tar:@0'
skopeo inspect --config docker-archive:lang-packages.docker-save.tar:@0
echo '## layer blobs in manifest order: sizes, digests, uncompressed listing'
rm -rf blobs && mkdir blobs && tar -xf lang-packages.docker-save.tar -C blobs --wildcards '*.tar'
n=0
for d in $(skopeo inspect --config docker-archive:lang-packages.docker-save.tar | python3 -c "import json,sys; print(' '.join(x[7:] for x in json.load(sys.stdin)['rootfs']['diff_ids']))"); do
  b=blobs/$d.tar
  echo "### image 0 (localhost/lang-packages:1.0) layer $n: $d.tar"
  echo "stored_size_bytes: $(stat -c %s $b)   compression: uncompressed"
  echo "stored_sha256: $(sha256sum $b | cut -d' ' -f1)"
  echo "uncompressed_size_bytes: $(stat -c %s $b)"
  echo "uncompressed_sha256 (diff_id): $(sha256sum $b | cut -d' ' -f1)"
  echo "tar -tvv --numeric-owner --full-time listing (GNU tar $(tar --version | head -1 | awk '{print $4}')):"
  tar -tvv --numeric-owner --full-time -f $b | sed 's/^/  /'
  n=$((n+1))
done
echo
echo "# layer 0: python (Debian python3-* debs via dpkg -x, and a venv); layer 1: node (/app lockfile v3, /srv/legacy lockfile v1); layer 2: java (/app/app.jar); layer 3: go (/usr/local/bin/lang-hello)"
echo
echo '$ python3 -m pip list --path rootfs/usr/lib/python3/dist-packages --format json'
python3 -m pip list --path $R/usr/lib/python3/dist-packages --format json 2>/dev/null; echo
echo '$ python3 -m pip list --path rootfs/opt/venv/lib/python3.11/site-packages --format json'
python3 -m pip list --path $R/opt/venv/lib/python3.11/site-packages --format json 2>/dev/null; echo
for app in app srv/legacy; do
echo "\$ (cd rootfs/$app && npm ls --all --json)"
(cd $R/$app && npm ls --all --json)
echo "\$ (cd rootfs/$app && npm ls --all --json --omit=dev)"
(cd $R/$app && npm ls --all --json --omit=dev)
done
echo '$ go version -m rootfs/usr/local/bin/lang-hello'
go version -m $R/usr/local/bin/lang-hello
echo '$ jar tf rootfs/app/app.jar | grep -E "pom.properties|\.jar$"'
jar tf $R/app/app.jar | grep -E "pom.properties|\.jar$"
echo '$ unzip -p rootfs/app/app.jar META-INF/maven/io.strata.testdata/lang-java-app/pom.properties'
unzip -p $R/app/app.jar META-INF/maven/io.strata.testdata/lang-java-app/pom.properties
echo '# each nested jar: unzip -p its META-INF/maven/*/pom.properties, else its MANIFEST.MF'
mkdir jx2 && (cd jx2 && unzip -q ../$R/app/app.jar 'BOOT-INF/lib/*')
for j in jx2/BOOT-INF/lib/*.jar; do
  b=BOOT-INF/lib/$(basename $j); echo "jar: $b"
  if unzip -l $j | grep -q pom.properties; then unzip -p $j 'META-INF/maven/*/pom.properties' | grep -E "^(groupId|artifactId|version)=" | sort
  elif unzip -l $j | grep -q META-INF/MANIFEST.MF; then unzip -p $j META-INF/MANIFEST.MF | grep -E "^(Implementation-|Bundle-SymbolicName|Bundle-Version)"
  else echo "(no pom.properties, no MANIFEST.MF)"; fi
done
echo '$ mvn dependency:list   (in testdata/packages/lang-src/java, the project that built app.jar)'
sed -n '3,$p' deplist.txt
} > lang-packages.docker-save.tar.facts.txt 2>&1
