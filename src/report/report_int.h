/* report_int.h - what report_html.c and report_svg.c share. Private to
 * src/report. */
#ifndef SERPTRACK_REPORT_INT_H
#define SERPTRACK_REPORT_INT_H

#include "grid.h"
#include "report.h"
#include "store.h"
#include "util.h"

/* Appends the two trend charts of r's days (average position; visibility,
 * top 10 and top 3) to out. */
void report_svg_trends(strbuf *out, const struct report *r);
/* Appends k's position line over r's period, 1 on top, to sb. */
void report_svg_spark(strbuf *sb, const struct report *r, const struct report_kw *k);
/* Appends the Local pack section (keywords in the local results now or at
 * the period's start, with the change) when there is any. */
void report_html_pack(strbuf *out, const struct report *r);
/* Appends the Local grid section, one heat map per grid; nothing when the
 * site has no grid. */
void report_html_grids(strbuf *out, const struct report *r);
/* Appends the AI overviews section: per keyword whose period had an
 * overview (with its cites kept), cited or not, where, and the cited
 * domains; nothing when none had one. */
void report_html_ai(strbuf *out, const struct report *r);
/* Fills each keyword's ai_* fields from the store for the period
 * since..until, matching r->competitor when set, else r->site. 0 or -1. */
int report_ai_fill(store *st, struct report *r, time_t since, time_t until);

#endif
