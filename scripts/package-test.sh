#!/usr/bin/env bash
# The packages as a user meets them (run by `make package-test`, after `make package`):
# inspects the .deb and the .rpm, validates the desktop entry and the AppStream metainfo,
# installs the .deb with apt, runs both programs (the desktop app in a private desktop, in
# the tray), then removes the package and checks that none of its files is left.
# Needs root or sudo (apt), and desktop-file-utils, appstream, rpm, xvfb, dbus (`make deps`).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
export DEBIAN_FRONTEND=noninteractive
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
deb=$(ls target/release/bundle/deb/outage-radar_"$version"_*.deb)
rpm=$(ls target/release/bundle/rpm/outage-radar-"$version"-*.rpm 2>/dev/null || true)
work=$(mktemp -d)
installed=false

cleanup() {
  if $installed; then
    echo "package-test: removing the package left installed by a failed step" >&2
    $SUDO apt-get remove -y -q outage-radar >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "package-test: FAIL: $*" >&2
  exit 1
}
step() {
  echo "== $* (${SECONDS}s)"
}
has_line() { # FILE LINE
  grep -qxF -- "$2" "$1" || fail "$(basename "$1") has no line '$2'"
}

step "control fields of $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" >"$work/control"
cat "$work/control"
has_line "$work/control" "Package: outage-radar"
has_line "$work/control" "Version: $version"
depends=$(sed -n 's/^Depends: //p' "$work/control" | tr -d ' ' | tr ',' '\n')
# xdg-utils: "Read it on the status page" opens the incident with xdg-open.
for lib in libwebkit2gtk-4.1-0 libayatana-appindicator3-1 libgtk-3-0 xdg-utils; do
  grep -qx "$lib" <<<"$depends" || fail "Depends does not name $lib: $depends"
done

step "contents"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||; s|/$||' >"$work/contents"
for path in \
  usr/bin/outage-radar \
  usr/bin/outage-radar-desktop \
  usr/bin/outage-radar-window \
  usr/share/applications/outage-radar.desktop \
  usr/share/metainfo/app.outageradar.OutageRadar.metainfo.xml \
  usr/share/man/man1/outage-radar.1.gz \
  usr/share/man/man1/outage-radar-watch.1.gz \
  usr/share/bash-completion/completions/outage-radar \
  usr/share/zsh/vendor-completions/_outage-radar \
  usr/share/fish/vendor_completions.d/outage-radar.fish \
  usr/share/doc/outage-radar/copyright \
  usr/share/doc/outage-radar/examples/grafana-dashboard.json \
  usr/share/doc/outage-radar/examples/prometheus-alerts.yml; do
  has_line "$work/contents" "$path"
done
for size in 16 22 24 32 48 64 128 256; do
  has_line "$work/contents" "usr/share/icons/hicolor/${size}x${size}/apps/outage-radar-desktop.png"
done

step "desktop entry, metainfo, icons, man page and completions"
dpkg-deb -x "$deb" "$work/root"
root=$work/root
desktop-file-validate "$root/usr/share/applications/outage-radar.desktop" ||
  fail "desktop-file-validate rejects the desktop entry"
has_line "$root/usr/share/applications/outage-radar.desktop" "Exec=outage-radar-desktop"
has_line "$root/usr/share/applications/outage-radar.desktop" "Icon=outage-radar-desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/app.outageradar.OutageRadar.metainfo.xml" ||
  fail "appstreamcli rejects the metainfo"
grep -q '<launchable type="desktop-id">outage-radar.desktop</launchable>' \
  "$root/usr/share/metainfo/app.outageradar.OutageRadar.metainfo.xml" ||
  fail "the metainfo does not launch the packaged desktop entry"
[ "$(grep -c '<caption>' "$root/usr/share/metainfo/app.outageradar.OutageRadar.metainfo.xml")" -ge 3 ] ||
  fail "the metainfo's screenshots need captions"
for size in 16 22 24 32 48 64 128 256; do
  python3 - "$root/usr/share/icons/hicolor/${size}x${size}/apps/outage-radar-desktop.png" "$size" <<'EOF' ||
import struct, sys
data = open(sys.argv[1], "rb").read(24)
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (int(sys.argv[2]),) * 2, f"{w}x{h}"
EOF
    fail "the ${size}x${size} icon is not a ${size}x${size} PNG"
done
zcat "$root/usr/share/man/man1/outage-radar.1.gz" | grep -q '^\.TH outage-radar 1' ||
  fail "outage-radar.1.gz is not a man page"
