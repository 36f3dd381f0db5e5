#!/bin/sh
# serpsim.sh - end-to-end checks of the SERP simulator itself: loopback-only
# binding, deterministic and drifting rankings, pagination, the demo sites,
# every fault kind, provider JSON and key errors, suggest formats, the
# alert-hook round trip, the SMTP sink and a clean, quick SIGTERM.
# Prints one "ok - ..." / "not ok - ..." line per check.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SERPSIM=${SERPSIM:-$top/tests/serpsim/serpsim}
if [ ! -x "$SERPSIM" ]; then
	echo "not ok - serpsim binary missing at $SERPSIM"
	exit 0
fi
if ! command -v curl >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "ok - serpsim e2e skipped: curl or python3 missing # SKIP"
	exit 0
fi
dir=$(mktemp -d)
sim=
cleanup() {
	[ -n "$sim" ] && kill "$sim" 2>/dev/null
	[ -n "$sim" ] && wait "$sim" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok - $d"; else echo "not ok - $d"; fi
}

"$SERPSIM" --port 0 --smtp-port 0 --seed 7 >"$dir/out" 2>"$dir/err" &
sim=$!
i=0
until grep -q '^listening on ' "$dir/out" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "not ok - serpsim did not start: $(cat "$dir/err")"
		exit 0
	fi
	sleep 0.1
done
first=$(head -n 1 "$dir/out")
port=$(echo "$first" | sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p')
check "first stdout line is 'listening on 127.0.0.1:PORT'" test -n "$port"
B="http://127.0.0.1:$port"

# loopback only: the listening socket is bound to 127.0.0.1, not 0.0.0.0
if command -v ss >/dev/null 2>&1; then
	check "binds 127.0.0.1 only" sh -c "ss -ltnH | grep -q '127.0.0.1:$port ' && ! ss -ltnH | grep -qE '(0\.0\.0\.0|\*|\[::\]):$port '"
else
	echo "ok - binds 127.0.0.1 only # SKIP ss missing"
fi

get() { curl -s -m 10 "$@"; }
# organic URLs of a Google page, one a line (python: the markup is HTML)
gurls() {
	python3 -c '
import html, re, sys
s = sys.stdin.read()
for m in re.finditer(r"class=\"g [^\"]*\".*?<a jsname=\"UWckNb\" href=\"([^\"]*)\"", s):
    print(html.unescape(m.group(1)))'
}
# position of site ($1) in the first 5 Google pages of query $2, or "none"
gpos() {
	n=0
	for st in 0 10 20 30 40; do
		get "$B/google/search?q=$2&hl=en&gl=us&start=$st" | gurls >"$dir/urls"
		while read -r u; do
			n=$((n + 1))
			case "$u" in *"$1"*) echo $n; return ;; esac
		done <"$dir/urls"
	done
	echo none
}

get "$B/_sim/day?date=2026-11-01" >/dev/null
get "$B/google/search?q=plumber+austin" >"$dir/a1"
get "$B/google/search?q=plumber+austin" >"$dir/a2"
check "same day, same query: identical page" cmp -s "$dir/a1" "$dir/a2"
n=$(gurls <"$dir/a1" | wc -l)
check "Google page has 10 organic results in #rso (got $n)" test "$n" -eq 10
check "Google page has result-stats and a#pnnext" sh -c "grep -q 'id=\"result-stats\">About ' '$dir/a1' && grep -q 'id=\"pnnext\"' '$dir/a1'"
check "Google page has top ads, local pack and People also ask" sh -c \
	"grep -q 'id=\"tads\"' '$dir/a1' && grep -q 'data-text-ad' '$dir/a1' && grep -q 'rllt__details' '$dir/a1' && grep -q 'related-question-pair' '$dir/a1'"
get "$B/_sim/day?date=2026-11-20" >/dev/null
get "$B/google/search?q=plumber+austin" >"$dir/b1"
gurls <"$dir/a1" >"$dir/a1.u"
gurls <"$dir/b1" >"$dir/b1.u"
check "another day: rankings drift" sh -c "! cmp -s '$dir/a1.u' '$dir/b1.u'"

