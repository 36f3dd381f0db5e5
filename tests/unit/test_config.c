/* test_config.c - serptrack.conf values as an operator writes them (issue
 * 12 #10, #23, #24): quoted values with comments after them, a leading
 * UTF-8 BOM, and numeric keys out of range warning with the default used;
 * and config_load's typed values, validated once (issue 16): defaults,
 * one warning per bad value, unknown key, unknown provider or section. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "engine.h"
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

/* Parses text as t.conf into cfg; returns what it warned (owned). */
static char *load_cfg(struct config *cfg, const char *text)
{
    capture_start();
    int rc = config_parse(cfg, text, strlen(text), "t.conf");
    char *msg = capture_end();
    assert_int_equal(rc, 0);
    return msg;
}

static int count_warnings(const char *msg)
{
    int n = 0;
    for (const char *p = msg; (p = strstr(p, "warning: ")) != NULL; p++)
        n++;
    return n;
}

static void test_double_range(void **state)
{
    (void)state;
    struct config cfg;
    /* #24: out of range warns, naming the key and the default, and uses it;
     * since issue 16 once, when the file is loaded */
    char *msg = load_cfg(&cfg, "[value]\nbing_share = 9\nduckduckgo_share = 0.5\n"
                               "conversion_rate = -2\nrent_share_low = 0.1\n"
                               "rent_share_high = 1.5\n");
    assert_non_null(strstr(msg, ":2: [value] bing_share"));
    assert_non_null(strstr(msg, "using 0.09"));
    assert_non_null(strstr(msg, "conversion_rate"));
    assert_non_null(strstr(msg, "rent_share_high"));
    assert_null(strstr(msg, "duckduckgo_share"));
    assert_int_equal(count_warnings(msg), 3);
    free(msg);

    capture_start();
    double bing = research_engine_share(&cfg, SERP_BING);
    double ddg = research_engine_share(&cfg, SERP_DUCKDUCKGO);
    struct research_assumptions a;
    research_assumptions_load(&cfg, &a);
    msg = capture_end();
    assert_string_equal(msg, ""); /* no second warning at use */
    free(msg);
    assert_true(bing > 0.0899 && bing < 0.0901);
    assert_true(ddg > 0.4999 && ddg < 0.5001);
    assert_true(a.conversion > 0.0499 && a.conversion < 0.0501);
    assert_true(a.share_low > 0.0999 && a.share_low < 0.1001);
    assert_true(a.share_high > 0.3999 && a.share_high < 0.4001);
    config_release(&cfg);

    /* the ini getters keep their own messages (config_load uses them) */
    struct ini ini;
    assert_int_equal(parse(&ini, "[value]\nx = abc\n"), 0);
    capture_start();
    double x = ini_get_double_range(&ini, "value", "x", 2.5, 0, 10);
    double absent = ini_get_double_range(&ini, "value", "nope", 3.5, 0, 10);
    msg = capture_end();
    assert_true(x == 2.5 && absent == 3.5);
    assert_non_null(strstr(msg, "[value] x: expected a number from 0 to 10, using 2.5"));
    free(msg);
    ini_release(&ini);
}

/* What a file warns at load: how many warnings, and one of them. */
static const struct {
    const char *text;
    int warnings;
    const char *needle;
} load_cases[] = {
    {"", 0, NULL},
    /* every section of ours with real keys, and another tool's section */
    {"[crawl]\nconcurrency = 8\ndepth_mode = smart\nproxies = http://p:1\n"
     "[run]\ndb_wait_s = 5\n[alerts]\nwebhook = http://h/\ntop3 = no\n"
     "[engine.google]\nprovider = serp-api\napi_key = k\ncost_per_1000 = 3\n"
     "[engine.bing]\nbase_url = http://127.0.0.1:9/\n"
     "[provider.serp-api]\ncost_per_1000.google = 15\n[value]\nbing_share = 0.1\n"
     "mobile_share = 0.5\n[leads]\nmin_duration = 30\n[output]\nmode = 0640\n"
     "[research]\ndata_dir = /d\n[archive]\nenabled = yes\nkeep_days = 9\n"
     "[mytool]\nanything = 1\n",
     0, NULL},
    {"[run]\ndb_wait_s = 999999\n", 1,
     "t.conf:2: [run] db_wait_s: expected an integer from 0 to 86400, using 120"},
    {"[alerts]\ntop3 = maybe\n", 1, "[alerts] top3: expected yes or no, using yes"},
    {"[crawl]\ndepth_mode = deep\n", 1, "[crawl] depth_mode: expected full or smart, using full"},
    {"[crawl]\n\nconcurency = 8\n", 1,
     "t.conf:3: [crawl] unknown key 'concurency'; did you mean 'concurrency'?"},
    {"[alerts]\nzzzzzzzz = 1\n", 1, "t.conf:2: [alerts] unknown key 'zzzzzzzz'\n"},
    {"[engine.bing]\napikey = k\n", 1,
     "[engine.bing] unknown key 'apikey'; did you mean 'api_key'?"},
    {"[provider.fetch-api]\ncost_per_1000.gogle = 1\n", 1,
     "did you mean 'cost_per_1000.google'?"},
    {"[engine.google]\nprovider = serpapy\n", 1,
     "[engine.google] provider: unknown provider 'serpapy', using direct"},
    {"[engine.google]\nprovider = serpapi\n[provider.serpapi]\ncost_per_1000 = 1\n", 0, NULL},
    {"[engine.gogle]\nbase_url = http://x\nprovider = nope\n", 1,
     "t.conf:2: unknown section [engine.gogle]; did you mean [engine.google]?"},
    {"[engine.altavista]\nx = 1\n", 1, "unknown section [engine.altavista]\n"},
    {"[provider.serp-apj]\ncost_per_1000 = 1\n", 1,
     "unknown section [provider.serp-apj]; did you mean [provider.serp-api]?"},
    {"[crawel]\nconcurrency = 2\n[crawel]\nx = 1\n", 1,
     "unknown section [crawel]; did you mean [crawl]?"},
};

