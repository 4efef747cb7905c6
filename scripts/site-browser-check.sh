#!/usr/bin/env bash
# Loads every page of `register site` (the shipped history) in headless Chromium, served by a
# local web server: checks that every internal link resolves (file and #fragment, in the DOM
# the browser built), that the browser requests nothing but the site's own files (a logging
# proxy catches any other request), and saves screenshots for docs/ (index, a reserve, a
# decision; desktop 1280x900 and phone 390x844).
#   scripts/site-browser-check.sh [SCREENSHOT_DIR]     (default docs/images; installs Debian's chromium)
# Not run by .ci/run: it takes about a minute and needs chromium. The fast check of the same
# links on the files is SiteCommandTests.
set -euo pipefail
cd "$(dirname "$0")/.."
shots="${1:-docs/images}"
command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
swift build --product register >/dev/null
work=$(mktemp -d)
trap 'kill $server $proxy 2>/dev/null || true; rm -rf "$work"' EXIT
.build/debug/register site "$work/site" --on 2026-12-01 >/dev/null
mkdir -p "$shots"

port=$((20000 + RANDOM % 20000)); proxy_port=$((port + 1))
python3 - "$work/site" "$port" "$work/server.log" <<'PY' &
import http.server, sys, functools
root, port, log = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], "a", buffering=1)
class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args): log.write("%s %s\n" % (args[1] if len(args) > 1 else "-", self.path))
http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root)).serve_forever()
PY
server=$!
python3 - "$proxy_port" "$work/proxy.log" <<'PY' &
import http.server, sys
port, log = int(sys.argv[1]), open(sys.argv[2], "a", buffering=1)
class Proxy(http.server.BaseHTTPRequestHandler):
    def handle_one_request(self):
        lines = []
        while True:
            line = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
            if not line: break
            lines.append(line)
        if lines:
            headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
            log.write("%s\t%s\t%s\n" % (lines[0], headers.get("host", "-"), headers.get("referer", "-")))
        try: self.wfile.write(b"HTTP/1.1 502 Blocked\r\nContent-Length: 0\r\n\r\n")
        except Exception: pass
        self.close_connection = True
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Proxy).serve_forever()
PY
proxy=$!
sleep 1

browser() {  # browser OUTPUT-FLAG... URL
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-default-apps --proxy-server="http://127.0.0.1:$proxy_port" \
    --proxy-bypass-list="<-loopback>;127.0.0.1:$port" "$@" 2>/dev/null
}

pages=$(cd "$work/site" && find . -name '*.html' | sed 's|^\./||' | sort)
for page in $pages; do
  mkdir -p "$work/dom/$(dirname "$page")"
  browser --dump-dom "http://127.0.0.1:$port/$page" > "$work/dom/$page"
done

python3 - "$work/dom" "$work/site" <<'PY'
import os, re, sys, urllib.parse
dom, site = sys.argv[1], sys.argv[2]
pages = {}
for base, _, names in os.walk(dom):
    for name in names:
        path = os.path.relpath(os.path.join(base, name), dom)
        pages[path] = open(os.path.join(base, name), encoding="utf-8").read()
problems, links = [], 0
for path, html in sorted(pages.items()):
    if "<h1>" not in html: problems.append(f"{path}: the browser built no page (no h1)")
    for attr, ref in re.findall(r'\s(href|src)="([^"]*)"', html):
        if ref.startswith("data:"): continue
        if re.match(r"^[a-z]+:|^//", ref): problems.append(f"{path}: {attr} to another site: {ref}"); continue
        links += 1
        target, _, fragment = ref.partition("#")
        resolved = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(target))) if target else path
        if not os.path.isfile(os.path.join(site, resolved)): problems.append(f"{path}: {ref} leads nowhere"); continue
        if fragment and resolved.endswith(".html") and f'id="{fragment}"' not in pages.get(resolved, ""):
            problems.append(f"{path}: {ref}: no id {fragment} on {resolved}")
print(f"{len(pages)} pages loaded in Chromium, {links} internal links checked")
if problems: print("\n".join(problems)); sys.exit(1)
PY

for shot in "index.html index" "reserve/404.html reserve-404" "decision/2022-0177088.html decision-2022-0177088"; do
  set -- $shot
  browser --window-size=1280,900 --screenshot="$shots/site-$2-desktop.png" "http://127.0.0.1:$port/$1" >/dev/null
  browser --window-size=390,844 --screenshot="$shots/site-$2-phone.png" "http://127.0.0.1:$port/$1" >/dev/null
done

# Chromium itself asks its update and safe-browsing services now and then, whatever page it
# shows (no referer, fixed Google hosts); those are listed but not held against the site. Any
# other request, or any with a referer, came from a page.
browser_own='^(update\.googleapis\.com|[a-z0-9-]+\.gvt1\.com|clients[0-9]*\.google\.com|safebrowsing\.googleapis\.com|optimizationguide-pa\.googleapis\.com|accounts\.google\.com|content-autofill\.googleapis\.com)(:[0-9]+)?$'
if [ -s "$work/proxy.log" ]; then
  own=$(awk -F'\t' -v re="$browser_own" '$3 == "-" && $2 ~ re' "$work/proxy.log" | wc -l)
  [ "$own" -gt 0 ] && echo "ignored: $own background request(s) of Chromium itself to its own services (no referer)"
  if awk -F'\t' -v re="$browser_own" '!($3 == "-" && $2 ~ re)' "$work/proxy.log" | grep -q .; then
    echo "requests to the network:"; awk -F'\t' -v re="$browser_own" '!($3 == "-" && $2 ~ re)' "$work/proxy.log" | sort -u; exit 1
  fi
fi
if grep -v '^200 ' "$work/server.log" | grep -q .; then echo "requests the site could not answer:"; grep -v '^200 ' "$work/server.log" | sort -u; exit 1; fi
echo "no request left the site ($(wc -l < "$work/server.log") requests, all answered by the site's own files)"
echo "screenshots in $shots/site-*.png"
