#!/usr/bin/env bash
# Sets up a fresh machine and runs Planeswalker's main job: builds the `planeswalker` CLI,
# builds the knowledge base (from ../shared/data when present, else from the public
# sources) and asks it a few questions.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepare.sh

cargo build --release --locked -p planeswalker-cli
pw="$CARGO_TARGET_DIR/release/planeswalker"

if [ -d ../shared/data ]; then
  "$pw" import --from-dir ../shared/data
else
  "$pw" import
fi
"$pw" stats
echo; echo '$ planeswalker search "t:goblin c:r mv<=2" --limit 10'
"$pw" search "t:goblin c:r mv<=2" --limit 10
echo; echo '$ planeswalker card "lightning bolt"'
"$pw" card "lightning bolt"
echo; echo '$ planeswalker rule 702.19b'
"$pw" rule 702.19b
