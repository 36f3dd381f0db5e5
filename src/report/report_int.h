/* report_int.h - what report_html.c and report_svg.c share. Private to
 * src/report. */
#ifndef SERPTRACK_REPORT_INT_H
#define SERPTRACK_REPORT_INT_H

#include "grid.h"
#include "report.h"
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

#endif
