#!/bin/sh
# alerts.sh - alerts against the simulator (issue 12 #2, #5, #27): a run
# killed after storing some checks then resumed raises the same alerts as
# an uninterrupted run, checks stored by `track` raise alerts on the next
# evaluation, delivery is tracked per channel (the webhook gets each alert
# once while SMTP is down, the mails go out when it is back, the queue is
# bounded by max_age_days / max_attempts), and the mail is CRLF throughout
# (the simulator's sink refuses a bare LF like a strict server).
set -u
. "$(dirname "$0")/../lib.sh"
BG=
trap '[ -n "$BG" ] && kill -9 "$BG" 2>/dev/null; e2e_cleanup' EXIT

conf() { # conf DIR [extra lines]
	cat >"$1/serptrack.conf" <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
block_cooldown_ms = 5
timeout_ms = 3000
[run]
retry_delay_ms = 20
[engine.google]
base_url = http://127.0.0.1:$PORT/google
[engine.bing]
base_url = http://127.0.0.1:$PORT/bing
[engine.duckduckgo]
base_url = http://127.0.0.1:$PORT/duckduckgo
[alerts]
drop = 1
${2:-}
CONF
	chmod 600 "$1/serptrack.conf"
}
q() { sqlite3 "$1/serptrack.db" "$2"; }
st() { (cd "$1" && shift && "$SERPTRACK" "$@"); }
setup_db() { # setup_db DIR
	st "$1" init >/dev/null 2>&1
	st "$1" site add austin-plumbing-pros.com >/dev/null 2>&1
	for e in google bing duckduckgo; do
		for kw in "plumber austin" "plumber round rock" "water heater austin" \
			"drain cleaning austin" "emergency plumber austin" "plumber cedar park" \
			"leak repair austin" "sewer line austin" "toilet repair austin" "plumber pflugerville"; do
			st "$1" kw add "$kw" --site austin-plumbing-pros.com --engine $e --depth 30 \
				--location "Austin,Texas,United States" >/dev/null 2>&1
		done
	done
}
day() { curl -s "http://127.0.0.1:$PORT/_sim/day?date=$1" >/dev/null; }
alerts_of() { q "$1" 'select keyword_id, rule, message from alert order by 1, 2, 3'; }
run_at() { # run_at DIR TIME [args]
	d=$1 t=$2
	shift 2
	SERPTRACK_NOW=$t st "$d" run "$@" >/dev/null 2>>"$d/err"
}

# --- #2: killed + resumed run, and track, raise what a control run raises ----
start_sim --latency-ms 60
for d in c k t; do
	mkdir "$T/$d"
	conf "$T/$d"
	setup_db "$T/$d"
done
day 2026-11-01
for d in c k t; do run_at "$T/$d" 2026-11-01T06:00:00Z; done
day 2026-11-02
run_at "$T/c" 2026-11-02T06:00:00Z
nc=$(q "$T/c" 'select count(*) from alert')
check "control run raised alerts ($nc)" test "$nc" -gt 0

(SERPTRACK_NOW=2026-11-02T06:00:00Z exec "$SERPTRACK" --db "$T/k/serptrack.db" \
	--config "$T/k/serptrack.conf" run --concurrency 1 >/dev/null 2>&1) &
BG=$!
for _ in $(seq 1 200); do
	[ "$(q "$T/k" 'select count(*) from "check"' 2>/dev/null)" -ge 45 ] && break
	sleep 0.05
done
kill -9 "$BG" 2>/dev/null
wait "$BG" 2>/dev/null
BG=
partial=$(q "$T/k" 'select count(*) - 30 from "check"')
check "the kill interrupted the run midway ($partial of 30 stored)" test "$partial" -gt 0 -a "$partial" -lt 30
run_at "$T/k" 2026-11-02T06:00:00Z
check "killed + resumed run raised the control run's alerts ($(q "$T/k" 'select count(*) from alert') vs $nc)" \
	test "$(alerts_of "$T/k")" = "$(alerts_of "$T/c")"

SERPTRACK_NOW=2026-11-02T06:00:00Z st "$T/t" track >/dev/null 2>&1
check "track raises no alert itself" test "$(q "$T/t" 'select count(*) from alert')" -eq 0
run_at "$T/t" 2026-11-02T07:00:00Z
check "checks stored by track raise alerts on the next run" test "$(alerts_of "$T/t")" = "$(alerts_of "$T/c")"
run_at "$T/t" 2026-11-02T08:00:00Z
check "a later evaluation raises nothing again" test "$(q "$T/t" 'select count(*) from alert')" -eq "$nc"

