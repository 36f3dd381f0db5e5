#!/bin/sh
# store.sh - bench/store: a year of daily top-100 for 1,000 keywords (issue 9:
# 36.5 M results) stored through the store API, then the rank, history, due
# and serp queries timed. key=value lines on stdout for bench/run.sh.
# STORE_BENCH_KEYWORDS / _DAYS / _RESULTS scale it down for a quick look.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=bench/out
mkdir -p "$out"
[ -f build/rel/libserptrack.a ] || make -s build/rel/libserptrack.a >&2 || exit 1
PKG="$(pkg-config --cflags --libs libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib) -lm -lpthread"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -O2 -g"
cc $CFLAGS bench/store_fill.c build/rel/libserptrack.a $PKG -o "$out/store_fill" || exit 1
db="$out/store_bench.db"
"$out/store_fill" "$db" "${STORE_BENCH_KEYWORDS:-1000}" "${STORE_BENCH_DAYS:-365}" \
	"${STORE_BENCH_RESULTS:-100}"
rc=$?
rm -f "$db" "$db-wal" "$db-shm"
exit $rc
