# lib.sh - shared set-up of the end-to-end scripts in tests/e2e (sourced,
# never run): a temporary folder $T removed on exit, `check WHAT CMD...`
# printing numbered ok / not ok lines, and `start_sim [ARGS]`, which
# (re)starts the simulator on a free loopback port and sets $PORT (and
# $SMTP when it runs a mail sink), and `sim_conf ENGINE...`, the usual
# configuration of the research scripts. The simulator is stopped on exit.
: "${SERPTRACK:?}" "${SERPSIM:?}"
T=$(mktemp -d)
SIM_PID=
n=0
e2e_cleanup() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null
	rm -rf "$T"
}
trap e2e_cleanup EXIT
check() { # check "what" command...
	n=$((n + 1))
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
start_sim() { # start_sim [serpsim args...]
	if [ -n "$SIM_PID" ]; then
		kill "$SIM_PID" 2>/dev/null
		wait "$SIM_PID" 2>/dev/null
	fi
	# emptied first: the shell truncates it in the child, after we may
	# already have read the previous simulator's port
	: >"$T/sim.out"
	"$SERPSIM" --port 0 "$@" >"$T/sim.out" 2>"$T/sim.err" &
	SIM_PID=$!
	PORT=
	for _ in $(seq 1 50); do
		PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/sim.out" 2>/dev/null)
		[ -n "$PORT" ] && break
		sleep 0.1
	done
	SMTP=$(sed -n 's/^smtp on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/sim.out" 2>/dev/null)
	[ -n "$PORT" ] || { echo "not ok - simulator did not start"; exit 1; }
}
sim_conf() { # sim_conf ENGINE...: $T/serptrack.conf (0600) with the shipped
	# research data, quick retries and cool-downs, and each ENGINE pointed at the simulator
	# on $PORT without pacing
	{
		printf '[research]\ndata_dir = %s/keywords\n' "$(cd "$(dirname "$0")/../.." && pwd)"
		# blocks cool down for milliseconds, not the real 30 s doubling
		printf '[crawl]\nretry_base_ms = 5\nretry_max_ms = 20\ntimeout_ms = 3000\n'
		printf 'block_cooldown_ms = 5\nblock_cooldown_max_ms = 20\n'
		for e in "$@"; do
			printf '[engine.%s]\nbase_url = http://127.0.0.1:%s/%s\nmin_delay_ms = 0\n' "$e" "$PORT" "$e"
		done
	} >"$T/serptrack.conf"
	chmod 600 "$T/serptrack.conf"
}
