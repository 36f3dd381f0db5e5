/* test_hostile2.c - issue 12 items 25 and 26 at the unit level: impossible
 * calendar dates (month lengths, leap years) refused by util_parse_time and
 * by the call-export time parser, and util_read_file saying EISDIR for a
 * directory rather than a bare I/O error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "research.h"
#include "util.h"

static void test_days_in_month(void **state)
{
    (void)state;
    assert_int_equal(util_days_in_month(2026, 1), 31);
    assert_int_equal(util_days_in_month(2026, 2), 28);
    assert_int_equal(util_days_in_month(2024, 2), 29);
    assert_int_equal(util_days_in_month(2000, 2), 29); /* divisible by 400 */
    assert_int_equal(util_days_in_month(2100, 2), 28); /* by 100, not 400 */
    assert_int_equal(util_days_in_month(2026, 4), 30);
    assert_int_equal(util_days_in_month(2026, 12), 31);
    assert_int_equal(util_days_in_month(2026, 13), 0);
    assert_int_equal(util_days_in_month(2026, 0), 0);
}

static void test_parse_time_impossible(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "2026-02-29", "2026-02-30", "2026-02-31", "2026-04-31", "2026-06-31",
        "2026-09-31", "2026-11-31", "2100-02-29", "2026-02-30T06:00:00Z",
        "2026-02-29 12:00:00", "2026-00-10", "2026-13-01", "2026-01-32", "2026-01-00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        time_t t = 12345;
        if (util_parse_time(bad[i], &t) == 0)
            fail_msg("'%s' accepted", bad[i]);
        assert_int_equal(t, 12345);
    }
}

static void test_parse_time_month_ends(void **state)
{
    (void)state;
    time_t t, next;
    assert_int_equal(util_parse_time("2024-02-29", &t), 0);
    assert_int_equal(util_parse_time("2024-03-01", &next), 0);
    assert_int_equal(next - t, 86400);
    assert_int_equal(util_parse_time("2000-02-29T23:59:59Z", &t), 0);
    assert_int_equal(util_parse_time("2026-01-31", &t), 0);
    assert_int_equal(util_parse_time("2026-04-30", &t), 0);
    assert_int_equal(util_parse_time("2026-12-31", &t), 0);
    assert_int_equal(util_parse_time("2026-02-28", &t), 0);
    assert_int_equal(util_parse_time("2026-03-01", &next), 0);
    assert_int_equal(next - t, 86400);
}

static void test_call_time_impossible(void **state)
{
    (void)state;
    time_t t;
    /* strptime takes these and timegm would roll them into March. */
    assert_int_equal(research_parse_call_time("02/30/2026", &t), -1);
    assert_int_equal(research_parse_call_time("02/29/2026 10:00", &t), -1);
    assert_int_equal(research_parse_call_time("04/31/2026 10:00:00", &t), -1);
    assert_int_equal(research_parse_call_time("2026-02-31 10:00:00 +0000", &t), -1);
    assert_int_equal(research_parse_call_time("02/29/2024", &t), 0);
    assert_int_equal(research_parse_call_time("2026-02-28 10:00:00 +0000", &t), 0);
}

static void test_read_file_directory(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_hostile2.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *buf = NULL;
    size_t len = 0;
    errno = 0;
    assert_int_equal(util_read_file(dir, 0, &buf, &len), -1);
    assert_int_equal(errno, EISDIR);
    assert_null(buf);
    errno = 0;
    assert_int_equal(util_read_file("/", 1024, &buf, &len), -1);
    assert_int_equal(errno, EISDIR);

    /* A regular file still reads, and a missing one keeps ENOENT. */
    char *path = xasprintf("%s/f.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("hello", f);
    fclose(f);
    assert_int_equal(util_read_file(path, 0, &buf, &len), 0);
    assert_int_equal(len, 5);
    assert_string_equal(buf, "hello");
    free(buf);
    unlink(path);
    errno = 0;
    assert_int_equal(util_read_file(path, 0, &buf, &len), -1);
    assert_int_equal(errno, ENOENT);
    free(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_parse_time_impossible),
        cmocka_unit_test(test_parse_time_month_ends),
        cmocka_unit_test(test_call_time_impossible),
        cmocka_unit_test(test_read_file_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
