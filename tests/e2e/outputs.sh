#!/bin/sh
# outputs.sh - report, chart and export --out as files (issue 12 #11, #15,
# #17, #28): written through a fresh temporary and renamed, so a planted
# symlink is never followed and a full disk keeps the previous file; mode
# 0600 unless --mode or [output] mode says otherwise; plus the odd-input
# messages of #28 (1 MB query line in kw import, export on a full disk,
# empty research queries).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$top/$SERPTRACK" ;; esac
unset SERPTRACK_DB SERPTRACK_NOW
start_sim
W="$T/w"
mkdir "$W"
cat >"$W/serptrack.conf" <<CONF
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
jitter_ms = 0
CONF
chmod 600 "$W/serptrack.conf"
cd "$W" || exit 1
S="$SERPTRACK"
{
	$S init && $S site add austin-plumbing-pros.com &&
		$S kw add "emergency plumber austin" --site austin-plumbing-pros.com
} >/dev/null 2>"$T/setup.err" || { cat "$T/setup.err"; echo "not ok - set-up"; exit 1; }
for d in 01 02 03; do
	curl -fsS "http://127.0.0.1:$PORT/_sim/day?date=2026-11-$d" >/dev/null
	SERPTRACK_NOW="2026-11-${d}T06:00:00Z" $S track --all >/dev/null 2>>"$T/track.err"
done
export SERPTRACK_NOW=2026-11-03T12:00:00Z
umask 022

# --- #15: planted symlinks are not followed -------------------------------
echo "precious" >victim.txt
# the old temporary was <out>.tmp.<pid>: plant it for the pid exec keeps
sh -c 'ln -s victim.txt "r.html.tmp.$$"; exec "$0" report --site austin-plumbing-pros.com --out r.html' \
	"$S" >/dev/null 2>"$T/r.err"
check "#15 report with a planted <out>.tmp.<pid> symlink exits 0" test $? -eq 0
check "#15 report did not write through the planted symlink" grep -qx precious victim.txt
check "#15 report written as a regular file" sh -c 'test -f r.html && ! test -L r.html && grep -q "<html" r.html'
# gnuplot used to open the target itself: a symlink there was followed
ln -s victim.txt c.png
$S chart --keyword 1 --out c.png >/dev/null 2>"$T/c.err"
check "#15 chart over a planted symlink exits 0" test $? -eq 0
check "#15 chart did not write through the symlink" grep -qx precious victim.txt
check "#15 chart replaced the symlink by a PNG file" sh -c '! test -L c.png && head -c 4 c.png | grep -q PNG'
check "#15 no temporary left behind" sh -c '! ls -a | grep -q "^\.c\.png\.\|^\.r\.html\."'

# --- #17: modes -------------------------------------------------------------
mode() { stat -c %a "$1"; }
$S report --site austin-plumbing-pros.com --out m.html >/dev/null 2>&1
check "#17 report is 0600 by default (umask 022)" test "$(mode m.html)" = 600
$S chart --keyword 1 --out m.svg >/dev/null 2>&1
check "#17 chart is 0600 by default" test "$(mode m.svg)" = 600
$S export --format csv --out m.csv >/dev/null 2>&1
check "#17 export --out is 0600 by default" test "$(mode m.csv)" = 600
$S report --site austin-plumbing-pros.com --out m2.html --mode 0640 >/dev/null 2>&1
check "#17 --mode 0640" test "$(mode m2.html)" = 640
cp serptrack.conf conf.bak
printf '[output]\nmode = 644\n' >>serptrack.conf
$S chart --keyword 1 --out m3.png >/dev/null 2>&1
check "#17 [output] mode = 644" test "$(mode m3.png)" = 644
$S export --out m4.json --format json --mode 0600 >/dev/null 2>&1
check "#17 --mode beats [output] mode" test "$(mode m4.json)" = 600
printf '[output]\nmode = rw-r--r--\n' >>serptrack.conf
$S report --site austin-plumbing-pros.com --out m5.html >/dev/null 2>"$T/m5.err"
check "#17 bad [output] mode: usage error" test $? -eq 2
check "#17 bad [output] mode: message names the key" grep -q "\[output\] mode 'rw-r--r--': expected an octal mode" "$T/m5.err"
cp conf.bak serptrack.conf
for bad in 999 01777 -1 0x1ff ''; do
	$S report --site austin-plumbing-pros.com --out m6.html --mode "$bad" >/dev/null 2>"$T/m6.err"
	check "#17 --mode '$bad': usage error" test $? -eq 2
done
check "#17 bad --mode: clear message" grep -q "expected an octal mode from 0 to 0777" "$T/m6.err"
check "#17 nothing written on a bad --mode" test ! -e m6.html

