# research.t - research that needs no search engine (was part of
# e2e/research_grammar.sh, which keeps the checks against the simulator
# and over every niche): the real city list in locations search and
# expand, and expand's intent filter with a modifiers file of its own.

== set-up: a database
$ serptrack init
t.db: schema version 14

== locations search finds a small town (Leander, TX)
$ serptrack locations search "Leander" --state TX --format csv
location,city,state,state_code,population,lat,lon
"Leander,Texas,United States",Leander,Texas,TX,37889,30.5788,-97.8531

== and a Hawaiian town by its ASCII name (Kihei)
$ serptrack locations search "Kihei" --format csv
location,city,state,state_code,population,lat,lon
"Kihei,Hawaii,United States",Kihei,Hawaii,HI,20881,20.7646,-156.4458

== Lexington, KY is one city, not Lexington-Fayette beside it
$ serptrack locations search "Lexington" --state KY --format csv
location,city,state,state_code,population,lat,lon
"Lexington,Kentucky,United States",Lexington,Kentucky,KY,314488,38.0498,-84.4586
"Covington,Kentucky,United States",Covington,Kentucky,KY,40997,39.0837,-84.5085

== expand --city Georgetown --state TX: rows located in Georgetown, Texas
$ serptrack research expand --niche plumbing --city Georgetown --state TX
query,site,engine,location,tags
plumber georgetown,,google,"Georgetown,Texas,United States","plumbing,georgetown"
plumber in georgetown tx,,google,"Georgetown,Texas,United States","plumbing,georgetown"
georgetown plumber,,google,"Georgetown,Texas,United States","plumbing,georgetown"

== expand drops job queries by default, keeps the price one
! mkdir data && cp "$CLI_TOP/keywords/niches.csv" "$CLI_TOP/keywords/cities.csv" "$CLI_TOP/keywords/intents.csv" data/
! printf 'modifier,intent,position,fits\njobs,job,suffix,any\nsalary,job,suffix,any\ncost,price,suffix,any\n' >data/modifiers.csv
$ serptrack research expand --niche plumbing --city Austin --state TX --modifiers all --data data 2>err
query,site,engine,location,tags
plumber austin,,google,"Austin,Texas,United States","plumbing,austin"
plumber in austin tx,,google,"Austin,Texas,United States","plumbing,austin"
austin plumber,,google,"Austin,Texas,United States","plumbing,austin"
plumber austin cost,,google,"Austin,Texas,United States","plumbing,austin"

== and says so in one line
$ grep -c 'dropped 2 non-buyer queries (job 2); --all-intents keeps them' err
1

== expand --all-intents keeps them
$ serptrack research expand --niche plumbing --city Austin --state TX --modifiers all --data data --all-intents 2>err
query,site,engine,location,tags
plumber austin,,google,"Austin,Texas,United States","plumbing,austin"
plumber in austin tx,,google,"Austin,Texas,United States","plumbing,austin"
austin plumber,,google,"Austin,Texas,United States","plumbing,austin"
plumber austin jobs,,google,"Austin,Texas,United States","plumbing,austin"
plumber austin salary,,google,"Austin,Texas,United States","plumbing,austin"
plumber austin cost,,google,"Austin,Texas,United States","plumbing,austin"

== silently
$ grep -c dropped err; true
0
