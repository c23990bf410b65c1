# Installs the system packages Watchpost needs, only when one is missing.
# Sourced by scripts/test, scripts/dev and scripts/bench.

WATCHPOST_APT_PACKAGES=(librdkafka-dev libpq-dev postgresql python3-aiosmtpd libcurl4-openssl-dev kcat)

watchpost_install_deps() {
    local missing=()
    local pkg
    for pkg in "${WATCHPOST_APT_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    echo "watchpost: installing ${missing[*]}" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2
}
