#!/bin/sh
# demo.sh - what `make demo` runs: start the SERP simulator on loopback,
# store each of 31 simulated days through `serptrack run` (the cron entry,
# which also raises the alerts), print the rank table and the alerts, and
# write charts and a client report under reports/. Leaves nothing running.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
DAYS=${DEMO_DAYS:-31}
# The end-to-end test runs this same script in a temporary folder with the
# sanitizer build: DEMO_DIR, DEMO_REPORTS, DEMO_BIN and DEMO_SIM say where.
dir=${DEMO_DIR:-demo}
out=${DEMO_REPORTS:-reports}
bin=${DEMO_BIN:-./serptrack}
simbin=${DEMO_SIM:-tests/serpsim/serpsim}
mkdir -p "$dir" "$out"
rm -f "$dir"/serptrack.db "$dir"/serptrack.db-wal "$dir"/serptrack.db-shm "$dir"/sim.out

"$simbin" --port 0 >"$dir/sim.out" 2>"$dir/sim.err" &
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
timeout_ms = 20000

[run]
retry_rounds = 2
retry_delay_ms = 0           ; retry at once: the simulator needs no pause

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

S="$bin --db $dir/serptrack.db --config $dir/serptrack.conf"
$S init
$S site add austin-plumbing-pros.com --name "Austin Plumbing Pros" --niche plumbing \
	--status rented --client "Lone Star Plumbing LLC" --rent 900
$S site add dallasroofingexperts.com --name "Dallas Roofing Experts" --niche roofing \
	--status ranking
$S site add houstonelectricianco.com --name "Houston Electrician Co" --niche electrician \
	--status building
