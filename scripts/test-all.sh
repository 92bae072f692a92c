#!/usr/bin/env bash
# Runs every check and test: the UI's lint, tests and build, then formatting, lints, the
# whole workspace's tests (unit, integration and end-to-end, against the real data in
# ../shared/data), and the end-to-end tests of the app's real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepare.sh

if [ ! -d ../shared/data ]; then
  echo "error: the reference data ../shared/data is missing (see README: Tests)" >&2
  exit 1
fi

# The WebDriver server in front of WebKitWebDriver, pinned: its capabilities format matters.
TAURI_DRIVER_VERSION=2.1.0

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "==> ui: npm ci, lint, test, build"
(cd ui && npm ci && npm run lint && NO_COLOR=1 npm test && npm run build) 2>&1 | tee "$log"

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
# The window's end-to-end test needs the embedded UI (the feature), so the line above skips it.
cargo clippy --locked -p planeswalker-app --features custom-protocol --all-targets -- -D warnings
echo "==> test models (SmolLM2-135M-Instruct, all-MiniLM-L6-v2) into the models cache"
bash models/fetch-test-models.sh >/dev/null
echo "==> cargo test"
cargo test --locked --workspace 2>&1 | tee -a "$log"

echo "==> end-to-end tests of the app window (tauri-driver + WebKitWebDriver on Xvfb)"
tools="$HOME/.cache/planeswalker/tools"
if [ ! -x "$tools/bin/tauri-driver" ]; then
  cargo install --locked tauri-driver --version "=$TAURI_DRIVER_VERSION" --root "$tools"
fi
export TAURI_DRIVER="$tools/bin/tauri-driver"
xvfb-run -a -s "-screen 0 1600x1000x24" \
  cargo test --locked -p planeswalker-app --features custom-protocol --test app_e2e 2>&1 | tee -a "$log"
echo "screenshots: test-artifacts/e2e/"
# One total for the UI and the whole workspace (cargo prints one line per test binary, the
# last often the empty doc-test run; vitest one "Tests  N passed (N)" line).
awk '/^test result:/ { passed += $4; failed += $6; ignored += $8 }
     /^ *Tests +[0-9]+ passed/ { passed += $2 }
     END { printf "total: %d passed, %d failed, %d skipped\n", passed, failed, ignored }' "$log"
