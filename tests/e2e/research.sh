#!/bin/sh
# research.sh - keyword research and rank-and-rent commands end to end:
# expand -> kw import, both volume formats (a real UTF-16LE Keyword Planner
# file made here with iconv), suggest on the three engines and analyze
# against the simulator, value with a hand-checked what-if, call-log import
# and re-import without duplicates, and portfolio.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
sim_conf google bing duckduckgo
cd "$T" || exit 1
S="$SERPTRACK"
$S init >/dev/null 2>&1
$S site add austin-plumbing-pros.com --niche plumbing --status rented --client "Lone Star" \
	--rent 900 --phone "+1 512 555 0199" >/dev/null 2>&1

# --- expand ----------------------------------------------------------------
$S research expand --niche plumbing --state TX --top 4 --modifiers "near me,emergency" \
	--engine google,bing --site austin-plumbing-pros.com >exp.csv 2>exp.err
check "expand exits 0" test $? -eq 0
# 4 cities x 5 patterns (3 heads, "emergency plumber CITY", "plumber near me"
# located in the city) x 2 engines + header
check "expand: 4 cities x 5 patterns x 2 engines" test "$(wc -l <exp.csv)" -eq 41
check "expand: header is the kw import format" test "$(head -n 1 exp.csv | tr -d '\r')" = "query,site,engine,location,tags"
check "expand: patterns" grep -q '^plumber in houston tx,austin-plumbing-pros.com,google,"Houston,Texas,United States"' exp.csv
check "expand: standalone modifier keeps the city as location" grep -q '^plumber near me,austin-plumbing-pros.com,google,"San Antonio,Texas,United States"' exp.csv
check "expand: no city before near me" test "$(grep -c ' near me,' exp.csv)" -eq "$(grep -c '^plumber near me,' exp.csv)"
check "expand: no duplicate rows" test "$(sort exp.csv | uniq -d | wc -l)" -eq 0
check "expand: population filter" sh -c "$S research expand --niche roofing --min-pop 2000000 --max-pop 3000000 | grep -q '^roofer chicago,'"
check "expand: unknown niche is a usage error" sh -c "$S research expand --niche basketweaving; test \$? -eq 2"
$S kw import exp.csv >imp.out 2>&1
check "expand output imports" grep -q "40 added" imp.out

# --- volumes ----------------------------------------------------------------
printf 'Keyword Stats 2026-11-25 at 10_00_00\nNovember 1, 2025 - October 31, 2026\nKeyword\tCurrency\tAvg. monthly searches\tCompetition\tCompetition (indexed value)\tTop of page bid (low range)\tTop of page bid (high range)\nplumber houston\tUSD\t6,600\tHigh\t81\t15.00\t55.00\nplumber austin\tUSD\t2,900\tHigh\t78\t12.50\t45.10\n' |
	iconv -f UTF-8 -t UTF-16LE >kp.body
printf '\377\376' | cat - kp.body >kp.csv
$S research import-volume kp.csv >kpv.out 2>&1
check "Keyword Planner UTF-16 export imports" grep -q "imported 2 search volumes" kpv.out
printf 'keyword,volume,cpc,competition\nplumber dallas,3600,41.2,0.71\n' >v.csv
check "plain CSV volumes import" sh -c "$S research import-volume v.csv | grep -q 'imported 1 search volume'"
printf 'hello\tworld\n\001\002\003\n' >bad.csv
$S research import-volume bad.csv >bad.out 2>&1
check "a file in neither format is refused" test $? -eq 1
check "  with a line number" grep -q "bad.csv':1" bad.out

# --- suggest against the simulator, three engines ---------------------------
for e in google bing duckduckgo; do
	$S research suggest "plumber austin" --engine $e --format csv >sug.$e 2>sug.$e.err
	check "suggest $e exits 0" test $? -eq 0
	check "suggest $e: several suggestions" test "$(wc -l <sug.$e)" -ge 4
	check "suggest $e: normalised, no duplicates" test "$(sort sug.$e | uniq -d | wc -l)" -eq 0
done
$S research suggest "roofer" --alphabet --format csv >sug.alpha 2>/dev/null
check "suggest --alphabet asks seed a..z" grep -q '^roofer d' sug.alpha
$S research suggest "roofer" --depth 2 --format csv >sug.d2 2>/dev/null
check "suggest --depth 2 finds more than depth 1" \
	test "$(wc -l <sug.d2)" -gt "$($S research suggest roofer --format csv 2>/dev/null | wc -l)"

