#!/bin/sh
# sizes.sh [DIR...] - the size limits of the issue's measures: prints every
# function over 120 lines and every file over 700 lines in src/ (or in the
# folders given) and exits 1 when there are any. A function runs from the
# line naming it to its closing brace in column 0, as the code is laid out
# (function bodies open and close with a brace alone in column 0).
# `make test` runs it (tests/run.sh, as one TAP line).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
[ $# -gt 0 ] || set -- src
FUNC_MAX=${FUNC_MAX:-120}
FILE_MAX=${FILE_MAX:-700}
files=$(find "$@" -name '*.c' -o -name '*.h' | sort)
[ -n "$files" ] || exit 0
# shellcheck disable=SC2086 # the list is split on purpose
awk -v fmax="$FUNC_MAX" -v lmax="$FILE_MAX" '
FNR == 1 {
    if (prev != "" && plines > lmax)
        printf "%s: %d lines (file over %d)\n", prev, plines, lmax
    name = ""; start = 0; inbody = 0
}
{ prev = FILENAME; plines = FNR }
!inbody && /^[A-Za-z_].*[A-Za-z_0-9]+[ \t]*\(/ && !/;[ \t]*$/ {
    s = $0
    sub(/\(.*/, "", s)
    n = split(s, w, /[ \t*]+/)
    name = w[n]; start = FNR
}
!inbody && /^\{/ && name != "" { inbody = 1 }
inbody && /^\}/ {
    len = FNR - start + 1
    if (len > fmax)
        printf "%s:%d: %s: %d lines (function over %d)\n", FILENAME, start, name, len, fmax
    inbody = 0; name = ""
}
END {
    if (prev != "" && plines > lmax)
        printf "%s: %d lines (file over %d)\n", prev, plines, lmax
}' $files >"${TMPDIR:-/tmp}/sizes.$$"
rc=0
[ -s "${TMPDIR:-/tmp}/sizes.$$" ] && rc=1
cat "${TMPDIR:-/tmp}/sizes.$$"
rm -f "${TMPDIR:-/tmp}/sizes.$$"
exit $rc
