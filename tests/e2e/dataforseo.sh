#!/bin/sh
# dataforseo.sh - the dataforseo provider in live mode (queue = no) against
# the simulator: the same keywords tracked directly and through DataForSEO
# on the same simulated day give the same organic positions, local pack and
# ads; one request answers the whole depth; each refusal (bad login, no
# credit, rate limit, the engine failing the provider, an internal error)
# is stored with DataForSEO's code; the password appears nowhere; a
# geo-grid through the Maps endpoint matches SerpApi's Maps list; the
# simulated standard queue (batch limit, not-ready, polling, collection).
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
cd "$T" || exit 1
PW=pw_PLANTED_4c1e9b07d2
conf() { # conf DIR PROVIDER [LOGIN]
	{
		printf '[crawl]\nretry_base_ms = 5\nretry_max_ms = 20\ntimeout_ms = 3000\nblock_cooldown_ms = 5\n'
		if [ "$2" = direct ]; then
			printf '[engine.google]\nbase_url = http://127.0.0.1:%s/google\nmin_delay_ms = 0\n' "$PORT"
			printf '[engine.bing]\nbase_url = http://127.0.0.1:%s/bing\nmin_delay_ms = 0\n' "$PORT"
		else
			for e in google bing; do
				printf '[engine.%s]\nprovider = dataforseo\nqueue = no\n' "$e"
				printf 'base_url = http://127.0.0.1:%s/dataforseo\n' "$PORT"
				printf 'login = %s\npassword = %s\nmin_delay_ms = 0\n' "${3:-me}" "$PW"
			done
		fi
	} >"$1/serptrack.conf"
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 "$1/serptrack.db" "$2"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
setup_db() { # setup_db DIR PROVIDER [LOGIN]
	mkdir "$1"
	conf "$@"
	st "$1" init >/dev/null 2>&1
	st "$1" site add austin-plumbing-pros.com >/dev/null 2>&1
	st "$1" kw add "plumber austin" --site austin-plumbing-pros.com \
		--location "Austin,Texas,United States" >/dev/null 2>&1
	st "$1" kw add "water heater repair austin" --site austin-plumbing-pros.com \
		--location "Austin,Texas,United States" --depth 50 >/dev/null 2>&1
	st "$1" kw add "emergency plumber" --site austin-plumbing-pros.com >/dev/null 2>&1
	st "$1" kw add "plumber austin" --engine bing --site austin-plumbing-pros.com \
		--location "Austin,Texas,United States" >/dev/null 2>&1
}
# shape FILE: what a check's page holds, provider-independent
shape() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
org = [(o.get("position"), o.get("url")) for o in d.get("organic") or []]
pack = [(l.get("name"), l.get("website"), l.get("phone")) for l in d.get("local_pack") or []]
ads = [(a.get("block"), a.get("url")) for a in d.get("ads") or []]
print(json.dumps([org, pack, ads]))' "$1" 2>/dev/null
}

curl -s "http://127.0.0.1:$PORT/_sim/day?date=2026-06-01" >/dev/null
setup_db direct direct
setup_db dfs dataforseo
st direct track >direct/out 2>direct/err
st dfs --verbose track >dfs/out 2>dfs/err
check "track through dataforseo exits 0" test $? -eq 0
check "dataforseo: 4 checks ok" \
	test "$(q dfs "select count(*) from \"check\" where provider = 'dataforseo' and status = 0")" -eq 4
check "one request per keyword answers the whole depth" \
	test "$(q dfs "select sum(requests) from \"check\" where provider = 'dataforseo'")" -eq 4
check "the simulator saw 4 live requests" \
	sh -c "curl -s http://127.0.0.1:$PORT/_sim/stats | grep -q '\"live\":4,'"
for k in 1 2 3 4; do
	st direct serp --keyword $k --format json >direct/serp$k.json 2>/dev/null
	st dfs serp --keyword $k --format json >dfs/serp$k.json 2>/dev/null
	a=$(shape direct/serp$k.json)
	b=$(shape dfs/serp$k.json)
	check "keyword $k: organic, local pack and ads identical to direct" \
		test -n "$a" -a "$a" = "$b" -a "$a" != '[[], [], []]'
