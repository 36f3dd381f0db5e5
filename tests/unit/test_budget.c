/* test_budget.c - [budget] caps (issue 18 #4): the cap arithmetic (a fetch
 * that reaches a cap exactly fits, one request more does not; money caps
 * with and without a price), the config scheme (KEY, KEY.PROVIDER by any
 * alias, KEY.DOMAIN, bad values ignored) and the summary line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "track.h"
#include "util.h"

static void test_fits(void **state)
{
    (void)state;
    /* no caps */
    assert_true(track_budget_fits(1e9, -1, 1e9, -1, 10, 0.01));
    /* requests: exactly at the cap fits, one more does not */
    assert_true(track_budget_fits(6, 7, 0, -1, 1, -1));
    assert_false(track_budget_fits(7, 7, 0, -1, 1, -1));
    assert_false(track_budget_fits(5, 7, 0, -1, 3, -1));
    assert_true(track_budget_fits(4, 7, 0, -1, 3, -1));
    /* cap 0: nothing */
    assert_false(track_budget_fits(0, 0, 0, -1, 1, -1));
    assert_false(track_budget_fits(0, -1, 0, 0, 1, 0.0006));
    /* money: $0.0006 a request, cap $0.003 = 5 requests (sums of floats) */
    double spent = 0;
    int made = 0;
    while (track_budget_fits(made, -1, spent, 0.003, 1, 0.0006)) {
        spent += 0.0006;
        made++;
    }
    assert_int_equal(made, 5);
    /* no price: a money cap cannot apply */
    assert_true(track_budget_fits(0, -1, 100, 0.01, 10, -1));
    /* both: the tighter one decides */
    assert_false(track_budget_fits(0, 100, 0, 0.001, 2, 0.0006));
    assert_false(track_budget_fits(0, 1, 0, 1, 2, 0.0006));
}

static void test_config(void **state)
{
    (void)state;
    const char *text = "[budget]\n"
                       "requests_per_day = 100\n"
                       "requests_per_day.serp-api = 7\n"
                       "usd_per_day.serper = 0.5\n"
                       "usd_per_day = oops\n"
                       "site_requests_per_day = 40\n"
                       "site_requests_per_day.austin-plumbing-pros.com = 0\n";
    struct config cfg;
    assert_int_equal(config_parse(&cfg, text, strlen(text), "t.conf"), 0);
    assert_true(config_budget(&cfg, "requests_per_day", "direct") == 100);
    /* a provider by any of its names */
    assert_true(config_budget(&cfg, "requests_per_day", "serpapi") == 7);
    assert_true(config_budget(&cfg, "requests_per_day", "serp-api") == 7);
    assert_true(config_budget(&cfg, "requests_per_day", NULL) == 100);
    assert_true(config_budget(&cfg, "usd_per_day", "serper") == 0.5);
    /* a bad value is no cap */
    assert_true(config_budget(&cfg, "usd_per_day", "direct") < 0);
    assert_true(config_budget(&cfg, "site_requests_per_day", "austin-plumbing-pros.com") == 0);
    assert_true(config_budget(&cfg, "site_requests_per_day", "other.com") == 40);
    assert_true(config_budget(&cfg, "site_usd_per_day", "other.com") < 0);
    config_release(&cfg);
    config_defaults(&cfg);
    assert_true(config_budget(&cfg, "requests_per_day", "direct") < 0);
    config_release(&cfg);
}

static void test_line(void **state)
{
    (void)state;
    struct track_budget_stop b = {.who = "serpapi", .spent = 7, .cap = 7, .left = 5};
    char *l = track_budget_line(&b);
    assert_string_equal(l, "budget: serpapi reached 7 requests today (cap 7); 5 keywords left "
                           "for tomorrow");
    free(l);
    b.usd = 1;
    b.spent = 0.0042;
    b.cap = 0.005;
    b.left = 1;
    l = track_budget_line(&b);
    assert_string_equal(l, "budget: serpapi reached $0.0042 today (cap $0.005); 1 keyword left for "
                           "tomorrow");
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fits),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
