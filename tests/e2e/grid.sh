#!/bin/sh
# grid.sh - geo-grids end to end against the simulator (issue 17): grid
# add checks every option and prints the cost first, a scan makes one
# request per point through the usage ledger, `grid show` prints the map
# and metrics that agree with its points, the point nearest the business
# ranks at least as well as the farthest, blocked points are blocked
# (never "not found"), `run` scans what is due once, SerpApi's Maps list
# gives positions beyond the pack, a hostile query stays inert in the
# heat map, and `grid rm` removes the grid and its scans.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
HERE=$PWD
conf() { (cd "$HERE" && sim_conf google); } # sim_conf finds keywords/ from here
conf
cd "$T" || exit 1
S() { "$SERPTRACK" "$@"; }
json() { # json FILE EXPR: python over the JSON in FILE as j
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"
}
S init >/dev/null 2>&1
S site add austin-plumbing-pros.com --business-name "Austin Plumbing Pros" >/dev/null 2>&1

# --- grid add: every option checked before anything is stored -------------
add() { S grid add "plumber austin" --site austin-plumbing-pros.com "$@" >out.txt 2>err.txt; echo $?; }
check "an even size is a usage error" test "$(add --location "Austin, TX" --size 4 --spacing 1km)" = 2
check "a size above 21 is a usage error" test "$(add --location "Austin, TX" --size 23 --spacing 1km)" = 2
check "a spacing without a number is a usage error" test "$(add --location "Austin, TX" --size 5 --spacing km)" = 2
check "centre and location together are a usage error" \
	test "$(add --location "Austin, TX" --center 30.2,-97.7 --size 5 --spacing 1km)" = 2
check "a latitude beyond 90 is a usage error" test "$(add --center 91,-97.7 --size 5 --spacing 1km)" = 2
check "bing has no local results for a grid" \
	test "$(add --location "Austin, TX" --size 5 --spacing 1km --engine bing)" = 2
S grid add q --site austin-plumbing-pros.com --location 'Austn, TX' --size 5 --spacing 1km >/dev/null 2>e.txt
check "an unknown city fails" test $? = 1
check "with a suggestion" grep -q 'Austin,Texas' e.txt
check "an untracked site fails" \
	sh -c "\"$SERPTRACK\" grid add q --site nowhere.example --center 30,-97 --size 3 --spacing 1km; test \$? = 1"
check "nothing was stored by the refused adds" test "$(S grid list --format json | json /dev/stdin 'len(j)')" = 0
check "a 5x5 grid is added" test "$(add --location "Austin, TX" --size 5 --spacing 1.5km)" = 0
check "grid add prints the cost before any scan" grep -q '25 requests per scan' out.txt
S grid list --format json >list.json 2>/dev/null
check "grid list --format json has DESIGN's keys" \
	test "$(json list.json '[sorted(set(["id","query","site","size","spacing_m","schedule"]) - set(j[0]))]')" = "[[]]"
check "the grid is weekly by default, 1500 m apart" \
	test "$(json list.json 'j[0]["schedule"], j[0]["spacing_m"]')" = "('weekly', 1500)"
check "the same grid twice is refused" test "$(add --location "Austin, TX" --size 5 --spacing 1.5km)" = 1

# --- a scan -----------------------------------------------------------------
S grid scan 1 >scan.txt 2>&1
check "grid scan checks 25 points" grep -q '25 points: 25 ok' scan.txt
check "each point is one request in the usage ledger" \
	test "$(sqlite3 serptrack.db 'select sum(requests) from usage')" = 25
S grid show 1 --format json >show.json 2>/dev/null
check "grid show --format json has 25 points with rows and columns" \
	test "$(json show.json 'len(j["points"]), max(p["row"] for p in j["points"]), max(p["col"] for p in j["points"])')" = "(25, 4, 4)"
# ATRP recomputed from the points: not found = 21
check "ATRP agrees with its points" json show.json \
	'1/(abs(j["atrp"] - sum(p["local_position"] or 21 for p in j["points"]) / 25) < 1e-9)'
check "SoLV agrees with its points" json show.json \
	'1/(abs(j["solv"] - sum(1 for p in j["points"] if (p["local_position"] or 99) <= 3) / 25) < 1e-9)'
S grid show 1 >map.txt 2>/dev/null
check "the text map has one line per row and the metrics" \
	sh -c 'test "$(grep -c "^ *[0-9-]" map.txt)" -ge 5 && grep -q "ARP .* ATRP .* SoLV" map.txt'

# --- nearer ranks better: the business's own coordinates from the Maps API
curl -s "http://127.0.0.1:$PORT/serp-api/search.json?engine=google_maps&type=search&q=plumber+austin&ll=@30.2672,-97.7431,14z&api_key=k" >maps.json
python3 - show.json maps.json >near.txt <<'PY'
import json, math, sys
show = json.load(open(sys.argv[1])); maps = json.load(open(sys.argv[2]))
biz = [p for p in maps.get("local_results", []) if "Austin Plumbing Pros" in p.get("title", "")]
if not biz:
    print("no business"); sys.exit(0)
