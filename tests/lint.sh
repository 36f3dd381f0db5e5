#!/bin/sh
# lint.sh - static checks behind `make lint`: cppcheck and clang-tidy with a
# chosen set of checks, zero findings allowed. Prints one line per tool.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude $(pkg-config --cflags libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib)"
srcs=$(ls src/*.c src/*/*.c)
rc=0

out=$(mktemp)
cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
	--inline-suppr --std=c11 -Iinclude -D_POSIX_C_SOURCE=200809L \
	"-Djson_array_foreach(a,i,v)=for(i=0;i<1;i++)" \
	"-Djson_object_foreach(o,k,v)=for(k=0;k;)" \
	"-Djson_object_foreach_safe(o,t,k,v)=for(k=0;k;)" \
	--suppress=missingIncludeSystem $srcs >"$out" 2>&1
if [ $? -ne 0 ] || [ -s "$out" ]; then
	cat "$out"
	echo "not ok - cppcheck"
	rc=1
else
	echo "ok - cppcheck ($(echo $srcs | wc -w) files)"
fi

# Checks that find real bugs in C without style noise.
checks='-*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,-bugprone-narrowing-conversions,-bugprone-assignment-in-if-condition,-bugprone-implicit-widening-of-multiplication-result,clang-analyzer-*,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,-clang-analyzer-security.insecureAPI.strcpy,cert-err33-c,-cert-err33-c,cert-str34-c,misc-redundant-expression,performance-*'
: >"$out"
for f in $srcs; do
	clang-tidy --quiet --checks="$checks" --warnings-as-errors='*' "$f" -- $cflags >>"$out" 2>&1 ||
		echo "clang-tidy: $f" >>"$out"
done
if grep -q -e 'warning:' -e 'error:' -e '^clang-tidy:' "$out"; then
	grep -e 'warning:' -e 'error:' -e '^clang-tidy:' "$out"
	echo "not ok - clang-tidy"
	rc=1
else
	echo "ok - clang-tidy ($(echo $srcs | wc -w) files)"
fi
rm -f "$out"
exit $rc
