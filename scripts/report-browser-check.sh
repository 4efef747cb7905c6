#!/usr/bin/env bash
# Renders the auditor's HTML report of reserve 404 (the shipped history, on 2026-11-23) in headless
# Chromium, in English and in Dutch: checks in Chromium's network log that the page requests
# nothing, prints each to PDF and checks that the PDF's first page holds the summary (title,
# summary heading, the risk sentence, the head hash of the history) with `pdftotext -f 1 -l 1`,
# and saves a screenshot for the docs.
#   scripts/report-browser-check.sh [SCREENSHOT.png]   (default docs/images/report-404.png;
#                                                       installs Debian's chromium and poppler-utils when missing)
# Not run by .ci/run: it needs chromium. The fast checks of the same page are ReportEvidenceTests
# and HTMLReportTests.
set -euo pipefail
cd "$(dirname "$0")/.."
shot="${1:-docs/images/report-404.png}"
missing=()
command -v chromium >/dev/null || missing+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
swift build --product register >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$shot")"

browser() {  # browser OUTPUT-FLAG... URL
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-default-apps "$@" 2>/dev/null
}

head=$(.build/debug/register verify --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["head"])')
status=0
for lang in en nl; do
  html="$work/report-404-$lang.html"
  .build/debug/register report 404 --html "$html" --on 2026-11-23 --lang "$lang" >/dev/null
  browser --log-net-log="$work/net-$lang.json" --dump-dom "file://$html" >/dev/null
  # Chromium asks its own update and account services now and then, whatever page it shows;
  # those are not the page's. Any other address in the network log is.
  requests=$(grep -o '"url":"[^"]*"' "$work/net-$lang.json" | sed 's/^"url":"//; s/"$//' | sort -u \
    | grep -Ev '^https?://(update\.googleapis\.com|[a-z0-9-]+\.gvt1\.com|clients[0-9]*\.google\.com|safebrowsing\.googleapis\.com|optimizationguide-pa\.googleapis\.com|accounts\.google\.com|content-autofill\.googleapis\.com)(:[0-9]+)?/' || true)
  if [ -n "$requests" ]; then echo "$lang: the page requested:"; echo "$requests"; status=1; else echo "$lang: the page requests nothing (Chromium's network log)"; fi
  browser --print-to-pdf="$work/report-404-$lang.pdf" --no-pdf-header-footer "file://$html" >/dev/null
  pdftotext -layout -f 1 -l 1 "$work/report-404-$lang.pdf" "$work/page1-$lang.txt"
  pages=$(pdfinfo "$work/report-404-$lang.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  if [ "$lang" = en ]; then
    expected=("Reserve 404" "Summary" "open commitments" "covered only if the actual balance is at least" "Made from this history" "$head")
  else
    expected=("Reserve 404" "Samenvatting" "openstaande verplichtingen" "alleen gedekt als het werkelijke saldo minstens" "Gemaakt uit deze geschiedenis" "$head")
  fi
  absent=()
  # pdftotext may break the 64-digit hash over lines; compare without white space.
  flat=$(tr -d ' \n' < "$work/page1-$lang.txt")
  for text in "${expected[@]}"; do
    grep -qF -- "$(tr -d ' ' <<<"$text")" <<<"$flat" || absent+=("$text")
  done
  if [ ${#absent[@]} -eq 0 ]; then
    echo "$lang: PDF of $pages page(s); page 1 holds the summary (${#expected[@]} texts found, head hash included)"
  else
    echo "$lang: page 1 of the PDF lacks: ${absent[*]}"; sed 's/^/  | /' "$work/page1-$lang.txt"; status=1
  fi
done
browser --window-size=1280,1800 --screenshot="$shot" "file://$work/report-404-en.html" >/dev/null
echo "screenshot: $shot"
exit $status
