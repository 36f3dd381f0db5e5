#!/bin/sh
# share.sh - one fetch serves everyone (issue 18 #3): two sites tracking the
# same 3 keywords cost one fetch per keyword, not two; each site's ranks
# equal what separate fetches give, every keyword has its own check, and
# the usage ledger and the checks' requests count the requests once.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
served() { curl -s "http://127.0.0.1:$PORT/_sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["by_engine"]["google"])'; }
for db in a b both; do
	mkdir "$T/$db"
	printf '[engine.google]\nbase_url = http://127.0.0.1:%s/google\nmin_delay_ms = 0\n' "$PORT" \
		>"$T/$db/serptrack.conf"
	chmod 600 "$T/$db/serptrack.conf"
	case $db in a) sites=austin-plumbing-pros.com ;; b) sites=yelp.com ;;
	both) sites="austin-plumbing-pros.com yelp.com" ;; esac
	(cd "$T/$db" && "$SERPTRACK" init && for s in $sites; do
		"$SERPTRACK" site add $s || exit 1
		for kw in "plumber austin" "emergency plumber austin" "water heater repair austin"; do
			"$SERPTRACK" kw add "$kw" --site $s --depth 30 \
				--location "Austin,Texas,United States" || exit 1
		done
	done) >/dev/null 2>&1
done
curl -s "http://127.0.0.1:$PORT/_sim/day?date=2026-11-02" >/dev/null
spent() { # spent DB: requests the simulator served for one run of DB
	s0=$(served)
	(cd "$T/$1" && SERPTRACK_NOW=2026-11-02T06:00:00Z "$SERPTRACK" run >"$T/$1.out" 2>&1)
	echo $(($(served) - s0))
}
ra=$(spent a)
rb=$(spent b)
rboth=$(spent both)
check "two sites on the same keywords cost what one does ($rboth vs $ra + $rb)" \
	test "$rboth" -gt 0 -a "$rboth" -eq "$ra" -a "$rb" -eq "$ra"
pos() { # pos DB SITE: query and position of SITE on every check of its keywords
	sqlite3 "$T/$1/serptrack.db" "select k.query, ifnull(r.position, 'none'), c.depth, c.status
		from \"check\" c join keyword k on k.id = c.keyword_id join site s on s.id = k.site_id
		left join rank r on r.check_id = c.id and r.site_id = s.id
		where s.domain = '$2' order by k.query"
}
check "site 1's ranks equal separate fetches" test "$(pos both austin-plumbing-pros.com)" = "$(pos a austin-plumbing-pros.com)"
check "site 2's ranks equal separate fetches" test "$(pos both yelp.com)" = "$(pos b yelp.com)"
found=$(pos both yelp.com | grep -vc '|none|')
check "site 2 ranks somewhere ($found), so the comparison means something" test "$found" -gt 0
nchk=$(sqlite3 "$T/both/serptrack.db" 'select count(*) from "check"')
check "every keyword of both sites has its own check ($nchk)" test "$nchk" -eq 6
sumreq=$(sqlite3 "$T/both/serptrack.db" 'select sum(requests) from "check"')
check "the checks' requests sum to the requests made ($sumreq)" test "$sumreq" -eq "$rboth"
led=$(cd "$T/both" && "$SERPTRACK" usage --since 2000-01-01 --format csv 2>/dev/null |
	awk -F, '$1 == "direct" { s += $3 } END { print s + 0 }')
check "usage counts the shared requests once ($led)" test "$led" -eq "$rboth"
# track (not run) shares too
s0=$(served)
(cd "$T/both" && SERPTRACK_NOW=2026-11-02T07:00:00Z "$SERPTRACK" track >/dev/null 2>&1)
check "track shares the fetch as well" test $(($(served) - s0)) -eq "$ra"
# across the day: a site added at noon on keywords another site's run
# already fetched this morning is stored from those checks, not fetched
mkdir "$T/late" && cp "$T/a/serptrack.conf" "$T/late/" && cd "$T/late" || exit 1
"$SERPTRACK" init >/dev/null 2>&1
add_site() {
	"$SERPTRACK" site add "$1" || exit 1
	for kw in "plumber austin" "emergency plumber austin" "water heater repair austin"; do
		"$SERPTRACK" kw add "$kw" --site "$1" --depth 30 --location "Austin,Texas,United States" || exit 1
	done
}
add_site austin-plumbing-pros.com >/dev/null 2>&1
s0=$(served)
SERPTRACK_NOW=2026-11-02T06:00:00Z "$SERPTRACK" run >/dev/null 2>&1
add_site yelp.com >/dev/null 2>&1
s1=$(served)
SERPTRACK_NOW=2026-11-02T12:00:00Z "$SERPTRACK" run >/dev/null 2>&1
check "a site added later the same day costs no request ($((s1 - s0)) then $(($(served) - s1)))" \
	test $((s1 - s0)) -eq "$ra" -a "$(served)" -eq "$s1"
check "its ranks are what its own fetch gives" test "$(pos late yelp.com)" = "$(pos b yelp.com)"
check "the copies carry no requests" test "$(sqlite3 serptrack.db 'select sum(requests) from "check"')" -eq "$ra"
s1=$(served)
SERPTRACK_NOW=2026-11-03T06:00:00Z "$SERPTRACK" run >/dev/null 2>&1
check "the next day both sites share one fetch again ($(($(served) - s1)))" test $(($(served) - s1)) -eq "$ra"
