#!/bin/sh
# grid.sh - geo-grid benchmark (issue 17; run by bench/run.sh, key=value
# lines, prefix grid_): a 21 x 21 grid (441 points) scanned against the
# simulator at GRID_BENCH_LATENCY ms (50) and concurrency 16, wall time
# against the ideal (points x latency / concurrency); then grid_bench.c:
# storing one scan against storing one keyword check (same run), and a
# year of weekly scans read back with their metrics (`grid show --since`).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=bench/out
mkdir -p "$out"
LAT=${GRID_BENCH_LATENCY:-50}
CONC=16
PKG="$(pkg-config --cflags --libs libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib) -lm -lpthread"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ibench -O2 -g"
[ -x ./serptrack ] && [ -x tests/serpsim/serpsim ] && [ -f build/rel/libserptrack.a ] ||
	make -s serptrack tests/serpsim/serpsim build/rel/libserptrack.a >&2 || exit 1
. bench/lib.sh
bench_sim "$LAT" grid
printf '[engine.google]\nbase_url = http://127.0.0.1:%s/google\nmin_delay_ms = 0\n' "$PORT" >"$T/serptrack.conf"
chmod 600 "$T/serptrack.conf"
st() { ./serptrack --db "$T/g.db" --config "$T/serptrack.conf" "$@"; }
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com --business-name "Austin Plumbing Pros" >/dev/null 2>&1
st grid add "plumber austin" --site austin-plumbing-pros.com --center 30.2672,-97.7431 \
	--size 21 --spacing 800m >/dev/null 2>&1 || { echo "grid_error=grid add failed" >&2; exit 1; }
t0=$(date +%s.%N)
st grid scan 1 --concurrency "$CONC" >"$T/scan.txt" 2>&1
t1=$(date +%s.%N)
ok=$(sed -n 's/.*points: \([0-9]*\) ok.*/\1/p' "$T/scan.txt")
awk -v t0="$t0" -v t1="$t1" -v lat="$LAT" -v c="$CONC" -v ok="${ok:-0}" 'BEGIN {
	wall = t1 - t0; ideal = 441 * lat / 1000 / c
	printf "grid_scan_441_points_ok=%d\n", ok
	printf "grid_scan_441_wall_s=%.2f\n", wall
	printf "grid_scan_441_ideal_s=%.2f\n", ideal
	printf "grid_scan_441_vs_ideal=%.2f\n", wall / ideal
}'
a=$(date +%s.%N)
st grid show 1 >/dev/null 2>&1
b=$(date +%s.%N)
awk -v a="$a" -v b="$b" 'BEGIN { printf "grid_show_cli_ms=%.1f\n", (b - a) * 1000 }'
cc $CFLAGS bench/grid_bench.c build/rel/libserptrack.a $PKG -o "$out/grid_bench" >&2 &&
	"$out/grid_bench" "$T/store.db" "${GRID_BENCH_REPS:-52}"
echo "grid_scan_note=Scan ideal = 441 points x ${LAT} ms / ${CONC} in flight (one page each); the simulator shares the $(nproc 2>/dev/null || echo '?') cores (load average at the end: $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')). Storing a scan is one row (the points as one blob); its baseline is one keyword check of 100 results stored by the same store in the same run. The year is 52 weekly scans of 441 points read with their points and metrics, as \`grid show --since\`. \`grid_show_cli_ms\` is the whole \`grid show\` process (start-up included)."
