/* test_serper.c - the serper provider: its answers (tests/golden/serper:
 * /search pages 1 and 2, the /maps list, an empty page, each refusal,
 * hostile types) mapped into the model and checked against the answer's
 * own fields; what is not a result page is an error with Serper's words;
 * refusals become the right status through crawl_classify; the request
 * (endpoint, JSON body, X-API-KEY header) and that the key never shows in
 * an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "crawl.h"
#include "engine.h"
#include "serp.h"
#include "util.h"

#define GOLDEN "tests/golden/serper/"

static json_t *load_json(const char *name, char **buf, size_t *len)
{
    char *path = xasprintf(GOLDEN "%s", name);
    assert_int_equal(util_read_file(path, 1u << 20, buf, len), 0);
    json_error_t jerr;
    json_t *j = json_loadb(*buf, *len, 0, &jerr);
    if (!j)
        fail_msg("%s: %s", path, jerr.text);
    free(path);
    return j;
}

/* The items of arr in the order of their "position". */
static json_t *by_position(const json_t *arr)
{
    json_t *out = json_array();
    for (long long want = 1; want <= 200; want++)
        for (size_t i = 0; i < json_array_size(arr); i++)
            if (json_integer_value(json_object_get(json_array_get(arr, i), "position")) == want)
                json_array_append(out, json_array_get(arr, i));
    return out;
}

static void same_str(const char *got, const json_t *want)
{
    if (!json_is_string(want))
        assert_null(got);
    else
        assert_string_equal(got, json_string_value(want));
}

/* The local entries of p are places in position order, field by field. */
static void places_match(const struct serp_page *p, const json_t *places)
{
    json_t *pl = by_position(places);
    assert_int_equal(p->n_local, json_array_size(pl));
    for (size_t i = 0; i < p->n_local; i++) {
        const json_t *v = json_array_get(pl, i);
        const struct serp_local *l = &p->local[i];
        assert_int_equal(l->position, (int)i + 1);
        same_str(l->name, json_object_get(v, "title"));
        same_str(l->website, json_object_get(v, "website"));
        same_str(l->phone, json_object_get(v, "phoneNumber"));
        const json_t *r = json_object_get(v, "rating"), *c = json_object_get(v, "ratingCount");
        assert_true(r ? l->rating == json_number_value(r) : l->rating < 0);
        assert_int_equal(l->reviews, c ? (int)json_integer_value(c) : -1);
    }
    json_decref(pl);
}

static void organic_match(const struct serp_page *p, const json_t *organic)
{
    json_t *org = by_position(organic);
    assert_int_equal(p->n_organic, json_array_size(org));
    for (size_t i = 0; i < p->n_organic; i++) {
        const json_t *v = json_array_get(org, i);
        assert_int_equal(p->organic[i].position, (int)i + 1);
        assert_string_equal(p->organic[i].url, json_string_value(json_object_get(v, "link")));
        assert_string_equal(p->organic[i].title, json_string_value(json_object_get(v, "title")));
        same_str(p->organic[i].snippet, json_object_get(v, "snippet"));
    }
    json_decref(org);
}

static void search_page1(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    json_t *j = load_json("search-page1.json", &buf, &len);
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, buf, len, 200, &p, &err), 0);
    assert_null(err);
    organic_match(&p, json_object_get(j, "organic"));
    places_match(&p, json_object_get(j, "places"));
    assert_string_equal(p.query, json_string_value(json_object_get(json_object_get(j, "searchParameters"), "q")));
    unsigned want = SERP_F_SITELINKS | SERP_F_KNOWLEDGE_PANEL | SERP_F_PEOPLE_ALSO_ASK |
                    SERP_F_LOCAL_PACK;
    assert_int_equal(p.features, want);
    assert_int_equal(p.n_ads, 0);
    assert_int_equal(p.n_ai_cited, 0);
    assert_int_equal(p.no_results, 0);
    assert_int_equal(p.has_next, 0); /* 3 results of num 10: the last page */
    assert_int_equal(p.block, SERP_BLOCK_NONE);
    serp_page_release(&p);
    json_decref(j);
    free(buf);
}

