#!/bin/sh
# demo-research.sh S - the rank-and-rent part of `make demo`, run by
# tests/demo.sh after the simulated days with S = the serptrack command line
# (database and config included): what to build next, from the demo's
# niches x Texas cities scored against the SERPs just stored; the value of
# each demo site; and the portfolio table.
set -eu
S=$1

echo
echo "== What to build next (demo niches x Texas cities, best opportunity first)"
echo "   score = est. \$/month at position 3 x (1 - 0.75 x competition); details: research score --explain"
$S research score keywords/demo.csv --top 10

for site in austin-plumbing-pros.com dallasroofingexperts.com houstonelectricianco.com; do
	echo
	echo "== Value of $site"
	$S value --site "$site" | sed -n '/^site /,$p'
done

echo
echo "== Portfolio"
$S portfolio
