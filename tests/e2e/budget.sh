#!/bin/sh
# budget.sh - [budget] caps (issue 18 #4): with requests_per_day.direct = 7
# and pages of one request, a run makes exactly 7 requests, the 8th keyword
# is not stored (it stays due), the run says why and one `budget` alert is
# raised; a second run the same day fetches nothing and raises no second
# alert; the next day fetches again.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
served() { curl -s "http://127.0.0.1:$PORT/_sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["by_engine"]["google"])'; }
cd "$T" || exit 1
cat >serptrack.conf <<CONF
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
[run]
retry_rounds = 0
[budget]
requests_per_day = 100
requests_per_day.direct = 7
CONF
chmod 600 serptrack.conf
{
	"$SERPTRACK" init && "$SERPTRACK" site add austin-plumbing-pros.com &&
		for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
			"$SERPTRACK" kw add "plumber $k austin" --site austin-plumbing-pros.com --depth 10 \
				--location "Austin,Texas,United States" || exit 1
		done
} >/dev/null 2>&1
run() { # run DAY: one run that day, its stderr in run.err; prints the requests it made
	s0=$(served)
	SERPTRACK_NOW=2026-11-${1}T06:00:00Z "$SERPTRACK" run >/dev/null 2>run.err
	echo $(($(served) - s0))
}
checks() { sqlite3 serptrack.db "select count(*) from \"check\" where checked_at >= $(date -u -d "2026-11-$1" +%s)"; }
alerts() { sqlite3 serptrack.db "select count(*) from alert where rule = 'budget'"; }
r=$(run 02)
check "cap 7: exactly 7 requests at the simulator ($r)" test "$r" -eq 7
check "7 checks stored, the 8th keyword not ($(checks 02))" test "$(checks 02)" -eq 7
check "the run says why" grep -q "^budget: direct reached 7 requests today (cap 7); 5 keywords left for tomorrow" run.err
check "one budget alert ($(alerts))" test "$(alerts)" -eq 1
check "the alert names the cap" sh -c "sqlite3 serptrack.db \"select message from alert where rule = 'budget'\" | grep -q 'direct reached 7 requests today (cap 7)'"
r=$(run 02)
check "a second run the same day fetches nothing ($r)" test "$r" -eq 0
check "and stores nothing ($(checks 02))" test "$(checks 02)" -eq 7
check "and says so again" grep -q "^budget: direct reached 7 requests today (cap 7); 5 keywords left" run.err
check "but raises no second alert ($(alerts))" test "$(alerts)" -eq 1
r=$(run 03)
check "the next day fetches again, up to the cap ($r)" test "$r" -eq 7
check "the next day's cap raises its own alert ($(alerts))" test "$(alerts)" -eq 2
ledger=$(SERPTRACK_NOW=2026-11-03T12:00:00Z "$SERPTRACK" usage --since 2000-01-01 --format csv 2>/dev/null |
	awk -F, '$1 == "direct" { s += $3 } END { print s + 0 }')
check "usage agrees: 14 requests ($ledger)" test "$ledger" -eq 14
# cap 0: nothing may be fetched
sed -i 's/requests_per_day.direct = 7/requests_per_day.direct = 0/' serptrack.conf
r=$(run 04)
check "cap 0 fetches nothing ($r)" test "$r" -eq 0 -a "$(checks 04)" -eq 0

# a site's cap: two sites on the same 3 keywords share each fetch; yelp.com
# may spend 2 requests a day, so its third keyword is not stored while the
# other site's is (one fetch each still)
mkdir "$T/site" && cd "$T/site" || exit 1
cat >serptrack.conf <<CONF
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
[run]
retry_rounds = 0
[budget]
site_requests_per_day = 10
site_requests_per_day.yelp.com = 2
CONF
chmod 600 serptrack.conf
{
	"$SERPTRACK" init && for s in austin-plumbing-pros.com yelp.com; do
		"$SERPTRACK" site add $s || exit 1
		for k in 1 2 3; do
			"$SERPTRACK" kw add "plumber $k austin" --site $s --depth 10 \
				--location "Austin,Texas,United States" || exit 1
		done
	done
} >/dev/null 2>&1
r=$(run 02)
per_site() { sqlite3 serptrack.db "select count(*) from \"check\" c join keyword k on k.id = c.keyword_id join site s on s.id = k.site_id where s.domain = '$1'"; }
check "site cap: the shared fetches are made (3 requests: $r)" test "$r" -eq 3
check "the capped site got 2 checks ($(per_site yelp.com)), the other 3 ($(per_site austin-plumbing-pros.com))" \
	test "$(per_site yelp.com)" -eq 2 -a "$(per_site austin-plumbing-pros.com)" -eq 3
check "the run names the site" grep -q "^budget: site yelp.com reached 2 requests today (cap 2); 1 keyword left" run.err
check "one alert for it ($(alerts))" test "$(alerts)" -eq 1

# money: $1 a request (cost_per_1000 = 1000), usd_per_day.direct = 3.5
mkdir "$T/usd" && cd "$T/usd" || exit 1
cat >serptrack.conf <<CONF
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
cost_per_1000 = 1000
[run]
retry_rounds = 0
[budget]
usd_per_day.direct = 3.5
CONF
chmod 600 serptrack.conf
{
	"$SERPTRACK" init && "$SERPTRACK" site add austin-plumbing-pros.com &&
		for k in 1 2 3 4 5; do
			"$SERPTRACK" kw add "plumber $k austin" --site austin-plumbing-pros.com --depth 10 \
				--location "Austin,Texas,United States" || exit 1
		done
} >/dev/null 2>&1
r=$(run 02)
check "money cap \$3.5 at \$1 a request: 3 requests ($r)" test "$r" -eq 3
check "the run says so" grep -q '^budget: direct reached \$3 today (cap \$3.5); 2 keywords left' run.err
