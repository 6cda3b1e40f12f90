#!/usr/bin/env bash
# Memory of the desktop app, all processes (main + WebKit), under a virtual display:
# tray only, dashboard open, dashboard closed; with GTK's GL on and off.
# Usage: scripts/desktop-rss.sh [path/to/outage-radar-desktop]   (make build first)
# Needs: xvfb, dbus, xdotool and a window manager (xfwm4) to close the window like a user.
set -euo pipefail
app=${1:-target/release/outage-radar-desktop}
[ -x "$app" ] || { echo "build the app first: make build" >&2; exit 1; }
for tool in Xvfb dbus-run-session xdotool xfwm4; do
  command -v $tool >/dev/null || { echo "missing $tool: apt-get install xvfb dbus xdotool xfwm4" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
# A loopback stand-in service and control, so nothing leaves the machine.
python3 "$(dirname "$0")/stand-in.py" 18099 &
cat > "$work/config.toml" <<'TOML'
builtins = []
interval_secs = 10
[connectivity]
probes = [{ kind = "tcp", addr = "127.0.0.1:18099" }]
[[services]]
id = "stand-in"
name = "Stand-in"
probes = [{ kind = "http", url = "http://127.0.0.1:18099/" }]
TOML
display=:93
Xvfb $display -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
sleep 1

measure() { # $1 = extra env; prints "tray dashboard closed" in MB
  dbus-run-session -- bash -c '
    export DISPLAY='"$display"' NO_AT_BRIDGE=1 '"$1"'
    xfwm4 >/dev/null 2>&1 &
    sleep 2
    tree() { echo $1; for c in $(pgrep -P $1); do tree $c; done; }
    rss() { local t=0; for p in $(tree $pid); do
      r=$(awk "/VmRSS/{print \$2}" /proc/$p/status 2>/dev/null); t=$((t + ${r:-0})); done; echo $((t / 1024)); }
    run() { "'"$app"'" --config "'"$work"'/config.toml" --data-dir "'"$work"'/data" "$@"; }
    run --hidden >/dev/null 2>&1 & pid=$!
    sleep 8; tray=$(rss)
    run >/dev/null 2>&1   # a second launch focuses (here: opens) the dashboard
    sleep 6; dash=$(rss)
    # Close it as a user would: the window manager sends the close request.
    id=$(xdotool search --name "^Outage Radar$" | head -1)
    xdotool windowactivate --sync "$id"; xdotool key --clearmodifiers alt+F4
    [ "$(xdotool search --name "^Outage Radar$" | wc -l)" = 0 ] || echo "the dashboard did not close" >&2
    sleep 6; closed=$(rss)
    echo "RSS $tray $dash $closed"
    kill $pid; wait $pid 2>/dev/null' 2>>$work/log
}
printf '| GTK GL | tray only | dashboard open | after closing it |\n|---|---:|---:|---:|\n'
read -r _ t d c < <(measure "" | grep "^RSS")
printf '| off (default) | %s MB | %s MB | %s MB |\n' "$t" "$d" "$c"
read -r _ t d c < <(measure "GDK_GL=" | grep "^RSS")
printf '| on (GDK_GL= set empty) | %s MB | %s MB | %s MB |\n' "$t" "$d" "$c"
cat "$work/log" | grep -v -i "dbus\|spi" >&2 || true
cp "$app" "$work/stripped" && strip "$work/stripped"
printf '\nrelease binary: %s MB, %s MB stripped (%s)\n' "$(du -m "$app" | cut -f1)" "$(du -m "$work/stripped" | cut -f1)" "$app"
