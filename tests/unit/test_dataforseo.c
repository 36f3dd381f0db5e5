/* test_dataforseo.c - the dataforseo provider: its answer parser on the
 * golden answers in tests/golden/dataforseo (organic with ads, local pack
 * and an AI overview; a Maps answer), every error shape and hostile types,
 * the refusal classes and stored reasons, and the request builders (live
 * and queue endpoints, JSON body fields, basic auth, no password in
 * errors). Run from the project root. */
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

#define GOLDEN "tests/golden/dataforseo/"

static const struct engine_provider_desc *dfs(void)
{
    const struct engine_provider_desc *p = engine_provider_by_name("dataforseo");
    assert_non_null(p);
    return p;
}

static int parse_file(const char *name, struct serp_page *p, char **err)
{
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(util_read_file(name, 1 << 20, &buf, &len), 0);
    int rc = serp_parse_dataforseo_json(SERP_GOOGLE, buf, len, 200, p, err);
    free(buf);
    return rc;
}

static void organic_answer(void **state)
{
    (void)state;
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(parse_file(GOLDEN "organic.json", &p, &err), 0);
    assert_null(err);
    /* in rank_absolute order, whatever the array order */
    assert_int_equal(p.n_organic, 3);
    assert_string_equal(p.organic[0].url, "https://first.example.com/");
    assert_string_equal(p.organic[1].url, "https://second.example.com/b");
    assert_string_equal(p.organic[2].url, "https://third.example.com/c");
    for (size_t i = 0; i < p.n_organic; i++)
        assert_int_equal(p.organic[i].position, (int)i + 1);
    assert_string_equal(p.organic[0].snippet, "first snippet");
    assert_int_equal(p.n_ads, 2);
    assert_int_equal(p.ads[0].block, SERP_AD_TOP);
    assert_string_equal(p.ads[0].url, "https://adtop.example.com/");
    assert_int_equal(p.ads[1].block, SERP_AD_BOTTOM);
    assert_int_equal(p.n_local, 2);
    assert_string_equal(p.local[0].name, "Pack One Plumbing");
    assert_true(p.local[0].rating > 4.69 && p.local[0].rating < 4.71);
    assert_int_equal(p.local[0].reviews, 212);
    assert_string_equal(p.local[0].website, "https://packone.example.com/");
    assert_string_equal(p.local[0].phone, "(512) 555-0101");
    assert_null(p.local[1].website);
    assert_true(p.local[1].rating < 0);
    assert_int_equal(p.local[1].reviews, -1);
    assert_int_equal(p.n_ai_cited, 2);
    assert_string_equal(p.ai_cited[0].url, "https://cited1.example.com/guide");
    assert_string_equal(p.ai_cited[1].title, "FAQ two");
    unsigned want = SERP_F_ADS_TOP | SERP_F_ADS_BOTTOM | SERP_F_LOCAL_PACK | SERP_F_AI_OVERVIEW |
                    SERP_F_PEOPLE_ALSO_ASK;
    assert_int_equal(p.features & want, want);
    assert_int_equal(p.total_results, 1234000);
    assert_string_equal(p.query, "plumber austin");
    assert_int_equal(p.has_next, 0);
    assert_int_equal(p.no_results, 0);
    assert_int_equal(p.block, SERP_BLOCK_NONE);
    serp_page_release(&p);
}

static void maps_answer(void **state)
{
    (void)state;
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(parse_file(GOLDEN "maps.json", &p, &err), 0);
    assert_int_equal(p.n_organic, 0);
    assert_int_equal(p.no_results, 0);
    assert_int_equal(p.n_local, 3);
    assert_string_equal(p.local[0].name, "First Place Plumbing");
    assert_int_equal(p.local[0].reviews, 480);
    assert_string_equal(p.local[0].website, "https://firstplace.example.com/");
    assert_string_equal(p.local[1].name, "Second Place Plumbing");
    assert_null(p.local[1].website);
    assert_non_null(p.local[1].phone);
    /* a string rating and votes are not trusted */
    assert_true(p.local[2].rating < 0);
    assert_int_equal(p.local[2].reviews, -1);
    assert_int_equal(p.local[2].position, 3);
    serp_page_release(&p);
}

