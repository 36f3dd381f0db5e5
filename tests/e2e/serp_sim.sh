#!/bin/sh
# serp_sim.sh - the parsers against the SERP simulator's pages (the markup
# the demo runs on): for each engine and a few queries, `serptrack parse`
# must find the organic results an independent reading of the page finds
# (Python's html.parser applying the organic rule to the simulator's
# markup), with ads, local pack, counts and pagination; fault pages
# (captcha, truncated body, 429) must come out blocked with their reason.
set -u
: "${SERPTRACK:?set SERPTRACK to the built binary}"
: "${SERPSIM:?set SERPSIM to the simulator binary}"
tmp=$(mktemp -d)
simpid=""
cleanup() {
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ok() { echo "ok - $1"; }
nok() { echo "not ok - $1${2:+: $2}"; }

if [ ! -x "$SERPSIM" ]; then
	echo "ok - serp_sim skipped: no simulator at $SERPSIM # SKIP"
	exit 0
fi

# start_sim ARGS...: starts the simulator, sets $port.
start_sim() {
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	: >"$tmp/sim.out"
	"$SERPSIM" --port 0 "$@" >"$tmp/sim.out" 2>"$tmp/sim.err" &
	simpid=$!
	port=""
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$tmp/sim.out" | head -n 1)
		[ -n "$port" ] && return 0
		sleep 0.2
	done
	return 1
}

# The oracle: organic URLs by the rule, written for the simulator's markup
# (which follows the real engines'), sharing no code with src/serp.
cat >"$tmp/oracle.py" <<'PY'
import base64, sys, urllib.parse
from html.parser import HTMLParser
VOID = {'br','img','meta','link','input','hr','wbr','source','area','col','embed','param','track','base'}
SKIP = {'tads','bottomads','tvcap','rhs','botstuff'}
SKIPC = {'related-question-pair','VkpGBb','result--ad','b_ad','b_ans'}
class O(HTMLParser):
    def __init__(s, engine):
        super().__init__(); s.e = engine; s.st = []; s.out = []; s.cur = None
    def skipped(s):
        return any(i in SKIP or (c and SKIPC & set(c.split())) for _, i, c, _ in s.st)
    def handle_starttag(s, tag, attrs):
        if tag in VOID: return
        a = dict(attrs); s.st.append((tag, a.get('id'), a.get('class'), a.get('href')))
        if s.skipped(): return
        cls = set((a.get('class') or '').split())
        if s.e == 'google' and tag == 'h3':
            href = next((h for t, _, _, h in reversed(s.st) if t == 'a' and h), None)
            if href: s.out.append(href)
        if s.e == 'bing' and tag == 'a' and len(s.st) > 1 and s.st[-2][0] == 'h2' and \
           any(c and 'b_algo' in c.split() for _, _, c, _ in s.st):
            h = a.get('href') or ''
            q = urllib.parse.parse_qs(urllib.parse.urlparse(h).query)
            u = q.get('u', [''])[0]
            if '/ck/a' in h and u.startswith('a1'):  # Bing's click wrapper: base64url target
                h = base64.urlsafe_b64decode(u[2:] + '=' * (-len(u[2:]) % 4)).decode()
            s.out.append(h)
        if s.e == 'duckduckgo' and tag == 'a' and 'result__a' in cls:
            h = a.get('href') or ''
            q = urllib.parse.parse_qs(urllib.parse.urlparse(h).query)
            s.out.append(q['uddg'][0] if 'uddg' in q else h)
    def handle_endtag(s, tag):
        for i in range(len(s.st) - 1, -1, -1):
            if s.st[i][0] == tag: del s.st[i:]; break
o = O(sys.argv[1]); o.feed(open(sys.argv[2], encoding='utf-8').read())
seen = []
for u in o.out:
    u = u.strip().replace(' ', '%20')  # what a browser does with a space in an href
    if u not in seen: seen.append(u)
print('\n'.join(seen))
PY

if ! start_sim; then
	nok "simulator did not start" "$(cat "$tmp/sim.err")"
	exit 1
fi
base="http://127.0.0.1:$port"

n=0
for q in "plumber austin" "electrician dallas" "roofer houston" "hvac repair san antonio"; do
	qe=$(printf '%s' "$q" | sed 's/ /+/g')
	n=$((n + 1))
	for e in google bing duckduckgo; do
		case $e in
		google) url="$base/google/search?q=$qe&hl=en&gl=us" ;;
		bing) url="$base/bing/search?q=$qe&first=1" ;;
		duckduckgo) url="$base/duckduckgo/html/?q=$qe" ;;
		esac
		page="$tmp/$e-$n.html"
		if ! curl -s -o "$page" "$url"; then
			nok "$e '$q': fetch failed"
			continue
		fi
		"$SERPTRACK" parse "$page" --format json >"$tmp/$e-$n.json" 2>"$tmp/err"
		python3 "$tmp/oracle.py" "$e" "$page" >"$tmp/want" 2>/dev/null
		python3 - "$tmp/$e-$n.json" "$tmp/want" "$e" "$q" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); want = open(sys.argv[2]).read().splitlines()
