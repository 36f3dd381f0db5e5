#!/bin/sh
# run.sh - `serptrack run` against the simulator: the lock, resume, retries
# under each fault type at a high rate, SIGKILL at random moments then a
# finishing run (exactly one check per keyword for the day, integrity ok),
# and alerts delivered to the simulator's webhook and SMTP sink.
set -u
: "${SERPTRACK:?}" "${SERPSIM:?}"
T=$(mktemp -d)
SIM_PID=
BG=
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; [ -n "$BG" ] && kill -9 "$BG" 2>/dev/null; rm -rf "$T"' EXIT
n=0
check() {
	n=$((n + 1))
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
start_sim() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	rm -f "$T/sim.out" # never read the previous simulator's port
	"$SERPSIM" --port 0 "$@" >"$T/sim.out" 2>"$T/sim.err" &
	SIM_PID=$!
	PORT=
	for _ in $(seq 1 50); do
		PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/sim.out" 2>/dev/null)
		SMTP=$(sed -n 's/^smtp on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/sim.out" 2>/dev/null)
		[ -n "$PORT" ] && { [ -z "${WANT_SMTP:-}" ] || [ -n "$SMTP" ]; } && return 0
		sleep 0.1
	done
	echo "not ok - simulator did not start"
	exit 1
}
conf() { # conf DIR [extra lines]
	cat >"$1/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
block_cooldown_max_ms = 50
timeout_ms = 1500
max_attempts = 2
[run]
retry_delay_ms = 20
retry_rounds = 2
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
[engine.duckduckgo]
base_url = http://127.0.0.1:$PORT/duckduckgo
${2:-}
CONF
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 "$1/serptrack.db" "$2"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
setup_db() { # setup_db DIR DEPTH [QUERY...]
	d=$1
	depth=$2
	shift 2
	[ $# -gt 0 ] || set -- "plumber austin" "emergency plumber austin" "drain cleaning austin"
	st "$d" init >/dev/null 2>&1
	st "$d" site add austin-plumbing-pros.com >/dev/null 2>&1
	st "$d" site add yelp.com --competitor >/dev/null 2>&1
	for e in google bing duckduckgo; do
		for kw in "$@"; do
			st "$d" kw add "$kw" --site austin-plumbing-pros.com --engine $e --depth "$depth" \
				--location "Austin,Texas,United States" >/dev/null 2>&1
		done
	done
}
day() { curl -s "http://127.0.0.1:$PORT/_sim/day?date=$1" >/dev/null; }
one_per_kw() { # every keyword exactly one check since $2 (epoch)
	[ "$(q "$1" "select count(*) from keyword k where (select count(*) from \"check\" c where c.keyword_id = k.id and c.checked_at >= $2) <> 1")" -eq 0 ]
}

# --- a run, resume, lock, alerts over several simulated days ---------------
WANT_SMTP=1 start_sim --smtp-port 0
WANT_SMTP=
mkdir "$T/a"
conf "$T/a" "[alerts]
drop = 1
webhook = http://127.0.0.1:$PORT/_sim/hook
email_to = ops@example.com
email_from = serptrack@example.com
smtp_url = smtp://127.0.0.1:$SMTP"
setup_db "$T/a" 30
day 2026-11-01
SERPTRACK_NOW=2026-11-01T06:00:00Z st "$T/a" run >"$T/a/out" 2>"$T/a/err"
check "run exits 0" test $? -eq 0
check "run is quiet under cron (no TTY)" test ! -s "$T/a/out" -a ! -s "$T/a/err"
check "run stored one check per keyword" test "$(q "$T/a" 'select count(*) from "check"')" -eq 9
SERPTRACK_NOW=2026-11-01T07:00:00Z st "$T/a" run >/dev/null 2>&1
check "second run the same day fetches nothing" test "$(q "$T/a" 'select count(*) from "check"')" -eq 9
for d in 02 03 04 05 06; do
	day 2026-11-$d
	SERPTRACK_NOW=2026-11-${d}T06:00:00Z st "$T/a" run >/dev/null 2>"$T/a/err.$d" || echo "# run failed on day $d: $(cat "$T/a/err.$d")"
done
check "one check per keyword per day over 6 days" test "$(q "$T/a" 'select count(*) from "check"')" -eq 54
na=$(q "$T/a" 'select count(*) from alert')
check "alerts raised over 6 days ($na)" test "$na" -gt 0
check "every alert delivered" test "$(q "$T/a" 'select count(*) from alert where sent = 0')" -eq 0
hooks=$(curl -s "http://127.0.0.1:$PORT/_sim/hooks")
check "webhook received JSON with a text field" sh -c "printf %s '$hooks' | grep -q '\"text\"'"
mails=$(curl -s "http://127.0.0.1:$PORT/_sim/mails")
check "SMTP sink received the alert mail" sh -c "printf %s '$mails' | grep -q 'ops@example.com'"
SERPTRACK_NOW=2026-11-06T09:00:00Z st "$T/a" alerts --since 2026-11-01 --format json >"$T/a/alerts.json" 2>/dev/null
check "alerts --format json lists them" test "$(grep -o '"rule"' "$T/a/alerts.json" | wc -l)" -eq "$na"
SERPTRACK_NOW=2026-11-06T09:00:00Z st "$T/a" usage --since 2026-11-01 --format csv >"$T/a/usage.csv" 2>/dev/null
check "usage ledger has the direct requests" grep -q '^direct,' "$T/a/usage.csv"

# the lock: a run in progress makes a second one exit 0 at once
start_sim --latency-ms 600
conf "$T/a"
day 2026-11-07
(SERPTRACK_NOW=2026-11-07T06:00:00Z st "$T/a" run >/dev/null 2>&1) &
BG=$!
# the first run holds the lock once it has made a request (a fixed sleep
# was too short under valgrind on a loaded machine)
i=0
while [ "$i" -lt 300 ] && [ "$(curl -s "http://127.0.0.1:$PORT/_sim/stats" |
	python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["by_engine"].values()))')" -eq 0 ]; do
	sleep 0.1
	i=$((i + 1))
done
SERPTRACK_NOW=2026-11-07T06:00:00Z st "$T/a" run >/dev/null 2>"$T/a/lock.err"
check "second concurrent run exits 0" test $? -eq 0
check "second concurrent run says why" grep -q "another run" "$T/a/lock.err"
wait "$BG"
BG=

# --- each fault type at a high rate: failures stored as blocked/error --------
for kind in 429 captcha 500 truncated reset slow; do
	start_sim --fault $kind:0.5 --seed 3
	mkdir "$T/$kind"
	conf "$T/$kind" "[crawl]
timeout_ms = 2500"
	setup_db "$T/$kind" 10
	day 2026-11-01
	SERPTRACK_NOW=2026-11-01T06:00:00Z st "$T/$kind" run >/dev/null 2>"$T/$kind/err"
	rc=$?
	check "fault $kind: run exits 0" test $rc -eq 0
	if [ $rc -ne 0 ]; then
		sed 's/^/# /' "$T/$kind/err" | head -20
		q "$T/$kind" 'select status, reason from "check"' | sed 's/^/# check: /'
	fi
	check "fault $kind: exactly one check per keyword" one_per_kw "$T/$kind" 0
	check "fault $kind: failed checks have a reason and no rank" test "$(q "$T/$kind" 'select count(*) from "check" c where c.status <> 0 and (c.reason is null or exists (select 1 from rank r where r.check_id = c.id))')" -eq 0
	check "fault $kind: ok checks hold real results" test "$(q "$T/$kind" 'select count(*) from "check" c left join result r on r.check_id = c.id where c.status = 0 and (r.organic is null or length(r.organic) = 0)')" -eq 0
done

# --- SIGKILL at random moments, then finish --------------------------------
start_sim --latency-ms 60
mkdir "$T/k"
conf "$T/k"
setup_db "$T/k" 30 "plumber austin" "plumber round rock" "water heater austin" "drain cleaning austin" "emergency plumber austin" "plumber cedar park" "leak repair austin" "sewer line austin" "toilet repair austin" "plumber pflugerville"
day 2026-11-01
for i in 1 2 3 4 5 6; do
	before=$(q "$T/k" 'select count(*) from "check"')
	[ "$before" -ge 20 ] && break # leave work for the finishing run
	(SERPTRACK_NOW=2026-11-01T06:00:00Z exec "$SERPTRACK" --db "$T/k/serptrack.db" --config "$T/k/serptrack.conf" run >/dev/null 2>&1) &
	BG=$!
	# kill at a random moment after this run has stored something
	for _ in $(seq 1 100); do
		[ "$(q "$T/k" 'select count(*) from "check"' 2>/dev/null)" != "$before" ] && break
		sleep 0.05
	done
	sleep "0.0$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%d", rand() * 10 }')"
	kill -9 "$BG" 2>/dev/null
	wait "$BG" 2>/dev/null
	BG=
done
partial=$(q "$T/k" 'select count(*) from "check"')
SERPTRACK_NOW=2026-11-01T06:00:00Z st "$T/k" run >/dev/null 2>"$T/k/err"
check "after kills ($partial checks stored), the finishing run exits 0" test $? -eq 0
check "the kills interrupted runs midway" test "$partial" -gt 0 -a "$partial" -lt 30
check "after kills: every keyword exactly one check for the day" one_per_kw "$T/k" 0
check "after kills: 30 keywords checked" test "$(q "$T/k" 'select count(distinct keyword_id) from "check"')" -eq 30
check "after kills: integrity_check ok" test "$(q "$T/k" 'pragma integrity_check')" = ok
check "after kills: no half-stored check (every check has its result row)" test "$(q "$T/k" 'select count(*) from "check" c where not exists (select 1 from result r where r.check_id = c.id)')" -eq 0
