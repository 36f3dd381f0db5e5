#!/bin/sh
# smartdepth.sh - smart depth numbers a probed later page with the real
# organic count of the earlier pages (issue 12 #6). The simulator serves
# "plumber austin" with only 8 organic results on page 1, so page 2 starts
# at #9, not #11. On one simulated day (the same SERP), a full check and a
# smart probe must store the same position and raise no drop alert; with no
# earlier full check to count from (a database from before page counts were
# kept), the probe is stored as approximate, shown as ~N, and raises no
# position alert.
set -u
. "$(dirname "$0")/../lib.sh"
Q="plumber austin"
LOC="Austin,Texas,United States"
start_sim --page1-organic "8:$Q"
curl -s "http://127.0.0.1:$PORT/_sim/day?date=2026-11-01" >/dev/null
conf() { # conf DIR MODE
	cat >"$1/serptrack.conf" <<CONF
[crawl]
depth_mode = $2
[alerts]
drop = 1
[archive]
enabled = yes
[engine.google]
base_url = http://127.0.0.1:$PORT/google
CONF
	chmod 600 "$1/serptrack.conf"
}
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
q() { sqlite3 "$1/serptrack.db" "$2"; }

# A domain ranking once on page 2, past the fake #11-#12 gap, as the site.
mkdir "$T/scout"
conf "$T/scout" full
st "$T/scout" init >/dev/null 2>&1
st "$T/scout" site add austin-plumbing-pros.com >/dev/null 2>&1
st "$T/scout" kw add "$Q" --engine google --site austin-plumbing-pros.com --depth 30 \
	--location "$LOC" >/dev/null 2>&1
st "$T/scout" track >/dev/null 2>&1
st "$T/scout" serp --keyword 1 --format csv >"$T/serp.csv" 2>/dev/null
SITE=$(awk -F, '$1 == "organic" { pos[$3] = $2; cnt[$3]++ }
	END { for (d in cnt) if (cnt[d] == 1 && pos[d] >= 13 && pos[d] <= 17) { print pos[d], d } }' \
	"$T/serp.csv" | sort -n | head -1)
P=${SITE%% *}
SITE=${SITE#* }
check "the simulator's page 1 has 8 organic results, page 2 starts at #9" \
	sh -c "grep -c '^organic,' '$T/serp.csv' | grep -qx 28"
check "a page-2 site to track ($SITE at #$P)" test -n "$SITE" -a -n "$P"

setup() { # setup DIR
	mkdir "$1"
	conf "$1" full
	st "$1" init >/dev/null 2>&1
	st "$1" site add "$SITE" >/dev/null 2>&1
	st "$1" kw add "$Q" --engine google --site "$SITE" --depth 30 --location "$LOC" >/dev/null 2>&1
}
last() { q "$1" "select ifnull(r.position, 'none') from rank r join \"check\" c on c.id = r.check_id order by c.checked_at desc, c.id desc limit 1"; }
lastreq() { q "$1" "select requests from \"check\" order by checked_at desc, id desc limit 1"; }
alerts() { q "$1" "select count(*) from alert where rule in ('drop', 'left_top3', 'entered_top3', 'left_top10', 'entered_top10')"; }

# 1. full check, then a smart probe of page 2 on the same SERP
A="$T/a"
setup "$A"
SERPTRACK_NOW=2026-11-01T06:00:00Z st "$A" run >/dev/null 2>&1
full=$(last "$A")
check "full check stores #$P ($full)" test "$full" = "$P"
conf "$A" smart
SERPTRACK_NOW=2026-11-02T06:00:00Z st "$A" run >/dev/null 2>&1
smart=$(last "$A")
check "the smart run probed page 2 alone (1 request: $(lastreq "$A"))" test "$(lastreq "$A")" = 1
check "smart probe stores the same position as the full check ($smart vs $full)" test "$smart" = "$full"
check "no drop alert between the full check and the probe ($(alerts "$A") raised)" test "$(alerts "$A")" = 0
check "the exact probe is not marked approximate in history" \
	sh -c "cd '$A' && '$SERPTRACK' history --keyword 1 --format csv | tail -1 | grep -q ',$P,' && \
		! '$SERPTRACK' history --keyword 1 | grep -q '~'"
# the probe's page counts carry on: a second probe is exact too
SERPTRACK_NOW=2026-11-03T06:00:00Z st "$A" run >/dev/null 2>&1
check "a second probe still numbers from the full check's page 1 ($(last "$A"))" test "$(last "$A")" = "$P"

# reparse numbers the archived probed page with the counts it was stored with
st "$A" reparse >"$T/rp_a" 2>&1
rp=$(q "$A" "select group_concat(position) from (select r.position from rank r join \"check\" c on c.id = r.check_id order by c.checked_at)")
check "reparse ran over the archived probes ($(cat "$T/rp_a"))" grep -q '3 checks reparsed' "$T/rp_a"
check "reparse keeps the probes' positions ($rp)" test "$rp" = "$P,$P,$P"

# 2. no earlier full check to count from: approximate, no position alert
B="$T/b"
setup "$B"
SERPTRACK_NOW=2026-11-01T06:00:00Z st "$B" run >/dev/null 2>&1
# what a database from before page counts were kept holds
q "$B" "update \"check\" set pages = null" 2>/dev/null
conf "$B" smart
SERPTRACK_NOW=2026-11-02T06:00:00Z st "$B" run >/dev/null 2>&1
check "the probe without page counts is stored as approximate" \
	test "$(q "$B" "select approx from \"check\" order by checked_at desc, id desc limit 1")" = 1
check "no drop alert on an approximate position ($(alerts "$B") raised)" test "$(alerts "$B")" = 0
st "$B" history --keyword 1 >"$T/hist_b" 2>&1
check "history shows the approximate position as ~N" grep -q '~[0-9]' "$T/hist_b"
st "$B" history --keyword 1 --format json >"$T/hist_b.json" 2>&1
check "history JSON flags it approximate" grep -q '"approx": *true' "$T/hist_b.json"
st "$B" rank >"$T/rank_b" 2>&1
check "rank shows the approximate position as ~N" grep -q '~[0-9]' "$T/rank_b"
# after an approximate check the next smart run counts again from page 1
SERPTRACK_NOW=2026-11-03T06:00:00Z st "$B" run >/dev/null 2>&1
check "the next smart run after an approximate one is exact ($(last "$B"))" \
	test "$(last "$B")" = "$P" -a "$(q "$B" "select approx from \"check\" order by checked_at desc, id desc limit 1")" = 0
check "still no position alert ($(alerts "$B") raised)" test "$(alerts "$B")" = 0
