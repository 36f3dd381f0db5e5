/* ctr.h - the one organic click-through-rate curve the project uses, so
 * the visibility score (chart, report), estimated visits (report, value)
 * and keyword opportunity (research score) all agree.
 *
 * Source: Backlinko, "Here's What We Learned About Organic Click Through
 * Rate" (analysis of 4 million Google results, 2019, re-checked 2023):
 * position 1 = 27.6 %, 2 = 15.8 %, 3 = 11.0 %, 4 = 8.4 %, 5 = 6.3 %,
 * 6 = 4.9 %, 7 = 3.9 %, 8 = 3.3 %, 9 = 2.7 %, 10 = 2.4 %. Page two and
 * beyond are not in that study; we extrapolate: 11-20 fall linearly from
 * 1.0 % to 0.5 %, 21-30 are 0.3 %, 31-100 are 0.1 %, beyond 100 is 0. */
#ifndef SERPTRACK_CTR_H
#define SERPTRACK_CTR_H

#define CTR_SOURCE "Backlinko organic CTR study (4M Google results), page 2+ extrapolated"

/* Share of searchers who click the organic result at 1-based position
 * (0..1). 0 for position < 1 (not ranked) or > 100. */
double ctr_at(int position);

/* Visibility of one keyword at position: ctr_at(position) / ctr_at(1),
 * so 1.0 = ranked first, 0 = not ranked. The site visibility score is the
 * mean of this over its tracked keywords (README: "Visibility score"). */
double ctr_visibility(int position);

#endif