# pagination: 10 pages of distinct results, the last page of all has no next link
get "$B/google/search?q=plumber+austin&start=0" | gurls >"$dir/p"
for st in 10 20 30 40 50 60 70 80 90; do get "$B/google/search?q=plumber+austin&start=$st" | gurls >>"$dir/p"; done
check "Google pages to 100 distinct results" sh -c "[ \$(sort -u '$dir/p' | wc -l) -eq 100 ]"
get "$B/google/search?q=plumber+austin&start=200" >"$dir/end"
n=$(gurls <"$dir/end" | wc -l)
check "past the end: no results, no next link" sh -c "[ $n -eq 0 ] && ! grep -q pnnext '$dir/end'"
check "Bing page: local answer with b_scard entries" sh -c "curl -s '$B/bing/search?q=plumber+austin' | grep -q 'id=\"lMapContainer\"'"
check "Bing page: li.b_algo results, sb_count, sb_pagN" sh -c \
	"get() { curl -s -m 10 \"\$@\"; }; p=\$(get '$B/bing/search?q=plumber+austin&first=11&cc=us'); echo \"\$p\" | grep -c 'class=\"b_algo\"' | grep -qx 10 && echo \"\$p\" | grep -q 'class=\"sb_count\"' && echo \"\$p\" | grep -q 'sb_pagN'"
get "$B/duckduckgo/html/?q=plumber+austin&kl=us-en" >"$dir/d0"
curl -s -m 10 -d 'q=plumber+austin&s=10&dc=10&kl=us-en' "$B/duckduckgo/html/" >"$dir/d1"
check "DuckDuckGo html: web-result with uddg links and next form" sh -c \
	"grep -q 'result results_links results_links_deep web-result' '$dir/d0' && grep -q 'href=\"//duckduckgo.com/l/?uddg=https%3A%2F%2F' '$dir/d0' && grep -q 'name=\"s\" value=\"10\"' '$dir/d0'"
check "DuckDuckGo POST s=10 gives the second page" sh -c "grep -q 'name=\"s\" value=\"20\"' '$dir/d1' && ! cmp -s '$dir/d0' '$dir/d1'"

# well-formed markup: every element closed, in order (html.parser, void tags aside)
for u in "google/search?q=plumber+austin" "google/search?q=coffee&start=10" "bing/search?q=plumber+austin" \
	"duckduckgo/html/?q=roofer+dallas" "google/search?q=noresults"; do
	get "$B/$u" >"$dir/wf"
	check "balanced tags: $u" python3 -c "
from html.parser import HTMLParser
V = {'br','img','input','meta','link','hr','wbr'}
class P(HTMLParser):
    st, bad = [], 0
    def handle_starttag(s, t, a):
        if t not in V: s.st.append(t)
    def handle_endtag(s, t):
        if t in V: return
        if s.st and s.st[-1] == t: s.st.pop()
        else: s.bad += 1
p = P(); p.feed(open('$dir/wf', encoding='utf-8').read())
assert p.bad == 0 and not p.st, (p.bad, p.st[-3:])"
done

# demo sites: near the top for their query by the anchor day (today)
today=$(date -u +%Y-%m-%d)
get "$B/_sim/day?date=$today" >/dev/null
p=$(gpos austin-plumbing-pros.com plumber+austin)
check "austin-plumbing-pros.com in top 5 for 'plumber austin' today (got $p)" sh -c "[ '$p' != none ] && [ '$p' -le 5 ]"
p=$(gpos dallasroofingexperts.com roofing+dallas)
check "dallasroofingexperts.com in 6-22 for 'roofing dallas' (got $p)" sh -c "[ '$p' != none ] && [ '$p' -ge 6 ] && [ '$p' -le 22 ]"
old=$(date -u -d "@$(( $(date +%s) - 29 * 86400 ))" +%Y-%m-%d)
get "$B/_sim/day?date=$old" >/dev/null
p=$(gpos austin-plumbing-pros.com plumber+austin)
check "austin-plumbing-pros.com lower 29 days ago (got $p)" sh -c "[ '$p' != none ] && [ '$p' -ge 10 ]"
p=$(gpos houstonelectricianco.com electrician+houston)
check "houstonelectricianco.com absent 29 days ago (got $p)" test "$p" = none
get "$B/_sim/day?date=$today" >/dev/null
check "hostile titles only on request: 'xss' query escapes <script>" sh -c \
	"curl -s '$B/google/search?q=xss+test' | grep -q '&lt;script&gt;alert' && ! curl -s '$B/google/search?q=xss+test' | grep -q '<script>alert'"

# faults, each at rate 1 through the control endpoint
fault() { get "$B/_sim/fault?kind=none" >/dev/null; get "$B/_sim/fault?kind=$1&rate=${2:-1}" >/dev/null; }
fault 429
code=$(curl -s -D "$dir/h" -o /dev/null -w '%{http_code}' "$B/google/search?q=a")
check "fault 429: HTTP 429 with Retry-After" sh -c "[ '$code' = 429 ] && grep -qi '^retry-after:' '$dir/h'"
fault captcha
check "fault captcha: Google unusual-traffic page" sh -c "curl -s '$B/google/search?q=a' | grep -q 'unusual traffic'"
check "fault captcha: DuckDuckGo anomaly page" sh -c "curl -s '$B/duckduckgo/html/?q=a' | grep -q 'anomaly-modal'"
fault 500
code=$(curl -s -o /dev/null -w '%{http_code}' "$B/bing/search?q=a")
check "fault 500: HTTP 500" test "$code" = 500
fault truncated
curl -s -D "$dir/h" -o "$dir/t" "$B/google/search?q=plumber+austin"
len=$(sed -n 's/^[Cc]ontent-[Ll]ength: *\([0-9]*\).*/\1/p' "$dir/h" | tr -d '\r')
check "fault truncated: cut body, correct Content-Length, no closing tags" sh -c \
	"[ '$len' = \$(wc -c <'$dir/t') ] && [ '$len' -gt 1000 ] && ! grep -q '</html>' '$dir/t'"
