/* test_engine.c - request URLs per engine and provider: the engines' real
 * parameters, uule, pagination, the API shapes, suggest endpoints, and
 * that hostile queries and keys are percent-encoded, never pasted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "crawl.h"
#include "url.h"
#include "util.h"

static void load(struct config *ini, const char *text)
{
    assert_int_equal(config_parse(ini, text, strlen(text), "test.conf"), 0);
}

static struct model_keyword kw(enum serp_engine e, const char *q, const char *loc)
{
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.id = 1;
    k.query = (char *)q;
    k.engine = e;
    k.location = (char *)loc;
    k.device = (char *)"desktop";
    k.lang = (char *)"en";
    k.country = (char *)"us";
    k.depth = 30;
    return k;
}

/* Checks url's parameter name decodes to want (NULL = absent). */
static void param_is(const char *url, const char *name, const char *want)
{
    char *v = url_query_param(url, name);
    if (!want) {
        assert_null(v);
        return;
    }
    assert_non_null(v);
    assert_string_equal(v, want);
    free(v);
}

static void test_uule(void **state)
{
    (void)state;
    /* The well-known v1 form: w+CAIQICI + length key + base64(name). */
    char *u = engine_uule("Austin,Texas,United States");
    assert_string_equal(u, "w+CAIQICIaQXVzdGluLFRleGFzLFVuaXRlZCBTdGF0ZXM=");
    free(u);
    u = engine_uule("Queens County,New York,United States");
    assert_true(util_starts_with(u, "w+CAIQICIk")); /* length 36 -> 'k' */
    free(u);
    /* 64+ bytes: the length byte no longer fits the key character, so the
     * protobuf header is encoded as a whole (still valid base64) */
    char longname[101];
    memset(longname, 'a', 100);
    longname[100] = '\0';
    u = engine_uule(longname);
    assert_true(util_starts_with(u, "w+CAIQICJk")); /* 100 = 0x64 */
    free(u);
}

static void test_google_direct(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "");
    struct model_keyword k = kw(SERP_GOOGLE, "plumber austin", "Austin,Texas,United States");
    char *u = engine_search_url(&cfg, &k, 0);
    assert_true(util_starts_with(u, "https://www.google.com/search?q=plumber%20austin&"));
    param_is(u, "hl", "en");
    param_is(u, "gl", "us");
    param_is(u, "uule", "w+CAIQICIaQXVzdGluLFRleGFzLFVuaXRlZCBTdGF0ZXM=");
    param_is(u, "start", NULL);
    param_is(u, "num", NULL); /* num=100 is ignored since 2025: never sent */
    free(u);
    u = engine_search_url(&cfg, &k, 2);
    param_is(u, "start", "20");
    free(u);
    config_release(&cfg);

    load(&cfg, "[engine.google]\nbase_url = http://127.0.0.1:9/google/\n");
    k.location = NULL;
    u = engine_search_url(&cfg, &k, 1);
    assert_true(util_starts_with(u, "http://127.0.0.1:9/google/search?q="));
    param_is(u, "uule", NULL);
    param_is(u, "start", "10");
    free(u);
    config_release(&cfg);
}

static void test_bing_ddg(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[engine.bing]\nbase_url = http://h/bing\n[engine.duckduckgo]\nbase_url = "
               "http://h/duckduckgo\n");
    struct model_keyword k = kw(SERP_BING, "roofer dallas", NULL);
    k.country = (char *)"gb";
    char *u = engine_search_url(&cfg, &k, 0);
    assert_true(util_starts_with(u, "http://h/bing/search?q=roofer%20dallas"));
    param_is(u, "first", "1");
    param_is(u, "cc", "gb");
    param_is(u, "setlang", "en");
    free(u);
    u = engine_search_url(&cfg, &k, 2);
    param_is(u, "first", "21");
    free(u);

    k = kw(SERP_DUCKDUCKGO, "hvac houston", NULL);
    u = engine_search_url(&cfg, &k, 0);
    assert_true(util_starts_with(u, "http://h/duckduckgo/html/?q=hvac%20houston"));
    param_is(u, "kl", "us-en");
    param_is(u, "s", NULL);
    free(u);
    u = engine_search_url(&cfg, &k, 1);
    param_is(u, "s", "10");
    free(u);
    config_release(&cfg);

    /* real hosts by default */
    load(&cfg, "");
    u = engine_search_url(&cfg, &k, 0);
    assert_true(util_starts_with(u, "https://html.duckduckgo.com/html/?q="));
    free(u);
    k.engine = SERP_BING;
    u = engine_search_url(&cfg, &k, 0);
    assert_true(util_starts_with(u, "https://www.bing.com/search?q="));
    free(u);
    config_release(&cfg);
}