g = biz[0]["gps_coordinates"]
d = lambda p: math.hypot(p["lat"] - g["latitude"], (p["lng"] - g["longitude"]) * math.cos(math.radians(g["latitude"])))
pts = sorted(show["points"], key=d)
pos = lambda p: p["local_position"] or 21
print("near", pos(pts[0]), "far", pos(pts[-1]))
PY
check "the point nearest the business ranks at least as well as the farthest" \
	awk '$1 == "near" && $2 <= $4 { ok = 1 } END { exit !ok }' near.txt

# --- blocked points are blocked --------------------------------------------
start_sim --fault captcha:1
conf
S grid scan 1 >blocked.txt 2>&1
check "a scan where every point is blocked fails" test $? = 1
S grid show 1 --format json >blocked.json 2>/dev/null
check "blocked points are stored as blocked, positions null, metrics null" json blocked.json \
	'1/(all(p["status"] == "blocked" and p["local_position"] is None for p in j["points"]) and j["atrp"] is None and j["solv"] is None)'
S grid show 1 >blocked_map.txt 2>/dev/null
check "the map says blocked, not not-found" grep -q 'blocked' blocked_map.txt
S grid show 1 --since 2000-01-01 --format csv >since.csv 2>/dev/null
check "grid show --since lists both scans" test "$(wc -l <since.csv)" = 3
start_sim
conf

# --- run scans what is due, once --------------------------------------------
S grid add "plumber austin" --site austin-plumbing-pros.com --center 30.2672,-97.7431 --size 3 \
	--spacing 2km --schedule daily >/dev/null 2>&1
SERPTRACK_NOW=2031-01-01T06:00:00Z S run >/dev/null 2>&1
SERPTRACK_NOW=2031-01-01T07:00:00Z S run >/dev/null 2>&1
check "run scanned the due grids once each" \
	test "$(sqlite3 serptrack.db "select count(*) from grid_scan where checked_at >= strftime('%s','2031-01-01')")" = 2

# --- SerpApi's Maps list: positions beyond the pack ------------------------
sed "s|^base_url = http://127.0.0.1:$PORT/google|provider = serp-api\\
base_url = http://127.0.0.1:$PORT/serp-api\\
api_key = k|" serptrack.conf >sa.conf
printf '[provider.serp-api]\ncost_per_1000 = 10\n' >>sa.conf
mv sa.conf serptrack.conf
chmod 600 serptrack.conf
# 7 x 7 = 49 requests at $10 per 1000; 5 x 5 under valgrind (each point's
# answer costs a hundred times more there)
msize=7 price='0.49'
[ -n "${SERPTRACK_UNDER_VALGRIND:-}" ] && msize=5 price='0.25'
S grid add "plumber austin" --site austin-plumbing-pros.com --center 30.2672,-97.7431 \
	--size "$msize" --spacing 3km >add3.txt 2>&1
check "a serp-api grid prices its scan" grep -q "\\\$$price" add3.txt
S grid scan 3 >/dev/null 2>&1
S grid show 3 --format json >maps_show.json 2>/dev/null
check "the Maps list gives local positions up to 20" json maps_show.json \
	'1/(all(1 <= (p["local_position"] or 1) <= 20 for p in j["points"]) and all(p["status"] == "ok" for p in j["points"]))'
check "and some beyond the pack of 3, so the map has a gradient" json maps_show.json \
	'1/(any((p["local_position"] or 21) > 3 for p in j["points"]))'

# --- hostile strings in the heat map ----------------------------------------
evil='plumber "austin\" `touch pwned1` $(touch pwned2) '"'"'; system("touch pwned3")'
S grid add "$evil" --site austin-plumbing-pros.com --center 30.2672,-97.7431 --size 3 \
	--spacing 1km >/dev/null 2>&1
S grid scan 4 >/dev/null 2>&1
S grid chart 4 --out evil.png >/dev/null 2>&1
check "a hostile query draws a complete PNG" sh -c 'head -c 4 evil.png | grep -q PNG'
S grid chart 4 --out evil.svg >/dev/null 2>&1
check "its SVG holds the query escaped" sh -c 'grep -q "touch pwned" evil.svg && ! grep -q "<script" evil.svg'
check "nothing in it ran" sh -c '! ls pwned* 2>/dev/null | grep -q .'
S grid chart 1 --out pair.png --date 2100-01-01 --compare 2000-01-02 >/dev/null 2>&1
check "a compare date before any scan is an error" test $? = 1

# --- rm -----------------------------------------------------------------------
S grid rm 1 >/dev/null 2>&1
check "grid rm removes the grid and its scans" \
	test "$(sqlite3 serptrack.db 'select count(*) from grid_scan where grid_id = 1')" = 0
S grid show 1 >/dev/null 2>&1
check "a removed grid is not found" test $? = 1
S site rm austin-plumbing-pros.com >/dev/null 2>rm.txt
check "site rm of a site with grid scans refuses without --force, naming them" \
	sh -c 'grep -q "grids with [0-9]* scans" rm.txt'
S site rm austin-plumbing-pros.com --force >/dev/null 2>&1
check "site rm --force takes its grids and scans" \
	test "$(sqlite3 serptrack.db 'select count(*) from grid') $(sqlite3 serptrack.db 'select count(*) from grid_scan')" = "0 0"
