/* test_config.c - serptrack.conf values as an operator writes them (issue
 * 12 #10, #23, #24): quoted values with comments after them, a leading
 * UTF-8 BOM, and numeric keys out of range warning with the default used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ini.h"
#include "research.h"
#include "util.h"

/* stderr capture: warnings are part of the contract under test. */
static int saved_fd = -1;
static FILE *cap;

static void capture_start(void)
{
    fflush(stderr);
    cap = tmpfile();
    assert_non_null(cap);
    saved_fd = dup(2);
    assert_true(saved_fd >= 0);
    assert_true(dup2(fileno(cap), 2) >= 0);
}

/* Returns what went to stderr since capture_start (owned by the caller). */
static char *capture_end(void)
{
    fflush(stderr);
    dup2(saved_fd, 2);
    close(saved_fd);
    long n = ftell(cap);
    char *buf = xcalloc((size_t)(n > 0 ? n : 0) + 1, 1);
    rewind(cap);
    if (n > 0)
        assert_int_equal(fread(buf, 1, (size_t)n, cap), (size_t)n);
    fclose(cap);
    return buf;
}

static int parse(struct ini *ini, const char *text)
{
    memset(ini, 0, sizeof *ini);
    return ini_parse(ini, text, strlen(text), "t.conf");
}

static void test_quoted_values(void **state)
{
    (void)state;
    struct ini ini;
    const char *text = "[engine.google]\n"
                       "api_key = \"GOODKEY123\"   ; my key\n"
                       "a = 'single'# note\n"
                       "b = \"keep ; and # inside\"\n"
                       "c = \"\"\n"
                       "d = \"x\"\r\n"
                       "e = plain ; comment\n";
    assert_int_equal(parse(&ini, text), 0);
    /* #10: the comment after the closing quote is not part of the key */
    assert_string_equal(ini_get(&ini, "engine.google", "api_key", NULL), "GOODKEY123");
    assert_string_equal(ini_get(&ini, "engine.google", "a", NULL), "single");
    assert_string_equal(ini_get(&ini, "engine.google", "b", NULL), "keep ; and # inside");
    assert_string_equal(ini_get(&ini, "engine.google", "c", NULL), "");
    assert_string_equal(ini_get(&ini, "engine.google", "d", NULL), "x");
    assert_string_equal(ini_get(&ini, "engine.google", "e", NULL), "plain");
    ini_release(&ini);

    /* Other text after the closing quote, or no closing quote: an error
     * naming the line, never a silently mangled secret. */
    const char *bad[] = {"[a]\nk = \"v\" x\n", "[a]\nk = \"v\n", "[a]\nk = 'v'\"\n"};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        capture_start();
        int rc = parse(&ini, bad[i]);
        char *msg = capture_end();
        assert_int_equal(rc, -1);
        assert_non_null(strstr(msg, "t.conf:2:"));
        free(msg);
        ini_release(&ini);
    }
}

static void test_bom(void **state)
{
    (void)state;
    struct ini ini;
    /* #23: a BOM before the first section header */
    assert_int_equal(parse(&ini, "\xEF\xBB\xBF[crawl]\nconcurrency = 8\n"), 0);
    assert_int_equal(ini_get_int(&ini, "crawl", "concurrency", 4, 1, 64), 8);
    ini_release(&ini);
    /* and before a comment line */
    assert_int_equal(parse(&ini, "\xEF\xBB\xBF# c\n[a]\nx = 1\n"), 0);
    assert_string_equal(ini_get(&ini, "a", "x", NULL), "1");
    ini_release(&ini);
    /* a BOM anywhere else is still not a key */
    capture_start();
    int rc = parse(&ini, "[a]\n\xEF\xBB\xBFx\n");
    free(capture_end());
    assert_int_equal(rc, -1);
    ini_release(&ini);
}

static void test_double_range(void **state)
{
    (void)state;
    struct ini ini;
    assert_int_equal(parse(&ini, "[value]\nbing_share = 9\nduckduckgo_share = 0.5\n"
                                 "conversion_rate = -2\nrent_share_low = 0.1\n"
                                 "rent_share_high = 1.5\nx = abc\n"),
                     0);
    /* #24: out of range warns, naming the key and the default, and uses it */
    capture_start();
    double bing = research_engine_share(&ini, SERP_BING);
    char *msg = capture_end();
    assert_true(bing > 0.0899 && bing < 0.0901);
    assert_non_null(strstr(msg, ":2: [value] bing_share"));
    assert_non_null(strstr(msg, "using 0.09"));
    free(msg);

    capture_start();
    double ddg = research_engine_share(&ini, SERP_DUCKDUCKGO);
    msg = capture_end();
    assert_true(ddg > 0.4999 && ddg < 0.5001);
    assert_string_equal(msg, "");
    free(msg);

    struct research_assumptions a;
    capture_start();
    research_assumptions_load(&ini, &a);
    msg = capture_end();
    assert_true(a.conversion > 0.0499 && a.conversion < 0.0501);
    assert_non_null(strstr(msg, "conversion_rate"));
    assert_non_null(strstr(msg, "rent_share_high"));
    assert_true(a.share_low > 0.0999 && a.share_low < 0.1001);
    assert_true(a.share_high > 0.3999 && a.share_high < 0.4001);
    free(msg);

    capture_start();
    double x = ini_get_double_range(&ini, "value", "x", 2.5, 0, 10);
    double absent = ini_get_double_range(&ini, "value", "nope", 3.5, 0, 10);
    msg = capture_end();
    assert_true(x == 2.5 && absent == 3.5);
    assert_non_null(strstr(msg, "[value] x: expected a number from 0 to 10, using 2.5"));
    free(msg);
    ini_release(&ini);

    /* a bad yes/no names the default used too */
    assert_int_equal(parse(&ini, "[alerts]\ntop3 = maybe\n"), 0);
    capture_start();
    int top3 = ini_get_bool(&ini, "alerts", "top3", 1);
    msg = capture_end();
    assert_int_equal(top3, 1);
    assert_non_null(strstr(msg, "[alerts] top3: expected yes or no, using yes"));
    free(msg);
    ini_release(&ini);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_values),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_double_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
