#!/bin/sh
# rankview.sh - `rank` for daily use at the terminal: fits 120 columns with
# the location once per group, a summary line that agrees with the CSV,
# --sort and the filters, colours only on a terminal (never in a pipe or
# with NO_COLOR), the local pack position as `serp` shows it, the "*"
# marker when the ranking URL flips between pages of the site (also in
# `history`), and stale data flagged by rank, report and doctor.
set -u
. "$(dirname "$0")/../lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "ok - skipped: no python3"; exit 0; }
st() { (cd "$T" && "$SERPTRACK" "$@"); }
# the simulated days end today, where the demo sites are in their best shape
d() { date -u -d "@$(($(date -u +%s) - $1 * 86400))" +%F; }
day() { # day YYYY-MM-DD: simulated day on both sides, then track
	curl -s "http://127.0.0.1:$PORT/_sim/day?date=$1" >/dev/null
	(cd "$T" && SERPTRACK_NOW="$1T06:00:00Z" "$SERPTRACK" track >/dev/null 2>&1)
}

start_sim
cat >"$T/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
max_attempts = 1
timeout_ms = 20000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
CONF
chmod 600 "$T/serptrack.conf"
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st site add dallasroofingexperts.com >/dev/null 2>&1
A="Austin,Texas,United States"
D="Dallas,Texas,United States"
st kw add "plumber austin" --site austin-plumbing-pros.com --location "$A" --tag core >/dev/null 2>&1
st kw add "plumber austin" --site austin-plumbing-pros.com --location "$A" --device mobile >/dev/null 2>&1
st kw add "emergency plumber austin tx open now 24 hours" --site austin-plumbing-pros.com \
	--location "$A" --engine bing --tag core >/dev/null 2>&1
st kw add "water heater repair austin" --site austin-plumbing-pros.com --location "$A" >/dev/null 2>&1
st kw add "roofer dallas" --site dallasroofingexperts.com --location "$D" --tag core >/dev/null 2>&1
st kw add "roof repair dallas" --site dallasroofingexperts.com --location "$D" >/dev/null 2>&1
for k in 6 5 4 3 2 1 0; do day "$(d $k)"; done
TODAY="$(d 0)T06:00:00Z"
now() { (cd "$T" && SERPTRACK_NOW="$TODAY" "$SERPTRACK" "$@"); }

now rank >"$T/table" 2>"$T/err"
check "rank: exits 0" test $? -eq 0
check "rank: every line fits 120 columns" python3 -c '
import sys
lines=open(sys.argv[1],encoding="utf-8").read().splitlines()
assert lines and max(len(l) for l in lines)<=120, max(len(l) for l in lines)' "$T/table"
check "rank: the location is a group heading, not on every row" \
	test "$(grep -c 'Austin,Texas,United States' "$T/table")" -le 3
check "rank: a pack column" grep -q ' pack ' "$T/table"
check "rank: no escapes in a pipe" sh -c "! grep -q \"\$(printf '\\033')\" '$T/table'"
now rank --format csv >"$T/r.csv" 2>/dev/null
check "rank: summary line numbers equal the CSV's counts" python3 -c '
import csv,sys,re
rows=list(csv.DictReader(open(sys.argv[1])))
last=[l for l in open(sys.argv[2]).read().splitlines() if "tracked" in l][-1]
m=re.match(r"(\d+) tracked, (\d+) ranked, (\d+) in top 3, (\d+) in top 10, (\d+) up, (\d+) down, (\d+) blocked",last)
assert m, last
ok=[r for r in rows if r["status"]=="ok" and r["position"]]
want=[len(rows),len(ok),sum(int(r["position"])<=3 for r in ok),sum(int(r["position"])<=10 for r in ok),
 sum(r["change_1d"]!="" and int(r["change_1d"])>0 for r in rows),sum(r["change_1d"]!="" and int(r["change_1d"])<0 for r in rows),
 sum(r["status"]=="blocked" for r in rows)]
assert [int(x) for x in m.groups()]==want, (m.groups(),want)
assert len(rows)==6, len(rows)' "$T/r.csv" "$T/table"
check "rank --wide: the full URL and location on each row" sh -c \
	"now() { (cd '$T' && SERPTRACK_NOW='$TODAY' '$SERPTRACK' \"\$@\"); }; now rank --wide | grep -c 'Austin,Texas,United States.*https://.*austin-plumbing-pros.com' | grep -qx 3"

