#!/usr/bin/env bash
# Runs every check and test: formatting, lints, and the whole workspace's tests (unit,
# integration and end-to-end, against the real data in ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepare.sh

if [ ! -d ../shared/data ]; then
  echo "error: the reference data ../shared/data is missing (see README: Tests)" >&2
  exit 1
fi

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "==> cargo test"
cargo test --locked --workspace
