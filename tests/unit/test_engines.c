/* test_engines.c - the engine and provider descriptor tables hold together:
 * every row is complete, the two engine tables agree, names round-trip and
 * unknown ones are refused, detect markers are ordered, and providers
 * classify sample refusals. A new row that misses a field fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config.h"
#include "engine.h"
#include "store.h"
#include "../../src/store/store_int.h" /* the stored engine names */
#include "util.h"

static void test_serp_rows(void **state)
{
    (void)state;
    assert_true(serp_n_engines > 0);
    assert_true(serp_n_engines < SERP_ENGINE_IDS);
    /* help strings mark the first row as the default */
    assert_int_equal(serp_engine_table[0]->id, SERP_ENGINE_DEFAULT);
    for (size_t i = 0; i < serp_n_engines; i++) {
        const struct serp_engine_desc *d = serp_engine_table[i];
        assert_true(d->id != SERP_ENGINE_UNKNOWN && d->id < SERP_ENGINE_IDS);
        /* rows in enum order: arrays indexed by id rely on it */
        assert_int_equal(d->id, (int)i + 1);
        assert_non_null(d->name);
        assert_true(*d->name);
        assert_non_null(d->display);
        assert_non_null(d->extract);
        assert_non_null(d->unwrap);
        assert_non_null(d->captcha_marks);
        assert_non_null(d->consent_marks);
        assert_non_null(d->js_marks);
        assert_true(d->n_marks > 0);
        for (size_t m = 1; m < d->n_marks; m++)
            assert_true(d->marks[m - 1].rank < d->marks[m].rank);
    }
}

/* A rank shared by two engines would let table order decide detection. */
static void test_mark_ranks_unique(void **state)
{
    (void)state;
    for (size_t i = 0; i < serp_n_engines; i++)
        for (size_t j = i + 1; j < serp_n_engines; j++)
            for (size_t a = 0; a < serp_engine_table[i]->n_marks; a++)
                for (size_t b = 0; b < serp_engine_table[j]->n_marks; b++)
                    assert_int_not_equal(serp_engine_table[i]->marks[a].rank,
                                         serp_engine_table[j]->marks[b].rank);
}

/* Each marker alone is recognised as its engine's page. */
static void test_detect_marks(void **state)
{
    (void)state;
    for (size_t i = 0; i < serp_n_engines; i++) {
        const struct serp_engine_desc *d = serp_engine_table[i];
        for (size_t m = 0; m < d->n_marks; m++) {
            char *page = xasprintf("<html><body>%s</body></html>", d->marks[m].text);
            if (serp_detect_engine(page, strlen(page)) != d->id)
                fail_msg("marker '%s' not detected as %s", d->marks[m].text, d->name);
            free(page);
        }
    }
    assert_int_equal(serp_detect_engine("<html>nothing</html>", 20), SERP_ENGINE_UNKNOWN);
}

static void test_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < serp_n_engines; i++) {
        const struct serp_engine_desc *d = serp_engine_table[i];
        assert_ptr_equal(serp_engine_get(d->id), d);
        assert_int_equal(serp_engine_from_name(d->name), d->id);
        assert_string_equal(serp_engine_name(d->id), d->name);
        assert_int_equal(store_engine_parse(d->name), d->id);
        assert_string_equal(store_engine_str(d->id), d->name);
        if (d->alias)
            assert_int_equal(serp_engine_from_name(d->alias), d->id);
        assert_non_null(strstr(serp_engine_list(), d->name));
        assert_non_null(strstr(serp_engine_list_default(), d->name));
    }
    assert_string_equal(serp_engine_list(), "google, bing or duckduckgo");
    assert_string_equal(serp_engine_list_default(), "google (default), bing or duckduckgo");
    const char *bad[] = {"yahoo", "", "googl", "google ", "unknown"};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        assert_int_equal(serp_engine_from_name(bad[i]), SERP_ENGINE_UNKNOWN);
        assert_int_equal(store_engine_parse(bad[i]), SERP_ENGINE_UNKNOWN);
    }
    assert_int_equal(serp_engine_from_name(NULL), SERP_ENGINE_UNKNOWN);
    /* stored names are exact: no case folding */
    assert_int_equal(store_engine_parse("Google"), SERP_ENGINE_UNKNOWN);
    assert_null(serp_engine_get(SERP_ENGINE_UNKNOWN));
    assert_null(serp_engine_get(SERP_ENGINE_IDS));
    assert_string_equal(serp_engine_name(SERP_ENGINE_UNKNOWN), "unknown");
}

