# locations.t - locations are checked against the shipped US cities (was
# e2e/locations.sh): kw add refuses a misspelt or ambiguous name with
# suggestions (exit 2) and stores common forms ("Austin, TX") canonically;
# kw import reports such a row by line and imports the others (exit 1);
# --location-unchecked (flag and import column) keeps a name as given;
# research analyze refuses an unknown location before fetching;
# `locations search` in its three formats.

== set-up: the shipped data as ./keywords, one site
! ln -s "$CLI_TOP/keywords" keywords
! serptrack init
$ serptrack site add austin-plumbing-pros.com
added austin-plumbing-pros.com

== kw add: a misspelt city exits 2 with one error line naming it and a suggestion
$ serptrack kw add "plumber austin" --site austin-plumbing-pros.com --location "Austn,Texas,United States" 2>&1 | grep -c '^serptrack: '
1

== ... the error names the location and suggests Austin, Texas
$ serptrack kw add "plumber austin" --site austin-plumbing-pros.com --location "Austn,Texas,United States"
? 2
2> unknown location 'Austn,Texas,United States'
2> did you mean "Austin,Texas,United States"

== kw add: nothing stored
$ serptrack kw list --format csv
id,query,engine,location,device,lang,country,depth,tags,site,schedule,paused,created_at

== kw add: 'Austin, TX' accepted
$ serptrack kw add "plumber austin" --site austin-plumbing-pros.com --location "Austin, TX"
added keyword 1

== kw add: stored as the canonical name
$ serptrack kw list
id  query           engine  location                    device   depth  tags  site                      schedule  paused
 1  plumber austin  google  Austin,Texas,United States  desktop     30  -     austin-plumbing-pros.com  daily     no

== kw add: 'austin tx' is the same keyword
$ serptrack kw add "plumber austin" --site austin-plumbing-pros.com --location "  austin   tx "
already tracked as keyword 1

== kw add: an ambiguous city exits 2 and lists the candidates
$ serptrack kw add "plumber springfield" --site austin-plumbing-pros.com --location "Springfield"
? 2
2> Springfield,Illinois,United States
2> Springfield,Missouri,United States

== kw add --location-unchecked: accepted
$ serptrack kw add "plumber austn" --site austin-plumbing-pros.com --location "Austn,Texas,United States" --location-unchecked
added keyword 2

== kw add --location-unchecked: stored as given
$ serptrack kw list
id  query           engine  location                    device   depth  tags  site                      schedule  paused
 1  plumber austin  google  Austin,Texas,United States  desktop     30  -     austin-plumbing-pros.com  daily     no
 2  plumber austn   google  Austn,Texas,United States   desktop     30  -     austin-plumbing-pros.com  daily     no

== kw import: bad locations reported with their line and a suggestion, exit 1, the other rows imported
! printf '%s\n' 'query,site,location,location_unchecked' 'plumber dallas,austin-plumbing-pros.com,"Dallas, TX",' 'plumber huston,austin-plumbing-pros.com,"Huston,Texas,United States",' 'plumber springfield,austin-plumbing-pros.com,Springfield,' 'plumber nowhere,austin-plumbing-pros.com,"Nowhere Special,Texas,United States",yes' 'plumber houston,austin-plumbing-pros.com,houston texas,no' >imp.csv
$ serptrack kw import imp.csv
? 1
2> serptrack: imp.csv:3: unknown location 'Huston,Texas,United States'
2> did you mean "Houston,Texas,United States"
2> serptrack: imp.csv:4: location 'Springfield'
imp.csv: 3 added, 0 already tracked, 2 rejected

