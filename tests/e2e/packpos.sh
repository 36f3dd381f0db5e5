#!/bin/sh
# packpos.sh - the pack position everywhere but grids (issue 17 #1), against
# a simulator whose pack entries have no website, so the site is matched by
# business name and its place is chosen here: history shows it per check
# (pack column, local_position), alerts say entered / moved / left, chart
# --keyword draws it as a second line ("organic", "local pack") with a gap
# where not in the pack, and value counts its clicks on the pack CTR curve.
set -u
. "$(dirname "$0")/../lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "ok - skipped: no python3"; exit 0; }
command -v sqlite3 >/dev/null 2>&1 || { echo "ok - skipped: no sqlite3"; exit 0; }
start_sim --local-no-website
cd "$T" || exit 1
conf() { # conf DIR
	cat >"$1/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
timeout_ms = 3000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
CONF
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 b/serptrack.db "$1"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
# the stored checks a day earlier, so the next run checks again
older() { q 'update "check" set checked_at = checked_at - 86400; update rank set checked_at = checked_at - 86400'; }

# the pack's names today, from a first database
mkdir a b
conf a
conf b
st a init >/dev/null 2>&1
st a site add example.com >/dev/null 2>&1
st a kw add "plumber austin" --site example.com --depth 10 >/dev/null 2>&1
st a track >/dev/null 2>&1
st a serp --keyword 1 --format json >pack.json 2>/dev/null
name() { python3 -c 'import json,sys; print(json.load(open("pack.json"))["local_pack"][int(sys.argv[1]) - 1]["name"])' "$1" 2>/dev/null; }
n1=$(name 1)
n2=$(name 2)
n3=$(name 3)
check "the simulator's pack has three named entries" test -n "$n1" -a -n "$n2" -a -n "$n3"

# four checks a day apart: pack 2, 1, out, 3
st b init >/dev/null 2>&1
st b site add example.com --business-name "$n2" >/dev/null 2>&1
st b kw add "plumber austin" --site example.com --depth 10 >/dev/null 2>&1
st b run >/dev/null 2>&1
for nm in "$n1" "Nobody Plumbing Co" "$n3"; do
	older
	st b site set example.com --business-name "$nm" >/dev/null 2>&1
	st b run >/dev/null 2>&1
done
check "four checks with pack places 2 1 0 3" \
	test "$(q 'select group_concat(local, " ") from (select local from rank order by checked_at)')" = "2 1 0 3"

# --- alerts ---------------------------------------------------------------
alert() { q "select message from alert where rule = '$1'" | sed 's/.*: //'; }
check "moved_local: local pack 2 -> 1 ($(alert moved_local))" test "$(alert moved_local)" = "local pack 2 -> 1"
check "lost_local: left the local pack" test "$(alert lost_local)" = "left the local pack"
check "entered_local: entered the local pack at 3" test "$(alert entered_local)" = "entered the local pack at 3"
st b alerts --kind moved_local >kind.out 2>&1
check "alerts --kind moved_local lists it" grep -q "moved_local.*local pack 2 -> 1" kind.out

# --- history --------------------------------------------------------------
st b history --keyword 1 --format json >h.json 2>h.err
check "history json: local_position per check (2, 1, null, 3)" python3 -c '
import json, sys
h = json.load(open("h.json"))
sys.exit(0 if [r["local_position"] for r in h] == [2, 1, None, 3]
         and [r["in_local_pack"] for r in h] == [True, True, False, True]
         and all("position" in r and "url" in r for r in h) else 1)'
st b history --keyword 1 --format csv >h.csv 2>/dev/null
check "history csv: local_position after position" \
	sh -c 'head -n 1 h.csv | grep -q "^checked_at,status,position,local_position,url,"'
check "history csv: the places" test "$(tail -n +2 h.csv | cut -d, -f4 | tr '\n' ' ')" = "2 1  3 "
st b history --keyword 1 >h.txt 2>/dev/null
check "history table: a pack column" sh -c 'head -n 1 h.txt | grep -q "pos *pack"'
# a row stored before places were kept: "yes", null, in the pack
q "update rank set local = -1 where checked_at = (select min(checked_at) from rank)"
st b history --keyword 1 >h2.txt 2>/dev/null
st b history --keyword 1 --format json >h2.json 2>/dev/null
check "history table: yes for a place not kept" sh -c 'sed -n 2p h2.txt | grep -q " yes "'
check "history json: null but in the pack for a place not kept" python3 -c '
import json, sys
r = json.load(open("h2.json"))[0]
sys.exit(0 if r["local_position"] is None and r["in_local_pack"] is True else 1)'
q "update rank set local = 2 where local = -1"

# --- chart: a fake gnuplot keeps the script and writes a valid SVG --------
cat >fakegp <<'GP'
#!/bin/sh
cat >"$(dirname "$0")/script.gp"
out=$(sed -n "s/^set output '\(.*\)'$/\1/p" "$(dirname "$0")/script.gp" | head -n 1)
printf '<svg></svg>\n' >"$out"
GP
chmod 755 fakegp
(cd b && SERPTRACK_GNUPLOT="$T/fakegp" "$SERPTRACK" chart --keyword 1 --out k.svg >/dev/null 2>"$T/chart.err")
check "chart --keyword exits 0 ($(head -n 1 chart.err))" test -s b/k.svg
check "chart: the legend says organic and local pack" \
	sh -c "grep -q \"title 'organic\" script.gp && grep -q \"title 'local pack'\" script.gp"
# the second series' data: places 2 and 1, a blank line (the gap), 3
python3 - <<'PY' >pack.dat 2>/dev/null
import re
s = open("script.gp").read()
m = re.search(r"\$d0_0_1 << EOD\n(.*?)EOD\n", s, re.S)
print(m.group(1) if m else "none", end="")
PY
check "chart: the pack line is 2 1, a gap, 3 ($(awk '{print $2}' pack.dat | tr '\n' ' '))" \
	test "$(awk '{print $2}' pack.dat | tr '\n' ' ')" = "2 1  3 "
check "chart: the pack line is dashed, on the inverted rank axis" \
	sh -c "grep -q 'd0_0_1 using 1:2 .* dt 2 ' script.gp && grep -q 'set yrange \[10.5:0.5\]' script.gp"
if command -v gnuplot >/dev/null 2>&1; then
	st b chart --keyword 1 --out real.svg >/dev/null 2>&1
	check "chart with gnuplot: the SVG names both lines" \
		sh -c 'grep -q ">organic" b/real.svg && grep -q ">local pack<" b/real.svg'
fi
# a hostile query stays inside single quotes in the title
st b kw add "plumber's \`touch pwned\` @x austin" --site example.com --depth 10 >/dev/null 2>&1
(cd b && SERPTRACK_GNUPLOT="$T/fakegp" "$SERPTRACK" chart --keyword 2 --out h.svg >/dev/null 2>&1)
check "chart: a hostile query is quoted in the title" \
	sh -c "grep -q \"^set title 'Position of \\\"plumber’s \\\`touch pwned\\\` @x austin\\\"\" script.gp && [ ! -e b/pwned ]"

# --- value: pack clicks on the pack CTR curve ------------------------------
printf 'keyword,volume\nplumber austin,1000\n' >v.csv
st b research import-volume "$T/v.csv" >/dev/null 2>&1
st b value --site example.com --format json >val.json 2>val.err
check "value json: the pack place, its CTR and visits ($(head -n 1 val.err))" python3 -c '
import json, sys
v = json.load(open("val.json"))
k = [r for r in v["by_keyword"] if r["query"] == "plumber austin"][0]
lp = v["local_pack"]
ok = (k["local_position"] == 3 and abs(k["pack_ctr"] - 0.08) < 1e-9
      and abs(k["pack_visits"] - 1000 * k["engine_share"] * k["device_share"] * 0.08) < 1e-6
      and abs(k["visits"] - 1000 * k["engine_share"] * k["device_share"] * (k["ctr"] + 0.08)) < 1e-6
      and lp["keywords_in_pack"] == 1 and abs(lp["visits"] - k["pack_visits"]) < 1e-6
      and abs(lp["share_of_visits"] - lp["visits"] / v["visits"]) < 1e-9)
sys.exit(0 if ok else 1)'
st b value --site example.com >val.txt 2>/dev/null
check "value table: pack columns and the pack's share line" \
	sh -c 'grep -q "from pack" val.txt && grep -q "^local pack: 1 of 2 keywords in the pack" val.txt'
