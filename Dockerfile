# The Watchpost image: one `watchpost` binary for every role (worker, api, migrate, directory
# sync, topics ensure, publish …), run by docker-compose.yml.
#
#   docker build -t watchpost:latest .
#
# scripts/check-deploy (run by scripts/test) keeps this file honest: the build stage installs
# the same -dev packages as scripts/lib/deps.sh, the runtime stage the library each of them
# links at run time, and the Swift image has the version of the toolchain the tests use.

# ── Build ───────────────────────────────────────────────────────────────────────────────────
# Same Swift as `swift --version` on the development machines, on the same Debian release
# (bookworm) as the runtime stage, so the C libraries linked here are the ones installed there.
FROM swift:6.3.1-bookworm AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# The C libraries behind the system-library targets (CRdKafka, CLibPQ, CCurl).
# DL3008 (pin apt versions): not pinned on purpose, since Debian's security updates replace the
# pinned version in the archive and a pinned build would then fail; the release is pinned by the tag.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka-dev libpq-dev libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build
# Dependencies first, in their own layer: it is rebuilt only when Package.swift changes.
COPY Package.swift ./
RUN swift package resolve
# The test targets' folders are declared in Package.swift, so SwiftPM needs them to load the
# package; they are not built.
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product watchpost

# The binary, its SwiftPM resource bundles (Bundle.module looks for them next to the
# executable: watchpost_WatchpostStore.resources holds the migrations,
# watchpost_WatchpostAPI.resources the API's files, watchpost_WatchpostPresentation.resources the
# page templates), and the backtracer for crash reports.
WORKDIR /staging
RUN bin="$(swift build -c release --package-path /build --show-bin-path)" \
    && cp "$bin/watchpost" ./ \
    && find -L "$bin" -maxdepth 1 -name '*.resources' -exec cp -R {} ./ \; \
    && test -d watchpost_WatchpostStore.resources \
    && test -d watchpost_WatchpostAPI.resources \
    && test -d watchpost_WatchpostPresentation.resources/Templates \
    && cp /usr/libexec/swift/linux/swift-backtrace-static ./

# Every Swift package this build resolved, the transitive ones included (and the test-only
# swift-property-based, which the binary does not link), with the version it got (decision D40:
# Package.swift pins the direct ones exactly; no Package.resolved is kept). One line per
# package, `name version url`, sorted by name; read it from the image with
#   docker run --rm --entrypoint cat watchpost:latest /usr/local/share/watchpost/packages.txt
WORKDIR /packages
RUN swift package --package-path /build show-dependencies --format text \
    | sed -nE 's/^(.*[^A-Za-z0-9._-])?([A-Za-z0-9._-]+)<([^<>@]+)@([^<>@]+)>.*$/\2 \4 \3/p' \
    | sort -u > packages.txt \
    && test -s packages.txt \
    && cat packages.txt

# ── Runtime ─────────────────────────────────────────────────────────────────────────────────
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Only the run-time halves of the build stage's -dev packages, CA certificates for TLS (SMTP,
# webhooks, Kafka and PostgreSQL with TLS) and the time zone database.
# DL3008: see the build stage.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka1 libpq5 libcurl4 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 watchpost \
    && useradd --system --uid 10001 --gid 10001 --home-dir /srv/watchpost --no-create-home \
        --shell /usr/sbin/nologin watchpost

# Deadlines are printed and reasoned about in Vietnam time.
ENV TZ=Asia/Ho_Chi_Minh \
    WATCHPOST_CONFIG_DIR=/srv/watchpost/Config \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/usr/local/bin/swift-backtrace-static

COPY --from=build /staging/ /usr/local/bin/
COPY --from=build /packages/packages.txt /usr/local/share/watchpost/packages.txt
WORKDIR /srv/watchpost
# The district's directory and routing policy; compose mounts ./Config over it, so an edit
# needs `watchpost directory sync` (the init service), not a new image.
COPY Config ./Config

# Numeric, so that the host and Kubernetes' runAsNonRoot can tell it is not root; the group
# `watchpost` has the same id as the user (files it writes to a bind mount are 10001:10001).
USER 10001:10001
# 8080: `watchpost api`; 9464: a worker's /metrics, /healthz and /readyz.
EXPOSE 8080 9464
# `watchpost probe` GETs $WATCHPOST_HEALTH_URL (default http://127.0.0.1:9464/healthz, the
# worker's liveness) and exits 0 on HTTP 200; the api service points it at :8080/healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["watchpost", "probe"]
ENTRYPOINT ["watchpost"]
CMD ["worker"]
