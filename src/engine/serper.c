/* serper.c - the `serper` provider (serper.dev): Google only, a JSON POST
 * to {base}/search (organic, one page of 10 a request) or {base}/maps (a
 * geo-grid point), the key in an X-API-KEY header; the answer is read by
 * serp_parse_serper_json().
 *
 * Device: Serper documents no device parameter (its /search takes q, gl,
 * hl, location, num, page, tbs, autocorrect), so a mobile keyword is asked
 * as Serper's default (desktop) results. */
#define _GNU_SOURCE /* strcasestr */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "engine_int.h"

#define SERPER_BASE "https://google.serper.dev"

/* Serper's map coordinates for a geo-grid point: "@LAT,LNG,ZOOMz". */
static void point_ll(const struct model_keyword *k, char *out, size_t n)
{
    snprintf(out, n, "@%.7f,%.7f,%dz", k->lat, k->lng, engine_point_zoom(k->point_radius_m));
}

/* The request as a URL with its parameters but never the key: what a
 * caller that shows or compares URLs (doctor, logs) sees. Serper is asked
 * with search_request's POST. */
static char *search_url(const struct config_engine *ec, const char *sec,
                        const struct engine_desc *e, const struct model_keyword *k, int page,
                        const char *key)
{
    (void)key;
    if (e->id != SERP_GOOGLE) {
        error("[%s] provider serper: Serper answers Google only", sec);
        return NULL;
    }
    char *base = engine_base_url(ec->base_url, SERPER_BASE);
    strbuf sb = STRBUF_INIT;
    int point = k->point_radius_m > 0 && k->has_coords;
    sb_addf(&sb, "%s/%s", base, point ? "maps" : "search");
    free(base);
    engine_param(&sb, "q", k->query);
    if (point) {
        char ll[96];
        point_ll(k, ll, sizeof ll);
        engine_param(&sb, "ll", ll);
    } else {
        engine_param(&sb, "gl", engine_or_def(k->country, "us"));
        if (k->location && *k->location)
            engine_param(&sb, "location", k->location);
        engine_param_int(&sb, "page", (long long)page + 1);
    }
    engine_param(&sb, "hl", engine_or_def(k->lang, "en"));
    return sb_detach(&sb);
}

/* The canonical "Austin,Texas,United States" as Serper's location list
 * writes it: "Austin, Texas, United States". Newly allocated. */
static char *serper_location(const char *loc)
{
    strbuf sb = STRBUF_INIT;
    for (const char *c = loc; *c; c++) {
        sb_addc(&sb, *c);
        if (*c == ',' && c[1] != ' ' && c[1])
            sb_addc(&sb, ' ');
    }
    return sb_detach(&sb);
}

/* The JSON body of the request for page (0-based) of k; NULL when jansson
 * cannot build it. */
static char *request_body(const struct model_keyword *k, int page, int point)
{
    json_t *j = json_object();
    json_object_set_new(j, "q", json_string(k->query ? k->query : ""));
    if (point) {
        /* The Maps list at the point: the whole list in one answer (page 1),
         * as SerpApi's google_maps gives it; no location by name. */
        char ll[96];
        point_ll(k, ll, sizeof ll);
        json_object_set_new(j, "ll", json_string(ll));
        json_object_set_new(j, "hl", json_string(engine_or_def(k->lang, "en")));
    } else {
        json_object_set_new(j, "gl", json_string(engine_or_def(k->country, "us")));
        json_object_set_new(j, "hl", json_string(engine_or_def(k->lang, "en")));
        if (k->location && *k->location) {
            char *loc = serper_location(k->location);
            json_object_set_new(j, "location", json_string(loc));
            free(loc);
        }
        json_object_set_new(j, "num", json_integer(10));
        json_object_set_new(j, "page", json_integer(page + 1));
    }
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

static int search_request(const struct config_engine *ec, const char *sec,
                          const struct engine_desc *e, const struct model_keyword *k, int page,
                          struct engine_request *out)
{
    if (e->id != SERP_GOOGLE) {
        error("[%s] provider serper: Serper answers Google only", sec);
        return -1;
    }
    if (!ec->api_key || !*ec->api_key) {
        error("[%s] provider serper needs api_key", sec);
        return -1;
    }
    int point = k->point_radius_m > 0 && k->has_coords;
    char *body = request_body(k, page, point);
    if (!body) {
        error("[%s] provider serper: cannot build the request", sec);
        return -1;
    }
    char *base = engine_base_url(ec->base_url, SERPER_BASE);
    out->url = xasprintf("%s/%s", base, point ? "maps" : "search");
    free(base);
    /* json_dumps allocates with malloc: the body is freed by free() too. */
    out->body = body;
    out->header = xasprintf("X-API-KEY: %s", ec->api_key);
    return 0;
}

/* Serper's {"message": ..., "statusCode": ...}: a bad or missing key is
 * 401/403 ("Unauthorized."), exhausted credits say "credits" (HTTP 400),
 * a bare 429 is pacing. */
static enum engine_refusal classify(const char *msg, int http_status)
{
    if (!msg)
        msg = "";
    if (strcasestr(msg, "captcha") || strcasestr(msg, "unusual traffic"))
        return ENGINE_REFUSAL_CAPTCHA;
    if (strcasestr(msg, "credits"))
        return ENGINE_REFUSAL_CREDITS;
    if (http_status == 401 || http_status == 403 || strcasestr(msg, "unauthorized") ||
        strcasestr(msg, "key"))
        return ENGINE_REFUSAL_BAD_KEY;
    if (http_status == 429)
        return ENGINE_REFUSAL_RATE_LIMIT;
    return ENGINE_REFUSAL_OTHER;
}

const struct engine_provider_desc engine_serper = {
    .id = PROVIDER_SERPER,
    .name = "serper",
    .needs_key = 1,
    .answer = ENGINE_ANSWER_JSON,
    .own_errors = 1,
    .search_url = search_url,
    .classify = classify,
    .search_request = search_request,
    .parse = serp_parse_serper_json,
    .whole_depth = 0,
    /* one credit a page of 10; $0.30 to $1.00 per 1000 credits by pack
     * size (2025-26): the default is the small packs' price */
    .default_cost_per_1000 = 1.00,
};
