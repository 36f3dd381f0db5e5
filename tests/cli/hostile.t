# hostile.t - hostile strings that never reach the network (was part of
# e2e/hostile.sh, which keeps the hostile queries stored byte for byte, the
# CSV, config, lock and corruption cases and the hostile servers): site
# names and queries refused in one line, and nothing of them stored.

== set-up: one site
! serptrack init
$ serptrack site add example.com
added example.com

== hostile site name 1 (o'brien.com) refused in one line
$ serptrack site add "o'brien.com" 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*not a domain name' err
exit 1
1
1

== hostile site name 2 (x`id`.com) refused in one line
$ serptrack site add 'x`id`.com' 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*not a domain name' err
exit 1
1
1

== hostile site name 3 ($(id).com) refused in one line
$ serptrack site add '$(id).com' 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*not a domain name' err
exit 1
1
1

== hostile site name 4 (<script>.com) refused in one line
$ serptrack site add '<script>.com' 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*not a domain name' err
exit 1
1
1

== hostile site name 5 (a newline in it) refused in one line
$ serptrack site add "$(printf 'a\nb.com')" 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*not a domain name' err
exit 1
1
1

== hostile site name 6 (an invalid UTF-8 byte) refused in one line
$ serptrack site add "$(printf 'ex\377.com')" 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*not a domain name' err
exit 1
1
1

== no hostile site stored
$ sqlite3 t.db "select count(*) from site"
1

== query with a newline refused in one line
$ serptrack kw add "$(printf 'two\nlines')" --site example.com 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*control characters' err
exit 2
1
1

== query with invalid UTF-8 refused in one line
$ serptrack kw add "$(printf 'bad \377\376 utf8')" --site example.com 2>err; echo "exit $?"; wc -l <err; LC_ALL=C grep -c '^serptrack: .*not valid UTF-8' err
exit 2
1
1

== refused queries stored nothing
$ sqlite3 t.db "select count(*) from keyword"
0
