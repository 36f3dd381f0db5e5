/* serper.c - STUB until helper s1 lands: the `serper` provider. */
#include <string.h>

#include "engine_int.h"

static char *search_url(const struct config_engine *ec, const char *sec,
                        const struct engine_desc *e, const struct model_keyword *k, int page,
                        const char *key)
{
    (void)ec; (void)e; (void)k; (void)page; (void)key;
    error("[%s] provider serper: not built yet", sec);
    return NULL;
}

static enum engine_refusal classify(const char *msg, int http_status)
{
    (void)msg; (void)http_status;
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
    .parse = serp_parse_serper_json,
};
