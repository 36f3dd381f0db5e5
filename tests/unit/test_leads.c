/* test_leads.c - what `leads list`, `portfolio` and `value` build on: the
 * channel a call-tracking Source falls in (the names CallRail and
 * CallTrackingMetrics really export, spelling variants, the rule order,
 * hostile text), callers' numbers masked for a shared list, and
 * store_lead_list's site and period filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "research.h"
#include "store.h"
#include "util.h"

#include "fixture.h"

static const struct {
    const char *source;
    enum research_channel want;
} cases[] = {
    /* CallRail's source names */
    {"Google Organic", RESEARCH_CH_ORGANIC},
    {"Bing Organic", RESEARCH_CH_ORGANIC},
    {"Yahoo Organic", RESEARCH_CH_ORGANIC},
    {"Google My Business", RESEARCH_CH_PROFILE},
    {"Google Paid", RESEARCH_CH_PAID},
    {"Bing Paid", RESEARCH_CH_PAID},
    {"Facebook Paid", RESEARCH_CH_PAID},
    {"Direct", RESEARCH_CH_DIRECT},
    {"Facebook", RESEARCH_CH_REFERRAL},
    {"Yelp", RESEARCH_CH_REFERRAL},
    /* CallTrackingMetrics' preset sources */
    {"Google Business Profile", RESEARCH_CH_PROFILE},
    {"Google Ads", RESEARCH_CH_PAID},
    {"Ad Extension", RESEARCH_CH_PAID},
    {"Bing Ads", RESEARCH_CH_PAID},
    {"Microsoft Advertising", RESEARCH_CH_PAID},
    {"Referral", RESEARCH_CH_REFERRAL},
    {"Website Referral", RESEARCH_CH_REFERRAL},
    /* what operators name their own trackers */
    {"GMB", RESEARCH_CH_PROFILE},
    {"gbp listing", RESEARCH_CH_PROFILE},
    {"Google Maps", RESEARCH_CH_PROFILE},
    {"Maps", RESEARCH_CH_PROFILE},
    {"LSA", RESEARCH_CH_PAID},
    {"Local Services Ads", RESEARCH_CH_PAID},
    {"Angie's List", RESEARCH_CH_REFERRAL},
    {"SEO", RESEARCH_CH_ORGANIC},
    /* case and punctuation do not matter */
    {"GOOGLE ORGANIC", RESEARCH_CH_ORGANIC},
    {"google/organic", RESEARCH_CH_ORGANIC},
    {"google-my-business", RESEARCH_CH_PROFILE},
    {"(direct)", RESEARCH_CH_DIRECT},
    {"  Google\tOrganic  ", RESEARCH_CH_ORGANIC},
    /* rule order: paid beats a listing, offline "direct" is not a visit */
    {"Google Ads - Maps", RESEARCH_CH_PAID},
    {"GMB Paid", RESEARCH_CH_PAID},
    {"Direct Mail", RESEARCH_CH_OTHER},
    {"Agent Direct Dial", RESEARCH_CH_OTHER},
    /* whole words only */
    {"Roadside Billboard", RESEARCH_CH_OTHER}, /* "ad" inside words */
    {"Organically Grown Flyer", RESEARCH_CH_OTHER},
    {"Directory Sites", RESEARCH_CH_REFERRAL},
    {"Mapsco", RESEARCH_CH_OTHER},
    /* nothing to go on */
    {"TV", RESEARCH_CH_OTHER},
    {"5125550100", RESEARCH_CH_OTHER}, /* leads import stores the number when there is no Source */
    {"", RESEARCH_CH_OTHER},
    {"\xff\xfe\x01 organic \x1b[31m", RESEARCH_CH_ORGANIC},
    {"=HYPERLINK(\"http://x\",\"paid\")", RESEARCH_CH_PAID},
};

static void test_channel_of(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        enum research_channel got = research_channel_of(cases[i].source);
        if (got != cases[i].want)
            fail_msg("'%s': got %s, want %s", cases[i].source, research_channel_name(got),
                     research_channel_name(cases[i].want));
    }
    assert_int_equal(research_channel_of(NULL), RESEARCH_CH_OTHER);
}

static void test_channel_long_source(void **state)
{
    (void)state;
    /* far longer than any rule buffer: found at the very end, no over-read */
    size_t n = 100000;
    char *s = xmalloc(n + 20);
    memset(s, '-', n);
    strcpy(s + n, "google organic");
    assert_int_equal(research_channel_of(s), RESEARCH_CH_ORGANIC);
    memset(s, 'x', n + 19);
    s[n + 19] = '\0';
    assert_int_equal(research_channel_of(s), RESEARCH_CH_OTHER);
    free(s);
}

