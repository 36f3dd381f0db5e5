/* bing.c - Bing's request shape: /search with q, first (1-based index of
 * the first result), cc and setlang; the OpenSearch autocomplete. */
#include "engine_int.h"

#define PAGE_SIZE 10 /* results per page, fixed by the engine */

static void result_url(strbuf *sb, const char *base, const struct model_keyword *k, int page)
{
    sb_addf(sb, "%s/search", base);
    engine_param(sb, "q", k->query);
    engine_param_int(sb, "first", (long long)page * PAGE_SIZE + 1);
    engine_param(sb, "cc", engine_or_def(k->country, "us"));
    engine_param(sb, "setlang", engine_or_def(k->lang, "en"));
}

static void suggest_url(strbuf *sb, const char *base, const char *q)
{
    sb_addf(sb, "%s/osjson.aspx", base);
    engine_param(sb, "query", q);
}

const struct engine_desc engine_bing = {
    .id = SERP_BING,
    .real_base = "https://www.bing.com",
    .suggest_base = "https://www.bing.com",
    .page_size = PAGE_SIZE,
    .share_key = "bing_share",
    .default_share = 0.09,
    .result_url = result_url,
    .suggest_url = suggest_url,
    .api_params = NULL,
};
