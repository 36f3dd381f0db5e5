#!/bin/sh
# run.sh [all|unit|e2e|cli|real] - the test runner behind `make test`.
# Runs every cmocka binary (TAP output), the size limits
# (tests/sizes.sh), the real-page check, every end-to-end script and the
# data-driven CLI cases (tests/cli/*.t), counts "ok"/"not ok" lines, and
# ends with one summary
# line: "N passed, N failed". A binary that dies without reporting a
# failing case (a sanitizer abort, say) counts as one failure.
# E2E_JOBS=N runs the end-to-end scripts N at a time (`make
# test-valgrind` uses 2: valgrind keeps one core busy per process).
# E2E_SKIP="a b" leaves those end-to-end scripts out (named, not counted).
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

# tally NAME RC LOG SECONDS: echoes a finished test's output and tallies
# its ok / not ok lines.
tally() {
	echo "# $1"
	cat "$3"
	echo "# $1 took $4 s"
	# A TAP "not ok N # SKIP" (cmocka's skip) is neither a pass nor a failure.
	p=$(grep '^ok ' "$3" | grep -vc '# SKIP')
	f=$(grep -e '^not ok ' -e '^FAIL ' "$3" | grep -vc '# SKIP')
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $1 exited with status $2"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -gt 0 ] && failures="$failures $1"
	return 0
}

# run_one NAME CMD...: runs a test and tallies it.
run_one() {
	name=$1
	shift
	t0=$(date +%s)
	"$@" >"$log" 2>&1
	tally "$name" $? "$log" $(($(date +%s) - t0))
}

# The end-to-end scripts, the longest first (E2E_LONG, measured under
# ASan and valgrind), so that with E2E_JOBS > 1 no lane is left with a
# long script at the end.
E2E_LONG=${E2E_LONG:-alerts run readme hostile grid rankview demo smart secrets providers alerts_view}
e2e_list() {
	for n in $E2E_LONG; do
		[ -f "tests/e2e/$n.sh" ] && echo "tests/e2e/$n.sh"
	done
	for t in tests/e2e/*.sh; do
		case " $E2E_LONG " in *" $(basename "$t" .sh) "*) continue ;; esac
		[ -f "$t" ] && echo "$t"
	done
}

# Scripts that measure waits and kills against the clock (a lock held for
# N s, a kill after N requests): with E2E_JOBS > 1 they run alone, after
# the lanes, so a busy neighbour does not change what they measure.
E2E_ALONE=${E2E_ALONE:-busy crash ledger runlock serpsim}

# lane Q LIST: runs each script of LIST not yet claimed in Q (mkdir is
# the lock), its output, status and seconds under Q/NAME.
lane() {
	for t in $2; do
		n=$(basename "$t" .sh)
		case "$t" in *.t) n=cli_$(basename "$t" .t) ;; esac
		mkdir "$1/$n" 2>/dev/null || continue
		t0=$(date +%s)
		case "$t" in
		*.t) sh tests/cli/run.sh "$t" >"$1/$n/log" 2>&1 ;;
		*) sh "$t" >"$1/$n/log" 2>&1 ;;
		esac
		echo $? >"$1/$n/rc"
		echo $(($(date +%s) - t0)) >"$1/$n/s"
	done
}

# lane_tally Q NAME: tallies what a lane left for NAME in Q.
lane_tally() {
	if [ -f "$1/$2/rc" ]; then
		tally "$2" "$(cat "$1/$2/rc")" "$1/$2/log" "$(cat "$1/$2/s")"
	else
		echo "not ok - $2 did not run" >"$log"
		tally "$2" 1 "$log" 0
	fi
}

# skipped FILE: 0 when FILE's name is in E2E_SKIP (and says so once).
skipped() {
	case " ${E2E_SKIP:-} " in
	*" $(basename "$1" .sh) "*)
		echo "# $(basename "$1" .sh): left out (E2E_SKIP)"
		return 0
		;;
	esac
	return 1
}

# e2e_lanes N: runs the end-to-end scripts and the CLI case files (each
# has its own folder and simulator port) N at a time, then those of
# E2E_ALONE one by one, and tallies them all in the usual order. The CLI
# files share the lanes because under valgrind they take minutes in a row.
e2e_lanes() {
	q=$(mktemp -d)
	shared=
	alone=
	for t in tests/cli/*.t $(e2e_list); do
		skipped "$t" && continue
		case " $E2E_ALONE " in
		*" $(basename "$t" .sh) "*) alone="$alone $t" ;;
		*) shared="$shared $t" ;;
		esac
	done
	i=0
	while [ "$i" -lt "$1" ]; do
		lane "$q" "$shared" &
		i=$((i + 1))
	done
	wait
	lane "$q" "$alone"
	for t in tests/e2e/*.sh; do
		skipped "$t" || lane_tally "$q" "$(basename "$t" .sh)"
	done
	for t in tests/cli/*.t; do
		lane_tally "$q" "cli_$(basename "$t" .t)"
	done
	rm -rf "$q"
}

if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in build/asan/tests/test_*; do
		[ -x "$t" ] || continue
		case "$t" in */test_real) continue ;; esac
		run_one "$(basename "$t")" "$t"
	done
fi
# sizes_tap: the issue-16 size limits as one TAP line (tests/sizes.sh lists
# what is over)
sizes_tap() {
	if sh tests/sizes.sh; then
		echo "ok - no function over 120 lines, no file over 700 lines in src/"
	else
		echo "not ok - functions or files over the size limits (listed above)"
	fi
}
if [ "$what" = all ] || [ "$what" = unit ]; then
	run_one sizes sizes_tap
fi
if [ "$what" = all ] || [ "$what" = real ]; then
	if [ -x build/asan/tests/test_real ]; then
		run_one test_real build/asan/tests/test_real
	fi
fi
if [ "$what" = all ] || [ "$what" = e2e ]; then
	if [ "${E2E_JOBS:-1}" -gt 1 ]; then
		e2e_lanes "$E2E_JOBS"
	else
		for t in tests/e2e/*.sh; do
			[ -f "$t" ] || continue
			skipped "$t" && continue
			run_one "$(basename "$t" .sh)" sh "$t"
		done
	fi
fi
if [ "$what" = cli ] || { [ "${E2E_JOBS:-1}" -le 1 ] && { [ "$what" = all ] || [ "$what" = e2e ]; }; }; then
	run_one cli sh tests/cli/run.sh
fi
[ -n "$failures" ] && echo "# failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