/* Page 2 numbers its results 11..20; appended to page 1 they go on. */
static void search_page2(void **state)
{
    (void)state;
    char *b1, *b2;
    size_t l1, l2;
    json_t *j1 = load_json("search-page1.json", &b1, &l1);
    json_t *j2 = load_json("search-page2.json", &b2, &l2);
    struct serp_page p1, p2;
    char *err = NULL;
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, b2, l2, 200, &p2, &err), 0);
    const json_t *org2 = json_object_get(j2, "organic");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(org2, 0), "position")), 11);
    organic_match(&p2, org2);
    assert_int_equal(p2.n_local, 0); /* the pack is page 1's */
    assert_int_equal(p2.has_next, 1); /* a full page of num 10 */
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, b1, l1, 200, &p1, &err), 0);
    size_t n1 = p1.n_organic;
    serp_page_append(&p1, &p2);
    assert_int_equal(p1.n_organic, n1 + json_array_size(org2));
    assert_int_equal(p1.organic[n1].position, (int)n1 + 1);
    assert_string_equal(p1.organic[n1].url,
                        json_string_value(json_object_get(json_array_get(org2, 0), "link")));
    serp_page_release(&p1);
    serp_page_release(&p2);
    json_decref(j1);
    json_decref(j2);
    free(b1);
    free(b2);
}

static void maps_list(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    json_t *j = load_json("maps.json", &buf, &len);
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, buf, len, 200, &p, &err), 0);
    assert_true(json_array_size(json_object_get(j, "places")) > 3);
    places_match(&p, json_object_get(j, "places"));
    assert_int_equal(p.features, SERP_F_LOCAL_PACK);
    assert_int_equal(p.n_organic, 0);
    assert_int_equal(p.no_results, 0);
    assert_int_equal(p.has_next, 0);
    serp_page_release(&p);
    /* the list out of order in the array still reads in position order */
    json_t *pl = json_object_get(j, "places");
    json_t *first = json_incref(json_array_get(pl, 0));
    json_array_remove(pl, 0);
    json_array_append_new(pl, first);
    char *s = json_dumps(j, JSON_COMPACT);
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, s, strlen(s), 200, &p, &err), 0);
    places_match(&p, pl);
    assert_string_equal(p.local[0].name, json_string_value(json_object_get(first, "title")));
    serp_page_release(&p);
    free(s);
    json_decref(j);
    free(buf);
}

static void empty_page(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    json_t *j = load_json("empty.json", &buf, &len);
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, buf, len, 200, &p, &err), 0);
    assert_null(err);
    assert_int_equal(p.no_results, 1);
    assert_int_equal(p.n_organic, 0);
    assert_int_equal(p.has_next, 0);
    serp_page_release(&p);
    json_decref(j);
    free(buf);
}

/* Each refusal: an error with Serper's message, classified and stored as
 * crawl_classify does for track and run. */
static void refusals(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        int http;
        enum engine_refusal refusal;
        enum model_status status;
    } cases[] = {
        {"err-unauthorized.json", 403, ENGINE_REFUSAL_BAD_KEY, MODEL_ERROR},
        {"err-credits.json", 400, ENGINE_REFUSAL_CREDITS, MODEL_ERROR},
        {"err-ratelimit.json", 429, ENGINE_REFUSAL_RATE_LIMIT, MODEL_BLOCKED},
        {"err-500.json", 500, ENGINE_REFUSAL_OTHER, MODEL_ERROR},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *buf;
        size_t len;
        json_t *j = load_json(cases[i].file, &buf, &len);
        const char *msg = json_string_value(json_object_get(j, "message"));
        struct serp_page p;
        char *err = NULL;
        assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, buf, len, cases[i].http, &p, &err), -1);
        assert_non_null(err);
        assert_string_equal(err, msg);
        assert_int_equal(engine_classify(PROVIDER_SERPER, err, cases[i].http), cases[i].refusal);
        serp_page_release(&p);
        free(err);
        char *reason = NULL;
        enum model_status st = crawl_classify(SERP_GOOGLE, PROVIDER_SERPER, cases[i].http, buf, len,
                                              CRAWL_HTTP, NULL, &p, &reason);
        if (st != cases[i].status || !reason || !strstr(reason, msg))
            fail_msg("%s: status %d reason [%s]", cases[i].file, (int)st, reason ? reason : "");
        free(reason);
        serp_page_release(&p);
        json_decref(j);
        free(buf);
    }
    assert_int_equal(engine_classify(PROVIDER_SERPER, "serper: Google returned a CAPTCHA", 503),
                     ENGINE_REFUSAL_CAPTCHA);
    assert_int_equal(engine_classify(PROVIDER_SERPER, "serper: Invalid API key", 400),
                     ENGINE_REFUSAL_BAD_KEY);
}

/* Answers without Serper's result structure are errors, never a page
 * where nobody ranks. */
