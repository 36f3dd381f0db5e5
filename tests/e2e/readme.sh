#!/bin/sh
# readme.sh - every command example in README.md runs, so the manual cannot
# drift from the program. Takes every `serptrack ...` / `./serptrack ...`
# line of the README's ```sh blocks (backslash continuations joined) and
# runs it, in README order, from a folder laid out like a checkout, against
# one demo-like database (the demo's four sites and keywords/demo.csv,
# tracked by `run` over a few simulated days against the simulator, clock
# fixed with SERPTRACK_NOW). A line ending in `# exits N` must exit N, any
# other must exit 0, and no line may print a sanitizer report. Lines that
# cannot run in a test (make, git, crontab, sudo, apt-get, install) and lines
# that are not serptrack commands are skipped by rule and reported as TAP
# skips. A failure names the README line, the exit status and the first
# line of stderr.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"
README=${README_FILE:-$top/README.md}
NOW=2026-11-21T09:00:00Z
DAYS="2026-11-18 2026-11-19 2026-11-20 2026-11-21"

# extract FILE: one record per logical command line of its ```sh blocks,
# "LINE<TAB>TEXT" (LINE = where it starts), continuations joined, blank
# and comment-only lines left out.
extract() {
	awk '
	/^```/ {
		if (!inblk && $0 ~ /^```(sh|bash|shell)[[:space:]]*$/) { inblk = 1; next }
		if (inblk) { inblk = 0; cur = ""; next }
	}
	!inblk { next }
	{
		line = $0
		if (cur == "") { start = NR; sub(/^[[:space:]]+/, "", line) }
		else sub(/^[[:space:]]+/, " ", line)
		if (line ~ /\\$/) { sub(/[[:space:]]*\\$/, "", line); cur = cur line; next }
		cur = cur line
		if (cur !~ /^#/ && cur != "") printf "%d\t%s\n", start, cur
		cur = ""
	}' "$1"
}

# first_word CMD: the command word, after any VAR=value prefixes.
first_word() {
	set -f
	for w in $1; do
		case $w in
		[A-Za-z_]*=*) expr "$w" : '[A-Za-z_][A-Za-z0-9_]*=' >/dev/null && continue ;;
		esac
		echo "$w"
		return
	done
}

# The harness checks itself first: a harness that silently extracts
# nothing would pass forever.
cat >"$T/selftest.md" <<'MD'
text `serptrack not-this`
```sh
serptrack one --a 1 \
    --b "two words"   # a comment
# a comment line

./serptrack two   # exits 2
```
```ini
serptrack not-this-either
```
```sh
make demo
```
MD
extract "$T/selftest.md" >"$T/selftest.out"
printf '3\tserptrack one --a 1 --b "two words"   # a comment\n7\t./serptrack two   # exits 2\n13\tmake demo\n' >"$T/selftest.want"
check "harness: extracts sh-block lines, joins continuations, keeps their line numbers" \
	cmp "$T/selftest.out" "$T/selftest.want"
check "harness: the command word is found after VAR=value prefixes" \
	test "$(first_word 'SERPTRACK_NOW=2026-11-01T06:00:00Z ./serptrack run')" = ./serptrack
extract "$README" >"$T/lines"
nlines=$(grep -c . "$T/lines")
check "harness: README has command examples ($nlines lines)" test "$nlines" -gt 20

# --- the demo-like database ---------------------------------------------
# A folder laid out like a checkout (keywords/, reports/, the test pages)
# with the database and config where the README's examples look for them:
# ./serptrack.db and ./serptrack.conf, and demo/ for the `make demo` line.
W=$T/work
mkdir -p "$W/reports" "$W/demo" "$W/tests"
cp -R "$top/keywords" "$W/keywords"
cp -R "$top/tests/golden" "$W/tests/golden"
start_sim
base="http://127.0.0.1:$PORT"
umask 077
cat >"$W/serptrack.conf" <<CONF
# every engine points at the local SERP simulator, as in the demo
[crawl]
concurrency = 8
timeout_ms = 20000

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

; the README's reparse example presupposes it
[archive]
enabled = yes
CONF
umask 022
ln -s ../serptrack.db "$W/demo/serptrack.db"
ln -s ../serptrack.conf "$W/demo/serptrack.conf"