static const struct {
    const char *json;
    int http;
    const char *reason; /* expected in *err */
} errors[] = {
    {"{}", 200, "status_code"},
    {"[]", 200, "not a JSON object"},
    {"not json", 200, "not JSON"},
    {"{\"status_code\":40100,\"status_message\":\"You are not authorized to access this "
     "resource.\",\"tasks\":[]}",
     401, "40100: You are not authorized"},
    {"{\"status_code\":40200,\"status_message\":\"Payment Required.\"}", 402,
     "40200: Payment Required."},
    {"{\"status_code\":40202,\"status_message\":\"Rate-limit exceeded.\"}", 429, "40202"},
    {"{\"status_code\":50000,\"status_message\":\"Internal Error.\"}", 500, "50000"},
    {"{\"status_code\":20000,\"status_message\":\"Ok.\"}", 200, "without tasks"},
    {"{\"status_code\":20000,\"tasks\":{}}", 200, "without tasks"},
    {"{\"status_code\":20000,\"tasks\":[{\"status_code\":40602,\"status_message\":\"Task In "
     "Queue.\",\"result\":null}]}",
     200, "40602: Task In Queue."},
    {"{\"status_code\":20000,\"tasks\":[{\"status_code\":40400,\"status_message\":\"Not "
     "Found.\"}]}",
     200, "40400"},
    {"{\"status_code\":20000,\"tasks\":[{\"status_code\":40101,\"status_message\":\"Internal SE "
     "Server Error.\",\"result\":null}]}",
     200, "40101"},
    {"{\"status_code\":20000,\"tasks\":[{\"status_code\":20000,\"result\":null}]}", 200,
     "without result"},
    {"{\"status_code\":20000,\"tasks\":[{\"status_code\":20000,\"result\":[{\"items\":{}}]}]}", 200,
     "without items"},
    {"{\"status_code\":\"20000\",\"tasks\":[]}", 200, "status_code"},
    {"{\"status_code\":20000,\"tasks\":[{\"status_code\":\"20000\",\"result\":[{\"items\":[]}]}]}",
     200, "status_code"},
};

static void error_shapes(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(errors); i++) {
        struct serp_page p;
        char *err = NULL;
        int rc = serp_parse_dataforseo_json(SERP_GOOGLE, errors[i].json, strlen(errors[i].json),
                                            errors[i].http, &p, &err);
        if (rc != -1 || !err || !strstr(err, errors[i].reason))
            fail_msg("case %zu %s: rc %d, err [%s], want [%s]", i, errors[i].json, rc,
                     err ? err : "(null)", errors[i].reason);
        free(err);
        serp_page_release(&p);
    }
}

static void hostile_items(void **state)
{
    (void)state;
    const char *j =
        "{\"status_code\":20000,\"tasks\":[{\"status_code\":20000,\"result\":[{\"type\":"
        "\"organic\",\"se_results_count\":\"lots\",\"item_types\":[1,null,\"video\"],\"items\":["
        "7,null,\"x\",{\"type\":5},{\"type\":\"organic\",\"url\":3,\"title\":\"T\"},"
        "{\"type\":\"organic\",\"url\":\"https://ok.example.com/\",\"title\":[\"T\"]},"
        "{\"type\":\"organic\",\"rank_absolute\":\"2\",\"url\":\"https://ok.example.com/\","
        "\"title\":\"Fine\",\"description\":{}},"
        "{\"type\":\"paid\",\"url\":null},"
        "{\"type\":\"ai_overview\",\"references\":[1,{\"url\":7},{\"url\":\"https://c.example.com/\"}]},"
        "{\"type\":\"local_pack\",\"title\":{},\"rating\":[]},"
        "{\"type\":\"local_pack\",\"title\":\"P\",\"rating\":{\"value\":99,\"votes_count\":-4},"
        "\"phone\":12}]}]}]}";
    struct serp_page p;
    char *err = NULL;
    assert_int_equal(serp_parse_dataforseo_json(SERP_GOOGLE, j, strlen(j), 200, &p, &err), 0);
    assert_null(err);
    assert_int_equal(p.n_organic, 1);
    assert_string_equal(p.organic[0].title, "Fine");
    assert_null(p.organic[0].snippet);
    assert_int_equal(p.n_ads, 0);
    assert_int_equal(p.n_ai_cited, 1);
    assert_int_equal(p.n_local, 1);
    assert_true(p.local[0].rating < 0);
    assert_int_equal(p.local[0].reviews, -1);
    assert_null(p.local[0].phone);
    assert_int_equal(p.total_results, -1);
    assert_true(p.features & SERP_F_VIDEOS);
    serp_page_release(&p);
    /* a result with items null: an answer with no results */
    const char *none = "{\"status_code\":20000,\"tasks\":[{\"status_code\":20000,\"result\":[{"
                       "\"type\":\"organic\",\"items\":null}]}]}";
    assert_int_equal(serp_parse_dataforseo_json(SERP_BING, none, strlen(none), 200, &p, &err), 0);
    assert_int_equal(p.no_results, 1);
    serp_page_release(&p);
}

