#!/usr/bin/env bash
# What the desktop client needs from the system to render: GTK 3 for JavaFX's windows, a CJK font
# (these machines have none: `fc-list :lang=zh` prints nothing) and an emoji font, and Xvfb for
# the screenshots. Installs what is missing when run as root; otherwise says what to install.
set -euo pipefail
need=()
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || need+=(fonts-wqy-microhei)
dpkg -s fonts-symbola >/dev/null 2>&1 || need+=(fonts-symbola)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "desktop: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "desktop: please install ${need[*]} (Debian/Ubuntu package names)" >&2
fi
