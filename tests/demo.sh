#!/bin/sh
# demo.sh - what `make demo` runs: start the SERP simulator on loopback,
# track the demo keywords over 30 simulated days, print the rank table, and
# write charts and a client report under reports/. Leaves nothing running.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
DAYS=${DEMO_DAYS:-30}
dir=demo
mkdir -p "$dir" reports
rm -f "$dir"/serptrack.db "$dir"/serptrack.db-wal "$dir"/serptrack.db-shm "$dir"/sim.out

tests/serpsim/serpsim --port 0 >"$dir/sim.out" 2>"$dir/sim.err" &
sim=$!
trap 'kill "$sim" 2>/dev/null; wait "$sim" 2>/dev/null || true' EXIT INT TERM
i=0
until grep -q '^listening on ' "$dir/sim.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "serptrack: demo: simulator did not start" >&2; exit 1; }
	sleep 0.1
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$dir/sim.out" | head -n 1)
base="http://127.0.0.1:$port"

umask 077
cat >"$dir/serptrack.conf" <<CONF
# Demo configuration: every engine points at the local SERP simulator.
[crawl]
concurrency = 8
timeout_s = 20

[engine.google]
provider = direct
base_url = $base/google
min_delay_ms = 0
jitter_ms = 0

[engine.bing]
provider = direct
base_url = $base/bing
min_delay_ms = 0
jitter_ms = 0

[engine.duckduckgo]
provider = direct
base_url = $base/duckduckgo
min_delay_ms = 0
jitter_ms = 0
CONF

S="./serptrack --db $dir/serptrack.db --config $dir/serptrack.conf"
$S init
$S site add austin-plumbing-pros.com --name "Austin Plumbing Pros" --niche plumbing \
	--status rented --client "Lone Star Plumbing LLC" --rent 900
$S site add dallasroofingexperts.com --name "Dallas Roofing Experts" --niche roofing \
	--status ranking
$S site add houstonelectricianco.com --name "Houston Electrician Co" --niche electrician \
	--status building
$S kw import keywords/demo.csv
[ -f keywords/demo-volumes.csv ] && $S research import-volume keywords/demo-volumes.csv >/dev/null

echo "demo: tracking $(($($S kw list --format csv | wc -l) - 1)) keywords over $DAYS simulated days" >&2
start=$(date +%s)
d=$DAYS
while [ "$d" -ge 1 ]; do
	day=$(date -u -d "@$(( $(date +%s) - (d - 1) * 86400 ))" +%Y-%m-%d)
	curl -fsS "$base/_sim/day?date=$day" >/dev/null
	SERPTRACK_NOW="${day}T06:00:00Z" $S track --all 2>"$dir/track.log" ||
		{ cat "$dir/track.log" >&2; exit 1; }
	printf '.' >&2
	d=$((d - 1))
done
echo " done in $(( $(date +%s) - start )) s" >&2

kill "$sim" 2>/dev/null; wait "$sim" 2>/dev/null || true
trap - EXIT INT TERM

echo
echo "== Rank table (positive change = moved up)"
$S rank

# Rank-and-rent: what to build next, site values, portfolio (research helper).
sh tests/demo-research.sh "$S"
