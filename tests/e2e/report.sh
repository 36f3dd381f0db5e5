#!/bin/sh
# report.sh - chart, report and export end to end: a site tracked against
# the simulator over a few simulated days (one keyword hostile), then
# gnuplot charts (site, per keyword, several keywords, SVG), the HTML client
# report and CSV/JSON exports, with the hostile query shown as text and no
# command run; plus the error paths (gnuplot missing, bad --out, unknown site).
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
W="$T/w"
mkdir "$W"
cat >"$W/serptrack.conf" <<CONF
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
jitter_ms = 0
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
min_delay_ms = 0
jitter_ms = 0
CONF
chmod 600 "$W/serptrack.conf"
cd "$W" || exit 1
HOSTILE='<script>alert(1)</script> `touch pwned` $(touch pwned2) it'"'"'s "q" plumber'
S() { "$SERPTRACK" "$@"; }
{
	S init && S site add austin-plumbing-pros.com --name "Austin Plumbing Pros" \
		--client "Lone Star <b>Plumbing</b>" &&
		S kw add "emergency plumber austin" --site austin-plumbing-pros.com \
			--location "Austin,Texas,United States" &&
		S kw add "plumber austin" --site austin-plumbing-pros.com --engine bing &&
		S kw add "$HOSTILE" --site austin-plumbing-pros.com
} >/dev/null 2>"$T/setup.err" || { cat "$T/setup.err"; echo "not ok - set-up"; exit 1; }
for d in 01 02 03 04 05 06; do
	curl -fsS "http://127.0.0.1:$PORT/_sim/day?date=2026-11-$d" >/dev/null
	SERPTRACK_NOW="2026-11-${d}T06:00:00Z" S track --all >/dev/null 2>>"$T/track.err"
done
export SERPTRACK_NOW=2026-11-06T12:00:00Z

# --- charts ----------------------------------------------------------------
S chart --site austin-plumbing-pros.com --each --dir charts >"$T/chart.out" 2>"$T/chart.err"
check "chart --site --each exits 0" [ $? -eq 0 ]
check "site chart and 3 keyword charts listed" [ "$(wc -l <"$T/chart.out")" -eq 4 ]
check "site chart is a PNG" sh -c 'head -c 8 charts/austin-plumbing-pros.com.png | grep -q PNG'
check "keyword chart files exist" sh -c 'for i in 1 2 3; do [ -s charts/austin-plumbing-pros.com-kw$i.png ] || exit 1; done'
S chart --keyword 1 --keyword 3 --out multi.svg >/dev/null 2>"$T/svg.err"
check "chart --keyword 1 --keyword 3 --out .svg exits 0" [ $? -eq 0 ]
check "SVG is an SVG document" grep -q '<svg' multi.svg
check "SVG shows the hostile query as escaped text" grep -q '&lt;script>alert(1)&lt;/script> `touch pwned`' multi.svg
check "SVG has no script element" sh -c '! grep -qi "<script" multi.svg'
top=$(S serp --keyword 1 --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["organic"][0]["domain"])' 2>/dev/null)
S chart --site austin-plumbing-pros.com --competitor "${top:-example.org}" --out vs.png >/dev/null 2>"$T/vs.err"
check "site chart against an untracked competitor from the results" [ -s vs.png ]
S report --site austin-plumbing-pros.com --competitor "${top:-example.org}" --out vs.html >/dev/null 2>&1
check "report of a competitor's positions on the site's keywords" grep -q '<td class="n">1</td>' vs.html
S chart --keyword 1 --competitor 'not a domain!' --out bad.png >/dev/null 2>&1
check "chart --competitor with a bad domain: exit 1" [ $? -eq 1 ]
S chart --keyword 3 --out '|touch pwned3.png' >/dev/null 2>&1
check "an output path like a gnuplot pipe is a plain file" [ -s '|touch pwned3.png' ]
check "no hostile command ran (no pwned files)" sh -c '! ls pwned* >/dev/null 2>&1'
SERPTRACK_GNUPLOT=/nonexistent/gnuplot S chart --keyword 1 --out x.png >/dev/null 2>"$T/nognu.err"
check "gnuplot missing: exit 1" [ $? -eq 1 ]
check "gnuplot missing: says how to install it" grep -q 'gnuplot not found (apt-get install gnuplot-nox)' "$T/nognu.err"
S chart --keyword 1 --out x.pdf >/dev/null 2>&1
check "chart --out .pdf: usage error" [ $? -eq 2 ]
S chart --keyword 999 --out x.png >/dev/null 2>&1
check "chart of an unknown keyword: exit 1" [ $? -eq 1 ]

