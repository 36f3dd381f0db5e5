#!/bin/sh
# research_score.sh - the opportunity score's goal on the simulator: towns
# outside its named table get open or saturated result pages by
# population, and `research score` lets that competition reorder cities as
# much as volume does. Two cities with equal imported volume are ordered by
# competition, the open one worth at least what 3x the volume would give
# the saturated one; a city with over 3x the population (estimated volumes)
# but saturated results falls below a smaller open one. Also: estimates are
# marked (~N, "estimate", volume_source), an imported volume wins, `value`
# counts estimates, `--explain` prints every factor, bad input is refused.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
start_sim --cities "$top/keywords/cities.csv"
sim_conf google
cd "$T" || exit 1
S="$SERPTRACK"
$S init >/dev/null 2>&1
curl -fsS "http://127.0.0.1:$PORT/_sim/day?date=2026-11-20" >/dev/null
NOW=2026-11-20T06:00:00Z

# --- the simulator: open towns, saturated cities -----------------------------
# one "{service} in {city} {st}" row per city, as research expand writes it
for c in Arlington Georgetown Lubbock Temple; do
	$S research expand --niche plumbing --city "$c" --state TX 2>/dev/null | sed 1d | grep ' in '
done >rows.csv
{ echo "query,site,engine,location,tags"; cat rows.csv; } >cand.csv
check "four candidate rows" test "$(wc -l <rows.csv)" -eq 4
$S kw import cand.csv >/dev/null 2>&1
SERPTRACK_NOW=$NOW $S track --all >track.out 2>&1
check "track the candidates on the simulator" test $? -eq 0
for q in "plumber in arlington tx" "plumber in georgetown tx" "plumber in lubbock tx" "plumber in temple tx"; do
	loc=$(grep "^$q," cand.csv | sed 's/^[^"]*"\([^"]*\)".*/\1/')
	$S research analyze "$q" --location "$loc" --format json >"an.$(echo "$q" | tr ' ' _).json" 2>/dev/null
done
hard() { jq '.exact_match + .partial_match' "an.plumber_in_$1_tx.json"; }
check "simulator: Arlington (388k) holds more exact/partial-match domains than Georgetown (64k)" \
	test "$(hard arlington)" -gt "$(hard georgetown)"
check "simulator: Georgetown's top 10 is mostly directories and forums" \
	jq -e '.directories + .forums >= 6' an.plumber_in_georgetown_tx.json
check "simulator: Arlington shows more ads and more pack reviews than Georgetown" \
	sh -c "test \$(jq .ads an.plumber_in_arlington_tx.json) -gt \$(jq .ads an.plumber_in_georgetown_tx.json) &&
	       test \$(jq .reviews an.plumber_in_arlington_tx.json) -gt \$(jq .reviews an.plumber_in_georgetown_tx.json)"

# --- goal 1: equal imported volume, ordered by competition -------------------
printf 'keyword,volume\nplumber in arlington tx,1000\nplumber in georgetown tx,1000\n' >eq.csv
$S research import-volume eq.csv >/dev/null 2>&1
grep -e arlington -e georgetown cand.csv >eq.rows
{ echo "query,site,engine,location,tags"; cat eq.rows; } >eq-cand.csv
SERPTRACK_NOW=$NOW $S research score eq-cand.csv --format json >eq.json 2>eq.err
check "score (equal volumes) exits 0" test $? -eq 0
check "  both volumes imported (source store, not estimated)" \
	jq -e 'all(.[]; .volume == 1000 and .volume_source == "store" and .volume_estimated == false)' eq.json
check "  equal volume: the open town (Georgetown) ranks above the saturated city (Arlington)" \
	jq -e '.[0].query == "plumber in georgetown tx" and .[1].query == "plumber in arlington tx"' eq.json
check "  the open town is worth at least 3x the saturated one (competition weighs like a 3x volume)" \
	jq -e '.[0].score >= 3 * .[1].score' eq.json
check "  because Arlington's reachable position is worse" jq -e '.[1].reach > .[0].reach' eq.json

# --- goal 2: 3x the population, saturated, below a smaller open town ---------
grep -e lubbock -e temple cand.csv >pop.rows
{ echo "query,site,engine,location,tags"; cat pop.rows; } >pop-cand.csv
SERPTRACK_NOW=$NOW $S research score pop-cand.csv --format json >pop.json 2>pop.err
check "score (estimated volumes) exits 0" test $? -eq 0
check "  Lubbock has over 3x Temple's population" \
	jq -e '(map(select(.query | test("lubbock")))[0].population) >= 3 * (map(select(.query | test("temple")))[0].population)' pop.json
check "  volumes are estimates from population, marked" \
	jq -e 'all(.[]; .volume_source == "estimate" and .volume_estimated == true and .volume_pattern == "city state")' pop.json
check "  Lubbock's estimate is over 3x Temple's" \
	jq -e '(map(select(.query | test("lubbock")))[0].volume) >= 3 * (map(select(.query | test("temple")))[0].volume)' pop.json
