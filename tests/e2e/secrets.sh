#!/bin/sh
# secrets.sh - secrets and files (issue 6 item 5): API keys and proxy and
# SMTP passwords planted in serptrack.conf (serp-api and fetch-api providers
# at the simulator, a rejected key, an API and a proxy that are down, a key
# with URL-special characters) must never appear in stdout, stderr (also
# with --verbose), the database (strings and .dump, WAL included) or the
# generated report and exports. The database and its WAL are 0600; a config
# readable by others draws a warning.
set -u
: "${SERPTRACK:?}" "${SERPSIM:?}"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$(pwd)/$SERPTRACK" ;; esac
case "$SERPSIM" in /*) ;; *) SERPSIM="$(pwd)/$SERPSIM" ;; esac
T=$(mktemp -d)
SIM_PID=
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$T"' EXIT
unset SERPTRACK_DB SERPTRACK_NOW
cd "$T" || exit 1
umask 022 # the files must be private whatever the umask
check() { # check WHAT EXIT-STATUS-OF-THE-CONDITION
	if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
"$SERPSIM" --port 0 >sim.out 2>sim.err &
SIM_PID=$!
PORT=
for _ in $(seq 1 50); do
	PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' sim.out 2>/dev/null)
	[ -n "$PORT" ] && break
	sleep 0.1
done
[ -n "$PORT" ] || { echo "not ok - simulator did not start"; exit 1; }

# The planted secrets, and the URL-encoded form of the one with special characters.
K_SERP=PLANTKEYserp9f3a
K_FETCH='PLANT/key+fetch=77'
K_FETCH_ENC='PLANT%2Fkey%2Bfetch%3D77'
K_DEAD=PLANTKEYdeadc4d1
P_PROXY=PLANTPWproxy5e1
P_SMTP=PLANTPWsmtp0b2c
secrets="$K_SERP $K_FETCH $K_FETCH_ENC $K_DEAD $P_PROXY $P_SMTP api_key=bad"

# a: serp-api (Google) and fetch-api (Bing) at the simulator with good keys.
mkdir a b
cat >a/serptrack.conf <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
max_attempts = 2
timeout_ms = 3000
block_cooldown_ms = 5
block_cooldown_max_ms = 50
[engine.google]
provider = serp-api
base_url = http://127.0.0.1:$PORT/serp-api
api_key = $K_SERP
[engine.bing]
provider = fetch-api
url_template = http://127.0.0.1:$PORT/fetch-api?api_key={api_key}&url={url}
api_key = $K_FETCH
[engine.duckduckgo]
base_url = http://127.0.0.1:$PORT/duckduckgo
[run]
retry_delay_ms = 20
retry_rounds = 1
[alerts]
drop = 1
smtp_url = smtp://127.0.0.1:9
smtp_user = alerts@example.com
smtp_password = $P_SMTP
email_from = alerts@example.com
email_to = me@example.com
CONF
chmod 600 a/serptrack.conf
# b: the rejected key (serp-api answers 401), an API that is down, and
# every request through a proxy that is down, with a password
cat >b/serptrack.conf <<CONF
[crawl]
proxy_bench_ms = 10
proxies = http://proxyuser:$P_PROXY@127.0.0.1:9
retry_base_ms = 5
retry_max_ms = 20
max_attempts = 2
timeout_ms = 3000
block_cooldown_ms = 5
block_cooldown_max_ms = 50
[run]
retry_delay_ms = 20
retry_rounds = 1
[engine.google]
provider = serp-api
base_url = http://127.0.0.1:$PORT/serp-api
api_key = bad
[engine.bing]
provider = fetch-api
url_template = http://127.0.0.1:9/fetch?key={api_key}&url={url}
api_key = $K_DEAD
[engine.duckduckgo]
provider = fetch-api
url_template = http://127.0.0.1:9/fetch?key={api_key}&url={url}
api_key = $K_FETCH
CONF
chmod 600 b/serptrack.conf

for d in a b; do
	(
		cd "$d" || exit 1
		st() { "$SERPTRACK" "$@" >>out 2>>err; }
		st init
		st site add austin-plumbing-pros.com
		for e in google bing duckduckgo; do
			st kw add "plumber austin" --site austin-plumbing-pros.com --engine $e --depth 20 \
				--location "Austin,Texas,United States"
		done
		SERPTRACK_NOW=2026-11-01T06:00:00Z st --verbose track
		SERPTRACK_NOW=2026-11-02T06:00:00Z st --verbose run
		SERPTRACK_NOW=2026-11-02T07:00:00Z st report --site austin-plumbing-pros.com --out report.html
		for f in csv json; do st export --format $f; done
		for id in 1 2 3; do st serp --keyword $id --format json; done
		st usage --since 2026-11-01 --format csv
		st alerts --since 2026-11-01 --format json
		"$SERPTRACK" doctor --help >/dev/null 2>&1 && timeout 60 "$SERPTRACK" --verbose doctor >>out 2>>err
		sqlite3 serptrack.db .dump >dump.sql
		strings -a serptrack.db serptrack.db-wal 2>/dev/null >strings.txt
	)
done

n_ok=$(sqlite3 a/serptrack.db 'select count(*) from "check" where status = 0')
[ "$n_ok" -ge 6 ]; check "the good keys worked (serp-api, fetch-api): $n_ok ok checks" $?
n_err=$(sqlite3 b/serptrack.db 'select count(*) from "check" where status <> 0')
[ "$n_err" -ge 3 ]; check "the rejected key, the dead API and the dead proxy gave error checks ($n_err)" $?
grep -q proxy b/err; check "the dead proxy is mentioned in the messages" $?
[ -s a/report.html ]; check "a report was generated" $?
for s in $secrets; do
	hits=$(grep -rlF -- "$s" a b 2>/dev/null | grep -v 'serptrack\.conf$' | tr '\n' ' ')
	[ -z "$hits" ]; check "secret '$s' appears in no output, error, database or report${hits:+ (found in: $hits)}" $?
done
for d in a b; do
	for f in serptrack.db serptrack.db-wal serptrack.db-shm; do
		[ -e "$d/$f" ] || continue
		m=$(stat -c %a "$d/$f")
		[ "$m" = 600 ]; check "$d/$f is 0600 under umask 022 (got $m)" $?
	done
done

# a config readable by others: a warning that says how to fix it
chmod 644 a/serptrack.conf
(cd a && "$SERPTRACK" kw list >/dev/null 2>err2)
grep -q "readable by other users.*chmod 600" a/err2; check "a config readable by others draws a warning with the fix" $?
grep -qF "$K_SERP" a/err2; [ $? -ne 0 ]; check "the warning does not show the key" $?
chmod 600 a/serptrack.conf
(cd a && "$SERPTRACK" kw list >/dev/null 2>err3)
[ ! -s a/err3 ]; check "no warning once it is 0600" $?
exit 0
