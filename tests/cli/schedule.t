# schedule.t - one schedule rule (model_schedule_secs) and one query rule
# (model_query_problem) for kw add, kw import and kw set.

== set-up
! serptrack init
$ serptrack site add example.com
added example.com

== kw add --schedule 0h: out of range, a usage error
$ serptrack kw add q --site example.com --schedule 0h
? 2
2> kw add: unknown schedule '0h' (expected daily, weekly or <N>h)

== kw add of a blank query: a usage error
$ serptrack kw add "   " --site example.com
? 2
2> kw add: empty query

== kw add --schedule 48h
$ serptrack kw add q --site example.com --schedule 48h
added keyword 1

== kw set --schedule with a typo: a usage error
$ serptrack kw set 1 --schedule weekl
? 2
2> kw set: unknown schedule 'weekl' (expected daily, weekly or <N>h)

== kw set --schedule weekly
$ serptrack kw set 1 --schedule weekly
updated keyword 1

== kw import names the row with a bad schedule
! printf 'query,site,schedule\nq2,example.com,fortnightly\nq3,example.com,8760h\n' >s.csv
$ serptrack kw import s.csv
? 1
2> s.csv:2: unknown schedule 'fortnightly' (expected daily, weekly or <N>h)
s.csv: 1 added, 0 already tracked, 1 rejected

== the schedules stored
$ serptrack kw list --format csv | cut -d, -f1,2,11
id,query,schedule
1,q,weekly
2,q3,8760h
