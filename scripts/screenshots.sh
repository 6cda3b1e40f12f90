#!/usr/bin/env bash
# README screenshots of the tray menu and a notification, made under a virtual display with a
# real tray host (xfce4-panel) and notification server (dunst), against a loopback stand-in.
# Usage: scripts/screenshots.sh [path/to/outage-radar-desktop]   (make build first)
# Needs: apt-get install xvfb dbus xfce4-panel xfwm4 dunst xdotool imagemagick
set -euo pipefail
app=${1:-target/release/outage-radar-desktop}
out=docs
[ -x "$app" ] || { echo "build the app first: make build" >&2; exit 1; }
for tool in Xvfb dbus-run-session xfce4-panel xfwm4 dunst xdotool import; do
  command -v $tool >/dev/null || { echo "missing $tool (see the usage line)" >&2; exit 1; }
done
mkdir -p "$out"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
echo 200 > "$work/code"
# The stand-in answers with the status code written in $work/code.
python3 "$(dirname "$0")/stand-in.py" 18098 "$work/code" &
cat > "$work/config.toml" <<'TOML'
builtins = []
interval_secs = 5
recheck_secs = 1
[connectivity]
probes = [{ kind = "tcp", addr = "127.0.0.1:18098" }]
[[services]]
id = "whatsapp"
name = "WhatsApp"
probes = [{ kind = "http", url = "http://127.0.0.1:18098/" }]
[[services]]
id = "instagram"
name = "Instagram"
probes = [{ kind = "tcp", addr = "127.0.0.1:18098" }]
TOML
Xvfb :92 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
sleep 1
dbus-run-session -- bash -c '
  export DISPLAY=:92 NO_AT_BRIDGE=1 HOME='"$work"'
  dbus-update-activation-environment DISPLAY >/dev/null 2>&1
  xfwm4 >/dev/null 2>&1 & sleep 1
  dunst >/dev/null 2>&1 &
  xfce4-panel >/dev/null 2>&1 & sleep 4
  "'"$app"'" --config '"$work"'/config.toml --data-dir '"$work"'/data --hidden >/dev/null 2>&1 & pid=$!
  sleep 4
  echo 503 > '"$work"'/code
  sleep 9   # one interval plus the re-check: the outage is confirmed and notified
  import -window root -crop 420x240+860+0 '"$out"'/notification.png
  dunstctl close-all 2>/dev/null; sleep 1   # clear the notification before opening the menu
  # The tray icon sits left of the clock in the panel: find it by its red pixels.
  import -window root -crop 400x28+880+0 '"$work"'/panel.png
  x=$(convert '"$work"'/panel.png txt:- | awk -F"[,: ]+" "/#[CD][0-9A-F]2[0-9A-F]2/ {print \$1; exit}")
  xdotool mousemove $((880 + ${x:-275} + 6)) 13 click 1
  sleep 2
  import -window root -crop 560x300+720+0 '"$out"'/tray-menu.png
  echo 200 > '"$work"'/code
  kill $pid; wait $pid' 2>/dev/null || true
ls -l "$out"/notification.png "$out"/tray-menu.png