done
check "the depth-50 keyword has 50 organic results" \
	test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["organic"]))' dfs/serp2.json)" = 50
check "a local pack came through" \
	test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["local_pack"] or []))' dfs/serp1.json)" -gt 0
check "ads came through" \
	test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["ads"] or []))' dfs/serp1.json)" -gt 0
check "stored ranks identical to direct" \
	test "$(q direct 'select keyword_id, position, local from rank order by 1')" = \
	"$(q dfs 'select keyword_id, position, local from rank order by 1')"

# --- refusals ------------------------------------------------------------------
reason_of() { q "$1" "select status || ' ' || coalesce(reason, '') from \"check\" order by id limit 1"; }
setup_db badlogin dataforseo bad
st badlogin track --keyword 1 >badlogin/out 2>badlogin/err
check "bad login: error with 40100" sh -c "echo '$(reason_of badlogin)' | grep -q '^2 dataforseo: bad_key: 40100'"
setup_db nocredit dataforseo nocredits
st nocredit track --keyword 1 >nocredit/out 2>nocredit/err
check "no credit: error with 40200 Payment Required" \
	sh -c "echo '$(reason_of nocredit)' | grep -q '^2 dataforseo: no_credits: 40200: Payment Required'"
setup_db slow dataforseo ratelimit
st slow track --keyword 1 >slow/out 2>slow/err
check "rate limit: blocked with 40202" sh -c "echo '$(reason_of slow)' | grep -q '^1 dataforseo: rate_limited: 40202'"
setup_db captcha dataforseo
curl -s "http://127.0.0.1:$PORT/_sim/fault?kind=captcha&rate=1" >/dev/null
st captcha track --keyword 1 >captcha/out 2>captcha/err
check "the engine failing the provider: blocked with 40101" \
	sh -c "echo '$(reason_of captcha)' | grep -q '^1 dataforseo: captcha: 40101'"
curl -s "http://127.0.0.1:$PORT/_sim/fault?kind=none" >/dev/null
setup_db internal dataforseo
curl -s "http://127.0.0.1:$PORT/_sim/fault?kind=500&rate=1" >/dev/null
st internal track --keyword 1 >internal/out 2>internal/err
check "internal error: error with 50000" sh -c "echo '$(reason_of internal)' | grep -q '^2 dataforseo: api_error: 50000'"
curl -s "http://127.0.0.1:$PORT/_sim/fault?kind=none" >/dev/null
for d in badlogin nocredit slow captcha internal; do
	check "$d: no rank rows" test "$(q $d 'select count(*) from rank')" -eq 0
done
mkdir nologin
printf '[engine.google]\nprovider = dataforseo\nqueue = no\nbase_url = http://127.0.0.1:%s/dataforseo\n' \
	"$PORT" >nologin/serptrack.conf
chmod 600 nologin/serptrack.conf
st nologin init >/dev/null 2>&1
st nologin site add a.example >/dev/null 2>&1
st nologin kw add "plumber austin" --site a.example >/dev/null 2>&1
st nologin track >nologin/out 2>nologin/err
check "no login: a clear error naming the section" grep -q 'engine.google.*login and password' nologin/err

# --- the password appears nowhere ----------------------------------------------
for d in dfs badlogin nocredit slow captcha internal; do
	st $d rank --format json >>$d/out 2>>$d/err
	st $d history --keyword 1 >>$d/out 2>>$d/err
	sqlite3 $d/serptrack.db .dump >$d/dump.sql
	check "$d: the password in no output, message or database" \
		sh -c "! cat $d/out $d/err $d/dump.sql | grep -q '$PW'"
done

# --- a geo-grid through the Maps endpoint: SerpApi's Maps list, same points --
mkdir gsa gdfs
printf '[engine.google]\nprovider = serp-api\nbase_url = http://127.0.0.1:%s/serp-api\napi_key = k\nmin_delay_ms = 0\n' \
	"$PORT" >gsa/serptrack.conf
printf '[engine.google]\nprovider = dataforseo\nqueue = no\nbase_url = http://127.0.0.1:%s/dataforseo\nlogin = me\npassword = %s\nmin_delay_ms = 0\n' \
	"$PORT" "$PW" >gdfs/serptrack.conf