$S site add satx-ac-repair.com --name "SATX AC Repair" --niche hvac --status ranking
$S kw import keywords/demo.csv
# one geo-grid per site (the map pack across its city), scanned weekly by
# the same runs: 7 x 7 points 1.5 km apart around the city centre (3 x 3
# under valgrind, where each point's page costs a hundred times more)
gsize=7
[ -n "${SERPTRACK_UNDER_VALGRIND:-}" ] && gsize=3
for g in "austin-plumbing-pros.com|Austin Plumbing Pros|plumber austin|Austin, TX" \
	"dallasroofingexperts.com|Dallas Roofing Experts|roofer dallas|Dallas, TX" \
	"houstonelectricianco.com|Houston Electrician Co|electrician houston|Houston, TX" \
	"satx-ac-repair.com|SATX AC Repair|ac repair san antonio|San Antonio, TX"; do
	gsite=${g%%|*}; rest=${g#*|}
	gbiz=${rest%%|*}; rest=${rest#*|}
	gq=${rest%%|*}; gloc=${rest#*|}
	$S site set "$gsite" --business-name "$gbiz" >/dev/null
	$S grid add "$gq" --site "$gsite" --location "$gloc" --size "$gsize" --spacing 1.5km >/dev/null
done
[ -f keywords/demo-volumes.csv ] && $S research import-volume keywords/demo-volumes.csv >/dev/null

echo "demo: tracking $(($($S kw list --format csv | wc -l) - 1)) keywords over $DAYS simulated days" >&2
start=$(date +%s)
d=$DAYS
first=
while [ "$d" -ge 1 ]; do
	day=$(date -u -d "@$(( $(date +%s) - (d - 1) * 86400 ))" +%Y-%m-%d)
	first=${first:-$day}
	curl -fsS "$base/_sim/day?date=$day" >/dev/null
	# one cron run a simulated day: tracks what is due, then raises alerts
	SERPTRACK_NOW="${day}T06:00:00Z" $S run 2>"$dir/run.log" ||
		{ cat "$dir/run.log" >&2; exit 1; }
	printf '.' >&2
	d=$((d - 1))
done
echo " done in $(( $(date +%s) - start )) s" >&2

# What to build next: niche x Texas city candidates, their SERPs fetched
# from the simulator into a separate research database, then scored. The
# cities, from keywords/cities.csv by rule so the sizes spread: every 6th of
# the 31 Texas cities of 100,000-400,000 people and every 27th of the 214
# towns of 10,000-100,000 (where rank-and-rent sites are built). The
# sixteen cities the simulator knows by name (Austin, Dallas, Houston, San
# Antonio, ...) are left out: their pages are the fixed ones the tracking
# demo ranks on, not modelled open or saturated (tests/serpsim/README.md).
R="$bin --db $dir/research.db --config $dir/serptrack.conf"
rm -f "$dir"/research.db "$dir"/research.db-wal "$dir"/research.db-shm
$R init >/dev/null
cities=$( (awk -F, '$3 == "TX" && $4 > 100000 && $4 <= 400000 { print $1 }' keywords/cities.csv |
	awk 'NR % 6 == 1'
	awk -F, '$3 == "TX" && $4 >= 10000 && $4 <= 100000 { print $1 }' keywords/cities.csv |
	awk 'NR % 27 == 1') )
{
	echo "query,site,engine,location,tags"
	for n in plumbing roofing electrician hvac "pest control" "garage door"; do
		# one row per niche x city: the head term "{service} {city}"
		echo "$cities" | while IFS= read -r city; do
			$R research expand --niche "$n" --city "$city" --state TX | sed -n 2p
		done
	done
} >"$dir/candidates.csv"
$R kw import "$dir/candidates.csv" >/dev/null
$R research import-volume keywords/demo-volumes.csv >/dev/null
SERPTRACK_NOW="${day}T07:00:00Z" $R track --all 2>>"$dir/track.log" || true

kill "$sim" 2>/dev/null; wait "$sim" 2>/dev/null || true
trap - EXIT INT TERM

# Calls, as a call-tracking tool (CallRail's export columns) would report
# them, so value and portfolio show actual leads beside the estimates. Made
# up here, deterministically, for the demo's days up to yesterday: each
# site gets calls in proportion to its estimated visits (the sites that rank
# better get more), converting at 4.5 % where `value` assumes 5 %; the
# share from the business profile grows with its keywords in the local
# pack, a tenth are paid or direct, the rest organic. About one call in
# seven is shorter than a minute, so not a lead.
d=$DAYS
while [ "$d" -ge 2 ]; do
	date -u -d "@$(( $(date +%s) - (d - 1) * 86400 ))" +%Y-%m-%d
	d=$((d - 1))
done >"$dir/call-days"
$S portfolio --format csv >"$dir/sites.csv"
awk -F, '
NR == FNR {
	if (FNR == 1) { for (i = 1; i <= NF; i++) col[$i] = i; next }
	n++; site[n] = $col["site"]
	rate = $col["est_visits"] * 0.045 / 30
	kws = $col["keywords"] > 0 ? $col["keywords"] : 1
	share[n, 1] = 0.45 * $col["local_pack"] / kws; share[n, 2] = 0.1
	share[n, 0] = 1 - share[n, 1] - share[n, 2]
	for (c = 0; c < 3; c++) { r[n, c] = rate * share[n, c]; acc[n, c] = 0.5 }
	next
}
FNR == 1 {
	split("512 214 713 210", area, " ")
	print "Call Id,Start Time,Duration,Customer Phone Number,Tracking Number,Source,Landing Page"
}
{
	k = FNR
	for (i = 1; i <= n; i++)
		for (c = 0; c < 3; c++)
			for (acc[i, c] += r[i, c]; acc[i, c] >= 1; acc[i, c]--) {
				seq++
				h = (seq * 7919 + k * 104729 + i * 31337) % 1000003
				dur = h % 7 == 0 ? 15 + h % 40 : 65 + h % 500
				if (c == 0) src = seq % 5 == 0 ? "Bing Organic" : "Google Organic"
				else if (c == 1) src = "Google My Business"
				else src = seq % 2 ? "Google Ads" : "Direct"
				a = area[(i - 1) % 4 + 1]
				printf "DEMO%05d,%s %02d:%02d:00,%d,(%s) 555-01%02d,(%s) 555-0100,%s,https://%s/\n",
					seq, $1, 8 + h % 10, h % 60, dur, a, h % 100, a, src, site[i]
			}
}' "$dir/sites.csv" "$dir/call-days" >"$dir/calls.csv"
echo "demo: $($S leads import "$dir/calls.csv")" >&2

echo
echo "== Rank table (positive change = moved up; >30 = not in the top 30 checked)"
$S rank
echo
# The alerts the daily runs raised (no webhook or mail is configured, so
# they are only listed): the count per kind over the whole period, then in
# full those of the last run that raised any.
$S alerts --since "$first" --format csv | sed 1d >"$dir/alerts.csv"
if [ -s "$dir/alerts.csv" ]; then
	kinds=$(cut -d, -f4 "$dir/alerts.csv" | sort | uniq -c | awk '{ printf "%s%d %s", (NR > 1 ? ", " : ""), $1, $2 }')
	last=$(tail -n 1 "$dir/alerts.csv" | cut -c1-10)
	if [ "$last" = "$day" ]; then
		echo "== Alerts raised by the last run ($day); over the $DAYS days: $(wc -l <"$dir/alerts.csv") ($kinds)"
	else
		echo "== The last run raised no alert; those of the run of $last; over the $DAYS days: $(wc -l <"$dir/alerts.csv") ($kinds)"
	fi
	$S alerts --since "$last"
else
	echo "== Alerts: none raised over the $DAYS days"
fi
echo
echo "== What each site is worth"
for site in austin-plumbing-pros.com dallasroofingexperts.com houstonelectricianco.com satx-ac-repair.com; do
	$S value --site "$site"
	echo
done
echo "== Calls of the rented site over the last 7 days (leads list; callers masked)"
$S leads list --site austin-plumbing-pros.com --since "$(date -u -d "@$(( $(date +%s) - 7 * 86400 ))" +%Y-%m-%d)"
echo
echo "== Portfolio"
$S portfolio
echo
echo "== What to build next (niche x Texas city, scored against the simulated SERPs)"
SERPTRACK_NOW="${day}T08:00:00Z" $R research score "$dir/candidates.csv" --top 10
echo
echo "== Local grids (map pack positions across each city, latest weekly scan)"
for id in 1 2 3 4; do
	$S grid show "$id" --color no
	echo
done
echo "== Charts and client report"
$S chart --site austin-plumbing-pros.com --out "$out"/demo-austin-plumbing-pros.png >/dev/null
$S chart --site dallasroofingexperts.com --out "$out"/demo-dallasroofingexperts.svg >/dev/null
kws=$($S kw list --site austin-plumbing-pros.com --format csv | sed 1d | cut -d, -f1 | head -n 3 | sed 's/^/--keyword /' | tr '\n' ' ')
# shellcheck disable=SC2086
$S chart $kws --out "$out"/demo-austin-keywords.svg >/dev/null
for id in 1 2 3 4; do
	gsite=$($S grid list --format csv | awk -F, -v id="$id" '$1 == id { print $3 }')
	$S grid chart "$id" --out "$out/demo-grid-$gsite.png" >/dev/null
done
$S grid chart 1 --compare "$first" --out "$out"/demo-grid-austin-before-after.png >/dev/null
$S report --site austin-plumbing-pros.com --client "Lone Star Plumbing LLC" \
	--brand "Rank & Rent Demo" --out "$out"/demo-report.html >/dev/null
ls -1 "$out"/demo-* | sed 's/^/  /'
echo
echo "Open $out/demo-report.html in a browser. Explore further with:"
echo "  ./serptrack --db $dir/serptrack.db --config $dir/serptrack.conf rank --help"
