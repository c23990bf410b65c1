# The packages of the official swift:6.3.1-bookworm image, on the locally built
# debian:bookworm-slim; setup.sh then copies the host's toolchain and Swift package copies in and
# commits the result as swift:6.3.1-bookworm. Used by scripts/compose-check only.
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-12-dev libpython3-dev \
        libsqlite3-0 libstdc++-12-dev libxml2-dev libncurses-dev libz3-dev pkg-config tzdata zip \
        unzip zlib1g-dev ca-certificates \
    && rm -rf /var/lib/apt/lists/*
