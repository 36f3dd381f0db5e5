#!/bin/sh
# runlock.sh - the run lock follows the database file, not the path typed
# (issue 12 #9): while a run holds the lock through `--db serptrack.db`, a
# run through a symlink to it (`--db alias.db`) or through a symlinked
# folder exits 0 at once without fetching, so no check is paid for twice.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$top/$SERPTRACK" ;; esac
case "$SERPSIM" in /*) ;; *) SERPSIM="$top/$SERPSIM" ;; esac
unset SERPTRACK_DB SERPTRACK_NOW
BG=
trap '[ -n "$BG" ] && kill -9 "$BG" 2>/dev/null; e2e_cleanup' EXIT
cd "$T" || exit 1
S="$SERPTRACK"

# every request waits 4 s: the first run holds the lock for a while, even
# on a loaded machine
start_sim --latency-ms 4000
mkdir a b
cat >a/serptrack.conf <<CONF
[crawl]
retry_base_ms = 5
[engine.google]
base_url = http://127.0.0.1:$PORT/google
CONF
chmod 600 a/serptrack.conf
cd a || exit 1
$S init >/dev/null 2>&1
$S site add austin-plumbing-pros.com >/dev/null 2>&1
for k in "plumber austin" "drain cleaning austin" "water heater austin"; do
	$S kw add "$k" --site austin-plumbing-pros.com --depth 10 >/dev/null 2>&1
done
ln -s serptrack.db alias.db
ln -s "$T/a" "$T/b/dirlink"
served() { curl -s "http://127.0.0.1:$PORT/_sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["by_engine"]["google"])'; }

$S --db serptrack.db run >first.out 2>first.err &
BG=$!
# the lock is taken before the first request: once one arrived, it is held
for _ in $(seq 1 100); do [ "$(served)" -gt 0 ] 2>/dev/null && break; sleep 0.05; done
$S --db "$T/b/dirlink/serptrack.db" run >third.out 2>third.err
rc=$?
check "#9 run through a symlinked folder exits 0 and says another run ($(head -n 1 third.err))" \
	sh -c "test $rc -eq 0 && grep -q 'another run' third.err"
$S --db alias.db run >second.out 2>second.err
rc=$?
check "#9 run through a symlink while a run holds the lock exits 0" test $rc -eq 0
check "#9 it says another run is in progress" grep -q "another run" second.err
wait "$BG"
rc=$?
BG=
check "#9 the first run completes" test $rc -eq 0
check "#9 one check per keyword (nothing stored twice)" \
	test "$(sqlite3 serptrack.db 'select count(*) from "check"')" -eq 3
check "#9 the simulator served each keyword once ($(served) requests)" test "$(served)" -eq 3
check "#9 the lock file is beside the real database" test -e serptrack.db.lock -a ! -e alias.db.lock

# the reverse: the symlink first, the real path second
curl -s "http://127.0.0.1:$PORT/_sim/reset" >/dev/null
sqlite3 serptrack.db 'delete from "check"'
$S --db alias.db run >first.out 2>first.err &
BG=$!
for _ in $(seq 1 100); do [ "$(served)" -gt 0 ] 2>/dev/null && break; sleep 0.05; done
$S --db serptrack.db run >second.out 2>second.err
rc=$?
check "#9 run by the real path while a run through the symlink holds the lock exits 0 ($(head -n 1 second.err))" \
	sh -c "test $rc -eq 0 && grep -q 'another run' second.err"
wait "$BG"
BG=
check "#9 still each keyword once ($(served) requests)" test "$(served)" -eq 3
exit 0