e, q = sys.argv[3], sys.argv[4]
got = [o['url'] for o in d['organic']]
bad = []
if d['engine'] != e: bad.append('engine %s' % d['engine'])
if d['blocked']: bad.append('blocked %s' % d['block_reason'])
if got != want: bad.append('organic %s, want %s' % (got, want))
if [o['position'] for o in d['organic']] != list(range(1, len(got) + 1)): bad.append('positions')
if len(got) != 10: bad.append('%d organic, want 10 (first page)' % len(got))
if not d['has_next']: bad.append('no next page')
if d['query'] != q: bad.append('query %r' % d['query'])
if e != 'duckduckgo' and not (d['total_results'] or 0) > 0: bad.append('no total')
if any(not o['domain'] for o in d['organic']): bad.append('missing domain')
print('; '.join(bad))
sys.exit(1 if bad else 0)
PY
		if [ $? -eq 0 ]; then ok "$e '$q': organic, positions, count, next page agree"; else nok "$e '$q'" "$(cat "$tmp/why")"; fi
	done
	# The simulator's Google page carries ads, a local pack and questions;
	# whatever it shows, ads and local entries must never leak into organic.
	python3 - "$tmp/google-$n.json" <<'PY' >"$tmp/why" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
bad = []
if d['local_pack'] and 'local_pack' not in d['features']: bad.append('local_pack feature')
for a in d['ads']:
    if not a['url'].startswith('http') or not a['title']: bad.append('ad %r' % a)
for l in d['local_pack']:
    if not l['name']: bad.append('local %r' % l)
print('; '.join(bad)); sys.exit(1 if bad else 0)
PY
	if [ $? -eq 0 ]; then ok "google '$q': ads and local pack well-formed"; else nok "google '$q' ads/local" "$(cat "$tmp/why")"; fi
done

# Page 2: still 10 results and a count (the engines' counts drift between
# pages, so only its presence is checked).
curl -s -o "$tmp/g2.html" "$base/google/search?q=plumber+austin&start=10"
"$SERPTRACK" parse "$tmp/g2.html" --format json >"$tmp/g2.json" 2>/dev/null
python3 - "$tmp/google-1.json" "$tmp/g2.json" <<'PY' >"$tmp/why" 2>&1
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
bad = []
if len(b['organic']) != 10: bad.append('%d organic on page 2' % len(b['organic']))
if not (b['total_results'] or 0) > 0: bad.append('no total on page 2')
if [o['position'] for o in b['organic']] != list(range(1, 11)): bad.append('page positions are 1-based')
print('; '.join(bad)); sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then ok "google page 2: 10 results, 1-based, with a count"; else nok "google page 2" "$(cat "$tmp/why")"; fi

# Faults: every engine's captcha page, a cut-off body, a 429.
for kind in captcha truncated 429; do
	if ! start_sim --fault "$kind:1"; then
		nok "simulator with fault $kind did not start"
		continue
	fi
	base="http://127.0.0.1:$port"
	case $kind in captcha) want=captcha ;; truncated) want=truncated ;; 429) want=rate_limited ;; esac
	for e in google bing duckduckgo; do
		case $e in
		google) url="$base/google/search?q=plumber+austin" ;;
		bing) url="$base/bing/search?q=plumber+austin" ;;
		duckduckgo) url="$base/duckduckgo/html/?q=plumber+austin" ;;
		esac
		code=$(curl -s -o "$tmp/f.html" -w '%{http_code}' "$url")
		[ -s "$tmp/f.html" ] || printf '\n' >"$tmp/f.html"
		got=$("$SERPTRACK" parse "$tmp/f.html" --engine "$e" --http-status "$code" --format json 2>/dev/null |
			python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["block_reason"])' 2>/dev/null)
		if [ "$got" = "$want" ]; then ok "$e fault $kind: blocked $want"; else nok "$e fault $kind" "got '$got' (HTTP $code), want $want"; fi
	done
done
