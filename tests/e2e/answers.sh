#!/bin/sh
# answers.sh - a serp-api answer without the provider's result structure
# ({}, a search still "Processing", {"message": ...} with HTTP 200) is an
# error check with the reason, never "ok, not ranked": no drop alert for a
# site that was #8. A real "Fully empty" answer stays an ok check.
set -u
. "$(dirname "$0")/../lib.sh"
unset SERPTRACK_DB SERPTRACK_NOW
python3 "$(dirname "$0")/answers_http.py" >"$T/http.out" 2>/dev/null &
HTTP_PID=$!
trap 'kill $HTTP_PID 2>/dev/null; e2e_cleanup' EXIT
HP=
for _ in $(seq 1 50); do
	HP=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/http.out" 2>/dev/null)
	[ -n "$HP" ] && break
	sleep 0.1
done
[ -n "$HP" ] || { echo "not ok - answers_http.py did not start"; exit 1; }
conf() { # conf ANSWER
	cat >"$T/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
max_attempts = 1
[run]
retry_rounds = 0
[alerts]
drop = 1
[engine.google]
provider = serp-api
base_url = http://127.0.0.1:$HP/$1
api_key = k
CONF
	chmod 600 "$T/serptrack.conf"
}
q() { sqlite3 "$T/serptrack.db" "$1"; }
st() { (cd "$T" && "$SERPTRACK" "$@"); }
conf ok
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st kw add "plumber austin" --engine google --site austin-plumbing-pros.com --depth 10 >/dev/null 2>&1
SERPTRACK_NOW=2026-11-01T06:00:00Z st run >/dev/null 2>&1
check "baseline: ok check with the site at #8" \
	test "$(q "select count(*) from \"check\" c join rank r on r.check_id = c.id where c.status = 0 and r.position = 8")" -eq 1
day=2
for a in empty processing message; do
	conf $a
	SERPTRACK_NOW=2026-11-0${day}T06:00:00Z st run >/dev/null 2>&1
	st=$(q "select status || ' ' || coalesce(reason, '') from \"check\" order by id desc limit 1")
	check "$a answer stored as error ($st)" sh -c "echo '$st' | grep -q '^2 serp-api: '"
	day=$((day + 1))
done
check "the processing check names the status" \
	sh -c "sqlite3 '$T/serptrack.db' 'select reason from \"check\"' | grep -q Processing"
check "the message check carries the provider's message" \
	sh -c "sqlite3 '$T/serptrack.db' 'select reason from \"check\"' | grep -q 'Internal server error'"
# a "no successful check" alert about the errors is right; a rank change is not
check "no drop / left_top10 / lost_local alert for non-answers" \
	test "$(q "select count(*) from alert where rule in ('drop', 'left_top10', 'lost_local')")" -eq 0
conf noresults
SERPTRACK_NOW=2026-11-05T06:00:00Z st run >/dev/null 2>&1
check "a Fully empty answer is an ok check (genuinely not ranked)" \
	test "$(q "select status from \"check\" order by id desc limit 1")" -eq 0
