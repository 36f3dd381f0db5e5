#!/bin/sh
# outside.sh - research and value run outside the project folder without
# `make install` (issue 12 #29): the data is found beside the executable
# (keywords/ next to it, or ../share/serptrack/keywords from it, resolved
# through /proc/self/exe), and when it is nowhere the error lists where it
# looked.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$top/$SERPTRACK" ;; esac
unset SERPTRACK_DB SERPTRACK_NOW
# The layouts need the executable itself: a wrapper script (the valgrind
# run's) would still exec the binary inside the checkout.
if [ "$(head -c 4 "$SERPTRACK" | tail -c 3)" != ELF ]; then
	echo "ok 1 # SKIP SERPTRACK is not the executable itself (wrapper)"
	exit 0
fi

# an unpacked build: bin/serptrack + bin/keywords
mkdir -p "$T/unpacked" "$T/prefix/bin" "$T/prefix/share/serptrack" "$T/alone" "$T/work"
cp "$SERPTRACK" "$T/unpacked/serptrack"
cp -r "$top/keywords" "$T/unpacked/keywords"
# a relocated install: prefix/bin/serptrack + prefix/share/serptrack/keywords
cp "$SERPTRACK" "$T/prefix/bin/serptrack"
cp -r "$top/keywords" "$T/prefix/share/serptrack/keywords"
# the binary with no data anywhere near it
cp "$SERPTRACK" "$T/alone/serptrack"

cd "$T/work" || exit 1
for layout in unpacked prefix/bin; do
	S="$T/$layout/serptrack"
	rm -f serptrack.db
	"$S" research expand --niche plumbing --state TX --top 2 >exp.csv 2>exp.err
	check "#29 research expand from another folder finds $layout's data" test $? -eq 0
	check "#29 research expand output ($layout)" grep -q '^plumber in houston tx,' exp.csv
	"$S" init >/dev/null 2>&1
	"$S" site add austin-plumbing-pros.com --niche plumbing >/dev/null 2>&1
	"$S" value --site austin-plumbing-pros.com --format json >val.json 2>val.err
	check "#29 value from another folder finds $layout's data" test $? -eq 0
	check "#29 value knows the niche's lead value ($layout)" grep -q '"lead_value": 80' val.json
	check "#29 no niches.csv warning ($layout)" test ! -s val.err
done

# data nowhere: the error names every place tried (the compiled install
# folder is skipped only when something installed data there)
S="$T/alone/serptrack"
"$S" research expand --niche plumbing --state TX >/dev/null 2>exp.err
rc=$?
if [ -e /usr/local/share/serptrack/keywords/niches.csv ]; then
	echo "ok $((n = n + 1)) # SKIP data installed in /usr/local/share/serptrack"
else
	check "#29 no data anywhere: research fails" test "$rc" -eq 1
	check "#29 the error lists ./keywords and the exe's folders" \
		grep -q "looked in keywords, $T/alone/keywords, $T/alone/../share/serptrack/keywords" exp.err
fi
# an explicit [research] data_dir still wins and is named in the error
printf '[research]\ndata_dir = %s/nowhere\n' "$T" >serptrack.conf
chmod 600 serptrack.conf
"$T/unpacked/serptrack" research expand --niche plumbing --state TX >/dev/null 2>exp.err
check "#29 a configured data_dir is not second-guessed" grep -q "$T/nowhere/niches.csv" exp.err
exit 0
