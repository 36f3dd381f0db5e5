#!/bin/sh
# csvguard.sh - the CSV formula guard end to end (issue 12 #13): a keyword
# that starts like a negative number but is a formula is exported with the
# ' prefix by `kw list --format csv`; a plain negative number is not a
# keyword anyone types, so the unit test (test_csvguard) covers that side.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$top/$SERPTRACK" ;; esac
unset SERPTRACK_DB SERPTRACK_NOW
cd "$T" || exit 1
S="$SERPTRACK"
$S init >/dev/null 2>&1
$S site add austin-plumbing-pros.com >/dev/null 2>&1
$S kw add "-1+1+cmd|' /C calc'!A0" --site austin-plumbing-pros.com >/dev/null 2>&1
$S kw add "+2+HYPERLINK(1)" --site austin-plumbing-pros.com >/dev/null 2>&1
$S kw list --format csv >kw.csv 2>kw.err
check "#13 kw list --format csv exits 0" test $? -eq 0
check "#13 -1+1+cmd cell is quoted with a ' prefix" grep -qF "\"'-1+1+cmd|' /C calc'!A0\"" kw.csv
check "#13 no cell starts with -1+1 raw" sh -c "! grep -Eq '(^|,)-1\\+1' kw.csv"
check "#13 +2+HYPERLINK cell is prefixed" grep -qF "\"'+2+HYPERLINK(1)\"" kw.csv
exit 0