static void test_hostile_query(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "");
    const char *q = "a&b=c#frag \"<script>\" `rm -rf` ; DROP TABLE x; -- 100% ü\n";
    enum serp_engine engines[] = {SERP_GOOGLE, SERP_BING, SERP_DUCKDUCKGO};
    for (size_t i = 0; i < ARRAY_SIZE(engines); i++) {
        struct model_keyword k = kw(engines[i], q, "Sao Paulo,State of Sao Paulo,Brazil");
        char *u = engine_search_url(&cfg, &k, 0);
        assert_non_null(u);
        /* nothing outside the URL-safe set survives */
        for (const char *p = u; *p; p++)
            assert_true(strchr(" \"<>`#\n\\^{}|", *p) == NULL);
        param_is(u, "q", q);
        param_is(u, "b", NULL); /* the & did not split the query */
        free(u);
    }
    config_release(&cfg);
}

static void test_providers(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[engine.google]\nprovider = serp-api\nbase_url = http://127.0.0.1:5/serp-api\n"
               "api_key = k&y=SECRET1\n"
               "[engine.bing]\nprovider = fetch-api\napi_key = SECRET2\n"
               "url_template = http://127.0.0.1:5/fetch-api/fetch?target={url}&key={api_key}\n");
    assert_int_equal(engine_provider_for(&cfg, SERP_GOOGLE), PROVIDER_SERP_API);
    assert_int_equal(engine_provider_for(&cfg, SERP_BING), PROVIDER_FETCH_API);
    assert_int_equal(engine_provider_for(&cfg, SERP_DUCKDUCKGO), PROVIDER_DIRECT);
    assert_string_equal(engine_provider_name(PROVIDER_SERP_API), "serp-api");

    struct model_keyword k = kw(SERP_GOOGLE, "plumber austin", "Austin,Texas,United States");
    char *u = engine_search_url(&cfg, &k, 1);
    assert_true(util_starts_with(u, "http://127.0.0.1:5/serp-api/search.json?engine=google&"));
    param_is(u, "q", "plumber austin");
    param_is(u, "location", "Austin,Texas,United States");
    param_is(u, "start", "10");
    param_is(u, "api_key", "k&y=SECRET1");
    free(u);

    k.engine = SERP_BING;
    u = engine_search_url(&cfg, &k, 0);
    assert_true(util_starts_with(u, "http://127.0.0.1:5/fetch-api/fetch?target=https%3A%2F%2F"
                                    "www.bing.com%2Fsearch%3Fq%3Dplumber%2520austin"));
    param_is(u, "key", "SECRET2");
    char *target = url_query_param(u, "target");
    param_is(target, "q", "plumber austin");
    free(target);
    free(u);
    config_release(&cfg);

    /* fetch-api without a template or base_url cannot work: an error */
    load(&cfg, "[engine.google]\nprovider = fetch-api\n");
    k.engine = SERP_GOOGLE;
    assert_null(engine_search_url(&cfg, &k, 0));
    config_release(&cfg);
}

static void test_suggest(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[engine.google]\nbase_url = http://s/google\n");
    char *u = engine_suggest_url(&cfg, SERP_GOOGLE, "plumber a&b");
    assert_true(util_starts_with(u, "http://s/google/complete/search?output=toolbar&hl=en&q="));
    param_is(u, "q", "plumber a&b");
    free(u);
    u = engine_suggest_url(&cfg, SERP_BING, "x y");
    assert_string_equal(u, "https://www.bing.com/osjson.aspx?query=x%20y");
    free(u);
    u = engine_suggest_url(&cfg, SERP_DUCKDUCKGO, "x");
    assert_string_equal(u, "https://duckduckgo.com/ac/?q=x&type=list");
    free(u);
    config_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uule),          cmocka_unit_test(test_google_direct),
        cmocka_unit_test(test_bing_ddg),      cmocka_unit_test(test_hostile_query),
        cmocka_unit_test(test_providers),     cmocka_unit_test(test_suggest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
