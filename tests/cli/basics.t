# basics.t - the foundation commands without the crawler (was e2e/cli.sh):
# init, site and kw add/list/rm, kw import with bad rows, hostile strings
# read back exactly in every format, usage errors (exit 2), refused files.

== init creates the database and prints the schema version
$ serptrack init
t.db: schema version 14

== the database file is 0600
$ stat -c %a t.db
600

== init again is fine
$ serptrack init
t.db: schema version 14

== missing database: exit 1, says to run init
$ serptrack --db none.db site list
? 1
2> run 'serptrack init' to create it

== ... and creates nothing
$ test -e none.db
? 1

== site add
$ serptrack site add www.example.com --name "Austin Plumbing" --rent 450 --status rented
added example.com

== site add --competitor
$ serptrack site add rival.com --competitor
added rival.com (competitor)

== site add twice fails with 1
$ serptrack site add example.com
? 1
2> site: 'example.com' already exists

== bad --status is a usage error
$ serptrack site add bad.com --status sold
? 2
2> unknown status 'sold' (expected idea, building, ranking or rented)

== site set
$ serptrack site set example.com --client "Joe's Plumbing"
updated example.com

== site list json has both sites and the updates
$ serptrack site list --format json
[
  {
    "domain": "example.com",
    "name": "Austin Plumbing",
    "client": "Joe's Plumbing",
    "status": "rented",
    "rent": 450.0,
    "competitor": false,
    "niche": null,
    "phone": null,
    "paused": false,
    "competitor_of": null,
    "business_name": null,
    "created_at": "2026-11-01T06:00:00Z"
  },
  {
    "domain": "rival.com",
    "name": null,
    "client": null,
    "status": "idea",
    "rent": null,
    "competitor": true,
    "niche": null,
    "phone": null,
    "paused": false,
    "competitor_of": null,
    "business_name": null,
    "created_at": "2026-11-01T06:00:00Z"
  }
]

== kw add with a hostile query
$ serptrack kw add 'plumber "24/7" x'"'"'); DROP TABLE keyword; -- <script>alert(1)</script> `touch pwned` $(id) 🚰 à côté' --site example.com --tag emergency --tag austin
added keyword 1

== kw add with every option
$ serptrack kw add "plumber austin" --site example.com --engine bing --device mobile --depth 50 --location "Austin,Texas,United States" --schedule 12h
added keyword 2

== kw add of the same keyword says it is already tracked
$ serptrack kw add "plumber austin" --site example.com --engine bing --device mobile --location "Austin,Texas,United States"
already tracked as keyword 2

== no shell ran the query
$ test -e pwned
? 1

== hostile query read back exactly in JSON, with tags and defaults
$ serptrack kw list --format json
[
  {
    "id": 1,
    "query": "plumber \"24/7\" x'); DROP TABLE keyword; -- <script>alert(1)</script> `touch pwned` $(id) 🚰 à côté",
    "engine": "google",
    "location": null,
    "device": "desktop",
    "lang": "en",
    "country": "us",
    "depth": 30,
    "tags": "emergency,austin",
    "site": "example.com",
    "schedule": "daily",
    "paused": "no",
    "created_at": "2026-11-01T06:00:00Z"
  },
  {
    "id": 2,
    "query": "plumber austin",
    "engine": "bing",
    "location": "Austin,Texas,United States",
    "device": "mobile",
    "lang": "en",
    "country": "us",
    "depth": 50,
    "tags": null,
    "site": "example.com",
    "schedule": "12h",
    "paused": "no",
    "created_at": "2026-11-01T06:00:00Z"
  }
]

== hostile query read back exactly in CSV
$ serptrack kw list --format csv
id,query,engine,location,device,lang,country,depth,tags,site,schedule,paused,created_at
1,"plumber ""24/7"" x'); DROP TABLE keyword; -- <script>alert(1)</script> `touch pwned` $(id) 🚰 à côté",google,,desktop,en,us,30,"emergency,austin",example.com,daily,no,2026-11-01T06:00:00Z
2,plumber austin,bing,"Austin,Texas,United States",mobile,en,us,50,,example.com,12h,no,2026-11-01T06:00:00Z

== a short hostile query shown exactly in the table
! serptrack kw add 'q"x'"'"'; DROP TABLE site;-- <b>`id`</b> 🚰' --site example.com
$ serptrack kw list
id  query                                                         engine  location                    device   depth  tags              site         schedule  paused
 1  plumber "24/7" x'); DROP TABLE keyword; -- <script>alert(1)…  google  -                           desktop     30  emergency,austin  example.com  daily     no
 2  plumber austin                                                bing    Austin,Texas,United States  mobile      50  -                 example.com  12h       no
 3  q"x'; DROP TABLE site;-- <b>`id`</b> 🚰                        google  -                           desktop     30  -                 example.com  daily     no

== kw rm
$ serptrack kw rm 3
removed keyword 3

== kw list --tag filters
$ serptrack kw list --tag austin --format csv
id,query,engine,location,device,lang,country,depth,tags,site,schedule,paused,created_at
1,"plumber ""24/7"" x'); DROP TABLE keyword; -- <script>alert(1)</script> `touch pwned` $(id) 🚰 à côté",google,,desktop,en,us,30,"emergency,austin",example.com,daily,no,2026-11-01T06:00:00Z

