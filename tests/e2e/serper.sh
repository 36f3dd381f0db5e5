#!/bin/sh
# serper.sh - the serper provider (POST /search and /maps, X-API-KEY)
# against the simulator: the same keywords tracked direct and through
# Serper on the same simulated day give identical organic and local pack
# positions (depth 30: pages 2 and 3 are asked); a geo-grid scanned through
# Serper's /maps gives the pack positions SerpApi's google_maps gives at
# the same points; each refusal (bad key, no credits, rate limit, a
# captcha, a server error) is stored with the right status and reason; the
# key appears in no output, message or database.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
KEY=sk_SERPER_PLANTED_7c21d9e04b
SITE=austin-plumbing-pros.com
q() { sqlite3 "$1/serptrack.db" "$2"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
json() { # json FILE EXPR: python over the JSON in FILE as j
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"
}
conf() { # conf DIR PROVIDER [KEY]: Google through PROVIDER on the simulator
	{
		printf '[crawl]\nretry_base_ms = 5\nretry_max_ms = 20\nblock_cooldown_ms = 5\ntimeout_ms = 3000\n'
		printf '[engine.google]\nmin_delay_ms = 0\n'
		case $2 in
		direct) printf 'base_url = http://127.0.0.1:%s/google\n' "$PORT" ;;
		serper) printf 'provider = serper\napi_key = %s\nbase_url = http://127.0.0.1:%s/serper\n' "$3" "$PORT" ;;
		serpapi) printf 'provider = serp-api\napi_key = k\nbase_url = http://127.0.0.1:%s/serp-api\n' "$PORT" ;;
		esac
	} >"$1/serptrack.conf"
	chmod 600 "$1/serptrack.conf"
}
setup_db() { # setup_db DIR: a site, a competitor, keywords with and without a city
	st "$1" init >/dev/null 2>&1
	st "$1" site add "$SITE" --business-name "Austin Plumbing Pros" >/dev/null 2>&1
	for kw in "plumber austin" "water heater repair austin"; do
		st "$1" kw add "$kw" --site "$SITE" --depth 30 \
			--location "Austin,Texas,United States" >/dev/null 2>&1
	done
	st "$1" kw add "emergency plumber" --site "$SITE" --depth 30 >/dev/null 2>&1
}
# every rank row of a database (local: the row is the pack's), in a comparable order
ranks() {
	q "$1" "select k.query, ifnull(l.name, ''), r.local, ifnull(r.position, 'none')
		from rank r join keyword k on k.id = r.keyword_id left join location l on l.id = r.location_id
		order by 1, 2, 3"
}
# --- identical ranks: direct and serper on the same day ----------------------
for d in direct serper; do
	mkdir "$T/$d"
	conf "$T/$d" "$d" "$KEY"
	setup_db "$T/$d"
	st "$T/$d" --verbose track >"$T/$d/out" 2>"$T/$d/err"
done
check "track through serper: 3 checks ok" test "$(q "$T/serper" 'select count(*) from "check" where status = 0 and provider = '"'serper'")" -eq 3
check "serper asks one request per page of 10 (depth 30: 3 each)" \
	test "$(q "$T/serper" "select sum(requests) from \"check\" where provider = 'serper'")" -eq 9
check "the simulator counted 9 serper requests" \
	sh -c "curl -s http://127.0.0.1:$PORT/_sim/stats | grep -q '\"serper\":9'"
ranks "$T/direct" >"$T/direct/ranks"
ranks "$T/serper" >"$T/serper/ranks"
check "direct has a ranked row" grep -q '|[0-9][0-9]*$' "$T/direct/ranks"
check "serper gives identical organic and pack positions to direct" cmp "$T/direct/ranks" "$T/serper/ranks"
for d in direct serper; do
	for k in 1 2 3; do
		st "$T/$d" serp --keyword $k --format json >"$T/$d/serp$k.json" 2>/dev/null
	done
done
python3 - "$T/direct" "$T/serper" >"$T/cmp.txt" 2>&1 <<'PY'
import json, sys
def page(d, k):
    j = json.load(open("%s/serp%d.json" % (d, k)))
    org = [(o["position"], o["url"]) for o in j["organic"]]
    pack = [(p["position"], p["name"], p["rating"], p["reviews"], p["website"], p["phone"])
            for p in j["local_pack"]]
    return j["status"], j["depth"], org, pack
