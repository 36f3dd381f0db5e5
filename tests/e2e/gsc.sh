#!/bin/sh
# gsc.sh - Search Console import end to end: a demo-like site tracked on
# the simulator, its Queries.csv (UTF-8 with BOM, made here with numbers
# the checks recompute) imported; value shows actual clicks beside the
# estimate and uses the site's calibrated CTR curve for its Google rows;
# importing again replaces instead of adding; a site with too little data
# keeps the default curve and says why; page-one impressions become
# volumes without overwriting Keyword Planner/CSV ones; localised exports
# (German, semicolons, decimal comma) import; another tab, a UTF-16 file
# without BOM and a bad row are refused with nothing imported.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
start_sim
sim_conf google bing
cd "$T" || exit 1
S="$SERPTRACK"
SITE=austin-plumbing-pros.com
$S init >/dev/null 2>&1
$S site add $SITE --niche plumbing --status rented >/dev/null 2>&1
$S site add dallasroofingexperts.com --niche roofing >/dev/null 2>&1
{ head -n 1 "$top/keywords/demo.csv"; grep -e "$SITE" -e dallasroofingexperts "$top/keywords/demo.csv"; } >kw.csv
$S kw import kw.csv >/dev/null 2>&1
$S research import-volume "$top/keywords/demo-volumes.csv" >/dev/null 2>&1
$S track --all >/dev/null 2>&1
check "set-up: the site's Google keywords are ranked" \
	sh -c "$S rank --site $SITE --format json | jq -e '[.[] | select(.engine == \"google\" and .position != null)] | length > 0'"

# --- the export: tracked queries plus others, CTR twice the default ---------
# query, clicks, impressions, position; the CTR column is what Search Console
# writes (clicks / impressions as a percentage)
cat >rows.txt <<'ROWS'
plumber austin|456|800|1.2
emergency plumber austin|63|200|2
plumbing repair austin tx|44|200|3.1
24 hour plumber austin|32|200|4
plumber near me|29|200|5
austin plumbing company|20|200|6
water heater repair austin|16|200|7
drain cleaning austin|13|200|8
leak repair austin|11|200|9
austin plumbers|10|200|10
slab leak austin|3|40|9.6
sewer line repair austin|1|20|12.4
ROWS
{
	printf '\357\273\277Top queries,Clicks,Impressions,CTR,Position\n'
	awk -F'|' '{ printf "%s,%d,\"%s\",%.2f%%,%s\n", $1, $2, ($3 >= 1000 ? sprintf("%d,%03d", $3 / 1000, $3 % 1000) : $3), 100 * $2 / $3, $4 }' rows.txt
} >Queries.csv
$S research import-gsc Queries.csv --site $SITE >imp1.out 2>imp1.err
check "import-gsc exits 0" test $? -eq 0
check "import-gsc: all 12 rows" grep -q "imported 12 Search Console queries for $SITE" imp1.out
check "import-gsc: default period is 90 days" grep -q "(90 days)" imp1.out
rows1=$(sqlite3 serptrack.db "SELECT count(*) FROM gsc_query")
check "stored 12 rows" test "$rows1" -eq 12

$S value --site $SITE --format json >v1.json 2>v1.err
check "value --format json exits 0" test $? -eq 0
# 456 clicks in 90 days = 152 a month
check "value: plumber austin's actual clicks = 456 x 30 / 90" \
	jq -e '[.by_keyword[] | select(.engine == "google" and .query == "plumber austin")][0].gsc_clicks | . - 152 | fabs < 1e-9' v1.json
check "value: Bing rows have no Search Console clicks (the export is Google's)" \
	jq -e '[.by_keyword[] | select(.engine == "bing") | .gsc_clicks] | length > 0 and all(. == null)' v1.json
total=$(awk -F'|' '{ s += $2 } END { printf "%.6f", s * 30 / 90 }' rows.txt)
rtotal=$(printf '%.0f' "$total")
check "value: site total = every query's clicks x 30 / 90 ($total)" \
	jq -e --argjson t "$total" '.search_console.clicks_per_month - $t | fabs < 1e-5' v1.json
