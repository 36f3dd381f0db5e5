/* dataforseo.c - the `dataforseo` provider (DataForSEO v3 SERP API): HTTP
 * basic auth with [engine.X] login and password, one-task JSON POSTs to
 * live/regular (queue = no) or batches to the standard queue (task_post,
 * tasks_ready, task_get/regular), Google Maps' advanced endpoints for a
 * geo-grid point. Answers are read by serp_parse_dataforseo_json(). */
#define _GNU_SOURCE /* strcasestr */
#include <stdio.h>
#include <string.h>

#include "engine_int.h"

#define DFS_BASE "https://api.dataforseo.com"
#define DFS_DEPTH_MAX 100
#define DFS_MAPS_DEPTH 20 /* the Maps list the other providers give */

/* DataForSEO's location_code for a country, for a keyword without a
 * location name (codes from its locations list). */
static const struct {
    const char *cc;
    int code;
} countries[] = {
    {"us", 2840}, {"gb", 2826}, {"ca", 2124}, {"au", 2036}, {"ie", 2372},
    {"nz", 2554}, {"de", 2276}, {"fr", 2250}, {"es", 2724}, {"it", 2380},
};

static int location_code(const char *cc)
{
    for (size_t i = 0; cc && i < ARRAY_SIZE(countries); i++)
        if (util_strcaseeq(cc, countries[i].cc))
            return countries[i].code;
    return -1;
}

static int is_point(const struct engine_desc *e, const struct model_keyword *k)
{
    return k->point_radius_m > 0 && k->has_coords && e->id == SERP_GOOGLE;
}

/* "google" | "bing"; NULL after error() for an engine DataForSEO has no
 * SERP endpoint we use for. */
static const char *se_name(const struct engine_desc *e, const char *sec)
{
    if (e->id == SERP_GOOGLE || e->id == SERP_BING)
        return serp_engine_name(e->id);
    error("[%s] provider dataforseo: no %s endpoint (google and bing only)", sec,
          serp_engine_name(e->id));
    return NULL;
}

/* Starts out with the credentials and "{base}/v3/serp/{se}/{kind}/"
 * in *url; -1 after error() naming the section. */
static int start(const struct config_engine *ec, const char *sec, const struct engine_desc *e,
                 int point, struct engine_request *out, strbuf *url)
{
    if (!ec->login || !*ec->login || !ec->password || !*ec->password) {
        error("[%s] provider dataforseo needs login and password", sec);
        return -1;
    }
    const char *se = se_name(e, sec);
    if (!se)
        return -1;
    util_register_secret(ec->password);
    out->userpwd = xasprintf("%s:%s", ec->login, ec->password);
    char *base = engine_base_url(ec->base_url, DFS_BASE);
    sb_addf(url, "%s/v3/serp/%s/%s/", base, point ? "google" : se, point ? "maps" : "organic");
    free(base);
    return 0;
}

/* One task object of a POST for k; NULL after error(). */
static json_t *task(const char *sec, const struct engine_desc *e, const struct model_keyword *k,
                    const char *tag)
{
    json_t *t = json_object();
    json_object_set_new(t, "keyword", json_string(k->query ? k->query : ""));
    if (is_point(e, k)) {
        char ll[96];
        snprintf(ll, sizeof ll, "%.7f,%.7f,%dz", k->lat, k->lng,
                 engine_point_zoom(k->point_radius_m));
        json_object_set_new(t, "location_coordinate", json_string(ll));
    } else if (k->location && *k->location) {
        json_object_set_new(t, "location_name", json_string(k->location));
    } else {
        const char *cc = engine_or_def(k->country, "us");
        int code = location_code(cc);
        if (code < 0) {
            error("[%s] provider dataforseo: no location code for country \"%s\" (set a location)",
                  sec, cc);
            json_decref(t);
            return NULL;
        }
        json_object_set_new(t, "location_code", json_integer(code));
    }
    json_object_set_new(t, "language_code", json_string(engine_or_def(k->lang, "en")));
    json_object_set_new(t, "device", json_string(engine_or_def(k->device, "desktop")));
    int depth = k->depth > 0 ? k->depth : 30;
    if (depth > DFS_DEPTH_MAX)
        depth = DFS_DEPTH_MAX;
    json_object_set_new(t, "depth", json_integer(is_point(e, k) ? DFS_MAPS_DEPTH : depth));
    if (tag)
        json_object_set_new(t, "tag", json_string(tag));
    return t;
}

/* The JSON text of an array of tasks (consumed); NULL when arr is. */
static char *dump(json_t *arr)
{
    if (!arr)
        return NULL;
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return s;
}