static void test_load_warnings(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(load_cases); i++) {
        struct config cfg;
        char *msg = load_cfg(&cfg, load_cases[i].text);
        if (count_warnings(msg) != load_cases[i].warnings ||
            (load_cases[i].needle && !strstr(msg, load_cases[i].needle)))
            fail_msg("case %zu: got \"%s\"", i, msg);
        free(msg);
        config_release(&cfg);
    }
}

static void test_defaults_and_values(void **state)
{
    (void)state;
    struct config d;
    config_defaults(&d);
    assert_int_equal(d.crawl.concurrency, 4);
    assert_int_equal(d.crawl.max_body_kb, 10240);
    assert_int_equal(d.crawl.smart_depth, 0);
    assert_null(d.crawl.user_agent);
    assert_int_equal(d.run.db_wait_s, 120);
    assert_int_equal(d.run.retry_rounds, 2);
    assert_int_equal(d.alerts.drop, 3);
    assert_int_equal(d.alerts.top3, 1);
    assert_string_equal(d.alerts.smtp_url, "smtp://127.0.0.1:25");
    assert_string_equal(d.alerts.email_from, "serptrack@localhost");
    assert_null(d.alerts.webhook);
    assert_int_equal(d.leads_min_duration, 60);
    assert_int_equal(d.archive_enabled, 0);
    assert_true(d.value.mobile_share == RESEARCH_MOBILE_SHARE);
    assert_true(d.value.engine_share[SERP_GOOGLE] == 1.0);
    assert_true(d.value.engine_share[SERP_BING] > 0.0899 &&
                d.value.engine_share[SERP_BING] < 0.0901);
    assert_int_equal(d.engine[SERP_GOOGLE].provider, PROVIDER_DIRECT);
    assert_int_equal(d.engine[SERP_GOOGLE].min_delay_ms, 1000);
    assert_int_equal(d.engine[SERP_GOOGLE].jitter_ms, 500);
    assert_int_equal(d.engine[SERP_GOOGLE].concurrency, 256);
    /* no price configured: serp-api's documented default, direct none */
    assert_true(engine_cost_per_1000(&d, "serp-api", SERP_GOOGLE) == 15);
    assert_true(engine_cost_per_1000(&d, "direct", SERP_GOOGLE) == -1);
    config_release(&d);

    struct config c;
    char *msg = load_cfg(&c, load_cases[1].text);
    free(msg);
    assert_int_equal(c.crawl.concurrency, 8);
    assert_int_equal(c.crawl.smart_depth, 1);
    assert_string_equal(c.crawl.proxies, "http://p:1");
    assert_int_equal(c.run.db_wait_s, 5);
    assert_int_equal(c.alerts.top3, 0);
    assert_string_equal(c.alerts.webhook, "http://h/");
    assert_int_equal(c.engine[SERP_GOOGLE].provider, PROVIDER_SERP_API);
    assert_string_equal(c.engine[SERP_GOOGLE].api_key, "k");
    /* a local base_url is not paced by default */
    assert_int_equal(c.engine[SERP_BING].min_delay_ms, 0);
    assert_int_equal(c.engine[SERP_BING].jitter_ms, 0);
    assert_true(engine_cost_per_1000(&c, "serp-api", SERP_GOOGLE) == 15);
    assert_true(engine_cost_per_1000(&c, "direct", SERP_GOOGLE) == -1);
    assert_true(c.value.engine_share[SERP_BING] > 0.0999 &&
                c.value.engine_share[SERP_BING] < 0.1001);
    assert_true(research_mobile_share(&c) == 0.5);
    assert_int_equal(c.leads_min_duration, 30);
    assert_string_equal(c.output_mode, "0640");
    assert_string_equal(research_data_dir(&c), "/d");
    assert_int_equal(c.archive_enabled, 1);
    assert_int_equal(c.archive_keep_days, 9);
    config_release(&c);
}

/* A bad provider name warns once at load, not once per keyword and page. */
static void test_unknown_provider_once(void **state)
{
    (void)state;
    struct config cfg;
    char *msg =
        load_cfg(&cfg, "[engine.bing]\nprovider = bingapi\nbase_url = http://127.0.0.1:1\n");
    assert_int_equal(count_warnings(msg), 1);
    free(msg);
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.query = (char *)"q";
    k.engine = SERP_BING;
    capture_start();
    for (int page = 0; page < 3; page++) {
        assert_int_equal(engine_provider_for(&cfg, SERP_BING), PROVIDER_DIRECT);
        free(engine_search_url(&cfg, &k, page));
    }
    msg = capture_end();
    assert_string_equal(msg, "");
    free(msg);
    config_release(&cfg);
}

/* An unusable mobile share is the error of the command that needs it. */
static void test_mobile_share_error(void **state)
{
    (void)state;
    struct config cfg;
    char *msg = load_cfg(&cfg, "[value]\nmobile_share = most\n");
    assert_string_equal(msg, "");
    free(msg);
    capture_start();
    double m = research_mobile_share(&cfg);
    msg = capture_end();
    assert_true(m == -1);
    assert_non_null(strstr(msg, "mobile_share = 'most' is not a share"));
    free(msg);
    config_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_values),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_double_range),
        cmocka_unit_test(test_load_warnings),
        cmocka_unit_test(test_defaults_and_values),
        cmocka_unit_test(test_unknown_provider_once),
        cmocka_unit_test(test_mobile_share_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