static void test_engine_rows(void **state)
{
    (void)state;
    assert_int_equal(engine_n, serp_n_engines);
    for (size_t i = 0; i < engine_n; i++) {
        const struct engine_desc *e = engine_table[i];
        assert_int_equal(e->id, serp_engine_table[i]->id);
        assert_ptr_equal(engine_get(e->id), e);
        assert_true(e->page_size > 0);
        assert_int_equal(engine_page_size(e->id), e->page_size);
        assert_non_null(e->result_url);
        assert_non_null(e->suggest_url);
        assert_true(util_starts_with(e->real_base, "https://"));
        assert_true(util_starts_with(e->suggest_base, "https://"));
        assert_true(e->default_share > 0 && e->default_share <= 1);
        if (!e->share_key)
            assert_true(e->default_share == 1.0);
    }
    assert_null(engine_get(SERP_ENGINE_UNKNOWN));
    assert_int_equal(engine_page_size(SERP_ENGINE_UNKNOWN), 10);
}

static void test_provider_rows(void **state)
{
    (void)state;
    assert_true(engine_n_providers > 0);
    /* the default provider is the first row */
    assert_int_equal(engine_provider_table[0]->id, PROVIDER_DIRECT);
    for (size_t i = 0; i < engine_n_providers; i++) {
        const struct engine_provider_desc *p = engine_provider_table[i];
        assert_non_null(p->search_url);
        assert_non_null(p->classify);
        assert_ptr_equal(engine_provider_get(p->id), p);
        assert_ptr_equal(engine_provider_by_name(p->name), p);
        assert_string_equal(engine_provider_name(p->id), p->name);
        for (size_t j = i + 1; j < engine_n_providers; j++)
            assert_string_not_equal(p->name, engine_provider_table[j]->name);
    }
    assert_null(engine_provider_by_name("nope"));
    assert_null(engine_provider_by_name(NULL));
    assert_null(engine_provider_by_name(""));
}

/* Every engine can be asked through every provider (rows wired up). */
static void test_every_pair_has_a_url(void **state)
{
    (void)state;
    for (size_t i = 0; i < engine_n; i++) {
        for (size_t j = 0; j < engine_n_providers; j++) {
            const char *en = serp_engine_name(engine_table[i]->id);
            char *text = xasprintf("[engine.%s]\nprovider = %s\napi_key = k\n"
                                   "login = l\npassword = p\n" /* dataforseo */
                                   "base_url = http://127.0.0.1:9\n",
                                   en, engine_provider_table[j]->name);
            struct config cfg;
            config_defaults(&cfg);
            assert_int_equal(config_parse(&cfg, text, strlen(text), "t.conf"), 0);
            assert_int_equal(engine_provider_for(&cfg, engine_table[i]->id),
                             engine_provider_table[j]->id);
            struct model_keyword k;
            memset(&k, 0, sizeof k);
            k.query = (char *)"plumber austin";
            k.engine = engine_table[i]->id;
            model_keyword_defaults(&k);
            struct engine_request rq;
            int rc = engine_search_request(&cfg, &k, 1, &rq);
            /* Serper serves Google only, DataForSEO Google and Bing: the
             * others are a clear error */
            enum engine_provider pv = engine_provider_table[j]->id;
            enum serp_engine ev = engine_table[i]->id;
            int serves = !(pv == PROVIDER_SERPER && ev != SERP_GOOGLE) &&
                         !(pv == PROVIDER_DATAFORSEO && ev == SERP_DUCKDUCKGO);
            if (serves && rc != 0)
                fail_msg("no request for %s via %s", en, engine_provider_table[j]->name);
            if (!serves)
                assert_int_equal(rc, -1);
            else
                assert_true(util_starts_with(rq.url, "http://127.0.0.1:9/"));
            engine_request_release(&rq);
            char *u = engine_suggest_url(&cfg, engine_table[i]->id, "plumber");
            assert_non_null(u);
            free(u);
            config_release(&cfg);
            free(text);
        }
    }
}