check "  the saturated bigger city (Lubbock) falls below the smaller open town (Temple)" \
	jq -e '.[0].query == "plumber in temple tx" and .[1].query == "plumber in lubbock tx"' pop.json

# --- the table: estimates marked, every factor with --explain -----------------
SERPTRACK_NOW=$NOW $S research score pop-cand.csv >pop.txt 2>&1
check "table: an estimate is shown as ~N" grep -Eq 'plumber in temple tx .* ~[0-9]+ ' pop.txt
check "table: a legend line names the estimate" grep -q '^~N: volume estimate' pop.txt
SERPTRACK_NOW=$NOW $S research score eq-cand.csv >eq.txt 2>&1
check "table: imported volumes carry no ~ and no legend" sh -c "! grep -q '~' eq.txt"
SERPTRACK_NOW=$NOW $S research score pop-cand.csv --explain >ex.txt 2>&1
for col in dirs forums doms emd pmd other hard reach 'ctr@reach' pack reviews 'pack x' ads 'ads x' pattern; do
	check "--explain shows '$col'" grep -q -- " $col " ex.txt
done
check "--explain prints the formulas" sh -c "grep -q '^hard = ' ex.txt && grep -q '^reach = ' ex.txt && grep -q '^pack x = ' ex.txt"
SERPTRACK_NOW=$NOW $S research score pop-cand.csv --format csv >pop.csv 2>/dev/null
check "CSV has volume_source and volume_estimated" \
	sh -c "head -n 1 pop.csv | grep -q 'volume_source' && head -n 1 pop.csv | grep -q 'volume_estimated'"

# --- value: an estimate counts, marked; an import replaces it ----------------
$S site add rrplumbing.com --niche plumbing >/dev/null 2>&1
printf 'query,site,engine,location\nemergency plumber round rock,rrplumbing.com,google,"Round Rock,Texas,United States"\n' >v.csv
$S kw import v.csv >/dev/null 2>&1
SERPTRACK_NOW=$NOW $S track --all >/dev/null 2>&1
id=$($S kw list --format json 2>/dev/null | jq '.[] | select(.query == "emergency plumber round rock") | .id')
$S value --site rrplumbing.com --keyword "$id" --position 1 --format json >val.json 2>/dev/null
check "value: no import, the pattern estimate counts" \
	jq -e '.by_keyword[0].volume_estimated == true and .by_keyword[0].volume_source == "estimate" and .by_keyword[0].volume > 0 and .value > 0 and .volumes_estimated == 1' val.json
$S value --site rrplumbing.com >val.txt 2>&1
check "value table: ~N and the estimate legend" sh -c "grep -Eq '~[0-9]+' val.txt && grep -q 'volume estimate' val.txt"
# portfolio values the site on the same estimate as value, and marks it
$S value --site rrplumbing.com --format json >val1.json 2>/dev/null
$S portfolio --format json >pf.json 2>/dev/null
check "portfolio: the estimate counts as in value, and is counted" \
	jq -e --slurpfile v val1.json '.sites[0].est_visits == $v[0].visits and .sites[0].volumes_estimated == 1 and .totals.volumes_estimated == 1' pf.json
$S portfolio >pf.txt 2>&1
check "portfolio table: ~ on the estimated visits and a legend naming the estimate" \
	sh -c "grep -Eq '^rrplumbing.com .* ~[0-9]+ ' pf.txt && grep -q '^~: visits and leads from a volume estimate for 1 keyword' pf.txt"
printf 'keyword,volume\nemergency plumber round rock,5\n' >v5.csv
$S research import-volume v5.csv >/dev/null 2>&1
$S value --site rrplumbing.com --format json >val2.json 2>/dev/null
check "value: an imported volume replaces the estimate" \
	jq -e '.by_keyword[0].volume == 5 and .by_keyword[0].volume_estimated == false and .by_keyword[0].volume_source == "imported"' val2.json

# --- hostile pattern file --------------------------------------------------------
mkdir -p bad
cp "$top"/keywords/*.csv "$top"/keywords/directories.txt bad/
printf 'pattern,match,share\nemergency,emergency,0.1\nurgent,emergency,0.2\n' >bad/volume-patterns.csv
$S research score pop-cand.csv --data bad >bad.out 2>&1
check "a pattern file with a term twice is refused (exit 1)" test $? -eq 1
check "  naming file:line" grep -q "volume-patterns.csv':3: term 'emergency'" bad.out
mkdir -p old
cp "$top"/keywords/niches.csv "$top"/keywords/cities.csv "$top"/keywords/directories.txt old/
$S research score pop-cand.csv --data old --format json >old.json 2>old.err
check "a data folder without volume-patterns.csv still scores (exit 0)" test $? -eq 0
check "  with a warning naming the file" grep -q "volume-patterns.csv': No such file" old.err
check "  and still estimates, by the built-in shares" jq -e 'all(.[]; .volume_source == "estimate" and .volume > 0)' old.json