fault reset
curl -s -m 5 -o /dev/null "$B/google/search?q=a"
rc=$?
check "fault reset: connection closed without a response (curl rc $rc)" sh -c "[ $rc -eq 52 ] || [ $rc -eq 56 ]"
fault slow
start=$(date +%s)
curl -s -m 2 -o /dev/null "$B/google/search?q=a" &
slowpid=$!
code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$B/_sim/stats")
check "fault slow: control endpoints still answer meanwhile" test "$code" = 200
wait $slowpid
rc=$?
check "fault slow: the engine request times out (curl rc $rc)" test "$rc" -eq 28
fault jsshell
check "fault jsshell (extra): Google enable-JavaScript shell" sh -c "curl -s '$B/google/search?q=a' | grep -q '/httpservice/retry/enablejs'"
fault none
check "'noresults' query: Google 'did not match any documents', no results" sh -c \
	"curl -s '$B/google/search?q=noresults+here' | grep -q 'did not match any documents' && ! curl -s '$B/google/search?q=noresults+here' | grep -q 'class=\"g '"
stats=$(get "$B/_sim/stats")
check "stats JSON counts requests, engines and faults" sh -c \
	"echo '$stats' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"requests\"]>0 and d[\"by_engine\"][\"google\"]>0 and d[\"faults\"][\"429\"]>=1 and d[\"faults\"][\"slow\"]>=1'"
fault 429 0.5
n429=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	c=$(curl -s -o /dev/null -w '%{http_code}' "$B/bing/search?q=a")
	[ "$c" = 429 ] && n429=$((n429 + 1))
done
check "fault rate 0.5 hits some but not all requests ($n429/20)" sh -c "[ $n429 -ge 3 ] && [ $n429 -le 17 ]"
fault none

# providers
u=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("https://www.google.com/search?q=plumber+austin&hl=en&gl=us&start=0", safe=""))')
get "$B/fetch-api?api_key=k&url=$u" >"$dir/fa"
gurls <"$dir/fa" >"$dir/fa.u"
get "$B/google/search?q=plumber+austin&hl=en&gl=us&start=0" | gurls >"$dir/direct.u"
check "fetch-api returns the same Google page as direct" sh -c "[ -s '$dir/fa.u' ] && cmp -s '$dir/fa.u' '$dir/direct.u'"
get "$B/serp-api/search.json?engine=google&q=plumber+austin&location=Austin,Texas,United+States&hl=en&gl=us&api_key=k" >"$dir/sa"
check "serp-api JSON validates" python3 -m json.tool "$dir/sa"
check "serp-api JSON has organic_results with position/link/title" python3 -c "
import json; d=json.load(open('$dir/sa'))
o=d['organic_results']; assert d['search_metadata']['status']=='Success' and len(o)==10
assert [r['position'] for r in o]==list(range(1,11)) and all(r['link'].startswith('http') and r['title'] for r in o)
assert d['search_information']['total_results']>0 and 'places' in d['local_results']"
uule=$(python3 -c 'import base64;n=b"Austin,Texas,United States";print(base64.b64encode(b"\x08\x02\x10\x20\x22"+bytes([len(n)])+n).decode())')
get "$B/google/search?q=plumber+austin&hl=en&gl=us&uule=w%2B$uule&start=10" | gurls >"$dir/h.u"
get "$B/serp-api/search.json?engine=google&q=plumber+austin&location=Austin,Texas,United+States&start=10&api_key=k" |
	python3 -c "import json,sys;[print(r['link']) for r in json.load(sys.stdin)['organic_results']]" >"$dir/s.u"
check "serp-api ranks like the HTML page for the same uule location" sh -c "[ -s '$dir/s.u' ] && cmp -s '$dir/s.u' '$dir/h.u'"
code=$(curl -s -o "$dir/e" -w '%{http_code}' "$B/serp-api/search.json?q=a&api_key=bad")
check "serp-api api_key=bad: 401 with error JSON" sh -c "[ '$code' = 401 ] && grep -q 'Invalid API key' '$dir/e'"
code=$(curl -s -o "$dir/e" -w '%{http_code}' "$B/fetch-api?url=$u&api_key=nocredits")
check "fetch-api api_key=nocredits: 429 run out of searches" sh -c "[ '$code' = 429 ] && grep -q 'run out of searches' '$dir/e'"
code=$(curl -s -o /dev/null -w '%{http_code}' "$B/serp-api/search.json?q=a")
check "serp-api without key: 401" test "$code" = 401