# --- analyze -----------------------------------------------------------------
$S research analyze "plumber austin" --location "Austin,Texas,United States" >an.out 2>an.err
check "analyze exits 0" test $? -eq 0
check "analyze prints the evidence" grep -q "directories/aggregators in top 10:" an.out
check "analyze prints the formula" grep -q "^competition = 0.35\*strong" an.out
$S research analyze "roofer dallas" --location "Dallas,Texas,United States" --engine bing \
	--format json >an.json 2>/dev/null
check "analyze --format json" jq -e '.top10 == 10 and (.competition >= 0 and .competition <= 1)' an.json

# --- value: track, then a hand-checked what-if --------------------------------
$S track --all >/dev/null 2>&1
id=$($S kw list --format json 2>/dev/null | jq -r '[.[] | select(.query == "plumber austin" and .engine == "google")][0].id')
$S value --site austin-plumbing-pros.com --keyword "$id" --position 1 --format json >val.json 2>/dev/null
# plumber austin at #1 on Google: 2900 x 0.285 = 826.5 organic visits, plus
# 2900 x the pack CTR of its place in the simulator's local pack (issue 17:
# pack clicks beside organic ones; 0 when not in the pack); x 0.05 leads;
# x $80 (plumbing $40-$120)
check "value what-if: 2900 x 0.285 = 826.5 organic visits + the pack's" \
	jq -e --argjson id "$id" '.by_keyword[] | select(.keyword_id == $id) | (.visits - 826.5 - 2900 * .pack_ctr | fabs) < 1e-6 and (.pack_visits - 2900 * .pack_ctr | fabs) < 1e-6 and (.value - .visits * 0.05 * 80 | fabs) < 1e-6' val.json
check "value: rent range = 25%..40% of the value" \
	jq -e '((.rent_low - .value * 0.25) | fabs) < 1e-6 and ((.rent_high - .value * 0.40) | fabs) < 1e-6' val.json
check "value --format csv has a TOTAL row" sh -c "$S value --site austin-plumbing-pros.com --format csv | grep -q ',TOTAL,'"
check "value of an unknown site fails" sh -c "$S value --site nosuch.com; test \$? -eq 1"

# --- leads ------------------------------------------------------------------
now=$(date -u -d yesterday +%Y-%m-%d) # a day ago: inside every "last N days" window whatever the hour
cat >calls.csv <<CSV
Call Id,Start Time,Duration,Customer Phone Number,Tracking Number,Source
C1,$now 09:15:00,1:35,(512) 555-0101,+1 (512) 555-0199,Google Organic
C2,$now 10:00:00,12,(512) 555-0102,512-555-0199,Google Organic
C3,$now 11:00:00,240,(512) 555-0103,(999) 555-0000,Yelp
CSV
$S leads import calls.csv >l1.out 2>l1.err
check "leads import exits 0" test $? -eq 0
check "leads: 2 added, 1 lead over 60 s, 1 unmatched" grep -q "2 calls added (1 lead of at least 60 s), 0 duplicates skipped, 1 unmatched" l1.out
$S leads import calls.csv >l2.out 2>/dev/null
check "leads re-import skips duplicates" grep -q "0 calls added (0 leads of at least 60 s), 2 duplicates skipped" l2.out
check "leads: a file without time/duration columns is refused" \
	sh -c "printf 'a,b\n1,2\n' >x.csv; $S leads import x.csv; test \$? -eq 1"

check "value shows this week's actual leads" \
	sh -c "$S value --site austin-plumbing-pros.com --format json | jq -e '.actual_leads_by_week == [0, 0, 0, 1]'"

# --- portfolio and score -----------------------------------------------------------
$S portfolio --format json >pf.json 2>/dev/null
check "portfolio shows the actual leads" jq -e '.sites[0].site == "austin-plumbing-pros.com" and .sites[0].actual_leads == 1 and .sites[0].rent == 900' pf.json
check "portfolio counts the keywords" jq -e '.sites[0].keywords == 40' pf.json
$S research score exp.csv --format json >sc.json 2>/dev/null
check "score: every row scored" jq -e 'length == 40' sc.json
check "score: stored SERPs used for competition" jq -e '[.[] | select(.competition_source == "serp")] | length > 0' sc.json
check "score: sorted by score" jq -e '[.[].score] == ([.[].score] | sort | reverse)' sc.json