/* The classes and the reason crawl_classify stores (what track keeps). */
static void refusals(void **state)
{
    (void)state;
    static const struct {
        int i; /* index into errors[] */
        enum model_status st;
        enum engine_refusal r;
    } want[] = {
        {3, MODEL_ERROR, ENGINE_REFUSAL_BAD_KEY},
        {4, MODEL_ERROR, ENGINE_REFUSAL_CREDITS},
        {5, MODEL_BLOCKED, ENGINE_REFUSAL_RATE_LIMIT},
        {6, MODEL_ERROR, ENGINE_REFUSAL_OTHER},
        {9, MODEL_ERROR, ENGINE_REFUSAL_OTHER},
        {11, MODEL_BLOCKED, ENGINE_REFUSAL_CAPTCHA},
    };
    for (size_t k = 0; k < ARRAY_SIZE(want); k++) {
        const char *j = errors[want[k].i].json;
        int http = errors[want[k].i].http;
        struct serp_page p;
        char *reason = NULL;
        enum model_status st = crawl_classify(SERP_GOOGLE, PROVIDER_DATAFORSEO, http, j,
                                              strlen(j), CRAWL_OK, NULL, &p, &reason);
        assert_non_null(reason);
        if (st != want[k].st || strncmp(reason, "dataforseo: ", 12) != 0 ||
            !strstr(reason, errors[want[k].i].reason) ||
            engine_classify(PROVIDER_DATAFORSEO, reason, http) != want[k].r)
            fail_msg("case %zu: status %d reason [%s]", k, (int)st, reason);
        free(reason);
        serp_page_release(&p);
    }
    assert_int_equal(dfs()->classify("dataforseo: your balance is too low", 200),
                     ENGINE_REFUSAL_CREDITS);
}

static struct model_keyword kw(const char *query, const char *location)
{
    struct model_keyword k;
    memset(&k, 0, sizeof k);
    k.query = (char *)query;
    k.location = (char *)location;
    k.engine = SERP_GOOGLE;
    k.device = (char *)"mobile";
    k.lang = (char *)"en";
    k.country = (char *)"us";
    k.depth = 50;
    return k;
}

static json_t *body_task(const struct engine_request *r, size_t i)
{
    json_error_t jerr;
    json_t *a = json_loads(r->body, 0, &jerr);
    assert_true(json_is_array(a));
    json_t *t = json_incref(json_array_get(a, i));
    json_decref(a);
    assert_true(json_is_object(t));
    return t;
}

