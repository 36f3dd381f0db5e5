/* direct.c - the `direct` provider: an HTTP GET to the engine's own HTML
 * endpoint (base_url in config points it elsewhere, e.g. the simulator). */
#include "engine_int.h"

static char *search_url(const struct config_engine *ec, const char *sec,
                        const struct engine_desc *e, const struct model_keyword *k, int page,
                        const char *key)
{
    (void)sec;
    (void)key;
    char *base = engine_base_url(ec->base_url, e->real_base);
    char *u = engine_direct_url(e, base, k, page);
    free(base);
    return u;
}

/* The engine answers with pages, not refusals: its blocks are found by the
 * page parsers (serp_parse), so every message here is some other failure. */
static enum engine_refusal classify(const char *msg, int http_status)
{
    (void)msg;
    (void)http_status;
    return ENGINE_REFUSAL_OTHER;
}

const struct engine_provider_desc engine_direct = {
    .id = PROVIDER_DIRECT,
    .name = "direct",
    .needs_key = 0,
    .answer = ENGINE_ANSWER_HTML,
    .own_errors = 0,
    .search_url = search_url,
    .classify = classify,
};
