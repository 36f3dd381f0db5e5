#!/bin/sh
# locations.sh - locations are checked against the shipped US cities: kw add
# refuses a misspelt or ambiguous name with suggestions (exit 2) and stores
# common forms ("Austin, TX") canonically; kw import reports such a row by
# line and imports the others (exit 1); --location-unchecked (flag and
# import column) keeps a name as given; research analyze refuses an unknown
# location before fetching; `locations search` in its three formats.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
cat >"$T/serptrack.conf" <<CONF
[research]
data_dir = $top/keywords
CONF
chmod 600 "$T/serptrack.conf"
cd "$T" || exit 1
S="$SERPTRACK --db $T/t.db --config $T/serptrack.conf"
$S init >/dev/null 2>&1
$S site add austin-plumbing-pros.com >/dev/null 2>&1

# --- kw add ---------------------------------------------------------------------
$S kw add "plumber austin" --site austin-plumbing-pros.com \
	--location "Austn,Texas,United States" >add.out 2>add.err
check "kw add: a misspelt city exits 2" test $? -eq 2
check "kw add: one error line naming the location" \
	sh -c "test \$(grep -c '^serptrack: ' add.err) -eq 1 && grep -q \"unknown location 'Austn,Texas,United States'\" add.err"
check "kw add: suggests Austin, Texas" grep -q 'did you mean "Austin,Texas,United States"' add.err
check "kw add: nothing stored" sh -c "$S kw list --format json | jq -e 'length == 0'"

$S kw add "plumber austin" --site austin-plumbing-pros.com --location "Austin, TX" >/dev/null 2>&1
check "kw add: 'Austin, TX' accepted" test $? -eq 0
check "kw add: stored as the canonical name" \
	sh -c "$S kw list --format json | jq -e '.[0].location == \"Austin,Texas,United States\"'"
$S kw add "plumber austin" --site austin-plumbing-pros.com --location "  austin   tx " >dup.out 2>&1
check "kw add: 'austin tx' is the same keyword" grep -q 'already tracked' dup.out

$S kw add "plumber springfield" --site austin-plumbing-pros.com --location "Springfield" \
	>/dev/null 2>amb.err
check "kw add: an ambiguous city exits 2" test $? -eq 2
check "kw add: lists the candidates" sh -c \
	"grep -q 'Springfield,Illinois,United States' amb.err && grep -q 'Springfield,Missouri,United States' amb.err"

$S kw add "plumber austn" --site austin-plumbing-pros.com --location "Austn,Texas,United States" \
	--location-unchecked >/dev/null 2>&1
check "kw add --location-unchecked: accepted" test $? -eq 0
check "kw add --location-unchecked: stored as given" \
	sh -c "$S kw list --format json | jq -e 'map(select(.location == \"Austn,Texas,United States\")) | length == 1'"

# --- kw import ------------------------------------------------------------------
cat >imp.csv <<'CSV'
query,site,location,location_unchecked
plumber dallas,austin-plumbing-pros.com,"Dallas, TX",
plumber huston,austin-plumbing-pros.com,"Huston,Texas,United States",
plumber springfield,austin-plumbing-pros.com,Springfield,
plumber nowhere,austin-plumbing-pros.com,"Nowhere Special,Texas,United States",yes
plumber houston,austin-plumbing-pros.com,houston texas,no
CSV
$S kw import imp.csv >imp.out 2>imp.err
check "kw import: bad locations make it exit 1" test $? -eq 1
check "kw import: the misspelt row reported with its line" grep -q "^serptrack: imp.csv:3: unknown location 'Huston,Texas,United States'" imp.err
check "kw import: with a suggestion" grep -q 'did you mean "Houston,Texas,United States"' imp.err
check "kw import: the ambiguous row reported with its line" grep -q '^serptrack: imp.csv:4: location .Springfield.' imp.err
check "kw import: the other rows imported" grep -q '3 added, 0 already tracked, 2 rejected' imp.out
$S kw list --format json >list.json
check "kw import: canonical names stored" jq -e '[.[].location] | index("Dallas,Texas,United States") and index("Houston,Texas,United States")' list.json
check "kw import: location_unchecked column keeps the name" jq -e '[.[].location] | index("Nowhere Special,Texas,United States")' list.json
printf 'query,location\nroofer huston,"Huston,Texas,United States"\n' >unc.csv
$S kw import --location-unchecked unc.csv >unc.out 2>&1
check "kw import --location-unchecked: accepted" sh -c "grep -q '1 added' unc.out"

# --- research analyze ---------------------------------------------------------
$S research analyze "plumber austin" --location "Austn, TX" >an.out 2>an.err
check "research analyze: unknown location exits 2 before fetching" test $? -eq 2
check "research analyze: suggests Austin" grep -q 'did you mean "Austin,Texas,United States"' an.err

# --- research import-volume and expand ----------------------------------------
printf 'keyword,volume,cpc,competition\nplumber austin,2900,41.2,0.71\n' >vol.csv
$S research import-volume vol.csv --location "austin tx" >/dev/null 2>&1
check "import-volume --location: filed under the canonical name" \
	sh -c "sqlite3 '$T/t.db' \"select location from volume where query = 'plumber austin'\" | grep -qx 'Austin,Texas,United States'"
$S research import-volume vol.csv --location "Austn, TX" >/dev/null 2>ivol.err
check "import-volume --location: unknown exits 2 with a suggestion" \
	sh -c "test $? -eq 2 && grep -q 'did you mean \"Austin,Texas,United States\"' ivol.err"
check "research expand --city 'St Louis, MO': resolved" \
	sh -c "$S research expand --niche plumbing --city 'St Louis, MO' | grep -q '\"St. Louis,Missouri,United States\"'"

# --- locations search ---------------------------------------------------------
$S locations search "austin" >ls.out 2>ls.err
check "locations search: exits 0" test $? -eq 0
check "locations search: Austin, Texas first" sh -c "sed -n 2p ls.out | grep -q '^Austin,Texas,United States .*TX'"
check "locations search: Austin, Minnesota too" grep -q '^Austin,Minnesota,United States' ls.out
check "locations search --state: only that state" \
	sh -c "$S locations search austin --state MN --format csv | sed 1d | cut -d, -f1-3 | grep -v 'Minnesota' | wc -l | grep -qx 0"
check "locations search --format csv header" \
	sh -c "$S locations search Houston --format csv | head -n 1 | tr -d '\\r' | grep -qx 'location,city,state,state_code,population,lat,lon'"
check "locations search --format json" \
	sh -c "$S locations search 'Austn' --limit 3 --format json | jq -e 'length == 3 and .[0].location == \"Austin,Texas,United States\" and .[0].population > 500000'"
check "locations search: a misspelling finds the city" sh -c "$S locations search 'san antonoi' | grep -q '^San Antonio,Texas'"
$S locations search "" --state "Nowhere" >/dev/null 2>&1
check "locations search: unknown state exits 2" test $? -eq 2
$S locations search "qwxzzkj" >/dev/null 2>&1
check "locations search: no match exits 1" test $? -eq 1
check "locations search: the shipped data has thousands of cities" \
	sh -c "$S locations search '' --state TX --limit 100000 --format csv | sed 1d | wc -l | awk '{exit !(\$1 > 200)}'"
