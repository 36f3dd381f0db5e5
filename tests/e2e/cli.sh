#!/bin/sh
# cli.sh - the foundation commands end to end, without the crawler: init,
# site and kw add/list/rm, kw import with bad rows, hostile strings shown
# exactly in every format, usage errors (exit 2), refused database files.
# Prints one "ok - what" / "not ok - what" line per check.
set -u
: "${SERPTRACK:?set SERPTRACK to the serptrack binary}"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$(pwd)/$SERPTRACK" ;; esac
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
cd "$dir" || exit 1
unset SERPTRACK_DB
db="$dir/t.db"
st() { "$SERPTRACK" --db "$db" "$@"; }

check() { # check WHAT CONDITION-EXIT-STATUS
	if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}

out=$(st init 2>&1); rc=$?
check "init creates the database" $((rc != 0))
case "$out" in *"schema version"*) r=0 ;; *) r=1 ;; esac
check "init prints the schema version" $r
mode=$(stat -c %a "$db" 2>/dev/null)
[ "$mode" = 600 ]; check "database file is 0600 (got $mode)" $?
st init >/dev/null 2>&1; check "init again is fine" $?

"$SERPTRACK" --db "$dir/none.db" site list >/dev/null 2>err; rc=$?
[ "$rc" -eq 1 ] && grep -q "serptrack init" err && [ ! -e "$dir/none.db" ]
check "missing database: exit 1, says to run init, creates nothing" $?

st site add www.example.com --name "Austin Plumbing" --rent 450 --status rented >/dev/null 2>&1
check "site add" $?
st site add rival.com --competitor >/dev/null 2>&1; check "site add --competitor" $?
st site add example.com >/dev/null 2>&1; [ $? -eq 1 ]; check "site add twice fails with 1" $?
st site add bad.com --status sold >/dev/null 2>&1; [ $? -eq 2 ]; check "bad --status is a usage error" $?
st site set example.com --client "Joe's Plumbing" >/dev/null 2>&1; check "site set" $?
st site list --format json >sites.json 2>&1 && python3 -m json.tool sites.json >/dev/null &&
	python3 -c 'import json,sys; s=json.load(open("sites.json")); e=[x for x in s if x["domain"]=="example.com"][0]; sys.exit(not(e["client"]=="Joe'"'"'s Plumbing" and e["rent"]==450 and e["status"]=="rented" and len(s)==2))'
check "site list json has both sites and the updates" $?

evil='plumber "24/7" x'"'"'); DROP TABLE keyword; -- <script>alert(1)</script> `touch pwned` $(id) 🚰 à côté'
st kw add "$evil" --site example.com --tag emergency --tag austin >/dev/null 2>&1
check "kw add with a hostile query" $?
st kw add "plumber austin" --site example.com --engine bing --device mobile --depth 50 \
	--location "Austin,Texas,United States" --schedule 12h >/dev/null 2>&1
check "kw add with every option" $?
out=$(st kw add "plumber austin" --site example.com --engine bing --device mobile \
	--location "Austin,Texas,United States" 2>&1)
case "$out" in *"already tracked"*) r=0 ;; *) r=1 ;; esac
check "kw add of the same keyword says it is already tracked" $r
[ ! -e pwned ]; check "no shell ran the query" $?

st kw list --format json >kw.json 2>&1 && python3 -m json.tool kw.json >/dev/null
check "kw list json is valid JSON" $?
EVIL="$evil" python3 -c 'import json,os,sys; k=json.load(open("kw.json")); q=[x for x in k if x["query"]==os.environ["EVIL"]]; sys.exit(not(len(k)==2 and q and q[0]["tags"]=="emergency,austin" and q[0]["engine"]=="google" and q[0]["depth"]==30 and q[0]["id"]>0 and "location" in q[0] and q[0]["device"]=="desktop"))'
check "hostile query read back exactly in JSON, with tags and defaults" $?
st kw list --format csv >kw.csv 2>&1
EVIL="$evil" python3 -c 'import csv,os,sys; r=list(csv.DictReader(open("kw.csv",newline=""))); sys.exit(not any(x["query"]==os.environ["EVIL"] for x in r))'
check "hostile query read back exactly in CSV" $?
# the table shortens cells over 60 columns, so a short hostile query here
short='q"x'"'"'; DROP TABLE site;-- <b>`id`</b> 🚰'
st kw add "$short" --site example.com >/dev/null 2>&1
st kw list >kw.txt 2>&1; grep -qF -- "$short" kw.txt; check "hostile query shown exactly in the table" $?
id=$(st kw list --format json | SHORT="$short" python3 -c 'import json,os,sys; print([x["id"] for x in json.load(sys.stdin) if x["query"]==os.environ["SHORT"]][0])')
st kw rm "$id" >/dev/null 2>&1
st kw list --tag austin --format json | python3 -c 'import json,sys; sys.exit(len(json.load(sys.stdin))!=1)'
check "kw list --tag filters" $?
st rank --format json >rank.json 2>&1 && python3 -m json.tool rank.json >/dev/null
check "rank json is valid before any check" $?
python3 -c 'import json,sys; r=json.load(open("rank.json")); sys.exit(not(len(r)==2 and all(x["position"] is None and x["site"]=="example.com" for x in r)))'
check "rank lists each keyword with no position yet" $?