zcat "$root/usr/share/man/man1/outage-radar.1.gz" | grep -q 'watch' ||
  fail "the man page does not list the subcommands"
bash -c "source '$root/usr/share/bash-completion/completions/outage-radar' && complete -p outage-radar" \
  >/dev/null || fail "the bash completion does not complete outage-radar"
head -n1 "$root/usr/share/zsh/vendor-completions/_outage-radar" | grep -q '^#compdef outage-radar' ||
  fail "the zsh completion has no #compdef line"
grep -q '^complete -c outage-radar' "$root/usr/share/fish/vendor_completions.d/outage-radar.fish" ||
  fail "the fish completion completes nothing"

if [ -n "$rpm" ]; then
  step "rpm: $rpm ($(du -h "$rpm" | cut -f1))"
  [ "$(rpm -qp --qf '%{NAME} %{VERSION}' "$rpm" 2>/dev/null)" = "outage-radar $version" ] ||
    fail "the rpm is not outage-radar $version"
  rpm -qpl "$rpm" 2>/dev/null >"$work/rpm-contents"
  for path in /usr/bin/outage-radar /usr/bin/outage-radar-desktop /usr/bin/outage-radar-window \
    /usr/share/applications/outage-radar.desktop /usr/share/man/man1/outage-radar.1.gz \
    /usr/share/zsh/site-functions/_outage-radar; do
    has_line "$work/rpm-contents" "$path"
  done
  rpm -qpR "$rpm" 2>/dev/null >"$work/rpm-requires"
  grep -q '^libwebkit2gtk-4.1.so.0' "$work/rpm-requires" || fail "the rpm does not require WebKitGTK 4.1"
  grep -q '^libayatana-appindicator3.so.1' "$work/rpm-requires" || fail "the rpm does not require ayatana"
else
  echo "no .rpm was built (the bundler could not make one here); only the .deb is checked"
fi

step "apt install ./$(basename "$deb")"
if dpkg-query -W -f='${Status}' outage-radar 2>/dev/null | grep -q 'ok installed'; then
  echo "outage-radar is installed already: removing it first, so this install is a fresh one"
  $SUDO apt-get remove -y -q outage-radar
fi
installed=true
$SUDO apt-get install -y -q --no-install-recommends "./$deb"
dpkg-query -W -f='${Status}\n' outage-radar | grep -qx 'install ok installed' || fail "not installed"
dpkg -L outage-radar >"$work/installed-paths"

step "both programs answer --version"
[ "$(/usr/bin/outage-radar --version)" = "outage-radar $version" ] ||
  fail "outage-radar --version: $(/usr/bin/outage-radar --version)"
[ "$(/usr/bin/outage-radar-desktop --version)" = "outage-radar-desktop $version" ] ||
  fail "outage-radar-desktop --version: $(/usr/bin/outage-radar-desktop --version)"
/usr/bin/outage-radar --config /dev/null services | grep -q WhatsApp || fail "outage-radar services"
# The window program loads (its libraries, WebKit's among them, are all there) and says what
# it is for when started by hand.
window_says=$(/usr/bin/outage-radar-window 2>&1 </dev/null || true)
grep -q "started by outage-radar-desktop" <<<"$window_says" || fail "outage-radar-window: $window_says"
if command -v man >/dev/null; then
  [ "$(man -w outage-radar)" = /usr/share/man/man1/outage-radar.1.gz ] || fail "man -w outage-radar"
fi

step "the installed desktop app starts in the tray and serves /metrics"
# `--workspace`, as in `make test`: the same features, so nothing is compiled again.
cargo test --release --workspace --locked --test e2e -- --ignored --exact \
  installed::the_installed_package_starts_in_the_tray

step "apt remove outage-radar"
$SUDO apt-get remove -y -q outage-radar
installed=false
if dpkg-query -W -f='${Status}' outage-radar 2>/dev/null | grep -q 'ok installed'; then
  fail "still installed after apt remove"
fi
left=0
while read -r path; do
  # Directories are shared with other packages (/usr/bin, /usr/share/...); files are ours.
  if [ -e "$path" ] && [ ! -d "$path" ]; then
    echo "left behind: $path" >&2
    left=$((left + 1))
  fi
done <"$work/installed-paths"
[ "$left" = 0 ] || fail "$left files of the package are left after apt remove"
[ ! -e /usr/bin/outage-radar ] && [ ! -e /usr/bin/outage-radar-desktop ] &&
  [ ! -e /usr/bin/outage-radar-window ] || fail "binaries left"

step "package test passed"
