#!/bin/sh
# sim_geo.sh - end-to-end checks of the simulator's geography: Google's
# uule "a+" point decodes (the pack equals the Maps list's top 3 at that
# point), SerpApi engine=google_maps answers at most 20 places in order,
# the demo business ranks at least as well near its own coordinates as far
# away, no-point pages are deterministic and untouched by point requests,
# and a bad or missing `ll` gets SerpApi's error shape.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim --seed 11
dir=$T
port=$PORT
B="http://127.0.0.1:$port"
get() { curl -s -m 20 "$@"; }

# a+ uule of a point (DESIGN.md), percent-encoded or raw ('+' then arrives as a space)
aplus() { # aplus LAT LNG [raw]
	python3 - "$@" <<'PY'
import base64, sys, urllib.parse
lat, lng = float(sys.argv[1]), float(sys.argv[2])
t = ("role:1\nproducer:12\nprovenance:6\ntimestamp:1765000000000000\nlatlng{\n"
     "latitude_e7:%d\nlongitude_e7:%d\n}\nradius:-1\n" % (round(lat * 1e7), round(lng * 1e7)))
v = "a+" + base64.b64encode(t.encode()).decode()
print(v if len(sys.argv) > 3 else urllib.parse.quote(v, safe=""))
PY
}
# pack names of a Google page, one a line
pack() {
	python3 -c '
import html, re, sys
for m in re.finditer(r"role=\"heading\"><span class=\"OSrXXb\">([^<]*)", sys.stdin.read()):
    print(html.unescape(m.group(1)))'
}
# titles of a maps answer, one a line
maptitles() { python3 -c 'import json, sys; [print(p["title"]) for p in json.load(sys.stdin)["local_results"]]'; }
maps() { # maps QUERY LAT LNG
	get -G "$B/serp-api/search.json" --data-urlencode "engine=google_maps" --data-urlencode "q=$1" \
		--data-urlencode "ll=@$2,$3,14z" --data-urlencode "type=search" --data-urlencode "api_key=k"
}
# the demo business's position in the maps list, 21 when absent
demopos() { # demopos QUERY NAME LAT LNG
	maps "$1" "$3" "$4" | python3 -c '
import json, sys
r = [p["position"] for p in json.load(sys.stdin)["local_results"] if p["title"] == sys.argv[1]]
print(r[0] if r else 21)' "$2"
}

Q="plumber austin tx"
QP="plumber+austin+tx"
# Austin Plumbing Pros sits at 30.2741,-97.7403; 9 km south-west is far
NLAT=30.2741 NLNG=-97.7403 FLAT=30.2150 FLNG=-97.8100

# 1. the a+ uule decodes: the pack at the point is the maps list's top 3
get "$B/google/search?q=$QP&uule=$(aplus $NLAT $NLNG)" | pack >"$dir/pack_near"
maps "$Q" $NLAT $NLNG | maptitles | head -n 3 >"$dir/maps_near3"
check "a+ uule page carries a local pack of 3" test "$(wc -l <"$dir/pack_near")" -eq 3
check "a+ uule pack = google_maps top 3 at the same point" cmp "$dir/pack_near" "$dir/maps_near3"
get "$B/google/search?q=$QP&uule=$(aplus $FLAT $FLNG)" | pack >"$dir/pack_far"
check "the pack depends on the point" sh -c "! cmp -s '$dir/pack_near' '$dir/pack_far'"
get "$B/google/search?q=$QP&uule=$(aplus $NLAT $NLNG raw)" | pack >"$dir/pack_raw"
check "a+ uule with '+' arriving as a space decodes the same" cmp "$dir/pack_near" "$dir/pack_raw"
get "$B/google/search?q=plumber&uule=$(aplus $NLAT $NLNG)" | pack >"$dir/pack_nocity"
check "a point names the city a query leaves out (nearest city)" grep -qx "Austin Plumbing Pros" "$dir/pack_nocity"
get -G "$B/serp-api/search.json" --data-urlencode "engine=google" --data-urlencode "q=$Q" \
	--data-urlencode "ll=@$NLAT,$NLNG,14z" --data-urlencode "api_key=k" |
	python3 -c 'import json, sys; [print(p["title"]) for p in json.load(sys.stdin)["local_results"]["places"]]' >"$dir/sa_near"
check "serp-api engine=google with ll: places = the same top 3" cmp "$dir/pack_near" "$dir/sa_near"
gurl=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' \
	"https://www.google.com/search?q=$QP&uule=$(aplus $NLAT $NLNG)")
