#!/bin/sh
# run.sh SECONDS - build every tests/fuzz/fuzz_*.c as a libFuzzer target
# (clang, ASan+UBSan) and run each for SECONDS, seeded from the project's
# test pages (tests/golden), tests/fuzz/seeds (shared) and
# tests/fuzz/seeds/<target>/, the target's regression inputs
# tests/fuzz/regress/<target>/, and, when present, ../shared/fixtures/real.
# A crash, leak or hang leaves its input in tests/fuzz/regress/<target>/
# (replayed by test_regress in `make test` from then on) and fails the run;
# fix the bug and commit the file.
set -u
secs=${1:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
B=build/fuzz
mkdir -p "$B"
# the library is built with clang here, warnings as errors, as gcc builds it in make test
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral -g -O1 -fsanitize=fuzzer-no-link,address,undefined $(pkg-config --cflags libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib)"
libs="$(pkg-config --libs libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib) -lm -lpthread"
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
	short=${name#fuzz_}
	clang $flags -fsanitize=fuzzer "$t" "$B/lib.a" $libs -o "$B/$name" || { failed=$((failed+1)); echo "not ok - $name (build)"; continue; }
	corpus="$B/corpus-$name"
	regress="tests/fuzz/regress/$short"
	mkdir -p "$corpus" "$regress"
	# libFuzzer reads every directory after the first as seeds (the first
	# is the working corpus it adds to); missing ones are left out.
	seeds=""
	for d in tests/golden tests/fuzz/seeds "tests/fuzz/seeds/$short" "$regress" \
		../shared/fixtures/real/google ../shared/fixtures/real/bing \
		../shared/fixtures/real/duckduckgo; do
		[ -d "$d" ] && seeds="$seeds $d"
	done
	before=$(ls "$regress" | wc -l)
	if "$B/$name" -max_total_time="$secs" -max_len=2000000 -rss_limit_mb=2048 -timeout=20 \
		-artifact_prefix="$regress/" "$corpus" $seeds \
		>"$B/$name.log" 2>&1; then
		echo "ok - $name (${secs}s, no crash)"
		passed=$((passed + 1))
	else
		tail -n 30 "$B/$name.log"
		new=$(($(ls "$regress" | wc -l) - before))
		echo "not ok - $name ($new new input(s) in $regress/)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
