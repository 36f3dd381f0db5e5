#!/bin/sh
# lifecycle.sh - a site's and a keyword's life after `add` (issue 13 #5,
# #10): `site rm` refuses to delete history without --force and says what
# would go; with --force the site's keywords go too and are never fetched
# again; a paused site or keyword is never fetched by run/track/due and is
# shown as paused; `kw set` edits a keyword in place, keeping its history.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
cd "$T" || exit 1
cat >serptrack.conf <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
timeout_ms = 3000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[run]
retry_rounds = 0
CONF
chmod 600 serptrack.conf
st() { "$SERPTRACK" "$@"; }
q() { sqlite3 serptrack.db "$1"; }
checks() { q 'select count(*) from "check"'; }

st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st site add dallasroofingexperts.com >/dev/null 2>&1
st site add rotorooter.com --competitor >/dev/null 2>&1
for kw in "plumber austin" "emergency plumber austin"; do
	st kw add "$kw" --site austin-plumbing-pros.com --depth 10 >/dev/null 2>&1
done
for kw in "roofer dallas" "roof repair dallas"; do
	st kw add "$kw" --site dallasroofingexperts.com --depth 10 >/dev/null 2>&1
done
st track >/dev/null 2>&1
check "4 checks to start with" test "$(checks)" -eq 4

# --- site rm ----------------------------------------------------------------
st site rm dallasroofingexperts.com >out 2>err
rc=$?
check "site rm of a site with history exits 1" test "$rc" -eq 1
check "says how many keywords and checks it would delete" \
	grep -q "2 keywords, 2 checks" err
check "and points at --force" grep -q -- "--force" err
check "nothing was deleted" test "$(q 'select count(*) from keyword')" -eq 4
check "site still listed" sh -c "'$SERPTRACK' site list --format csv | grep -q dallasroofingexperts.com"
st site rm dallasroofingexperts.com --force >out 2>err
check "site rm --force exits 0" test $? -eq 0
check "its keywords are gone" test "$(q 'select count(*) from keyword')" -eq 2
check "their checks are gone" test "$(checks)" -eq 2
check "no keyword is left without a site" \
	test "$(q 'select count(*) from keyword where site_id is null')" -eq 0
q 'update "check" set checked_at = checked_at - 2 * 86400'
st run >/dev/null 2>&1
check "run fetches only the remaining site's 2 keywords" test "$(checks)" -eq 4
check "and nothing for the removed site" \
	test "$(q "select count(*) from \"check\" c join keyword k on k.id = c.keyword_id where k.query like 'roof%'")" -eq 0
ranks=$(q "select count(*) from rank r join site s on s.id = r.site_id where s.domain = 'rotorooter.com'")
st site rm rotorooter.com >out 2>err
check "a competitor goes without --force (only its rank rows)" test $? -eq 0
check "its rank rows went, the checks stayed" \
	test "$ranks" -gt 0 -a "$(checks)" -eq 4 -a "$(q 'select count(*) from rank r where r.site_id not in (select id from site)')" -eq 0

# --- paused site ---------------------------------------------------------------
st site set austin-plumbing-pros.com --paused yes >/dev/null 2>&1
check "site set --paused yes" test "$(q "select paused from site where domain = 'austin-plumbing-pros.com'")" -eq 1
check "site list shows it paused" \
	sh -c "'$SERPTRACK' site list --format csv | grep austin-plumbing-pros.com | grep -q ',true,\\|,yes,\\|,1,'"
check "kw list shows its keywords paused (site)" \
	sh -c "'$SERPTRACK' kw list --format csv | grep 'plumber austin' | grep -q ',site,'"
q 'update "check" set checked_at = checked_at - 2 * 86400'
st run >/dev/null 2>&1
check "run fetches nothing of a paused site" test "$(checks)" -eq 4
st track >/dev/null 2>&1
check "track fetches nothing of a paused site" test "$(checks)" -eq 4
st track --keyword 1 >/dev/null 2>err
check "track --keyword of a paused site's keyword says so" grep -q paused err
check "and fetches nothing" test "$(checks)" -eq 4
st site set austin-plumbing-pros.com --paused no >/dev/null 2>&1
st run >/dev/null 2>&1
check "resumed site: run fetches its 2 keywords" test "$(checks)" -eq 6

# --- kw set / pause / resume -----------------------------------------------------
before=$(q 'select count(*) from "check" where keyword_id = 1')
st kw set 1 --tag money --tag austin --depth 20 --schedule weekly >/dev/null 2>&1
check "kw set exits 0" test $? -eq 0
check "tags, depth and schedule changed" \
	test "$(q 'select tags || "|" || depth || "|" || schedule from keyword where id = 1')" = "money,austin|20|weekly"
check "history kept" test "$(q 'select count(*) from "check" where keyword_id = 1')" -eq "$before"
# kw set's other edits and its refusals, and the usage errors of pause
# and rm: tests/cli/lifecycle.t
st kw pause 2 >/dev/null 2>&1
check "kw pause exits 0" test $? -eq 0
check "kw list shows it paused" sh -c "'$SERPTRACK' kw list --format csv | grep '^2,' | grep -q ',yes,'"
q 'update "check" set checked_at = checked_at - 30 * 86400'
st run >/dev/null 2>&1
check "run skips the paused keyword" \
	test "$(q 'select count(*) from "check" where keyword_id = 2')" -eq 3 -a "$(checks)" -eq 7
st track >/dev/null 2>&1
check "track skips the paused keyword" test "$(q 'select count(*) from "check" where keyword_id = 2')" -eq 3
st kw resume 2 >/dev/null 2>&1
check "kw resume exits 0" test $? -eq 0
st track --keyword 2 >/dev/null 2>&1
check "a resumed keyword is fetched" test "$(q 'select count(*) from "check" where keyword_id = 2')" -eq 4
