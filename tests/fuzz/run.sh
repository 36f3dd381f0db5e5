#!/bin/sh
# run.sh SECONDS - build every tests/fuzz/fuzz_*.c as a libFuzzer target
# (clang, ASan+UBSan) and run each for SECONDS, seeded from the project's
# test pages and, when present, ../shared/fixtures/real. A crash leaves its
# input as tests/fuzz/crash-* and fails the run; turn it into a regression
# file under tests/golden/regress/.
set -u
secs=${1:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
B=build/fuzz
mkdir -p "$B"
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -g -O1 -fsanitize=fuzzer-no-link,address,undefined $(pkg-config --cflags libcurl libxml-2.0 sqlite3 libpsl jansson zlib)"
libs="$(pkg-config --libs libcurl libxml-2.0 sqlite3 libpsl jansson zlib) -lm -lpthread"
objs=""
for f in $(ls src/*/*.c); do
	o="$B/$(echo "$f" | tr / _).o"
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ]; then
		clang $flags -c "$f" -o "$o" || exit 1
	fi
	objs="$objs $o"
done
rm -f "$B/lib.a"; ar rcs "$B/lib.a" $objs
passed=0
failed=0
for t in tests/fuzz/fuzz_*.c; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .c)
	clang $flags -fsanitize=fuzzer "$t" "$B/lib.a" $libs -o "$B/$name" || { failed=$((failed+1)); echo "not ok - $name (build)"; continue; }
	corpus="$B/corpus-$name"
	mkdir -p "$corpus"
	seeds="tests/golden"
	[ -d tests/fuzz/seeds ] && seeds="$seeds tests/fuzz/seeds"
	[ -d ../shared/fixtures/real ] && seeds="$seeds ../shared/fixtures/real/google ../shared/fixtures/real/bing ../shared/fixtures/real/duckduckgo"
	if "$B/$name" -max_total_time="$secs" -max_len=2000000 -rss_limit_mb=2048 -timeout=20 \
		-artifact_prefix=tests/fuzz/crash- "$corpus" $seeds \
		>"$B/$name.log" 2>&1; then
		echo "ok - $name (${secs}s, no crash)"
		passed=$((passed + 1))
	else
		tail -n 30 "$B/$name.log"
		echo "not ok - $name"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
