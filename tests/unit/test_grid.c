/* test_grid.c - the geo-grid core: spacing/centre/shape parsing, the
 * points' geometry on the sphere (square and hex, several latitudes),
 * Local Falcon's metrics on hand-computed scans, the text map and the
 * inline SVG (hostile query and site escaped). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "grid.h"
#include "metrics.h"
#include "model.h"
#include "util.h"

static void test_parse_spacing(void **state)
{
    (void)state;
    struct {
        const char *in;
        double want; /* metres; < 0: rejected */
    } cases[] = {
        {"500m", 500},     {"500 m", 500},    {"1.5km", 1500},   {"1.5 KM", 1500},
        {"2mi", 3218.688}, {"2 Mi", 3218.688}, {"800", 800},     {" 800 ", 800},
        {"1m", 1},         {"100km", 100000}, {".5km", 500},     {"0.25mi", 402.336},
        {"100000", 100000},
        {"", -1},          {NULL, -1},        {"0", -1},         {"0.5m", -1},
        {"100.1km", -1},   {"-500m", -1},     {"500ft", -1},     {"km", -1},
        {"1e3m", -1},      {"nan", -1},       {"inf", -1},       {"5 k m", -1},
        {"1.2.3km", -1},   {"500mm", -1},     {"62.2mi", -1},    {"0x10", -1},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        double m = -7;
        const char *why = NULL;
        int rc = grid_parse_spacing(cases[i].in, &m, &why);
        if (cases[i].want < 0) {
            if (rc != -1)
                fail_msg("'%s' accepted as %g m", cases[i].in ? cases[i].in : "(null)", m);
            assert_non_null(why);
            assert_null(strchr(why, '\n'));
            assert_true(m == -7); /* untouched on error */
        } else {
            if (rc != 0)
                fail_msg("'%s' rejected: %s", cases[i].in, why ? why : "?");
            assert_float_equal(m, cases[i].want, 1e-9);
        }
    }
}

