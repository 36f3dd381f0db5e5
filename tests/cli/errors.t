# errors.t - a filter that names nothing is an error naming what was not
# found (never an empty table with exit 0), and a mistyped command or
# option gets the nearest name suggested (was e2e/cli_errors.sh).

== set-up: one site, one keyword tagged core
! serptrack init
! serptrack site add austin-plumbing-pros.com
$ serptrack kw add "plumber austin" --site austin-plumbing-pros.com --location "Austin,Texas,United States" --tag core
added keyword 1

== unknown command suggests the nearest: rnak -> rank
$ serptrack rnak
? 2
2> did you mean rank?

== unknown command suggests the nearest: histroy -> history
$ serptrack histroy
? 2
2> did you mean history?

== far from every command: no suggestion
$ serptrack zzzzzzzz
? 2
2> unknown command 'zzzzzzzz' (see

== unknown option suggests the nearest: --sotr -> --sort
$ serptrack rank --sotr position
? 2
2> did you mean --sort?

== unknown option suggests the nearest: --keywrod
$ serptrack history --keywrod 1
? 2
2> did you mean --keyword?

== rank --tag nosuch: an error naming the tag
$ serptrack rank --tag nosuch
? 1
2> no keyword has tag 'nosuch'

== rank --tag near a real tag: suggested
$ serptrack rank --tag cor
? 1
2> did you mean 'core'

== rank --site unknown.com: an error naming the site
$ serptrack rank --site unknown.com
? 1
2> unknown.com

== rank --engine bing with no bing keyword: an error
$ serptrack rank --engine bing
? 1
2> no keyword has engine 'bing'

== rank --engine yahoo: a usage error
$ serptrack rank --engine yahoo
? 2
2> unknown engine 'yahoo'

== rank --location Houston: an error naming it
$ serptrack rank --location Houston
? 1
2> no keyword has location 'Houston'

== rank --device mobile with none: an error
$ serptrack rank --device mobile
? 1
2> no keyword has device 'mobile'

== rank --device tablet: a usage error
$ serptrack rank --device tablet
? 2
2> unknown device 'tablet'

== history --site unknown.com: an error naming it
$ serptrack history --keyword 1 --site unknown.com
? 1
2> unknown.com

== history --keyword 99: an error naming it
$ serptrack history --keyword 99
? 1
2> no keyword with id 99

== chart --keyword 99: an error
$ serptrack chart --keyword 99 --out c.svg
? 1
2> 99

== report --site unknown.com: an error naming it
$ serptrack report --site unknown.com --out r.html
? 1
2> unknown.com

== filters that name something: exit 0 and the row is there
$ serptrack rank --tag core --location austin --engine google --device desktop
id  query           pos  1d  7d  30d  best  pack  url  checked  AI
austin-plumbing-pros.com · Austin,Texas,United States · google · desktop
 1  plumber austin    -                  -        -    -
1 tracked, 0 ranked, 0 in top 3, 0 in top 10, 0 up, 0 down, 0 blocked

== a store failure site add leaves to the safety net is said exactly once
! sqlite3 t.db "CREATE TRIGGER no_sites BEFORE INSERT ON site BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END;"
$ serptrack site add other.com 2>err; echo "exit $?"; grep -c 'refused by a test trigger' err; grep -c . err
exit 1
1
1

== the trigger dropped, adding a site works again and says nothing on stderr
! sqlite3 t.db "DROP TRIGGER no_sites"
$ serptrack site add other.com 2>err; echo "exit $?"; wc -c <err
added other.com
exit 0
0
