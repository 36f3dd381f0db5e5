/* test_metrics.c - the derived numbers of metrics.h as tables of cases:
 * change, period change, averages, rank summary of a history, visits and
 * the per-day trend. Each case states its expected value by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "ctr.h"
#include "metrics.h"
#include "store.h"

#define N METRICS_NONE
#define DAY 86400

static void test_change(void **state)
{
    (void)state;
    static const struct { int before, now, want; } c[] = {
        {5, 3, 2}, {3, 5, -2}, {4, 4, 0}, {N, 3, N}, {3, N, N}, {N, N, N},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        assert_int_equal(metrics_change(c[i].before, c[i].now), c[i].want);
}

/* The alerts' drop and top-n: not ranked now is a drop to far below;
 * not ranked before is no drop; top n is ranked and at most n. */
static void test_drop_top(void **state)
{
    (void)state;
    static const struct { int before, now, want; } d[] = {
        {3, 7, 4}, {7, 3, -4}, {5, 5, 0}, {9, N, 100000 - 9}, {N, 4, N}, {N, N, N},
    };
    for (size_t i = 0; i < sizeof d / sizeof *d; i++)
        assert_int_equal(metrics_drop(d[i].before, d[i].now), d[i].want);
    assert_true(metrics_in_top(1, 3));
    assert_true(metrics_in_top(3, 3));
    assert_false(metrics_in_top(4, 3));
    assert_true(metrics_in_top(10, 10));
    assert_false(metrics_in_top(11, 10));
    assert_false(metrics_in_top(N, 10));
}

/* A keyword's checks as points: failed and blocked checks carry no
 * position; the depth is the latest ok check's. */
static void test_points_of(void **state)
{
    (void)state;
    struct store_history h[] = {
        {.checked_at = 100, .status = MODEL_OK, .position = 4, .depth = 20},
        {.checked_at = 200, .status = MODEL_BLOCKED, .position = 2, .depth = 50},
        {.checked_at = 300, .status = MODEL_ERROR, .position = N, .depth = 0},
        {.checked_at = 400, .status = MODEL_OK, .position = N, .depth = 30},
    };
    int depth = 10;
    struct metrics_point *p = metrics_points_of(h, 4, &depth);
    assert_int_equal(depth, 30);
    assert_int_equal(p[0].t, 100);
    assert_int_equal(p[0].position, 4);
    assert_int_equal(p[0].status, METRICS_OK);
    assert_int_equal(p[1].position, N);
    assert_int_equal(p[1].status, METRICS_BLOCKED);
    assert_int_equal(p[2].status, METRICS_FAILED);
    assert_int_equal(p[3].position, N);
    assert_int_equal(p[3].status, METRICS_OK);
    free(p);
}

