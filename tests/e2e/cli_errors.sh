#!/bin/sh
# cli_errors.sh - a filter that names nothing is an error naming what was
# not found (never an empty table with exit 0), and a mistyped command or
# option gets the nearest name suggested. No network needed.
set -u
. "$(dirname "$0")/../lib.sh"
st() { (cd "$T" && "$SERPTRACK" "$@"); }
runs() { # runs RC PATTERN ARGS...: exit code RC and PATTERN on stderr
	want=$1 pat=$2
	shift 2
	st "$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" -eq "$want" ] && grep -q -- "$pat" "$T/err"
}
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st kw add "plumber austin" --site austin-plumbing-pros.com \
	--location "Austin,Texas,United States" --tag core >/dev/null 2>&1

check "unknown command suggests the nearest: rnak -> rank" runs 2 "did you mean rank?" rnak
check "unknown command suggests the nearest: histroy -> history" runs 2 "did you mean history?" histroy
check "far from every command: no suggestion" runs 2 "unknown command 'zzzzzzzz' (see" zzzzzzzz
check "unknown option suggests the nearest: --sotr -> --sort" runs 2 "did you mean --sort?" rank --sotr position
check "unknown option suggests the nearest: --keywrod" runs 2 "did you mean --keyword?" history --keywrod 1
check "rank --tag nosuch: an error naming the tag" runs 1 "no keyword has tag 'nosuch'" rank --tag nosuch
check "rank --tag near a real tag: suggested" runs 1 "did you mean 'core'" rank --tag cor
check "rank --site unknown.com: an error naming the site" runs 1 "unknown.com" rank --site unknown.com
check "rank --engine bing with no bing keyword: an error" runs 1 "no keyword has engine 'bing'" rank --engine bing
check "rank --engine yahoo: a usage error" runs 2 "unknown engine 'yahoo'" rank --engine yahoo
check "rank --location Houston: an error naming it" runs 1 "no keyword has location 'Houston'" rank --location Houston
check "rank --device mobile with none: an error" runs 1 "no keyword has device 'mobile'" rank --device mobile
check "rank --device tablet: a usage error" runs 2 "unknown device 'tablet'" rank --device tablet
check "history --site unknown.com: an error naming it" runs 1 "unknown.com" history --keyword 1 --site unknown.com
check "history --keyword 99: an error naming it" runs 1 "no keyword with id 99" history --keyword 99
check "chart --keyword 99: an error" runs 1 "99" chart --keyword 99 --out "$T/c.svg"
check "report --site unknown.com: an error naming it" runs 1 "unknown.com" report --site unknown.com --out "$T/r.html"
st rank --tag core --location austin --engine google --device desktop >"$T/ok.out" 2>"$T/ok.err"
check "filters that name something: exit 0" test $? -eq 0
check "... and the row is there" grep -q "plumber austin" "$T/ok.out"
