/* duckduckgo.c - DuckDuckGo's request shape: the html endpoint with q and
 * the region kl, paged by result offset; autocomplete on the main host. */
#include "engine_int.h"

#define PAGE_SIZE 10 /* results per page, fixed by the engine */

/* Region: "us-en" from country and language. */
static char *kl(const struct model_keyword *k)
{
    char *s = xasprintf("%s-%s", engine_or_def(k->country, "us"), engine_or_def(k->lang, "en"));
    return util_lower(s);
}

static void result_url(strbuf *sb, const char *base, const struct model_keyword *k, int page)
{
    char *region = kl(k);
    sb_addf(sb, "%s/html/", base);
    engine_param(sb, "q", k->query);
    engine_param(sb, "kl", region);
    free(region);
    /* The html endpoint pages with the result offset s (and dc, the
     * 1-based index of the first result shown). */
    if (page > 0) {
        engine_param_int(sb, "s", (long long)page * PAGE_SIZE);
        engine_param_int(sb, "dc", (long long)page * PAGE_SIZE + 1);
    }
}

static void suggest_url(strbuf *sb, const char *base, const char *q)
{
    sb_addf(sb, "%s/ac/", base);
    engine_param(sb, "q", q);
    engine_param(sb, "type", "list");
}

static void api_params(strbuf *sb, const struct model_keyword *k)
{
    char *region = kl(k);
    engine_param(sb, "kl", region);
    free(region);
}

const struct engine_desc engine_duckduckgo = {
    .id = SERP_DUCKDUCKGO,
    .real_base = "https://html.duckduckgo.com",
    /* Autocomplete lives on the main host, not the html one. */
    .suggest_base = "https://duckduckgo.com",
    .page_size = PAGE_SIZE,
    .share_key = "duckduckgo_share",
    .default_share = 0.025,
    .result_url = result_url,
    .suggest_url = suggest_url,
    .api_params = api_params,
};
