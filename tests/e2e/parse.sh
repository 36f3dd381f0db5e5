#!/bin/sh
# parse.sh - `serptrack parse` end to end on the golden pages: JSON output
# that a JSON parser accepts, engine detection, table output, several files
# as JSON Lines, and bad input (empty file, binary file, unknown engine,
# missing file) with one-line errors and the right exit codes.
set -u
: "${SERPTRACK:?set SERPTRACK to the built binary}"
top=$(cd "$(dirname "$0")/../.." && pwd)
g="$top/tests/golden"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else nok "$2"; fi; }

json_ok() { python3 -m json.tool "$1" >/dev/null 2>&1; }
# jget FILE EXPR: evaluates a Python expression over the parsed JSON as d.
jget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null; }

"$SERPTRACK" parse "$g/google-2025-modern.html" --engine google --format json >"$tmp/g.json" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && json_ok "$tmp/g.json"
check $? "parse google page --format json exits 0 with valid JSON"
[ "$(jget "$tmp/g.json" "d['organic'][0]['url']")" = "https://www.austinplumbing.com/" ] &&
	[ "$(jget "$tmp/g.json" "len(d['organic'])")" = 4 ] &&
	[ "$(jget "$tmp/g.json" "d['local_pack'][0]['reviews']")" = 2345 ]
check $? "google JSON has the organic list and local pack"

"$SERPTRACK" parse "$g/bing-modern.html" --format json >"$tmp/b.json" 2>/dev/null
[ "$(jget "$tmp/b.json" "d['engine']")" = bing ] &&
	[ "$(jget "$tmp/b.json" "d['organic'][0]['domain']")" = houstonelectric.com ]
check $? "engine detected without --engine (bing)"

"$SERPTRACK" parse "$g/duckduckgo-html.html" "$g/google-captcha.html" --format json >"$tmp/many.jsonl" 2>/dev/null
n=0
bad=0
while IFS= read -r line; do
	n=$((n + 1))
	printf '%s' "$line" | python3 -m json.tool >/dev/null 2>&1 || bad=1
done <"$tmp/many.jsonl"
[ $n -eq 2 ] && [ $bad -eq 0 ] && grep -q '"block_reason": *"captcha"' "$tmp/many.jsonl"
check $? "several files: one JSON object per line, blocked page reported"

"$SERPTRACK" parse "$g/google-2025-modern.html" >"$tmp/t.txt" 2>/dev/null &&
	grep -q 'austinplumbing.com' "$tmp/t.txt" && grep -q 'organic' "$tmp/t.txt"
check $? "table output lists the results"

: >"$tmp/empty.html"
"$SERPTRACK" parse "$tmp/empty.html" --engine google >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^serptrack: ' "$tmp/err"
check $? "empty file: one-line error, exit 1"

head -c 4096 /dev/urandom >"$tmp/binary.html" 2>/dev/null || printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0' >"$tmp/binary.html"
"$SERPTRACK" parse "$tmp/binary.html" --engine bing >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^serptrack: ' "$tmp/err"
check $? "binary file: one-line error, exit 1"

"$SERPTRACK" parse "$g/google-2025-modern.html" --engine altavista >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]
check $? "unknown engine: exit 2"

"$SERPTRACK" parse "$tmp/does-not-exist.html" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q '^serptrack: ' "$tmp/err"
check $? "missing file: exit 1"

"$SERPTRACK" parse --format csv "$g/google-2025-modern.html" >/dev/null 2>&1
[ $? -eq 2 ]
check $? "csv format refused as a usage error"

# Blocks are reported as blocked, never as an empty result list.
"$SERPTRACK" parse "$g/google-ratelimited.html" --engine google --http-status 429 --format json >"$tmp/r.json" 2>/dev/null
[ "$(jget "$tmp/r.json" "d['block_reason']")" = rate_limited ]
check $? "--http-status 429 gives blocked rate_limited"

# Every real page (when ../shared is beside the project) in one run: one
# JSON line each, none refused. Under `make test-valgrind` this is the
# memcheck pass over the real pages.
real="${SERPTRACK_FIXTURES:-$top/../shared/fixtures/real}"
if ls "$real"/*/*.html >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	"$SERPTRACK" parse "$real"/*/*.html --format json >"$tmp/real.jsonl" 2>"$tmp/err"
	rc=$?
	want=$(ls "$real"/*/*.html | wc -l)
	got=$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)))' "$tmp/real.jsonl" 2>/dev/null)
	[ $rc -eq 0 ] && [ "$got" = "$want" ]
	check $? "every real page parses to one JSON line ($want pages)"
else
	echo "ok - real pages absent, skipped # SKIP"
fi
