#!/bin/sh
# aioverview.sh - AI overviews end to end (issue 18 #6): a backfill over
# the simulator's last 20 days where the demo site is cited in Google's
# AI overview on some days and not on others. The stored cites are the
# truth every view is checked against: `rank` shows the latest one,
# `alerts` raised ai_cited / ai_uncited exactly at each change, `serp`
# lists the cited URLs in order, the report has its section, and the same
# days through provider = serp-api store identical cites.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
SITE=austin-plumbing-pros.com
conf() { # conf DIR [engine lines]
	cat >"$1/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
timeout_ms = 3000
[archive]
enabled = yes
[engine.google]
min_delay_ms = 0
${2:-base_url = http://127.0.0.1:$PORT/google}
CONF
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 "$1/serptrack.db" "$2"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
setup_db() {
	st "$1" init >/dev/null 2>&1
	st "$1" site add "$SITE" >/dev/null 2>&1
	for kw in "how much does a plumber cost austin" "emergency plumber austin" \
		"what does a plumber charge austin" "plumber austin" "how to find a plumber austin" \
		"why hire a licensed plumber austin"; do
		st "$1" kw add "$kw" --site "$SITE" --engine google --depth 10 \
			--location "Austin,Texas,United States" >/dev/null 2>&1
	done
}
mkdir "$T/d" "$T/s"
conf "$T/d"
conf "$T/s" "provider = serp-api
base_url = http://127.0.0.1:$PORT/serp-api
api_key = k_aioverview"
setup_db "$T/d"
setup_db "$T/s"
LAST=
for i in $(seq 19 -1 0); do
	d=$(date -u -d "today - $i days" +%F)
	curl -s "http://127.0.0.1:$PORT/_sim/day?date=$d" >/dev/null
	for x in d s; do
		SERPTRACK_NOW=${d}T06:00:00Z st "$T/$x" run >/dev/null 2>>"$T/$x/err"
	done
	LAST=$d
done
NOW=${LAST}T07:00:00Z
now() { (cd "$1" && shift && SERPTRACK_NOW=$NOW "$SERPTRACK" "$@"); }

check "every day checked ok on both" \
	test "$(q "$T/d" 'select count(*) from "check" where status = 0')" -eq 120 -a \
	"$(q "$T/s" 'select count(*) from "check" where status = 0')" -eq 120

# the site's citation position per ok check (0 = not cited), and whether
# the page had an overview (feature bit 1 << 11)
CITES="with c as (select c.id, c.keyword_id, c.checked_at, (c.features & 2048) != 0 as ov,
  ifnull((select min(a.position) from ai_cite a join url u on u.id = a.url_id
   where a.check_id = c.id and (u.url like '%://$SITE/%' or u.url like '%.$SITE/%')), 0) as pos
  from \"check\" c where c.status = 0)"
TRANS="$CITES, l as (select *, lag(pos) over w as ppos, lag(ov) over w as pov from c
  window w as (partition by keyword_id order by checked_at, id))"
ov=$(q "$T/d" "$CITES select count(*) from c where ov")
cited=$(q "$T/d" "$CITES select count(*) from c where pos > 0")
uncited=$(q "$T/d" "$CITES select count(*) from c where ov and pos = 0")
check "some checks had an overview, not all ($ov of 120)" test "$ov" -gt 0 -a "$ov" -lt 120
check "the site cited on some days ($cited)" test "$cited" -gt 0
check "and not cited on others with an overview ($uncited)" test "$uncited" -gt 0
check "cites stored only with an overview, 2-4 each" \
	test "$(q "$T/d" 'select count(*) from "check" where (ai_cites is not null) != ((features & 2048) != 0) or ai_cites not between 2 and 4')" -eq 0

# --- rank: the latest check's overview, by site -----------------------------
now "$T/d" rank --format csv >"$T/rank.csv" 2>"$T/rank.err"
check "rank --format csv exits 0" test $? -eq 0
check "rank csv ends with ai_overview, ai_overview_cited, ai_cite_position" \
	sh -c "head -1 '$T/rank.csv' | tr -d '\r' | grep -q ',ai_overview,ai_overview_cited,ai_cite_position\$'"
# keyword_id first, the AI columns last (a location holds commas)
tr -d '\r' <"$T/rank.csv" | awk -F, 'NR > 1 { print $1 "|" $(NF - 2) "|" $(NF - 1) "|" $NF }' |
	sort >"$T/rank.got"
q "$T/d" "$CITES, latest as (select keyword_id, max(checked_at) t from c group by keyword_id)
  select c.keyword_id, case when ov then 'true' else 'false' end, case when pos > 0 then 'true' else 'false' end,
  case when pos > 0 then pos else '' end from c join latest l on l.keyword_id = c.keyword_id
  and l.t = c.checked_at" | sort >"$T/rank.want"
check "rank's AI columns are the latest check's cites" cmp "$T/rank.got" "$T/rank.want"
now "$T/d" rank >"$T/rank.txt" 2>&1
check "rank table has an AI column" grep -Eq ' AI *$' "$T/rank.txt"
now "$T/d" rank --format json >"$T/rank.json" 2>&1
check "rank json: ai_cite_position an int or null" grep -Eq '"ai_cite_position": ([0-9]+|null)' "$T/rank.json"

# --- alerts: exactly at each change -----------------------------------------
gained=$(q "$T/d" "$TRANS select count(*) from l where ppos is not null and pos > 0 and ppos = 0")
lost=$(q "$T/d" "$TRANS select count(*) from l where ppos > 0 and pos = 0")
gone=$(q "$T/d" "$TRANS select count(*) from l where ppos > 0 and not ov")
check "the backfill has gained and lost citations ($gained, $lost)" test "$gained" -gt 0 -a "$lost" -gt 0
now "$T/d" alerts --kind ai_cited --format csv >"$T/cited.csv" 2>&1
now "$T/d" alerts --kind ai_uncited --format csv >"$T/uncited.csv" 2>&1
check "alerts --kind ai_cited: one per citation gained" test "$(($(wc -l <"$T/cited.csv") - 1))" -eq "$gained"
check "alerts --kind ai_uncited: one per citation lost" test "$(($(wc -l <"$T/uncited.csv") - 1))" -eq "$lost"
check "ai_cited says where" grep -q 'cited in the AI overview at [1-4]' "$T/cited.csv"
if [ "$gone" -gt 0 ]; then
	check "an overview that disappeared is said so ($gone)" grep -q 'AI overview that cited it (at [1-4]) is gone' "$T/uncited.csv"
fi
if [ "$lost" -gt "$gone" ]; then
	check "a citation lost under an overview still shown" grep -q 'no longer cited in the AI overview' "$T/uncited.csv"
fi

# --- serp: the cited URLs in order ------------------------------------------
kw=$(q "$T/d" "$CITES select keyword_id from c where pos > 0 order by checked_at desc limit 1")
day=$(q "$T/d" "$CITES select date(checked_at, 'unixepoch') from c where pos > 0 order by checked_at desc limit 1")
now "$T/d" serp --keyword "$kw" --date "$day" --format csv >"$T/serp.csv" 2>&1
check "serp exits 0" test $? -eq 0
grep '^ai-cited,' "$T/serp.csv" | awk -F, '{ print $2 }' >"$T/serp.pos"
q "$T/d" "select a.position from ai_cite a join \"check\" c on c.id = a.check_id
  where c.keyword_id = $kw and date(c.checked_at, 'unixepoch') = '$day' order by a.position" >"$T/serp.want"
check "serp lists the stored cites in order" cmp "$T/serp.pos" "$T/serp.want"
q "$T/d" "select u.url from ai_cite a join \"check\" c on c.id = a.check_id join url u on u.id = a.url_id
  where c.keyword_id = $kw and date(c.checked_at, 'unixepoch') = '$day' order by a.position" >"$T/serp.urls"
check "serp shows each cited URL" sh -c "while read -r u; do grep -qF \"\$u\" '$T/serp.csv' || exit 1; done <'$T/serp.urls'"
check "serp shows the site among them" grep -q "^ai-cited,.*$SITE" "$T/serp.csv"

# --- report: the section ----------------------------------------------------
now "$T/d" report --site "$SITE" --since "$(date -u -d "$LAST - 19 days" +%F)" --out "$T/r.html" >/dev/null 2>&1
check "report written" test -s "$T/r.html"
check "report has the AI overviews section" grep -q '<h2>AI overviews</h2>' "$T/r.html"
check "report shows a citation position" grep -Eq '<span class="up">#[1-4]</span>' "$T/r.html"

# --- serp-api: the same cites as direct -------------------------------------
SAME="select k.query, date(c.checked_at, 'unixepoch'), a.position, u.url, t.s from ai_cite a
  join \"check\" c on c.id = a.check_id join keyword k on k.id = c.keyword_id
  join url u on u.id = a.url_id join str t on t.id = a.title_id order by 1, 2, 3"
q "$T/d" "$SAME" >"$T/d.cites"
q "$T/s" "$SAME" >"$T/s.cites"
check "serp-api stored cites" test -s "$T/s.cites"
check "serp-api cites (URL, title, order) identical to direct" cmp "$T/d.cites" "$T/s.cites"
check "serp-api: the same citation alerts as direct" \
	test "$(q "$T/s" "select count(*) from alert where rule like 'ai_%'")" -eq "$(q "$T/d" "select count(*) from alert where rule like 'ai_%'")"

# --- reparse: the archived pages give the same cites back -------------------
sqlite3 "$T/d/serptrack.db" 'delete from ai_cite; update "check" set ai_cites = null'
now "$T/d" reparse >/dev/null 2>>"$T/d/err"
check "reparse exits 0" test $? -eq 0
q "$T/d" "$SAME" >"$T/d.reparsed"
check "reparse re-stores the cites from the archive" cmp "$T/d.cites" "$T/d.reparsed"
check "no errors on stderr" test ! -s "$T/d/err" -a ! -s "$T/s/err"
