#!/bin/sh
# run.sh [FILE.t...] - the data-driven CLI cases (tests/cli/*.t) against
# $SERPTRACK, one TAP "ok"/"not ok" line per case, so that a command's
# expected output is data to read, not shell to decode.
#
# A .t file is a sequence of cases run in order in one fresh folder, with
# SERPTRACK_DB=t.db (relative: the folder's), SERPTRACK_NOW fixed at
# 2026-11-01T06:00:00Z unless a case sets it, and `serptrack` on PATH running
# $SERPTRACK (so a case shares the database the previous cases built):
#
#   # comment (only before the first case)
#   == what the case shows
#   ! setup shell line (any number; must exit 0, output ignored)
#   $ serptrack command line (one; run by sh in the case folder)
#   ? 2                      expected exit code (default 0)
#   2> text                  stderr must contain text (any number)
#   expected stdout, every remaining line up to the next "==" (trailing
#   blank lines, and blanks and CRs at the end of a line, dropped on both
#   sides); "..." alone skips the comparison
#
# Exit 0 when every case passed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${SERPTRACK:=$top/build/asan/serptrack}"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$top/$SERPTRACK" ;; esac
export SERPTRACK
# the source tree, for a case that runs a helper script of tests/cli
export CLI_TOP="$top"
# one fixed clock, so created_at and "today" are part of the expected output
export SERPTRACK_NOW="${CLI_NOW:-2026-11-01T06:00:00Z}"
[ $# -eq 0 ] && set -- "$top"/tests/cli/*.t
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/bin"
printf '#!/bin/sh\nexec "$SERPTRACK" "$@"\n' >"$work/bin/serptrack"
chmod 755 "$work/bin/serptrack"
n=0
bad=0

# strip FILE: drops trailing blank lines and each line's trailing blanks
# and CR (CSV rows end in CRLF, table cells are padded; a .t file is plain
# text) in place
strip() {
	awk '{ sub(/[ \t\r]+$/, ""); l[NR] = $0 } END { e = NR; while (e > 0 && l[e] == "") e--; for (i = 1; i <= e; i++) print l[i] }' \
		"$1" >"$1.s" && mv "$1.s" "$1"
}

# split FILE DIR: one folder DIR/NNN per case holding name, setup, cmd,
# rc, err (one needle a line) and want
split() {
	awk -v d="$2" '
	function f(x) { return sprintf("%s/%03d/%s", d, c, x) }
	/^== / { c++; system("mkdir -p " d "/" sprintf("%03d", c)); print substr($0, 4) > f("name");
		 printf "" > f("setup"); printf "" > f("err"); printf "" > f("want"); body = 0; next }
	c == 0 { next }
	!body && /^! / { print substr($0, 3) > f("setup"); next }
	!body && /^\$ / { print substr($0, 3) > f("cmd"); next }
	!body && /^\? / { print substr($0, 3) > f("rc"); next }
	!body && /^2> / { print substr($0, 4) > f("err"); next }
	{ body = 1; print > f("want") }' "$1"
}

# run_case DIR CASEDIR LABEL: runs one case in DIR, prints its TAP line
run_case() {
	n=$((n + 1))
	c=$2
	name=$(cat "$c/name")
	why=
	if ! (cd "$1" && PATH="$work/bin:$PATH" sh -e "$c/setup") >"$c/setup.out" 2>&1; then
		why="set-up failed: $(head -c 300 "$c/setup.out")"
	elif [ ! -s "$c/cmd" ]; then
		why="no '\$ command' line"
	else
		(cd "$1" && PATH="$work/bin:$PATH" sh "$c/cmd") >"$c/out" 2>"$c/stderr" </dev/null
		rc=$?
		want_rc=0
		[ -s "$c/rc" ] && want_rc=$(cat "$c/rc")
		strip "$c/want"
		strip "$c/out"
		if [ "$rc" -ne "$want_rc" ]; then
			why="exit $rc, expected $want_rc"
		elif [ "$(cat "$c/want")" != "..." ] && ! cmp -s "$c/want" "$c/out"; then
			why="stdout differs"
		else
			while IFS= read -r needle; do
				grep -qF -- "$needle" "$c/stderr" || { why="stderr lacks '$needle'"; break; }
			done <"$c/err"
		fi
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $3: $name"
		return
	fi
	echo "not ok $n - $3: $name ($why)"
	[ -f "$c/out" ] && diff "$c/want" "$c/out" | sed 's/^/#   /' | head -40
	[ -f "$c/stderr" ] && sed 's/^/#   stderr: /' "$c/stderr" | head -10
}

for t in "$@"; do
	label=$(basename "$t" .t)
	cases="$work/cases.$label"
	dir="$work/run.$label"
	mkdir -p "$cases" "$dir"
	split "$t" "$cases"
	for c in "$cases"/*/; do
		[ -d "$c" ] || continue
		(export SERPTRACK_DB=t.db; run_case "$dir" "${c%/}" "$label") >"$work/line"
		cat "$work/line"
		grep -q '^not ok' "$work/line" && bad=$((bad + 1))
		n=$((n + 1))
	done
done
[ "$bad" -eq 0 ]