# --- #5 / #27: per-channel delivery, SMTP down then back ---------------------
start_sim --smtp-port 0
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
hooks_lines() { curl -s "http://127.0.0.1:$PORT/_sim/hooks" | python3 -c '
import json, sys
for h in json.load(sys.stdin):
    for line in h["text"].split("\n"):
        print(line)' | sort; }
n_mails() { curl -s "http://127.0.0.1:$PORT/_sim/mails" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'; }
mkdir "$T/d"
dconf() { # dconf SMTP_PORT [extra]
	conf "$T/d" "webhook = http://127.0.0.1:$PORT/_sim/hook
email_to = ops@example.com
email_from = serptrack@example.com
smtp_url = smtp://127.0.0.1:$1
${2:-}"
}
dconf "$closed"
setup_db "$T/d"
for i in 1 2 3 4 5 6 7 8; do
	day 2026-11-0$i
	run_at "$T/d" 2026-11-0${i}T06:00:00Z
done
na=$(q "$T/d" 'select count(*) from alert')
check "8 runs raised alerts ($na)" test "$na" -gt 0
check "SMTP down: the webhook received each alert exactly once" \
	test "$(hooks_lines)" = "$(q "$T/d" 'select message from alert' | sort)"
check "SMTP down: no mail went out" test "$(n_mails)" -eq 0
check "SMTP down: webhook deliveries recorded" \
	test "$(q "$T/d" "select count(*) from alert_delivery where channel = 'webhook' and delivered_at is not null")" -eq "$na"
check "SMTP down: the error is kept" \
	test "$(q "$T/d" "select count(*) from alert_delivery where channel = 'email' and last_error is null")" -eq 0
# 2026-11-08T06:00:00Z = 1794117600; older than 3 days = given up
check "queue bounded by max_age_days: nothing older than 3 days is queued" \
	test "$(q "$T/d" 'select count(*) from alert where sent = 0 and raised_at < 1794117600 - 3 * 86400')" -eq 0
check "queue bounded: at most one attempt per run within the age limit" \
	test "$(q "$T/d" "select ifnull(max(attempts), 0) from alert_delivery where channel = 'email'")" -le 4
queued=$(q "$T/d" 'select message from alert where sent = 0' | sort)
check "recent alerts are still queued for SMTP" test -n "$queued"

dconf "$SMTP"
hooks_before=$(hooks_lines | wc -l)
run_at "$T/d" 2026-11-08T06:00:00Z # the same time: nothing ages out meanwhile
check "SMTP back: the queued alerts went out by mail" test "$(n_mails)" -ge 1
mail=$(curl -s "http://127.0.0.1:$PORT/_sim/mails" | python3 -c 'import json, sys; print("".join(json.load(sys.stdin)))')
missing=0
printf '%s\n' "$queued" >"$T/queued"
while IFS= read -r m; do
	case $mail in *"$m"*) ;; *) missing=$((missing + 1)) ;; esac
done <"$T/queued"
check "SMTP back: the mail holds every queued alert ($missing missing)" test "$missing" -eq 0
check "SMTP back: nothing left queued" test "$(q "$T/d" 'select count(*) from alert where sent = 0')" -eq 0
check "SMTP back: the webhook was not sent anything again" test "$(hooks_lines | wc -l)" -eq "$hooks_before"
check "given-up alerts were not mailed" \
	test "$(q "$T/d" "select count(*) from alert_delivery where channel = 'email' and delivered_at is not null and alert_id in (select id from alert where raised_at < 1794117600 - 3 * 86400)")" -eq 0

# max_attempts: three runs the same day with SMTP down and a cap of 2
dconf "$closed" "max_attempts = 2"
D9=2026-11-20
day $D9
for h in 06 07 08; do run_at "$T/d" ${D9}T$h:00:00Z; done
e9=$(date -u -d "$D9" +%s)
n9=$(q "$T/d" "select count(*) from alert where raised_at >= $e9")
check "$D9 raised alerts ($n9)" test "$n9" -gt 0
check "max_attempts = 2: those alerts tried twice by SMTP, then given up" \
	test "$(q "$T/d" "select count(*) from alert_delivery d join alert a on a.id = d.alert_id where a.raised_at >= $e9 and d.channel = 'email' and d.attempts = 2 and d.delivered_at is null and d.gave_up_at is not null and a.sent = 1")" -eq "$n9"
check "alerts shows the per-channel state" sh -c "SERPTRACK_NOW=${D9}T09:00:00Z '$SERPTRACK' --db '$T/d/serptrack.db' --config '$T/d/serptrack.conf' alerts --since $D9 --format csv | grep -q 'email: gave up after 2 attempts'"

# libcurl dot-stuffs lines starting with "." itself (CRLF. -> CRLF..), so the
# mail text must not: a line ".hidden" arrives intact through the sink,
# which strips one leading dot as servers do.
printf 'Subject: t\r\n\r\n.hidden\r\nend\r\n' >"$T/dot.eml"
curl -s "smtp://127.0.0.1:$SMTP" --mail-from a@example.com --mail-rcpt b@example.com -T "$T/dot.eml" >/dev/null 2>&1
check "libcurl dot-stuffs the upload (the sink sees .hidden intact)" sh -c "curl -s 'http://127.0.0.1:$PORT/_sim/mails' | grep -q '\\\\n\\.hidden\\\\n'"
