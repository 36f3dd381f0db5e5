#!/bin/sh
# run.sh - `make bench`: every benchmark, then BENCHMARKS.md rewritten with
# the machine, the date, the inputs and each figure as a ratio against a
# baseline measured in the same run (absolute times alone mean little on a
# shared machine). Never part of `make test`.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=bench/out
mkdir -p "$out"
res="$out/results.txt"
: >"$res"
PKG="$(pkg-config --cflags --libs libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib) -lm -lpthread"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -O2 -g"

# Inputs: the real pages when ../shared is present, else our own pages.
pages=$(ls ../shared/fixtures/real/*/*.html 2>/dev/null)
src="../shared/fixtures/real"
if [ -z "$pages" ]; then
	pages=$(ls tests/golden/*.html)
	src="tests/golden"
fi
echo "bench_inputs=$src" >>"$res"
REPS=${BENCH_REPS:-10}

echo "== parse (serptrack vs bare libxml2)" >&2
cc $CFLAGS bench/parse.c build/rel/libserptrack.a $PKG -o "$out/parse" && "$out/parse" "$REPS" $pages >>"$res"

echo "== XPath queries vs the tree walk (Google pages)" >&2
gpages=$(ls ../shared/fixtures/real/google/*.html 2>/dev/null || ls tests/golden/google*.html)
cc $CFLAGS $(pkg-config --cflags libxml-2.0) bench/xpath.c build/rel/libserptrack.a $PKG -o "$out/xpath" &&
	"$out/xpath" "$REPS" $gpages >>"$res"

echo "== peers: lxml (SearXNG) and cheerio (SerpBear)" >&2
sh tests/deps.sh python3-lxml >/dev/null 2>&1 || true
# Debian's python3-lxml lives in Debian's python, not in a pyenv one on PATH
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" bench/baselines/lxml_parse.py "$((REPS * 3))" $pages >>"$res" 2>"$out/lxml.err" || echo "lxml_error=1" >>"$res"
if ! command -v node >/dev/null 2>&1; then sh tests/deps.sh nodejs npm >/dev/null 2>&1 || true; fi
if command -v npm >/dev/null 2>&1; then
	(cd bench/baselines && [ -d node_modules/cheerio ] || npm install --silent --no-audit --no-fund >/dev/null 2>&1)
	node bench/baselines/cheerio_parse.js "$((REPS * 3))" $pages >>"$res" 2>"$out/cheerio.err" || echo "cheerio_error=1" >>"$res"
fi

# export: 1M rows (a few minutes); scale: 100k keywords with the pre-issue-12
# binary as baseline (about ten minutes on 2 cores)
for b in store crawl grid depth chart job export scale; do
	if [ -f "bench/$b.sh" ]; then
		echo "== $b" >&2
		sh "bench/$b.sh" >>"$res" 2>"$out/$b.err" || echo "${b}_error=1" >>"$res"
	fi
done
sh bench/report.sh "$res" >BENCHMARKS.md
cat BENCHMARKS.md
