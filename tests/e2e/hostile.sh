#!/bin/sh
# hostile.sh - the hostile input catalogue (issue 6 item 3), end to end:
# hostile keyword and site strings, NUL bytes in CSV, 10 KB and invalid
# UTF-8; 50 MB bodies, a gzip bomb, an endless slow answer, redirects to
# file://, gopher://, another host and in a loop, a proxy that is down
# (served by tests/e2e/hostile_http.py); malformed config; a database locked
# by another process, on a read-only filesystem, corrupt, on a full disk.
# Each check prints "ok - what" / "not ok - what"; mount-based checks are
# skipped (# SKIP) when tmpfs cannot be mounted (not root).
set -u
: "${SERPTRACK:?}" "${SERPSIM:?}"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$(pwd)/$SERPTRACK" ;; esac
case "$SERPSIM" in /*) ;; *) SERPSIM="$(pwd)/$SERPSIM" ;; esac
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
SIM_PID=
HTTP_PID=
LOCK_PID=
MNT=
cleanup() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null
	[ -n "$HTTP_PID" ] && kill "$HTTP_PID" 2>/dev/null
	[ -n "$LOCK_PID" ] && kill "$LOCK_PID" 2>/dev/null
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
unset SERPTRACK_DB SERPTRACK_NOW
cd "$T" || exit 1

check() { # check WHAT EXIT-STATUS-OF-THE-CONDITION
	if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
skip() { echo "ok - $1 # SKIP $2"; }
q() { sqlite3 "$1" "$2"; }
one_line() { [ "$(wc -l <"$1")" -eq 1 ] && grep -q '^serptrack: ' "$1"; }
first() { head -n 1 "$1" | cut -c 1-120; }

# start_server VAR-PID CMD...: starts a server that prints "listening on
# 127.0.0.1:PORT"; sets PORT.
wait_port() {
	PORT=
	for _ in $(seq 1 100); do
		PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1" 2>/dev/null)
		[ -n "$PORT" ] && return 0
		sleep 0.1
	done
	echo "not ok - server did not start ($1)"
	exit 1
}

# --- hostile strings ---------------------------------------------------------
db=$T/s.db
st() { "$SERPTRACK" --db "$db" "$@"; }
st init >/dev/null 2>&1
st site add example.com >/dev/null 2>&1
big=$(head -c 10240 /dev/zero | tr '\0' 'k')
i=0
for s in "o'brien \"plumber\"" 'plumber `touch pwned`' 'plumber $(touch pwned)' \
	'<script>alert(1)</script> plumber' "'; DROP TABLE keyword; --" "$big"; do
	i=$((i + 1))
	st kw add "$s" --site example.com >/dev/null 2>"err.$i"; rc=$?
	want=$(printf %s "$s" | od -v -An -tx1 | tr -d ' \n')
	got=$(q "$db" "select lower(hex(query)) from keyword order by id desc limit 1")
	[ "$rc" -eq 0 ] && [ "$got" = "$want" ]
	check "hostile query $i (${#s} bytes) stored byte for byte" $?
done
[ ! -e pwned ]; check "no shell ran a query" $?
st kw list --format json >kw.json 2>/dev/null &&
	python3 -c 'import json,sys; k=json.load(open("kw.json")); sys.exit(not any(x["query"].startswith("<script>") for x in k) or not any(len(x["query"]) == 10240 for x in k))'
check "hostile queries read back exactly in JSON" $?
# queries and site names refused in one line: tests/cli/hostile.t
st site add "bücher.de" >/dev/null 2>&1; check "an IDN site name (UTF-8) is accepted" $?
# NUL in CSV: the row is refused with FILE:LINE, the other rows imported.
printf 'query,site\n"nul\000here",example.com\nclean row,example.com\n' >nul.csv
st kw import nul.csv >/dev/null 2>err; rc=$?
[ "$rc" -eq 1 ] && grep -q "nul.csv:2: .*NUL" err; check "CSV row with a NUL byte refused as FILE:LINE" $?
[ "$(q "$db" "select count(*) from keyword where query = 'clean row'")" -eq 1 ] &&
	[ "$(q "$db" "select count(*) from keyword where instr(query, 'nul') > 0")" -eq 0 ]
check "the clean row was imported, the NUL row not" $?
printf 'query,site\n"bad \377 utf8",example.com\n' >utf.csv
st kw import utf.csv >/dev/null 2>err; rc=$?
[ "$rc" -eq 1 ] && grep -q "utf.csv:2: .*UTF-8" err; check "CSV row with invalid UTF-8 refused as FILE:LINE" $?

# the hostile queries go to an engine (the simulator) and come back intact
"$SERPSIM" --port 0 >sim.out 2>sim.err &
SIM_PID=$!
wait_port sim.out
SPORT=$PORT
cat >s.conf <<CONF
[crawl]
timeout_ms = 5000
retry_base_ms = 5
[engine.google]
base_url = http://127.0.0.1:$SPORT/google
CONF
chmod 600 s.conf
st --config s.conf track >/dev/null 2>err; rc=$?
[ "$rc" -eq 0 ]; check "track of the hostile queries exits 0" $?
[ "$(q "$db" "select count(*) from \"check\" where status = 0")" -eq "$(q "$db" "select count(*) from keyword")" ]
check "every hostile query got an ok check" $?
[ ! -e pwned ]; check "still no shell ran a query" $?

# --- hostile HTTP --------------------------------------------------------------
python3 "$here/hostile_http.py" >http.out 2>http.err &
HTTP_PID=$!
wait_port http.out
HPORT=$PORT
# fetch_case NAME PATH [CONF-LINES]: one Google keyword fetched from
# http://127.0.0.1:HPORT/PATH; leaves "status|reason|seconds" in NAME.res.
fetch_case() {
	d=$T/h.$1
	mkdir -p "$d"
	cat >"$d/c.conf" <<CONF
[crawl]
timeout_ms = 3000
max_body_kb = 1024
max_attempts = 1
retry_base_ms = 5
max_redirects = 3
${3:-}
[engine.google]
base_url = http://127.0.0.1:$HPORT/$2
CONF
	chmod 600 "$d/c.conf"
	"$SERPTRACK" --db "$d/t.db" init >/dev/null 2>&1
	"$SERPTRACK" --db "$d/t.db" site add example.com >/dev/null 2>&1
	"$SERPTRACK" --db "$d/t.db" kw add plumber --site example.com >/dev/null 2>&1
	t0=$(date +%s)
	"$SERPTRACK" --db "$d/t.db" --config "$d/c.conf" track >"$d/out" 2>"$d/err"
	echo $? >"$d/rc"
	t1=$(date +%s)
	echo "$(q "$d/t.db" "select status || '|' || coalesce(reason, '') from \"check\"")|$((t1 - t0))" >"$1.res"
}
is_error() { # is_error NAME REASON-GLOB: one check, status error, reason matching
	res=$(cat "$1.res")
	case "$res" in 2\|$2\|*) return 0 ;; esac
	echo "# $1: got '$res', stderr: $(head -c 300 "$T/h.$1/err")"
	return 1
}
fetch_case big big
is_error big too_large; check "50 MB body (Content-Length) stored as error: too_large" $?
fetch_case bigstream bigstream
is_error bigstream too_large; check "50 MB streamed body stored as error: too_large" $?
fetch_case bomb bomb
is_error bomb too_large; check "gzip bomb (128 MB unpacked) stored as error: too_large" $?
fetch_case slow slow
is_error slow timeout; check "endless slow answer stored as error: timeout" $?
secs=$(cut -d'|' -f3 slow.res)
[ "$secs" -le 8 ]; check "the slow answer is cut at the total timeout (${secs}s for 3s)" $?
fetch_case file file
is_error file '*' && ! grep -q root: "$T/h.file/t.db" && [ "$(q "$T/h.file/t.db" 'select count(*) from result r join "check" c on c.id = r.check_id where c.status = 0')" -eq 0 ]
check "redirect to file:// refused (error, nothing read)" $?
fetch_case gopher gopher
is_error gopher '*'; check "redirect to gopher:// refused" $?
fetch_case loop loop
is_error loop '*'; check "redirect loop stops at max_redirects with an error" $?
fetch_case other other
is_error other 'connection*'; check "redirect to another host that is down: error: connection" $?
fetch_case proxy big "proxies = http://user:pw@127.0.0.1:9"
is_error proxy 'connection*'; check "a proxy that is down: error: connection" $?
! grep -q 'pw@' "$T/h.proxy/err" "$T/h.proxy/out"; check "the proxy password is not in the messages" $?
for c in big bigstream bomb slow file gopher loop other proxy; do
	[ "$(q "$T/h.$c/t.db" "pragma integrity_check")" = ok ] || echo "# $c: integrity"
done >integ.txt
[ ! -s integ.txt ]; check "every database intact after the hostile answers" $?

# --- malformed config ------------------------------------------------------------
cfg() { printf "$1" >bad.conf; chmod 600 bad.conf; st --config bad.conf kw list >/dev/null 2>err; }
cfg '[crawl\ntimeout_ms = 1\n'
rc=$?; [ "$rc" -eq 1 ] && one_line err && grep -q "bad.conf:1:" err
check "config: broken section header is FILE:LINE, exit 1" $?
cfg '[crawl]\njust words\n'
rc=$?; [ "$rc" -eq 1 ] && one_line err && grep -q "bad.conf:2:" err
check "config: line without '=' is FILE:LINE, exit 1" $?
# values are read when used: a track of one keyword against the simulator
cfgv() { { cat s.conf; printf "[crawl]\n$1\n"; } >bad.conf; chmod 600 bad.conf; st --config bad.conf track --keyword 1 >/dev/null 2>err; }
cfgv 'timeout_ms = soon'
rc=$?; [ "$rc" -eq 0 ] && grep -q "warning: bad.conf:[0-9]*: .*timeout_ms" err
check "config: a bad value is a FILE:LINE warning and the default" $?
cfgv 'max_body_kb = 99999999999999999999'
rc=$?; [ "$rc" -eq 0 ] && grep -q "warning: bad.conf:[0-9]*: .*max_body_kb" err
check "config: an out-of-range number is a FILE:LINE warning" $?
printf '\377\376[crawl]\000x=1\n' >bad.conf
st --config bad.conf kw list >/dev/null 2>err; rc=$?
[ "$rc" -le 2 ] && [ "$(wc -l <err)" -le 2 ]; check "config: binary junk gives a short error, no crash (rc $rc)" $?
st --config "$T/none.conf" kw list >/dev/null 2>err; rc=$?
[ "$rc" -eq 1 ] && one_line err; check "config: a missing --config file is one line, exit 1" $?

# --- database locked by another process ------------------------------------------
ldb=$T/l.db
"$SERPTRACK" --db "$ldb" init >/dev/null 2>&1
"$SERPTRACK" --db "$ldb" site add example.com >/dev/null 2>&1
"$SERPTRACK" --db "$ldb" kw add before --site example.com >/dev/null 2>&1
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
c.execute("INSERT INTO site(domain, created_at) VALUES (?, 0)", ("locker.com",))
print("locked", flush=True)
time.sleep(9)
c.execute("ROLLBACK")
' "$ldb" >lock.out 2>&1 &
LOCK_PID=$!
for _ in $(seq 1 50); do grep -q locked lock.out && break; sleep 0.1; done
t0=$(date +%s)
"$SERPTRACK" --db "$ldb" kw add during --site example.com >/dev/null 2>err; rc=$?
t1=$(date +%s)
[ "$rc" -eq 1 ] && one_line err && grep -qi "locked\|busy" err
check "locked database: writing fails with one line ($(first err))" $?
[ $((t1 - t0)) -ge 4 ]; check "locked database: waited for the busy timeout ($((t1 - t0))s)" $?
"$SERPTRACK" --db "$ldb" kw list --format csv >lk.csv 2>err; rc=$?
[ "$rc" -eq 0 ] && grep -q before lk.csv; check "locked database: reading still works (WAL)" $?
wait "$LOCK_PID" 2>/dev/null
LOCK_PID=
"$SERPTRACK" --db "$ldb" kw add after --site example.com >/dev/null 2>&1
[ "$(q "$ldb" "select group_concat(query, ',') from (select query from keyword order by id)")" = "before,after" ] &&
	[ "$(q "$ldb" "pragma integrity_check")" = ok ]
check "locked database: nothing lost, nothing half-written, writable again" $?

# --- corrupt database ------------------------------------------------------------
cdb=$T/c.db
"$SERPTRACK" --db "$cdb" init >/dev/null 2>&1
"$SERPTRACK" --db "$cdb" site add example.com >/dev/null 2>&1
{ echo query,site; for k in $(seq 1 600); do echo "keyword number $k with some padding text,example.com"; done; } >many.csv
"$SERPTRACK" --db "$cdb" kw import many.csv >/dev/null 2>&1
psz=$(q "$cdb" "pragma page_size")
rm -f "$cdb-wal" "$cdb-shm"
# overwrite every page of the keyword table (dbstat says which) with junk
pages=$(q "$cdb" "select pageno from dbstat where name = 'keyword'" 2>/dev/null)
[ -n "$pages" ] || pages="4 5 6"
for p in $pages; do
	head -c "$psz" /dev/urandom | dd of="$cdb" bs="$psz" seek=$((p - 1)) conv=notrunc 2>/dev/null
done
pages=$(echo $pages | wc -w)
sum0=$(sha256sum "$cdb" | cut -d' ' -f1)
"$SERPTRACK" --db "$cdb" kw list >/dev/null 2>err1; rc1=$?
"$SERPTRACK" --db "$cdb" kw add more --site example.com >/dev/null 2>err2; rc2=$?
"$SERPTRACK" --db "$cdb" init >/dev/null 2>err3; rc3=$?
[ "$rc1" -eq 1 ] && [ "$rc2" -eq 1 ] && [ "$rc3" -eq 1 ] && one_line err1 && one_line err2 && one_line err3
check "corrupt database ($pages keyword pages overwritten): kw list, kw add, init fail in one line (rc $rc1 $rc2 $rc3: $(first err1))" $?
grep -qi "corrupt\|malformed\|integrity" err1; check "corrupt database: the message says corrupt" $?
"$SERPTRACK" --db "$cdb" site list --format csv 2>/dev/null | grep -q example.com
check "corrupt database: undamaged tables still readable" $?
[ "$(sha256sum "$cdb" | cut -d' ' -f1)" = "$sum0" ]; check "corrupt database: the file is left untouched" $?

# --- read-only filesystem and full disk (tmpfs) ----------------------------------
MNT=$T/mnt
mkdir -p "$MNT"
if mount -t tmpfs -o size=2M tmpfs "$MNT" 2>/dev/null; then
	rdb=$MNT/r.db
	"$SERPTRACK" --db "$rdb" init >/dev/null 2>&1
	"$SERPTRACK" --db "$rdb" site add example.com >/dev/null 2>&1
	"$SERPTRACK" --db "$rdb" kw add stored --site example.com >/dev/null 2>&1
	# full disk: import keywords until the 2 MB filesystem is full
	{ echo query,site; for k in $(seq 1 20000); do echo "filler keyword $k $big,example.com"; done | head -c 6000000; } >fill.csv
	"$SERPTRACK" --db "$rdb" kw import fill.csv >/dev/null 2>err; rc=$?
	[ "$rc" -eq 1 ] && grep -qi "full\|space" err && [ "$(grep -c . err)" -le 3 ]
	check "full disk: kw import fails with a clear error (rc $rc: $(first err))" $?
	[ "$(q "$rdb" "select count(*) from keyword")" -eq 1 ] && [ "$(q "$rdb" "pragma integrity_check")" = ok ]
	check "full disk: the import rolled back, earlier data intact" $?
	"$SERPTRACK" --db "$rdb" kw list --format csv 2>/dev/null | grep -q stored
	check "full disk: reading still works" $?
	rm -f "$rdb-wal" "$rdb-shm"
	if mount -o remount,ro "$MNT" 2>/dev/null; then
		"$SERPTRACK" --db "$rdb" kw add rw --site example.com >/dev/null 2>err; rc=$?
		[ "$rc" -eq 1 ] && one_line err && grep -qi "read-only\|readonly" err
		check "read-only filesystem: writing fails with one line ($(first err))" $?
		"$SERPTRACK" --db "$rdb" kw list --format csv >ro.csv 2>err; rc=$?
		[ "$rc" -eq 0 ] && grep -q stored ro.csv
		check "read-only filesystem: reading still works ($(first err))" $?
	else
		skip "read-only filesystem" "remount,ro not allowed"
	fi
	umount "$MNT" 2>/dev/null && MNT=
else
	skip "full disk and read-only filesystem" "cannot mount a tmpfs (needs root)"
	MNT=
fi
exit 0
