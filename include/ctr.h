/* ctr.h - organic click-through rate by Google position, the curve every
 * estimate of visits (value, portfolio, research score, report) uses.
 * Source: Sistrix, "Why (almost) everything you knew about Google CTR is
 * no longer valid" (2020, 80 million keywords): positions 1-10 as
 * published; 11-20 and beyond are the project's taper of that curve. */
#ifndef SERPTRACK_CTR_H
#define SERPTRACK_CTR_H

/* Share of searchers who click the organic result at position (1-based);
 * 0 for position < 1 or > 50 (nobody scrolls that far). */
double ctr_at(int position);

#endif
