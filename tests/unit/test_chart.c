/* test_chart.c - the gnuplot renderer: quoting of hostile strings, the
 * script's shape (gaps, inverted rank axis, many charts in one script),
 * and real gnuplot runs proving that no hostile title runs a command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart.h"
#include "gnuplot_check.h"
#include "ctr.h"
#include "research.h"
#include "util.h"

/* Hostile strings every user-visible text position gets in these tests. */
static const char *const hostile[] = {
    "<script>alert(1)</script>",
    "\"onmouseover=alert(1) x=\"",
    "`touch pwned`",
    "system(\"touch pwned2\")",
    "line one\nset output '|touch pwned4'\nprint 'x",
    "it's a \"quote\" test",
    "bad \xff\xfe utf8 \xc3",
    "@GPVAL_TERM macro {/Symbol a} ^{up} _{down} &{sp}",
    "'; system('touch pwned5'); '",
};

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static int have_gnuplot(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    char *copy = xstrdup(path), *save = NULL;
    int found = 0;
    for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char *p = xasprintf("%s/gnuplot", d);
        found = access(p, X_OK) == 0;
        free(p);
    }
    free(copy);
    return found;
}


static void test_quote(void **state)
{
    (void)state;
    struct {
        const char *in, *want;
    } cases[] = {
        {"plain", "'plain'"},
        {"it's", "'it\xe2\x80\x99s'"},
        {"'lead", "'\xe2\x80\x99lead'"},
        {"a\nb\rc\td", "'a b c d'"},
        {"`touch pwned`", "'`touch pwned`'"},
        {"bad\xff", "'bad\xef\xbf\xbd'"},
        {"", "''"},
        {NULL, "''"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        strbuf sb = STRBUF_INIT;
        chart_quote(&sb, cases[i].in);
        assert_string_equal(sb_str(&sb), cases[i].want);
        sb_release(&sb);
    }
}

static void test_format_of(void **state)
{
    (void)state;
    assert_int_equal(chart_format_of("a.png"), CHART_PNG);
    assert_int_equal(chart_format_of("dir.x/A.SVG"), CHART_SVG);
    assert_int_equal(chart_format_of("a.pdf"), -1);
    assert_int_equal(chart_format_of("png"), -1);
    assert_int_equal(chart_format_of("dir.png/file"), -1);
    assert_int_equal(chart_format_of(NULL), -1);
}

/* A series of 10 days with a gap (not ranked), a blocked and a failed day. */
static struct chart_point pts[10];
static void fill_points(void)
{
    for (int i = 0; i < 10; i++) {
        pts[i].t = 1790000000 + i * 86400;
        pts[i].value = 3 + i % 4;
        pts[i].mark = CHART_VALUE;
    }
    pts[4].mark = CHART_NONE;
    pts[6].mark = CHART_BLOCKED;
    pts[8].mark = CHART_FAILED;
}

static void test_script_shape(void **state)
{
    (void)state;
    fill_points();
    struct chart_series se[2] = {{"kw one", pts, 10, 0, 0}, {"kw two", pts, 3, 2, 1}};
    struct chart_panel pa = {"position", CHART_AXIS_RANK, 30, se, 2};
    struct chart ch[2] = {{"a.png", "first", &pa, 1}, {"/tmp/b.svg", "second", &pa, 1}};
    strbuf sb = STRBUF_INIT;
    assert_int_equal(chart_script(&sb, ch, 2), 0);
    const char *s = sb_str(&sb);
    assert_non_null(strstr(s, "set terminal pngcairo"));
    assert_non_null(strstr(s, "set terminal svg"));
    assert_non_null(strstr(s, "set output './a.png'"));
    assert_non_null(strstr(s, "set output '/tmp/b.svg'"));
    assert_non_null(strstr(s, "set yrange [30.5:0.5]")); /* inverted: 1 on top */
    assert_non_null(strstr(s, "noenhanced"));
    /* second series: explicit colour 2, dashed */
    assert_non_null(strstr(s, "$d0_0_1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb '#D55E00' dt 2"));
    /* the gap: value of day 3, blank line, value of day 5 */
    char *gap = xasprintf("%lld 6\n\n%lld 4\n", (long long)pts[3].t, (long long)pts[5].t);
    assert_non_null(strstr(s, gap));
    free(gap);
    /* blocked day drawn at the bottom edge */
    char *blk = xasprintf("$b0_0_0 << EOD\n%lld 30\nEOD\n", (long long)pts[6].t);
    assert_non_null(strstr(s, blk));
    free(blk);
    assert_user_text_quoted(s);
    sb_release(&sb);

    struct chart bad = {"out.pdf", "t", &pa, 1};
    sb_reset(&sb);
    assert_int_equal(chart_script(&sb, &bad, 1), -1);
    const char *bad_paths[] = {"it's.png", "a\nb.png", "bad\xff.png", ""};
    for (size_t i = 0; i < ARRAY_SIZE(bad_paths); i++) {
        bad.out_path = bad_paths[i];
        sb_reset(&sb);
        assert_int_equal(chart_script(&sb, &bad, 1), -1);
    }
    sb_release(&sb);
}

static void test_hostile_script_text(void **state)
{
    (void)state;
    fill_points();
    struct chart_series se[ARRAY_SIZE(hostile)];
    for (size_t i = 0; i < ARRAY_SIZE(hostile); i++)
        se[i] = (struct chart_series){hostile[i], pts, 10, 0, 0};
    struct chart_panel pa[2] = {{hostile[2], CHART_AXIS_RANK, 100, se, ARRAY_SIZE(se)},
                                {hostile[4], CHART_AXIS_PERCENT, 0, se, 2}};
    struct chart ch[ARRAY_SIZE(hostile)];
    for (size_t i = 0; i < ARRAY_SIZE(hostile); i++)
        ch[i] = (struct chart){"x.svg", hostile[i], pa, 2};
    strbuf sb = STRBUF_INIT;
    assert_int_equal(chart_script(&sb, ch, ARRAY_SIZE(ch)), 0);
    assert_user_text_quoted(sb_str(&sb));
    /* The text is kept (as text): the backtick string appears quoted. */
    assert_non_null(strstr(sb_str(&sb), "'`touch pwned`'"));
    assert_non_null(strstr(sb_str(&sb), "'it\xe2\x80\x99s a \"quote\" test'"));
    assert_non_null(strstr(sb_str(&sb), "'line one set output \xe2\x80\x99|touch pwned4\xe2\x80\x99 print \xe2\x80\x99x'"));
    assert_non_null(strstr(sb_str(&sb), "bad \xef\xbf\xbd\xef\xbf\xbd utf8 \xef\xbf\xbd"));
    assert_true(util_utf8_valid(sb_str(&sb), sb.len));
    sb_release(&sb);
}

/* Real gnuplot in a temporary directory: every hostile string as chart
 * title, axis label, key entry and output file name; afterwards the charts
 * exist and no "pwned*" file does. */
static void test_hostile_gnuplot_run(void **state)
{
    (void)state;
    if (!have_gnuplot())
        skip();
    char tmpl[] = "/tmp/serptrack-chart-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    fill_points();
    struct chart_series se[ARRAY_SIZE(hostile)];
    for (size_t i = 0; i < ARRAY_SIZE(hostile); i++)
        se[i] = (struct chart_series){hostile[i], pts, 10, 0, 0};
    struct chart_panel pa[2] = {{hostile[3], CHART_AXIS_RANK, 30, se, ARRAY_SIZE(se)},
                                {hostile[2], CHART_AXIS_PERCENT, 0, se, 1}};
    const char *outs[] = {"c0.png", "c1.svg", "|touch pwned3.png", "`touch pwned6`.svg",
                          "~c4.png"};
    struct chart ch[ARRAY_SIZE(outs)];
    for (size_t i = 0; i < ARRAY_SIZE(outs); i++)
        ch[i] = (struct chart){outs[i], hostile[i % ARRAY_SIZE(hostile)], pa, i % 2 ? 2 : 1};
    int rc = chart_render(ch, ARRAY_SIZE(ch));
    assert_int_equal(rc, 0);
    for (size_t i = 0; i < ARRAY_SIZE(outs); i++) {
        struct stat st;
        if (stat(outs[i], &st) != 0)
            fail_msg("chart '%s' not written", outs[i]);
        assert_true(st.st_size > 1000);
    }
    const char *pwned[] = {"pwned", "pwned2", "pwned3", "pwned4", "pwned5", "pwned6",
                           "pwned3.png"};
    for (size_t i = 0; i < ARRAY_SIZE(pwned); i++)
        if (file_exists(pwned[i]))
            fail_msg("'%s' exists: a hostile string ran a command", pwned[i]);
    /* The SVG carries the title as text (XML-escaped by gnuplot). */
    char *svg;
    size_t len;
    assert_int_equal(util_read_file("c1.svg", 0, &svg, &len), 0);
    assert_non_null(strstr(svg, "onmouseover=alert(1)"));
    assert_null(strstr(svg, "<script>alert"));
    free(svg);
    for (size_t i = 0; i < ARRAY_SIZE(outs); i++)
        unlink(outs[i]);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_gnuplot_missing(void **state)
{
    (void)state;
    fill_points();
    struct chart_series se = {"k", pts, 10, 0, 0};
    struct chart_panel pa = {"position", CHART_AXIS_RANK, 30, &se, 1};
    struct chart ch = {"/tmp/serptrack-never.png", "t", &pa, 1};
    setenv("SERPTRACK_GNUPLOT", "/nonexistent/gnuplot", 1);
    assert_false(chart_gnuplot_found()); /* doctor's lookup is this one */
    assert_int_equal(chart_render(&ch, 1), -1);
    setenv("SERPTRACK_GNUPLOT", "/bin/sh", 1);
    assert_true(chart_gnuplot_found());
    unsetenv("SERPTRACK_GNUPLOT");
    assert_false(file_exists("/tmp/serptrack-never.png"));
}

static void test_empty_chart(void **state)
{
    (void)state;
    if (!have_gnuplot())
        skip();
    struct chart_panel pa = {"position", CHART_AXIS_RANK, 30, NULL, 0};
    char path[] = "/tmp/serptrack-empty-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char *out = xasprintf("%s.png", path);
    struct chart ch = {out, "nothing yet", &pa, 1};
    int rc = chart_render(&ch, 1);
    int ok = file_exists(out);
    unlink(out);
    unlink(path);
    free(out);
    assert_int_equal(rc, 0);
    assert_true(ok);
}

static void test_ctr_curve(void **state)
{
    (void)state;
    assert_true(ctr_at(1) > ctr_at(2));
    for (int p = 2; p <= 100; p++)
        assert_true(ctr_at(p) <= ctr_at(p - 1));
    assert_true(ctr_at(0) == 0 && ctr_at(101) == 0 && ctr_at(-5) == 0);
    assert_true(ctr_visibility(1) == 1.0);
    assert_true(ctr_visibility(0) == 0.0);
}

/* The curve every engine's rows use (Google's too, until a site's Search
 * Console rows calibrate it: research_ctr_curve_at falls back to ctr_at),
 * checked against the study's table in include/ctr.h rather than only its
 * shape, so a slipped digit in src/util/ctr.c is caught. */
static void test_ctr_source_table(void **state)
{
    (void)state;
    static const double sistrix_2020[] = {0.285, 0.157, 0.110, 0.080, 0.072,
                                          0.051, 0.040, 0.032, 0.028, 0.025};
    const int depth = 50; /* ctr.h: nobody scrolls past 50 */
    struct research_ctr_curve uncalibrated;
    research_ctr_fit(NULL, 0, &uncalibrated);
    for (int p = 1; p <= (int)ARRAY_SIZE(sistrix_2020); p++) {
        assert_float_equal(ctr_at(p), sistrix_2020[p - 1], 1e-12);
        assert_float_equal(research_ctr_curve_at(NULL, p), sistrix_2020[p - 1], 1e-12);
        assert_float_equal(research_ctr_curve_at(&uncalibrated, p), sistrix_2020[p - 1], 1e-12);
        assert_float_equal(ctr_visibility(p), sistrix_2020[p - 1] / sistrix_2020[0], 1e-12);
        if (p > 1)
            assert_true(ctr_at(p) < ctr_at(p - 1)); /* strictly down on page one */
    }
    /* page two tapers from below position 10 to 0.4 %, then a trickle */
    assert_true(ctr_at(11) < ctr_at(10) && ctr_at(11) <= 0.015);
    assert_float_equal(ctr_at(20), 0.004, 1e-12);
    for (int p = 11; p <= depth; p++) {
        assert_true(ctr_at(p) > 0);
        assert_true(ctr_at(p) <= ctr_at(p - 1));
    }
    for (int p = depth + 1; p <= 200; p++) {
        assert_true(ctr_at(p) == 0.0);
        assert_true(ctr_visibility(p) == 0.0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_format_of),
        cmocka_unit_test(test_script_shape),
        cmocka_unit_test(test_hostile_script_text),
        cmocka_unit_test(test_hostile_gnuplot_run),
        cmocka_unit_test(test_gnuplot_missing),
        cmocka_unit_test(test_empty_chart),
        cmocka_unit_test(test_ctr_curve),
        cmocka_unit_test(test_ctr_source_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
