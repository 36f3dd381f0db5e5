/* ctr.h - the one organic click-through-rate curve the project uses (and
 * the local pack's beside it, ctr_pack_at), so
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

/* The local pack's curve, for the site's place in the pack (or in the Maps
 * list up to 20 a provider returns), counted beside the organic one: a
 * searcher clicking a pack entry clicks no organic result, so a site in
 * both gets both shares of the same searches, never one search twice.
 *
 * Source: the local search click studies quoted across the trade (about
 * 44 % of local searchers click a 3-pack entry, about 8 % open "more
 * places"; per-slot heat maps put the first entry at about half of the
 * pack's clicks). Positions 1-3 split the 44 % as 24 %, 12 %, 8 %; 4-20
 * share the 8 % of "more places", tapering 1.4 % at 4 to 0.5 % at 10,
 * then 0.2 % each to 20. Coarser than Sistrix's organic table: no study
 * of millions of keywords exists for the pack. */
#define CTR_PACK_SOURCE "local search click studies: 44% click the 3-pack, 8% open more places"

/* Share of searchers who click the pack entry at 1-based position (0..1):
 * 0 for position < 1 (not in the pack) or > 20. A row stored before pack
 * positions were kept (in the pack, place unknown) is counted by the
 * caller at 3, the least the pack gives. */
double ctr_pack_at(int position);

#endif
