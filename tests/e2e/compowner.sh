#!/bin/sh
# compowner.sh - competitors belong to a site (issue 13 #14): `site add C
# --competitor --of D` gives C rank rows only on D's keywords, so a
# plumbing competitor no longer gets rows on roofing keywords; without
# --of a competitor is still compared on every site's keywords.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
cd "$T" || exit 1
cat >serptrack.conf <<CONF
[crawl]
retry_base_ms = 5
retry_max_ms = 20
timeout_ms = 3000
[engine.google]
base_url = http://127.0.0.1:$PORT/google
CONF
chmod 600 serptrack.conf
st() { "$SERPTRACK" "$@"; }
q() { sqlite3 serptrack.db "$1"; }
rows() { # rows DOMAIN SITE: rank rows of DOMAIN on SITE's keywords
	q "select count(*) from rank r join site c on c.id = r.site_id join keyword k on k.id = r.keyword_id join site s on s.id = k.site_id where c.domain = '$1' and s.domain = '$2'"
}

st init >/dev/null 2>&1
st site add austin-plumbing-pros.com >/dev/null 2>&1
st site add dallasroofingexperts.com >/dev/null 2>&1
# what --of says and refuses: tests/cli/lifecycle.t
st site add yelp.com --competitor --of austin-plumbing-pros.com >/dev/null 2>&1
st site add angi.com --competitor >/dev/null 2>&1
st site add houzz.com --competitor >/dev/null 2>&1
st kw add "plumber austin" --site austin-plumbing-pros.com --depth 10 >/dev/null 2>&1
st kw add "roofer dallas" --site dallasroofingexperts.com --depth 10 >/dev/null 2>&1
st kw add "roof repair dallas" --site dallasroofingexperts.com --depth 10 >/dev/null 2>&1
st track >/dev/null 2>&1
check "3 checks stored" test "$(q 'select count(*) from "check" where status = 0')" -eq 3
check "the plumbing competitor has a row on the plumbing keyword" \
	test "$(rows yelp.com austin-plumbing-pros.com)" -eq 1
check "and none on the roofing keywords" test "$(rows yelp.com dallasroofingexperts.com)" -eq 0
check "a competitor without --of still has rows on every site's keywords" \
	test "$(rows angi.com dallasroofingexperts.com)" -eq 2 -a "$(rows angi.com austin-plumbing-pros.com)" -eq 1
st rank --competitors --format csv >rank.csv 2>/dev/null
check "rank --competitors: no yelp.com row on a roofing keyword" \
	sh -c "! grep -i 'roof' rank.csv | grep -q yelp.com"
check "rank --competitors: a yelp.com row on the plumbing keyword" \
	sh -c "grep 'plumber austin' rank.csv | grep -q yelp.com"
check "rank --site yelp.com lists only the plumbing keyword" \
	test "$("$SERPTRACK" rank --site yelp.com --format csv 2>/dev/null | grep -c 'dallas')" -eq 0
st site set houzz.com --of dallasroofingexperts.com >/dev/null 2>&1
check "site set C --of D exits 0" test $? -eq 0
check "site list shows the owner" \
	sh -c "'$SERPTRACK' site list --format csv | grep '^houzz.com' | grep -q dallasroofingexperts.com"
check "its rows on the other site's keywords are gone" \
	test "$(rows houzz.com austin-plumbing-pros.com)" -eq 0 -a "$(rows houzz.com dallasroofingexperts.com)" -eq 2
st export --format csv >exp.csv 2>/dev/null
check "export: no yelp.com rows on roofing keywords" \
	sh -c "! grep -i 'roof' exp.csv | grep -q yelp.com"
