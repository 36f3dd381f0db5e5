/* test_failures.c - every way a fetch fails has its own stable reason
 * (issue 18 #7): Google's JavaScript wall, its "update your browser" page,
 * the /sorry/ captcha, HTTP 429, an empty 200 and each provider's refusal,
 * through crawl_classify (what track stores) and crawl_reason_code (what
 * `rank` and `doctor` show). A genuine "no results" page stays ok. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crawl.h"
#include "serp.h"
#include "util.h"

#define REAL_DIR "../shared/fixtures/real/google"

struct outcome {
    enum model_status st;
    char *reason;
    enum serp_block block;
    int no_results;
};

static struct outcome classify(enum engine_provider p, int http_status, const char *body,
                               size_t len)
{
    struct outcome o = {0};
    struct serp_page page;
    o.st = crawl_classify(SERP_GOOGLE, p, http_status, body, len, CRAWL_OK, NULL, &page,
                          &o.reason);
    o.block = page.block;
    o.no_results = page.no_results;
    serp_page_release(&page);
    return o;
}

static struct outcome classify_file(const char *path, int http_status)
{
    char *buf;
    size_t len;
    if (util_read_file(path, 1u << 26, &buf, &len) != 0)
        fail_msg("cannot read %s", path);
    struct outcome o = classify(PROVIDER_DIRECT, http_status, buf, len);
    free(buf);
    return o;
}

static void expect(struct outcome o, enum model_status st, const char *code, const char *what)
{
    const char *got = crawl_reason_code(o.st, o.reason);
    if (o.st != st || (code ? !got || strcmp(got, code) != 0 : got != NULL))
        fail_msg("%s: status %s, reason [%s], code [%s]; want %s, %s", what,
                 model_status_name(o.st), o.reason ? o.reason : "(null)", got ? got : "(null)",
                 model_status_name(st), code ? code : "(null)");
    free(o.reason);
}

/* The walls Google puts up, each its own block, stored as the block. */
static void direct_walls(void **state)
{
    (void)state;
    struct outcome o = classify_file("tests/golden/google-jsshell.html", 200);
    assert_int_equal(o.block, SERP_BLOCK_JAVASCRIPT);
    expect(o, MODEL_BLOCKED, "javascript_required", "jsshell");
    o = classify_file("tests/golden/google-oldbrowser.html", 200);
    assert_int_equal(o.block, SERP_BLOCK_UNSUPPORTED_BROWSER);
    expect(o, MODEL_BLOCKED, "unsupported_browser", "update your browser");
    o = classify_file("tests/golden/google-oldbrowser-2014.html", 200);
    expect(o, MODEL_BLOCKED, "unsupported_browser", "no longer supported");
    o = classify_file("tests/golden/google-captcha.html", 200);
    assert_int_equal(o.block, SERP_BLOCK_CAPTCHA);
    expect(o, MODEL_BLOCKED, "captcha", "sorry page");
    o = classify_file("tests/golden/google-captcha-429.html", 429);
    expect(o, MODEL_BLOCKED, "captcha", "sorry page with 429");
    o = classify_file("tests/golden/google-consent.html", 200);
    expect(o, MODEL_BLOCKED, "consent", "consent wall");
    const char *plain = "<html><body><h1>Too Many Requests</h1></body></html>";
    o = classify(PROVIDER_DIRECT, 429, plain, strlen(plain));
    assert_int_equal(o.block, SERP_BLOCK_RATE_LIMITED);
    expect(o, MODEL_BLOCKED, "rate_limited", "429");
    assert_string_equal(serp_block_name(SERP_BLOCK_UNSUPPORTED_BROWSER), "unsupported_browser");
    assert_int_equal(serp_block_from_name("unsupported_browser"), SERP_BLOCK_UNSUPPORTED_BROWSER);
}

