#!/bin/sh
# planmonth.sh - `plan` against what a simulated month then costs (issue
# 18): keywords on every schedule (daily, 12h, weekly), two sites sharing
# one of them, through serpapi at its default price and Bing direct with a
# configured one, run twice a day over the period; the usage ledger's
# requests and money over the period match plan's prediction within 5%.
# Under valgrind the period is a week (each run costs seconds there).
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
cd "$T" || exit 1
cat >serptrack.conf <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
[run]
retry_rounds = 0
[engine.google]
provider = serpapi
api_key = k
base_url = http://127.0.0.1:$PORT/serp-api
min_delay_ms = 0
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
min_delay_ms = 0
[provider.direct]
cost_per_1000.bing = 2
CONF
chmod 600 serptrack.conf
S() { "$SERPTRACK" "$@"; }
S init >/dev/null 2>&1
S site add austin-plumbing-pros.com >/dev/null 2>&1
S site add dallas-plumbing.com >/dev/null 2>&1
L="Austin,Texas,United States"
kw() { S kw add "$@" >/dev/null 2>&1; }
kw "plumber austin" --site austin-plumbing-pros.com --location "$L" --depth 30
kw "plumber austin" --site dallas-plumbing.com --location "$L" --depth 20 --schedule weekly
kw "emergency plumber austin" --site austin-plumbing-pros.com --location "$L" --depth 10 --schedule 12h
kw "water heater repair austin" --site austin-plumbing-pros.com --location "$L" --depth 20 --schedule weekly
kw "drain cleaning austin" --site austin-plumbing-pros.com --engine bing --depth 20
days=30
[ -n "${SERPTRACK_UNDER_VALGRIND:-}" ] && days=7
S plan --days "$days" --format json >plan.json 2>/dev/null
check "plan prints its JSON" jq -e '.requests_per_period > 0' plan.json
d=0
while [ "$d" -lt "$days" ]; do
	day=$(date -u -d "2026-11-01 +$d day" +%Y-%m-%d)
	curl -s "http://127.0.0.1:$PORT/_sim/day?date=$day" >/dev/null
	for h in 06 18; do
		SERPTRACK_NOW="${day}T$h:00:00Z" S run --no-alerts >/dev/null 2>&1
	done
	d=$((d + 1))
done
S usage --since 2026-11-01 --format json >u.json 2>/dev/null
req=$(jq '[.[].requests] | add' u.json)
usd=$(jq '[.[].cost_usd // 0] | add' u.json)
preq=$(jq '.requests_per_period' plan.json)
pusd=$(jq '.cost_per_period' plan.json)
within() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b > 0 && d <= 0.05 * b) }'; }
check "requests over $days days ($req) within 5% of plan's $preq" within "$req" "$preq"
check "money over $days days (\$$usd) within 5% of plan's \$$pusd" within "$usd" "$pusd"
check "the shared keyword was fetched once a run, not once per site" \
	test "$(sqlite3 serptrack.db "select count(*) from \"check\" c join keyword k on k.id = c.keyword_id where k.query = 'plumber austin' and c.requests > 0")" -le "$days"
