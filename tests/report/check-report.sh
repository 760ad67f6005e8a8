#!/usr/bin/env bash
# Renders the run report of the sample-data run in headless Chromium (Debian's package), saves a screenshot,
# and fails on a console error, a page that does not load, or an empty chart.
set -euo pipefail
cd "$(dirname "$0")/../.."
report=${1:-out/default/report.html}
screenshot=${2:-out/default/report.png}
if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
test -s "$report" || { echo "no report at $report"; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0)
url="file://$(realpath "$report")"
chromium "${flags[@]}" --window-size=1100,2400 --screenshot="$screenshot" "$url" 2>"$profile/screenshot.log" >/dev/null
chromium "${flags[@]}" --dump-dom "$url" 2>"$profile/console.log" >"$profile/dom.html"
if grep -E "CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|Failed to load resource" "$profile/console.log" "$profile/screenshot.log" | grep -v "^$" ; then
  echo "the report logged console errors"; exit 1
fi
test -s "$screenshot" || { echo "no screenshot"; exit 1; }
python3 - "$profile/dom.html" "$screenshot" <<'PY'
import re, struct, sys, zlib
dom = open(sys.argv[1], encoding="utf-8").read()
charts = re.findall(r'<svg class="chart[^"]*".*?</svg>', dom, re.S)
assert charts, "no chart in the rendered page"
for chart in charts:
    widths = [float(w) for w in re.findall(r'<rect[^>]*width="([0-9.]+)"[^>]*class="bar"', chart)]
    assert widths and max(widths) > 0, "an empty chart: " + chart[:120]
assert "reconciled" in dom, "no reconciliation line"
# The screenshot must not be blank: decode the PNG and count distinct colours.
data = open(sys.argv[2], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height = 8, b"", 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR": width, height = struct.unpack(">II", body[:8])
    if kind == b"IDAT": idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
colours = len(set(raw[i:i + 3] for i in range(1, min(len(raw), 400000), 3)))
assert colours > 20, f"the screenshot looks blank ({colours} colours)"
print(f"report renders: {len(charts)} charts, screenshot {width}x{height}, {colours} colour samples")
PY
