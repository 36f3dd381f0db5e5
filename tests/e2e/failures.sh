#!/bin/sh
# failures.sh - every way a fetch fails is named (issue 18 #7): the
# simulator's faults (Google's captcha, its JavaScript wall, its "update
# your browser" page, 429, an empty 200) and serp-api's refusals (keys
# "bad" and "nocredits", a 429, a captcha it ran into) go through `track`
# and come out of `rank --format json` as status + reason_code, in the
# rank table as "blocked: CODE" / "error: CODE", and out of `doctor` as one
# line with what to do. No API key appears in any output.
set -u
. "$(dirname "$0")/../lib.sh"
unset SERPTRACK_DB SERPTRACK_NOW
start_sim
KEY=sk_PLANTED_f1e2e_40c7d1
conf() { # conf PROVIDER [API_KEY]
	{
		printf '[crawl]\nretry_base_ms = 5\nretry_max_ms = 20\nmax_attempts = 1\n'
		printf 'block_cooldown_ms = 0\nblock_cooldown_max_ms = 0\ntimeout_ms = 5000\n'
		printf '[run]\nretry_rounds = 0\n'
		if [ "$1" = direct ]; then
			printf '[engine.google]\nbase_url = http://127.0.0.1:%s/google\nmin_delay_ms = 0\n' "$PORT"
		else
			printf '[engine.google]\nprovider = serp-api\nbase_url = http://127.0.0.1:%s/serp-api\n' "$PORT"
			printf 'api_key = %s\nmin_delay_ms = 0\n' "$2"
		fi
	} >"$T/serptrack.conf"
	chmod 600 "$T/serptrack.conf"
}
st() { (cd "$T" && "$SERPTRACK" "$@"); }
fault() { # fault KIND: only KIND, on every request (none: no faults)
	curl -s "http://127.0.0.1:$PORT/_sim/fault?kind=none" >/dev/null
	[ "$1" = none ] || curl -s "http://127.0.0.1:$PORT/_sim/fault?kind=$1&rate=1" >/dev/null
}
# field F: the latest check's F in rank's JSON (one keyword)
field() {
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r[0][sys.argv[2]] if r else "")' \
		"$T/rank.json" "$1" 2>/dev/null
}
day=1
# track_with WHAT: one track of the keyword on a new day, rank JSON and table
track_with() {
	SERPTRACK_NOW=$(printf '2026-11-%02dT06:00:00Z' "$day") st track >>"$T/out" 2>>"$T/err"
	day=$((day + 1))
	st rank --format json >"$T/rank.json" 2>>"$T/err"
	st rank >"$T/rank.txt" 2>>"$T/err"
	cat "$T/rank.json" "$T/rank.txt" >>"$T/out"
}

conf direct
st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st kw add "plumber austin" --engine google --site austin-plumbing-pros.com --depth 10 >/dev/null 2>&1

fault none
track_with
check "baseline: ok check, no reason code" sh -c '[ "$1" = ok ] && [ "$2" = None ]' sh \
	"$(field status)" "$(field reason_code)"

# --- direct: each wall its own block ----------------------------------------
for pair in captcha:blocked:captcha jsshell:blocked:javascript_required \
	oldbrowser:blocked:unsupported_browser 429:blocked:rate_limited empty:error:empty; do
	kind=${pair%%:*}
	rest=${pair#*:}
	want_st=${rest%%:*}
	want=${rest#*:}
	fault "$kind"
	track_with
	got="$(field status) $(field reason_code) $(field reason)"
	check "direct $kind: rank json $want_st $want ($got)" sh -c \
		'[ "$1" = "$2" ] && [ "$3" = "$4" ]' sh "$(field status)" "$want_st" "$(field reason_code)" "$want"
	check "direct $kind: rank table says $want_st: $want" grep -q "$want_st: $want" "$T/rank.txt"
	check "direct $kind: stored reason is the code" test "$(sqlite3 "$T/serptrack.db" \
		'select reason from "check" order by id desc limit 1' | cut -d' ' -f1)" = "$want"
done
check "the blocked checks kept the block in check.block" test "$(sqlite3 "$T/serptrack.db" \
	"select count(*) from \"check\" where block > 0")" -ge 4
check "a blocked check is never stored as ranked or not ranked" \
	test "$(sqlite3 "$T/serptrack.db" "select count(*) from rank r join \"check\" c on c.id = r.check_id where c.status <> 0")" -eq 0

