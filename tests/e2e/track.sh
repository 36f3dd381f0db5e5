#!/bin/sh
# track.sh - `serptrack track` against the simulator: checks stored for every
# engine, rank/history JSON, a hostile query, and a fault-rate run where
# every failed fetch is stored blocked/error and never as "not ranked".
set -u
: "${SERPTRACK:?}" "${SERPSIM:?}"
T=$(mktemp -d)
SIM_PID=
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$T"' EXIT
n=0
check() { # check "what" command...
	n=$((n + 1))
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
start_sim() { # start_sim [serpsim args...]: sets PORT
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	# empty it first: the shell truncates it in the child, after we may have read the old port
	: >"$T/sim.out"
	"$SERPSIM" --port 0 "$@" >"$T/sim.out" 2>"$T/sim.err" &
	SIM_PID=$!
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/sim.out" 2>/dev/null)
		[ -n "$PORT" ] && return 0
		sleep 0.1
	done
	echo "not ok - simulator did not start"
	exit 1
}
conf() { # conf DIR: engines at the simulator, fast retries and cool-downs
	cat >"$1/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
block_cooldown_max_ms = 50
timeout_ms = 3000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
[engine.duckduckgo]
base_url = http://127.0.0.1:$PORT/duckduckgo
CONF
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 "$1/serptrack.db" "$2"; }
setup_db() { # setup_db DIR
	(cd "$1" && "$SERPTRACK" init && "$SERPTRACK" site add example.com &&
		for e in google bing duckduckgo; do
			for kw in "plumber austin" "roofer dallas" "hvac houston"; do
				"$SERPTRACK" kw add "$kw" --site example.com --engine $e \
					--location "Austin,Texas,United States" || exit 1
			done
		done) >/dev/null 2>&1
}

# --- a clean run ---------------------------------------------------------
start_sim
mkdir "$T/a"
conf "$T/a"
setup_db "$T/a"
HOSTILE="plumber \"austin\" <script>alert(1)</script> \`id\`; DROP TABLE keyword; --"
(cd "$T/a" && "$SERPTRACK" kw add "$HOSTILE" --site example.com --depth 10) >/dev/null 2>&1
(cd "$T/a" && "$SERPTRACK" track >"$T/a/out" 2>"$T/a/err")
rc=$?
check "track exits 0" test "$rc" -eq 0
check "track is quiet without a terminal" test ! -s "$T/a/out"
check "one check per keyword" test "$(q "$T/a" 'select count(*) from "check"')" -eq 10
check "all checks ok against a healthy simulator" \
	test "$(q "$T/a" 'select count(*) from "check" where status = 0')" -eq 10
check "depth 30 fetched as 3 pages (30 results checked)" \
	test "$(q "$T/a" 'select count(*) from "check" where depth = 30 and requests = 3')" -eq 9
check "depth 10 is one request" \
	test "$(q "$T/a" 'select requests from "check" c join keyword k on k.id = c.keyword_id where k.depth = 10')" -eq 1
check "hostile query stored exactly" \
	test "$(q "$T/a" "select count(*) from keyword where query = '$(printf %s "$HOSTILE" | sed "s/'/''/g")'")" -eq 1
check "keyword table intact" test "$(q "$T/a" 'select count(*) from keyword')" -eq 10
check "requests per check add up (9 x 3 + 1)" \
	test "$(q "$T/a" 'select sum(requests) from "check"')" -eq 28
(cd "$T/a" && "$SERPTRACK" rank --format json >"$T/a/rank.json" 2>/dev/null)
if command -v python3 >/dev/null 2>&1; then
	check "rank --format json parses with one row per keyword" python3 -c '
import json,sys
rows=json.load(open(sys.argv[1]))
assert len(rows)==10, len(rows)
assert all(r["status"]=="ok" for r in rows)
assert all(r["position"] is None or 1<=r["position"]<=30 for r in rows)
' "$T/a/rank.json"
	(cd "$T/a" && "$SERPTRACK" history --keyword 1 --format json >"$T/a/hist.json" 2>/dev/null)
	check "history --format json has the check" python3 -c '
import json,sys
rows=json.load(open(sys.argv[1]))
assert len(rows)==1 and rows[0]["status"]=="ok", rows
' "$T/a/hist.json"
fi
(cd "$T/a" && "$SERPTRACK" track --keyword 1 --keyword 2 >/dev/null 2>&1)
check "track --keyword checks only those" test "$(q "$T/a" 'select count(*) from "check"')" -eq 12
(cd "$T/a" && "$SERPTRACK" track --keyword 999 >/dev/null 2>&1)
check "unknown keyword id fails with 1" test $? -eq 1
(cd "$T/a" && "$SERPTRACK" track --bogus >/dev/null 2>&1)
check "unknown option is a usage error" test $? -eq 2

# --- faults at a high rate ------------------------------------------------
start_sim --fault 429:0.2 --fault captcha:0.15 --fault 500:0.15 --fault truncated:0.1 \
	--fault reset:0.1 --seed 7
mkdir "$T/f"
conf "$T/f"
cat >>"$T/f/serptrack.conf" <<CONF
[crawl]
max_attempts = 2
CONF
setup_db "$T/f"
(cd "$T/f" && "$SERPTRACK" track --concurrency 8 >/dev/null 2>"$T/f/err")
rc=$?
check "fault run exits 0 (blocked is data)" test "$rc" -eq 0
check "every keyword has a stored check" test "$(q "$T/f" 'select count(*) from "check"')" -eq 9
bad=$(q "$T/f" 'select count(*) from "check" where status <> 0')
check "faults were recorded as blocked or error ($bad of 9)" test "$bad" -gt 0
check "no failed check without a reason" \
	test "$(q "$T/f" 'select count(*) from "check" where status <> 0 and (reason is null or reason = "")')" -eq 0
check "no rank rows (no 'not ranked') for failed checks" \
	test "$(q "$T/f" 'select count(*) from rank r join "check" c on c.id = r.check_id where c.status <> 0')" -eq 0
check "every ok check has results from a real page" \
	test "$(q "$T/f" 'select count(*) from "check" c left join result r on r.check_id = c.id where c.status = 0 and (r.organic is null or length(r.organic) = 0)')" -eq 0
check "ok checks came with http 200" \
	test "$(q "$T/f" 'select count(*) from "check" where status = 0 and http_status <> 200')" -eq 0
check "database integrity" test "$(q "$T/f" 'pragma integrity_check')" = ok

# --- unreachable engine ----------------------------------------------------
kill "$SIM_PID" 2>/dev/null
wait "$SIM_PID" 2>/dev/null
SIM_PID=
(cd "$T/f" && "$SERPTRACK" track --keyword 1 >/dev/null 2>"$T/f/err2")
check "unreachable engine: exit 1" test $? -eq 1
check "unreachable engine: error stored" \
	test "$(q "$T/f" 'select status from "check" order by id desc limit 1')" -eq 2
check "unreachable engine: one-line message" grep -q "^serptrack: track: no engine could be reached" "$T/f/err2"
