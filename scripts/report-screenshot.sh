#!/usr/bin/env bash
# Renders the auditor's HTML report of reserve 404 in headless Chromium and saves a screenshot,
# to check that it renders in a real browser and looks right.
#   scripts/report-screenshot.sh [OUT.png]      (installs Debian's chromium when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-report-404.png}"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
swift build --product register >/dev/null
html=$(mktemp --suffix=.html)
.build/debug/register report 404 --html "$html" --on 2026-11-23 >/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 --screenshot="$out" "file://$html" 2>/dev/null
echo "screenshot: $out (from $html)"
