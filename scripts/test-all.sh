#!/usr/bin/env bash
# Runs every check and test: the UI's lint, tests and build, then formatting, lints, and the
# whole workspace's tests (unit, integration and end-to-end, against the real data in
# ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepare.sh

if [ ! -d ../shared/data ]; then
  echo "error: the reference data ../shared/data is missing (see README: Tests)" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "==> ui: npm ci, lint, test, build"
(cd ui && npm ci && npm run lint && NO_COLOR=1 npm test && npm run build) 2>&1 | tee "$log"

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "==> cargo test"
cargo test --locked --workspace 2>&1 | tee -a "$log"
# One total for the UI and the whole workspace (cargo prints one line per test binary, the
# last often the empty doc-test run; vitest one "Tests  N passed (N)" line).
awk '/^test result:/ { passed += $4; failed += $6; ignored += $8 }
     /^ *Tests +[0-9]+ passed/ { passed += $2 }
     END { printf "total: %d passed, %d failed, %d skipped\n", passed, failed, ignored }' "$log"
