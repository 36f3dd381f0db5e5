#!/bin/sh
# maint.sh - the maintenance commands against the simulator: the raw page
# archive and `reparse` (a check damaged to "blocked" is restored from its
# archived pages), and `doctor` (all ok, then a world-readable database and
# an unreachable engine reported with their fixes and exit 1).
set -u
: "${SERPTRACK:?}" "${SERPSIM:?}"
T=$(mktemp -d)
SIM_PID=
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$T"' EXIT
n=0
check() {
	n=$((n + 1))
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
"$SERPSIM" --port 0 >"$T/sim.out" 2>"$T/sim.err" &
SIM_PID=$!
for _ in $(seq 1 50); do
	PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/sim.out" 2>/dev/null)
	[ -n "$PORT" ] && break
	sleep 0.1
done
[ -n "$PORT" ] || { echo "not ok - simulator did not start"; exit 1; }
cat >"$T/serptrack.conf" <<CONF
[archive]
enabled = yes
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
CONF
chmod 600 "$T/serptrack.conf"
q() { sqlite3 "$T/serptrack.db" "$1"; }
st() { (cd "$T" && "$SERPTRACK" "$@"); }
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st kw add "plumber austin" --site austin-plumbing-pros.com --location "Austin,Texas,United States" >/dev/null 2>&1
st kw add "plumber austin" --engine bing --site austin-plumbing-pros.com >/dev/null 2>&1
st track >/dev/null 2>&1
check "raw pages archived for every check" test "$(q 'select count(*) from raw')" -eq 2
st serp --keyword 1 --format json >"$T/before.json" 2>/dev/null
ranks=$(q 'select count(*) from rank')
st reparse >"$T/rp.out" 2>&1
check "reparse over the archive exits 0" test $? -eq 0
check "reparse reports 2 checks, none changed" grep -q "2 checks reparsed, 0 changed" "$T/rp.out"
st serp --keyword 1 --format json >"$T/after.json" 2>/dev/null
check "reparse reproduces the stored page" sh -c "test -s '$T/before.json' && cmp -s '$T/before.json' '$T/after.json'"
# damage one check as if an old parser had misread it as blocked
q "update \"check\" set status = 1, reason = 'captcha' where id = 1; delete from rank where check_id = 1; update result set organic = NULL where check_id = 1"
st reparse --since 2000-01-01 >"$T/rp2.out" 2>&1
check "reparse turns the misread check back to ok" grep -q "1 changed" "$T/rp2.out"
check "its status is ok again" test "$(q 'select status from "check" where id = 1')" -eq 0
check "its rank rows are back" test "$(q 'select count(*) from rank')" -eq "$ranks"
st serp --keyword 1 --format json >"$T/after2.json" 2>/dev/null
check "its results are back" sh -c "grep -c '\"url\"' '$T/after2.json' | grep -qv '^0$'"
st reparse --since yesterday-ish >/dev/null 2>&1
check "reparse: bad --since is a usage error" test $? -eq 2

# retention: run prunes archived pages older than keep_days
printf '[archive]\nkeep_days = 1\n' >>"$T/serptrack.conf"
SERPTRACK_NOW=2030-01-01T06:00:00Z st run --no-alerts >/dev/null 2>&1
check "run prunes the archive past keep_days (the new day's pages stay)" \
	test "$(q 'select count(*) from raw r join "check" c on c.id = r.check_id where c.checked_at < 1893456000')" -eq 0 -a "$(q 'select count(*) from raw')" -eq 2
st doctor >"$T/doc.out" 2>&1
check "doctor: all ok exits 0" test $? -eq 0
check "doctor: made a request per configured engine" test "$(grep -c '^ok .*one request' "$T/doc.out")" -eq 2
chmod 644 "$T/serptrack.db"
cat >>"$T/serptrack.conf" <<CONF
[engine.duckduckgo]
base_url = http://127.0.0.1:1/duckduckgo
CONF
st doctor >"$T/doc2.out" 2>&1
check "doctor: problems exit 1" test $? -eq 1
check "doctor: world-readable database with its fix" grep -q "fix: chmod 600" "$T/doc2.out"
check "doctor: unreachable engine reported" grep -q "^problem  duckduckgo via direct" "$T/doc2.out"