# --- doctor on direct: the wall explained ----------------------------------
fault jsshell
st doctor >"$T/doc.out" 2>&1
check "doctor: a provider failing is a problem (exit 1)" test $? -eq 1
cat "$T/doc.out" >>"$T/out"
check "doctor: google via direct blocked: javascript_required" \
	grep -q '^problem  google via direct .*one request: blocked: javascript_required' "$T/doc.out"
check "doctor: says to use a SERP API provider" \
	grep -q 'fix: Google refuses plain HTTP clients since 2025: use a SERP API provider' "$T/doc.out"
fault oldbrowser
st doctor >"$T/doc.out" 2>&1
cat "$T/doc.out" >>"$T/out"
check "doctor: update-your-browser page named" \
	grep -q 'google via direct .*blocked: unsupported_browser' "$T/doc.out"
fault none
st doctor >"$T/doc.out" 2>&1
cat "$T/doc.out" >>"$T/out"
check "doctor: a working provider is ok with results and time" \
	grep -Eq '^ok +google via direct +one request: [0-9]+ results, [0-9]+\.[0-9] s' "$T/doc.out"
check "doctor's request is in the usage ledger" \
	test "$(sqlite3 "$T/serptrack.db" "select coalesce(sum(requests), 0) from usage where provider = 'direct'")" -ge 9

# --- serp-api refusals -----------------------------------------------------
for pair in bad:error:bad_key nocredits:error:no_credits; do
	key=${pair%%:*}
	rest=${pair#*:}
	want_st=${rest%%:*}
	want=${rest#*:}
	conf serp-api "$key"
	track_with
	check "serp-api key '$key': rank json $want_st $want" sh -c \
		'[ "$1" = "$2" ] && [ "$3" = "$4" ]' sh "$(field status)" "$want_st" "$(field reason_code)" "$want"
	check "serp-api key '$key': reason 'serp-api: $want: ' + the provider's message" sh -c \
		'case "$1" in "serp-api: $2: "?*) exit 0 ;; esac; exit 1' sh "$(field reason)" "$want"
	check "serp-api key '$key': rank table says error: $want" grep -q "error: $want" "$T/rank.txt"
	st doctor >"$T/doc.out" 2>&1
	check "serp-api key '$key': doctor exit 1" test $? -eq 1
	cat "$T/doc.out" >>"$T/out"
	check "serp-api key '$key': doctor names $want" \
		grep -q "^problem  google via serp-api .*one request: error: $want" "$T/doc.out"
done
check "doctor: bad key: check the api_key" grep -q 'fix: check \[engine.google\] api_key' "$T/out"
check "doctor: no credits: top up" grep -q 'fix: top up the account' "$T/out"
conf serp-api "$KEY"
for pair in 429:rate_limited captcha:captcha; do
	kind=${pair%%:*}
	want=${pair#*:}
	fault "$kind"
	track_with
	check "serp-api $kind: rank json blocked $want" sh -c \
		'[ "$1" = blocked ] && [ "$2" = "$3" ]' sh "$(field status)" "$(field reason_code)" "$want"
	st doctor >"$T/doc.out" 2>&1
	cat "$T/doc.out" >>"$T/out"
	check "serp-api $kind: doctor names it" grep -q "google via serp-api .*blocked: $want" "$T/doc.out"
done
check "doctor: rate limit: lower concurrency" grep -q 'fix: lower concurrency or raise min_delay_ms' "$T/out"
fault none
st doctor >"$T/doc.out" 2>&1
cat "$T/doc.out" >>"$T/out"
check "doctor: serp-api working is ok" grep -Eq '^ok +google via serp-api +one request: [0-9]+ results' "$T/doc.out"

sqlite3 "$T/serptrack.db" .dump >"$T/dump.sql"
check "the API key is in no output, message or the database" \
	sh -c "! cat '$T/out' '$T/err' '$T/dump.sql' | grep -q '$KEY'"
