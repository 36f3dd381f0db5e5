#!/bin/sh
# alerts_view.sh - `alerts` reads well: the message is never cut in the
# table, and --site, --kind (checked against the rule names) and --since
# filter what `run` raised.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
cat >"$T/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
timeout_ms = 3000
[run]
retry_delay_ms = 20
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
min_delay_ms = 0
[alerts]
drop = 1
CONF
chmod 600 "$T/serptrack.conf"
cd "$T" || exit 1
S="$SERPTRACK"
$S init >/dev/null 2>&1
$S site add austin-plumbing-pros.com >/dev/null 2>&1
$S site add dallasroofingexperts.com >/dev/null 2>&1
for e in google bing; do
	for kw in "plumber austin" "water heater austin" "emergency plumber austin" "drain cleaning austin"; do
		$S kw add "$kw" --site austin-plumbing-pros.com --engine $e \
			--location "Austin,Texas,United States" >/dev/null 2>&1
	done
	for kw in "roofer dallas" "roof repair dallas" "roofing contractor dallas"; do
		$S kw add "$kw" --site dallasroofingexperts.com --engine $e \
			--location "Dallas,Texas,United States" >/dev/null 2>&1
	done
done
for d in 01 02 03 04; do
	curl -s "http://127.0.0.1:$PORT/_sim/day?date=2026-11-$d" >/dev/null
	SERPTRACK_NOW=2026-11-${d}T06:00:00Z $S run >/dev/null 2>>run.err
done
NOW=2026-11-04T07:00:00Z
al() { SERPTRACK_NOW=$NOW $S alerts "$@"; }
al --since 2026-11-01 --format json >all.json 2>/dev/null
total=$(jq length all.json)
check "run raised alerts ($total)" test "$total" -gt 0
sites=$(jq '[.[].site] | unique | length' all.json)
check "alerts for both sites ($sites)" test "$sites" -eq 2
# --- the message in full ------------------------------------------------------
al --since 2026-11-01 >all.txt 2>/dev/null
long=$(jq -r '[.[] | select(.message | length > 60)][0].message // empty' all.json)
check "some message is longer than 60 characters" test -n "$long"
check "the table prints it whole" grep -qF -- "$long" all.txt
check "nothing is cut with an ellipsis" sh -c "! grep -q '…' all.txt"
# --- --site -------------------------------------------------------------------
want=$(jq '[.[] | select(.site == "dallasroofingexperts.com")] | length' all.json)
al --since 2026-11-01 --site dallasroofingexperts.com --format json >site.json 2>/dev/null
check "--site keeps that site's $want alerts" jq -e --argjson w "$want" 'length == $w and $w > 0 and all(.site == "dallasroofingexperts.com")' site.json
al --site nosuch.com >/dev/null 2>site.err
check "--site of an unknown site fails" test $? -eq 1
check "  naming it" grep -q "nosuch.com" site.err
# --- --kind -------------------------------------------------------------------
kind=$(jq -r '.[0].rule' all.json)
want=$(jq --arg k "$kind" '[.[] | select(.rule == $k)] | length' all.json)
al --since 2026-11-01 --kind "$kind" --format json >kind.json 2>/dev/null
check "--kind $kind keeps its $want alerts" jq -e --argjson w "$want" --arg k "$kind" 'length == $w and all(.rule == $k)' kind.json
al --since 2026-11-01 --kind drop --site austin-plumbing-pros.com --format csv >both.csv 2>/dev/null
check "--kind and --site combine" sh -c "sed 1d both.csv | awk -F, '\$3 != \"austin-plumbing-pros.com\" || \$4 != \"drop\" { bad = 1 } END { exit bad }'"
al --kind dropped >/dev/null 2>kind.err
check "an unknown --kind is a usage error" test $? -eq 2
check "  listing the kinds" grep -q "drop, entered_top3, left_top3, entered_top10, left_top10, lost_local, entered_local, moved_local, blocked" kind.err
# --- --since --------------------------------------------------------------------
n4=$(jq '[.[] | select(.raised_at >= "2026-11-04")] | length' all.json)
al --since 2026-11-04 --format json >since.json 2>/dev/null
check "--since 2026-11-04 keeps that day's $n4 alerts" jq -e --argjson w "$n4" 'length == $w' since.json
