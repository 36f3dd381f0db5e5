#!/bin/sh
# browser.sh - `make test-browser`: render generated client reports in
# headless Chromium to a PNG screenshot and a PDF; fail on any request the
# page makes to the network (Chromium's own net log, page-initiated
# requests only) and on a blank screenshot. Two controls prove the checks
# can fail: a page that fetches must be caught, a blank page must be blank.
# Prints one ok / not ok line per check and "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
passed=0
failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
nok() { echo "not ok - $*"; failed=$((failed + 1)); }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

browser=""
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	nok "chromium is installed (make deps-browser)"
	finish
fi
command -v python3 >/dev/null 2>&1 || { nok "python3 is installed (PNG and net-log checks)"; finish; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# render NAME FILE: screenshot, PDF and net log of FILE into $tmp/NAME.*
render() {
	for what in shot pdf; do
		if [ $what = shot ]; then out="--screenshot=$tmp/$1.png"; else out="--print-to-pdf=$tmp/$1.pdf"; fi
		# Every host resolves to nothing: even a missed fetch cannot leave
		# the machine. Background services are off so the net log holds
		# what the page asked for, and the check below only counts
		# requests a page initiated (Chromium marks its own "not an origin").
		timeout 90 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
			--disable-background-networking --disable-component-update --disable-sync \
			--no-first-run --disable-default-apps --disable-extensions \
			--user-data-dir="$tmp/profile-$1" \
			"--host-resolver-rules=MAP * ~NOTFOUND" \
			--log-net-log="$tmp/$1.$what.netlog.json" \
			--window-size=1200,2000 --no-pdf-header-footer \
			"$out" "file://$2" >"$tmp/$1.$what.log" 2>&1
	done
}

# page_requests NAME: the URLs the page itself requested (one a line).
page_requests() {
	python3 - "$tmp/$1.shot.netlog.json" "$tmp/$1.pdf.netlog.json" <<'PY'
import json, sys
seen = set()
for path in sys.argv[1:]:
    try:
        text = open(path).read().rstrip().rstrip(',')
        if not text.endswith('}'):  # a log cut short at exit: close it
            text = text.rstrip(',\n') + ']}'
        d = json.loads(text)
    except Exception as e:
        print("unreadable-net-log:" + path)
        continue
    types = {v: k for k, v in d["constants"]["logEventTypes"].items()}
    for e in d.get("events", []):
        if types.get(e.get("type")) != "URL_REQUEST_START_JOB":
            continue
        p = e.get("params", {})
        url, init = p.get("url", ""), p.get("initiator", "")
        if init == "not an origin":  # the browser's own, not the page's
            continue
        if url.split(":", 1)[0] in ("file", "data", "about", "chrome", "blob"):
            continue
        seen.add(url)
for u in sorted(seen):
    print(u)
PY
}

# png_stats FILE: "W H COLOURS INK" (INK = per mille of non-background pixels)
png_stats() {
	python3 - "$1" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    print("0 0 0 0"); sys.exit()
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4, 0: 1, 4: 2}.get(ctype, 3)
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours, ink, bg = set(), 0, None
off = 0
for y in range(h):
    f = raw[off]; line = bytearray(raw[off + 1:off + 1 + stride]); off += 1 + stride
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4:
        continue
    for x in range(0, w, 4):
        px = bytes(line[x * bpp:x * bpp + min(bpp, 3)])
        if bg is None: bg = px
        colours.add(px)
        if px != bg: ink += 1
samples = ((h + 3) // 4) * ((w + 3) // 4)
print(w, h, len(colours), ink * 1000 // max(samples, 1))
PY
}

# check NAME FILE: all checks for one report file
check() {
	name=$1
	file=$2
	render "$name" "$file"
	if [ -s "$tmp/$name.png" ]; then ok "$name: screenshot written"; else nok "$name: screenshot written"; fi
	if head -c 5 "$tmp/$name.pdf" 2>/dev/null | grep -q '%PDF-' && [ "$(wc -c <"$tmp/$name.pdf")" -gt 5000 ]; then
		ok "$name: PDF printed ($(wc -c <"$tmp/$name.pdf") bytes)"
	else
		nok "$name: PDF printed"
	fi
	reqs=$(page_requests "$name")
	if [ -z "$reqs" ]; then
		ok "$name: the page made no network request"
	else
		nok "$name: the page made network requests: $(echo "$reqs" | head -n 3 | tr '\n' ' ')"
	fi
	# static scan as a second opinion: no resource attribute leaves the file
	if grep -Eiq '<(img|script|link|iframe|object|embed|source|video|audio)[^>]*(src|href)=' "$file" ||
		grep -Eiq 'url\((["'"'"' ]*)(https?:)?//' "$file" || grep -iq '@import' "$file"; then
		nok "$name: no external resource in the HTML"
	else
		ok "$name: no external resource in the HTML"
	fi
	set -- $(png_stats "$tmp/$name.png")
	if [ "${3:-0}" -ge 16 ] && [ "${4:-0}" -ge 20 ]; then
		ok "$name: screenshot is not blank (${1}x${2}, $3 colours, ${4} per mille ink)"
	else
		nok "$name: screenshot is not blank (${1:-?}x${2:-?}, ${3:-0} colours, ${4:-0} per mille ink)"
	fi
}

# 1. the sample report the renderer's unit test writes (hostile row included)
if [ ! -x build/asan/tests/test_report ]; then
	make --no-print-directory build/asan/tests/test_report >"$tmp/make.log" 2>&1 ||
		{ cat "$tmp/make.log"; nok "build the report sample writer"; finish; }
fi
SERPTRACK_REPORT_SAMPLE="$tmp/sample.html" build/asan/tests/test_report >"$tmp/sample.log" 2>&1
if [ -s "$tmp/sample.html" ]; then
	ok "sample report generated"
	check sample "$tmp/sample.html"
	if [ -n "${BROWSER_SCREENSHOT:-}" ]; then cp "$tmp/sample.png" "$BROWSER_SCREENSHOT"; fi
else
	cat "$tmp/sample.log"
	nok "sample report generated"
fi

# 2. a report from the demo database through the CLI, when the demo ran
if [ -x ./serptrack ] && [ -f demo/serptrack.db ]; then
	if ./serptrack --db demo/serptrack.db report --site austin-plumbing-pros.com \
		--brand "Demo Agency" --out "$tmp/demo.html" >/dev/null 2>"$tmp/demo.err"; then
		ok "demo report generated by the CLI"
		check demo "$tmp/demo.html"
	else
		cat "$tmp/demo.err"
		nok "demo report generated by the CLI"
	fi
else
	echo "# skip: no demo database (run make demo) for the CLI report"
fi

# 3. controls: the detectors must be able to fail
cat >"$tmp/fetch.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>control</title>
<link rel="stylesheet" href="https://fonts.serptrack-canary.invalid/a.css"></head>
<body><h1>control page</h1><img src="http://serptrack-canary.invalid/pixel.png" alt=""></body></html>
HTML
render fetch "$tmp/fetch.html"
n=$(page_requests fetch | grep -c serptrack-canary)
if [ "$n" -ge 1 ]; then ok "control: a fetching page is caught ($n requests)"; else nok "control: a fetching page is caught"; fi
printf '<!DOCTYPE html><html><body></body></html>\n' >"$tmp/blank.html"
render blank "$tmp/blank.html"
set -- $(png_stats "$tmp/blank.png")
if [ -s "$tmp/blank.png" ] && [ "${4:-1}" -eq 0 ]; then ok "control: a blank page is judged blank"; else nok "control: a blank page is judged blank (${4:-?} per mille ink)"; fi
finish
