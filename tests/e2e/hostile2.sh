#!/bin/sh
# hostile2.sh - odd database and input paths (issue 12 items 12, 21, 22, 25,
# 26): a device, a FIFO or an empty file given as the database; a database
# in a read-only folder (readable commands work, writing ones say the folder
# is read-only); a WAL holding committed data with no -shm file beside it on
# read-only media (refused, never read as if the WAL were not there); a
# directory given as a file; impossible dates and a bad SERPTRACK_NOW.
# As root, chmod does not stop writes: the read-only-folder cases then run
# as nobody through setpriv, and the read-only filesystem case needs a
# tmpfs mount; each is skipped (# SKIP) when that is not possible.
set -u
: "${SERPTRACK:?}" "${SERPSIM:?}"
case "$SERPTRACK" in /*) ;; *) SERPTRACK="$(pwd)/$SERPTRACK" ;; esac
T=$(mktemp -d)
MNT=
cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
unset SERPTRACK_DB SERPTRACK_NOW
cd "$T" || exit 1

n=0
check() { # check WHAT EXIT-STATUS-OF-THE-CONDITION
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
one_line() { [ "$(wc -l <"$1")" -eq 1 ] && grep -q '^serptrack: ' "$1"; }
first() { head -n 1 "$1" | cut -c 1-140; }

db=$T/s.db
st() { "$SERPTRACK" --db "$db" "$@"; }
st init >/dev/null 2>&1
st site add example.com >/dev/null 2>&1
st kw add plumber --site example.com >/dev/null 2>&1

# --- 21: not a regular file ----------------------------------------------------
journal_before=0
[ -e /dev/null-journal ] && journal_before=1
"$SERPTRACK" --db /dev/null init >out 2>err
rc=$?
[ "$rc" -eq 1 ] && one_line err && grep -q "'/dev/null' is not a regular file" err
check "--db /dev/null init: refused in one line ($(first err))" $?
if [ "$journal_before" -eq 0 ]; then
	[ ! -e /dev/null-journal ]
	check "--db /dev/null init leaves no /dev/null-journal" $?
	rm -f /dev/null-journal 2>/dev/null
fi
mkfifo fifo.db
timeout 20 "$SERPTRACK" --db fifo.db rank >out 2>err
rc=$?
[ "$rc" -eq 1 ] && one_line err && grep -q "'fifo.db' is not a regular file" err
check "--db FIFO rank: refused at once, no hang (rc $rc: $(first err))" $?
timeout 20 "$SERPTRACK" --db fifo.db init >out 2>err
[ $? -eq 1 ] && grep -q "not a regular file" err
check "--db FIFO init: refused" $?
: >empty.db
"$SERPTRACK" --db empty.db kw list >out 2>err
rc=$?
[ "$rc" -eq 1 ] && one_line err && grep -q "'empty.db' is empty" err && [ ! -s empty.db ]
check "kw list on an empty file: refused, file left empty ($(first err))" $?
"$SERPTRACK" --db empty.db init >out 2>err && "$SERPTRACK" --db empty.db kw list >out 2>&1
check "init accepts an empty file and makes it a database" $?
"$SERPTRACK" --db absent.db rank >out 2>err
[ $? -eq 1 ] && grep -q "does not exist" err && [ ! -e absent.db ]
check "rank on an absent file: refused, nothing created" $?

# --- 22 and 12: read-only folder (chmod) -----------------------------------------
# A database whose -wal holds a committed row (a second site) and has no
# -shm: copied while sqlite3 keeps the first connection open, so the WAL is
# neither checkpointed nor deleted.
mkwal() { # mkwal DESTDIR
	rm -f w.db w.db-wal w.db-shm
	cp "$db" w.db
	"$SERPTRACK" --db w.db rank >/dev/null 2>&1
	sqlite3 w.db "PRAGMA wal_autocheckpoint=0" "SELECT count(*) FROM sqlite_master" \
		".shell '$SERPTRACK' --db w.db site add second.com" \
		".shell cp w.db w.db-wal $1/" >/dev/null 2>&1
	[ -s "$1/w.db-wal" ] && [ ! -e "$1/w.db-shm" ]
}

if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1 &&
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			sh -c 'test -r "$1" && test -x "$1"' _ "$SERPTRACK" 2>/dev/null; then
		# (nobody must also reach the build: a checkout under a 0700
		# folder skips these cases instead of failing them)
		asu() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
		owner=65534
		can_ro=1
	else
		can_ro=0
	fi
else
	asu() { "$@"; }
	owner=
	can_ro=1
fi
if [ "$can_ro" -eq 1 ]; then
	chmod 755 "$T"
	mkdir ro outd
	cp "$db" ro/s.db
	mkwal ro
	walok=$?
	[ -n "$owner" ] && chown -R "$owner" ro outd
	chmod 555 ro
	r() { asu "$SERPTRACK" --db ro/s.db "$@"; }
	r rank >out.txt 2>err
	[ $? -eq 0 ] && grep -q plumber out.txt
	check "read-only folder: rank works ($(first err))" $?
	r history --keyword 1 >out.txt 2>err
	check "read-only folder: history works ($(first err))" $?
	r kw list >out.txt 2>err
	[ $? -eq 0 ] && grep -q plumber out.txt
	check "read-only folder: kw list works ($(first err))" $?
	r site list >out.txt 2>err
	[ $? -eq 0 ] && grep -q example.com out.txt
	check "read-only folder: site list works ($(first err))" $?
	r report --site example.com --out "$T/outd/r.html" >out.txt 2>err
	[ $? -eq 0 ] && [ -s outd/r.html ]
	check "read-only folder: report to another folder works ($(first err))" $?
	r kw add drain --site example.com >out.txt 2>err
	[ $? -eq 1 ] && one_line err && grep -q "the folder 'ro' is read-only" err
	check "read-only folder: kw add says the folder is read-only ($(first err))" $?
	r track >out.txt 2>err
	[ $? -eq 1 ] && one_line err && grep -q "the folder 'ro' is read-only" err
	check "read-only folder: track says the folder is read-only ($(first err))" $?
	r init >out.txt 2>err
	[ $? -eq 1 ] && one_line err && grep -q "the folder 'ro' is read-only" err
	check "read-only folder: init says the folder is read-only ($(first err))" $?
	# through a symlink from a writable folder: the target's folder counts
	ln -s ../ro/s.db outd/link.db
	asu "$SERPTRACK" --db outd/link.db rank >out.txt 2>err
	[ $? -eq 0 ] && grep -q plumber out.txt
	check "read-only folder through a symlink: rank works ($(first err))" $?
	asu "$SERPTRACK" --db outd/link.db kw add drain --site example.com >out.txt 2>err
	[ $? -eq 1 ] && one_line err && grep -q "read-only" err
	check "read-only folder through a symlink: kw add says read-only ($(first err))" $?
	ls ro >ls.txt
	[ "$(cat ls.txt)" = "s.db
w.db
w.db-wal" ]
	check "read-only folder: nothing created there ($(tr '\n' ' ' <ls.txt))" $?
	if [ "$walok" -eq 0 ]; then
		asu "$SERPTRACK" --db ro/w.db site list >out.txt 2>err
		[ $? -eq 1 ] && one_line err && grep -q "write-ahead log but no shared-memory file" err
		check "read-only folder: WAL without -shm refused ($(first err))" $?
	else
		check "read-only folder: could not build a WAL without -shm" 1
	fi
	chmod 755 ro
else
	skip "read-only folder cases" "running as root without setpriv, or nobody cannot reach the build"
fi

# --- 12: read-only filesystem, WAL with committed data, no -shm ----------------------
MNT=$T/mnt
mkdir -p "$MNT"
if mount -t tmpfs -o size=4M tmpfs "$MNT" 2>/dev/null; then
	cp "$db" "$MNT/s.db"
	mkwal "$MNT"
	walok=$?
	if mount -o remount,ro "$MNT" 2>/dev/null; then
		"$SERPTRACK" --db "$MNT/s.db" rank >out.txt 2>err
		[ $? -eq 0 ] && grep -q plumber out.txt
		check "read-only filesystem: rank works without -wal ($(first err))" $?
		if [ "$walok" -eq 0 ]; then
			"$SERPTRACK" --db "$MNT/w.db" site list >out.txt 2>err
			rc=$?
			[ "$rc" -eq 1 ] && one_line err && grep -q "write-ahead log but no shared-memory file" err
			check "read-only filesystem: WAL without -shm refused, not read stale (rc $rc: $(first err))" $?
		else
			check "read-only filesystem: could not build a WAL without -shm" 1
		fi
	else
		skip "read-only filesystem" "remount,ro not allowed"
	fi
	umount "$MNT" 2>/dev/null && MNT=
else
	skip "read-only filesystem" "cannot mount a tmpfs (needs root)"
	MNT=
fi

# --- 25: a directory given as a file ---------------------------------------------
st kw import "$T" >out 2>err
[ $? -eq 1 ] && one_line err && grep -qi "is a directory" err
check "kw import DIR says it is a directory ($(first err))" $?
"$SERPTRACK" parse "$T" >out 2>err
[ $? -eq 1 ] && grep -qi "is a directory" err
check "parse DIR says it is a directory ($(first err))" $?
"$SERPTRACK" --config "$T" --db "$db" rank >out 2>err
[ $? -eq 1 ] && one_line err && grep -qi "is a directory" err
check "--config DIR says it is a directory ($(first err))" $?
st leads import "$T" >out 2>err
[ $? -eq 1 ] && grep -qi "is a directory" err
check "leads import DIR says it is a directory ($(first err))" $?

# --- 26: impossible dates ---------------------------------------------------------
st history --keyword 1 --since 2026-02-30 >out 2>err
[ $? -eq 2 ] && one_line err && grep -q "2026-02-30" err
check "--since 2026-02-30 is a usage error ($(first err))" $?
st serp --keyword 1 --date 2026-02-31 >out 2>err
[ $? -eq 2 ] && one_line err && grep -q "2026-02-31" err
check "serp --date 2026-02-31 is a usage error ($(first err))" $?
st alerts --since 2026-04-31 >out 2>err
[ $? -eq 2 ]
check "--since 2026-04-31 is a usage error" $?
st history --keyword 1 --since 2026-02-29 >out 2>err
[ $? -eq 2 ]
check "--since 2026-02-29 (not a leap year) is a usage error" $?
st history --keyword 1 --since 2024-02-29 >out 2>err
check "--since 2024-02-29 (leap year) is accepted ($(first err))" $?
SERPTRACK_NOW=garbage st rank >out 2>err
[ $? -eq 2 ] && one_line err && grep -q "SERPTRACK_NOW" err && grep -q "garbage" err
check "SERPTRACK_NOW=garbage is a usage error ($(first err))" $?
SERPTRACK_NOW=2026-02-30T06:00:00Z st rank >out 2>err
[ $? -eq 2 ] && grep -q "2026-02-30T06:00:00Z" err
check "SERPTRACK_NOW with an impossible date is a usage error" $?
SERPTRACK_NOW=2026-03-01T06:00:00Z st rank >out 2>err
check "a valid SERPTRACK_NOW is accepted ($(first err))" $?