/* An empty or blank 200 is "empty": not cut off, not "no results". */
static void empty_200(void **state)
{
    (void)state;
    const char *bodies[] = {"", " ", "\n", " \r\n\t \n"};
    for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
        struct outcome o = classify(PROVIDER_DIRECT, 200, bodies[i], strlen(bodies[i]));
        assert_int_equal(o.block, SERP_BLOCK_EMPTY);
        assert_int_equal(o.no_results, 0);
        expect(o, MODEL_ERROR, "empty", "blank 200");
        o = classify(PROVIDER_SERP_API, 200, bodies[i], strlen(bodies[i]));
        assert_non_null(o.reason);
        assert_true(strncmp(o.reason, "serp-api: empty: ", 17) == 0);
        expect(o, MODEL_ERROR, "empty", "blank 200 from serp-api");
    }
    /* a cut-off page is not empty */
    const char *cut = "<html><head><title>x</title></head><body><div id=\"search\">";
    expect(classify(PROVIDER_DIRECT, 200, cut, strlen(cut)), MODEL_ERROR, "truncated", "cut");
}

static void no_results_is_ok(void **state)
{
    (void)state;
    struct outcome o = classify_file("tests/golden/google-noresults.html", 200);
    assert_int_equal(o.no_results, 1);
    assert_int_equal(o.block, SERP_BLOCK_NONE);
    expect(o, MODEL_OK, NULL, "no results");
}