static int search_request(const struct config_engine *ec, const char *sec,
                          const struct engine_desc *e, const struct model_keyword *k, int page,
                          struct engine_request *out)
{
    (void)page; /* one request answers the whole depth */
    strbuf url = STRBUF_INIT;
    int point = is_point(e, k);
    if (start(ec, sec, e, point, out, &url) != 0) {
        sb_release(&url);
        return -1;
    }
    sb_addf(&url, point ? "live/advanced" : "live/regular");
    out->url = sb_detach(&url);
    json_t *t = task(sec, e, k, NULL);
    if (!t)
        return -1;
    json_t *arr = json_array();
    json_array_append_new(arr, t);
    out->body = dump(arr);
    return 0;
}

/* The live endpoint's URL alone, for callers that only show a URL (the
 * request itself is search_request's POST). */
static char *search_url(const struct config_engine *ec, const char *sec,
                        const struct engine_desc *e, const struct model_keyword *k, int page,
                        const char *key)
{
    (void)key;
    struct engine_request r = {0};
    if (search_request(ec, sec, e, k, page, &r) != 0) {
        engine_request_release(&r);
        return NULL;
    }
    char *url = r.url;
    r.url = NULL;
    engine_request_release(&r);
    return url;
}

static int post(const struct config_engine *ec, const char *sec, const struct engine_desc *e,
                const struct model_keyword *const *kws, const char *const *tags, size_t n,
                struct engine_request *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0 || n > 100) {
        error("[%s] provider dataforseo: %zu tasks in one post (1 to 100)", sec, n);
        return -1;
    }
    strbuf url = STRBUF_INIT;
    if (start(ec, sec, e, is_point(e, kws[0]), out, &url) != 0) {
        sb_release(&url);
        engine_request_release(out);
        return -1;
    }
    sb_addf(&url, "task_post");
    out->url = sb_detach(&url);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *t = task(sec, e, kws[i], tags ? tags[i] : NULL);
        if (!t) {
            json_decref(arr);
            engine_request_release(out);
            return -1;
        }
        json_array_append_new(arr, t);
    }
    out->body = dump(arr);
    return 0;
}

static int ready(const struct config_engine *ec, const char *sec, const struct engine_desc *e,
                 int point, struct engine_request *out)
{
    memset(out, 0, sizeof *out);
    strbuf url = STRBUF_INIT;
    if (start(ec, sec, e, point && e->id == SERP_GOOGLE, out, &url) != 0) {
        sb_release(&url);
        engine_request_release(out);
        return -1;
    }
    sb_addf(&url, "tasks_ready");
    out->url = sb_detach(&url);
    return 0;
}

static int get(const struct config_engine *ec, const char *sec, const struct engine_desc *e,
               int point, const char *id, struct engine_request *out)
{
    memset(out, 0, sizeof *out);
    strbuf url = STRBUF_INIT;
    point = point && e->id == SERP_GOOGLE;
    if (start(ec, sec, e, point, out, &url) != 0) {
        sb_release(&url);
        engine_request_release(out);
        return -1;
    }
    char *eid = url_encode(id ? id : "");
    sb_addf(&url, "task_get/%s/%s", point ? "advanced" : "regular", eid);
    free(eid);
    out->url = sb_detach(&url);
    return 0;
}

/* "CODE: message" of an object with DataForSEO's status pair. */
static char *status_text(const json_t *o, int http_status)
{
    const json_t *c = json_object_get(o, "status_code");
    const char *m = json_string_value(json_object_get(o, "status_message"));
    char *msg = m ? util_utf8_sanitize(m, strlen(m)) : NULL;
    char *s = json_is_integer(c) ? xasprintf("%lld: %s", (long long)json_integer_value(c),
                                             msg ? msg : "no status_message")
              : http_status >= 400 ? xasprintf("http %d", http_status)
                                   : xstrdup("answer without status_code");
    free(msg);
    return s;
}

/* The parsed answer when it is DataForSEO's success shape, else NULL
 * with the refusal in *err. */
static json_t *answer(const char *buf, size_t len, int http_status, char **err)
{
    *err = NULL;
    json_error_t jerr;
    json_t *j = buf ? json_loadb(buf, len, 0, &jerr) : NULL;
    if (!json_is_object(j)) {
        *err = j || http_status < 400 ? xstrdup("answer is not a JSON object")
                                      : xasprintf("http %d", http_status);
        json_decref(j);
        return NULL;
    }
    const json_t *c = json_object_get(j, "status_code");
    if (!json_is_integer(c) || json_integer_value(c) != 20000 || http_status == 401 ||
        http_status == 402 || http_status == 429 || http_status >= 500) {
        *err = status_text(j, http_status);
        json_decref(j);
        return NULL;
    }
    return j;
}

