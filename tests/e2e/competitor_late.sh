#!/bin/sh
# competitor_late.sh - a site added later gets its past positions from the
# stored result pages (issue 13 #2): after a few simulated days, `site add
# X --competitor` of a domain on the stored pages makes history, rank and
# the report show its real positions (the ones `serp --date` shows), not
# ">30" for every past day, and raises no alert for the past. The same for
# a site made a competitor later (`site set`), and a competitor of one
# site gets rows only for that site's keywords.
set -u
. "$(dirname "$0")/../lib.sh"

start_sim
D=$T/db
mkdir "$D"
cat >"$D/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
timeout_ms = 3000
[run]
retry_delay_ms = 20
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[alerts]
drop = 1
CONF
chmod 600 "$D/serptrack.conf"
st() { (cd "$D" && "$SERPTRACK" "$@"); }
q() { sqlite3 "$D/serptrack.db" "$1"; }
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st site add roofing-austin.com >/dev/null 2>&1
for kw in "plumber austin" "water heater austin" "drain cleaning austin"; do
	st kw add "$kw" --site austin-plumbing-pros.com --depth 30 \
		--location "Austin,Texas,United States" >/dev/null 2>&1
done
days="2026-11-01 2026-11-02 2026-11-03 2026-11-04"
for d in $days; do
	curl -s "http://127.0.0.1:$PORT/_sim/day?date=$d" >/dev/null
	SERPTRACK_NOW=${d}T06:00:00Z st run >/dev/null 2>&1
done
check "four days of checks stored" test "$(q 'select count(*) from "check" where status = 0')" -eq 12
alerts0=$(q 'select count(*) from alert')

# serp_pos KEYWORD DAY DOMAIN: the domain's best organic position on the
# stored page of that day, or ">30" when it is not there
serp_pos() {
	st serp --keyword "$1" --date "$2" --format csv |
		awk -F, -v d="$3" '$1 == "organic" && $3 == d && (b == "" || $2 + 0 < b) { b = $2 + 0 }
			END { print (b == "" ? ">30" : b) }'
}
hist_pos() { # hist_pos KEYWORD SITE: one "day position" line per check
	st history --keyword "$1" --site "$2" --format csv |
		awk -F, 'NR > 1 { print substr($1, 1, 10), ($3 == "" ? ">30" : $3) }'
}
want_of() { # want_of KEYWORD DOMAIN
	for d in $days; do echo "$d $(serp_pos "$1" "$d" "$2")"; done
}

X=mr-plumber.com
want=$(want_of 1 $X)
check "$X is on the stored pages ($(echo $want))" sh -c "echo '$want' | grep -qv '>30'"
st site add $X --competitor >"$T/add.out" 2>&1
check "site add --competitor succeeds" grep -q "added $X" "$T/add.out"
got=$(hist_pos 1 $X)
check "history of the competitor added later = serp --date ($(echo $got))" test "$got" = "$want"
for k in 2 3; do
	check "history of keyword $k agrees with its pages" test "$(hist_pos $k $X)" = "$(want_of $k $X)"
done
last=$(echo "$want" | tail -n 1 | cut -d' ' -f2)
rank_col() { # rank_col COLUMN: that column of keyword 1's row in `rank --site X`
	st rank --site $X --format csv | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["keyword_id"] == "1":
        print(r[sys.argv[1]] or ">30")' "$1"
}
rpos=$(rank_col position)
check "rank shows the latest position ($rpos = $last)" test "$rpos" = "$last"
best=$(echo "$want" | awk '$2 != ">30" && (b == "" || $2 + 0 < b) { b = $2 + 0 } END { print b }')
rbest=$(rank_col best)
check "rank's best position comes from the past too ($rbest = $best)" test "$rbest" = "$best"
SERPTRACK_NOW=2026-11-04T07:00:00Z st report --site austin-plumbing-pros.com --competitor $X \
	--out "$T/r.html" >/dev/null 2>&1
check "the report shows the latest position" \
	sh -c "grep -o 'plumber austin</div>.\{0,160\}' '$T/r.html' | head -n 1 | grep -q '>$last<'"
check "the backfill raised no alert" test "$(q 'select count(*) from alert')" -eq "$alerts0"
SERPTRACK_NOW=2026-11-04T08:00:00Z st run >/dev/null 2>&1
check "nor does the next run (no new check)" test "$(q 'select count(*) from alert')" -eq "$alerts0"
check "site add twice adds no rows" sh -c "! (cd '$D' && '$SERPTRACK' site add $X --competitor) >/dev/null 2>&1"
check "one row per check and site" test "$(q "select count(*) from rank r join site s on s.id = r.site_id where s.domain = '$X'")" -eq 12

# a site of ours made a competitor later
Y=eastsideplumber.com
st site add $Y >/dev/null 2>&1
check "a site of ours without keywords has no rows" test "$(q "select count(*) from rank r join site s on s.id = r.site_id where s.domain = '$Y'")" -eq 0
st site set $Y --competitor >/dev/null 2>&1
check "site set --competitor fills its past" test "$(hist_pos 1 $Y)" = "$(want_of 1 $Y)"

# a competitor of one site only gets that site's keywords (none here)
Z=hillcountryplumbersspecialists.com
st site add $Z >/dev/null 2>&1
q "update site set competitor_of = (select id from site where domain = 'roofing-austin.com') where domain = '$Z'"
st site set $Z --competitor >/dev/null 2>&1
check "a competitor of another site gets no rows on these keywords" \
	test "$(q "select count(*) from rank r join site s on s.id = r.site_id where s.domain = '$Z'")" -eq 0
check "no alert at all from the late sites" test "$(q 'select count(*) from alert')" -eq "$alerts0"