# suggest
check "Google toolbar suggest XML" sh -c "curl -s '$B/google/complete/search?output=toolbar&q=plumber' | grep -q '^<?xml version=\"1.0\"?><toplevel><CompleteSuggestion><suggestion data=\"plumber'"
check "Bing osjson suggest" python3 -c "
import json,urllib.request; d=json.load(urllib.request.urlopen('$B/bing/osjson.aspx?query=plumber'))
assert d[0]=='plumber' and len(d[1])>3 and any('near me' in s for s in d[1]+['near me'])"
check "DuckDuckGo ac list suggest, alphabet soup" python3 -c "
import json,urllib.request; d=json.load(urllib.request.urlopen('$B/duckduckgo/ac/?q=plumber+a&type=list'))
assert d[0]=='plumber a' and d[1] and all(s.startswith('plumber a') for s in d[1])"

# hooks and mail
curl -s -d '{"site":"x.com","position":3}' "$B/_sim/hook" >/dev/null
curl -s --data-binary 'plain text' "$B/_sim/hook" >/dev/null
check "hook round trip (JSON kept as JSON, text as string)" python3 -c "
import json,urllib.request; d=json.load(urllib.request.urlopen('$B/_sim/hooks'))
assert d[-2]=={'site':'x.com','position':3} and d[-1]=='plain text'"
sport=$(sed -n 's/^smtp on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$dir/out")
if [ -n "$sport" ]; then
	check "SMTP sink receives a message" python3 -c "
import smtplib, json, urllib.request
s = smtplib.SMTP('127.0.0.1', $sport, timeout=5)
s.sendmail('a@example.com', ['b@example.com'], 'Subject: rank alert\r\n\r\nplumber austin moved to 3\r\n')
s.quit()
m = json.load(urllib.request.urlopen('$B/_sim/mails'))
assert any('moved to 3' in x for x in m)"
else
	echo "not ok - smtp line missing"
fi

# robustness
check "unknown path: 404" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$B/nowhere') = 404 ]"
check "bad params: 400" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$B/google/search?q=a&start=x') = 400 ] && [ \$(curl -s -o /dev/null -w '%{http_code}' '$B/_sim/day?date=2026-02-30') = 400 ] && [ \$(curl -s -o /dev/null -w '%{http_code}' '$B/google/search') = 400 ]"
curl -s -o /dev/null -d 'novalue&q=a&=&&%zz' "$B/duckduckgo/html/?flag"
curl -s -o /dev/null -d "$(head -c 3000 /dev/urandom | tr -d '\000')" "$B/duckduckgo/html/"
curl -s -o /dev/null "$B/fetch-api?api_key=k&url=%00%ff"
curl -s -o /dev/null "$B/google/search?q=a&uule=w%2B$(head -c 2000 /dev/zero | tr '\000' 'A')"
check "survives keys without values, binary POST bodies, junk URLs and uules" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$B/_sim/stats') = 200 ]"
check "hostile bytes in a query still give valid JSON" sh -c "curl -s '$B/serp-api/search.json?q=%ff%fe%22%5C%00x&api_key=k' | python3 -m json.tool"

# latency runs in parallel: 8 requests at 300 ms take well under 8 x 300 ms
get "$B/_sim/latency?ms=300" >/dev/null
start=$(python3 -c 'import time;print(time.time())')
pids=
for i in 1 2 3 4 5 6 7 8; do
	curl -s -o /dev/null "$B/bing/search?q=lat$i" &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done
el=$(python3 -c "import time;print(round(time.time()-$start,2))")
check "latency does not serialise requests (8 x 300 ms in ${el}s)" python3 -c "assert $el < 1.5"
get "$B/_sim/latency?ms=0" >/dev/null

# SIGTERM during a slow request: exits 0 within about a second
fault slow
curl -s -m 10 -o /dev/null "$B/google/search?q=a" &
cpid=$!
sleep 0.3
t0=$(python3 -c 'import time;print(time.time())')
kill -TERM "$sim"
wait "$sim"
rc=$?
el=$(python3 -c "import time;print(round(time.time()-$t0,2))")
sim=
wait $cpid 2>/dev/null
check "SIGTERM exits 0 (rc $rc) quickly (${el}s) even with a slow request open" python3 -c "assert $rc == 0 and $el < 2.0"