static int posted(const char *buf, size_t len, int http_status, struct engine_task **out,
                  size_t *n_out, char **err)
{
    *out = NULL;
    *n_out = 0;
    json_t *j = answer(buf, len, http_status, err);
    if (!j)
        return -1;
    const json_t *tasks = json_object_get(j, "tasks");
    size_t n = json_array_size(tasks);
    *out = xcalloc(n ? n : 1, sizeof **out);
    for (size_t i = 0; i < n; i++) {
        const json_t *t = json_array_get(tasks, i);
        const json_t *c = json_object_get(t, "status_code");
        const char *id = json_string_value(json_object_get(t, "id"));
        const char *tag = json_string_value(json_object_get(json_object_get(t, "data"), "tag"));
        if (!json_is_integer(c) || json_integer_value(c) != 20100 || !id || !*id || !tag)
            continue; /* refused: it is posted again later */
        (*out)[*n_out].id = xstrdup(id);
        (*out)[*n_out].tag = xstrdup(tag);
        (*n_out)++;
    }
    json_decref(j);
    return 0;
}

static int ready_ids(const char *buf, size_t len, int http_status, char ***ids, size_t *n,
                     char **err)
{
    *ids = NULL;
    *n = 0;
    json_t *j = answer(buf, len, http_status, err);
    if (!j)
        return -1;
    const json_t *tasks = json_object_get(j, "tasks");
    size_t cap = 0;
    for (size_t i = 0; i < json_array_size(tasks); i++)
        cap += json_array_size(json_object_get(json_array_get(tasks, i), "result"));
    *ids = xcalloc(cap ? cap : 1, sizeof **ids);
    for (size_t i = 0; i < json_array_size(tasks); i++) {
        const json_t *res = json_object_get(json_array_get(tasks, i), "result");
        for (size_t r = 0; r < json_array_size(res); r++) {
            const char *id = json_string_value(json_object_get(json_array_get(res, r), "id"));
            if (id && *id)
                (*ids)[(*n)++] = xstrdup(id);
        }
    }
    json_decref(j);
    return 0;
}

/* DataForSEO's codes first (the reason carries "CODE: message"), then the
 * HTTP status it documents for the same refusals. 40101 "Internal SE
 * Server Error" is the search engine failing the provider: a block. */
static enum engine_refusal classify(const char *msg, int http_status)
{
    if (!msg)
        msg = "";
    if (strstr(msg, "40100") || http_status == 401)
        return ENGINE_REFUSAL_BAD_KEY;
    if (strstr(msg, "40200") || http_status == 402 || strcasestr(msg, "payment") ||
        strcasestr(msg, "balance"))
        return ENGINE_REFUSAL_CREDITS;
    if (strstr(msg, "40202") || http_status == 429)
        return ENGINE_REFUSAL_RATE_LIMIT;
    if (strstr(msg, "40101"))
        return ENGINE_REFUSAL_CAPTCHA;
    return ENGINE_REFUSAL_OTHER;
}

/* A task_get answer for a task that is not finished: 40601 "Task Handed."
 * or 40602 "Task In Queue." at the task level of a good answer. */
static int pending(const char *buf, size_t len)
{
    char *err = NULL;
    json_t *j = answer(buf, len, 200, &err);
    free(err);
    if (!j)
        return 0;
    const json_t *c = json_object_get(json_array_get(json_object_get(j, "tasks"), 0), "status_code");
    int p = json_is_integer(c) &&
            (json_integer_value(c) == 40601 || json_integer_value(c) == 40602);
    json_decref(j);
    return p;
}

static const struct engine_queue_desc queue = {
    .max_batch = 100,
    .pending = pending,
    .post = post,
    .posted = posted,
    .ready = ready,
    .ready_ids = ready_ids,
    .get = get,
};

const struct engine_provider_desc engine_dataforseo = {
    .id = PROVIDER_DATAFORSEO,
    .name = "dataforseo",
    .needs_key = 0,
    .answer = ENGINE_ANSWER_JSON,
    .own_errors = 1,
    .search_url = search_url,
    .search_request = search_request,
    .classify = classify,
    .parse = serp_parse_dataforseo_json,
    .whole_depth = 1,
    .queue = &queue,
    /* since September 19, 2025: the first page of 10 at the base price,
     * each further page of the same task at 0.75 of it; the standard
     * queue's normal priority, and the live method */
    .default_cost_per_1000 = 0.60,
    .live_cost_per_1000 = 2.00,
    .next_page_factor = 0.75,
};
