/* test_hosts.c - host names in one form (issue 12 #7: IDNs as lower-case
 * A-labels, so "BÜCHER.DE", "bücher.de" and "xn--bcher-kva.de" are one
 * site and match each other's results) and URLs whose authority holds a
 * backslash, space or control character (issue 12 #16: browsers and
 * libcurl disagree on their host, so they have none: never the site's,
 * never linked in a report). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"
#include "url.h"
#include "util.h"

static void expect_host(const char *in, const char *want)
{
    char *got = url_host(in);
    char msg[512];
    int bad = want ? !got || strcmp(got, want) != 0 : got != NULL;
    snprintf(msg, sizeof msg, "url_host(%s): got [%s], want [%s]", in, got ? got : "(null)",
             want ? want : "(null)");
    free(got); /* before failing: cmocka's fail_msg does not return */
    if (bad)
        fail_msg("%s", msg);
}

static void expect_domain(const char *in, const char *want)
{
    char *got = url_domain(in);
    char msg[512];
    int bad = want ? !got || strcmp(got, want) != 0 : got != NULL;
    snprintf(msg, sizeof msg, "url_domain(%s): got [%s], want [%s]", in, got ? got : "(null)",
             want ? want : "(null)");
    free(got); /* before failing: cmocka's fail_msg does not return */
    if (bad)
        fail_msg("%s", msg);
}

static void idn_one_form(void **state)
{
    (void)state;
    expect_host("https://xn--bcher-kva.de/", "xn--bcher-kva.de");
    expect_host("https://XN--BCHER-KVA.DE/x", "xn--bcher-kva.de");
    expect_host("https://b\xc3\xbc" "cher.de/x", "xn--bcher-kva.de");
    expect_host("https://B\xc3\x9c" "CHER.DE/", "xn--bcher-kva.de");
    expect_host("b\xc3\xbc" "cher.de", "xn--bcher-kva.de");
    expect_host("B\xc3\x9c" "CHER.DE", "xn--bcher-kva.de");
    expect_host("B\xc3\x9c" "CHER.DE.", "xn--bcher-kva.de");
    expect_host("//www.b\xc3\xbc" "cher.de/", "www.xn--bcher-kva.de");
    expect_host("Example.COM", "example.com");
    expect_host("https://my_host.example.com/", "my_host.example.com");
    expect_domain("https://shop.b\xc3\xbc" "cher.de/x", "xn--bcher-kva.de");
    expect_domain("https://www.xn--bcher-kva.de/", "xn--bcher-kva.de");
    expect_domain("B\xc3\x9c" "CHER.DE", "xn--bcher-kva.de");
    /* a registrable domain under an IDN suffix */
    expect_domain("https://www.\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88/",
                  "xn--r8jz45g.xn--zckzah");
    assert_true(url_matches_site("https://xn--bcher-kva.de/buch", "b\xc3\xbc" "cher.de"));
    assert_true(url_matches_site("https://www.b\xc3\xbc" "cher.de/", "xn--bcher-kva.de"));
    assert_true(url_matches_site("https://B\xc3\x9c" "CHER.de/", "b\xc3\xbc" "cher.de"));
    assert_false(url_matches_site("https://bucher.de/", "b\xc3\xbc" "cher.de"));
    /* broken UTF-8 is no host */
    expect_host("b\xc3" "cher.de", NULL);
}

static void authority_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "https://evil.io\\@example.com/",
        "https://evil.io\\@example.com",
        "http://evil.io\\.example.com/",
        "https://example.com\\evil.io/",
        "//evil.io\\@example.com/",
        "https://evil.io @example.com/",
        "https://evil.io\t@example.com/",
        "https://evil.io\r\n@example.com/",
        "https://evil.io\x7f@example.com/",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        expect_host(bad[i], NULL);
        expect_domain(bad[i], NULL);
        if (url_matches_site(bad[i], "example.com") || url_matches_site(bad[i], "evil.io"))
            fail_msg("%s counted as a site's", bad[i]);
        if (report_url_ok(bad[i]))
            fail_msg("%s would be linked in a report", bad[i]);
    }
    /* a backslash after the authority is only a path character */
    expect_host("https://example.com/a\\b", "example.com");
    assert_true(report_url_ok("https://example.com/x"));
    assert_true(url_matches_site("https://user@example.com/", "example.com"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(idn_one_form),
        cmocka_unit_test(authority_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