static void test_parse_center(void **state)
{
    (void)state;
    struct {
        const char *in;
        int ok;
        double lat, lng;
    } cases[] = {
        {"30.2672,-97.7431", 1, 30.2672, -97.7431},
        {" 30.2672 , -97.7431 ", 1, 30.2672, -97.7431},
        {"-33.9,151.2", 1, -33.9, 151.2},
        {"+60,+10", 1, 60, 10},
        {"90,180", 1, 90, 180},
        {"-90,-180", 1, -90, -180},
        {"0,0", 1, 0, 0},
        {"90.1,0", 0, 0, 0},
        {"0,180.5", 0, 0, 0},
        {"30.2", 0, 0, 0},
        {"30.2,", 0, 0, 0},
        {",30.2", 0, 0, 0},
        {"30.2;-97", 0, 0, 0},
        {"30.2,-97,5", 0, 0, 0},
        {"nan,0", 0, 0, 0},
        {"1e1,0", 0, 0, 0},
        {"", 0, 0, 0},
        {NULL, 0, 0, 0},
        {"austin", 0, 0, 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        double lat = 99, lng = 99;
        const char *why = NULL;
        int rc = grid_parse_center(cases[i].in, &lat, &lng, &why);
        if (!cases[i].ok) {
            if (rc != -1)
                fail_msg("'%s' accepted", cases[i].in ? cases[i].in : "(null)");
            assert_non_null(why);
        } else {
            if (rc != 0)
                fail_msg("'%s' rejected: %s", cases[i].in, why ? why : "?");
            assert_float_equal(lat, cases[i].lat, 1e-12);
            assert_float_equal(lng, cases[i].lng, 1e-12);
        }
    }
}

static void test_shape_and_size(void **state)
{
    (void)state;
    enum model_grid_shape s = MODEL_GRID_HEX;
    assert_int_equal(grid_parse_shape("square", &s), 0);
    assert_int_equal(s, MODEL_GRID_SQUARE);
    assert_int_equal(grid_parse_shape("HEX", &s), 0);
    assert_int_equal(s, MODEL_GRID_HEX);
    assert_int_equal(grid_parse_shape("circle", &s), -1);
    assert_int_equal(grid_parse_shape(NULL, &s), -1);
    assert_string_equal(grid_shape_name(MODEL_GRID_HEX), "hex");
    assert_string_equal(grid_shape_name(MODEL_GRID_SQUARE), "square");
    for (long long n = -3; n <= 25; n++)
        assert_int_equal(grid_size_ok(n), n >= 3 && n <= 21 && n % 2 == 1);
    assert_false(grid_size_ok(1LL << 40 | 1));
    /* hex ring counts 1, 7, 19, 37, ... = 3R(R+1)+1 */
    const size_t hex[] = {1, 7, 19, 37, 61, 91};
    for (int r = 0; r < 6; r++) {
        assert_int_equal(grid_point_count(2 * r + 1, MODEL_GRID_HEX), hex[r]);
        assert_int_equal(grid_point_count(2 * r + 1, MODEL_GRID_SQUARE),
                         (size_t)(2 * r + 1) * (size_t)(2 * r + 1));
    }
}

static void test_haversine(void **state)
{
    (void)state;
    const double deg_m = GRID_EARTH_RADIUS_M * M_PI / 180;
    assert_float_equal(grid_haversine_m(0, 0, 0, 1), deg_m, 1e-6);
    assert_float_equal(grid_haversine_m(10, 20, 11, 20), deg_m, 1e-6);
    /* a degree of longitude shrinks with cos(latitude) */
    assert_float_equal(grid_haversine_m(60, 0, 60, 1), deg_m / 2, deg_m * 1e-4);
    assert_float_equal(grid_haversine_m(0, 0, 0, 180), M_PI * GRID_EARTH_RADIUS_M, 1e-3);
    assert_float_equal(grid_haversine_m(5, 5, 5, 5), 0, 1e-9);
    /* across the antimeridian */
    assert_float_equal(grid_haversine_m(0, 179.5, 0, -179.5), deg_m, 1e-6);
}

static void expect_near(double got, double want, double tol, const char *what, int size,
                        double lat, double sp)
{
    if (fabs(got - want) > tol)
        fail_msg("%s: %.3f m, want %.3f (size %d, lat %g, spacing %g)", what, got, want, size,
                 lat, sp);
}

static const double lats[] = {0, 30.27, 60, -33.9};
static const double spacings[] = {1, 250, 1609.344, 20000, 100000};

static void test_square_geometry(void **state)
{
    (void)state;
    for (size_t li = 0; li < ARRAY_SIZE(lats); li++)
        for (size_t si = 0; si < ARRAY_SIZE(spacings); si++)
            for (int size = 3; size <= 21; size += 2) {
                struct model_grid g = {.lat = lats[li], .lng = -97.74, .size = size,
                                       .spacing_m = spacings[si], .shape = MODEL_GRID_SQUARE};
                struct model_grid_point *p;
                size_t n;
                assert_int_equal(grid_points(&g, &p, &n), 0);
                assert_int_equal(n, (size_t)size * (size_t)size);
                double sp = g.spacing_m, tol = sp * 0.01;
                int r = size / 2;
                for (size_t i = 0; i < n; i++) {
                    /* row-major: north to south, west to east */
                    assert_int_equal(p[i].row, (int)i / size);
                    assert_int_equal(p[i].col, (int)i % size);
                    assert_int_equal(p[i].status, MODEL_OK);
                    assert_int_equal(p[i].local, MODEL_NONE);
                    assert_int_equal(p[i].position, MODEL_NONE);
                    assert_float_equal(p[i].east_m, (p[i].col - r) * sp, 1e-6);
                    assert_float_equal(p[i].north_m, (r - p[i].row) * sp, 1e-6);
                    assert_true(p[i].lat >= -90 && p[i].lat <= 90);
                    assert_true(p[i].lng >= -180 && p[i].lng <= 180);
                    /* the point is as far from the centre as its offset says */
                    double d = sqrt(p[i].east_m * p[i].east_m + p[i].north_m * p[i].north_m);
                    expect_near(grid_haversine_m(g.lat, g.lng, p[i].lat, p[i].lng), d,
                                d * 1e-6 + 1e-6, "distance from centre", size, g.lat, sp);
                    if (p[i].col + 1 < size)
                        expect_near(grid_haversine_m(p[i].lat, p[i].lng, p[i + 1].lat,
                                                     p[i + 1].lng),
                                    sp, tol, "east neighbour", size, g.lat, sp);
                    if (p[i].row + 1 < size)
                        expect_near(grid_haversine_m(p[i].lat, p[i].lng, p[i + size].lat,
                                                     p[i + size].lng),
                                    sp, tol, "south neighbour", size, g.lat, sp);
                    if (p[i].row + 1 < size) /* rows run north to south */
                        assert_true(p[i].lat > p[i + size].lat);
                }
                const struct model_grid_point *c = &p[(size_t)r * (size_t)size + (size_t)r];
                assert_int_equal(c->row, r);
                assert_int_equal(c->col, r);
                assert_float_equal(c->lat, g.lat, 1e-12);
                assert_float_equal(c->lng, g.lng, 1e-12);
                assert_float_equal(c->east_m, 0, 0);
                free(p);
            }
}

/* The six axial neighbours of a hex point. */
static const int hex_dir[6][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, -1}, {-1, 1}};