== kw import: canonical names stored, the location_unchecked column keeps the name
$ serptrack kw list
id  query            engine  location                             device   depth  tags  site                      schedule  paused
 1  plumber austin   google  Austin,Texas,United States           desktop     30  -     austin-plumbing-pros.com  daily     no
 2  plumber austn    google  Austn,Texas,United States            desktop     30  -     austin-plumbing-pros.com  daily     no
 3  plumber dallas   google  Dallas,Texas,United States           desktop     30  -     austin-plumbing-pros.com  daily     no
 4  plumber nowhere  google  Nowhere Special,Texas,United States  desktop     30  -     austin-plumbing-pros.com  daily     no
 5  plumber houston  google  Houston,Texas,United States          desktop     30  -     austin-plumbing-pros.com  daily     no

== kw import --location-unchecked: accepted
! printf 'query,location\nroofer huston,"Huston,Texas,United States"\n' >unc.csv
$ serptrack kw import --location-unchecked unc.csv
unc.csv: 1 added, 0 already tracked, 0 rejected

== research analyze: an unknown location exits 2 before fetching, with a suggestion
$ serptrack research analyze "plumber austin" --location "Austn, TX"
? 2
2> did you mean "Austin,Texas,United States"

== import-volume --location: filed under the canonical name
! printf 'keyword,volume,cpc,competition\nplumber austin,2900,41.2,0.71\n' >vol.csv
! serptrack research import-volume vol.csv --location "austin tx"
$ sqlite3 t.db "select location from volume where query = 'plumber austin'"
Austin,Texas,United States

== import-volume --location: unknown exits 2 with a suggestion
$ serptrack research import-volume vol.csv --location "Austn, TX"
? 2
2> did you mean "Austin,Texas,United States"

== research expand --city 'St Louis, MO': resolved
$ serptrack research expand --niche plumbing --city 'St Louis, MO' | grep -c '"St. Louis,Missouri,United States"'
3

== locations search: Austin, Texas first, Austin, Minnesota too
$ serptrack locations search "austin"
location                         st  population  lat      lon
Austin,Texas,United States       TX      931830  30.2672   -97.7431
Austin,Minnesota,United States   MN       24563  43.6666   -92.9746
Austintown,Ohio,United States    OH       29677  41.1017   -80.7645
Tustin,California,United States  CA       80583  33.7458  -117.8262
Ruston,Louisiana,United States   LA       22340  32.5232   -92.6379
Eustis,Florida,United States     FL       19986  28.8528   -81.6853
Ruskin,Florida,United States     FL       17208  27.7209   -82.4331
Destin,Florida,United States     FL       13523  30.3935   -86.4958

== locations search --state: only that state
$ serptrack locations search austin --state MN --format csv
location,city,state,state_code,population,lat,lon
"Austin,Minnesota,United States",Austin,Minnesota,MN,24563,43.6666,-92.9746

== locations search --format csv header
$ serptrack locations search Houston --format csv | head -n 1
location,city,state,state_code,population,lat,lon

== locations search --format json
$ serptrack locations search 'Austn' --limit 3 --format json
[
  {
    "location": "Austin,Texas,United States",
    "city": "Austin",
    "state": "Texas",
    "state_code": "TX",
    "population": 931830,
    "lat": 30.267199999999999,
    "lon": -97.743099999999998
  },
  {
    "location": "Austin,Minnesota,United States",
    "city": "Austin",
    "state": "Minnesota",
    "state_code": "MN",
    "population": 24563,
    "lat": 43.666600000000003,
    "lon": -92.974599999999995
  },
  {
    "location": "Tustin,California,United States",
    "city": "Tustin",
    "state": "California",
    "state_code": "CA",
    "population": 80583,
    "lat": 33.745800000000003,
    "lon": -117.8262
  }
]

== locations search: a misspelling finds the city
$ serptrack locations search 'san antonoi' --limit 3
location                         st  population  lat      lon
San Antonio,Texas,United States  TX     1469845  29.4241  -98.4936

== locations search: unknown state exits 2
$ serptrack locations search "" --state "Nowhere"
? 2

== locations search: no match exits 1
$ serptrack locations search "qwxzzkj"
? 1

== locations search: the shipped data has thousands of cities
$ serptrack locations search '' --state TX --limit 100000 --format csv | sed 1d | wc -l
250