static void live_requests(void **state)
{
    (void)state;
    struct config_engine ec;
    memset(&ec, 0, sizeof ec);
    ec.login = "me";
    ec.password = "s3cret-pw";
    ec.base_url = "http://127.0.0.1:9/dataforseo/";
    struct model_keyword k = kw("plumber austin", "Austin,Texas,United States");
    struct engine_request r = {0};
    assert_int_equal(dfs()->search_request(&ec, "engine.google", engine_get(SERP_GOOGLE), &k, 0, &r), 0);
    assert_string_equal(r.url, "http://127.0.0.1:9/dataforseo/v3/serp/google/organic/live/regular");
    assert_string_equal(r.userpwd, "me:s3cret-pw");
    assert_null(r.header);
    json_t *t = body_task(&r, 0);
    assert_string_equal(json_string_value(json_object_get(t, "keyword")), "plumber austin");
    assert_string_equal(json_string_value(json_object_get(t, "location_name")),
                        "Austin,Texas,United States");
    assert_string_equal(json_string_value(json_object_get(t, "language_code")), "en");
    assert_string_equal(json_string_value(json_object_get(t, "device")), "mobile");
    assert_int_equal(json_integer_value(json_object_get(t, "depth")), 50);
    json_decref(t);
    engine_request_release(&r);

    /* no location: the country's code; bing; depth capped at 100 */
    k = kw("plumber", NULL);
    k.engine = SERP_BING;
    k.country = (char *)"gb";
    k.depth = 300;
    assert_int_equal(dfs()->search_request(&ec, "engine.bing", engine_get(SERP_BING), &k, 0, &r), 0);
    assert_string_equal(r.url, "http://127.0.0.1:9/dataforseo/v3/serp/bing/organic/live/regular");
    t = body_task(&r, 0);
    assert_int_equal(json_integer_value(json_object_get(t, "location_code")), 2826);
    assert_int_equal(json_integer_value(json_object_get(t, "depth")), 100);
    assert_null(json_object_get(t, "location_name"));
    json_decref(t);
    engine_request_release(&r);

    /* a geo-grid point: Maps with location_coordinate */
    k = kw("plumber", "Austin,Texas,United States");
    k.has_coords = 1;
    k.lat = 30.2672;
    k.lng = -97.7431;
    k.point_radius_m = 2000;
    assert_int_equal(dfs()->search_request(&ec, "engine.google", engine_get(SERP_GOOGLE), &k, 0, &r), 0);
    assert_string_equal(r.url, "http://127.0.0.1:9/dataforseo/v3/serp/google/maps/live/advanced");
    t = body_task(&r, 0);
    char want[64];
    snprintf(want, sizeof want, "30.2672000,-97.7431000,%dz", engine_point_zoom(2000));
    assert_string_equal(json_string_value(json_object_get(t, "location_coordinate")), want);
    assert_null(json_object_get(t, "location_name"));
    json_decref(t);
    engine_request_release(&r);
}

/* Runs fn with stderr captured into out (n bytes). */
static int captured(int (*fn)(const struct config_engine *), const struct config_engine *ec,
                    char *out, size_t n)
{
    fflush(stderr);
    int saved = dup(2);
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    dup2(fileno(tmp), 2);
    int rc = fn(ec);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    size_t got = fread(out, 1, n - 1, tmp);
    out[got] = '\0';
    fclose(tmp);
    return rc;
}

static int try_live(const struct config_engine *ec)
{
    struct model_keyword k = kw("plumber", NULL);
    k.country = (char *)"zz";
    struct engine_request r = {0};
    int rc = dfs()->search_request(ec, "engine.google", engine_get(SERP_GOOGLE), &k, 0, &r);
    engine_request_release(&r);
    return rc;
}

/* duckduckgo has no DataForSEO endpoint */
static int try_ddg(const struct config_engine *ec)
{
    struct model_keyword k = kw("plumber", NULL);
    k.engine = SERP_DUCKDUCKGO;
    struct engine_request r = {0};
    int rc = dfs()->search_request(ec, "engine.duckduckgo", engine_get(SERP_DUCKDUCKGO), &k, 0, &r);
    engine_request_release(&r);
    return rc;
}

static void config_errors(void **state)
{
    (void)state;
    struct config_engine ec;
    memset(&ec, 0, sizeof ec);
    char msg[512];
    ec.login = "me";
    assert_int_equal(captured(try_live, &ec, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "[engine.google]"));
    assert_non_null(strstr(msg, "login and password"));
    ec.password = "pw-UNIQUE-91d";
    assert_int_equal(captured(try_live, &ec, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "\"zz\""));
    assert_null(strstr(msg, "pw-UNIQUE-91d"));
    assert_int_equal(captured(try_ddg, &ec, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "no duckduckgo endpoint"));
}

