#!/bin/sh
# chart.sh - charts and reports benchmark (run by bench/run.sh, key=value
# lines on stdout, prefix chart_): 200 keyword charts of a year of daily
# positions through one gnuplot process vs one process per chart; the HTML
# report renderer in memory; and `serptrack report` / `serptrack chart
# --site` on a database filled through the store API with 200 keywords x
# 365 days (goal: report under 2 s).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
N=${BENCH_CHARTS:-200}
DAYS=${BENCH_DAYS:-365}
out=bench/out
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
PKG="$(pkg-config --cflags --libs libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib) -lm -lpthread"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -O2 -g"
[ -f build/rel/libserptrack.a ] || make --no-print-directory build/rel/libserptrack.a >&2

cc $CFLAGS bench/chart_bench.c build/rel/libserptrack.a $PKG -o "$out/chart_bench" >&2 &&
	"$out/chart_bench" "$tmp" "$N" "$DAYS"

# the whole command on a real database
if cc $CFLAGS bench/report_fill.c build/rel/libserptrack.a $PKG -o "$out/report_fill" >&2 2>"$tmp/cc.err" &&
	[ -x ./serptrack ]; then
	"$out/report_fill" "$tmp/bench.db" "$N" "$DAYS" || exit 1
	echo "chart_db_bytes=$(wc -c <"$tmp/bench.db")"
	a=$(date +%s.%N)
	./serptrack --db "$tmp/bench.db" report --site bench-plumbing.com --days "$DAYS" \
		--out "$tmp/report.html" >/dev/null || exit 1
	b=$(date +%s.%N)
	echo "chart_report_cli_s=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }')"
	echo "chart_report_cli_bytes=$(wc -c <"$tmp/report.html")"
	a=$(date +%s.%N)
	./serptrack --db "$tmp/bench.db" chart --site bench-plumbing.com --out "$tmp/site.png" >/dev/null || exit 1
	b=$(date +%s.%N)
	echo "chart_site_chart_cli_s=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }')"
	echo "chart_report_note=\`serptrack report\` on $N keywords x $DAYS days of daily checks (goal < 2 s); the one-process speed-up is the time of $N gnuplot runs over one run drawing all $N charts."
else
	echo "chart_report_cli_s=not run (store or serptrack binary not built)"
fi
