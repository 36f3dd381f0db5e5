/* test_track.c - the track/ seam without network: crawl outcomes as enum +
 * detail and the exact reason text they store, the alert rank rules on
 * given positions, the retry-round policy, and the run lock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/crawl/crawl_int.h"
#include "crawl.h"
#include "config.h"
#include "track.h"
#include "util.h"

/* The reason text stored in existing databases must not change. */
static void test_err_text(void **state)
{
    (void)state;
    struct {
        enum crawl_err e;
        const char *detail, *name, *text;
    } cases[] = {
        {CRAWL_TIMEOUT, NULL, "timeout", "timeout"},
        {CRAWL_CONNECT, "Connection refused", "connection", "connection: Connection refused"},
        {CRAWL_HTTP, "429", "http", "http 429"},
        {CRAWL_TOO_LARGE, NULL, "too_large", "too_large"},
        {CRAWL_BUDGET, NULL, "budget", "budget"},
        {CRAWL_COOLDOWN, NULL, "cooldown", "cooldown: engine keeps blocking, skipped for this run"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_string_equal(crawl_err_name(cases[i].e), cases[i].name);
        char *t = crawl_err_text(cases[i].e, cases[i].detail);
        assert_string_equal(t, cases[i].text);
        free(t);
    }
    assert_null(crawl_err_text(CRAWL_OK, NULL));
    assert_string_equal(crawl_err_name(CRAWL_OK), "ok");
    /* every outcome has its own name */
    for (int a = 0; a < CRAWL_ERR_COUNT; a++)
        for (int b = a + 1; b < CRAWL_ERR_COUNT; b++)
            assert_string_not_equal(crawl_err_name((enum crawl_err)a),
                                    crawl_err_name((enum crawl_err)b));
}

static void test_err_unreachable(void **state)
{
    (void)state;
    for (int e = 0; e < CRAWL_ERR_COUNT; e++)
        assert_int_equal(crawl_err_unreachable((enum crawl_err)e),
                         e == CRAWL_TIMEOUT || e == CRAWL_CONNECT);
}

/* Classification switches on the enum: the text alone decides nothing. */
static void test_classify_by_enum(void **state)
{
    (void)state;
    struct serp_page pg;
    char *reason = NULL;
    /* a cool-down is a block whatever its text says */
    assert_int_equal(
        crawl_classify(SERP_GOOGLE, PROVIDER_DIRECT, 0, NULL, 0, CRAWL_COOLDOWN, "x", &pg, &reason),
        MODEL_BLOCKED);
    assert_string_equal(reason, "x");
    free(reason);
    serp_page_release(&pg);
    /* text that looks like a cool-down is not one */
    assert_int_equal(crawl_classify(SERP_GOOGLE, PROVIDER_DIRECT, 0, NULL, 0, CRAWL_BUDGET,
                                    "cooldown: lookalike", &pg, &reason),
                     MODEL_ERROR);
    free(reason);
    serp_page_release(&pg);
    assert_int_equal(crawl_classify(SERP_GOOGLE, PROVIDER_DIRECT, 200, "<html></html>", 13,
                                    CRAWL_TOO_LARGE, "whatever", &pg, &reason),
                     MODEL_ERROR);
    assert_string_equal(reason, "too_large");
    free(reason);
    serp_page_release(&pg);
}

static void conf(struct config *ini, const char *text)
{
    assert_int_equal(config_parse(ini, text, strlen(text), "test.conf"), 0);
}

static void test_rank_rules(void **state)
{
    (void)state;
    struct config cfg;
    conf(&cfg, "");
    struct track_alert a[5];
    size_t n = track_alert_rank_rules(&cfg, 2, 30, 5, 30, a);
    assert_int_equal(n, 2);
    assert_string_equal(a[0].rule, "drop");
    assert_string_equal(a[0].what, "dropped 2 -> 5");
    assert_string_equal(a[1].rule, "left_top3");
    assert_string_equal(a[1].what, "2 -> 5");
    track_alert_list_free(a, n);

    n = track_alert_rank_rules(&cfg, MODEL_NONE, 30, 8, 30, a);
    assert_int_equal(n, 1);
    assert_string_equal(a[0].rule, "entered_top10");
    assert_string_equal(a[0].what, "not in top 30 -> 8");
    track_alert_list_free(a, n);

    n = track_alert_rank_rules(&cfg, 9, 20, MODEL_NONE, 20, a);
    assert_int_equal(n, 2);
    assert_string_equal(a[0].rule, "drop");
    assert_string_equal(a[0].what, "dropped 9 -> not in top 20");
    assert_string_equal(a[1].rule, "left_top10");
    track_alert_list_free(a, n);

    /* a small move raises nothing */
    assert_int_equal(track_alert_rank_rules(&cfg, 5, 30, 6, 30, a), 0);
    config_release(&cfg);

    conf(&cfg, "[alerts]\ndrop = 0\ntop3 = no\n");
    n = track_alert_rank_rules(&cfg, 2, 30, 12, 30, a);
    assert_int_equal(n, 1);
    assert_string_equal(a[0].rule, "left_top10");
    track_alert_list_free(a, n);
    config_release(&cfg);
}

static void test_retry_policy(void **state)
{
    (void)state;
    assert_true(track_retry_again(0, 2, 3, -1));
    assert_true(track_retry_again(1, 2, 1, 10));
    assert_false(track_retry_again(2, 2, 3, -1)); /* rounds used up */
    assert_false(track_retry_again(0, 2, 0, -1)); /* nothing failed */
    assert_false(track_retry_again(0, 2, 3, 0));  /* budget spent */
    assert_false(track_retry_again(0, 0, 3, -1)); /* retries off */
    assert_true(track_retry_wait(60, 0) == 60);
    assert_true(track_retry_wait(60, 1) == 120);
    assert_true(track_retry_wait(60, 2) == 240);
}

/* A retry round on the run's one crawler starts fresh but keeps the budget
 * spent so far. */
static void test_new_round_keeps_budget(void **state)
{
    (void)state;
    struct config cfg;
    conf(&cfg, "");
    struct crawl *c;
    assert_int_equal(crawl_new(&cfg, &c), 0);
    crawl_set_budget(c, 0);
    assert_false(crawl_budget_left(c));
    crawl_new_round(c);
    assert_false(crawl_budget_left(c));
    assert_int_equal(crawl_requests(c), 0);
    crawl_set_budget(c, 1);
    assert_true(crawl_budget_left(c));
    crawl_free(c);
    config_release(&cfg);
}

/* A second run meets the lock, through another spelling of the path too. */
static void test_run_lock(void **state)
{
    (void)state;
    char dir[] = "/tmp/serptrack-test-track-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *db = xasprintf("%s/a.db", dir), *link = xasprintf("%s/b.db", dir);
    char *lock = xasprintf("%s.lock", db);
    FILE *f = fopen(db, "w"); /* a symlink resolves only to a file that exists */
    assert_non_null(f);
    fclose(f);
    assert_int_equal(symlink(db, link), 0);
    struct track_err err;
    int fd = track_run_lock(db, &err);
    assert_true(fd >= 0);
    assert_int_equal(track_run_lock(link, &err), -2);
    close(fd);
    fd = track_run_lock(link, &err);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(track_run_lock("/nonexistent-dir-serptrack/x.db", &err), -1);
    assert_non_null(strstr(err.msg, "run: '/nonexistent-dir-serptrack'"));
    unlink(lock);
    unlink(link);
    unlink(db);
    rmdir(dir);
    free(db);
    free(link);
    free(lock);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err_text),
        cmocka_unit_test(test_err_unreachable),
        cmocka_unit_test(test_classify_by_enum),
        cmocka_unit_test(test_rank_rules),
        cmocka_unit_test(test_retry_policy),
        cmocka_unit_test(test_run_lock),
        cmocka_unit_test(test_new_round_keeps_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