# --- #18: streamed export stays the same data -------------------------------
$S export --format json --out all.json >/dev/null 2>&1
check "#18 streamed JSON export parses" python3 -c '
import json
d=json.load(open("all.json",encoding="utf-8"))
assert d["exported_at"].endswith("Z")
assert len(d["sites"])==1 and len(d["keywords"])==1 and len(d["checks"])==3
assert d["checks"][0]["keyword_id"]==1 and d["checks"][0]["site"]=="austin-plumbing-pros.com"'
$S export --format csv >all.csv 2>/dev/null
check "#18 streamed CSV export: header and one row per check" python3 -c '
import csv
r=list(csv.reader(open("all.csv",newline="",encoding="utf-8")))
assert r[0][0]=="checked_at" and len(r)==4, r'
check "#18 export --out writes the same CSV" cmp -s all.csv m.csv

# --- #11: a full disk keeps the previous file -------------------------------
F="$T/full"
mkdir "$F"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k tmpfs "$F" 2>/dev/null; then
	trap 'umount "$F" 2>/dev/null; e2e_cleanup' EXIT
	$S chart --keyword 1 --out "$F/c.png" >/dev/null 2>&1
	$S report --site austin-plumbing-pros.com --out "$F/r.html" >/dev/null 2>&1
	$S export --format json --out "$F/e.json" >/dev/null 2>&1
	cp "$F/c.png" old.png
	cp "$F/r.html" old.html
	cp "$F/e.json" old.json
	dd if=/dev/zero of="$F/fill" bs=4k >/dev/null 2>&1
	$S chart --keyword 1 --out "$F/c.png" >/dev/null 2>"$T/fc.err"
	check "#11 chart on a full disk exits non-zero" test $? -ne 0
	check "#11 chart on a full disk keeps the old PNG" cmp -s old.png "$F/c.png"
	check "#11 chart error is one line" test "$(grep -c . "$T/fc.err")" -le 2
	check "#11 chart error names the file" grep -q "c.png" "$T/fc.err"
	$S report --site austin-plumbing-pros.com --out "$F/r.html" >/dev/null 2>"$T/fr.err"
	check "#11 report on a full disk exits non-zero" test $? -ne 0
	check "#11 report on a full disk keeps the old report" cmp -s old.html "$F/r.html"
	check "#11 report error is one line" test "$(wc -l <"$T/fr.err")" -eq 1
	$S export --format json --out "$F/e.json" >/dev/null 2>"$T/fe.err"
	check "#11 export --out on a full disk exits non-zero" test $? -ne 0
	check "#11 export --out on a full disk keeps the old file" cmp -s old.json "$F/e.json"
	check "#11 export --out error is one line" test "$(wc -l <"$T/fe.err")" -eq 1
	check "#11 no temporaries left on the full disk" test "$(ls -A "$F" | wc -l)" -eq 4
	umount "$F"
else
	echo "ok $((n = n + 1)) - #11 full-disk checks # SKIP cannot mount a small tmpfs (not root)"
fi

# --- #28: odd input ---------------------------------------------------------
if [ -w /dev/full ]; then
	$S export --format csv >/dev/full 2>"$T/x.err"
	check "#28 export to a full disk fails" test $? -eq 1
	check "#28 export to a full disk says so once" test "$(wc -l <"$T/x.err")" -eq 1
else
	echo "ok $((n = n + 1)) - #28 export to /dev/full # SKIP no /dev/full"
fi
python3 -c '
import sys
with open("big.csv","w") as f:
    f.write("query,site\nplumber dallas,austin-plumbing-pros.com\n")
    f.write("q"*(1<<20)+",austin-plumbing-pros.com\n")
    f.write("plumber houston,austin-plumbing-pros.com\n")'
$S kw import big.csv >/dev/null 2>"$T/big.err"
check "#28 1 MB query: refused with FILE:LINE" grep -q "^serptrack: big.csv:3: query longer than 32 KB" "$T/big.err"
check "#28 1 MB query: the other rows are imported" sh -c "$S kw list --format csv | grep -q 'plumber houston'"
for q in '' '   '; do
	$S research analyze "$q" --location "Austin,Texas,United States" >/dev/null 2>"$T/ra.err"
	check "#28 research analyze '$q': usage error" test $? -eq 2
	check "#28 research analyze '$q': says a query is expected" grep -q "expected one QUERY" "$T/ra.err"
	$S research suggest "$q" >/dev/null 2>"$T/rs.err"
	check "#28 research suggest '$q': usage error" test $? -eq 2
done
exit 0
