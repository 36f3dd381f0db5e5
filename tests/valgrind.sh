#!/bin/sh
# valgrind.sh - `make test-valgrind`: the end-to-end suite with every
# serptrack invocation run under valgrind (memcheck, full leak check). Any
# memcheck error or definite/indirect leak makes that invocation exit 99,
# which the e2e checks report as a failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
mkdir -p build/vg
cat >build/vg/serptrack <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --log-file=$top/build/vg/vg.%p.log \
	$top/serptrack "\$@"
WRAP
chmod +x build/vg/serptrack
# e2e/hostile2.sh runs some commands as nobody (a read-only folder must
# really be read-only); their logs go here too
chmod 1777 build/vg
rm -f build/vg/vg.*.log
# Left out here, all still run under ASan in `make test`: serpsim and
# sim_geo test the simulator and never start serptrack; the demo runs
# commands (track, run, rank, chart, report, grid) that the other scripts
# run under valgrind too, over a backfill that takes minutes here.
E2E_SKIP=${E2E_SKIP-"serpsim sim_geo demo"}
export E2E_SKIP
# two at a time: valgrind keeps one core busy per serptrack process
SERPTRACK=$top/build/vg/serptrack SERPTRACK_UNDER_VALGRIND=1 E2E_JOBS=${E2E_JOBS:-2} \
	sh tests/run.sh e2e
rc=$?
bad=$(find build/vg -name 'vg.*.log' -size +0 | head -n 5)
if [ -n "$bad" ]; then
	for f in $bad; do cat "$f"; done
	echo "valgrind reported errors (logs above)"
	rc=1
fi
exit $rc
