/* ctr.h - the one organic click-through-rate curve the project uses, so
 * the visibility score (chart, report), estimated visits (report, value,
 * portfolio) and keyword opportunity (research score) all agree.
 *
 * Source: Sistrix, "Why (almost) everything you knew about Google CTR is
 * no longer valid" (2020, 80 million keywords): positions 1-10 as
 * published (28.5 %, 15.7 %, 11.0 %, 8.0 %, 7.2 %, 5.1 %, 4.0 %, 3.2 %,
 * 2.8 %, 2.5 %); 11-20 and beyond are the project's taper of that curve
 * (page two 1.5 % down to 0.4 %, page three 0.2 %, 31-50 0.1 %, then 0). */
#ifndef SERPTRACK_CTR_H
#define SERPTRACK_CTR_H

#define CTR_SOURCE "Sistrix 2020 organic CTR study (80M keywords), page 2+ tapered"

/* Share of searchers who click the organic result at 1-based position
 * (0..1). 0 for position < 1 (not ranked) or > 50 (nobody scrolls that far). */
double ctr_at(int position);

/* Visibility of one keyword at position: ctr_at(position) / ctr_at(1),
 * so 1.0 = ranked first, 0 = not ranked. The site visibility score is the
 * mean of this over its tracked keywords (README: "Visibility score"). */
double ctr_visibility(int position);

#endif
