#!/bin/sh
# secrets_urls.sh - secrets inside URLs that are refused (issue 12 #14): a
# proxy URL without a scheme or with a mistyped one, a webhook without a
# scheme and an SMTP URL with a password must not print the password or
# token in track, run (its cron stderr) or doctor; an upper-case HTTP://
# proxy is accepted as curl accepts it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$top/$SERPTRACK" ;; esac
unset SERPTRACK_DB SERPTRACK_NOW
start_sim
P_PROXY=PLANTPWprox7k2
HOOK_TOKEN=PLANTTOKENslackXXXXXXXXXXXX
P_SMTP=PLANTPWsmtp4q8
cd "$T" || exit 1
S="$SERPTRACK"
conf() { # conf PROXIES [extra lines]
	cat >serptrack.conf <<CONF
[crawl]
${1:+proxies = $1}
retry_base_ms = 5
retry_max_ms = 20
max_attempts = 1
timeout_ms = 2000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
min_delay_ms = 0
${2:-}
CONF
	chmod 600 serptrack.conf
}
conf "user:$P_PROXY@127.0.0.1:3128"
$S init >/dev/null 2>&1
$S site add austin-plumbing-pros.com >/dev/null 2>&1
$S kw add "plumber austin" --site austin-plumbing-pros.com --engine google --depth 10 >/dev/null 2>&1

for p in "user:$P_PROXY@127.0.0.1:3128" "htp://user:$P_PROXY@127.0.0.1:3128"; do
	conf "$p"
	$S track >out 2>err
	check "#14 track refuses proxy '${p%%:*}:...'" test $? -ne 0
	check "#14 track names the proxies key" grep -q 'proxies' err
	check "#14 track error hides the proxy password" sh -c "! grep -qF '$P_PROXY' out err"
	$S run >out 2>err
	check "#14 run's cron output hides the proxy password" sh -c "! grep -qF '$P_PROXY' out err"
	timeout 60 $S doctor >out 2>err
	check "#14 doctor hides the proxy password" sh -c "! grep -qF '$P_PROXY' out err"
	check "#14 doctor reports the proxies problem" grep -q 'proxies' err
done

# an upper-case scheme works like curl: the dead proxy is used (an error
# check), not refused as a config error
conf "HTTP://user:$P_PROXY@127.0.0.1:9"
$S track >out 2>err
check "#14 HTTP:// proxy accepted" sh -c "! grep -q 'is not an http' err"
check "#14 HTTP:// proxy was tried (error check stored)" \
	test "$(sqlite3 serptrack.db 'select count(*) from "check" where status <> 0')" -ge 1
check "#14 HTTP:// proxy password hidden" sh -c "! grep -qF '$P_PROXY' out err"

# a webhook without a scheme and an smtp_url with a password and a bad
# scheme: the queued alert (recent: an old one is given up, not sent) is not
# delivered and the messages hide secrets
conf "" "[alerts]
webhook = hooks.slack.com/services/T0AB12CD3/B0AB12CD3/$HOOK_TOKEN"
sqlite3 serptrack.db "insert into alert (raised_at, site, rule, message) values (strftime('%s', 'now'), 'x.com', 'drop', 'test alert')"
$S run >out 2>err
check "#14 webhook without a scheme is refused" grep -q 'webhook' err
check "#14 webhook error hides the token" sh -c "! grep -qF '$HOOK_TOKEN' out err"
check "#14 webhook error hides the team id" sh -c "! grep -qF 'T0AB12CD3' out err"
conf "" "[alerts]
email_to = ops@example.com
smtp_url = stmp://ops:$P_SMTP@127.0.0.1:25"
$S run >out 2>err
check "#14 smtp_url with a bad scheme is refused" grep -q 'smtp_url' err
check "#14 smtp_url error hides the password" sh -c "! grep -qF '$P_SMTP' out err"
exit 0
