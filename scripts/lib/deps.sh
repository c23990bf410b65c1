# Installs the system packages Watchpost needs, only when one is missing.
# Sourced by scripts/test, scripts/dev and scripts/bench.

# chromium, chromium-driver and a font with Vietnamese diacritics (fonts-dejavu-core) drive the
# real-browser test of the web pages (scripts/browser-check).
WATCHPOST_APT_PACKAGES=(librdkafka-dev libpq-dev postgresql python3-aiosmtpd libcurl4-openssl-dev kcat chromium chromium-driver fonts-dejavu-core)

watchpost_install_deps() {
    local missing=()
    local pkg
    for pkg in "${WATCHPOST_APT_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "watchpost: installing ${missing[*]}" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2
    fi
    watchpost_install_python_deps
}

# selenium (from PyPI) for scripts/browser-check, into whichever python3 runs it.
watchpost_install_python_deps() {
    if python3 -c "import selenium" 2>/dev/null; then
        return 0
    fi
    echo "watchpost: installing selenium for python3" >&2
    python3 -m pip install --quiet selenium >&2 \
        || python3 -m pip install --quiet --break-system-packages selenium >&2
}
