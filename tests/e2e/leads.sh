#!/bin/sh
# leads.sh - leads you can see and a portfolio with money totals, end to
# end: a CallRail-style export with mixed sources (and hostile cells)
# imported for two sites, `leads list` filtered by site, dates, duration
# and channel in the three formats, callers masked unless asked, the
# per-channel totals; `portfolio` MRR, occupancy and potential MRR checked
# by hand against the sites set up here (a competitor not counted); `value`
# split by channel. The clock is fixed with SERPTRACK_NOW.
set -u
. "$(dirname "$0")/../lib.sh"
start_sim
sim_conf google
cd "$T" || exit 1
export SERPTRACK_NOW=2026-11-21T12:00:00Z
S="$SERPTRACK"
{
	$S init
	# ours: two rented with a rent, one rented without, one ranking, one idea
	$S site add austin-plumbing-pros.com --niche plumbing --status rented --rent 900 \
		--phone "+1 512 555 0100"
	$S site add dallasroofingexperts.com --niche roofing --status rented --rent 650
	$S site add houstonelectricianco.com --niche electrician --status rented
	$S site add satx-ac-repair.com --niche hvac --status ranking
	$S site add round-rock-plumbing.com --niche plumbing --status idea
	# a competitor, whatever its fields say, is not part of the portfolio
	$S site add yelp.com --competitor --rent 5000
	$S kw add "ac repair san antonio" --site satx-ac-repair.com \
		--location "San Antonio,Texas,United States"
	printf 'keyword,volume\nac repair san antonio,3600\n' >vol.csv
	$S research import-volume vol.csv
	$S track --all
} >setup.out 2>&1
check "set-up: sites, a keyword tracked on the simulator" test $? -eq 0