check "value: 5 tracked Google queries matched" jq -e '.search_console.tracked_queries == 5' v1.json
check "value: period named" jq -e '.search_console.days == 90 and (.search_console.period_start | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))' v1.json
# 11 rows with >= 30 impressions at position <= 10 (rounded): calibrated
check "value: the site's own CTR curve is used" \
	jq -e '.ctr_curve.source == "search-console" and .ctr_curve.queries == 11 and .ctr_curve.why_default == null' v1.json
imp=$(awk -F'|' '$3 >= 30 && $4 <= 10.5 { s += $3 } END { print s }' rows.txt)
check "value: curve built from $imp impressions" jq -e --argjson i "$imp" '.ctr_curve.impressions == $i' v1.json
check "value: the site clicks about twice the default, and the curve says so" \
	jq -e '.ctr_curve.scale > 1.5 and .ctr_curve.ctr_1_to_10[0] > 0.285' v1.json
check "value: the curve never rises with position" \
	jq -e '[.ctr_curve.ctr_1_to_10 as $c | range(1; 10) | $c[.] <= $c[. - 1]] | all' v1.json
check "value: Google rows use the site's curve at their position" \
	jq -e '.ctr_curve.ctr_1_to_10 as $c | [.by_keyword[] | select(.engine == "google" and .position != null and .position <= 10) | (.ctr - $c[.position - 1] | fabs) < 1e-12] | length > 0 and all' v1.json
# the default curve of include/ctr.h, positions 1-10
check "value: Bing rows keep the default curve" \
	jq -e '[0.285, 0.157, 0.110, 0.080, 0.072, 0.051, 0.040, 0.032, 0.028, 0.025] as $d | [.by_keyword[] | select(.engine == "bing" and .position != null and .position <= 10) | .ctr == $d[.position - 1]] | length > 0 and all' v1.json
$S value --site $SITE >v1.txt 2>&1
check "value table: actual clicks line" grep -q "^actual clicks/month (Search Console, .* 90 days): $rtotal on all 12 queries" v1.txt
check "value table: says which curve" grep -q "^CTR curve: the site's own, from 11 Search Console queries" v1.txt
check "value table: an actual column" grep -q "actual" v1.txt
check "value --format csv: gsc_clicks column" sh -c "$S value --site $SITE --format csv | head -n 1 | grep -q gsc_clicks"

# --- volumes from page-one impressions ---------------------------------------
check "volume: a Keyword Planner/CSV volume is kept" \
	test "$(sqlite3 serptrack.db "SELECT volume || ' ' || source FROM volume WHERE query = 'plumber austin' AND location = ''")" = "2900 csv"
check "volume: a new page-one query gets impressions x 30 / 90" \
	test "$(sqlite3 serptrack.db "SELECT volume || ' ' || source FROM volume WHERE query = 'austin plumbing company'")" = "67 search-console"
check "volume: a query off page one gets none" \
	test "$(sqlite3 serptrack.db "SELECT count(*) FROM volume WHERE query = 'sewer line repair austin'")" -eq 0
check "import-gsc: says how many volumes it kept" grep -q "kept their Keyword Planner or CSV volume" imp1.out

# --- re-import replaces -------------------------------------------------------
$S research import-gsc Queries.csv --site $SITE --days 90 >imp2.out 2>&1
check "re-import exits 0" test $? -eq 0
check "re-import: replaced, not added" test "$(sqlite3 serptrack.db "SELECT count(*) FROM gsc_query")" -eq 12
check "re-import: says it replaced" grep -q "replaced 12 rows" imp2.out
$S value --site $SITE --format json >v2.json 2>/dev/null
check "re-import: value unchanged" jq -e --slurpfile a v1.json '.search_console == $a[0].search_console' v2.json
# an explicit older, non-overlapping period is kept beside it; value reads the latest
$S research import-gsc Queries.csv --site $SITE --since 2025-01-01 --until 2025-01-30 >imp3.out 2>&1
check "an older period is kept beside the latest" test "$(sqlite3 serptrack.db "SELECT count(*) FROM gsc_query")" -eq 24
check "value reads the latest period" \
	sh -c "$S value --site $SITE --format json | jq -e '.search_console.days == 90'"

