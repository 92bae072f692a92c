#!/usr/bin/env bash
# Sets up a fresh machine and runs Planeswalker's main job: the desktop app. Builds the UI and
# the release app with the UI embedded, fills the knowledge base from ../shared/data when it is
# there (otherwise the app's first-run screen downloads it from the public sources), and
# launches the window. Without a display it runs the same queries through the CLI instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepare.sh

(cd ui && npm ci --no-audit --no-fund && npm run build)
cargo build --release --locked -p planeswalker-cli -p planeswalker-app --features planeswalker-app/custom-protocol
pw="$CARGO_TARGET_DIR/release/planeswalker"
app="$CARGO_TARGET_DIR/release/planeswalker-app"

if [ -d ../shared/data ]; then
  # The CLI and the app share the data folder: the app opens with everything imported.
  "$pw" import --from-dir ../shared/data
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app"
fi

echo "No display: showing the CLI, which shares the app's knowledge base."
"$pw" stats
echo; echo '$ planeswalker search "t:goblin c:r mv<=2" --limit 10'
"$pw" search "t:goblin c:r mv<=2" --limit 10
echo; echo '$ planeswalker card "lightning bolt"'
"$pw" card "lightning bolt"
echo; echo '$ planeswalker rule 702.19b'
"$pw" rule 702.19b
