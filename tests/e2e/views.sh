#!/bin/sh
# views.sh - rank, history and serp over several simulated days against the
# simulator: changes computed from the stored history, a check picked by
# --date, every format parsed back, and a blocked day shown as blocked
# (never as "not ranked") while JSON keeps the last known position.
set -u
. "$(dirname "$0")/../lib.sh"
conf() {
	cat >"$T/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
block_cooldown_max_ms = 50
max_attempts = 1
timeout_ms = 20000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
CONF
	chmod 600 "$T/serptrack.conf"
}
st() { (cd "$T" && "$SERPTRACK" "$@"); }
# rank warns on stderr about data older than the schedule allows: read it
# as on the morning after the last simulated day
view() { (cd "$T" && SERPTRACK_NOW=2026-11-09T06:30:00Z "$SERPTRACK" "$@"); }
day() { # day YYYY-MM-DD: simulated day on both sides, then track
	curl -s "http://127.0.0.1:$PORT/_sim/day?date=$1" >/dev/null
	(cd "$T" && SERPTRACK_NOW="$1T06:00:00Z" "$SERPTRACK" track >/dev/null 2>&1)
}
command -v python3 >/dev/null 2>&1 || { echo "ok - skipped: no python3"; exit 0; }

start_sim
conf
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st site add yelp.com --competitor >/dev/null 2>&1
st kw add "plumber austin" --site austin-plumbing-pros.com \
	--location "Austin,Texas,United States" >/dev/null 2>&1
st kw add "emergency plumber austin" --site austin-plumbing-pros.com --engine bing \
	--location "Austin,Texas,United States" >/dev/null 2>&1
for d in 2026-11-01 2026-11-02 2026-11-03 2026-11-08; do day $d; done

st history --keyword 1 --format json >"$T/h.json" 2>"$T/err"
check "history json: one ok row per simulated day, oldest first" python3 -c '
import json,sys
h=json.load(open(sys.argv[1]))
assert [r["checked_at"] for r in h]==["2026-11-01T06:00:00Z","2026-11-02T06:00:00Z","2026-11-03T06:00:00Z","2026-11-08T06:00:00Z"], h
assert all(r["status"]=="ok" and r["depth"]==30 for r in h), h
assert all(r["position"] is None or (1<=r["position"]<=30 and "austin-plumbing-pros.com" in r["url"]) for r in h), h
' "$T/h.json"
view rank --format json >"$T/r.json" 2>>"$T/err"
check "rank json: changes are previous - current, from the stored history" python3 -c '
import json,sys
h=json.load(open(sys.argv[1])); r=json.load(open(sys.argv[2]))
row=[x for x in r if x["keyword_id"]==1][0]
p=[x["position"] for x in h]
d=lambda a,b: None if a is None or b is None else a-b
assert row["position"]==p[3], (row,p)
assert row["change_1d"]==d(p[2],p[3]), (row,p)
assert row["change_7d"]==d(p[0],p[3]), (row,p)
assert row["change_30d"] is None, row
ranked=[x for x in p if x is not None]
assert row["best"]==(min(ranked) if ranked else None), (row,p)
assert row["checked_at"]=="2026-11-08T06:00:00Z" and row["status"]=="ok", row
assert row["site"]=="austin-plumbing-pros.com" and row["engine"]=="google", row
assert len(r)==2, r
' "$T/h.json" "$T/r.json"
view rank --competitors --format json >"$T/rc.json" 2>>"$T/err"
check "rank --competitors adds a row per competitor" python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))
assert len(r)==4 and sum(x["site"]=="yelp.com" for x in r)==2, r
' "$T/rc.json"
st serp --keyword 1 --date 2026-11-02 --format json >"$T/s.json" 2>>"$T/err"
check "serp --date picks that day's check in the parse shape" python3 -c '
import json,sys
s=json.load(open(sys.argv[1]))
assert s["checked_at"]=="2026-11-02T06:00:00Z" and s["status"]=="ok" and s["depth"]==30, s
assert s["engine"]=="google" and len(s["organic"])>=10, s
assert [o["position"] for o in s["organic"]]==list(range(1,len(s["organic"])+1))
assert all(o["url"].startswith("http") and o["domain"] for o in s["organic"])
' "$T/s.json"
check "serp --date of a day without a check fails with 1" sh -c \
	'cd "$1" && "$2" serp --keyword 1 --date 2026-11-05; test $? -eq 1' sh "$T" "$SERPTRACK"
st serp --keyword 1 --format csv >"$T/s.csv" 2>>"$T/err"
check "serp csv parses with organic rows" python3 -c '
import csv,sys
r=list(csv.DictReader(open(sys.argv[1],newline="")))
assert sum(x["kind"]=="organic" for x in r)>=10 and set(r[0])>={"kind","position","domain","title","url"}
' "$T/s.csv"
st history --keyword 1 --format csv >"$T/h.csv" 2>>"$T/err"
check "history csv has a header and four rows" test "$(wc -l <"$T/h.csv")" -eq 5

# a blocked day: blocked in the table, status in JSON, last position kept
start_sim --fault captcha:1
conf
day 2026-11-09
view rank --format json >"$T/rb.json" 2>>"$T/err"
check "after a blocked day rank json says blocked and keeps the last position" python3 -c '
import json,sys
r=json.load(open(sys.argv[1])); h=json.load(open(sys.argv[2]))
row=[x for x in r if x["keyword_id"]==1][0]
assert row["status"]=="blocked" and row["checked_at"]=="2026-11-09T06:00:00Z", row
assert row["position"]==h[3]["position"], (row, h[3])
' "$T/rb.json" "$T/h.json"
view rank >"$T/rb.txt" 2>>"$T/err"
check "rank table shows blocked" grep -q "blocked" "$T/rb.txt"
st history --keyword 1 >"$T/hb.txt" 2>>"$T/err"
check "history table shows the blocked check as blocked" sh -c 'tail -1 "$1" | grep -q blocked' sh "$T/hb.txt"
check "no error messages from the views" test ! -s "$T/err"
