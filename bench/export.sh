#!/bin/sh
# export.sh - `serptrack export` benchmark (issue 12 #18; key=value lines on
# stdout, prefix export_): a database with BENCH_EXPORT_ROWS (default 1M)
# checks is exported as CSV and JSON; rows/s and peak RSS are measured with
# /usr/bin/time, next to the sqlite3 CLI dumping the same rows (the
# baseline, same run), and again for a tenth of the rows (--since) to show
# that memory does not grow with the row count.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
ROWS=${BENCH_EXPORT_ROWS:-1000000}
KW=1000
BASE_DAYS=10
COPIES=$((ROWS / (KW * BASE_DAYS)))
out=bench/out
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
PKG="$(pkg-config --cflags --libs libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib) -lm -lpthread"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -O2 -g"
[ -f build/rel/libserptrack.a ] || make --no-print-directory build/rel/libserptrack.a >&2
[ -x ./serptrack ] || make --no-print-directory serptrack >&2
[ -x /usr/bin/time ] || { echo "export_error=no /usr/bin/time"; exit 1; }
command -v sqlite3 >/dev/null || { echo "export_error=no sqlite3 CLI"; exit 1; }
db="$tmp/export.db"
export SERPTRACK_NOW=2026-11-30T12:00:00Z
cc $CFLAGS bench/report_fill.c build/rel/libserptrack.a $PKG -o "$out/report_fill" >&2 &&
	"$out/report_fill" "$db" "$KW" "$BASE_DAYS" >/dev/null || exit 1
# The store API is too slow for a million checks in a benchmark: copy the
# real checks (and their rank rows) back in time, 10 days per copy.
sqlite3 "$db" >/dev/null <<SQL || exit 1
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $COPIES - 1)
INSERT INTO n SELECT i FROM s;
INSERT INTO "check"(id, keyword_id, checked_at, engine, provider, status, reason, http_status,
                    depth, requests, features)
SELECT n.i * 100000000 + c.id, c.keyword_id, c.checked_at - n.i * $BASE_DAYS * 86400, c.engine,
       c.provider, c.status, c.reason, c.http_status, c.depth, c.requests, c.features
FROM "check" c, n WHERE c.id < 100000000;
INSERT INTO rank(site_id, keyword_id, checked_at, check_id, position, url_id, local)
SELECT r.site_id, r.keyword_id, r.checked_at - n.i * $BASE_DAYS * 86400,
       n.i * 100000000 + r.check_id, r.position, r.url_id, r.local
FROM rank r, n WHERE r.check_id < 100000000;
COMMIT;
SQL
rows=$(sqlite3 "$db" 'SELECT count(*) FROM "check"')
echo "export_rows=$rows"
first=$(sqlite3 "$db" "SELECT strftime('%Y-%m-%d', max(checked_at) - $((COPIES * BASE_DAYS / 10)) * 86400, 'unixepoch') FROM \"check\"")
# run NAME CMD... : wall seconds and peak RSS (KB) of CMD, output discarded
run() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out.$name" 2>"$tmp/err.$name" ||
		{ echo "export_${name}_error=1"; return; }
	read -r s kb <"$tmp/time"
	echo "export_${name}_s=$s"
	echo "export_${name}_rss_kb=$kb"
	echo "export_${name}_bytes=$(wc -c <"$tmp/out.$name")"
	rm -f "$tmp/out.$name"
}
run csv ./serptrack --db "$db" export --format csv
run json ./serptrack --db "$db" export --format json
run csv_tenth ./serptrack --db "$db" export --format csv --since "$first"
run json_tenth ./serptrack --db "$db" export --format json --since "$first"
echo "export_tenth_rows=$(sqlite3 "$db" "SELECT count(*) FROM \"check\" WHERE checked_at >= strftime('%s', '$first')")"
# the same rows and columns straight out of SQLite
Q="SELECT strftime('%Y-%m-%dT%H:%M:%SZ', c.checked_at, 'unixepoch') AS checked_at,
 c.keyword_id, k.query, c.engine, l.name AS location, k.device, s.domain AS site, 0 AS competitor,
 c.status, c.reason, r.position, c.depth, u.url
 FROM \"check\" c JOIN keyword k ON k.id = c.keyword_id JOIN site s ON s.id = k.site_id
 LEFT JOIN location l ON l.id = c.location_id
 LEFT JOIN rank r ON r.check_id = c.id AND r.site_id = k.site_id
 LEFT JOIN url u ON u.id = r.url_id ORDER BY c.keyword_id, c.checked_at, c.id"
run sqlite_csv sqlite3 -csv -header "$db" "$Q"
run sqlite_json sqlite3 -json "$db" "$Q"