static void test_hex_geometry(void **state)
{
    (void)state;
    for (size_t li = 0; li < ARRAY_SIZE(lats); li++)
        for (size_t si = 0; si < ARRAY_SIZE(spacings); si++)
            for (int size = 3; size <= 21; size += 2) {
                struct model_grid g = {.lat = lats[li], .lng = 151.2, .size = size,
                                       .spacing_m = spacings[si], .shape = MODEL_GRID_HEX};
                struct model_grid_point *p;
                size_t n;
                assert_int_equal(grid_points(&g, &p, &n), 0);
                assert_int_equal(n, grid_point_count(size, MODEL_GRID_HEX));
                int r = size / 2;
                /* index of (row, col), and every point within R rings */
                long *at = xmalloc((size_t)size * (size_t)size * sizeof *at);
                for (int k = 0; k < size * size; k++)
                    at[k] = -1;
                for (size_t i = 0; i < n; i++) {
                    int q = p[i].col - r, ar = p[i].row - r;
                    assert_true(abs(q) <= r && abs(ar) <= r && abs(q + ar) <= r);
                    if (i > 0) /* by row, then column */
                        assert_true(p[i].row > p[i - 1].row ||
                                    (p[i].row == p[i - 1].row && p[i].col > p[i - 1].col));
                    at[p[i].row * size + p[i].col] = (long)i;
                }
                int pairs = 0;
                for (size_t i = 0; i < n; i++)
                    for (int d = 0; d < 6; d++) {
                        int row = p[i].row + hex_dir[d][1], col = p[i].col + hex_dir[d][0];
                        if (row < 0 || col < 0 || row >= size || col >= size ||
                            at[row * size + col] < 0)
                            continue;
                        const struct model_grid_point *o = &p[at[row * size + col]];
                        double fl = hypot(o->east_m - p[i].east_m, o->north_m - p[i].north_m);
                        expect_near(fl, g.spacing_m, 1e-6, "flat hex neighbour", size, g.lat,
                                    g.spacing_m);
                        expect_near(grid_haversine_m(p[i].lat, p[i].lng, o->lat, o->lng),
                                    g.spacing_m, g.spacing_m * 0.01, "hex neighbour", size,
                                    g.lat, g.spacing_m);
                        pairs++;
                    }
                /* 3 per inner edge... each neighbour pair counted twice:
                 * a hex of R rings has 3(3R^2+R) edges */
                assert_int_equal(pairs, 2 * 3 * (3 * r * r + r));
                long c = at[r * size + r];
                assert_true(c >= 0);
                assert_float_equal(p[c].lat, g.lat, 1e-12);
                assert_float_equal(p[c].lng, g.lng, 1e-12);
                free(at);
                free(p);
            }
}

