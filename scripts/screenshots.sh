#!/usr/bin/env bash
# Renders the desktop windows (login, a one-to-one chat and a group chat of the demo's alice and
# bob, in English and Chinese) into docs/screenshots/ under a virtual display.
#   scripts/screenshots.sh [OUT_DIR]
# Needs Xvfb, GTK 3 (JavaFX's window toolkit), a CJK font and an emoji font; installs them with
# apt-get when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"

scripts/desktop-fonts.sh

./mvnw -q -B -DskipTests -pl magpie-cli -am package
rm -f "$out"/*.png
xvfb-run -a -s "-screen 0 1920x1080x24" java -jar magpie-cli/target/magpie.jar demo --screenshots "$out"
ls -1 "$out"