static void test_period_change(void **state)
{
    (void)state;
    static const struct { int start, now, depth, want; } c[] = {
        {10, 4, 100, 6},   /* moved up */
        {4, 10, 100, -6},  /* moved down */
        {N, 7, 50, 44},    /* entered: from one below the depth */
        {7, N, 50, -44},   /* dropped out */
        {N, N, 50, 0},     /* ranked at neither end */
        {N, 1, 0, 100},    /* depth unknown counts as 100 */
        {0, 3, 20, 18},    /* < 1 is not a position */
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        assert_int_equal(metrics_period_change(c[i].start, c[i].now, c[i].depth), c[i].want);
}

static void test_best_ranked_pack(void **state)
{
    (void)state;
    assert_int_equal(metrics_best(N, 5), 5);
    assert_int_equal(metrics_best(5, N), 5);
    assert_int_equal(metrics_best(5, 2), 2);
    assert_int_equal(metrics_best(2, 5), 2);
    assert_false(metrics_ranked(N));
    assert_false(metrics_ranked(0));
    assert_true(metrics_ranked(1));
    assert_int_equal(metrics_pack_slot(3, 0), 3);
    assert_int_equal(metrics_pack_slot(0, 1), 2);
    assert_true(metrics_in_pack(2));
    assert_false(metrics_in_pack(0));
    assert_true(metrics_url_changed("https://a.com/x", "https://a.com/y"));
    assert_false(metrics_url_changed("https://a.com/x", "https://a.com/x"));
    assert_false(metrics_url_changed(NULL, "https://a.com/x"));
    assert_false(metrics_url_changed("https://a.com/x", NULL));
}

static void test_avg_stats(void **state)
{
    (void)state;
    static const struct {
        int pos[4];
        size_t n;
        double avg, visibility;
        int ranked, top3, top10;
    } c[] = {
        {{0}, 0, -1, 0, 0, 0, 0},
        {{1}, 1, 1, 1, 1, 1, 1},
        {{3, 5}, 2, 4, -1, 2, 1, 2},
        {{3, 5, N}, 3, 36, -1, 2, 1, 2},     /* unranked counts as 100 */
        {{12, N, 0, 2}, 4, 53.5, -1, 2, 1, 1},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        struct metrics_stats s = {0};
        double vis = 0;
        for (size_t j = 0; j < c[i].n; j++) {
            metrics_stats_add(&s, c[i].pos[j]);
            if (metrics_ranked(c[i].pos[j]))
                vis += ctr_visibility(c[i].pos[j]);
        }
        assert_true(fabs(metrics_avg_position(&s.avg) - c[i].avg) < 1e-9);
        assert_int_equal(s.avg.ranked, c[i].ranked);
        assert_int_equal(s.top3, c[i].top3);
        assert_int_equal(s.top10, c[i].top10);
        double want = c[i].visibility >= 0 ? c[i].visibility : vis / (double)c[i].n;
        assert_true(fabs(metrics_stats_visibility(&s) - want) < 1e-12);
    }
}

static void test_rank_of(void **state)
{
    (void)state;
    const struct metrics_point h[] = {
        {1 * DAY, 8, METRICS_OK},      {2 * DAY, 3, METRICS_OK},
        {3 * DAY, N, METRICS_BLOCKED}, {4 * DAY, 6, METRICS_OK},
        {5 * DAY, N, METRICS_FAILED},
    };
    static const struct {
        size_t n;
        time_t since;
        int position, best, start;
        long last_ok_index;
        enum metrics_check status;
        size_t n_period;
    } c[] = {
        {0, 0, N, N, N, -1, METRICS_OK, 0},
        {1, 0, 8, 8, 8, 0, METRICS_OK, 1},
        {5, 0, 6, 3, 8, 3, METRICS_FAILED, 5},
        {5, 3 * DAY, 6, 3, 6, 3, METRICS_FAILED, 3}, /* the blocked one does not start it */
        {3, 0, 3, 3, 8, 1, METRICS_BLOCKED, 3},
        {5, 9 * DAY, 6, 3, N, 3, METRICS_FAILED, 0},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        struct metrics_rank m;
        metrics_rank_of(h, c[i].n, c[i].since, &m);
        assert_int_equal(m.position, c[i].position);
        assert_int_equal(m.best, c[i].best);
        assert_int_equal(m.start_position, c[i].start);
        assert_int_equal(m.last_ok_index, c[i].last_ok_index);
        assert_int_equal(m.status, c[i].status);
        assert_int_equal(m.n_period, c[i].n_period);
    }
}

static void test_visits(void **state)
{
    (void)state;
    static const struct { double volume, share, ctr, want; } c[] = {
        {1000, 1, 0.1, 100}, {1000, 0.5, 0.1, 50}, {1000, 0, 0.1, 0},
        {-1, 1, 0.1, 0},     {0, 1, 0.3, 0},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        assert_true(fabs(metrics_visits(c[i].volume, c[i].share, c[i].ctr) - c[i].want) < 1e-9);
    assert_true(fabs(metrics_visits_at(1000, 1, 1) - 1000 * ctr_at(1)) < 1e-9);
    assert_true(metrics_visits_at(1000, 1, N) == 0);
    assert_true(metrics_visits_at(1000, 1, 0) == 0);
}

static void test_days(void **state)
{
    (void)state;
    /* keyword a: day 0 at 9, later that day at 2 (the later one counts),
     * day 2 at 5; keyword b: day 0 unranked, day 1 failed, day 2 at 1 */
    const struct metrics_point a[] = {{10, 9, METRICS_OK}, {20, 2, METRICS_OK},
                                      {2 * DAY + 5, 5, METRICS_OK}};
    const struct metrics_point b[] = {{30, N, METRICS_OK}, {DAY + 5, N, METRICS_FAILED},
                                      {2 * DAY + 9, 1, METRICS_OK}};
    const struct metrics_series kw[] = {{a, 3}, {b, 3}};
    struct metrics_day *d;
    size_t n;
    metrics_days(kw, 2, &d, &n);
    assert_int_equal(n, 2); /* day 1 has no ok check: a gap */
    assert_int_equal(d[0].day, 0);
    assert_int_equal(d[0].n, 2);
    assert_int_equal(d[0].ranked, 1);
    assert_true(fabs(d[0].avg_position - 51) < 1e-9);
    assert_true(fabs(d[0].top3 - 0.5) < 1e-9);
    assert_true(fabs(d[0].top10 - 0.5) < 1e-9);
    assert_true(fabs(d[0].visibility - ctr_visibility(2) / 2) < 1e-12);
    assert_int_equal(d[1].day, 2 * DAY);
    assert_true(fabs(d[1].avg_position - 3) < 1e-9);
    assert_true(fabs(d[1].top3 - 0.5) < 1e-9);
    assert_true(fabs(d[1].top10 - 1) < 1e-9);
    free(d);
    metrics_days(kw, 0, &d, &n);
    assert_int_equal(n, 0);
    assert_null(d);
}

static void test_rank_fill(void **state)
{
    (void)state;
    static const struct { int position, b1, b7, b30, local, c1, c7, c30, in_pack; } c[] = {
        {3, 5, 3, 10, 0, 2, 0, 7, 0},
        {N, 5, N, 2, 2, N, N, N, 1},       /* not ranked now: no change */
        {1, N, N, N, MODEL_PACK_UNKNOWN, N, N, N, 1},
        {8, 4, 9, N, 0, -4, 1, N, 0},
    };
    struct model_rank r[sizeof c / sizeof *c] = {{0}};
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        r[i].position = c[i].position;
        r[i].before_1d = c[i].b1, r[i].before_7d = c[i].b7, r[i].before_30d = c[i].b30;
        r[i].local_position = c[i].local;
    }
    metrics_rank_fill(r, sizeof c / sizeof *c);
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        assert_int_equal(r[i].change_1d, c[i].c1);
        assert_int_equal(r[i].change_7d, c[i].c7);
        assert_int_equal(r[i].change_30d, c[i].c30);
        assert_int_equal(r[i].in_local_pack, c[i].in_pack);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_change),    cmocka_unit_test(test_period_change),
        cmocka_unit_test(test_best_ranked_pack), cmocka_unit_test(test_avg_stats),
        cmocka_unit_test(test_rank_of),   cmocka_unit_test(test_visits),
        cmocka_unit_test(test_days),      cmocka_unit_test(test_rank_fill),
        cmocka_unit_test(test_drop_top),  cmocka_unit_test(test_points_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
