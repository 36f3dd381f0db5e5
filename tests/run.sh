#!/bin/sh
# run.sh [all|unit|e2e|real] - the test runner behind `make test`.
# Runs every cmocka binary (TAP output), the real-page check and every
# end-to-end script, counts "ok"/"not ok" lines, and ends with one summary
# line: "N passed, N failed". A binary that dies without reporting a
# failing case (a sanitizer abort, say) counts as one failure.
set -u
what=${1:-all}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export SERPTRACK="${SERPTRACK:-$top/build/asan/serptrack}"
export SERPSIM="${SERPSIM:-$top/tests/serpsim/serpsim}"
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=23}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp:print_suppressions=0}"
unset SERPTRACK_NOW SERPTRACK_DB
passed=0
failed=0
failures=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run_one NAME CMD...: runs, echoes output, tallies its ok / not ok lines.
run_one() {
	name=$1
	shift
	echo "# $name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	# A TAP "not ok N # SKIP" (cmocka's skip) is neither a pass nor a failure.
	p=$(grep '^ok ' "$log" | grep -vc '# SKIP')
	f=$(grep -e '^not ok ' -e '^FAIL ' "$log" | grep -vc '# SKIP')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -gt 0 ] && failures="$failures $name"
	return 0
}

if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in build/asan/tests/test_*; do
		[ -x "$t" ] || continue
		case "$t" in */test_real) continue ;; esac
		run_one "$(basename "$t")" "$t"
	done
fi
if [ "$what" = all ] || [ "$what" = real ]; then
	if [ -x build/asan/tests/test_real ]; then
		run_one test_real build/asan/tests/test_real
	fi
fi
if [ "$what" = all ] || [ "$what" = e2e ]; then
	for t in tests/e2e/*.sh; do
		[ -f "$t" ] || continue
		run_one "$(basename "$t" .sh)" sh "$t"
	done
fi
[ -n "$failures" ] && echo "# failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
