# lib.sh - sourced by the bench scripts: a temporary folder $T removed on
# exit, and the simulator started on a free loopback port ($PORT, $SIM_PID).
# bench_sim LATENCY_MS PREFIX: starts it; on failure prints
# PREFIX_error=... and exits.
T=$(mktemp -d)
SIM_PID=
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$T"' EXIT
bench_sim() {
	tests/serpsim/serpsim --port 0 --latency-ms "$1" >"$T/sim.out" 2>/dev/null &
	SIM_PID=$!
	PORT=
	for _ in $(seq 1 50); do
		PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/sim.out" 2>/dev/null)
		[ -n "$PORT" ] && break
		sleep 0.1
	done
	[ -n "$PORT" ] || { echo "$2_error=simulator did not start" >&2; exit 1; }
}
