#!/bin/sh
# crawl.sh - bench/crawl (issue 7): N keywords (top 10, one page each)
# tracked against the simulator at a fixed latency and concurrency; wall
# time against the ideal (keywords x latency / concurrency) and peak RSS,
# at 1,000 and 10,000 keywords to show RSS stays flat. key=value lines on
# stdout for bench/run.sh. CRAWL_BENCH_SIZES / _LATENCY / _CONCURRENCY scale it.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=bench/out
mkdir -p "$out"
[ -x ./serptrack ] && [ -x tests/serpsim/serpsim ] || make -s serptrack tests/serpsim/serpsim >&2 || exit 1
SIZES=${CRAWL_BENCH_SIZES:-1000 10000}
LAT=${CRAWL_BENCH_LATENCY:-50}
CONC=${CRAWL_BENCH_CONCURRENCY:-16}
. bench/lib.sh
bench_sim "$LAT" crawl
cat >"$T/serptrack.conf" <<CONF
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
CONF
chmod 600 "$T/serptrack.conf"
echo "crawl_latency_ms=$LAT"
echo "crawl_concurrency=$CONC"
peak_rss_kb() { # peak_rss_kb CMD...: runs it, prints its max RSS in KB
	if /usr/bin/time -v true >/dev/null 2>&1; then
		/usr/bin/time -v "$@" 2>"$T/time.err" >/dev/null
		sed -n 's/.*Maximum resident set size (kbytes): *\([0-9]*\).*/\1/p' "$T/time.err"
	else
		"$@" >/dev/null 2>&1
		echo 0
	fi
}
for n in $SIZES; do
	db="$T/bench_$n.db"
	./serptrack --db "$db" --config "$T/serptrack.conf" init >/dev/null 2>&1
	awk -v n="$n" 'BEGIN {
		print "query,engine,depth,location"
		for (i = 0; i < n; i++)
			printf "\"plumber %d austin\",%s,10,\"Austin,Texas,United States\"\n", i, (i % 2 ? "bing" : "google")
	}' >"$T/kw.csv"
	./serptrack --db "$db" --config "$T/serptrack.conf" kw import "$T/kw.csv" >/dev/null 2>&1
	t0=$(date +%s.%N)
	rss=$(peak_rss_kb ./serptrack --db "$db" --config "$T/serptrack.conf" track --concurrency "$CONC")
	t1=$(date +%s.%N)
	ok=$(sqlite3 "$db" 'select count(*) from "check" where status = 0')
	awk -v n="$n" -v t0="$t0" -v t1="$t1" -v lat="$LAT" -v c="$CONC" -v rss="$rss" -v ok="$ok" 'BEGIN {
		wall = t1 - t0; ideal = n * lat / 1000 / c
		printf "crawl_%d_keywords_ok=%d\n", n, ok
		printf "crawl_%d_wall_s=%.2f\n", n, wall
		printf "crawl_%d_ideal_s=%.2f\n", n, ideal
		printf "crawl_%d_vs_ideal=%.2f\n", n, wall / ideal
		printf "crawl_%d_peak_rss_mb=%.1f\n", n, rss / 1024
	}'
	rm -f "$db" "$db-wal" "$db-shm"
done
# The simulator shares the cores: under load its served latency, not the
# crawler, sets the pace; say how loaded the machine was.
echo "crawl_note=Ideal = keywords x ${LAT} ms / ${CONC} in flight (one page each). The simulator runs on the same $(nproc 2>/dev/null || echo '?') cores; load average at the end: $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'). Peak RSS is the track process (from /usr/bin/time -v)."
