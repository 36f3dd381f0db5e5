#!/bin/sh
# demo.sh - `make demo` end to end with the sanitizer build, in a temporary
# folder: a rank table with a change for every demo keyword (its summary
# line and pack column printed), the alerts the daily `run`s raised, the
# values, the portfolio, what to build next, and the charts and report on disk.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

cd "$top" || exit 1
DEMO_DIR="$tmp/demo" DEMO_REPORTS="$tmp/reports" DEMO_BIN="$SERPTRACK" DEMO_SIM="$SERPSIM" \
	DEMO_DAYS=9 sh tests/demo.sh >"$tmp/out" 2>"$tmp/err"
rc=$?
check "demo exits 0" '[ $rc -eq 0 ]'
[ $rc -eq 0 ] || { tail -n 20 "$tmp/err"; }

S="$SERPTRACK --db $tmp/demo/serptrack.db --config $tmp/demo/serptrack.conf"
n=$(grep -c , keywords/demo.csv)
n=$((n - 1))
$S rank --format json >"$tmp/rank.json"
check "rank JSON parses" 'python3 -m json.tool "$tmp/rank.json" >/dev/null'
python3 - "$tmp/rank.json" "$n" >"$tmp/py" 2>&1 <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
want = int(sys.argv[2])
print("rows", len(rows), "want", want)
assert len(rows) == want, "one row per demo keyword"
for r in rows:
    assert r["status"] == "ok", r
    assert r["change_1d"] is not None or r["change_7d"] is not None, ("no change", r["query"], r["engine"])
PY
if [ $? -eq 0 ]; then ok "one row per demo keyword ($n), each ok and with a change"; else nok "one row per demo keyword, each with a change"; cat "$tmp/py"; fi
check "rank table printed with its summary line" 'grep -Eq "^[0-9]+ tracked, [0-9]+ ranked, [0-9]+ in top 3, [0-9]+ in top 10, " "$tmp/out"'
check "rank table printed with a local pack column" 'grep -Eq "^id +query +pos .* pack +url " "$tmp/out"'
check "alerts printed (at least one alert line)" \
	'grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z +[0-9]+ +[a-z0-9.-]+ +(drop|entered_top3|left_top3|entered_top10|left_top10|lost_local|entered_local|moved_local|blocked) +\"" "$tmp/out"'
check "alerts heading printed with the per-kind counts" 'grep -Eq "^== .*[Aa]lert.*: [1-9][0-9]* \([0-9]+ [a-z_0-9]+" "$tmp/out"'
# one run a simulated day: the alerts were raised on more than one day,
# each at its simulated day (a single run at the end raises one day's)
days=$($S alerts --since 2000-01-01 --format csv | sed 1d | cut -c1-10 | sort -u | wc -l)
check "alerts raised by the daily runs on several simulated days ($days)" '[ "$days" -ge 2 ]'
check "value printed per site" 'grep -q "suggested rent" "$tmp/out"'
check "portfolio printed" 'grep -q "== Portfolio" "$tmp/out" && grep -q satx-ac-repair.com "$tmp/out"'
# the demo's generated calls: the rented site has actual leads beside its
# estimate, and more than the site that ranks worst (houstonelectricianco.com)
$S portfolio --format json >"$tmp/pf.json" 2>/dev/null
rented=$(jq '[.sites[] | select(.status == "rented") | .actual_leads] | min' "$tmp/pf.json")
worst=$(jq '.sites[] | select(.site == "houstonelectricianco.com") | .actual_leads' "$tmp/pf.json")
check "portfolio: the rented site has actual leads from the demo calls ($rented)" '[ "${rented:-0}" -gt 0 ] 2>/dev/null'
check "portfolio: the better-ranked rented site has more leads than the worst ($rented > $worst)" '[ "${rented:-0}" -gt "${worst:-0}" ] 2>/dev/null'
check "portfolio: leads split by channel, business profile among them" \
	'jq -e ".totals.leads_profile > 0 and .totals.leads_organic > 0 and .totals.actual_leads == (.totals.leads_organic + .totals.leads_profile + .totals.leads_other)" "$tmp/pf.json" >/dev/null'
check "portfolio totals line: MRR and occupancy" 'grep -Eq "^1 of 4 sites rented \(25%\): MRR \\\$900/month" "$tmp/out"'
check "value prints actual leads by channel" 'grep -Eq "^actual leads by channel \(last 4 weeks\): organic [1-9]" "$tmp/out"'
check "the demo lists the rented site's calls with channels, callers masked" \
	'grep -A2 "== Calls of the rented site" "$tmp/out" | grep -Eq "austin-plumbing-pros.com .*\(512\) \*\*\*-01[0-9]{2} .*(organic|profile|paid|direct)"'
check "what to build next printed, estimates marked" \
	'grep -A3 "What to build next" "$tmp/out" | grep -q "^plumber \|^roofer \|^electrician \|^hvac \|^pest \|^garage " && grep -q "^~N: volume estimate" "$tmp/out"'
R="$SERPTRACK --db $tmp/demo/research.db --config $tmp/demo/serptrack.conf"
$R research score "$tmp/demo/candidates.csv" --top 10 --format json >"$tmp/next.json" 2>/dev/null
check "what to build next includes towns of 10k-100k people" \
	'jq -e "[.[] | select(.population >= 10000 and .population <= 100000)] | length >= 1" "$tmp/next.json" >/dev/null'
check "what to build next is not a population ranking" \
	'jq -e "[.[].population] != ([.[].population] | sort | reverse)" "$tmp/next.json" >/dev/null'
check "client report written" '[ -s "$tmp/reports/demo-report.html" ]'
check "charts written" '[ -s "$tmp/reports/demo-austin-plumbing-pros.png" ] && [ -s "$tmp/reports/demo-austin-keywords.svg" ]'
check "a heat map per demo site and a before/after pair written" \
	'[ "$(ls "$tmp"/reports/demo-grid-*.com.png | wc -l)" = 4 ] && [ -s "$tmp/reports/demo-grid-austin-before-after.png" ]'
check "each grid printed as a map with its metrics" '[ "$(grep -c "^ARP .* ATRP .* SoLV" "$tmp/out")" = 4 ]'
check "the client report carries the pack and the grid" \
	'grep -q "Local pack" "$tmp/reports/demo-report.html" && grep -q "grid-cell" "$tmp/reports/demo-report.html"'
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/demo/sim.out")
check "the demo's simulator is stopped (port $port closed)" '[ -n "$port" ] && ! curl -fsS -m 2 "http://127.0.0.1:$port/_sim/stats" >/dev/null 2>&1'
check "demo database is private (0600)" '[ "$(stat -c %a "$tmp/demo/serptrack.db")" = 600 ]'
