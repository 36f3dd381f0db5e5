#!/bin/sh
# job.sh - whole-job cost (issue 9): CPU seconds and peak RSS per 1,000
# checks end to end (fetch, parse, store) for `make demo`'s tracking and for
# `run` over 10,000 keywords, against the simulator with no added latency.
# The baseline, measured in the same run, is the bare fetch: the same
# number of pages pulled by one curl process, so the ratio says what
# parsing and storing add. key=value lines on stdout for bench/run.sh.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
N=${JOB_BENCH_KEYWORDS:-10000}
tmp=$(mktemp -d)
sim=""
trap '[ -n "$sim" ] && kill "$sim" 2>/dev/null; rm -rf "$tmp"' EXIT

# 1. the demo's tracking (31 simulated days of 36 keywords), latency 0
python3 bench/measure.py job_demo env DEMO_DIR="$tmp/demo" DEMO_REPORTS="$tmp/reports" \
	sh tests/demo.sh || echo "job_demo_error=1"
demo_checks=$(sqlite3 "$tmp/demo/serptrack.db" 'select count(*) from "check"' 2>/dev/null || echo 0)
echo "job_demo_checks=$demo_checks"

# 2. run over N keywords, one page each, concurrency 16
tests/serpsim/serpsim --port 0 >"$tmp/sim.out" 2>/dev/null &
sim=$!
i=0
until grep -q '^listening on ' "$tmp/sim.out" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "job_error=1"; exit 1; }; sleep 0.1
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/sim.out")
umask 077
cat >"$tmp/serptrack.conf" <<CONF
[crawl]
concurrency = 16
[engine.google]
base_url = http://127.0.0.1:$port/google
min_delay_ms = 0
jitter_ms = 0
CONF
S="./serptrack --db $tmp/job.db --config $tmp/serptrack.conf"
$S init >/dev/null
cities="Austin Dallas Houston San_Antonio Fort_Worth El_Paso Arlington Plano Lubbock Laredo"
python3 - "$N" >"$tmp/kw.csv" <<'PY'
import sys
n = int(sys.argv[1])
niches = ["plumber", "roofer", "electrician", "hvac repair", "locksmith", "dentist", "towing",
          "garage door repair", "pest control", "tree service"]
cities = ["Austin", "Dallas", "Houston", "San Antonio", "Fort Worth", "El Paso", "Arlington",
          "Plano", "Lubbock", "Laredo"]
mods = ["", "emergency ", "best ", "24 hour ", "affordable ", "local ", "cheap ", "top rated ",
        "licensed ", "same day "]
print("query,engine,location,depth")
i = 0
while i < n:
    for m in mods:
        for s in niches:
            for c in cities:
                if i >= n:
                    break
                print(f'{m}{s} {c.lower()} {i // 1000},google,"{c},Texas,United States",10')
                i += 1
PY
$S kw import "$tmp/kw.csv" >/dev/null 2>&1 || echo "job_import_error=1"
python3 bench/measure.py job_run env SERPTRACK_NOW=2026-11-20T06:00:00Z $S run --concurrency 16 ||
	echo "job_run_error=1"
ok=$(sqlite3 "$tmp/job.db" "select count(*) from \"check\" where status = 0" 2>/dev/null || echo "?")
all=$(sqlite3 "$tmp/job.db" 'select count(*) from "check"' 2>/dev/null || echo "?")
echo "job_run_keywords=$N"
echo "job_run_checks=$all"
echo "job_run_checks_ok=$ok"
echo "job_db_bytes=$(stat -c %s "$tmp/job.db")"

# 3. baseline: the same N pages fetched by one curl process (no parse, no store)
awk -v n="$N" -v p="$port" 'BEGIN { for (i = 0; i < n; i++) printf "url = \"http://127.0.0.1:%s/google/search?q=plumber+austin+%d&gl=us&hl=en\"\noutput = /dev/null\n", p, i }' >"$tmp/curl.cfg"
python3 bench/measure.py job_curl curl -s --no-progress-meter --parallel --parallel-max 16 -K "$tmp/curl.cfg" ||
	echo "job_curl_error=1"