static void not_result_pages(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int http;
        const char *reason;
    } cases[] = {
        {"{}", 200, "searchParameters"},
        {"[]", 200, "not a JSON object"},
        {"<html>502 Bad Gateway</html>", 502, "not JSON"},
        {"", 200, "not JSON"},
        {"{\"message\":\"Gateway timeout\"}", 200, "Gateway timeout"},
        {"{\"statusCode\":500}", 200, "http 500"},
        {"{\"searchParameters\":{\"q\":\"x\",\"type\":\"search\"}}", 200, "organic"},
        {"{\"searchParameters\":{\"q\":\"x\"},\"organic\":{}}", 200, "organic"},
        {"{\"searchParameters\":\"x\",\"organic\":[]}", 200, "searchParameters"},
        {"{\"organic\":[{\"title\":\"T\",\"link\":\"https://a.example.com/\"}]}", 200,
         "searchParameters"},
        {"{\"searchParameters\":{\"q\":\"x\",\"type\":\"maps\"},\"organic\":[]}", 200, "places"},
        {"{\"searchParameters\":{\"q\":\"x\",\"ll\":\"@1,2,3z\"},\"places\":{}}", 200, "places"},
        {"{\"searchParameters\":{\"q\":\"x\"},\"organic\":[]}", 503, "http 503"},
        {"{\"searchParameters\":{},\"organic\":[],\"organic\":[]}", 200, "JSON"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct serp_page p;
        char *err = NULL;
        int rc = serp_parse_serper_json(SERP_GOOGLE, cases[i].json, strlen(cases[i].json),
                                        cases[i].http, &p, &err);
        if (rc != -1 || !err || !strstr(err, cases[i].reason))
            fail_msg("case %zu %s: rc %d err [%s], want [%s]", i, cases[i].json, rc,
                     err ? err : "(null)", cases[i].reason);
        assert_int_equal(p.n_organic + p.n_local, 0);
        free(err);
        serp_page_release(&p);
    }
    struct serp_page p;
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, NULL, 0, 200, &p, NULL), -1);
    serp_page_release(&p);
}

/* Wrong types are skipped, never trusted; positions order what is left. */
static void hostile_types(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    json_t *j = load_json("hostile.json", &buf, &len);
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(serp_parse_serper_json(SERP_GOOGLE, buf, len, 200, &p, &err), 0);
    assert_null(p.query);
    assert_int_equal(p.n_organic, 3);
    assert_string_equal(p.organic[0].url, "https://a.example.com/");
    assert_null(p.organic[0].snippet);
    assert_string_equal(p.organic[1].url, "https://b.example.com/");
    assert_string_equal(p.organic[2].url, "https://c.example.com/");
    assert_int_equal(p.n_local, 2);
    for (size_t i = 0; i < p.n_local; i++) {
        assert_true(p.local[i].rating < 0);
        assert_true(p.local[i].reviews < 0);
        assert_null(p.local[i].website);
        assert_null(p.local[i].phone);
    }
    /* a string, an empty object and an empty array are no feature */
    assert_int_equal(p.features, SERP_F_TOP_STORIES | SERP_F_LOCAL_PACK);
    assert_int_equal(p.has_next, 0);
    serp_page_release(&p);
    json_decref(j);
    free(buf);
}

/* --- the request ------------------------------------------------------- */
static void load(struct config *cfg, const char *text)
{
    assert_int_equal(config_parse(cfg, text, strlen(text), "test.conf"), 0);
}

static struct model_keyword kw(const char *q, const char *loc)
{
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.id = 1;
    k.query = (char *)q;
    k.engine = SERP_GOOGLE;
    k.location = (char *)loc;
    k.device = (char *)"desktop";
    k.lang = (char *)"en";
    k.country = (char *)"us";
    k.depth = 30;
    return k;
}

static json_t *body_of(const struct engine_request *r)
{
    assert_non_null(r->body);
    json_error_t jerr;
    json_t *j = json_loads(r->body, 0, &jerr);
    assert_non_null(j);
    return j;
}

#define KEY "sk_serper_TEST_5ec2\"x"