/* The provider's refusal: "<provider>: <code>: <its message>". */
static void provider_refusals(void **state)
{
    (void)state;
    static const struct {
        enum engine_provider p;
        int http;
        const char *json;
        enum model_status st;
        const char *prefix, *code, *msg;
    } cases[] = {
        {PROVIDER_SERP_API, 401, "{\"error\":\"Invalid API key. Your API key should be here\"}",
         MODEL_ERROR, "serp-api: bad_key: ", "bad_key", "Invalid API key"},
        {PROVIDER_SERP_API, 429, "{\"error\":\"Your account has run out of searches.\"}",
         MODEL_ERROR, "serp-api: no_credits: ", "no_credits", "run out of searches"},
        {PROVIDER_SERP_API, 429, "{\"error\":\"Too many requests. Please slow down.\"}",
         MODEL_BLOCKED, "serp-api: rate_limited: ", "rate_limited", "slow down"},
        {PROVIDER_SERP_API, 200,
         "{\"search_metadata\":{\"status\":\"Error\"},\"error\":\"Google returned a CAPTCHA "
         "(unusual traffic).\"}",
         MODEL_BLOCKED, "serp-api: captcha: ", "captcha", "CAPTCHA"},
        {PROVIDER_SERP_API, 200, "{\"search_metadata\":{\"status\":\"Processing\"}}", MODEL_ERROR,
         "serp-api: api_error: ", "api_error", "Processing"},
        {PROVIDER_SERP_API, 500, "{\"error\":\"Internal server error.\"}", MODEL_ERROR,
         "serp-api: api_error: ", "api_error", "Internal server error"},
        {PROVIDER_FETCH_API, 401, "{\"error\":\"Invalid API key\"}", MODEL_ERROR,
         "fetch-api: bad_key: ", "bad_key", "Invalid API key"},
        {PROVIDER_FETCH_API, 402, "{\"error\":{\"message\":\"No credits left\"}}", MODEL_ERROR,
         "fetch-api: no_credits: ", "no_credits", "No credits left"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct outcome o = classify(cases[i].p, cases[i].http, cases[i].json,
                                    strlen(cases[i].json));
        if (!o.reason || strncmp(o.reason, cases[i].prefix, strlen(cases[i].prefix)) != 0 ||
            !strstr(o.reason, cases[i].msg))
            fail_msg("case %zu: reason [%s], want [%s...%s]", i, o.reason ? o.reason : "(null)",
                     cases[i].prefix, cases[i].msg);
        if (o.st == MODEL_BLOCKED)
            assert_int_equal(o.block, strcmp(cases[i].code, "captcha") == 0
                                          ? SERP_BLOCK_CAPTCHA
                                          : SERP_BLOCK_RATE_LIMITED);
        expect(o, cases[i].st, cases[i].code, cases[i].json);
    }
}

/* An API key inside a provider's message never reaches the reason. */
static void refusal_masks_secrets(void **state)
{
    (void)state;
    util_register_secret("sk_PLANTED_f1_7731");
    const char *json = "{\"error\":\"Invalid API key sk_PLANTED_f1_7731.\"}";
    struct outcome o = classify(PROVIDER_SERP_API, 401, json, strlen(json));
    assert_non_null(o.reason);
    assert_null(strstr(o.reason, "sk_PLANTED_f1_7731"));
    expect(o, MODEL_ERROR, "bad_key", "masked");
}

/* Codes of stored reasons, including ones stored before codes existed. */
static void reason_codes(void **state)
{
    (void)state;
    static const struct {
        enum model_status st;
        const char *reason, *code;
    } cases[] = {
        {MODEL_OK, NULL, NULL},
        {MODEL_BLOCKED, "captcha", "captcha"},
        {MODEL_BLOCKED, "rate_limited", "rate_limited"},
        {MODEL_BLOCKED, "javascript_required", "javascript_required"},
        {MODEL_BLOCKED, "unsupported_browser", "unsupported_browser"},
        {MODEL_ERROR, "empty", "empty"},
        {MODEL_ERROR, "empty (http 200)", "empty"},
        {MODEL_ERROR, "truncated (connection: reset)", "truncated"},
        {MODEL_ERROR, "timeout", "timeout"},
        {MODEL_ERROR, "connection: Connection refused", "connection"},
        {MODEL_ERROR, "http 500", "http_error"},
        {MODEL_BLOCKED, "cooldown: engine keeps blocking, skipped for this run", "cooldown"},
        {MODEL_ERROR, "unparsable page", "unparsable"},
        {MODEL_ERROR, "serp-api: bad_key: Invalid API key.", "bad_key"},
        {MODEL_ERROR, "dataforseo: no_credits: 40200 Payment Required.", "no_credits"},
        {MODEL_ERROR, "serp-api: empty: not an API answer", "empty"},
        /* stored before codes: classified as the provider would */
        {MODEL_ERROR, "serp-api: Invalid API key. Your API key should be here", "bad_key"},
        {MODEL_ERROR, "serp-api: Your account has run out of searches.", "no_credits"},
        {MODEL_BLOCKED, "serp-api: Google returned a CAPTCHA (unusual traffic).", "captcha"},
        {MODEL_ERROR, "serp-api: search status \"Processing\", not a result page", "api_error"},
        {MODEL_ERROR, "something new", "other"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        const char *got = crawl_reason_code(cases[i].st, cases[i].reason);
        if (cases[i].code ? !got || strcmp(got, cases[i].code) != 0 : got != NULL)
            fail_msg("case %zu [%s]: code [%s], want [%s]", i,
                     cases[i].reason ? cases[i].reason : "(null)", got ? got : "(null)",
                     cases[i].code ? cases[i].code : "(null)");
    }
    assert_string_equal(crawl_refusal_code(ENGINE_REFUSAL_BAD_KEY), "bad_key");
    assert_string_equal(crawl_refusal_code(ENGINE_REFUSAL_CREDITS), "no_credits");
    assert_string_equal(crawl_refusal_code(ENGINE_REFUSAL_RATE_LIMIT), "rate_limited");
    assert_string_equal(crawl_refusal_code(ENGINE_REFUSAL_CAPTCHA), "captcha");
    assert_string_equal(crawl_refusal_code(ENGINE_REFUSAL_OTHER), "api_error");
}

/* Google's real /sorry/ page, when the shared fixtures are there. */
static void real_sorry_page(void **state)
{
    (void)state;
    const char *path = REAL_DIR "/google-captcha-sorry.html";
    FILE *f = fopen(path, "rb");
    if (!f)
        skip();
    fclose(f);
    struct outcome o = classify_file(path, 429);
    assert_int_equal(o.block, SERP_BLOCK_CAPTCHA);
    expect(o, MODEL_BLOCKED, "captcha", path);
    o = classify_file(path, 200);
    expect(o, MODEL_BLOCKED, "captcha", "sorry page with 200");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(direct_walls),         cmocka_unit_test(empty_200),
        cmocka_unit_test(no_results_is_ok),     cmocka_unit_test(provider_refusals),
        cmocka_unit_test(refusal_masks_secrets), cmocka_unit_test(reason_codes),
        cmocka_unit_test(real_sorry_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
