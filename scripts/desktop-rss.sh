#!/usr/bin/env bash
# Memory of the desktop app, all its processes (the tray app, its window process, WebKit's web
# and network processes), under a virtual display with a window manager, as one Markdown table:
# no window; dashboard open; after closing it; after ten more open/close cycles; settings
# open and closed. RSS and PSS are summed from /proc/PID/smaps_rollup over the process tree.
# Also: how long a window takes to show after it is asked for (a second launch, as from the
# desktop menu, until the window is mapped), start to first verdict, and the binary's size.
# Usage: scripts/desktop-rss.sh [path/to/outage-radar-desktop]   (make build first)
# Needs: xvfb, dbus, xdotool and a window manager (xfwm4) to close the window like a user.
set -euo pipefail
app=$(realpath "${1:-target/release/outage-radar-desktop}")
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
recheck_secs = 1
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

# Runs inside a private session bus; prints one "ROW label rss pss processes" line per state
# and "OPEN ms", "VERDICT ms" lines.
cat > "$work/session.sh" <<'SESSION'
set -u
app=$1 work=$2
export NO_AT_BRIDGE=1
xfwm4 >/dev/null 2>&1 &
sleep 2
tree() { echo "$1"; for c in $(pgrep -P "$1"); do tree "$c"; done; }
# "RSS PSS count" in kB over the app's process tree.
mem() {
  local rss=0 pss=0 n=0
  for p in $(tree "$pid"); do
    read -r r s < <(awk '/^Rss:/{r=$2} /^Pss:/{s=$2} END{print r+0, s+0}' "/proc/$p/smaps_rollup" 2>/dev/null || echo "0 0")
    [ "$r" -gt 0 ] && { rss=$((rss + r)); pss=$((pss + s)); n=$((n + 1)); }
  done
  echo "$rss $pss $n"
}
row() { echo "ROW $1 $(mem)"; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
title="^Outage Radar$"
shown() { xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1; }
# Asks for the dashboard as a user would (a second launch hands over to the running app),
# and prints how long until its window is mapped.
open_dashboard() {
  local t0; t0=$(date +%s%N)
  "$app" --config "$work/config.toml" --data-dir "$work/data" >/dev/null 2>&1
  until [ -n "$(shown "$title")" ]; do sleep 0.02; done
  echo "OPEN $(ms "$t0")"
}
# Closes a window as a user would: the window manager sends the close request.
close() {
  local id; id=$(shown "$1")
  xdotool windowactivate --sync "$id"; xdotool key --clearmodifiers alt+F4
  until [ -z "$(shown "$1")" ]; do sleep 0.05; done
}
settle() { sleep "$1"; }

start=$(date +%s%N)
"$app" --config "$work/config.toml" --data-dir "$work/data" --hidden 2>"$work/app.log" & pid=$!
until grep -q "transition" "$work/app.log" 2>/dev/null; do sleep 0.02; done
echo "VERDICT $(ms "$start")"
settle 8; row none
open_dashboard; settle 6; row dashboard
close "$title"; closed=$(date +%s%N)
# How soon the window's processes are gone (at most 20 s are waited for).
while [ "$(tree "$pid" | wc -l)" -gt 1 ] && [ "$(ms "$closed")" -lt 20000 ]; do sleep 0.05; done
echo "GONE $(ms "$closed")"
settle 10; row closed
for _ in 1 2 3 4 5 6 7 8 9 10; do open_dashboard; settle 2; close "$title"; settle 1; done
settle 10; row ten
kill "$pid"; wait "$pid" 2>/dev/null || true

# The settings window, opened at start (the tray menu's other way in).
"$app" --config "$work/config.toml" --data-dir "$work/data" --open settings 2>>"$work/app.log" & pid=$!
until [ -n "$(shown "Settings$")" ]; do sleep 0.05; done
settle 6; row settings
close "Settings$"; settle 10; row settings-closed
kill "$pid"; wait "$pid" 2>/dev/null || true
SESSION
DISPLAY=$display dbus-run-session -- bash "$work/session.sh" "$app" "$work" >"$work/out" 2>>"$work/log"

mb() { awk -v k="$1" 'BEGIN{printf "%.0f MB", k / 1024}'; }
get() { awk -v l="$1" '$1 == "ROW" && $2 == l {print $'"$2"'}' "$work/out"; }
printf '| state | processes | RSS, all processes | PSS, all processes |\n|---|---:|---:|---:|\n'
while read -r label words; do
  printf '| %s | %s | %s | %s |\n' "$words" "$(get "$label" 5)" "$(mb "$(get "$label" 3)")" "$(mb "$(get "$label" 4)")"
done <<'ROWS'
none no window (tray only)
dashboard dashboard open
closed 10 s after closing the dashboard
ten after ten more dashboard open/close cycles
settings settings open (started with --open settings)
settings-closed 10 s after closing settings
ROWS
opens=$(awk '$1 == "OPEN" {print $2}' "$work/out" | sort -n | tr '\n' ' ')
read -r -a o <<<"$opens"
cp "$app" "$work/stripped" && strip "$work/stripped"
printf '\n'
printf 'window shown after it is asked for (second launch until mapped), %s opens: median %s ms, slowest %s ms\n' \
  "${#o[@]}" "${o[$(( ${#o[@]} / 2 ))]}" "${o[-1]}"
printf 'processes other than the app gone after the dashboard closed: %s ms\n' "$(awk '$1 == "GONE" {print $2}' "$work/out")"
printf 'start to first verdict (launch until the first transition is logged): %s ms\n' "$(awk '$1 == "VERDICT" {print $2}' "$work/out")"
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN{printf "%.1f MB", b / 1e6}'; }
printf 'release binary: %s, %s stripped (%s)\n' "$(size "$app")" "$(size "$work/stripped")" "$app"
window=$(dirname "$app")/outage-radar-window
if [ -x "$window" ]; then
  cp "$window" "$work/window-stripped" && strip "$work/window-stripped"
  printf 'window binary: %s, %s stripped (%s)\n' "$(size "$window")" "$(size "$work/window-stripped")" "$window"
fi
grep -v -i "dbus\|spi\|xfconf\|hardware acceleration\|^$" "$work/log" >&2 || true