static void test_channel_names(void **state)
{
    (void)state;
    const char *want[] = {"organic", "profile", "paid", "direct", "referral", "other"};
    assert_int_equal(ARRAY_SIZE(want), RESEARCH_CHANNELS);
    for (int c = 0; c < RESEARCH_CHANNELS; c++) {
        assert_string_equal(research_channel_name((enum research_channel)c), want[c]);
        enum research_channel back = RESEARCH_CHANNELS;
        assert_int_equal(research_channel_parse(want[c], &back), 0);
        assert_int_equal(back, c);
    }
    enum research_channel back = RESEARCH_CH_PAID;
    assert_int_equal(research_channel_parse("PROFILE", &back), 0);
    assert_int_equal(back, RESEARCH_CH_PROFILE);
    assert_int_equal(research_channel_parse("gmb", &back), -1);
    assert_int_equal(research_channel_parse(NULL, &back), -1);
    assert_string_equal(research_channel_name((enum research_channel)99), "other");
}

static void test_caller_mask(void **state)
{
    (void)state;
    char buf[20];
    assert_string_equal(research_caller_mask("(512) 555-0101", buf), "(512) ***-0101");
    assert_string_equal(research_caller_mask("+1 512.555.0199", buf), "(512) ***-0199");
    assert_string_equal(research_caller_mask("555-0142", buf), "***-0142");
    assert_null(research_caller_mask("Anonymous", buf));
    assert_null(research_caller_mask("=cmd|' /C calc'!A0", buf));
    assert_null(research_caller_mask("", buf));
    assert_null(research_caller_mask(NULL, buf));
    /* a longer number: its last ten digits, never more than buf holds */
    assert_string_equal(research_caller_mask("+44 20 7946 0958 123", buf), "(946) ***-8123");
    char many[200];
    memset(many, '9', sizeof many - 1);
    many[sizeof many - 1] = '\0';
    assert_string_equal(research_caller_mask(many, buf), "(999) ***-9999");
}

static void test_lead_list(void **state)
{
    (void)state;
    char dir[FIXTURE_DIR_LEN], path[FIXTURE_PATH_LEN];
    store *st;
    assert_int_equal(fixture_store_open("test_leads", dir, path, &st), 0);
    const char *domains[] = {"a-plumb.com", "b-roof.com"};
    for (int i = 0; i < 2; i++) {
        struct model_site s = {.domain = (char *)domains[i], .rent = -1};
        assert_int_equal(store_site_add(st, &s, NULL), 0);
    }
    const time_t t0 = 1793512800; /* 2026-11-01T06:00:00Z */
    /* out of time order on purpose: the list comes back oldest first */
    struct store_lead in[] = {
        {.site = "a-plumb.com", .called_at = t0 + 3 * 86400, .duration = 95,
         .caller = "(512) 555-0101", .source = "Google Organic", .ext_id = "C3"},
        {.site = "b-roof.com", .called_at = t0 + 86400, .duration = 30, .source = "GMB",
         .ext_id = "C2"},
        {.site = "a-plumb.com", .called_at = t0, .duration = 200, .source = "Direct",
         .ext_id = "C1"},
        {.site = "a-plumb.com", .called_at = t0 + 10 * 86400, .duration = 61, .ext_id = "C4"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(in); i++)
        assert_int_equal(store_lead_add(st, &in[i]), 0);
    struct store_lead *v;
    size_t n;
    assert_int_equal(store_lead_list(st, NULL, t0, t0 + 30 * 86400, &v, &n), 0);
    assert_int_equal(n, 4);
    const char *order[] = {"C1", "C2", "C3", "C4"};
    for (size_t i = 0; i < n; i++)
        assert_string_equal(v[i].ext_id, order[i]);
    assert_string_equal(v[1].site, "b-roof.com");
    assert_string_equal(v[2].caller, "(512) 555-0101");
    assert_int_equal(v[2].duration, 95);
    assert_null(v[3].source);
    store_lead_free_list(v, n);
    /* one site, [since, until): the call at `until` is left out */
    assert_int_equal(store_lead_list(st, "a-plumb.com", t0 + 1, t0 + 10 * 86400, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].ext_id, "C3");
    store_lead_free_list(v, n);
    /* an untracked site has no calls rather than every site's */
    assert_int_equal(store_lead_list(st, "nobody.com", 0, t0 + 30 * 86400, &v, &n), 0);
    assert_int_equal(n, 0);
    store_lead_free_list(v, n);
    assert_int_equal(fixture_store_close(dir, st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_channel_of),
        cmocka_unit_test(test_channel_long_source),
        cmocka_unit_test(test_channel_names),
        cmocka_unit_test(test_caller_mask),
        cmocka_unit_test(test_lead_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