# --- report ----------------------------------------------------------------
S report --site austin-plumbing-pros.com --brand 'Agency "A" & Co' --days 6 >"$T/report.out" 2>"$T/report.err"
check "report exits 0" [ $? -eq 0 ]
R=$(cat "$T/report.out")
check "report written under reports/" sh -c "case '$R' in reports/*.html) [ -s '$R' ] ;; *) exit 1 ;; esac"
check "report: hostile query as escaped text" grep -q '&lt;script&gt;alert(1)&lt;/script&gt; `touch pwned` $(touch pwned2) it&#39;s &quot;q&quot; plumber' "$R"
check "report: no script element" sh -c "! grep -qi '<script' '$R'"
check "report: client and brand escaped" grep -q 'Lone Star &lt;b&gt;Plumbing&lt;/b&gt;.*\|Agency &quot;A&quot; &amp; Co' "$R"
check "report: CSP forbids fetching" grep -q "default-src 'none'" "$R"
check "report: every keyword in the table" [ "$(grep -c '<tr><td><div class="q">' "$R")" -ge 3 ]
check "report: sparklines inline" grep -q '<svg class="spark"' "$R"
if command -v xmllint >/dev/null 2>&1; then
	check "report: parses as HTML" xmllint --html --noout "$R"
fi
S report --site nosuch.example --out x.html >/dev/null 2>"$T/nosite.err"
check "report of an unknown site: exit 1" [ $? -eq 1 ]
check "report of an unknown site: one line" [ "$(wc -l <"$T/nosite.err")" -eq 1 ]
S report --site austin-plumbing-pros.com --out x.txt >/dev/null 2>&1
check "report --out not .html: usage error" [ $? -eq 2 ]
S report >/dev/null 2>&1
check "report without --site: usage error" [ $? -eq 2 ]

# --- export ----------------------------------------------------------------
S export --format csv >export.csv 2>"$T/csv.err"
check "export csv exits 0" [ $? -eq 0 ]
check "export csv header" sh -c 'head -n 1 export.csv | grep -q "^checked_at,keyword_id,query,engine,location,device,site,competitor,status,reason,position,depth,url"'
nchecks=$(sqlite3 serptrack.db 'select count(*) from "check"' 2>/dev/null || echo "")
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open("export.csv", newline="", encoding="utf-8"))) - 1)' 2>/dev/null)
check "export csv: one row per check (RFC 4180 reader)" [ -n "$rows" ] && [ -n "$nchecks" ] && [ "$rows" -eq "$nchecks" ]
check "export csv: hostile query quoted, not a formula" python3 -c '
import csv,sys
rows=list(csv.DictReader(open("export.csv",newline="",encoding="utf-8")))
assert any(r["query"].startswith("<script>alert(1)</script>") for r in rows)
assert all(r["checked_at"].endswith("Z") and r["checked_at"][4]=="-" for r in rows)'
S export --format json >export.json 2>"$T/json.err"
check "export json exits 0" [ $? -eq 0 ]
check "export json parses, with sites, keywords and checks" python3 -c '
import json
d=json.load(open("export.json",encoding="utf-8"))
assert len(d["sites"])==1 and len(d["keywords"])==3 and len(d["checks"])>=3
assert any(k["query"].startswith("<script>") for k in d["keywords"])
assert all(c["status"] in ("ok","blocked","error") for c in d["checks"])'
S export --format xml >/dev/null 2>&1
check "export --format xml: usage error" [ $? -eq 2 ]
for c in "rank" "history --keyword 3"; do
	S $c --format csv >"$T/sheet.csv" 2>/dev/null
	check "$c --format csv: RFC 4180, UTF-8, ISO dates" python3 -c '
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
dates = [v for r in rows[1:] for v in r if re.match(r"^\d{4}-\d\d-\d\d", v)]
assert dates and all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", v) for v in dates)' "$T/sheet.csv"
done
check "still no pwned files" sh -c '! ls pwned* >/dev/null 2>&1'