static void test_invalid_grids(void **state)
{
    (void)state;
    struct model_grid ok = {.lat = 30, .lng = -97, .size = 5, .spacing_m = 500};
    struct model_grid bad[] = {ok, ok, ok, ok, ok, ok, ok, ok, ok};
    bad[0].size = 4;
    bad[1].size = 23;
    bad[2].size = 1;
    bad[3].spacing_m = 0;
    bad[4].spacing_m = 100001;
    bad[5].lat = 90.5;
    bad[6].lng = NAN;
    bad[7].shape = (enum model_grid_shape)7;
    bad[8].spacing_m = INFINITY;
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct model_grid_point *p = (void *)&ok;
        size_t n = 99;
        if (grid_points(&bad[i], &p, &n) != -1)
            fail_msg("bad grid %zu accepted", i);
        assert_null(p);
        assert_int_equal(n, 0);
    }
    struct model_grid_point *p;
    size_t n;
    assert_int_equal(grid_points(NULL, &p, &n), -1);
    /* a grid over the pole still has its neighbours spacing apart */
    struct model_grid pole = {.lat = 89.9, .lng = 10, .size = 21, .spacing_m = 5000};
    assert_int_equal(grid_points(&pole, &p, &n), 0);
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i].col + 1 < 21)
            expect_near(grid_haversine_m(p[i].lat, p[i].lng, p[i + 1].lat, p[i + 1].lng), 5000,
                        50, "polar neighbour", 21, 89.9, 5000);
    free(p);
}

static void test_band(void **state)
{
    (void)state;
    struct {
        enum model_status st;
        int local, band;
    } cases[] = {
        {MODEL_OK, 1, 0},       {MODEL_OK, 3, 0},        {MODEL_OK, 4, 1},
        {MODEL_OK, 10, 1},      {MODEL_OK, 11, 2},       {MODEL_OK, 20, 2},
        {MODEL_OK, 21, 3},      {MODEL_OK, MODEL_NONE, 3}, {MODEL_OK, 0, 3},
        {MODEL_OK, -1, 3},      {MODEL_BLOCKED, 2, 4},   {MODEL_ERROR, MODEL_NONE, 4},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct model_grid_point pt = {.status = cases[i].st, .local = cases[i].local};
        assert_int_equal(grid_band(&pt), cases[i].band);
    }
    for (int b = 0; b < GRID_BANDS; b++) {
        assert_int_equal(strlen(grid_band_colour(b)), 7);
        assert_true(grid_band_colour(b)[0] == '#');
        for (int o = 0; o < b; o++)
            assert_string_not_equal(grid_band_colour(b), grid_band_colour(o));
    }
}

#define PT(st, loc, pos) {.status = (st), .local = (loc), .position = (pos)}
#define NONE MODEL_NONE

static void test_metrics_mixed(void **state)
{
    (void)state;
    const struct model_grid_point p[] = {
        PT(MODEL_OK, 1, 3),     PT(MODEL_OK, 2, NONE),     PT(MODEL_OK, 5, 7),
        PT(MODEL_OK, 12, 15),   PT(MODEL_OK, NONE, NONE),  PT(MODEL_BLOCKED, NONE, NONE),
        PT(MODEL_ERROR, 1, 1),
    };
    struct metrics_grid m;
    metrics_grid(p, ARRAY_SIZE(p), &m);
    assert_int_equal(m.n_points, 7);
    assert_int_equal(m.n_ok, 5);
    assert_int_equal(m.n_blocked, 1);
    assert_int_equal(m.n_error, 1);
    assert_int_equal(m.n_found, 4);
    assert_int_equal(m.n_top3, 2);
    assert_float_equal(m.arp, (1 + 2 + 5 + 12) / 4.0, 1e-12);        /* 5.0 */
    assert_float_equal(m.atrp, (1 + 2 + 5 + 12 + 21) / 5.0, 1e-12);  /* 8.2 */
    assert_float_equal(m.solv, 2 / 5.0, 1e-12);
    assert_float_equal(m.avg_position, (3 + 7 + 15) / 3.0, 1e-12);
}