static void queue_requests(void **state)
{
    (void)state;
    const struct engine_queue_desc *q = dfs()->queue;
    assert_non_null(q);
    assert_int_equal(q->max_batch, 100);
    struct config_engine ec;
    memset(&ec, 0, sizeof ec);
    ec.login = "me";
    ec.password = "pw";
    struct model_keyword a = kw("plumber austin", "Austin,Texas,United States");
    struct model_keyword b = kw("roofer", NULL);
    const struct model_keyword *kws[] = {&a, &b};
    const char *tags[] = {"t-1", "t-2"};
    const struct engine_desc *g = engine_get(SERP_GOOGLE);
    struct engine_request r;
    assert_int_equal(q->post(&ec, "engine.google", g, kws, tags, 2, &r), 0);
    assert_string_equal(r.url, "https://api.dataforseo.com/v3/serp/google/organic/task_post");
    assert_string_equal(r.userpwd, "me:pw");
    json_t *t = body_task(&r, 1);
    assert_string_equal(json_string_value(json_object_get(t, "tag")), "t-2");
    assert_int_equal(json_integer_value(json_object_get(t, "location_code")), 2840);
    json_decref(t);
    engine_request_release(&r);
    assert_int_equal(q->ready(&ec, "engine.google", g, 1, &r), 0);
    assert_string_equal(r.url, "https://api.dataforseo.com/v3/serp/google/maps/tasks_ready");
    assert_null(r.body);
    engine_request_release(&r);
    assert_int_equal(q->get(&ec, "engine.google", g, 0, "12-ab/c d", &r), 0);
    assert_string_equal(r.url, "https://api.dataforseo.com/v3/serp/google/organic/task_get/regular/"
                               "12-ab%2Fc%20d");
    engine_request_release(&r);
    assert_int_equal(q->get(&ec, "engine.bing", engine_get(SERP_BING), 1, "x1", &r), 0);
    assert_string_equal(r.url, "https://api.dataforseo.com/v3/serp/bing/organic/task_get/regular/x1");
    engine_request_release(&r);
}

static void queue_answers(void **state)
{
    (void)state;
    const struct engine_queue_desc *q = dfs()->queue;
    const char *posted =
        "{\"status_code\":20000,\"status_message\":\"Ok.\",\"tasks\":["
        "{\"id\":\"id-1\",\"status_code\":20100,\"status_message\":\"Task Created.\","
        "\"data\":{\"tag\":\"t-1\"},\"result\":null},"
        "{\"id\":\"id-2\",\"status_code\":40501,\"status_message\":\"Invalid Field.\","
        "\"data\":{\"tag\":\"t-2\"}},"
        "{\"id\":7,\"status_code\":20100,\"data\":{\"tag\":\"t-3\"}},"
        "{\"id\":\"id-4\",\"status_code\":20100,\"data\":{\"tag\":\"t-4\"}}]}";
    struct engine_task *tv;
    size_t n;
    char *err;
    assert_int_equal(q->posted(posted, strlen(posted), 200, &tv, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(tv[0].id, "id-1");
    assert_string_equal(tv[0].tag, "t-1");
    assert_string_equal(tv[1].tag, "t-4");
    engine_tasks_free(tv, n);
    const char *refused = "{\"status_code\":40200,\"status_message\":\"Payment Required.\","
                          "\"tasks\":[]}";
    assert_int_equal(q->posted(refused, strlen(refused), 402, &tv, &n, &err), -1);
    assert_string_equal(err, "40200: Payment Required.");
    free(err);
    engine_tasks_free(tv, n);
    assert_int_equal(q->posted("{}", 2, 200, &tv, &n, &err), -1);
    assert_non_null(err);
    free(err);
    engine_tasks_free(tv, n);
    assert_int_equal(q->posted("<html>", 6, 502, &tv, &n, &err), -1);
    assert_non_null(err);
    free(err);
    engine_tasks_free(tv, n);

    const char *ready = "{\"status_code\":20000,\"tasks\":[{\"status_code\":20000,\"result\":["
                        "{\"id\":\"r-1\",\"tag\":\"t-1\"},{\"id\":5},{\"id\":\"r-2\"}]},"
                        "{\"result\":{}}]}";
    char **ids;
    assert_int_equal(q->ready_ids(ready, strlen(ready), 200, &ids, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(ids[0], "r-1");
    assert_string_equal(ids[1], "r-2");
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    const char *auth = "{\"status_code\":40100,\"status_message\":\"You are not authorized.\"}";
    assert_int_equal(q->ready_ids(auth, strlen(auth), 401, &ids, &n, &err), -1);
    assert_non_null(strstr(err, "40100"));
    free(err);
    free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(organic_answer), cmocka_unit_test(maps_answer),
        cmocka_unit_test(error_shapes),   cmocka_unit_test(hostile_items),
        cmocka_unit_test(refusals),       cmocka_unit_test(live_requests),
        cmocka_unit_test(config_errors),  cmocka_unit_test(queue_requests),
        cmocka_unit_test(queue_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
