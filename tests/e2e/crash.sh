#!/bin/sh
# crash.sh - crash safety (issue 6 item 4): SIGKILL at random moments during
# `kw import` of a 5,000-row CSV, during `init` (the migrations of a fresh
# database: schema.c has one migration so far) and during `reparse` when it
# exists. After every kill `PRAGMA integrity_check` must say ok, an import
# must keep whole batches only (it commits every 1,000 rows so `run` is
# never locked out for long), and re-running must complete.
# (`run` is killed the same way in e2e/run.sh.)
set -u
: "${SERPTRACK:?}"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$(pwd)/$SERPTRACK" ;; esac
T=$(mktemp -d)
BG=
trap '[ -n "$BG" ] && kill -9 "$BG" 2>/dev/null; rm -rf "$T"' EXIT
unset SERPTRACK_DB SERPTRACK_NOW
cd "$T" || exit 1
check() { # check WHAT EXIT-STATUS-OF-THE-CONDITION
	if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
q() { sqlite3 "$1" "$2" 2>&1; }
# rnd I MAX-MS: a pseudo-random delay in seconds, different per I and run
rnd() { awk -v s="$1$$" -v m="$2" 'BEGIN { srand(s); printf "%.3f", rand() * m / 1000 }'; }
# killed_at DELAY CMD...: starts CMD, SIGKILLs it after DELAY seconds;
# prints "killed" or "finished" (a kill after the end proves nothing).
killed_at() {
	d=$1
	shift
	"$@" >/dev/null 2>&1 &
	BG=$!
	sleep "$d"
	# a finished child is a zombie until waited for, and kill succeeds on it
	if grep -q ') [RSD]' "/proc/$BG/stat" 2>/dev/null && kill -9 "$BG" 2>/dev/null; then
		r=killed
	else
		kill -9 "$BG" 2>/dev/null
		r=finished
	fi
	wait "$BG" 2>/dev/null
	BG=
	echo "$r"
}

# --- kw import -----------------------------------------------------------------
db=$T/imp.db
"$SERPTRACK" --db "$db" init >/dev/null 2>&1
"$SERPTRACK" --db "$db" site add example.com >/dev/null 2>&1
"$SERPTRACK" --db "$db" kw add "kept before" --site example.com >/dev/null 2>&1
# enough rows for several batches of 1,000; under valgrind each row costs
# ten times as much (and a SIGKILLed valgrind reports nothing anyway)
big=5000
[ -n "${SERPTRACK_UNDER_VALGRIND:-}" ] && big=2000
{
	echo query,site,tags,depth
	for k in $(seq 1 $big); do echo "crash keyword $k,example.com,t$((k % 7)),$((10 + k % 91))"; done
} >big.csv
# how long a whole import takes here (build flavour, machine): kills land
# at random moments within that time
cp "$db" scratch.db
t0=$(date +%s%N)
"$SERPTRACK" --db scratch.db kw import big.csv >/dev/null 2>&1
dur=$((($(date +%s%N) - t0) / 1000000))
echo "# a whole import takes ${dur} ms"
kills=0
bad=
for i in 1 2 3 4 5 6 7 8; do
	# kills within the first 80 % of an import's time
	r=$(killed_at "$(rnd "$i" $((dur * 8 / 10)))" "$SERPTRACK" --db "$db" kw import big.csv)
	[ "$r" = killed ] && kills=$((kills + 1))
	ic=$(q "$db" "pragma integrity_check")
	n=$(q "$db" "select count(*) from keyword")
	[ "$ic" = ok ] || bad="$bad integrity($i):$ic"
	# whole batches: the keyword kept before plus a multiple of 1,000
	[ $(((n - 1) % 1000)) -eq 0 ] 2>/dev/null || bad="$bad partial($i):$n"
	# an import that finished before the kill: undo it for the next round
	[ "$n" = $((big + 1)) ] && q "$db" "delete from keyword where query like 'crash keyword %'" >/dev/null
done
check "kw import killed $kills of 8 times: integrity ok after each" "$(case "$bad" in *integrity*) echo 1 ;; *) echo 0 ;; esac)"
check "kw import killed: whole batches of 1,000 after each (${bad:-no partial batch})" "$(case "$bad" in *partial*) echo 1 ;; *) echo 0 ;; esac)"
[ "$kills" -ge 3 ]; check "at least 3 of 8 kills landed during the import ($kills)" $?
"$SERPTRACK" --db "$db" kw import big.csv >out 2>err; rc=$?
[ "$rc" -eq 0 ] && [ "$(q "$db" "select count(*) from keyword")" -eq $((big + 1)) ] &&
	[ "$(q "$db" "select count(*) from keyword where query = 'kept before'")" -eq 1 ]
check "kw import re-run completes: $big keywords plus the one kept before" $?
[ "$(q "$db" "pragma integrity_check")" = ok ]; check "integrity ok after the re-run" $?
"$SERPTRACK" --db "$db" kw import big.csv >out 2>err; rc=$?
grep -q "0 added, $big already tracked" out; check "a third import adds nothing" $?

# --- init (migrations of a fresh database) -------------------------------------
bad=
kills=0
for i in 1 2 3 4 5 6 7 8; do
	idb=$T/init$i.db
	r=$(killed_at "$(rnd "$i" 120)" "$SERPTRACK" --db "$idb" init)
	[ "$r" = killed ] && kills=$((kills + 1))
	if [ -s "$idb" ]; then
		ic=$(q "$idb" "pragma integrity_check")
		[ "$ic" = ok ] || bad="$bad integrity($i):$ic"
	fi
	"$SERPTRACK" --db "$idb" init >out 2>err || bad="$bad rerun($i):$(head -n 1 err)"
	v=$(q "$idb" "pragma user_version")
	[ "$v" -ge 1 ] 2>/dev/null || bad="$bad version($i):$v"
	[ "$(q "$idb" "pragma integrity_check")" = ok ] || bad="$bad integrity2($i)"
	"$SERPTRACK" --db "$idb" site add example.com >/dev/null 2>&1 || bad="$bad use($i)"
done
check "init killed $kills of 8 times: integrity ok, re-run migrates, usable (${bad:-fine})" "$([ -z "$bad" ]; echo $?)"

# --- reparse ---------------------------------------------------------------------
"$SERPTRACK" --db "$db" reparse >out 2>err
if grep -qi "not implemented\|not available\|pending\|unknown command" err; then
	echo "ok - reparse killed at random moments # SKIP reparse is not implemented in this build"
else
	# reparse needs archived pages: the simulator and a track run provide them
	if [ -n "${SERPSIM:-}" ]; then
		case "$SERPSIM" in /*) ;; *) SERPSIM="$OLDPWD/$SERPSIM" ;; esac
		"$SERPSIM" --port 0 >sim.out 2>/dev/null &
		SIM=$!
		PORT=
		for _ in $(seq 1 50); do
			PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' sim.out 2>/dev/null)
			[ -n "$PORT" ] && break
			sleep 0.1
		done
		printf '[crawl]\nretry_base_ms = 5\n[archive]\nenabled = yes\n[engine.google]\nbase_url = http://127.0.0.1:%s/google\n[engine.bing]\nbase_url = http://127.0.0.1:%s/bing\n' "$PORT" "$PORT" >r.conf
		chmod 600 r.conf
		rdb=$T/rp.db
		"$SERPTRACK" --db "$rdb" init >/dev/null 2>&1
		"$SERPTRACK" --db "$rdb" site add example.com >/dev/null 2>&1
		{
			echo query,site,engine,depth
			for k in $(seq 1 40); do echo "plumber $k austin,example.com,bing,30"; done
		} >rp.csv
		"$SERPTRACK" --db "$rdb" kw import rp.csv >/dev/null 2>&1
		"$SERPTRACK" --db "$rdb" --config r.conf track >/dev/null 2>&1
		kill "$SIM" 2>/dev/null
		before=$(q "$rdb" "select count(*) from \"check\"")
		raw=$(q "$rdb" "select count(*) from raw")
		t0=$(date +%s%N)
		"$SERPTRACK" --db "$rdb" --config r.conf reparse >/dev/null 2>&1
		dur=$((($(date +%s%N) - t0) / 1000000))
		bad=
		kills=0
		for i in 1 2 3 4 5 6; do
			r=$(killed_at "$(rnd "$i" $((dur * 8 / 10)))" "$SERPTRACK" --db "$rdb" --config r.conf reparse)
			[ "$r" = killed ] && kills=$((kills + 1))
			[ "$(q "$rdb" "pragma integrity_check")" = ok ] || bad="$bad integrity($i)"
		done
		[ "$raw" -gt 0 ] || bad="$bad no-archived-pages"
		[ "$kills" -ge 2 ] || bad="$bad only-$kills-kills-landed"
		"$SERPTRACK" --db "$rdb" --config r.conf reparse >/dev/null 2>err || bad="$bad rerun:$(head -n 1 err)"
		[ "$(q "$rdb" "select count(*) from \"check\"")" = "$before" ] || bad="$bad checks-changed"
		check "reparse ($raw archived pages, ${dur} ms) killed $kills of 6 times: integrity ok, re-run completes, $before checks kept (${bad:-fine})" "$([ -z "$bad" ]; echo $?)"
	else
		echo "ok - reparse killed at random moments # SKIP SERPSIM not set"
	fi
fi
exit 0
