#!/bin/sh
# packmatch.sh - the local pack is matched by website, else business name,
# else phone (issue 13 #8), against a simulator whose pack entries have no
# website (--local-no-website): a site is found in the pack by its
# normalised business name or by its phone in another format, a different
# business is not, lost_local agrees with the stored pack position, and the
# parsers read the phone from Google's and Bing's markup and SerpApi JSON.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim --local-no-website
cd "$T" || exit 1
conf() { # conf DIR [google provider lines]
	cat >"$1/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
timeout_ms = 3000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
provider = serp-api
base_url = http://127.0.0.1:$PORT/serp-api
api_key = k
CONF
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 "$1/serptrack.db" "$2"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
local_of() { # local_of DIR DOMAIN ENGINE: the stored pack position
	q "$1" "select r.local from rank r join site s on s.id = r.site_id join keyword k on k.id = r.keyword_id where s.domain = '$2' and k.engine = '$3'"
}

# --- what the pack holds today (a first database) -------------------------
mkdir a
conf a
st a init >/dev/null 2>&1
st a site add example.com >/dev/null 2>&1
st a kw add "plumber austin" --site example.com --depth 10 >/dev/null 2>&1
st a kw add "plumber austin" --site example.com --depth 10 --engine bing >/dev/null 2>&1
st a track >/dev/null 2>&1
st a serp --keyword 1 --format json >pack1.json 2>/dev/null
st a serp --keyword 2 --format json >pack2.json 2>/dev/null
field() { # field FILE POS KEY
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["local_pack"][int(sys.argv[2]) - 1][sys.argv[3]] or "")' "$@" 2>/dev/null
}
name2=$(field pack1.json 2 name)
phone3=$(field pack1.json 3 phone)
check "google: a 3-entry pack without websites" \
	test -n "$name2" -a -z "$(field pack1.json 1 website)" -a -z "$(field pack1.json 3 website)"
check "google: the phone of each entry is read and stored" \
	test -n "$(field pack1.json 1 phone)" -a -n "$(field pack1.json 2 phone)" -a -n "$phone3"
check "serp-api JSON: the phone is read" test -n "$(field pack2.json 1 phone)"
curl -s "http://127.0.0.1:$PORT/bing/search?q=plumber+austin" >bing.html
"$SERPTRACK" parse --engine bing --format json bing.html >bing.json 2>/dev/null
check "bing HTML: the phone is read (tel: link)" test -n "$(field bing.json 1 phone)"

# --- matching (a second database, sites configured before the check) -----
# the name shouted, with punctuation and a company suffix
shout=$(printf '%s' "$name2" | tr 'a-z' 'A-Z' | sed 's/ /  -  /; s/$/, L.L.C./')
# the phone in another format, with the country code
digits=$(printf '%s' "$phone3" | tr -cd '0-9')
other="+1 $(echo "$digits" | cut -c1-3).$(echo "$digits" | cut -c4-6).$(echo "$digits" | cut -c7-10)"
mkdir b
conf b
st b init >/dev/null 2>&1
st b site add byname.example --business-name "$shout" >/dev/null 2>&1
check "site add --business-name" test "$(q b "select business_name from site where domain = 'byname.example'")" = "$shout"
st b site add byphone.example --competitor >/dev/null 2>&1
st b site set byphone.example --phone "$other" >/dev/null 2>&1
check "site set --phone" test "$(q b "select phone from site where domain = 'byphone.example'")" = "$other"
st b site add stranger.example --competitor >/dev/null 2>&1
st b site set stranger.example --business-name "Nobody Plumbing Co" --phone "(512) 555-0000" >/dev/null 2>&1
st b kw add "plumber austin" --site byname.example --depth 10 >/dev/null 2>&1
st b track >/dev/null 2>&1
check "matched by business name (case, punctuation, suffix): pack position 2" \
	test "$(local_of b byname.example google)" = 2
check "matched by phone (other format, +1): pack position 3" \
	test "$(local_of b byphone.example google)" = 3
check "a different business is not matched" test "$(local_of b stranger.example google)" = 0
st b rank --format json >rank.json 2>/dev/null
check "rank shows the site in the pack" \
	python3 -c 'import json,sys; r=json.load(open("rank.json")); sys.exit(0 if any(x.get("site") == "byname.example" and (x.get("in_local_pack") or x.get("local")) for x in r) else 1)'
st b site set byname.example --business-name "" >/dev/null 2>&1
check "--business-name \"\" clears it" test -z "$(q b "select ifnull(business_name, '') from site where domain = 'byname.example'")"

# --- lost_local follows the stored pack position ---------------------------
# byname.example was in the pack (by name) at the first check; the next
# check, a day later, no longer finds it: one lost_local alert.
st b site set byname.example --business-name "$shout" >/dev/null 2>&1
q b 'update "check" set checked_at = checked_at - 86400; update rank set checked_at = checked_at - 86400'
st b site set byname.example --business-name "Somebody Else" >/dev/null 2>&1
st b run >/dev/null 2>&1
check "lost_local raised when the name no longer matches" \
	test "$(q b "select count(*) from alert where rule = 'lost_local'")" -eq 1
