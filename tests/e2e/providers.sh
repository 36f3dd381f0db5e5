#!/bin/sh
# providers.sh - the fetch-api (HTML through a scraping API) and serp-api
# (SerpApi-style JSON) providers against the simulator, their error answers
# (bad key, out of credits) stored as error with the provider's message, and
# API keys never in output, messages or the database.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
conf() { # conf DIR GOOGLE_KEY BING_KEY
	cat >"$1/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
block_cooldown_ms = 5
[engine.google]
provider = serp-api
base_url = http://127.0.0.1:$PORT/serp-api
api_key = $2
cost_per_1000 = 15
[engine.bing]
provider = fetch-api
url_template = http://127.0.0.1:$PORT/fetch-api?url={url}&api_key={api_key}
api_key = $3
cost_per_1000 = 2.5
CONF
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 "$1/serptrack.db" "$2"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
setup_db() {
	st "$1" init >/dev/null 2>&1
	st "$1" site add austin-plumbing-pros.com >/dev/null 2>&1
	for e in google bing; do
		for kw in "plumber austin" "water heater austin"; do
			st "$1" kw add "$kw" --engine $e --site austin-plumbing-pros.com \
				--location "Austin,Texas,United States" >/dev/null 2>&1
		done
	done
}
KEY1=sk_PLANTED_9f3a77c1e0
KEY2=fk_PLANTED_51bd02aa4e
mkdir "$T/a"
conf "$T/a" "$KEY1" "$KEY2"
setup_db "$T/a"
st "$T/a" --verbose track >"$T/a/out" 2>"$T/a/err"
check "track through both APIs exits 0" test $? -eq 0
check "serp-api checks ok with results" \
	test "$(q "$T/a" "select count(*) from \"check\" c join result r on r.check_id = c.id where c.provider = 'serp-api' and c.status = 0 and length(r.organic) > 0")" -eq 2
check "serp-api paginates to depth 30 (3 requests each)" \
	test "$(q "$T/a" "select sum(requests) from \"check\" where provider = 'serp-api'")" -eq 6
check "fetch-api checks ok with results" \
	test "$(q "$T/a" "select count(*) from \"check\" c join result r on r.check_id = c.id where c.provider = 'fetch-api' and c.status = 0 and length(r.organic) > 0")" -eq 2
st "$T/a" usage --format csv >"$T/a/usage.csv" 2>&1
check "usage prices serp-api at 15 per 1000 (6 requests)" grep -q '^serp-api,google,6,0,0.0900' "$T/a/usage.csv"
check "usage prices fetch-api" grep -q '^fetch-api,bing,6,0,0.0150' "$T/a/usage.csv"

mkdir "$T/b"
conf "$T/b" bad nocredits
setup_db "$T/b"
st "$T/b" --verbose track >"$T/b/out" 2>"$T/b/err"
check "bad key / no credits: track still exits 0 (errors are data)" test $? -eq 0
check "bad key stored as error with the provider's message" \
	test "$(q "$T/b" "select count(*) from \"check\" where provider = 'serp-api' and status = 2 and reason like '%Invalid API key%'")" -eq 2
check "no credits stored as error, not as blocked or not ranked" \
	test "$(q "$T/b" "select count(*) from \"check\" where provider = 'fetch-api' and status = 2")" -eq 2
check "no rank rows from failed API calls" test "$(q "$T/b" 'select count(*) from rank')" -eq 0

# the planted keys appear nowhere but the config
for d in a b; do
	sqlite3 "$T/$d/serptrack.db" .dump >"$T/$d/dump.sql"
	st "$T/$d" rank --format json >>"$T/$d/out" 2>>"$T/$d/err"
	st "$T/$d" alerts >>"$T/$d/out" 2>>"$T/$d/err"
done
check "API keys never in output, messages or the database" \
	sh -c "! cat '$T'/a/out '$T'/a/err '$T'/a/dump.sql '$T'/b/out '$T'/b/err '$T'/b/dump.sql | grep -q -e '$KEY1' -e '$KEY2'"
# a key inside an error message is masked
mkdir "$T/c"
cat >"$T/c/serptrack.conf" <<CONF
[engine.google]
provider = serp-api
base_url = http://127.0.0.1:1/$KEY1
api_key = $KEY1
CONF
chmod 600 "$T/c/serptrack.conf"
setup_db "$T/c"
st "$T/c" --verbose track --keyword 1 >"$T/c/out" 2>"$T/c/err"
sqlite3 "$T/c/serptrack.db" .dump >"$T/c/dump.sql"
check "unreachable API: error stored" test "$(q "$T/c" 'select status from "check"')" -eq 2
check "unreachable API: key masked in messages and reasons" \
	sh -c "! grep -q '$KEY1' '$T/c/out' '$T/c/err' '$T/c/dump.sql'"
