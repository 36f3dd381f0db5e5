#!/bin/sh
# smart.sh - smart depth ([crawl] depth_mode = smart) against full depth on
# the same simulated days: the site's position is the same, and smart never
# spends more requests (it starts at the page where the site was last seen
# and stops at the first page holding it).
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
for mode in full smart; do
	mkdir "$T/$mode"
	cat >"$T/$mode/serptrack.conf" <<CONF
[crawl]
depth_mode = $mode
[archive]
enabled = yes
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
CONF
	chmod 600 "$T/$mode/serptrack.conf"
	(cd "$T/$mode" && "$SERPTRACK" init && "$SERPTRACK" site add austin-plumbing-pros.com &&
		"$SERPTRACK" site add dallasroofingexperts.com &&
		for e in google bing; do
			for kw in "plumber austin" "emergency plumber austin" "water heater repair austin" \
				"roofer dallas" "roof repair dallas" "drain cleaning austin"; do
				case "$kw" in *dallas*) s=dallasroofingexperts.com ;; *) s=austin-plumbing-pros.com ;; esac
				"$SERPTRACK" kw add "$kw" --engine $e --site $s --depth 30 \
					--location "Austin,Texas,United States" || exit 1
			done
		done) >/dev/null 2>&1
done
pos() { sqlite3 "$T/$1/serptrack.db" "select c.keyword_id, ifnull(r.position, 'none') from \"check\" c join rank r on r.check_id = c.id join site s on s.id = r.site_id join keyword k on k.id = c.keyword_id and k.site_id = s.id where c.checked_at >= $2 order by c.keyword_id"; }
reqs() { sqlite3 "$T/$1/serptrack.db" "select sum(requests) from \"check\" where checked_at >= $2"; }
for d in 01 02 03; do
	curl -s "http://127.0.0.1:$PORT/_sim/day?date=2026-11-$d" >/dev/null
	since=$(date -u -d "2026-11-$d" +%s)
	for mode in full smart; do
		(cd "$T/$mode" && SERPTRACK_NOW=2026-11-${d}T06:00:00Z "$SERPTRACK" track >/dev/null 2>&1)
	done
	check "day $d: smart finds the same positions as full" test "$(pos full "$since")" = "$(pos smart "$since")"
	check "day $d: smart spends no more requests ($(reqs smart "$since") vs $(reqs full "$since"))" \
		test "$(reqs smart "$since")" -le "$(reqs full "$since")"
done
before=$(pos smart 0)
(cd "$T/smart" && "$SERPTRACK" reparse >"$T/rp.out" 2>&1)
check "reparse of smart checks (probed pages archived in page order) changes nothing" \
	sh -c "grep -q ' 0 changed' '$T/rp.out' && test \"\$(cat '$T/rp.out')\" != ''"
check "reparse of smart checks keeps the positions" test "$(pos smart 0)" = "$before"
found=$(sqlite3 "$T/smart/serptrack.db" 'select count(*) from rank where position is not null')
check "the sites rank somewhere ($found rankings), so the comparison means something" test "$found" -gt 0
