set -e
c=$(buildah from scratch)
echo hello > hello.txt
buildah copy $c hello.txt /hello.txt
buildah config --healthcheck 'CMD /bin/check --quiet' --healthcheck-interval 30s --healthcheck-timeout 5s --healthcheck-start-period 10s --healthcheck-retries 3 \
  --shell '/bin/sh -eu -c' --onbuild 'RUN echo child' --stop-signal SIGTERM --volume /data --volume /cache \
  --user 65534:65534 --workingdir /srv --entrypoint '["/bin/app","--serve"]' --cmd '--port 8080' \
  --env APP=1 --env 'GREETING=hello world' --label org.opencontainers.image.title=ctest-config --label team=ux \
  --port 8080/tcp --port 53/udp --author 'Strata tests <testdata@example.invalid>' --os linux --arch amd64 $c
buildah commit --format docker --timestamp 1764547200 $c ctest/config:1.0
buildah rm $c
rm -f config.docker-archive.tar
skopeo copy containers-storage:localhost/ctest/config:1.0 docker-archive:config.docker-archive.tar:ctest/config:1.0
