/* test_heatmap.c - gnuplot heat maps of grid scans: the script keeps every
 * hostile query and site inside single-quoted literals with numeric data
 * only, and real gnuplot runs write PNG and SVG (single and before/after)
 * without running anything a hostile string asks for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart.h"
#include "gnuplot_check.h"
#include "grid.h"
#include "model.h"
#include "util.h"

static const char *const hostile[] = {
    "`touch pwned`",
    "system(\"touch pwned2\")",
    "line one\nset output '|touch pwned4'\nprint 'x",
    "'; system('touch pwned5'); '",
    "back\\slash \\' \" quote <script>alert(1)</script> & @GPVAL_TERM {/Symbol a}",
    "bad \xff\xfe utf8 \xc3",
};

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}


/* A scan of g with every kind of point: positions growing away from the
 * centre, some not found, one blocked, one failed. */
static struct model_grid_point *scan_of(const struct model_grid *g, size_t *n)
{
    struct model_grid_point *p;
    assert_int_equal(grid_points(g, &p, n), 0);
    for (size_t i = 0; i < *n; i++) {
        double d = (fabs(p[i].east_m) + fabs(p[i].north_m)) / g->spacing_m;
        p[i].local = d < 6 ? 1 + (int)(d * 3) : MODEL_NONE;
        p[i].position = p[i].local == MODEL_NONE ? MODEL_NONE : p[i].local + 2;
    }
    p[0].status = MODEL_BLOCKED;
    p[1].status = MODEL_ERROR;
    return p;
}

static void test_script_hostile(void **state)
{
    (void)state;
    for (size_t h = 0; h < ARRAY_SIZE(hostile); h++) {
        struct model_grid g = {.id = 1, .query = (char *)hostile[h],
                               .site = (char *)hostile[(h + 1) % ARRAY_SIZE(hostile)],
                               .lat = 30.27, .lng = -97.74, .size = 7, .spacing_m = 1000,
                               .shape = h % 2 ? MODEL_GRID_HEX : MODEL_GRID_SQUARE};
        size_t n;
        struct model_grid_point *p = scan_of(&g, &n);
        strbuf sb = STRBUF_INIT;
        assert_int_equal(chart_heatmap_script(&sb, "x.svg", &g, 1790000000, p, n, 1790600000, p,
                                              n / 2),
                         0);
        const char *s = sb_str(&sb);
        assert_user_text_quoted(s);
        assert_true(util_utf8_valid(s, sb.len));
        assert_non_null(strstr(s, "set multiplot layout 1,2"));
        assert_non_null(strstr(s, "2026-09-21")); /* both dates */
        assert_non_null(strstr(s, "2026-09-28"));
        /* one data row per point of each scan */
        const char *b0 = strstr(s, "$h0 << EOD\n"), *b1 = strstr(s, "$h1 << EOD\n");
        assert_non_null(b0);
        assert_non_null(b1);
        size_t rows = 0;
        for (const char *c = b0 + 11; c < strstr(b0, "EOD\n$h1"); c++)
            rows += *c == '\n';
        assert_int_equal(rows, n);
        sb_release(&sb);
        sb_reset(&sb);
        assert_int_equal(chart_heatmap_script(&sb, "x.png", &g, 1790000000, p, n, 0, NULL, 0),
                         0);
        assert_user_text_quoted(sb_str(&sb));
        assert_null(strstr(sb_str(&sb), "multiplot"));
        assert_non_null(strstr(sb_str(&sb), "ARP "));
        assert_non_null(strstr(sb_str(&sb), "SoLV "));
        assert_non_null(strstr(sb_str(&sb), "1 blocked"));
        sb_release(&sb);
        free(p);
    }
}

