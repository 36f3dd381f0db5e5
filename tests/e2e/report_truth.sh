#!/bin/sh
# report_truth.sh - the numbers and names a client report shows are the
# stored data's: the average position counts a not-ranked keyword as 100
# (recomputed here from `rank --format json`), "ranked N of M" beside it,
# the Competitors table of a client report, and a competitor report that
# says whose data it is (its name, its ranking URLs, its local pack
# position) and never presents the competitor as the client.
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
CONF
chmod 600 "$W/serptrack.conf"
cd "$W" || exit 1
S() { "$SERPTRACK" "$@"; }
SITE=austin-plumbing-pros.com
# capitalcityplumbers.com is in the simulator's organic results and its
# local pack for these queries; mr-plumber.com in the organic results only
COMP=capitalcityplumbers.com
{
	S init && S site add $SITE --name "Austin Plumbing Pros" --client "Lone Star Plumbing LLC" &&
		S site add roofing-pros.example --name "Roofing" &&
		S site add $COMP --competitor &&
		S site add roofcompetitor.example --competitor &&
		for q in "emergency plumber austin" "plumber austin" "water heater repair austin" \
			"drain cleaning austin" "roof repair seattle"; do
			S kw add "$q" --site $SITE --location "Austin,Texas,United States" || exit 1
		done
} >/dev/null 2>"$T/setup.err" || { cat "$T/setup.err"; echo "not ok - set-up"; exit 1; }
# a competitor of another site must not appear in this site's table
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 serptrack.db "UPDATE site SET competitor_of = (SELECT id FROM site WHERE domain = 'roofing-pros.example') WHERE domain = 'roofcompetitor.example'"
	OWNED=1
else
	OWNED=0
fi
for d in 01 02 03; do
	curl -fsS "http://127.0.0.1:$PORT/_sim/day?date=2026-11-$d" >/dev/null
	SERPTRACK_NOW="2026-11-${d}T06:00:00Z" S track --all >/dev/null 2>>"$T/track.err"
done
export SERPTRACK_NOW=2026-11-03T12:00:00Z
S rank --competitors --format json >rank.json 2>"$T/rank.err"
check "rank --competitors --format json exits 0" [ $? -eq 0 ]

# the formula, over the rank data: not ranked = 100
cat >"$T/truth.py" <<'PY'
import html, json, re, sys
what, page, domain = sys.argv[1], open(sys.argv[2], encoding="utf-8").read(), sys.argv[3]
rows = [r for r in json.load(open("rank.json")) if r["site"] == domain]
pos = [r["position"] for r in rows]
avg = sum(p if p else 100 for p in pos) / len(pos)
ranked = sum(1 for p in pos if p)
def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)
if what == "card":
    m = re.search(r'<div class="l">Average position \(not ranked counts as 100\)</div>'
                  r'<div class="v">([0-9.]+)</div><div class="d"><span class="avgn">'
                  r'ranked (\d+) of (\d+)</span>', page)
    if not m:
        fail("no average position card with its rule and ranked N of M")
    if m.group(1) != "%.1f" % avg:
        fail("card says %s, the formula over rank.json gives %.1f" % (m.group(1), avg))
    if (int(m.group(2)), int(m.group(3))) != (ranked, len(pos)):
        fail("card says ranked %s of %s, rank.json %d of %d"
             % (m.group(2), m.group(3), ranked, len(pos)))
elif what == "table":
    m = re.search(r'<table class="rivals">(.*?)</table>', page, re.S)
    if not m:
        fail("no Competitors table")
    row = re.search(r'<tr><td>(?:<strong>)?' + re.escape(domain) +
                    r'(?:</strong> \(this site\))?</td><td class="n">([0-9.]+)</td>'
                    r'<td class="n">(\d+) of (\d+)</td><td class="n">(\d+)</td>', m.group(1))
    if not row:
        fail("%s not in the Competitors table" % domain)
    top10 = sum(1 for p in pos if p and p <= 10)
    got = (row.group(1), int(row.group(2)), int(row.group(3)), int(row.group(4)))
    want = ("%.1f" % avg, ranked, len(pos), top10)
    if got != want:
        fail("%s row %r, rank.json gives %r" % (domain, got, want))
PY

# --- the client report --------------------------------------------------------
S report --site $SITE --out client.html >/dev/null 2>"$T/client.err"
check "client report exits 0" [ $? -eq 0 ]
check "client report: the average counts not ranked as 100, ranked N of M beside it" \
	python3 "$T/truth.py" card client.html $SITE
check "client report: the average trend says its rule" \
	grep -q 'Average position (1 = top; not ranked counts as 100)' client.html
check "client report: Competitors table, the site's own row from rank data" \
	python3 "$T/truth.py" table client.html $SITE
check "client report: Competitors table, the competitor's row from rank data" \
	python3 "$T/truth.py" table client.html $COMP
if [ $OWNED -eq 1 ]; then
	check "client report: another site's competitor is not in the table" \
		sh -c '! grep -q roofcompetitor.example client.html'
fi
check "client report: prepared for the client" grep -q 'Prepared for <strong>Lone Star Plumbing LLC</strong>' client.html

# --- a tracked competitor -----------------------------------------------------
S report --site $SITE --competitor $COMP --out comp.html >/dev/null 2>"$T/comp.err"
check "competitor report exits 0" [ $? -eq 0 ]
check "competitor report: title names the competitor" \
	grep -q "<title>Competitor: $COMP vs Austin Plumbing Pros" comp.html
check "competitor report: heading names the competitor" \
	grep -q "<h1>Competitor: $COMP vs Austin Plumbing Pros</h1>" comp.html
check "competitor report: the client is not named as whom it is prepared for" \
	sh -c '! grep -q "Prepared for" comp.html && ! grep -q "Lone Star Plumbing LLC" comp.html'
check "competitor report: the average is the competitor's (rank data)" \
	python3 "$T/truth.py" card comp.html $COMP
check "competitor report: the competitor's ranking URL" \
	grep -q "<td class=\"url\"><a href=\"https://www.$COMP/" comp.html
check "competitor report: the competitor's local pack position" grep -q '#[0-9]* in pack' comp.html
check "competitor report: no Competitors table, no client leads" \
	sh -c '! grep -q "rivals\|Leads per week" comp.html'

# --- an untracked domain, from the stored pages -------------------------------
S report --site $SITE --competitor mr-plumber.com --out mr.html >/dev/null 2>"$T/mr.err"
check "untracked competitor report exits 0" [ $? -eq 0 ]
check "untracked competitor report: names it" grep -q '<h1>Competitor: mr-plumber.com vs ' mr.html
check "untracked competitor report: its ranking URL from the stored page" \
	grep -q '<td class="url"><a href="https://[a-z.]*mr-plumber.com/' mr.html
check "untracked competitor report: not prepared for the client" sh -c '! grep -q "Prepared for" mr.html'

# --- chart --site: the same rule ---------------------------------------------
if command -v gnuplot >/dev/null 2>&1; then
	S chart --site $SITE --out site.svg >/dev/null 2>"$T/chart.err"
	check "chart --site exits 0" [ $? -eq 0 ]
	kn=$(python3 -c 'import json; r=[x for x in json.load(open("rank.json")) if x["site"]=="'$SITE'"]; print("ranked %d of %d" % (sum(1 for x in r if x["position"]), len(r)))')
	check "chart --site: ranked N of M in the key" grep -q "$SITE: $kn" site.svg
	check "chart --site: the average's rule on the axis" grep -q 'not ranked = 100' site.svg
fi