a = [page(sys.argv[1], k) for k in (1, 2, 3)]
b = [page(sys.argv[2], k) for k in (1, 2, 3)]
deep = all(len(x[2]) > 20 for x in a) and any(x[3] for x in a)
print("same" if a == b and deep else "differ\n%r\n%r" % (a, b))
PY
check "every organic URL (30 deep) and pack entry is the same" grep -qx same "$T/cmp.txt"

# --- a geo-grid through /maps: the pack positions SerpApi's Maps gives ---------
for d in grid-serper grid-serpapi; do
	mkdir "$T/$d"
	conf "$T/$d" "${d#grid-}" "$KEY"
	st "$T/$d" init >/dev/null 2>&1
	st "$T/$d" site add "$SITE" --business-name "Austin Plumbing Pros" >/dev/null 2>&1
	st "$T/$d" grid add "plumber austin" --site "$SITE" --center 30.2672,-97.7431 --size 3 \
		--spacing 3km >/dev/null 2>&1
	st "$T/$d" grid scan 1 >"$T/$d/scan" 2>&1
	st "$T/$d" grid show 1 --format json >"$T/$d/show.json" 2>/dev/null
done
check "a serper grid scan checks 9 points" grep -q '9 points: 9 ok' "$T/grid-serper/scan"
json "$T/grid-serper/show.json" 'sorted((p["row"], p["col"], p["local_position"]) for p in j["points"])' \
	>"$T/grid-serper/pts" 2>&1
json "$T/grid-serpapi/show.json" 'sorted((p["row"], p["col"], p["local_position"]) for p in j["points"])' \
	>"$T/grid-serpapi/pts" 2>&1
check "serper's /maps gives the same pack positions as serp-api at every point" \
	sh -c "grep -q ', [0-9][0-9]*)' '$T/grid-serper/pts' && cmp '$T/grid-serper/pts' '$T/grid-serpapi/pts'"

# --- refusals: each becomes the right status and reason ----------------------
refusal() { # refusal NAME KEY: one keyword tracked through serper with KEY
	mkdir "$T/$1"
	conf "$T/$1" serper "$2"
	st "$T/$1" init >/dev/null 2>&1
	st "$T/$1" site add "$SITE" >/dev/null 2>&1
	st "$T/$1" kw add "plumber austin" --site "$SITE" >/dev/null 2>&1
	st "$T/$1" --verbose track >"$T/$1/out" 2>"$T/$1/err"
}
has() { # has NAME PATTERN: the check row of NAME matches PATTERN (grep -E)
	q "$T/$1" 'select status, reason from "check"' | grep -Eq "$2"
}
refusal badkey bad
check "a bad key is an error naming Serper's answer" has badkey '^2\|serper: bad_key: Unauthorized'
refusal nocredits nocredits
check "no credits is an error naming the credits" has nocredits '^2\|serper: no_credits: Not enough credits'
refusal ratelimit ratelimit
check "a rate limit is blocked, not an error or not ranked" has ratelimit '^1\|serper: rate_limited: Too many requests'
check "no rank rows from refused requests" \
	test "$(q "$T/badkey" 'select count(*) from rank') $(q "$T/nocredits" 'select count(*) from rank')" = "0 0"
start_sim --fault captcha:1
refusal captcha "$KEY"
check "Google's captcha behind Serper is blocked" has captcha '^1\|serper: .*CAPTCHA'
start_sim --fault 500:1
refusal err500 "$KEY"
check "a server error is an error" has err500 '^2\|serper: '
start_sim

# --- the key appears nowhere but the config --------------------------------------
for d in serper grid-serper badkey nocredits ratelimit captcha err500; do
	st "$T/$d" rank --format json >>"$T/$d/out" 2>>"$T/$d/err"
	st "$T/$d" doctor >>"$T/$d/out" 2>>"$T/$d/err"
	sqlite3 "$T/$d/serptrack.db" .dump >"$T/$d/dump.sql"
done
check "the API key is in no output, message or database" \
	sh -c "! cat '$T'/*/out '$T'/*/err '$T'/*/dump.sql '$T'/grid-serper/scan | grep -q '$KEY'"
