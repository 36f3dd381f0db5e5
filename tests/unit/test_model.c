/* test_model.c - the keyword rules of model.h, which `kw add`, `kw import`,
 * `kw set` and the store all apply (each had its own copy): schedules,
 * queries, depth, device; and the store refusing what the rules refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model.h"
#include "store.h"
#include "util.h"

static void schedules(void **state)
{
    (void)state;
    assert_int_equal(model_schedule_secs("daily"), DAY_SECS);
    assert_int_equal(model_schedule_secs("weekly"), 7 * 86400);
    assert_int_equal(model_schedule_secs("1h"), 3600);
    assert_int_equal(model_schedule_secs("12h"), 12 * 3600);
    assert_int_equal(model_schedule_secs("8760h"), 8760LL * 3600);
    /* refused: out of range, not a number, other words, empty, NULL */
    assert_int_equal(model_schedule_secs("0h"), -1);
    assert_int_equal(model_schedule_secs("8761h"), -1);
    assert_int_equal(model_schedule_secs("99999h"), -1);
    assert_int_equal(model_schedule_secs("h"), -1);
    assert_int_equal(model_schedule_secs("1.5h"), -1);
    assert_int_equal(model_schedule_secs("-1h"), -1);
    assert_int_equal(model_schedule_secs("12"), -1);
    assert_int_equal(model_schedule_secs("Daily"), -1);
    assert_int_equal(model_schedule_secs("monthly"), -1);
    assert_int_equal(model_schedule_secs(""), -1);
    assert_int_equal(model_schedule_secs(NULL), -1);
}

static void queries(void **state)
{
    (void)state;
    assert_null(model_query_problem("plumber austin"));
    assert_null(model_query_problem("plomero económico 🚰"));
    assert_string_equal(model_query_problem(""), "empty query");
    assert_string_equal(model_query_problem("  \t "), "empty query");
    assert_string_equal(model_query_problem(NULL), "empty query");
    assert_string_equal(model_query_problem("a\tb"), "query contains control characters");
    assert_string_equal(model_query_problem("a\x7f"), "query contains control characters");
    assert_string_equal(model_query_problem("caf\xe9"), "query is not valid UTF-8");
    char *big = xmalloc(MODEL_QUERY_MAX + 2);
    memset(big, 'a', MODEL_QUERY_MAX + 1);
    big[MODEL_QUERY_MAX + 1] = '\0';
    assert_string_equal(model_query_problem(big), "query longer than 32 KB");
    big[MODEL_QUERY_MAX] = '\0';
    assert_null(model_query_problem(big));
    free(big);
}

static void depth_and_device(void **state)
{
    (void)state;
    assert_true(model_depth_ok(MODEL_DEPTH_MIN));
    assert_true(model_depth_ok(MODEL_DEPTH_DEFAULT));
    assert_true(model_depth_ok(MODEL_DEPTH_MAX));
    assert_false(model_depth_ok(MODEL_DEPTH_MIN - 1));
    assert_false(model_depth_ok(MODEL_DEPTH_MAX + 1));
    assert_false(model_depth_ok(0));
    assert_true(model_device_ok("desktop"));
    assert_true(model_device_ok("mobile"));
    assert_false(model_device_ok("tablet"));
    assert_false(model_device_ok(NULL));
}

static void query_norm(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"Plumber  Austin", "plumber austin"},
        {"  emergency\tplumber\r\n austin  ", "emergency plumber austin"},
        {"PLOMERO ÉCONÓMICO", "plomero ÉconÓmico"}, /* ASCII only: bytes >= 0x80 kept */
        {"", ""},
        {"   ", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = model_query_norm(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
    char *n = model_query_norm(NULL);
    assert_string_equal(n, "");
    free(n);
}

/* The store keys search volumes by the normalised query: a volume stored
 * for one spelling is found by another. */
static void store_volume_keyed(store *st)
{
    struct store_volume v = {.query = "Plumber   AUSTIN ", .location = "", .volume = 90,
                             .cpc = -1, .competition = -1, .source = "test"};
    assert_int_equal(store_volume_set(st, &v), 0);
    struct store_volume got;
    assert_int_equal(store_volume_get(st, "plumber austin", NULL, &got), 1);
    assert_int_equal(got.volume, 90);
    store_volume_release(&got);
}

/* The store applies the same rules to what reaches it directly. */
static void store_applies_them(void **state)
{
    (void)state;
    char path[] = "/tmp/test_model_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    store *st = NULL;
    assert_int_equal(store_open(path, STORE_CREATE | STORE_WRITE, &st, NULL), 0);
    long long sid = 0;
    assert_int_equal(store_site_add(st, &(struct model_site){.domain = "example.com"}, &sid), 0);
    struct model_keyword k = {.query = "plumber austin", .site = "example.com"};
    long long id = 0;
    assert_int_equal(store_kw_add(st, &k, &id), 0);
    assert_true(id > 0);
    struct model_keyword blank = {.query = "   ", .site = "example.com"};
    assert_int_not_equal(store_kw_add(st, &blank, &id), 0);
    struct model_keyword sched = {.query = "q2", .site = "example.com", .schedule = "0h"};
    assert_int_not_equal(store_kw_add(st, &sched, &id), 0);
    struct model_keyword deep = {.query = "q3", .site = "example.com", .depth = 101};
    assert_int_not_equal(store_kw_add(st, &deep, &id), 0);
    assert_int_not_equal(store_kw_set(st, 1, NULL, 9, NULL), 0);
    assert_int_not_equal(store_kw_set(st, 1, NULL, 0, "weekl"), 0);
    assert_int_equal(store_kw_set(st, 1, NULL, 0, "6h"), 0);
    store_volume_keyed(st);
    store_close(st);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schedules),
        cmocka_unit_test(queries),
        cmocka_unit_test(depth_and_device),
        cmocka_unit_test(query_norm),
        cmocka_unit_test(store_applies_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