static void test_metrics_edges(void **state)
{
    (void)state;
    struct metrics_grid m;
    /* all not found */
    const struct model_grid_point nf[] = {PT(MODEL_OK, NONE, NONE), PT(MODEL_OK, NONE, 40),
                                          PT(MODEL_OK, 21, NONE)};
    metrics_grid(nf, ARRAY_SIZE(nf), &m);
    assert_int_equal(m.n_ok, 3);
    assert_int_equal(m.n_found, 0);
    assert_float_equal(m.arp, -1, 0);
    assert_float_equal(m.atrp, MODEL_GRID_NOT_FOUND, 1e-12);
    assert_float_equal(m.solv, 0, 0);
    assert_float_equal(m.avg_position, 40, 1e-12);
    /* all blocked: no evidence at all */
    const struct model_grid_point bl[] = {PT(MODEL_BLOCKED, 1, 1), PT(MODEL_BLOCKED, NONE, NONE),
                                          PT(MODEL_BLOCKED, 3, NONE), PT(MODEL_BLOCKED, 2, 2)};
    metrics_grid(bl, ARRAY_SIZE(bl), &m);
    assert_int_equal(m.n_points, 4);
    assert_int_equal(m.n_blocked, 4);
    assert_int_equal(m.n_ok, 0);
    assert_float_equal(m.arp, -1, 0);
    assert_float_equal(m.atrp, -1, 0);
    assert_float_equal(m.solv, -1, 0);
    assert_float_equal(m.avg_position, -1, 0);
    /* one blocked point (with a stale position) changes nothing */
    const struct model_grid_point one[] = {PT(MODEL_OK, 3, 2), PT(MODEL_OK, 3, 4),
                                           PT(MODEL_BLOCKED, 20, 90), PT(MODEL_OK, 3, NONE)};
    metrics_grid(one, ARRAY_SIZE(one), &m);
    assert_int_equal(m.n_ok, 3);
    assert_int_equal(m.n_blocked, 1);
    assert_float_equal(m.arp, 3, 1e-12);
    assert_float_equal(m.atrp, 3, 1e-12);
    assert_float_equal(m.solv, 1, 1e-12);
    assert_float_equal(m.avg_position, 3, 1e-12);
    /* nothing at all */
    metrics_grid(NULL, 0, &m);
    assert_int_equal(m.n_points, 0);
    assert_float_equal(m.atrp, -1, 0);
}

/* A 3x3 grid with every kind of cell: the text map, line by line. */
static void test_text_map(void **state)
{
    (void)state;
    struct model_grid g = {.query = "q", .site = "s", .lat = 30, .lng = -97, .size = 3,
                           .spacing_m = 1000};
    struct model_grid_point *p;
    size_t n;
    assert_int_equal(grid_points(&g, &p, &n), 0);
    const int local[9] = {1, 4, 11, NONE, 2, 20, 7, 0, 3};
    for (size_t i = 0; i < n; i++)
        p[i].local = local[i];
    p[7].status = MODEL_BLOCKED;
    p[8].status = MODEL_ERROR;
    strbuf sb = STRBUF_INIT;
    grid_text_map(&sb, &g, p, n, 0);
    assert_string_equal(sb_str(&sb), "  1   4  11\n"
                                     " -- [ 2] 20\n"
                                     "  7  XX  !!\n"
                                     "key: [ ] centre, -- not found, XX blocked, !! error\n");
    assert_null(strchr(sb_str(&sb), '\033'));
    /* on a terminal, coloured by band; a partial scan shows ".." */
    sb_reset(&sb);
    grid_text_map(&sb, &g, p, n - 1, 1);
    assert_non_null(strstr(sb_str(&sb), "\033[1;32m 1\033[0m"));
    assert_non_null(strstr(sb_str(&sb), "\033[1;31m11\033[0m"));
    assert_non_null(strstr(sb_str(&sb), "[\033[1;32m 2\033[0m]"));
    assert_non_null(strstr(sb_str(&sb), " ..\n"));
    sb_release(&sb);
    free(p);
}

static void test_text_map_hex(void **state)
{
    (void)state;
    struct model_grid g = {.lat = -33.9, .lng = 151.2, .size = 5, .spacing_m = 800,
                           .shape = MODEL_GRID_HEX};
    struct model_grid_point *p;
    size_t n;
    assert_int_equal(grid_points(&g, &p, &n), 0);
    for (size_t i = 0; i < n; i++)
        p[i].local = (int)i + 1;
    strbuf sb = STRBUF_INIT;
    grid_text_map(&sb, &g, p, n, 0);
    /* rows of 3, 4, 5, 4, 3 cells, each offset half a cell (2 columns)
     * per row away from the middle */
    assert_string_equal(sb_str(&sb), "      1   2   3\n"
                                     "    4   5   6   7\n"
                                     "  8   9 [10] 11  12\n"
                                     "   13  14  15  16\n"
                                     "     17  18  19\n"
                                     "key: [ ] centre, -- not found, XX blocked, !! error\n");
    sb_release(&sb);
    free(p);
}

static size_t count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle))
        k++;
    return k;
}