static void test_classify(void **state)
{
    (void)state;
    struct {
        enum engine_provider p;
        const char *msg;
        int status;
        enum engine_refusal want;
    } cases[] = {
        {PROVIDER_SERP_API, "Your account has run out of searches.", 429, ENGINE_REFUSAL_CREDITS},
        {PROVIDER_SERP_API, "No credits left", 402, ENGINE_REFUSAL_CREDITS},
        {PROVIDER_SERP_API, "Invalid API key.", 401, ENGINE_REFUSAL_BAD_KEY},
        {PROVIDER_SERP_API, "Google returned a CAPTCHA", 200, ENGINE_REFUSAL_CAPTCHA},
        {PROVIDER_SERP_API, "our systems detected unusual traffic", 429, ENGINE_REFUSAL_CAPTCHA},
        {PROVIDER_SERP_API, "rate limited (http 429)", 429, ENGINE_REFUSAL_RATE_LIMIT},
        {PROVIDER_SERP_API, "internal error", 500, ENGINE_REFUSAL_OTHER},
        {PROVIDER_SERP_API, NULL, 429, ENGINE_REFUSAL_RATE_LIMIT},
        {PROVIDER_FETCH_API, "not enough credits", 403, ENGINE_REFUSAL_CREDITS},
        {PROVIDER_FETCH_API, "invalid api key", 401, ENGINE_REFUSAL_BAD_KEY},
        {PROVIDER_FETCH_API, "slow down", 429, ENGINE_REFUSAL_RATE_LIMIT},
        {PROVIDER_FETCH_API, "upstream failed", 502, ENGINE_REFUSAL_OTHER},
        {PROVIDER_DIRECT, "no credits", 429, ENGINE_REFUSAL_OTHER},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        if (engine_classify(cases[i].p, cases[i].msg, cases[i].status) != cases[i].want)
            fail_msg("case %zu: '%s' via %s", i, cases[i].msg ? cases[i].msg : "(null)",
                     engine_provider_name(cases[i].p));
}

static void test_cost(void **state)
{
    (void)state;
    const char *text = "[provider.serp-api]\ncost_per_1000 = 15\ncost_per_1000.bing = 5\n"
                       "[engine.duckduckgo]\nprovider = fetch-api\ncost_per_1000 = 2\n";
    struct config cfg;
    config_defaults(&cfg);
    assert_int_equal(config_parse(&cfg, text, strlen(text), "t.conf"), 0);
    assert_true(engine_cost_per_1000(&cfg, "serp-api", SERP_GOOGLE) == 15);
    assert_true(engine_cost_per_1000(&cfg, "serp-api", SERP_BING) == 5);
    assert_true(engine_cost_per_1000(&cfg, "serp-api", SERP_ENGINE_UNKNOWN) == 15);
    assert_true(engine_cost_per_1000(&cfg, "fetch-api", SERP_DUCKDUCKGO) == 2);
    /* the engine section prices only the provider it is set to use */
    assert_true(engine_cost_per_1000(&cfg, "direct", SERP_DUCKDUCKGO) == -1);
    assert_true(engine_cost_per_1000(&cfg, "direct", SERP_GOOGLE) == -1);
    config_release(&cfg);
    /* with nothing configured: the provider's documented default, or
     * none (-1), never 0 */
    config_defaults(&cfg);
    assert_true(engine_cost_per_1000(&cfg, "serp-api", SERP_GOOGLE) == 15);
    assert_true(engine_cost_per_1000(&cfg, "serpapi", SERP_BING) == 15);
    assert_true(engine_cost_per_1000(&cfg, "fetch-api", SERP_GOOGLE) == -1);
    config_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serp_rows),      cmocka_unit_test(test_mark_ranks_unique),
        cmocka_unit_test(test_detect_marks),   cmocka_unit_test(test_names),
        cmocka_unit_test(test_engine_rows),    cmocka_unit_test(test_provider_rows),
        cmocka_unit_test(test_every_pair_has_a_url), cmocka_unit_test(test_classify),
        cmocka_unit_test(test_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
