#!/bin/sh
# depth.sh - depth economics (issue 18; run by bench/run.sh, key=value
# lines, prefix depth_): with 10 results a page, top-100 costs 10 pages.
# The same keywords are tracked for a simulated month twice, `[crawl]
# depth_mode = full` and `smart` (the page where the site was last seen
# first, widening only when it is not there), at depth 30 and depth 100;
# requests per 1,000 checks of each, smart against full, and every stored
# position compared day by day (a smart check must store the position the
# full one does). The tracked sites are chosen from the first day's page
# at spread positions (and two that do not rank), so the month has sites
# moving between pages as the simulator's rankings drift.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
[ -x ./serptrack ] && [ -x tests/serpsim/serpsim ] || make -s serptrack tests/serpsim/serpsim >&2 || exit 1
DAYS=${DEPTH_BENCH_DAYS:-30}
. bench/lib.sh
bench_sim 0 depth
conf() { # conf MODE
	printf '[crawl]\ndepth_mode = %s\n[engine.google]\nbase_url = http://127.0.0.1:%s/google\nmin_delay_ms = 0\n' \
		"$1" "$PORT" >"$T/$1.conf"
	chmod 600 "$T/$1.conf"
}
conf full
conf smart
queries="plumber austin|emergency plumber dallas|roofer denver|hvac repair phoenix|electrician tampa|water heater repair houston|garage door repair miami|tree service portland|pest control atlanta|locksmith chicago|roof repair seattle|drain cleaning boston"
day() { date -u -d "2026-10-01 +$1 day" +%Y-%m-%d; }
sim_day() { curl -s "http://127.0.0.1:$PORT/_sim/day?date=$1" >/dev/null; }

# The sites: from day 0's full page of each query, the domain at a spread
# of positions (depth 100: 3..95; depth 30: 2..29), plus two that never rank.
pick() { # pick DEPTH POSITIONS...: "query|domain" lines
	depth=$1
	shift
	db="$T/pick$depth.db"
	st() { ./serptrack --db "$db" --config "$T/full.conf" "$@"; }
	st init >/dev/null 2>&1
	st site add pick.example >/dev/null 2>&1
	sim_day "$(day 0)"
	echo "$queries" | tr '|' '\n' | while read -r q; do
		st kw add "$q" --site pick.example --depth 100 >/dev/null 2>&1
	done
	SERPTRACK_NOW="$(day 0)T06:00:00Z" st track >/dev/null 2>&1
	i=0
	for pos in "$@"; do
		i=$((i + 1))
		q=$(echo "$queries" | cut -d'|' -f"$i")
		if [ "$pos" = none ]; then
			echo "$q|never-ranks-$i.example"
			continue
		fi
		d=$(st serp --keyword "$i" --format json 2>/dev/null |
			python3 -c 'import json,sys; j=json.load(sys.stdin); p=int(sys.argv[1]); print([o["domain"] for o in j["organic"] if o["position"]==p][0])' "$pos" 2>/dev/null)
		[ -n "$d" ] && echo "$q|$d"
	done
}

# track DEPTH MODE PAIRS: a month of daily runs; prints requests and checks
track() {
	depth=$1 mode=$2 pairs=$3
	db="$T/$mode$depth.db"
	st() { ./serptrack --db "$db" --config "$T/$mode.conf" "$@"; }
	st init >/dev/null 2>&1
	echo "$pairs" | while IFS='|' read -r q d; do
		st site add "$d" >/dev/null 2>&1
		st kw add "$q" --site "$d" --depth "$depth" >/dev/null 2>&1
	done
	n=0
	while [ "$n" -lt "$DAYS" ]; do
		sim_day "$(day "$n")"
		SERPTRACK_NOW="$(day "$n")T06:00:00Z" st run >/dev/null 2>&1
		n=$((n + 1))
	done
}

positions() { # positions DB: "query day position" per ok check of a tracked site
	sqlite3 "$1" "select k.query, date(r.checked_at, 'unixepoch'), ifnull(r.position, 0)
		from rank r join keyword k on k.id = r.keyword_id join site s on s.id = r.site_id
		where s.id = k.site_id order by 1, 2"
}

for depth in ${DEPTH_BENCH_DEPTHS:-30 100}; do
	if [ "$depth" = 100 ]; then
		pairs=$(pick 100 3 8 14 22 31 45 58 72 88 95 none none)
	else
		pairs=$(pick 30 2 5 9 12 15 18 21 24 27 29 none none)
	fi
	track "$depth" full "$pairs"
	track "$depth" smart "$pairs"
	fr=$(sqlite3 "$T/full$depth.db" "select sum(requests) from \"check\"")
	fc=$(sqlite3 "$T/full$depth.db" "select count(*) from \"check\" where status = 0")
	sr=$(sqlite3 "$T/smart$depth.db" "select sum(requests) from \"check\"")
	sc=$(sqlite3 "$T/smart$depth.db" "select count(*) from \"check\" where status = 0")
	positions "$T/full$depth.db" >"$T/pf$depth"
	positions "$T/smart$depth.db" >"$T/ps$depth"
	mkdir -p bench/out
	diff "$T/pf$depth" "$T/ps$depth" >"bench/out/depth_$depth.diff"
	diffs=$(grep -c '^>' "bench/out/depth_$depth.diff")
	rows=$(wc -l <"$T/pf$depth")
	awk -v d="$depth" -v fr="${fr:-0}" -v fc="${fc:-0}" -v sr="${sr:-0}" -v sc="${sc:-0}" \
		-v diffs="$diffs" -v rows="$rows" 'BEGIN {
		f = fc ? fr * 1000 / fc : 0; s = sc ? sr * 1000 / sc : 0
		printf "depth_%d_checks=%d\n", d, fc
		printf "depth_%d_full_requests_per_1000_checks=%.0f\n", d, f
		printf "depth_%d_smart_requests_per_1000_checks=%.0f\n", d, s
		printf "depth_%d_smart_vs_full=%.2f\n", d, f ? s / f : 0
		printf "depth_%d_positions_compared=%d\n", d, rows
		printf "depth_%d_position_differences=%d\n", d, diffs
	}'
done
echo "depth_note=$DAYS simulated days, 12 Google keywords a depth, one daily \`run\` each; the tracked sites are taken from day 1's page at spread positions (depth 100: 3 to 95; depth 30: 2 to 29) plus two that never rank (those cost the full depth every day in both modes). Requests are what the checks record (pages fetched); the baseline is full depth over the same keywords, days and simulator in the same run."