# --- below the threshold: the default curve, and why ------------------------------
printf 'Top queries,Clicks,Impressions,CTR,Position\nroofer dallas,9,300,3%%,4.2\nroof repair dallas,2,100,2%%,7.5\nroofing company dallas,0,25,0%%,9\n' >few.csv
$S research import-gsc few.csv --site dallasroofingexperts.com >/dev/null 2>&1
$S value --site dallasroofingexperts.com --format json >v3.json 2>/dev/null
check "below threshold: the default curve" \
	jq -e '.ctr_curve.source == "default" and .ctr_curve.ctr_1_to_10[0] == 0.285 and .ctr_curve.queries == 2' v3.json
check "below threshold: says why" jq -e '.ctr_curve.why_default | test("too few")' v3.json
check "below threshold: the table says so" \
	sh -c "$S value --site dallasroofingexperts.com | grep -q '^CTR curve: the default .*2 of the 10 needed'"
check "without an import: the default curve and no search_console" \
	sh -c "$S site add houstonelectricianco.com --niche electrician >/dev/null 2>&1; $S value --site houstonelectricianco.com --format json | jq -e '.search_console == null and .ctr_curve.source == \"default\"'"

# --- localised exports ------------------------------------------------------------
printf '\357\273\277Häufigste Suchanfragen;Klicks;Impressionen;Klickrate;Position\nrohrreinigung austin;1.234;45.678;2,7 %%;3,2\nnotdienst;12;1 500;0,8 %%;12,5\n' >de.csv
$S research import-gsc de.csv --site houstonelectricianco.com >de.out 2>&1
check "German export (semicolons, 1.234, 2,7 %, 3,2) imports" grep -q "1246 clicks, 47178 impressions" de.out
check "  positions read with a decimal comma" \
	test "$(sqlite3 serptrack.db "SELECT position FROM gsc_query WHERE query = 'rohrreinigung austin'")" = "3.2"
printf '\357\273\277上位のクエリ,クリック数,表示回数,CTR,掲載順位\nplumber tokyo,5,50,10%%,2.5\n' >ja.csv
check "Japanese export imports" sh -c "$S research import-gsc ja.csv --site houstonelectricianco.com | grep -q 'imported 1 Search Console query'"

# --- refused, with nothing imported -------------------------------------------------
before=$(sqlite3 serptrack.db "SELECT count(*) FROM gsc_query")
printf 'Top pages,Clicks,Impressions,CTR,Position\nhttps://austin-plumbing-pros.com/,10,100,10%%,3\n' >Pages.csv
$S research import-gsc Pages.csv --site $SITE >pg.out 2>&1
check "Pages.csv is refused" test $? -eq 1
check "  naming the tab" grep -q "Pages.csv':1: this is the Pages tab" pg.out
printf 'Top queries,Clicks,Impressions,CTR,Position\nfine,1,10,10%%,3\nbad,20,10,200%%,3\nworse,1,10,10%%,zero\n' >bad.csv
$S research import-gsc bad.csv --site $SITE >bad.out 2>&1
check "a bad row fails the import" test $? -eq 1
check "  naming file:line" grep -q "bad.csv':3: 20 clicks but only 10 impressions" bad.out
check "  and the next bad row too" grep -q "bad.csv':4: position 'zero'" bad.out
printf 'Top queries,Clicks,Impressions,CTR,Position\nq,1,10,10%%,3\n' | iconv -f UTF-8 -t UTF-16LE >u16.csv
$S research import-gsc u16.csv --site $SITE >u16.out 2>&1
check "UTF-16 without BOM is refused" test $? -eq 1
check "  saying it is not UTF-8" grep -q "not UTF-8 text" u16.out
check "nothing was imported by the refused files" \
	test "$(sqlite3 serptrack.db "SELECT count(*) FROM gsc_query")" -eq "$before"
check "an unknown site is an error" sh -c "$S research import-gsc Queries.csv --site nosuch.com; test \$? -eq 1"
check "--days with --since is a usage error" \
	sh -c "$S research import-gsc Queries.csv --site $SITE --days 30 --since 2026-01-01 --until 2026-01-31; test \$? -eq 2"
check "--until before --since is a usage error" \
	sh -c "$S research import-gsc Queries.csv --site $SITE --since 2026-02-01 --until 2026-01-01; test \$? -eq 2"

# --- the client report -----------------------------------------------------------
$S report --site $SITE --out rep.html >/dev/null 2>&1
check "report: actual Search Console clicks beside the estimate" \
	grep -q "Actual monthly clicks (Search Console)" rep.html
