# lifecycle.t - what of a site's and a keyword's life after `add` needs no
# crawl (was part of e2e/lifecycle.sh and e2e/compowner.sh, which keep the
# checks that track or run): competitors owned with --of and its refusals,
# kw set's edits and refusals, and the usage errors of pause and rm.

== set-up: two sites of ours
! serptrack init
! serptrack site add austin-plumbing-pros.com
$ serptrack site add dallasroofingexperts.com
added dallasroofingexperts.com

== site add --competitor --of says whose competitor it is
$ serptrack site add yelp.com --competitor --of austin-plumbing-pros.com
added yelp.com (competitor of austin-plumbing-pros.com)

== set-up: two competitors without an owner
! serptrack site add angi.com --competitor
$ serptrack site add houzz.com --competitor
added houzz.com (competitor)

== --of an untracked site refused, naming it
$ serptrack site add bbb.org --competitor --of nosuch.com
? 1
2> --of 'nosuch.com' is not tracked

== --of a competitor refused
$ serptrack site add bbb.org --competitor --of angi.com
? 1
2> 'angi.com' is a competitor; a competitor belongs to one of our sites

== --of without --competitor refused
$ serptrack site add bbb.org --of austin-plumbing-pros.com
? 1
2> --of is for a competitor (add --competitor)

== site set C --of a competitor refused
$ serptrack site set houzz.com --of angi.com
? 1
2> 'angi.com' is a competitor

== site set on one of ours with --of refused
$ serptrack site set dallasroofingexperts.com --of austin-plumbing-pros.com
? 2
2> 'dallasroofingexperts.com' is one of ours (add --competitor)

== none of the refused sites was added
$ sqlite3 t.db "select count(*) from site where domain = 'bbb.org'"
0

== set-up: two keywords
! serptrack kw add "plumber austin" --site austin-plumbing-pros.com --depth 10
$ serptrack kw add "emergency plumber austin" --site austin-plumbing-pros.com --depth 10
added keyword 2

== kw set changes tags, depth and schedule
$ serptrack kw set 1 --tag money --tag austin --depth 20 --schedule weekly
updated keyword 1

== and they are stored
$ sqlite3 t.db 'select tags || "|" || depth || "|" || schedule from keyword where id = 1'
money,austin|20|weekly

== kw set without --tag keeps the tags
! serptrack kw set 1 --depth 20
$ sqlite3 t.db 'select tags from keyword where id = 1'
money,austin

== kw set --no-tags clears them
! serptrack kw set 1 --no-tags
$ sqlite3 t.db 'select tags from keyword where id = 1'

== kw set --depth 5 refused (usage)
$ serptrack kw set 1 --depth 5
? 2
2> expects an integer from 10 to 100, got '5'

== kw set --schedule often refused
$ serptrack kw set 1 --schedule often
? 2
2> unknown schedule 'often'

== kw set of an unknown id exits 1
$ serptrack kw set 99 --depth 20
? 1
2> no keyword with id 99

== kw set with nothing to change is a usage error
$ serptrack kw set 1
? 2
2> nothing to change

== kw set abc is a usage error
$ serptrack kw set abc --depth 20
? 2
2> 'abc' is not a keyword ID

== kw pause of an unknown id exits 1
$ serptrack kw pause 99
? 1
2> no keyword with id 99

== site set --paused maybe is a usage error
$ serptrack site set austin-plumbing-pros.com --paused maybe
? 2
2> --paused takes yes or no, not 'maybe'

== site rm of an unknown site exits 1
$ serptrack site rm nosuch.com
? 1
2> 'nosuch.com' is not tracked

== the refusals changed nothing: depth and schedule as kw set left them
$ sqlite3 t.db 'select id || "|" || depth || "|" || schedule from keyword order by id'
1|20|weekly
2|10|daily
