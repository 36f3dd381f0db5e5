/* test_alerting.c - the alert e-mail text (issue 12 #27): CRLF after every
 * line, no bare CR or LF anywhere (strict SMTP servers refuse them), and
 * no dot-stuffing of our own, since libcurl's SMTP upload stuffs lines
 * starting with "." (tests/e2e/alerts.sh checks that against the sink). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "track.h"

/* every LF preceded by CR, every CR followed by LF */
static int crlf_only(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\n' && (p == s || p[-1] != '\r'))
            return 0;
        if (*p == '\r' && p[1] != '\n')
            return 0;
    }
    return 1;
}

static void test_mail_crlf(void **state)
{
    (void)state;
    const char *lines[] = {
        "\"plumber austin\" (google) for a.com: dropped 3 -> 7",
        "\"drain\" (bing) for a.com: left_top10",
        "broken\nacross\r\nlines\rhere",
    };
    char *m = track_notify_mail_text("Mon, 02 Nov 2026 06:00:00 +0000", "f@example.com",
                                     "t@example.com", lines, 3);
    assert_true(crlf_only(m));
    assert_non_null(strstr(m, "Subject: serptrack: 3 rank alerts\r\n"));
    assert_non_null(strstr(m, "\r\n\r\n\"plumber austin\" (google) for a.com: dropped 3 -> 7\r\n"
                              "\"drain\" (bing) for a.com: left_top10\r\n"));
    assert_non_null(strstr(m, "broken\r\nacross\r\nlines\r\nhere\r\n"));
    size_t n = strlen(m);
    assert_true(n >= 2 && m[n - 2] == '\r' && m[n - 1] == '\n');
    free(m);
}

static void test_mail_dot_lines_left_to_libcurl(void **state)
{
    (void)state;
    const char *lines[] = {".", ".hidden line", "a\n.b"};
    char *m = track_notify_mail_text("d", "f@example.com", "t@example.com", lines, 3);
    assert_true(crlf_only(m));
    /* a lone "." would end DATA if nobody stuffed it; libcurl does, once */
    assert_non_null(strstr(m, "\r\n.\r\n.hidden line\r\na\r\n.b\r\n"));
    assert_null(strstr(m, "\r\n.."));
    assert_non_null(strstr(m, "Subject: serptrack: 3 rank alerts\r\n"));
    free(m);
}

static void test_mail_one_alert(void **state)
{
    (void)state;
    const char *lines[] = {"x"};
    char *m = track_notify_mail_text("d", "f@example.com", "t@example.com", lines, 1);
    assert_non_null(strstr(m, "Subject: serptrack: 1 rank alert\r\n"));
    assert_true(crlf_only(m));
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mail_crlf),
        cmocka_unit_test(test_mail_dot_lines_left_to_libcurl),
        cmocka_unit_test(test_mail_one_alert),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