static void test_svg(void **state)
{
    (void)state;
    struct model_grid g = {.id = 4,
                           .query = "<script>alert(\"x\")</script> 'plumber' & co",
                           .site = "\"><img src=x onerror=alert(1)>.com\x01\xff",
                           .lat = 30.27,
                           .lng = -97.74,
                           .size = 5,
                           .spacing_m = 500};
    for (int shape = 0; shape < 2; shape++) {
        g.shape = shape ? MODEL_GRID_HEX : MODEL_GRID_SQUARE;
        struct model_grid_point *p;
        size_t n;
        assert_int_equal(grid_points(&g, &p, &n), 0);
        for (size_t i = 0; i < n; i++)
            p[i].local = i % 4 == 3 ? NONE : (int)(i % 21) + 1;
        p[1].status = MODEL_BLOCKED;
        strbuf sb = STRBUF_INIT;
        grid_svg(&sb, &g, p, n, 360);
        const char *s = sb_str(&sb);
        assert_true(util_starts_with(s, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_int_equal(count(s, "<svg"), 1);
        assert_int_equal(count(s, "</svg>"), 1);
        assert_null(strstr(s, "<script"));
        assert_null(strstr(s, "<img"));
        assert_null(strstr(s, "\x01"));
        assert_true(util_utf8_valid(s, sb.len));
        assert_non_null(strstr(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                                  "&#39;plumber&#39; &amp; co"));
        assert_non_null(strstr(s, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.com"));
        /* one cell per point, the blocked one hatched and titled */
        assert_int_equal(count(s, "class=\"grid-cell\""), n);
        assert_int_equal(count(s, "url(#grid-hatch-4)"), 1);
        char *want = xasprintf("row %d, col %d: blocked", p[1].row + 1, p[1].col + 1);
        assert_non_null(strstr(s, want));
        free(want);
        assert_int_equal(count(s, "<title>centre</title>"), 1);
        /* every band in the legend */
        for (int b = 0; b < GRID_BANDS; b++)
            assert_non_null(strstr(s, grid_band_label(b)));
        assert_non_null(strstr(s, "width=\"360\""));
        sb_release(&sb);
        free(p);
    }
}

/* one rule for "better" in `grid show` and the report: lower ARP/ATRP,
 * higher SoLV; a move that rounds away is the same; undefined is none */
static void test_metrics_move(void **state)
{
    (void)state;
    double d;
    assert_int_equal(metrics_grid_move(3.2, 4.0, 0, 0, 2, &d), METRICS_MOVE_BETTER);
    assert_true(fabs(d + 0.8) < 1e-9);
    assert_int_equal(metrics_grid_move(4.0, 3.2, 0, 0, 2, &d), METRICS_MOVE_WORSE);
    assert_int_equal(metrics_grid_move(0.50, 0.25, 1, 1, 0, &d), METRICS_MOVE_BETTER);
    assert_true(fabs(d - 25) < 1e-9);
    assert_int_equal(metrics_grid_move(0.25, 0.50, 1, 1, 0, &d), METRICS_MOVE_WORSE);
    assert_int_equal(metrics_grid_move(3.004, 3.0, 0, 0, 2, &d), METRICS_MOVE_SAME);
    assert_int_equal(metrics_grid_move(3.04, 3.0, 0, 0, 1, &d), METRICS_MOVE_SAME);
    assert_int_equal(metrics_grid_move(3.04, 3.0, 0, 0, 2, &d), METRICS_MOVE_WORSE);
    assert_int_equal(metrics_grid_move(-1, 3.0, 0, 0, 2, &d), METRICS_MOVE_NONE);
    assert_int_equal(metrics_grid_move(3.0, -1, 0, 0, 2, &d), METRICS_MOVE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_spacing),  cmocka_unit_test(test_parse_center),
        cmocka_unit_test(test_shape_and_size), cmocka_unit_test(test_haversine),
        cmocka_unit_test(test_square_geometry), cmocka_unit_test(test_hex_geometry),
        cmocka_unit_test(test_invalid_grids),  cmocka_unit_test(test_band),
        cmocka_unit_test(test_metrics_mixed),  cmocka_unit_test(test_metrics_edges),
        cmocka_unit_test(test_text_map),       cmocka_unit_test(test_text_map_hex),
        cmocka_unit_test(test_svg),            cmocka_unit_test(test_metrics_move),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
