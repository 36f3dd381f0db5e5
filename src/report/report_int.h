/* report_int.h - what report_html.c and report_svg.c share. Private to
 * src/report. */
#ifndef SERPTRACK_REPORT_INT_H
#define SERPTRACK_REPORT_INT_H

#include "report.h"
#include "util.h"

/* Appends the two trend charts of r's days (average position; visibility,
 * top 10 and top 3) to out. */
void report_svg_trends(strbuf *out, const struct report *r);
/* Appends k's position line over r's period, 1 on top, to sb. */
void report_svg_spark(strbuf *sb, const struct report *r, const struct report_kw *k);

#endif
