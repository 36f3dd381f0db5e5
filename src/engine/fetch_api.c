/* fetch_api.c - the `fetch-api` provider: a scraping API that fetches the
 * engine's real page for us ({url} and {api_key} in url_template) and
 * returns its HTML, parsed by the same parsers as `direct`. */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>

#include "engine_int.h"

/* Replaces every {name} in tmpl by the encoded value. */
static void subst(strbuf *out, const char *tmpl, const char *name, const char *value)
{
    char *enc = url_encode(value);
    size_t nl = strlen(name);
    for (const char *p = tmpl; *p;) {
        if (*p == '{' && strncmp(p + 1, name, nl) == 0 && p[1 + nl] == '}') {
            sb_adds(out, enc);
            p += nl + 2;
        } else {
            sb_addc(out, *p++);
        }
    }
    free(enc);
}

static char *search_url(const struct config_engine *ec, const char *sec,
                        const struct engine_desc *e, const struct model_keyword *k, int page,
                        const char *key)
{
    const char *tmpl = ec->url_template;
    char *own = NULL;
    if (!tmpl || !*tmpl) {
        /* Without a template, base_url names the API and the usual
         * url/api_key query parameters are assumed. */
        char *base = engine_base_url(ec->base_url, NULL);
        if (!base) {
            error("[%s] provider fetch-api needs url_template (with {url} and {api_key})", sec);
            return NULL;
        }
        own = xasprintf("%s/?url={url}&api_key={api_key}", base);
        free(base);
        tmpl = own;
    }
    /* The API fetches the engine's real page, unless target_base_url
     * points elsewhere (tests). */
    const char *target = ec->target_base_url ? ec->target_base_url : e->real_base;
    char *tb = xstrdup(target);
    size_t tl = strlen(tb);
    while (tl > 0 && tb[tl - 1] == '/')
        tb[--tl] = '\0';
    char *eng = engine_direct_url(e, tb, k, page);
    free(tb);
    strbuf a = STRBUF_INIT, b = STRBUF_INIT;
    subst(&a, tmpl, "url", eng);
    subst(&b, sb_str(&a), "api_key", key ? key : "");
    free(eng);
    free(own);
    sb_release(&a);
    return sb_detach(&b);
}

/* The API's own JSON refusal (its message): never the engine blocking us. */
static enum engine_refusal classify(const char *msg, int http_status)
{
    if (msg && (strcasestr(msg, "credit") || strcasestr(msg, "quota")))
        return ENGINE_REFUSAL_CREDITS;
    if (msg && strcasestr(msg, "key"))
        return ENGINE_REFUSAL_BAD_KEY;
    if (http_status == 429)
        return ENGINE_REFUSAL_RATE_LIMIT;
    return ENGINE_REFUSAL_OTHER;
}

const struct engine_provider_desc engine_fetch_api = {
    .id = PROVIDER_FETCH_API,
    .name = "fetch-api",
    .needs_key = 1,
    .answer = ENGINE_ANSWER_HTML,
    .own_errors = 1,
    .search_url = search_url,
    .classify = classify,
};