== rank lists each keyword with no position yet
$ serptrack rank --format json
[
  {
    "keyword_id": 1,
    "query": "plumber \"24/7\" x'); DROP TABLE keyword; -- <script>alert(1)</script> `touch pwned` $(id) 🚰 à côté",
    "engine": "google",
    "location": null,
    "device": "desktop",
    "site": "example.com",
    "status": null,
    "reason_code": null,
    "position": null,
    "change_1d": null,
    "change_7d": null,
    "change_30d": null,
    "best": null,
    "local_position": null,
    "url": null,
    "checked_at": null,
    "competitor": false,
    "in_local_pack": false,
    "depth": 30,
    "reason": null,
    "approx": false,
    "url_changed": false,
    "ai_overview": null,
    "ai_overview_cited": null,
    "ai_cite_position": null
  },
  {
    "keyword_id": 2,
    "query": "plumber austin",
    "engine": "bing",
    "location": "Austin,Texas,United States",
    "device": "mobile",
    "site": "example.com",
    "status": null,
    "reason_code": null,
    "position": null,
    "change_1d": null,
    "change_7d": null,
    "change_30d": null,
    "best": null,
    "local_position": null,
    "url": null,
    "checked_at": null,
    "competitor": false,
    "in_local_pack": false,
    "depth": 50,
    "reason": null,
    "approx": false,
    "url_changed": false,
    "ai_overview": null,
    "ai_overview_cited": null,
    "ai_cite_position": null
  }
]

== kw import with bad rows exits 1, naming each bad row as FILE:LINE
! printf 'site,query,tags,depth,engine\nexample.com,drain cleaning austin,"drain,austin",20,google\nexample.com,water heater,,500,google\nexample.com,"bad "quote",,,google\nexample.com,sewer repair,sewer,,duckduckgo\nnosuch.com,leak detection,,,bing\nexample.com,burst pipe,,,yahoo\n' >import.csv
$ serptrack kw import import.csv
? 1
2> import.csv:3: depth '500' is not a number from 10 to 100
2> import.csv:4: malformed CSV row
2> import.csv:6: site 'nosuch.com' is not tracked
2> import.csv:7: unknown engine 'yahoo'
import.csv: 2 added, 0 already tracked, 4 rejected

== the good rows were imported, the bad ones not
$ serptrack kw list --format csv
id,query,engine,location,device,lang,country,depth,tags,site,schedule,paused,created_at
1,"plumber ""24/7"" x'); DROP TABLE keyword; -- <script>alert(1)</script> `touch pwned` $(id) 🚰 à côté",google,,desktop,en,us,30,"emergency,austin",example.com,daily,no,2026-11-01T06:00:00Z
2,plumber austin,bing,"Austin,Texas,United States",mobile,en,us,50,,example.com,12h,no,2026-11-01T06:00:00Z
3,drain cleaning austin,google,,desktop,en,us,20,"drain,austin",example.com,daily,no,2026-11-01T06:00:00Z
4,sewer repair,duckduckgo,,desktop,en,us,30,sewer,example.com,daily,no,2026-11-01T06:00:00Z

== an unknown column is ignored and named (research CSVs carry columns kw import does not read)
! printf 'query,site,colour\nx,example.com,red\n' >unk.csv
$ serptrack kw import unk.csv
2> unk.csv:1: ignoring column 'colour'
unk.csv: 1 added, 0 already tracked, 0 rejected

== kw rm of the last keyword
$ serptrack kw rm 5
removed keyword 5

== kw rm of a removed id fails with 1
$ serptrack kw rm 5
? 1

== kw rm of a non-number is a usage error
$ serptrack kw rm abc
? 2
2> kw rm: 'abc' is not a keyword ID

== site rm
$ serptrack site rm rival.com
removed rival.com (0 keywords, 0 checks, 0 rank rows, 0 leads, 0 alerts)

== the removed site is gone
$ serptrack site list --format csv
domain,name,client,status,rent,competitor,niche,phone,paused,competitor_of,business_name,created_at
example.com,Austin Plumbing,Joe's Plumbing,rented,450.00,false,,,false,,,2026-11-01T06:00:00Z

== unknown option exits 2
$ serptrack kw list --bogus
? 2
2> kw list: unknown option '--bogus'

== unknown command exits 2
$ serptrack frobnicate
? 2
2> unknown command 'frobnicate'

== unknown subcommand exits 2
$ serptrack kw frob
? 2
2> kw: unknown subcommand 'frob'

== kw add without --site exits 2
$ serptrack kw add "no site"
? 2
2> kw add: --site is required

== --depth out of range exits 2
$ serptrack kw add q --site example.com --depth 5
? 2
2> expects an integer from 10 to 100, got '5'

== unknown --format exits 2
$ serptrack rank --format xml
? 2
2> rank: unknown format 'xml'

== history without --keyword exits 2
$ serptrack history
? 2
2> history: --keyword ID is required

== serp with a bad --date exits 2
$ serptrack serp --keyword 1 --date notadate
? 2
2> serp: --date 'notadate' is not a date

== history of an unknown keyword exits 1
$ serptrack history --keyword 9999
? 1
2> no keyword with id 9999

== serp without a stored check exits 1
$ serptrack serp --keyword 1
? 1
2> keyword 1 has no stored check

== non-SQLite file: one-line error, exit 1
! printf 'name,phone\nnot,a database at all, just some text that is long enough\n' >notdb.db
$ serptrack --db notdb.db kw list 2>&1
? 1
serptrack: store: 'notdb.db' is not a serptrack database (the database file is corrupt (restore a backup; 'sqlite3 FILE .recover' may save data))

== init refuses a non-SQLite file
$ serptrack --db notdb.db init
? 1

== the foreign file is left untouched
$ head -1 notdb.db
name,phone

== a newer schema is refused with a message
! cp t.db newer.db && sqlite3 newer.db "PRAGMA user_version = 99"
$ serptrack --db newer.db kw list
? 1
2> newer
