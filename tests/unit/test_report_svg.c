/* test_report_svg.c - the report's inline SVG charts (report_svg.c, behind
 * report_int.h): a sparkline breaks its line at a blocked check and marks
 * it, clamps positions below the keyword's depth, and the trend charts of
 * a period without checks say so instead of drawing nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "../../src/report/report_int.h"
#include "report.h"
#include "util.h"

#define T0 1790000000 /* 2026-09-21 */

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void test_spark_breaks_at_block(void **state)
{
    (void)state;
    struct metrics_point hist[] = {
        {T0, 1, REPORT_OK},
        {T0 + 86400, 2, REPORT_OK},
        {T0 + 2 * 86400, REPORT_NONE, REPORT_BLOCKED},
        {T0 + 3 * 86400, 500, REPORT_OK}, /* below the depth: drawn at the bottom */
    };
    struct report_kw k;
    memset(&k, 0, sizeof k);
    k.depth = 30;
    k.hist = hist;
    k.n_hist = 4;
    struct report r;
    memset(&r, 0, sizeof r);
    r.since = T0;
    r.until = T0 + 3 * 86400;
    strbuf sb = STRBUF_INIT;
    report_svg_spark(&sb, &r, &k);
    const char *s = sb_str(&sb);
    assert_true(strncmp(s, "<svg class=\"spark\"", 18) == 0);
    assert_non_null(strstr(s, "</svg>"));
    assert_int_equal(count(s, "<polyline"), 2); /* the block splits the line */
    assert_int_equal(count(s, "class=\"blk\""), 1);
    /* x of the first point is 0, y of position 1 is 1.0; the last point
     * sits at the right edge and the bottom (26 - 1) */
    assert_non_null(strstr(s, "points=\"0.0,1.0 "));
    assert_non_null(strstr(s, "120.0,25.0 "));
    sb_release(&sb);
}

static void test_trends_without_checks(void **state)
{
    (void)state;
    struct report r;
    memset(&r, 0, sizeof r);
    r.since = T0;
    r.until = T0 + 7 * 86400;
    strbuf sb = STRBUF_INIT;
    report_svg_trends(&sb, &r);
    const char *s = sb_str(&sb);
    assert_int_equal(count(s, "<svg class=\"trend\""), 2);
    assert_int_equal(count(s, "no checks in this period"), 2);
    assert_int_equal(count(s, "<polyline"), 0);
    sb_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spark_breaks_at_block),
        cmocka_unit_test(test_trends_without_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