# Files the README has the user bring (a saved result page, a call-tracking
# export). Anything else an example reads must exist in the checkout or be
# written by an earlier example.
cp "$top/tests/golden/google-2025-modern.html" "$W/saved.html"
cp "$top/tests/golden/bing-modern.html" "$W/a.html"
cp "$top/tests/golden/bing-noresults.html" "$W/b.html"
cat >"$W/calls.csv" <<'CSV'
Call Id,Start Time,Duration,Customer Phone Number,Tracking Number,Source
C1,2026-11-19 09:15:00,1:35,(512) 555-0101,+1 (512) 555-0100,Google Organic
C2,2026-11-20 10:00:00,12,(512) 555-0102,512-555-0100,Google My Business
C3,2026-11-20 15:30:00,4:10,(512) 555-0103,512-555-0100,Local Services Ads
CSV
# a Search Console Queries export of the demo's plumbing site (UTF-8 with
# BOM, as Search Console writes it), enough rows to calibrate its CTR curve
{
	printf '\357\273\277Top queries,Clicks,Impressions,CTR,Position\n'
	cat <<'CSV'
plumber austin,412,"1,450",28.41%,1.3
emergency plumber austin,58,310,18.71%,2.4
plumbing repair austin tx,21,160,13.13%,3.2
24 hour plumber austin,17,190,8.95%,4.1
plumber near me,30,520,5.77%,5.6
austin plumbing company,9,140,6.43%,5.9
water heater repair austin,6,120,5.00%,7.2
drain cleaning austin,4,95,4.21%,7.8
leak repair austin,3,80,3.75%,8.9
austin plumbers,2,75,2.67%,9.8
sewer line repair austin,0,40,0.00%,14.5
CSV
} >"$W/Queries.csv"
cat >"$W/other-calls.csv" <<'CSV'
When,Secs,Number,From
2026-11-20 14:02:00,95,+1 512 555 0100,+1 512 555 0177
CSV

setup() {
	cd "$W" || return 1
	S="$SERPTRACK --db serptrack.db"
	$S init &&
		$S site add austin-plumbing-pros.com --name "Austin Plumbing Pros" --niche plumbing \
			--status rented --client "Lone Star Plumbing LLC" --rent 900 &&
		$S site add dallasroofingexperts.com --name "Dallas Roofing Experts" --niche roofing \
			--status ranking &&
		$S site add houstonelectricianco.com --name "Houston Electrician Co" --niche electrician \
			--status building &&
		$S site add satx-ac-repair.com --name "SATX AC Repair" --niche hvac --status ranking &&
		$S kw import keywords/demo.csv &&
		$S research import-volume keywords/demo-volumes.csv || return 1
	for day in $DAYS; do
		curl -fsS "$base/_sim/day?date=$day" || return 1
		SERPTRACK_NOW="${day}T06:00:00Z" $S run || return 1
	done
}
if (setup) >"$T/setup.out" 2>"$T/setup.err" </dev/null; then
	echo "ok $((n = n + 1)) - set-up: demo sites and keywords tracked by run over $DAYS"
else
	echo "not ok $((n = n + 1)) - set-up of the demo-like database failed"
	sed 's/^/# /' "$T/setup.err" | tail -n 20
	exit 1
fi

# --- the examples, in README order --------------------------------------
export SERPTRACK_NOW="$NOW"
tab=$(printf '\t')
while IFS="$tab" read -r line cmd; do
	n=$((n + 1))
	# the name without the line's trailing comment (a # in a TAP name reads
	# as a directive), but with what it expects
	name=$(printf '%s\n' "$cmd" | sed -E -e 's/[[:space:]]+#.*$//' -e 's/[[:space:]]+/ /g')
	name="README:$line: $name"
	word=$(first_word "$cmd")
	case $word in
	serptrack | ./serptrack) ;;
	make | git | crontab | sudo | apt-get | apt | install)
		echo "ok $n - $name # SKIP cannot run in a test ($word)"
		continue
		;;
	*)
		echo "ok $n - $name # SKIP not a serptrack command"
		continue
		;;
	esac
	want=$(expr "$cmd" : '.*#[[:space:]]*exits[[:space:]]*\([0-9][0-9]*\)[[:space:]]*$')
	[ -n "$want" ] || want=0
	[ "$want" -eq 0 ] || name="$name (exits $want)"
	# serptrack where a command word can stand: at the start (after any
	# VAR=value), after a pipe, ;, && or $(
	run=$(printf '%s\n' "$cmd" | sed -E \
		-e 's#^(([A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*[[:space:]]+)*)(\./)?serptrack([[:space:]]|$)#\1"$SERPTRACK"\4#' \
		-e 's#([|;&(][[:space:]]*)(\./)?serptrack([[:space:]]|$)#\1"$SERPTRACK"\3#g')
	(cd "$W" && timeout -k 10 600 sh -c "$run") >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	why=
	if grep -q -e 'runtime error:' -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' "$T/err"; then
		why="sanitizer report: $(grep -m 1 -e 'runtime error:' -e 'ERROR: ' "$T/err")"
	elif [ "$rc" -ne "$want" ]; then
		first=$(grep -m 1 . "$T/err")
		why="exited $rc, expected $want: ${first:-(nothing on stderr)}"
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "# README.md line $line: $cmd"
		echo "#   $why"
		if ! kill -0 "$SIM_PID" 2>/dev/null && [ -z "${sim_said:-}" ]; then
			sim_said=1
			echo "#   the simulator is no longer running; its last words:"
			tail -n 5 "$T/sim.err" | sed 's/^/#     /'
		fi
	fi
done <"$T/lines"
