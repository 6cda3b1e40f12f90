#!/usr/bin/env bash
# Before/after pictures of what a new user meets: the same mocked states (ui/before-after/)
# shown by the UI of an older commit and by this one, side by side, into docs/before-after/.
# Also the icons, before and after (scripts/icons.mjs --sheet).
# Usage: scripts/before-after.sh [older commit [older icons' commit]]
#   (defaults: the last commit before that work; the last commit before the icons were redrawn)
# Needs: ui/node_modules (make ui), Chromium, ImageMagick's convert.
set -euo pipefail
before=${1:-444a259}
icons_before=${2:-c2871ed~1}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/docs/before-after"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/shots"

# The older UI, built with today's node_modules (its package.json needs nothing else).
git -C "$root" archive "$before" ui | tar -x -C "$work"
mkdir "$work/old-icons"
git -C "$root" archive "$icons_before" icons | tar -x -C "$work/old-icons"
ln -s "$root/ui/node_modules" "$work/ui/node_modules"
(cd "$work/ui" && node node_modules/vite/bin/vite.js build --logLevel error --outDir "$work/dist-before")
(cd "$root/ui" && node node_modules/vite/bin/vite.js build --logLevel error)

(cd "$root/ui" && BEFORE_DIST="$work/dist-before" SHOTS="$work/shots" \
  npx playwright test --config before-after/playwright.config.ts)

label() { convert "$1" -background white -gravity north -splice 0x34 -font DejaVu-Sans-Bold -pointsize 20 \
  -annotate +0+6 "$2" "$3"; }
for shot in "$work"/shots/*-after.png; do
  scene=$(basename "$shot" -after.png)
  label "$work/shots/$scene-before.png" "Before ($before)" "$work/b.png"
  label "$shot" "After" "$work/a.png"
  convert "$work/b.png" "$work/a.png" -background white -gravity north +append -bordercolor white -border 8 "$out/$scene.png"
done
node "$root/scripts/icons.mjs" --sheet "$work/old-icons/icons" "$work/icons-before.png" "Before ($icons_before)"
node "$root/scripts/icons.mjs" --sheet "$root/icons" "$work/icons-after.png" "After"
convert "$work/icons-before.png" "$work/icons-after.png" -background white +append "$out/10-icons.png"
ls "$out"
