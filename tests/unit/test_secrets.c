/* test_secrets.c - secrets kept out of messages (issue 12 #14): URLs are
 * redacted before they are printed (user-info passwords, token-like path
 * and query parts), and the URL-encoded and JSON forms of a registered
 * secret are masked like the secret itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "url.h"
#include "util.h"

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

/* What went to stderr since capture_start; owned by the caller. */
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

static void test_url_redact(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        /* no scheme: the proxy password still goes */
        {"user:PASS@127.0.0.1:3128", "user:***@127.0.0.1:3128"},
        {"htp://user:PASS@127.0.0.1:3128", "htp://user:***@127.0.0.1:3128"},
        {"HTTP://u:p4ss@proxy:8080/", "HTTP://u:***@proxy:8080/"},
        {"https://ghp0123456789abcdefXYZ@host/x", "https://***@host/x"},
        /* a Slack webhook without a scheme, and with one */
        {"hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
         "hooks.slack.com/services/***/***/***"},
        {"https://hooks.slack.com/services/T0AB12CD3/B0AB12CD3/abcdefghijklmnopqrstuvwx",
         "https://hooks.slack.com/services/***/***/***"},
        /* query values named like credentials, or looking like one */
        {"http://h/p?api_key=abc&q=plumber+austin&x=Zk81hd7a",
         "http://h/p?api_key=***&q=plumber+austin&x=***"},
        {"http://h/p?token=a#frag", "http://h/p?token=***#frag"},
        {"http://example.com/search?q=x", "http://example.com/search?q=x"},
        {"", ""},
        {"@", "@"},
        {"::://@@/?&=#", "::://@@/?&=#"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *got = url_redact(cases[i].in);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: got [%s], want [%s]", i, got, cases[i].want);
        free(got);
    }
    assert_null(url_redact(NULL));
}

static void test_encoded_secret_masked(void **state)
{
    (void)state;
    util_register_secret("PLANT/key+x=77");
    util_register_secret("two words");
    capture_start();
    error("provider said: bad api_key=PLANT%%2Fkey%%2Bx%%3D77 (raw PLANT/key+x=77)");
    error("lower PLANT%%2fkey%%2bx%%3d77 json \"PLANT\\/key+x=77\"");
    error("form two+words and two%%20words");
    char *msg = capture_end();
    assert_null(strstr(msg, "PLANT"));
    assert_null(strstr(msg, "two"));
    assert_non_null(strstr(msg, "api_key=***"));
    free(msg);
}

static void test_longest_secret_first(void **state)
{
    (void)state;
    util_register_secret("abcd");
    util_register_secret("abcdSECRETTAIL");
    capture_start();
    error("x abcdSECRETTAIL y");
    char *msg = capture_end();
    assert_null(strstr(msg, "TAIL"));
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_redact),
        cmocka_unit_test(test_encoded_secret_masked),
        cmocka_unit_test(test_longest_secret_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
