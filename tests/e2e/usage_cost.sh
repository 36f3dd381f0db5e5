#!/bin/sh
# usage_cost.sh - `usage` prices each provider x engine on its own: a Google
# price never charges Bing requests, per-engine overrides in
# [provider.NAME], and no price is shown as unknown ("-", empty, null) with a
# note, never as a cost of 0.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
conf() { # conf [extra ini lines]
	cat >"$T/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
cost_per_1000 = 15
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
min_delay_ms = 0
$1
CONF
	chmod 600 "$T/serptrack.conf"
}
conf ""
cd "$T" || exit 1
S="$SERPTRACK"
$S init >/dev/null 2>&1
$S site add austin-plumbing-pros.com >/dev/null 2>&1
for e in google bing; do
	$S kw add "plumber austin" --engine $e --site austin-plumbing-pros.com \
		--location "Austin,Texas,United States" >/dev/null 2>&1
done
$S track >/dev/null 2>&1
q() { sqlite3 serptrack.db "$1"; }
g=$(q "select sum(requests) from usage where engine = 'google'")
b=$(q "select sum(requests) from usage where engine = 'bing'")
check "both engines made requests ($g google, $b bing)" test "${g:-0}" -gt 0 -a "${b:-0}" -gt 0
$S usage --since 2000-01-01 --format csv >u.raw 2>u.err
check "usage exits 0" test $? -eq 0
tr -d '\r' <u.raw >u.csv
check "one line per provider x engine" test "$(grep -c '^direct,' u.csv)" -eq 2
cost=$(awk "BEGIN { printf \"%.4f\", $g * 15 / 1000 }")
check "direct google charged its own $g requests only ($cost)" grep -q "^direct,google,$g,0,$cost\$" u.csv
check "direct bing has no price: empty cost, not 0" grep -q "^direct,bing,$b,0,\$" u.csv
$S usage --since 2000-01-01 --format json >u.json 2>/dev/null
check "JSON: bing cost null, google cost set" jq -e '([.[] | select(.engine == "bing")][0].cost_usd == null) and ([.[] | select(.engine == "google")][0].cost_usd > 0)' u.json
$S usage --since 2000-01-01 >u.txt 2>/dev/null
check "table: '-' for the unpriced line" sh -c "grep '^direct  *bing' u.txt | grep -q ' -\$'"
check "table: a note names the unpriced pair" grep -q "no price configured for direct/bing" u.txt
check "table: the total says requests were not priced" grep -q "not counting $b requests without a price" u.txt

conf "[provider.direct]
cost_per_1000 = 2
cost_per_1000.bing = 1"
$S usage --since 2000-01-01 --format csv 2>/dev/null | tr -d "\r" >u2.csv
gc=$(awk "BEGIN { printf \"%.4f\", $g * 2 / 1000 }")
bc=$(awk "BEGIN { printf \"%.4f\", $b * 1 / 1000 }")
check "[provider.direct] cost_per_1000 prices google ($gc)" grep -q "^direct,google,$g,0,$gc\$" u2.csv
check "cost_per_1000.bing overrides it for bing ($bc)" grep -q "^direct,bing,$b,0,$bc\$" u2.csv
$S usage --since 2000-01-01 >u2.txt 2>/dev/null
check "every pair priced: no note" sh -c "! grep -q 'no price' u2.txt"

# Google moved to an API: [engine.google]'s price is now the API's, not
# that of the direct requests made before
conf "[engine.google]
provider = serp-api"
$S usage --since 2000-01-01 --format csv 2>/dev/null | tr -d "\r" >u3.csv
check "an engine's price does not charge requests sent through another provider" \
	grep -q "^direct,google,$g,0,\$" u3.csv
