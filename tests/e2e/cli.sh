#!/bin/sh
# cli.sh - what of the foundation commands cannot be a plain case of
# tests/cli/basics.t (where the rest moved): a read-only database file,
# which only a non-root user can be refused.
# Prints one "ok - what" / "not ok - what" line per check.
set -u
: "${SERPTRACK:?set SERPTRACK to the serptrack binary}"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$(pwd)/$SERPTRACK" ;; esac
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
cd "$dir" || exit 1
unset SERPTRACK_DB
db="$dir/t.db"
st() { "$SERPTRACK" --db "$db" "$@"; }

check() { # check WHAT CONDITION-EXIT-STATUS
	if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}

st init >/dev/null 2>&1; check "init" $?
if [ "$(id -u)" -ne 0 ]; then
	chmod 0400 "$db"
	st site add ro.com >/dev/null 2>err; rc=$?
	[ "$rc" -eq 1 ] && grep -q "read-only" err; check "read-only database: writing fails with a message" $?
	st kw list >/dev/null 2>&1; check "read-only database can still be listed" $?
	chmod 0600 "$db"
else
	echo "ok - read-only database # SKIP root can write a 0400 file"
fi
