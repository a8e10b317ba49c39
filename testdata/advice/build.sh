#!/bin/bash
# How testdata/advice/shop.podman-docker-archive.tar.zst was built (2026-12-03, as root, podman 4.3.1,
# buildah 1.28.2, host Debian 12 with node 20.20.2 / npm 11.19.1). Not run by the tests: it needs root, the
# Debian mirror and the npm registry. Every step is a real tool; the sizes are scaled down so the archive stays
# under 20 MB, but each mistake of the "bad" Node image is there with measurable bytes.
set -eux
W=${W:-/work/tmp-advice}
mkdir -p $W && cd $W

# 1. Base: Debian bookworm minbase, slimmed the way debian:*-slim images are (no docs, manuals, translations;
#    docker-clean/gzip-indexes/no-languages apt settings), and without packages the builds never run (e2fsprogs,
#    tzdata, util-linux, mount and their libraries, removed with dpkg --purge so the database stays true).
debootstrap --variant=minbase bookworm rootfs http://deb.debian.org/debian
cp -a rootfs base
rm -rf base/var/lib/apt/lists/* base/var/cache/apt/*.bin base/var/cache/apt/archives/*.deb
chroot base dpkg --purge e2fsprogs tzdata logsave libss2
mkdir -p base/etc/dpkg/dpkg.cfg.d
printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
  'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
  'path-exclude /usr/share/lintian/*' 'path-exclude /usr/share/linda/*' > base/etc/dpkg/dpkg.cfg.d/slim
cat > base/etc/apt/apt.conf.d/docker-clean <<'EOC'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOC
printf 'Acquire::GzipIndexes "true";\nAcquire::CompressionTypes::Order:: "gz";\n' > base/etc/apt/apt.conf.d/docker-gzip-indexes
printf 'Acquire::Languages "none";\n' > base/etc/apt/apt.conf.d/docker-no-languages
( cd base
  find usr/share/doc -mindepth 2 ! -name copyright ! -type d -delete
  find usr/share/doc -mindepth 1 -type d -empty -delete
  rm -rf usr/share/man/* usr/share/info/* usr/share/locale/* usr/share/lintian/* var/cache/debconf/*-old \
         var/lib/dpkg/*-old var/log/* usr/lib/x86_64-linux-gnu/gconv/[A-TV-Z]* )
: > base/etc/resolv.conf; rm -f base/etc/hostname
chroot base env PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg --purge --force-remove-essential --force-depends \
  util-linux util-linux-extra bsdutils hostname ncurses-bin sysvinit-utils libext2fs2 libmount1 libblkid1 \
  libsmartcols1 libcom-err2 mount
rm -f base/usr/lib/x86_64-linux-gnu/libmvec.so.1 base/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0 \
      base/usr/lib/x86_64-linux-gnu/libmemusage.so
# (diffutils and libdb5.3 were purged by mistake first and put back with the host's dpkg --root -i; dpkg
#  needs diff and libpam-modules needs libdb5.3.)
chroot base apt-get check
# npm comes from the build host through a build volume (below); the base only has the command's name
ln -sf /usr/lib/node_modules/npm/bin/npm-cli.js base/usr/local/bin/npm
# apt reads a local repository of the real Debian packages (the mirror's full lists are 19 MB compressed)
echo 'deb [trusted=yes] http://127.0.0.1:18089/ ./' > base/etc/apt/sources.list
rm -rf base/var/cache/apt/*.bin base/var/lib/apt/lists/* base/var/log/* base/var/lib/dpkg/*-old base/var/cache/debconf/*-old
tar --numeric-owner -C base -cf base.tar .
podman import --change 'CMD ["/bin/bash"]' --message "debootstrap --variant=minbase bookworm, slimmed (see build.sh)" \
  base.tar localhost/strata-advice-base:bookworm

# 2. The local repository: procps and what apt-get install (with Recommends) would fetch for it, from the mirror.
rm -f rootfs/var/cache/apt/archives/*.deb
chroot rootfs apt-get install -d -y procps          # libgpm2 libncursesw6 libproc2-0 procps psmisc
mkdir -p repo && cp rootfs/var/cache/apt/archives/*.deb repo/
( cd repo && dpkg-scanpackages --multiversion . /dev/null > Packages && gzip -9k Packages )
( cd repo && python3 -m http.server 18089 --bind 127.0.0.1 ) &

# 3. The build context: a small express app. Its node_modules predates a teammate's commit that added lodash and
#    dotenv (npm install --package-lock-only), it has a .git history, a .env and a 3 MB debug log.
#    shop-context/ holds package.json, package-lock.json, index.js and .gitignore as they were.
mkdir -p app && cd app
#   package.json with express 4.21.2 and devDependency prettier 3.3.3, then:
npm install --no-audit --no-fund
npm install --package-lock-only --no-audit --no-fund lodash@4.17.21 dotenv@16.4.5
#   .env with made-up secrets; logs/debug.log: 3,000,091 bytes of generated request lines (python, seed 14)
git init -q . && git add -A && git commit -qm "orders endpoint"   # then a fixtures.txt added and removed
cd ..
rm -rf bad good && cp -a app bad && cp -a app good && cp good.dockerignore good/.dockerignore

# 4. The builds. node and npm come from the host through build volumes (a node binary is 99 MB; neither image
#    carries a runtime, which changes nothing the advice measures); the CA bundle and the global npmrc for the
#    registry; --network host for the local repository.
V="-v /usr/bin/node:/usr/local/bin/node:ro -v /usr/lib/node_modules/npm:/usr/lib/node_modules/npm:ro \
   -v /usr/etc/npmrc:/usr/local/etc/npmrc:ro -v /etc/ssl/certs:/etc/ssl/certs:ro"
podman build --isolation chroot --network host $V -f Containerfile.bad -t localhost/strata-advice-shop:bad bad
podman build --isolation chroot --network host $V -f Containerfile.good -t localhost/strata-advice-shop:good good

# 5. Saved as one docker-archive (the base layer stored once), compressed whole with zstd (Strata sniffs it).
podman save --format docker-archive -m -o pair.tar localhost/strata-advice-shop:bad localhost/strata-advice-shop:good
zstd -19 --long=27 -T2 pair.tar -o shop.podman-docker-archive.tar.zst
# The facts file comes from facts.sh and facts2.sh (podman, skopeo, umoci, dpkg-query, npm ls, python tarfile).
