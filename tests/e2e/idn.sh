#!/bin/sh
# idn.sh - internationalised domains in one form (issue 12 #7): `site add
# BÜCHER.DE` stores xn--bcher-kva.de and prints both spellings, every
# spelling is the same site, and results at either spelling rank for it;
# a backslash URL (issue 12 #16) above them never counts as the site's.
set -u
. "$(dirname "$0")/../lib.sh"
unset SERPTRACK_DB SERPTRACK_NOW
python3 "$(dirname "$0")/answers_http.py" >"$T/http.out" 2>/dev/null &
HTTP_PID=$!
trap 'kill $HTTP_PID 2>/dev/null; e2e_cleanup' EXIT
HP=
for _ in $(seq 1 50); do
	HP=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/http.out" 2>/dev/null)
	[ -n "$HP" ] && break
	sleep 0.1
done
[ -n "$HP" ] || { echo "not ok - answers_http.py did not start"; exit 1; }
cat >"$T/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
max_attempts = 1
[engine.google]
provider = serp-api
base_url = http://127.0.0.1:$HP/idn
api_key = k
[engine.bing]
provider = serp-api
base_url = http://127.0.0.1:$HP/idnu
api_key = k
CONF
chmod 600 "$T/serptrack.conf"
q() { sqlite3 "$T/serptrack.db" "$1"; }
st() { (cd "$T" && "$SERPTRACK" "$@"); }
st init >/dev/null 2>&1
st site add 'BÜCHER.DE' >"$T/add.out" 2>&1
check "site add BÜCHER.DE exits 0" test $? -eq 0
check "it prints the stored A-label and the Unicode spelling" grep -q 'xn--bcher-kva\.de (bücher\.de)' "$T/add.out"
check "the site is stored as xn--bcher-kva.de" test "$(q 'select domain from site')" = xn--bcher-kva.de
st site add 'bücher.de' >/dev/null 2>&1
st site add 'https://www.xn--bcher-kva.de/' >/dev/null 2>&1
check "both spellings are one site" test "$(q 'select count(*) from site')" -eq 1
st kw add "buch kaufen" --site 'Bücher.de' >/dev/null 2>&1
check "kw add --site takes the Unicode spelling" test "$(q 'select count(*) from keyword')" -eq 1
st kw add "buch kaufen" --engine bing --site xn--bcher-kva.de >/dev/null 2>&1
st track >/dev/null 2>&1
check "a result at xn--bcher-kva.de ranks for the site added as BÜCHER.DE (#3)" \
	test "$(q "select r.position from rank r join keyword k on k.id = r.keyword_id where k.engine = 'google'")" = 3
check "a result at www.bücher.de ranks #5, not the backslash URL at #1" \
	test "$(q "select r.position from rank r join keyword k on k.id = r.keyword_id where k.engine = 'bing'")" = 5
check "the backslash URL is stored without a domain" \
	test "$(q "select count(*) || '|' || max(s.s) from url u join str s on s.id = u.domain_id where u.url like 'https://evil.io%'")" = "1|"
