#!/bin/sh
# queue.sh - DataForSEO's standard queue end to end against the simulator
# (issue 18): Google pointed at DataForSEO with its config lines gives the
# positions `direct` gives on the same simulated day; tasks are posted in
# one batch, polled until ready and collected once each; a run killed
# after posting collects its tasks next time without posting them again;
# `usage` bills each task's further pages at 0.75 and `plan` predicts the
# same money; refusals (bad login, no credit) are stored errors naming
# DataForSEO's code, with the password nowhere in any output.
set -u
. "$(dirname "$0")/../lib.sh"
BG=
trap '[ -n "$BG" ] && kill -9 "$BG" 2>/dev/null; e2e_cleanup' EXIT
start_sim
cd "$T" || exit 1
LOC="Austin,Texas,United States"
DAY=2026-11-02
curl -s "http://127.0.0.1:$PORT/_sim/day?date=$DAY" >/dev/null
export SERPTRACK_NOW="${DAY}T06:00:00Z"
conf() { # conf DIR PROVIDER-LINES
	mkdir -p "$1"
	printf '[crawl]\nretry_base_ms = 5\nretry_max_ms = 20\nblock_cooldown_ms = 5\n[run]\nretry_rounds = 0\n[engine.google]\nmin_delay_ms = 0\n%s\n' "$2" >"$1/serptrack.conf"
	chmod 600 "$1/serptrack.conf"
}
PASS=sekret-pass-77
dfs() { # dfs LOGIN [more lines]: the two config lines (plus test plumbing)
	printf 'provider = dataforseo\nlogin = %s\npassword = %s\nbase_url = http://127.0.0.1:%s/dataforseo\nqueue_poll_ms = 10\n%s' \
		"$1" "$PASS" "$PORT" "${2:-}"
}
conf direct "base_url = http://127.0.0.1:$PORT/google"
conf queue "$(dfs u)"
setup() { # setup DIR: one site, five keywords of depths 10..100
	(cd "$1" && "$SERPTRACK" init && "$SERPTRACK" site add austin-plumbing-pros.com &&
		"$SERPTRACK" kw add "plumber austin" --site austin-plumbing-pros.com --location "$LOC" --depth 10 &&
		"$SERPTRACK" kw add "emergency plumber austin" --site austin-plumbing-pros.com --location "$LOC" --depth 30 &&
		"$SERPTRACK" kw add "water heater repair austin" --site austin-plumbing-pros.com --location "$LOC" --depth 100 &&
		"$SERPTRACK" kw add "drain cleaning austin" --site austin-plumbing-pros.com --location "$LOC" &&
		"$SERPTRACK" kw add "plumbers near me" --site austin-plumbing-pros.com --depth 30) >/dev/null 2>&1
}
setup direct
setup queue
stats() { curl -s "http://127.0.0.1:$PORT/_sim/stats"; }
curl -s "http://127.0.0.1:$PORT/_sim/dataforseo?ready_after=2" >/dev/null

# --- the same positions as direct ------------------------------------------
(cd direct && "$SERPTRACK" track >/dev/null 2>&1)
curl -s "http://127.0.0.1:$PORT/_sim/reset" >/dev/null
(cd queue && "$SERPTRACK" track >track.out 2>&1)
check "track through the queue exits 0" test $? = 0
stats >s1.json
check "one POST carried the five tasks" jq -e '.dataforseo.posted == 5 and .by_engine.google == 0' s1.json
check "the ready list was polled until the tasks were ready" jq -e '.dataforseo.ready_polls >= 2' s1.json
check "each task collected once" jq -e '.dataforseo.collected == 5' s1.json
pos() { (cd "$1" && "$SERPTRACK" rank --format json) | jq -c '[.[] | [.query, .position, .local_position]] | sort'; }
pos direct >d.pos
pos queue >q.pos
check "five keywords ranked through the queue" test "$(jq length q.pos)" = 5
check "organic and pack positions equal direct's" cmp -s d.pos q.pos
top() { (cd "$1" && "$SERPTRACK" serp --keyword 3 --format json) | jq -c '[.organic[] | [.position, .domain]]'; }
check "the whole top 100 of a depth-100 keyword equals direct's" test "$(top direct)" = "$(top queue)"
check "and it is 100 results deep" test "$(top queue | jq length)" -ge 90

# --- billing: tasks and their pages, usage and plan agree -------------------
(cd queue && "$SERPTRACK" usage --since 2000-01-01 --format json) >u.json 2>/dev/null
check "usage: five requests (tasks) for dataforseo google" \
	jq -e '[.[] | select(.provider == "dataforseo" and .engine == "google")][0].requests == 5' u.json