# --- import -----------------------------------------------------------------
# Austin's calls by tracking number, Dallas's by a Landing Page column; one
# call 40 days back (outside the default 30 days), hostile cells: a source
# with a newline, an escape sequence and a spreadsheet formula, a caller
# that is a formula, bytes that are not UTF-8.
esc=$(printf '\033')
bad=$(printf '\377\376')
cat >calls.csv <<CSV
Call Id,Start Time,Duration,Customer Phone Number,Tracking Number,Source,Landing Page
C01,2026-11-20 09:15:00,1:35,(512) 555-0101,+1 (512) 555-0100,Google Organic,
C02,2026-11-20 10:00:00,12,(512) 555-0102,512-555-0100,Google My Business,
C03,11/19/2026 2:05 PM,240,(512) 555-0103,512.555.0100,Local Services Ads,
C04,2026-11-18 16:30:00,0:01:15,(512) 555-0104,5125550100,Direct,
C05,2026-11-17 08:00:00,300,(512) 555-0105,5125550100,Bing Organic,
C06,2026-11-10 11:11:00,90,(214) 555-0106,,GMB,https://dallasroofingexperts.com/roof-repair
C07,2026-11-09 12:00:00,45,(214) 555-0107,,Yelp,https://www.dallasroofingexperts.com/
C08,2026-10-12 09:00:00,100,(512) 555-0108,5125550100,Google Organic,
C09,2026-11-19 18:45:00,130,"=cmd|' /C calc'!A0",5125550100,"Evil
${esc}[31mSource$bad =HYPERLINK(""x"")",
CSV
$S leads import calls.csv >imp.out 2>imp.err
check "import: 9 calls added, none unmatched" grep -q "^9 calls added (7 leads of at least 60 s), 0 duplicates skipped, 0 unmatched" imp.out

# --- leads list ---------------------------------------------------------------
$S leads list --format json >all.json 2>all.err
check "list JSON exits 0 and parses" jq -e . all.json
# the default period is the last 30 days: C08 (40 days back) is not in it
check "default period: the 8 calls of the last 30 days, oldest first" \
	jq -e '[.calls[].call_id] == ["C07","C06","C05","C04","C03","C09","C01","C02"]' all.json
check "channels: organic, business profile, paid, direct, referral, other" \
	jq -e '[.calls[] | {(.call_id): .channel}] | add == {"C01":"organic","C02":"profile","C03":"paid","C04":"direct","C05":"organic","C06":"profile","C07":"referral","C09":"other"}' all.json
check "source kept as imported (hostile text too)" \
	jq -e '(.calls[] | select(.call_id == "C03") | .source) == "Local Services Ads" and (.calls[] | select(.call_id == "C09") | .source | startswith("Evil\n"))' all.json
check "lead: duration >= 60 s (0:01:15 is one, 12 s is not)" \
	jq -e '[.calls[] | select(.lead) | .call_id] == ["C06","C05","C04","C03","C09","C01"]' all.json
check "time readable and UTC; 2:05 PM is 14:05" \
	jq -e '(.calls[] | select(.call_id == "C03") | .called_at) == "2026-11-19T14:05:00Z"' all.json
check "totals: 8 calls, 6 leads, per channel" \
	jq -e '.totals.calls == 8 and .totals.leads == 6 and .totals.min_duration == 60 and .totals.by_channel.organic == {"calls":2,"leads":2} and .totals.by_channel.profile == {"calls":2,"leads":1} and .totals.by_channel.referral == {"calls":1,"leads":0} and .totals.by_channel.paid.leads == 1' all.json
check "callers masked by default: area code and last four digits" \
	jq -e '(.calls[] | select(.call_id == "C01") | .caller) == "(512) ***-0101" and (.calls[] | select(.call_id == "C09") | .caller) == null' all.json
$S leads list --callers --format json >full.json 2>/dev/null
check "--callers shows the numbers as imported" \
	jq -e '(.calls[] | select(.call_id == "C01") | .caller) == "(512) 555-0101"' full.json

$S leads list --site dallasroofingexperts.com --format csv >dal.csv 2>/dev/null
check "--site: only that site's calls (matched by its Landing Page column)" \
	test "$(sed 1d dal.csv | cut -d, -f8 | tr -d '\r' | tr '\n' ' ')" = "C07 C06 "
$S leads list --since 2026-11-18 --until 2026-11-19 --format json >win.json 2>/dev/null
check "--since/--until: whole days, both ends included" \
	jq -e '[.calls[].call_id] == ["C04","C03","C09"]' win.json
$S leads list --since 2026-10-01 --format json >old.json 2>/dev/null
check "--since reaches older calls (C08)" jq -e '.totals.calls == 9' old.json
$S leads list --min-duration 100 --format json >md.json 2>/dev/null
check "--min-duration 100: 3 leads (C05, C03, C09)" jq -e '.totals.leads == 3 and .totals.min_duration == 100' md.json
$S leads list --channel organic --format json >org.json 2>/dev/null
check "--channel organic: C05 and C01" jq -e '[.calls[].call_id] == ["C05","C01"] and .totals.calls == 2' org.json

$S leads list >tab.out 2>tab.err
check "table exits 0" test $? -eq 0
check "table: one line per call plus header and totals (a newline in a source breaks no row)" \
	test "$(wc -l <tab.out)" -eq 10
check "table: no escape byte reaches the terminal" sh -c "! grep -q \"$esc\" tab.out"
check "table: readable time and duration" grep -Eq '^2026-11-19 14:05 +austin-plumbing-pros.com +4:00 +\(512\) \*\*\*-0103 +Local Services Ads +paid +yes$' tab.out
check "table totals line" \
	grep -q '^8 calls, 6 leads of at least 60 s; by channel (leads/calls): organic 2/2, profile 1/2, paid 1/1, direct 1/1, referral 0/1, other 1/1$' tab.out
$S leads list --callers --format csv >full.csv 2>/dev/null
check "CSV: a formula in a cell is not run by a spreadsheet" grep -q "\"'=cmd|' /C calc'!A0\"" full.csv
check "CSV: one row per call, no totals row" test "$(grep -c '^2026-' full.csv)" -eq 8

# --- errors -----------------------------------------------------------------------
$S leads list --since yesterday >/dev/null 2>e1
check "bad --since: usage error naming it" sh -c "test $? -eq 2 && grep -q \"leads list: --since 'yesterday' is not a date\" e1"
$S leads list --since 2026-11-20 --until 2026-11-01 >/dev/null 2>e2
check "--until before --since: usage error" sh -c "test $? -eq 2 && grep -q 'is before --since' e2"
$S leads list --channel gmb >/dev/null 2>e3
check "unknown --channel: usage error listing the channels" sh -c "test $? -eq 2 && grep -q 'organic, profile, paid' e3"
$S leads list --site nobody.com >/dev/null 2>e4
check "untracked --site: an error" sh -c "test $? -eq 1 && grep -q \"site 'nobody.com' is not tracked\" e4"
$S leads frob >/dev/null 2>e5
check "unknown subcommand: usage error" sh -c "test $? -eq 2 && grep -q \"unknown subcommand 'frob'\" e5"

# --- portfolio --------------------------------------------------------------------
$S portfolio --format json >pf.json 2>pf.err
check "portfolio JSON: sites and totals" jq -e '(.sites | length) == 5 and (.totals | type) == "object"' pf.json
# by hand: ours are austin (rented, 900), dallas (rented, 650), houston
# (rented, no rent), satx (ranking), round-rock (idea); yelp.com is a
# competitor. MRR = 900 + 650 = 1550; 3 of 5 rented = 0.6; the potential
# is the suggested rent of satx and round-rock (no keywords: 0).
check "portfolio: MRR 1550 from 3 of 5 rented, the competitor not counted" \
	jq -e '.totals.mrr == 1550 and .totals.rented == 3 and .totals.sites == 5 and .totals.occupancy == 0.6 and .totals.unrented == 2' pf.json
check "portfolio: potential MRR = the unrented sites' suggested rent (satx ranks: > 0)" \
	jq -e '([.sites[] | select(.status != "rented") | .suggested_rent_low] | add) as $lo | ([.sites[] | select(.status != "rented") | .suggested_rent_high] | add) as $hi | .totals.potential_mrr_low == $lo and .totals.potential_mrr_high == $hi and $lo > 0 and $hi > $lo' pf.json
# austin's leads of the last 30 days: C01 organic, C03 paid, C04 direct, C05
# organic, C09 other = 5 (organic 2, profile 0, other 3); dallas: C06 (profile)
check "portfolio: actual leads by channel per site" \
	jq -e '(.sites[] | select(.site == "austin-plumbing-pros.com") | [.actual_leads, .leads_organic, .leads_profile, .leads_other]) == [5,2,0,3] and (.sites[] | select(.site == "dallasroofingexperts.com") | [.actual_leads, .leads_profile]) == [1,1]' pf.json
check "portfolio totals: leads 6 = organic 2 + profile 1 + other 3" \
	jq -e '.totals.actual_leads == 6 and .totals.leads_organic == 2 and .totals.leads_profile == 1 and .totals.leads_other == 3' pf.json
$S portfolio >pf.out 2>&1
check "portfolio table: MRR and occupancy line" grep -q '^3 of 5 sites rented (60%): MRR \$1550/month (1 rented site without a rent: site set D --rent USD)$' pf.out
check "portfolio table: potential MRR line" grep -Eq '^potential MRR of the 2 unrented sites at the suggested rent: \$[1-9][0-9]*-\$[1-9][0-9]*/month$' pf.out
check "portfolio table: leads by channel line" grep -q '^leads: .* 6 actual in the last 30 days (organic 2, business profile 1, other 3)$' pf.out
check "portfolio table: org/gbp/oth column" grep -Eq '^austin-plumbing-pros.com .* 5 +2/0/3 ' pf.out
check "portfolio table: no competitor row" sh -c "! grep -q '^yelp.com' pf.out"
$S portfolio --format csv >pf.csv 2>/dev/null
check "portfolio CSV: one row per site, channel columns, no totals row" \
	sh -c "test \$(sed 1d pf.csv | wc -l) -eq 5 && head -n 1 pf.csv | grep -q 'actual_leads,leads_organic,leads_profile,leads_other'"

# --- value ----------------------------------------------------------------------
$S value --site austin-plumbing-pros.com >val.out 2>&1
check "value: actual leads by channel over 4 weeks" \
	grep -q '^actual leads by channel (last 4 weeks): organic 2, business profile 0, other 3$' val.out
$S value --site dallasroofingexperts.com --format json >val.json 2>/dev/null
check "value JSON: actual_leads_by_channel" jq -e '.actual_leads_by_channel == {"organic":0,"profile":1,"other":0}' val.json