get "$B/fetch-api?api_key=k&url=$gurl" | pack >"$dir/fa_near"
check "fetch-api of a Google URL with an a+ uule: the same pack" cmp "$dir/pack_near" "$dir/fa_near"
code=$(get -o /dev/null -w '%{http_code}' "$B/google/search?q=$QP&uule=a%2B%21%21notbase64")
check "a malformed a+ uule is a 400" test "$code" = 400

# 2. the demo business ranks at least as well near itself as far away
near=$(demopos "$Q" "Austin Plumbing Pros" $NLAT $NLNG)
far=$(demopos "$Q" "Austin Plumbing Pros" $FLAT $FLNG)
check "demo business near its coordinates ranks 1-3 (got $near)" test "$near" -le 3
check "demo business ranks at least as well near ($near) as far ($far)" test "$near" -le "$far"
check "and strictly better than 9 km away" test "$near" -lt "$far"

# 3. the maps list: <= 20 places, positions 1..n in order, each with coordinates
maps "$Q" $FLAT $FLNG >"$dir/maps_far.json"
check "maps list holds 1-20 places with positions 1..n and the documented fields" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
r = j["local_results"]
assert 1 <= len(r) <= 20
assert [p["position"] for p in r] == list(range(1, len(r) + 1))
for p in r:
    for k in ("title", "rating", "reviews", "phone", "address", "type"):
        assert k in p, k
    g = p["gps_coordinates"]
    assert -90 <= g["latitude"] <= 90 and -180 <= g["longitude"] <= 180
assert j["search_parameters"]["engine"] == "google_maps"
' "$dir/maps_far.json"
check "a niche x city has a full list of 20" python3 -c '
import json, sys
assert len(json.load(open(sys.argv[1]))["local_results"]) == 20' "$dir/maps_far.json"
maps "$Q" $FLAT $FLNG >"$dir/maps_far2.json"
check "the maps list is deterministic" cmp "$dir/maps_far.json" "$dir/maps_far2.json"
get "$B/_sim/day?date=2026-11-01" >/dev/null
maps "$Q" $FLAT $FLNG >"$dir/maps_far_day.json"
check "the maps list changes with the day" sh -c "! cmp -s '$dir/maps_far.json' '$dir/maps_far_day.json'"

# 4. no-point pages: deterministic, and point requests leave them alone
h1=$(get "$B/google/search?q=$QP&gl=us" | cksum)
s1=$(get "$B/serp-api/search.json?engine=google&q=$QP&api_key=k" | cksum)
maps "$Q" $NLAT $NLNG >/dev/null
get "$B/google/search?q=$QP&uule=$(aplus $FLAT $FLNG)" >/dev/null
h2=$(get "$B/google/search?q=$QP&gl=us" | cksum)
s2=$(get "$B/serp-api/search.json?engine=google&q=$QP&api_key=k" | cksum)
check "no-point Google page unchanged by point requests" test "$h1" = "$h2"
check "no-point serp-api answer unchanged by point requests" test "$s1" = "$s2"

# 5. errors: bad or missing ll, bad key, hostile names stay JSON data
for ll in "30.27,-97.74" "@30.27,-97.74" "@91,0,14z" "@30.27,-97.74,14" "@x,y,14z"; do
	get -o "$dir/bad.json" -w '%{http_code}' -G "$B/serp-api/search.json" --data-urlencode "engine=google_maps" \
		--data-urlencode "q=$Q" --data-urlencode "ll=$ll" --data-urlencode "api_key=k" >"$dir/code"
	check "bad ll '$ll' is a 400 with SerpApi's error shape" python3 -c '
import json, sys
assert open(sys.argv[2]).read() == "400"
j = json.load(open(sys.argv[1]))
assert list(j) == ["error"] and "ll" in j["error"]' "$dir/bad.json" "$dir/code"
done
code=$(get -o "$dir/noll.json" -w '%{http_code}' "$B/serp-api/search.json?engine=google_maps&q=$QP&api_key=k")
check "google_maps without ll is a 400 error" sh -c "test $code = 400 && grep -q '\"error\"' '$dir/noll.json'"
code=$(get -o /dev/null -w '%{http_code}' "$B/serp-api/search.json?engine=google_maps&q=$QP&ll=@30.27,-97.74,14z&api_key=bad")
check "google_maps checks the api key (401)" test "$code" = 401
maps "plumber austin tx xss" $NLAT $NLNG >"$dir/xss.json"
check "a hostile place name is inert JSON data" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["local_results"]
assert r[0]["title"].startswith("<script>")' "$dir/xss.json"