now rank --sort position --format csv >"$T/sp.csv" 2>/dev/null
check "rank --sort position: ranked first, best first" python3 -c '
import csv,sys
p=[int(r["position"]) if r["position"] and r["status"]=="ok" else 10**6 for r in csv.DictReader(open(sys.argv[1]))]
assert len(p)==6 and p==sorted(p), p' "$T/sp.csv"
now rank --sort keyword --format csv >"$T/sk.csv" 2>/dev/null
check "rank --sort keyword: by query" python3 -c '
import csv,sys
q=[r["query"] for r in csv.DictReader(open(sys.argv[1]))]
assert len(q)==6 and q==sorted(q), q' "$T/sk.csv"
now rank --sort change --format csv >"$T/sc.csv" 2>/dev/null
check "rank --sort change: biggest gain first, unknown last" python3 -c '
import csv,sys
c=[int(r["change_1d"]) if r["change_1d"] else -10**6 for r in csv.DictReader(open(sys.argv[1]))]
assert len(c)==6 and c==sorted(c,reverse=True), c' "$T/sc.csv"
now rank --sort nonsense >/dev/null 2>&1
check "rank --sort: unknown key is a usage error" test $? -eq 2

filt() { # filt EXPECTED_ROWS PYTHON_COND ARGS...
	want=$1 cond=$2
	shift 2
	now rank "$@" --format csv 2>/dev/null | python3 -c '
import csv,sys
rows=list(csv.DictReader(sys.stdin))
assert len(rows)==int(sys.argv[1]), rows
assert all(eval(sys.argv[2]) for r in rows), rows' "$want" "$cond"
}
check "rank --engine bing" filt 1 'r["engine"]=="bing"' --engine bing
check "rank --device mobile" filt 1 'r["device"]=="mobile"' --device mobile
check "rank --location (full name)" filt 2 'r["location"].startswith("Dallas")' --location "$D"
check "rank --location (the city only)" filt 4 'r["location"].startswith("Austin")' --location austin
check "rank --tag" filt 3 'True' --tag core
check "rank --site" filt 2 'r["site"]=="dallasroofingexperts.com"' --site dallasroofingexperts.com
check "rank: filters combine" filt 2 'r["engine"]=="google"' --tag core --engine google

# local pack: the position serp shows for the site's business
now rank --format json >"$T/r.json" 2>/dev/null
for id in 1 2 3 4 5 6; do now serp --keyword $id --format json >"$T/serp$id.json" 2>/dev/null; done
check "rank: local_position is the site's place in the stored local pack" python3 -c '
import json,sys
T=sys.argv[1]
rows=json.load(open(T+"/r.json"))
inpack=0
for r in rows:
    s=json.load(open("%s/serp%d.json"%(T,r["keyword_id"])))
    pos=[l["position"] for l in s.get("local_pack",[]) if r["site"] in (l.get("website") or "")]
    want=pos[0] if pos else None
    assert r["local_position"]==want, (r,pos)
    assert r["in_local_pack"]==(want is not None), r
    inpack+=want is not None
assert inpack>=1, "nothing in a pack: the check proves nothing"' "$T"
check "rank table: the pack position in its column" python3 -c '
import json,sys
rows=json.load(open(sys.argv[1]))
tab=open(sys.argv[2],encoding="utf-8").read().splitlines()
head=[l for l in tab if l.startswith("id ") or l.lstrip().startswith("id ")][0]
col=head.index("pack")
for r in rows:
    line=[l for l in tab if l.split() and l.split()[0]==str(r["keyword_id"])][0]
    cell=line[col-1:col+4].strip()
    assert cell==(str(r["local_position"]) if r["local_position"] else ""), (line,cell,r)' "$T/r.json" "$T/table"

# colours: on a terminal only, and never with NO_COLOR
if command -v script >/dev/null 2>&1; then
	(cd "$T" && SERPTRACK_NOW="$TODAY" NO_COLOR= script -qec "'$SERPTRACK' rank" /dev/null) >"$T/tty" 2>&1
	check "rank on a terminal: changes in green and red" sh -c "grep -q \"\$(printf '\\033')\\[3[12]m\" '$T/tty'"
	(cd "$T" && SERPTRACK_NOW="$TODAY" NO_COLOR=1 script -qec "'$SERPTRACK' rank" /dev/null) >"$T/tty2" 2>&1
	check "rank on a terminal with NO_COLOR: no escapes" sh -c "! grep -q \"\$(printf '\\033')\\[3\" '$T/tty2'"
fi