static void test_script_metrics_in_title(void **state)
{
    (void)state;
    struct model_grid g = {.query = "plumber", .site = "a.com", .lat = 0, .lng = 0, .size = 3,
                           .spacing_m = 500};
    struct model_grid_point *p;
    size_t n;
    assert_int_equal(grid_points(&g, &p, &n), 0);
    const int local[9] = {1, 2, 3, 4, 5, MODEL_NONE, 12, MODEL_NONE, 2};
    for (size_t i = 0; i < n; i++)
        p[i].local = local[i];
    strbuf sb = STRBUF_INIT;
    assert_int_equal(chart_heatmap_script(&sb, "m.png", &g, 1790000000, p, n, 0, NULL, 0), 0);
    /* ARP 29/7, ATRP (29+42)/9, SoLV 4/9 */
    assert_non_null(strstr(sb_str(&sb), "'plumber \xe2\x80\x94 a.com' . sprintf('%c', 10) . "
                                        "'2026-09-21 \xc2\xb7 ARP 4.1 \xc2\xb7 ATRP 7.9 "
                                        "\xc2\xb7 SoLV 44%'"));
    sb_release(&sb);
    /* nothing found: ARP is a dash, not a number */
    for (size_t i = 0; i < n; i++)
        p[i].local = MODEL_NONE;
    sb_reset(&sb);
    assert_int_equal(chart_heatmap_script(&sb, "m.png", &g, 1790000000, p, n, 0, NULL, 0), 0);
    assert_non_null(strstr(sb_str(&sb), "ARP - \xc2\xb7 ATRP 21.0 \xc2\xb7 SoLV 0%"));
    sb_release(&sb);
    free(p);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    struct model_grid g = {.query = "q", .site = "s", .size = 5, .spacing_m = 500};
    struct model_grid_point pt = {.status = MODEL_OK, .local = 1};
    strbuf sb = STRBUF_INIT;
    assert_int_equal(chart_heatmap_script(&sb, "x.pdf", &g, 0, &pt, 1, 0, NULL, 0), -1);
    assert_int_equal(chart_heatmap_script(&sb, "a'b.png", &g, 0, &pt, 1, 0, NULL, 0), -1);
    assert_int_equal(chart_heatmap_script(&sb, "x.png", NULL, 0, &pt, 1, 0, NULL, 0), -1);
    g.size = 4;
    assert_int_equal(chart_heatmap_script(&sb, "x.png", &g, 0, &pt, 1, 0, NULL, 0), -1);
    g.size = 5;
    /* a relative path is anchored at ./ so gnuplot never opens a pipe */
    sb_reset(&sb);
    assert_int_equal(chart_heatmap_script(&sb, "|touch pwned.png", &g, 0, &pt, 1, 0, NULL, 0), 0);
    assert_non_null(strstr(sb_str(&sb), "set output './|touch pwned.png'"));
    sb_release(&sb);
    assert_int_equal(chart_heatmap("x.gif", &g, 0, &pt, 1), -1);
}

/* Real gnuplot in a temporary directory: PNG and SVG, single and pair,
 * square and hex, every title hostile; the files exist and no "pwned*"
 * file does. */
static void test_gnuplot_run(void **state)
{
    (void)state;
    if (!chart_gnuplot_found())
        skip();
    char tmpl[] = "/tmp/serptrack-heat-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    const char *outs[] = {"h0.png", "h1.svg", "h2.png", "h3.svg", "|touch pwned3.png",
                          "`touch pwned6`.svg"};
    for (size_t i = 0; i < ARRAY_SIZE(outs); i++) {
        struct model_grid g = {.id = (long long)i, .query = (char *)hostile[i % ARRAY_SIZE(hostile)],
                               .site = (char *)hostile[(i + 2) % ARRAY_SIZE(hostile)],
                               .lat = -33.9, .lng = 151.2, .size = i < 4 ? 5 : 3,
                               .spacing_m = 800,
                               .shape = i % 2 ? MODEL_GRID_HEX : MODEL_GRID_SQUARE};
        size_t n;
        struct model_grid_point *p = scan_of(&g, &n);
        int rc = i >= 2 ? chart_heatmap_pair(outs[i], &g, 1790000000, p, n, 1790600000, p, n)
                        : chart_heatmap(outs[i], &g, 1790000000, p, n);
        free(p);
        if (rc != 0)
            fail_msg("heat map '%s' failed", outs[i]);
        struct stat st;
        if (stat(outs[i], &st) != 0)
            fail_msg("heat map '%s' not written", outs[i]);
        assert_true(st.st_size > 1000);
    }
    const char *pwned[] = {"pwned", "pwned2", "pwned3", "pwned4", "pwned5", "pwned6"};
    for (size_t i = 0; i < ARRAY_SIZE(pwned); i++)
        if (file_exists(pwned[i]))
            fail_msg("'%s' exists: a hostile string ran a command", pwned[i]);
    /* the PNG is a PNG; the SVG draws the numbers and escapes the title */
    char *buf;
    size_t len;
    assert_int_equal(util_read_file("h0.png", 0, &buf, &len), 0);
    assert_memory_equal(buf, "\x89PNG", 4);
    free(buf);
    assert_int_equal(util_read_file("h1.svg", 0, &buf, &len), 0);
    assert_non_null(strstr(buf, "<svg"));
    assert_non_null(strstr(buf, ">X<"));   /* the blocked cell */
    assert_non_null(strstr(buf, "centre"));
    assert_null(strstr(buf, "<script>alert"));
    free(buf);
    for (size_t i = 0; i < ARRAY_SIZE(outs); i++)
        unlink(outs[i]);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_hostile),
        cmocka_unit_test(test_script_metrics_in_title),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_gnuplot_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
