# plan.t - `plan`: pages per check (depth over the engine's page size) times
# checks a day, one fetch shared by the sites tracking the same query,
# engine, location and device (split evenly), paused keywords and sites
# free, and a missing price printed as such, never as 0.

== set-up: two sites share a query, a bing keyword weekly, paused ones
! serptrack init
! serptrack site add a.com
! serptrack site add b.com
! serptrack site add p.com
! serptrack site set p.com --paused yes
! serptrack kw add "plumber austin" --site a.com --location "Austin,Texas,United States"
! serptrack kw add "plumber austin" --site b.com --location "Austin,Texas,United States" --depth 50
! serptrack kw add "drain <b>&" --site b.com --engine bing --schedule weekly
! serptrack kw add "paused site" --site p.com
! serptrack kw add "paused" --site a.com --depth 100
$ serptrack kw pause 5
paused keyword 5

== no price: "no price set", never 0
$ serptrack plan
scope     name    engine  requests/day  requests/period  USD/day       USD/period
provider  direct  google           5.0              150  no price set  no price set
provider  direct  bing             0.4               13  no price set  no price set
site      a.com   -                2.5               75  no price set  no price set
site      b.com   -                2.9               88  no price set  no price set
total     -       -                5.4              163  no price set  no price set
total: 5.4 requests a day, 163 in 30 days, no price set
3 active keywords in 2 fetches (one fetch serves every site tracking the same query, engine, location and device; its requests are split evenly between them), 0 grids
note: no price set for direct/google, direct/bing (5 requests a day not counted in the cost); set [provider.NAME] cost_per_1000 or cost_per_1000.ENGINE

== no price in JSON: null, never 0
$ serptrack plan --format json | jq -c '[.cost_per_day, .cost_per_month, .by_provider[0].cost_per_month, .by_site[0].cost_per_month, .unpriced_requests_per_day > 5]'
[null,null,null,null,true]

== priced per provider and engine, over 7 days, as CSV
! printf '[provider.direct]\ncost_per_1000 = 2\ncost_per_1000.bing = 1\n' >serptrack.conf
! chmod 600 serptrack.conf
$ serptrack plan --format csv --days 7
scope,name,engine,requests_per_day,requests_per_period,cost_per_day,cost_per_period
provider,direct,google,5.0,35,0.0100,0.07
provider,direct,bing,0.4,3,0.0004,0.00
site,a.com,,2.5,18,0.0050,0.04
site,b.com,,2.9,20,0.0054,0.04
total,,,5.4,38,0.0104,0.07

== JSON: the DESIGN.md shape, money rounded to the cent here
$ serptrack plan --format json | jq -c '{requests_per_day, m: (.cost_per_month * 100 | round), by_provider: [.by_provider[] | [.provider, .engine, (.cost_per_month * 100 | round)]], by_site: [.by_site[] | [.site, .requests_per_day]], grids}'
{"requests_per_day":5.428571428571429,"m":31,"by_provider":[["direct","google",30],["direct","bing",1]],"by_site":[["a.com",2.5],["b.com",2.9285714285714284]],"grids":[]}

== --days 0 is a usage error
$ serptrack plan --days 0
? 2
2> plan: option '--days' expects an integer from 1 to 3660, got '0'
