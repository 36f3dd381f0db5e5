#!/bin/sh
# scale_fill.sh DB [N] [DAYS] - fills DB (removed first) with N keywords
# (default 100000) x DAYS daily checks (default 7) through the store API,
# for bench/scale.sh. Builds build/rel/libserptrack.a when missing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
db=${1:?usage: scale_fill.sh DB [N] [DAYS]}
N=${2:-100000}
DAYS=${3:-7}
mkdir -p bench/out
PKG="$(pkg-config --cflags --libs libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib) -lm -lpthread"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -O2 -g"
[ -f build/rel/libserptrack.a ] || make --no-print-directory build/rel/libserptrack.a >&2
cc $CFLAGS bench/scale_fill.c build/rel/libserptrack.a $PKG -o bench/out/scale_fill >&2 || exit 1
rm -f "$db" "$db-wal" "$db-shm"
bench/out/scale_fill "$db" "$N" "$DAYS"