# kw import: a good file with a bad row in the middle
printf 'site,query,tags,depth,engine\nexample.com,drain cleaning austin,"drain,austin",20,google\nexample.com,water heater,,500,google\nexample.com,"bad "quote",,,google\nexample.com,sewer repair,sewer,,duckduckgo\nnosuch.com,leak detection,,,bing\nexample.com,burst pipe,,,yahoo\n' >import.csv
st kw import import.csv >imp.out 2>imp.err; rc=$?
[ "$rc" -eq 1 ]; check "kw import with bad rows exits 1" $?
grep -q "import.csv:3:.*depth" imp.err; check "bad depth reported as FILE:3" $?
grep -q "import.csv:4:" imp.err; check "malformed row reported as FILE:4" $?
grep -q "import.csv:6:.*nosuch.com" imp.err; check "unknown site reported as FILE:6" $?
grep -q "import.csv:7:.*yahoo" imp.err; check "unknown engine reported as FILE:7" $?
n=$(st kw list --format json | python3 -c 'import json,sys; k=json.load(sys.stdin); print(sum(x["query"] in ("drain cleaning austin","sewer repair") for x in k), len(k))')
[ "$n" = "2 4" ]; check "the good rows were imported, the bad ones not ($n)" $?
printf 'query,site,colour\nx,example.com,red\n' >unk.csv
st kw import unk.csv >/dev/null 2>err; rc=$?
# research CSVs carry columns kw import does not read: it imports the rows
# and names what it left aside (a misspelt column is seen, not lost)
[ "$rc" -eq 0 ] && grep -q "unk.csv:1: ignoring column 'colour'" err; check "unknown column ignored and named" $?

# removal
id=$(st kw list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
st kw rm "$id" >/dev/null 2>&1; check "kw rm" $?
st kw rm "$id" >/dev/null 2>&1; [ $? -eq 1 ]; check "kw rm of a removed id fails with 1" $?
st kw rm abc >/dev/null 2>&1; [ $? -eq 2 ]; check "kw rm of a non-number is a usage error" $?
st site rm rival.com >/dev/null 2>&1; check "site rm" $?
st site list --format csv | grep -q rival.com; [ $? -ne 0 ]; check "removed site is gone" $?

# usage errors
st kw list --bogus >/dev/null 2>&1; [ $? -eq 2 ]; check "unknown option exits 2" $?
st frobnicate >/dev/null 2>&1; [ $? -eq 2 ]; check "unknown command exits 2" $?
st kw frob >/dev/null 2>&1; [ $? -eq 2 ]; check "unknown subcommand exits 2" $?
st kw add "no site" >/dev/null 2>&1; [ $? -eq 2 ]; check "kw add without --site exits 2" $?
st kw add "q" --site example.com --depth 5 >/dev/null 2>&1; [ $? -eq 2 ]; check "--depth out of range exits 2" $?
st rank --format xml >/dev/null 2>&1; [ $? -eq 2 ]; check "unknown --format exits 2" $?
st history >/dev/null 2>&1; [ $? -eq 2 ]; check "history without --keyword exits 2" $?
st serp --keyword 1 --date notadate >/dev/null 2>&1; [ $? -eq 2 ]; check "serp with a bad --date exits 2" $?
st history --keyword 9999 >/dev/null 2>&1; [ $? -eq 1 ]; check "history of an unknown keyword exits 1" $?
st serp --keyword 1 >/dev/null 2>&1; [ $? -eq 1 ]; check "serp without a stored check exits 1" $?

# files that are not our database
printf 'name,phone\nnot,a database at all, just some text that is long enough\n' >notdb.db
"$SERPTRACK" --db notdb.db kw list >/dev/null 2>err; rc=$?
[ "$rc" -eq 1 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q "^serptrack: .*not a serptrack database" err
check "non-SQLite file: one-line error, exit 1" $?
"$SERPTRACK" --db notdb.db init >/dev/null 2>&1; [ $? -eq 1 ]; check "init refuses a non-SQLite file" $?
grep -q "^name,phone" notdb.db; check "the foreign file is left untouched" $?
if [ "$(id -u)" -ne 0 ]; then
	chmod 0400 "$db"
	st site add ro.com >/dev/null 2>err; rc=$?
	[ "$rc" -eq 1 ] && grep -q "read-only" err; check "read-only database: writing fails with a message" $?
	st kw list >/dev/null 2>&1; check "read-only database can still be listed" $?
	chmod 0600 "$db"
else
	sqlite3 "$db" "PRAGMA user_version = 99" 2>/dev/null
	st kw list >/dev/null 2>err; rc=$?
	[ "$rc" -eq 1 ] && grep -q "newer" err; check "newer schema refused with a message" $?
fi
