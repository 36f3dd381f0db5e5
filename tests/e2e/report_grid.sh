#!/bin/sh
# report_grid.sh - the client report's Local grid section end to end: a
# grid scanned against the simulator shows up in the report with its heat
# map (inline SVG), metrics, date and size; a hostile query stays text; a
# site without a grid gets no such section. Skips until the grid command
# is in the build.
set -u
. "$(dirname "$0")/../lib.sh"
if ! "$SERPTRACK" grid --help >/dev/null 2>&1; then
	echo "# skip: no grid command in this build (runs once it is merged)"
	exit 0
fi
start_sim
W="$T/w"
mkdir "$W"
cat >"$W/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
jitter_ms = 0
CONF
chmod 600 "$W/serptrack.conf"
cd "$W" || exit 1
S() { "$SERPTRACK" "$@"; }
HOSTILE='<script>alert(1)</script><img src=x onerror=alert(2)> `touch pwned` plumber'
export SERPTRACK_NOW=2026-11-02T06:00:00Z
{
	S init && S site add austin-plumbing-pros.com --business-name "Austin Plumbing Pros" &&
		S site add other.com &&
		S kw add "plumber austin" --site austin-plumbing-pros.com \
			--location "Austin,Texas,United States" &&
		S kw add "plumber austin" --site other.com --location "Austin,Texas,United States" &&
		S grid add "$HOSTILE" --site austin-plumbing-pros.com --center 30.2672,-97.7431 \
			--size 3 --spacing 1km
} >/dev/null 2>"$T/setup.err" || { cat "$T/setup.err"; echo "not ok - set-up"; exit 1; }
S track --all >/dev/null 2>&1
SERPTRACK_NOW=2026-11-01T06:00:00Z S grid scan 1 >/dev/null 2>"$T/scan0.err"
S grid scan 1 >/dev/null 2>"$T/scan.err"
check "grid scan exits 0" [ $? -eq 0 ]
S report --site austin-plumbing-pros.com --out r.html >/dev/null 2>"$T/report.err"
check "report exits 0" [ $? -eq 0 ]
check "the Local grid section is there" grep -q '<h2>Local grid</h2>' r.html
check "with a heat map" sh -c "sed -n '/<h2>Local grid/,\$p' r.html | grep -q '<svg'"
check "its size and scan date" sh -c "grep -q '3&#215;3 grid' r.html && grep -q 'Scanned 2026-11-02' r.html"
check "the change against the scan before" grep -q 'Changes against the scan of 2026-11-01' r.html
check "ARP, ATRP and SoLV" sh -c "grep -q 'ARP' r.html && grep -q 'ATRP' r.html && grep -q 'SoLV' r.html"
check "the hostile query is text" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img' r.html
check "no script or img element" sh -c '! grep -qi "<script\|<img" r.html'
check "no command ran" [ ! -e pwned ]
S report --site other.com --out o.html >/dev/null 2>&1
check "a site without a grid: no Local grid section" sh -c '! grep -q "Local grid" o.html'
