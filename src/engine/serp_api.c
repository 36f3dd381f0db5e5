/* serp_api.c - the `serp-api` provider: SerpApi's search.json shape, a
 * JSON answer mapped into the model by serp_parse_api_json(). */
#define _GNU_SOURCE /* strcasestr */
#include <stdio.h>
#include <string.h>

#include "engine_int.h"

static char *search_url(const struct config_engine *ec, const char *sec,
                        const struct engine_desc *e, const struct model_keyword *k, int page,
                        const char *key)
{
    (void)sec;
    char *base = engine_base_url(ec->base_url, "https://serpapi.com");
    strbuf sb = STRBUF_INIT;
    sb_addf(&sb, "%s/search.json", base);
    free(base);
    if (k->point_radius_m > 0 && k->has_coords && e->id == SERP_GOOGLE) {
        /* a geo-grid point: the Maps engine at those coordinates answers
         * the local results up to 20 (one page: it is the whole list) */
        char ll[96];
        snprintf(ll, sizeof ll, "@%.7f,%.7f,%dz", k->lat, k->lng,
                 engine_point_zoom(k->point_radius_m));
        engine_param(&sb, "engine", "google_maps");
        engine_param(&sb, "type", "search");
        engine_param(&sb, "q", k->query);
        engine_param(&sb, "ll", ll);
        engine_param(&sb, "hl", engine_or_def(k->lang, "en"));
        engine_param(&sb, "api_key", key ? key : "");
        return sb_detach(&sb);
    }
    engine_param(&sb, "engine", serp_engine_name(e->id));
    engine_param(&sb, "q", k->query);
    if (k->location && *k->location)
        engine_param(&sb, "location", k->location);
    engine_param(&sb, "hl", engine_or_def(k->lang, "en"));
    engine_param(&sb, "gl", engine_or_def(k->country, "us"));
    if (e->api_params)
        e->api_params(&sb, k);
    if (k->device && strcmp(k->device, "mobile") == 0)
        engine_param(&sb, "device", "mobile");
    engine_param_int(&sb, "start", (long long)page * e->page_size);
    engine_param(&sb, "api_key", key ? key : "");
    return sb_detach(&sb);
}

/* SerpApi's "error" texts: a captcha it ran into is the engine blocking
 * it; exhausted credits or searches and bad keys are errors to fix; a bare
 * 429 is pacing. */
static enum engine_refusal classify(const char *msg, int http_status)
{
    if (!msg)
        msg = "";
    if (strcasestr(msg, "captcha") || strcasestr(msg, "unusual traffic"))
        return ENGINE_REFUSAL_CAPTCHA;
    /* "searches", not "search": "search status \"Processing\"" is no refusal */
    if (strcasestr(msg, "credit") || strcasestr(msg, "searches"))
        return ENGINE_REFUSAL_CREDITS;
    if (strcasestr(msg, "key"))
        return ENGINE_REFUSAL_BAD_KEY;
    if (http_status == 429)
        return ENGINE_REFUSAL_RATE_LIMIT;
    return ENGINE_REFUSAL_OTHER;
}

const struct engine_provider_desc engine_serp_api = {
    .id = PROVIDER_SERP_API,
    .name = "serp-api",
    .alias = "serpapi",
    .needs_key = 1,
    .answer = ENGINE_ANSWER_SERP_JSON,
    .own_errors = 1,
    .search_url = search_url,
    .classify = classify,
    /* the Developer plan: $75 a month for 5,000 searches, one a page */
    .default_cost_per_1000 = 15.0,
};