# the ranking URL flipping between pages of the site
check "rank: url_changed marks a URL that differs from the previous ranked check" python3 -c '
import json,sys,subprocess,os
T=sys.argv[1]
rows=json.load(open(T+"/r.json"))
flips=0
for r in rows:
    h=json.loads(subprocess.run([os.environ["SERPTRACK"],"history","--keyword",str(r["keyword_id"]),"--format","json"],cwd=T,capture_output=True,text=True).stdout)
    urls=[x["url"] for x in h if x["url"]]
    want=len(urls)>=2 and r["url"] is not None and urls[-1]!=urls[-2]
    assert r["url_changed"]==want, (r,urls)
    changed=[x["url_changed"] for x in h if x["url"]]
    assert changed==([False]+[a!=b for a,b in zip(urls,urls[1:])])[:len(urls)], (changed,urls)
    flips+=sum(changed)
assert flips>=1, "no flip in the data: the check proves nothing"' "$T"
check "rank table: a flipped URL carries the * marker and the legend" python3 -c '
import json,sys
rows=json.load(open(sys.argv[1]))
tab=open(sys.argv[2],encoding="utf-8").read().splitlines()
for r in rows:
    line=[l for l in tab if l.split() and l.split()[0]==str(r["keyword_id"])][0]
    assert (" *" in line)==r["url_changed"], (line,r)
assert any(r["url_changed"] for r in rows)==any(l.startswith("* ") for l in tab)' "$T/r.json" "$T/table"
check "history table: the day the URL changed is marked" sh -c \
	"for k in 1 2 3 4 5 6; do (cd '$T' && '$SERPTRACK' history --keyword \$k); done | grep -q 'https://.* \\*'"

# stale data: the newest check older than the schedule allows
now rank >/dev/null 2>"$T/fresh.err"
check "rank: no stale warning for fresh data" sh -c "! grep -q 'not checked as often' '$T/fresh.err'"
LATE="$(date -u -d "@$(($(date -u +%s) + 2 * 86400))" +%F)T06:00:00Z"
(cd "$T" && SERPTRACK_NOW="$LATE" "$SERPTRACK" rank >/dev/null 2>"$T/stale.err")
check "rank: stale data warned on stderr, with the count" grep -q 'rank: 6 keywords not checked as often as scheduled' "$T/stale.err"
(cd "$T" && SERPTRACK_NOW="$LATE" "$SERPTRACK" rank --site dallasroofingexperts.com >/dev/null 2>"$T/stale2.err")
check "rank: the warning counts the rows shown" grep -q 'rank: 2 keywords not checked' "$T/stale2.err"
(cd "$T" && SERPTRACK_NOW="$LATE" "$SERPTRACK" report --site austin-plumbing-pros.com --out r.html >/dev/null 2>&1)
check "report: a visible stale line" grep -qi 'not checked as often as scheduled' "$T/r.html"
(cd "$T" && SERPTRACK_NOW="$TODAY" "$SERPTRACK" report --site austin-plumbing-pros.com --out r2.html >/dev/null 2>&1)
check "report: no stale line on fresh data" sh -c "test -s '$T/r2.html' && ! grep -qi 'not checked as often' '$T/r2.html'"
(cd "$T" && SERPTRACK_NOW="$LATE" "$SERPTRACK" doctor --offline >"$T/doc.out" 2>&1)
check "doctor: overdue keywords are a problem (exit 1)" test $? -eq 1
check "doctor: says how many are overdue" grep -q '^problem  overdue keywords  *6 ' "$T/doc.out"
check "doctor: never-finished run reported" grep -q '^ok  *last run  *never finished' "$T/doc.out"
python3 -c '
import sqlite3,sys
c=sqlite3.connect(sys.argv[1]); c.execute("update keyword set paused=1 where id in (1,2)"); c.execute("update site set paused=1 where domain=\"dallasroofingexperts.com\""); c.commit()' "$T/serptrack.db"
(cd "$T" && SERPTRACK_NOW="$LATE" "$SERPTRACK" doctor --offline >"$T/doc2.out" 2>&1)
check "doctor: paused keywords and sites are never overdue" grep -q '^problem  overdue keywords  *2 ' "$T/doc2.out"
python3 -c '
import sqlite3,sys
c=sqlite3.connect(sys.argv[1]); c.execute("update keyword set paused=1"); c.commit()' "$T/serptrack.db"
curl -s "http://127.0.0.1:$PORT/_sim/day?date=$(echo "$LATE" | cut -c1-10)" >/dev/null
(cd "$T" && SERPTRACK_NOW="$LATE" "$SERPTRACK" run --no-alerts >/dev/null 2>&1)
(cd "$T" && SERPTRACK_NOW="$LATE" "$SERPTRACK" doctor --offline >"$T/doc3.out" 2>&1)
check "doctor: all paused, nothing overdue: exit 0" test $? -eq 0
check "doctor: when run last finished" grep -q "^ok  *last run  *finished $LATE (0 h ago)" "$T/doc3.out"
check "doctor: nothing overdue" grep -q '^ok  *overdue keywords  *none' "$T/doc3.out"