for d in gsa gdfs; do
	chmod 600 $d/serptrack.conf
	st $d init >/dev/null 2>&1
	st $d site add austin-plumbing-pros.com --business-name "Austin Plumbing Pros" >/dev/null 2>&1
	st $d grid add "plumber austin" --site austin-plumbing-pros.com --center 30.2672,-97.7431 \
		--size 3 --spacing 3km >/dev/null 2>&1
	st $d grid scan 1 >$d/scan.txt 2>&1
	st $d grid show 1 --format json >$d/show.json 2>/dev/null
done
points() { python3 -c 'import json,sys; print(sorted((p["row"], p["col"], p["status"], p["local_position"]) for p in json.load(open(sys.argv[1]))["points"]))' "$1" 2>/dev/null; }
check "grid through dataforseo: 9 points ok" grep -q '9 points: 9 ok' gdfs/scan.txt
check "grid through dataforseo: the same local positions as SerpApi's Maps list" \
	test -n "$(points gsa/show.json)" -a "$(points gsa/show.json)" = "$(points gdfs/show.json)"

# --- the simulated standard queue (what the queue client relies on) ----------
B=http://127.0.0.1:$PORT/dataforseo/v3/serp/google/organic
U="me:$PW"
curl -s "http://127.0.0.1:$PORT/_sim/reset" >/dev/null
curl -s "http://127.0.0.1:$PORT/_sim/dataforseo?ready_after=2" >/dev/null
jq_() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
python3 -c 'import json; print(json.dumps([{"keyword": "k%d" % i, "location_code": 2840} for i in range(101)]))' >many.json
check "more than 100 tasks in one post: 40006" \
	test "$(curl -s -u "$U" --data @many.json $B/task_post | jq_ 'j["status_code"]')" = 40006
curl -s -u "$U" -d '[{"keyword":"plumber austin","location_name":"Austin,Texas,United States","depth":30,"tag":"a1"},{"keyword":"roofer","location_code":2840,"tag":"b2"}]' \
	$B/task_post >posted.json
check "task_post: two tasks created (20100) with their tags" \
	test "$(jq_ '[(t["status_code"], t["data"]["tag"]) for t in j["tasks"]]' <posted.json)" = "[(20100, 'a1'), (20100, 'b2')]"
id=$(jq_ 'j["tasks"][0]["id"]' <posted.json)
check "task_get before ready: 40602 Task In Queue." \
	test "$(curl -s -u "$U" $B/task_get/regular/$id | jq_ 'j["tasks"][0]["status_code"]')" = 40602
check "first tasks_ready: not listed yet" \
	test "$(curl -s -u "$U" $B/tasks_ready | jq_ 'len(j["tasks"][0]["result"])')" = 0
check "second tasks_ready: both listed" \
	test "$(curl -s -u "$U" $B/tasks_ready | jq_ 'sorted(r["tag"] for r in j["tasks"][0]["result"])')" = "['a1', 'b2']"
curl -s -u "$U" $B/task_get/regular/$id >got.json
check "task_get: the same organic results as the live answer of that keyword" \
	test "$(jq_ '[i["url"] for i in j["tasks"][0]["result"][0]["items"] if i["type"] == "organic"]' <got.json)" = \
	"$(python3 -c 'import json,sys; print([o["url"] for o in json.load(open(sys.argv[1]))["organic"]])' dfs/serp1.json)"
check "a collected task is no longer listed" \
	test "$(curl -s -u "$U" $B/tasks_ready | jq_ '[r["tag"] for r in j["tasks"][0]["result"]]')" = "['b2']"
curl -s -u "$U" $B/task_get/regular/$id >/dev/null
check "unknown id: 40400" \
	test "$(curl -s -u "$U" $B/task_get/regular/nope | jq_ 'j["tasks"][0]["status_code"]')" = 40400
check "stats count posts, polls and a double collection" \
	test "$(curl -s "http://127.0.0.1:$PORT/_sim/stats" | jq_ '[j["dataforseo"][k] for k in ("posted","ready_polls","not_ready","collected")]')" = "[2, 3, 1, 2]"
