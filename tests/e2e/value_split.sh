#!/bin/sh
# value_split.sh - `value` counts a query's volume once: split between the
# devices tracked ([value] mobile_share), given once to the best-ranked of
# two spellings of one location, and a bad mobile_share is a config error.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
start_sim
conf() { # conf [extra ini lines]
	cat >"$T/serptrack.conf" <<CONF
[research]
data_dir = $top/keywords
[crawl]
retry_base_ms = 5
retry_max_ms = 20
timeout_ms = 3000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
$1
CONF
	chmod 600 "$T/serptrack.conf"
}
conf ""
cd "$T" || exit 1
S="$SERPTRACK"
D=austin-plumbing-pros.com
$S init >/dev/null 2>&1
$S site add $D --niche plumbing >/dev/null 2>&1
L="Austin,Texas,United States"
$S kw add "plumber austin" --site $D --location "$L" >/dev/null 2>&1
$S kw add "plumber austin" --site $D --location "$L" --device mobile >/dev/null 2>&1
# the same city spelled another way: kw add maps "Austin, TX" to the
# canonical name (already tracked), so the second spelling is one added
# unchecked, as a keyword stored before locations were resolved would be
$S kw add "plumber austin" --site $D --location "Austin, TX" --location-unchecked >/dev/null 2>&1
$S kw add "plumber dallas" --site $D --location "Dallas,Texas,United States" >/dev/null 2>&1
printf 'keyword,volume\nplumber austin,2900\nplumber dallas,3600\n' >v.csv
$S research import-volume v.csv >/dev/null 2>&1
$S track --all >/dev/null 2>&1
check "four keywords tracked" test "$($S kw list --format json 2>/dev/null | jq length)" -eq 4
$S value --site $D --format json >val.json 2>val.err
check "value exits 0 ($(head -n 1 val.err))" test $? -eq 0
# per row: visits = volume x device share x (ctr + pack ctr), the shares of one query x location sum to 1
check "desktop row counts 40 % of 2,900" jq -e '[.by_keyword[] | select(.query == "plumber austin" and .device == "desktop" and .counted_on == null)] | length == 1 and (.[0] | .device_share == 0.4 and ((.visits - 2900 * 0.4 * (.ctr + .pack_ctr)) | fabs) < 1e-6)' val.json
check "mobile row counts 60 % of 2,900" jq -e '[.by_keyword[] | select(.query == "plumber austin" and .device == "mobile")] | length == 1 and (.[0] | ((.device_share - 0.6) | fabs) < 1e-9 and ((.visits - 2900 * 0.6 * (.ctr + .pack_ctr)) | fabs) < 1e-6 and .assumed_visits == 0)' val.json
check "the second spelling of Austin counts no volume, with a note" jq -e '[.by_keyword[] | select(.query == "plumber austin" and .counted_on != null)] | length == 1 and (.[0] | .visits == 0 and .device_share == 0 and (.note | test("counted")))' val.json
check "the duplicate points at a desktop row of the same query" jq -e '[.by_keyword[] | select(.counted_on != null) | .counted_on] as $c | [.by_keyword[] | select(.keyword_id == $c[0])][0] | .query == "plumber austin" and .device == "desktop"' val.json
check "plumber austin's visits are at most 2,900 x its best CTR (organic + pack)" jq -e '[.by_keyword[] | select(.query == "plumber austin")] | ((map(.visits) | add) <= 2900 * (map(.ctr + .pack_ctr) | max) + 1e-6)' val.json
check "desktop-only query: full volume, mobile's 60 % assumed" jq -e '.by_keyword[] | select(.query == "plumber dallas") | .device_share == 1 and ((.assumed_visits - .visits * 0.6) | fabs) < 1e-6 and (.note | test("mobile assumed same"))' val.json
check "totals add the rows" jq -e '((.visits - ([.by_keyword[].visits] | add)) | fabs) < 1e-6' val.json
$S value --site $D --format csv >val.csv 2>/dev/null
check "CSV has device, assumed visits and note" sh -c "head -n 1 val.csv | grep -q 'device,.*assumed_visits,.*note'"
$S value --site $D >val.txt 2>/dev/null
check "table says how the volume is split" grep -q "60% mobile / 40% desktop" val.txt
check "table explains the duplicate" grep -q "counted once, on the best-ranked row" val.txt

conf "[value]
mobile_share = 0.7"
$S value --site $D --format json >val7.json 2>/dev/null
check "mobile_share = 0.7 moves the split" jq -e '.mobile_share == 0.7 and ([.by_keyword[] | select(.query == "plumber austin" and .device == "mobile")][0] | ((.device_share - 0.7) | fabs) < 1e-9)' val7.json
conf "[value]
mobile_share = 1.5"
$S value --site $D >bad.out 2>bad.err
check "mobile_share = 1.5 is a config error" test $? -eq 1
check "  naming the key and the range" grep -q "mobile_share.*0 to 1" bad.err
