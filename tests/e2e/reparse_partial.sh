#!/bin/sh
# reparse_partial.sh - `reparse` keeps a check's fetch error unless every
# page the check needs is archived: a check whose page 2 was reset (page 1
# archived, page 2 never) stays error, with its reason, after reparse.
set -u
. "$(dirname "$0")/../lib.sh"
unset SERPTRACK_DB SERPTRACK_NOW
start_sim --fault reset:1 --fault-min-page 2
cat >"$T/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
max_attempts = 1
[archive]
enabled = yes
[engine.google]
base_url = http://127.0.0.1:$PORT/google
CONF
chmod 600 "$T/serptrack.conf"
q() { sqlite3 "$T/serptrack.db" "$1"; }
st() { (cd "$T" && "$SERPTRACK" "$@"); }
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st kw add "plumber austin" --site austin-plumbing-pros.com --depth 30 \
	--location "Austin,Texas,United States" >/dev/null 2>&1
st track >/dev/null 2>&1
before=$(q 'select status || "|" || coalesce(reason, "") from "check"')
check "page 2 reset: the check is an error ($before)" test "$(q 'select status from "check"')" -eq 2
check "page 1 was archived" test "$(q 'select count(*) from raw')" -eq 1
st reparse >"$T/rp.out" 2>&1
check "reparse exits 0" test $? -eq 0
after=$(q 'select status || "|" || coalesce(reason, "") from "check"')
check "after reparse the check is still an error with its reason ($after)" test "$after" = "$before"
check "reparse changed no status" grep -q "0 changed" "$T/rp.out"