# depths 10, 30, 100, 30 (default), 30: pages 1 + 3 + 10 + 3 + 3, the first
# of each at $0.60 per 1000, the rest at 0.75 of it
want=$(awk 'BEGIN { printf "%.5f", (5 + 0.75 * (0 + 2 + 9 + 2 + 2)) * 0.60 / 1000 }')
check "usage: further pages billed at 0.75 (\$$want)" \
	jq -e --argjson w "$want" '([.[] | select(.provider == "dataforseo")][0].cost_usd - $w) | fabs < 0.000001' u.json
(cd queue && "$SERPTRACK" plan --format json) >p.json 2>/dev/null
check "plan predicts the same money a day, within 5%" \
	jq -e --argjson w "$want" '(.cost_per_day - $w) | fabs <= 0.05 * $w' p.json

# --- killed after posting: collected next time, not posted again -----------
conf killed "$(dfs u "queue_wait_s = 60")"
setup killed
curl -s "http://127.0.0.1:$PORT/_sim/reset" >/dev/null
curl -s "http://127.0.0.1:$PORT/_sim/dataforseo?ready_after=1000" >/dev/null
(cd killed && exec "$SERPTRACK" track >track1.out 2>&1) &
BG=$!
for _ in $(seq 1 600); do
	[ "$(stats | jq '.dataforseo.posted')" = 5 ] && break
	sleep 0.05
done
sleep 0.3 # the ids are recorded right after the post is answered
kill -9 "$BG" 2>/dev/null
wait "$BG" 2>/dev/null
BG=
check "the killed run had posted five tasks" test "$(stats | jq '.dataforseo.posted')" = 5
check "and recorded their ids" test "$(sqlite3 killed/serptrack.db 'select count(*) from provider_task where state = 0')" = 5
curl -s "http://127.0.0.1:$PORT/_sim/dataforseo?ready_after=0" >/dev/null
(cd killed && "$SERPTRACK" --verbose track >track2.out 2>&1)
check "the next run collects them" test "$(sqlite3 killed/serptrack.db 'select count(*) from "check" where status = 0')" = 5
check "without posting again (never billed twice)" test "$(stats | jq '.dataforseo.posted')" = 5
check "and says so" grep -q "posted earlier today collected, not posted again" killed/track2.out
check "the tasks are closed" test "$(sqlite3 killed/serptrack.db 'select count(*) from provider_task where state = 1')" = 5
pos killed >k.pos
check "with the positions direct gives" cmp -s d.pos k.pos

# --- tasks not ready when the wait ends: nothing stored, kept for later ----
conf slow "$(dfs u "queue_wait_s = 0")"
setup slow
curl -s "http://127.0.0.1:$PORT/_sim/dataforseo?ready_after=1000" >/dev/null
(cd slow && "$SERPTRACK" track >track.out 2>&1)
check "tasks still queued: no check stored" test "$(sqlite3 slow/serptrack.db 'select count(*) from "check"')" = 0
check "the run says the next one collects them" grep -q "still queued at the provider; the next run collects them" slow/track.out
curl -s "http://127.0.0.1:$PORT/_sim/dataforseo?ready_after=0" >/dev/null

# --- refusals are errors with DataForSEO's code ------------------------------
for who in bad:40100 nocredits:40200; do
	login=${who%%:*}
	code=${who#*:}
	conf "$login" "$(dfs "$login")"
	setup "$login"
	(cd "$login" && "$SERPTRACK" track >track.out 2>&1)
	(cd "$login" && "$SERPTRACK" rank --format json) >"$login.json" 2>/dev/null
	check "login $login: every check stored as an error" \
		test "$(sqlite3 "$login/serptrack.db" 'select count(*) from "check" where status = 2')" = 5
	check "login $login: the reason names DataForSEO's $code" \
		test "$(sqlite3 "$login/serptrack.db" "select count(*) from \"check\" where reason like '%$code%'")" = 5
done
leaks=$(grep -r -l "$PASS" --include='*.out' --include='*.json' --include='*.pos' . | wc -l)
for db in */serptrack.db; do
	sqlite3 "$db" 'select reason from "check"' | grep -q "$PASS" && leaks=$((leaks + 1))
done
check "the password appears in no output or stored reason" test "$leaks" = 0

# --- live mode: the same positions ------------------------------------------
conf live "$(dfs u "queue = no")"
setup live
curl -s "http://127.0.0.1:$PORT/_sim/reset" >/dev/null
(cd live && "$SERPTRACK" track >/dev/null 2>&1)
check "queue = no posts nothing to the queue" jq -e '.dataforseo.posted == 0 and .dataforseo.live == 5' "$(stats >l.json && echo l.json)"
pos live >l.pos
check "live positions equal direct's" cmp -s d.pos l.pos
