#!/bin/sh
# research_grammar.sh - research you can act on, end to end: the real city
# list (a 10k-people town, population filters, locations search), the
# expand grammar over every niche (no stacked service words, no modifier
# repeating the head, "near me" without the city), the intent filter of
# expand and suggest against the simulator (whose answers hold job-seeker
# queries on purpose) and --all-intents, and every research CSV (expand,
# suggest, score) fed to kw import as it is.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
start_sim
sim_conf google bing
cd "$T" || exit 1
S="$SERPTRACK"
$S init >/dev/null 2>&1
$S site add georgetown-plumbing.com --niche plumbing >/dev/null 2>&1

# --- cities ------------------------------------------------------------------
# expand's Georgetown rows, locations search and expand's intent filter:
# tests/cli/research.t (gt.csv is imported below)
$S research expand --niche plumbing --city Georgetown --state TX >gt.csv 2>gt.err
$S research expand --niche plumbing --state TX --max-pop 50000 --min-pop 10000 --top 1000 \
	>small.csv 2>small.err
check "expand --max-pop 50000 --min-pop 10000 exits 0" test $? -eq 0
ncities=$(tail -n +2 small.csv | cut -d'"' -f2 | sort -u | wc -l)
check "  many Texas towns of 10k-50k people ($ncities)" test "$ncities" -ge 100
python3 - "$top/keywords/cities.csv" small.csv >pop.out 2>&1 <<'PY'
import csv, sys
pop = {r["location"]: int(r["population"]) for r in csv.DictReader(open(sys.argv[1]))}
locs = {r["location"] for r in csv.DictReader(open(sys.argv[2]))}
bad = [l for l in locs if not 10000 <= pop[l] <= 50000 or not l.endswith(",Texas,United States")]
print(len(locs), "bad:", bad)
sys.exit(1 if bad or not locs else 0)
PY
check "  every one within the population range and in Texas" test $? -eq 0
check "cities.csv: every name plain ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$top/keywords/cities.csv'"
check "cities.csv: no census wrappers or military posts" \
	sh -c "! grep -Eq '^(City of|Village of)|\\(balance\\)|^Fort Hood,|^Fort Bragg,' '$top/keywords/cities.csv'"

# --- grammar over every niche ------------------------------------------------
: >all.csv
cut -d, -f1 "$top/keywords/niches.csv" | tail -n +2 | while read -r niche; do
	$S research expand --niche "$niche" --city Austin --state TX --modifiers all \
		--all-services --format csv 2>>all.err | tail -n +2 >>all.csv
done
nrows=$(wc -l <all.csv)
check "expand --modifiers all --all-services over every niche ($nrows rows)" test "$nrows" -ge 1000
cut -d, -f1 all.csv >q.txt
check "  no 'repair repair', 'austin repair', 'austin replacement', 'contractor contractor'" \
	sh -c "! grep -Eq 'repair( .*)? repair|austin (repair|replacement|installation|contractor|company)\$|contractor .*contractor' q.txt"
check "  no query repeats a word" \
	awk '{ delete s; for (i = 1; i <= NF; i++) if (s[$i]++) { print; exit 1 } }' q.txt
check "  near me never after the city" sh -c "! grep -q 'austin near me' q.txt"
check "  near me located in the city" grep -q '^plumber near me,,google,"Austin,Texas,United States"' all.csv
check "  prefix, infix and suffix modifiers where they go" \
	sh -c "grep -qx 'emergency plumber austin' q.txt && grep -qx 'plumbing repair austin' q.txt && grep -qx 'drain cleaning austin cost' q.txt"
check "  the natural head patterns kept" \
	sh -c "grep -qx 'plumber austin' q.txt && grep -qx 'plumber in austin tx' q.txt && grep -qx 'austin plumber' q.txt"
check "  licensed plumber kept (a buyer's word, not 'license')" grep -qx 'licensed plumber austin' q.txt

# --- intents: suggest against the simulator ----------------------------------
$S research suggest "plumber round rock" --alphabet --format csv >sug.csv 2>sug.err
check "suggest exits 0" test $? -eq 0
check "suggest CSV header is query,engine" test "$(head -n 1 sug.csv | tr -d '\r')" = "query,engine"
check "  drops salary, jobs, license, school, DIY answers" \
	sh -c "! grep -Eqw 'salary|jobs|license|school|youtube|tools|union|journeyman' sug.csv"
check "  keeps buyer queries" grep -q '^plumber round rock near me,google' sug.csv
check "  says on stderr how many and why" grep -q 'research suggest: dropped [0-9]* non-buyer quer.*(job [0-9]*' sug.err
$S research suggest "plumber round rock" --alphabet --all-intents --format csv >suga.csv 2>suga.err
check "suggest --all-intents keeps them" \
	sh -c "grep -q '^plumber round rock salary,' suga.csv && grep -q '^plumber round rock jobs,' suga.csv"
kept=$(($(wc -l <suga.csv) - $(wc -l <sug.csv)))
dropped=$(sed -n 's/.*dropped \([0-9]*\) non-buyer.*/\1/p' sug.err)
check "  the count said is the count dropped ($dropped = $kept)" test "$dropped" = "$kept"

# --- every research CSV imports ---------------------------------------------
$S kw import gt.csv >imp1.out 2>imp1.err
check "expand CSV imports as it is" grep -q 'gt.csv: [1-9][0-9]* added, 0 already tracked, 0 rejected' imp1.out
$S kw import sug.csv >imp2.out 2>imp2.err
check "suggest CSV imports as it is" grep -q 'sug.csv: [1-9][0-9]* added, 0 already tracked, 0 rejected' imp2.out
$S kw list --format csv >list1.csv 2>/dev/null
check "  its keywords are listed" sh -c "grep -q 'plumber round rock near me' list1.csv && grep -q 'plumber in georgetown tx' list1.csv"
$S research score gt.csv --format csv >score.csv 2>score.err
check "research score --format csv exits 0" test $? -eq 0
# a column kw import does not know, as score's columns grow
sed '1s/$/,future_column/; 2,$s/$/,x/' score.csv >score2.csv
$S site add score-only.com >/dev/null 2>&1
$S kw import score2.csv >imp3.out 2>imp3.err
check "score CSV (plus an unknown column) imports" grep -q 'score2.csv: 0 added, [1-9][0-9]* already tracked, 0 rejected' imp3.out
check "  the unread columns are named once" sh -c "grep -c 'ignoring columns' imp3.err | grep -qx 1 && grep -q \"'future_column'\" imp3.err"
printf 'query,engine,location,volume\nplumber leander,bing,"Leander,Texas,United States",40\n' >mini.csv
$S kw import mini.csv >imp4.out 2>&1
$S kw list --format csv >list2.csv 2>/dev/null
check "a research-shaped row lands with its engine and location" \
	grep -q 'plumber leander,bing,"Leander,Texas,United States"' list2.csv
printf 'query,site\nplumber austin,nosuch.com,extra\n' >wide.csv
$S kw import wide.csv >imp5.out 2>imp5.err
check "a row wider than the header is still an error with its line" grep -q 'wide.csv:2: 3 fields but the header has 2 columns' imp5.err