static void request_search(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[engine.google]\nprovider = serper\napi_key = " KEY "\n"
               "base_url = http://127.0.0.1:5/serper/\n");
    assert_int_equal(engine_provider_for(&cfg, SERP_GOOGLE), PROVIDER_SERPER);
    const struct engine_provider_desc *pd = engine_provider_by_name("serper");
    assert_non_null(pd);
    assert_int_equal(pd->answer, ENGINE_ANSWER_JSON);
    assert_int_equal(pd->whole_depth, 0);
    assert_null(pd->queue);

    struct model_keyword k = kw("plumber \"austin\" & co", "Austin,Texas,United States");
    struct engine_request r;
    assert_int_equal(engine_search_request(&cfg, &k, 2, &r), 0);
    assert_string_equal(r.url, "http://127.0.0.1:5/serper/search");
    assert_string_equal(r.header, "X-API-KEY: " KEY);
    assert_null(r.userpwd);
    json_t *b = body_of(&r);
    assert_string_equal(json_string_value(json_object_get(b, "q")), k.query);
    assert_string_equal(json_string_value(json_object_get(b, "gl")), "us");
    assert_string_equal(json_string_value(json_object_get(b, "hl")), "en");
    assert_string_equal(json_string_value(json_object_get(b, "location")),
                        "Austin, Texas, United States");
    assert_int_equal(json_integer_value(json_object_get(b, "num")), 10);
    assert_int_equal(json_integer_value(json_object_get(b, "page")), 3);
    assert_null(json_object_get(b, "ll"));
    assert_null(strstr(r.body, "sk_serper")); /* the key is a header only */
    json_decref(b);
    engine_request_release(&r);
    /* the URL shown for it has the parameters, never the key */
    char *u = engine_search_url(&cfg, &k, 2);
    assert_true(util_starts_with(u, "http://127.0.0.1:5/serper/search?q="));
    assert_non_null(strstr(u, "page=3"));
    assert_null(strstr(u, "sk_serper"));
    free(u);

    /* no location: the country alone; another country and language */
    k = kw("fontanero", NULL);
    k.country = (char *)"es";
    k.lang = (char *)"es";
    assert_int_equal(engine_search_request(&cfg, &k, 0, &r), 0);
    b = body_of(&r);
    assert_null(json_object_get(b, "location"));
    assert_string_equal(json_string_value(json_object_get(b, "gl")), "es");
    assert_string_equal(json_string_value(json_object_get(b, "hl")), "es");
    assert_int_equal(json_integer_value(json_object_get(b, "page")), 1);
    json_decref(b);
    engine_request_release(&r);
    config_release(&cfg);

    /* the default endpoint */
    load(&cfg, "[engine.google]\nprovider = serper\napi_key = k\n");
    assert_int_equal(engine_search_request(&cfg, &k, 0, &r), 0);
    assert_string_equal(r.url, "https://google.serper.dev/search");
    engine_request_release(&r);
    config_release(&cfg);
}

static void request_maps(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[engine.google]\nprovider = serper\napi_key = k\nbase_url = http://h/serper\n");
    struct model_keyword k = kw("plumber austin", "Austin,Texas,United States");
    k.has_coords = 1;
    k.lat = 30.2672;
    k.lng = -97.7431;
    k.point_radius_m = 1500;
    struct engine_request r;
    assert_int_equal(engine_search_request(&cfg, &k, 0, &r), 0);
    assert_string_equal(r.url, "http://h/serper/maps");
    json_t *b = body_of(&r);
    char ll[96];
    snprintf(ll, sizeof ll, "@30.2672000,-97.7431000,%dz", engine_point_zoom(1500));
    assert_string_equal(json_string_value(json_object_get(b, "ll")), ll);
    assert_null(json_object_get(b, "location"));
    assert_null(json_object_get(b, "page"));
    json_decref(b);
    engine_request_release(&r);
    config_release(&cfg);
}

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

/* Serper answers Google only; the error names the section, never the key. */
static void request_errors(void **state)
{
    (void)state;
    struct config cfg;
    load(&cfg, "[engine.bing]\nprovider = serper\napi_key = sk_PLANTED_bing_77\n");
    struct model_keyword k = kw("plumber austin", NULL);
    k.engine = SERP_BING;
    struct engine_request r;
    capture_start();
    int rc = engine_search_request(&cfg, &k, 0, &r);
    char *msg = capture_end();
    assert_int_equal(rc, -1);
    assert_null(r.url);
    assert_null(r.header);
    assert_non_null(strstr(msg, "[engine.bing]"));
    assert_non_null(strstr(msg, "Google only"));
    assert_null(strstr(msg, "sk_PLANTED"));
    free(msg);
    config_release(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(search_page1),     cmocka_unit_test(search_page2),
        cmocka_unit_test(maps_list),        cmocka_unit_test(empty_page),
        cmocka_unit_test(refusals),         cmocka_unit_test(not_result_pages),
        cmocka_unit_test(hostile_types),    cmocka_unit_test(request_search),
        cmocka_unit_test(request_maps),     cmocka_unit_test(request_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
