#!/bin/sh
# scale.sh [N] [DAYS] - issue 12 #20: times `rank` and `report` on N
# keywords x DAYS daily checks (default 100000 x 7, filled by
# bench/scale_fill.sh) with ./serptrack and with a baseline binary built
# from the commit before the change (BASE, default 6b330cf) in a temporary
# directory. Prints key=value lines (wall and CPU seconds, best of RUNS)
# and checks that both binaries print the same rank table.
# Not part of `make test`: filling 100k keywords takes a few minutes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
N=${1:-100000}
DAYS=${2:-7}
BASE=${BASE:-6b330cf}
RUNS=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
[ -x ./serptrack ] || make --no-print-directory serptrack >&2 || exit 1
mkdir -p "$tmp/base"
git archive "$BASE" | tar -x -C "$tmp/base" &&
	make --no-print-directory -C "$tmp/base" -j2 serptrack >/dev/null 2>&1 || {
	echo "scale: cannot build the baseline $BASE" >&2
	exit 1
}
sh bench/scale_fill.sh "$tmp/s.db" "$N" "$DAYS" || exit 1
# the same clock for both, so the reports compare byte for byte
SERPTRACK_NOW=$(date -u -d tomorrow +%Y-%m-%d)
export SERPTRACK_NOW

# best of RUNS: wall and user+sys seconds
timeit() { # timeit NAME CMD...
	name=$1
	shift
	best=""
	bcpu=""
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || {
			cat "$tmp/err" >&2
			return 1
		}
		w=$(awk '{ print $1 }' "$tmp/t")
		c=$(awk '{ printf "%.2f", $2 + $3 }' "$tmp/t")
		if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$w
			bcpu=$c
		fi
		i=$((i + 1))
	done
	echo "${name}_s=$best"
	echo "${name}_cpu_s=$bcpu"
}

echo "scale_keywords=$N"
echo "scale_days=$DAYS"
echo "scale_load=$(cut -d' ' -f1 /proc/loadavg)"
for b in new base; do
	if [ "$b" = new ]; then bin=./serptrack; else bin=$tmp/base/serptrack; fi
	timeit "scale_rank_$b" "$bin" --db "$tmp/s.db" rank --format csv
	timeit "scale_report_$b" "$bin" --db "$tmp/s.db" report --site scale-site.com \
		--out "$tmp/report-$b.html"
	"$bin" --db "$tmp/s.db" rank --format csv >"$tmp/rank-$b.csv"
done
# the approx column (issue 12 #6) is new; the rest must match byte for byte
if head -n 1 "$tmp/rank-new.csv" | grep -q ',approx$'; then
	sed 's/,[^,]*$//' "$tmp/rank-new.csv" >"$tmp/rank-new.cut" && mv "$tmp/rank-new.cut" "$tmp/rank-new.csv"
fi
cmp -s "$tmp/rank-new.csv" "$tmp/rank-base.csv" && echo "scale_rank_same=yes" || echo "scale_rank_same=NO"
# the report's content changed on purpose since the baseline (issue 13:
# competitors table, averages counting "not ranked"), so its HTML is not
# compared here; test_report_scale checks the report model field by field
echo "scale_report_note=The report's HTML is not compared with the baseline's: issue 13 changed its content on purpose; test_report_scale checks every field of the report model against a recorded digest."
