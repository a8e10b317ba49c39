#!/bin/sh
# Assembles lang-packages.docker-save.tar: four layers, one per ecosystem, each a buildah commit on the last
set -eu
c=$(buildah from scratch)
buildah copy $c py/root/usr/lib/python3/dist-packages /usr/lib/python3/dist-packages
buildah copy $c venv /opt/venv
buildah commit --rm $c localhost/lang-step1 >/dev/null
c=$(buildah from localhost/lang-step1)
buildah copy $c node-app /app
buildah copy $c node-v1 /srv/legacy
buildah commit --rm $c localhost/lang-step2 >/dev/null
c=$(buildah from localhost/lang-step2)
buildah copy $c app.jar /app/app.jar
buildah commit --rm $c localhost/lang-step3 >/dev/null
c=$(buildah from localhost/lang-step3)
buildah copy $c lang-hello /usr/local/bin/lang-hello
buildah config --env PATH=/usr/local/bin:/usr/bin:/bin --label org.opencontainers.image.title=lang-packages --label org.opencontainers.image.version=1.0 $c
buildah commit --rm $c localhost/lang-packages:1.0 >/dev/null
rm -f lang-packages.docker-save.tar
podman save --format docker-archive -o lang-packages.docker-save.tar localhost/lang-packages:1.0
