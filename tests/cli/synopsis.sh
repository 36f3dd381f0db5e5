#!/bin/sh
# synopsis.sh - prints each option a command's --help lists that its
# synopsis (the usage line from the command table in src/main.c or the
# command's subcommand table) does not name, so the two cannot drift apart
# unnoticed; prints nothing when they agree. Runs `serptrack` from PATH.
serptrack --help | sed -n 's/^    \([a-z-]*\) .*/\1/p' | while read -r c; do
	subs=$(serptrack help "$c" | sed -n '/SUBCOMMAND \[ARGS\]/,$ s/^    \([a-z-]*\) .*/\1/p')
	for s in ${subs:-""}; do
		serptrack $c $s --help 2>&1 | awk -v who="$c${s:+ $s}" '
			NR == 1 { usage = $0 " "; next }
			/^    --/ { o = $1; if (index(usage, o " ") == 0 && index(usage, o "]") == 0 &&
				index(usage, o "|") == 0 && index(usage, o "=") == 0)
				print who ": " o " missing from the synopsis" }'
	done
done
