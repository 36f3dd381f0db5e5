/* engine.c - request URLs per engine and provider: the engines' real query
 * parameters (Google q/hl/gl/uule/start, Bing q/first/cc/setlang,
 * DuckDuckGo q/kl/s), the two API shapes (fetch-api URL template,
 * SerpApi-style JSON endpoint) and the autocomplete endpoints. Every
 * value that goes into a URL is percent-encoded here, once. */
#include <string.h>

#include "crawl.h"
#include "url.h"
#include "util.h"

/* The engines' own hosts: what `direct` talks to when base_url is unset,
 * and the URL a fetch-api provider is asked to fetch. */
static const char *real_base(enum serp_engine e)
{
    switch (e) {
    case SERP_GOOGLE: return "https://www.google.com";
    case SERP_BING: return "https://www.bing.com";
    case SERP_DUCKDUCKGO: return "https://html.duckduckgo.com";
    default: return NULL;
    }
}

const char *engine_provider_name(enum engine_provider p)
{
    switch (p) {
    case PROVIDER_FETCH_API: return "fetch-api";
    case PROVIDER_SERP_API: return "serp-api";
    default: return "direct";
    }
}

/* "engine.google" into buf. */
static const char *section(enum serp_engine e, char buf[32])
{
    snprintf(buf, 32, "engine.%s", serp_engine_name(e));
    return buf;
}

enum engine_provider engine_provider_for(const struct ini *cfg, enum serp_engine e)
{
    char sec[32];
    const char *p = ini_get(cfg, section(e, sec), "provider", "direct");
    if (util_strcaseeq(p, "fetch-api"))
        return PROVIDER_FETCH_API;
    if (util_strcaseeq(p, "serp-api"))
        return PROVIDER_SERP_API;
    if (!util_strcaseeq(p, "direct"))
        warn("[%s] provider: unknown provider '%s', using direct", sec, p);
    return PROVIDER_DIRECT;
}

/* base_url without a trailing slash, so paths can be appended. */
static char *base_url(const struct ini *cfg, enum serp_engine e, const char *def)
{
    char sec[32];
    const char *b = ini_get(cfg, section(e, sec), "base_url", def);
    if (!b || !*b)
        return NULL;
    size_t n = strlen(b);
    while (n > 0 && b[n - 1] == '/')
        n--;
    return xstrndup(b, n);
}

/* Standard base64 (with padding), for uule. */
static void b64(strbuf *sb, const unsigned char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        sb_addc(sb, tab[(v >> 18) & 63]);
        sb_addc(sb, tab[(v >> 12) & 63]);
        sb_addc(sb, i + 1 < n ? tab[(v >> 6) & 63] : '=');
        sb_addc(sb, i + 2 < n ? tab[v & 63] : '=');
    }
}

/* uule v1 is "w+" followed by base64 of a small protobuf message:
 * role = 2 (08 02), producer = 32 (10 20), canonical name as field 4
 * (22, varint length, bytes). For names shorter than 64 bytes this is
 * exactly the well-known "w+CAIQICI" + length character + base64(name)
 * form, because the 6-byte header is a whole number of base64 groups;
 * longer names get the correct two-byte varint instead of a wrapped key. */
char *engine_uule(const char *location)
{
    size_t n = strlen(location);
    strbuf msg = STRBUF_INIT;
    sb_add(&msg, "\x08\x02\x10\x20\x22", 5);
    size_t v = n;
    do {
        unsigned char byte = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            byte |= 0x80;
        sb_addc(&msg, (char)byte);
    } while (v);
    sb_add(&msg, location, n);
    strbuf out = STRBUF_INIT;
    sb_adds(&out, "w+");
    b64(&out, (const unsigned char *)msg.buf, msg.len);
    sb_release(&msg);
    return sb_detach(&out);
}

/* Appends "&name=<encoded value>" (or "?name=" when first). */
static void param(strbuf *sb, const char *name, const char *value)
{
    char *enc = url_encode(value ? value : "");
    sb_addc(sb, strchr(sb_str(sb), '?') ? '&' : '?');
    sb_addf(sb, "%s=%s", name, enc);
    free(enc);
}

static void param_int(strbuf *sb, const char *name, long long value)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", value);
    param(sb, name, num);
}

static const char *or_def(const char *s, const char *def)
{
    return s && *s ? s : def;
}

/* DuckDuckGo region: "us-en" from country and language. */
static char *ddg_kl(const struct store_keyword *k)
{
    char *kl = xasprintf("%s-%s", or_def(k->country, "us"), or_def(k->lang, "en"));
    return util_lower(kl);
}

/* The engine's own result-page URL under base. */
static char *direct_url(const char *base, const struct store_keyword *k, int page)
{
    strbuf sb = STRBUF_INIT;
    switch (k->engine) {
    case SERP_GOOGLE:
        sb_addf(&sb, "%s/search", base);
        param(&sb, "q", k->query);
        param(&sb, "hl", or_def(k->lang, "en"));
        param(&sb, "gl", or_def(k->country, "us"));
        if (k->location && *k->location) {
            char *u = engine_uule(k->location);
            param(&sb, "uule", u);
            free(u);
        }
        if (page > 0)
            param_int(&sb, "start", (long long)page * 10);
        break;
    case SERP_BING: {
        sb_addf(&sb, "%s/search", base);
        param(&sb, "q", k->query);
        param_int(&sb, "first", (long long)page * 10 + 1);
        param(&sb, "cc", or_def(k->country, "us"));
        param(&sb, "setlang", or_def(k->lang, "en"));
        break;
    }
    case SERP_DUCKDUCKGO: {
        char *kl = ddg_kl(k);
        sb_addf(&sb, "%s/html/", base);
        param(&sb, "q", k->query);
        param(&sb, "kl", kl);
        free(kl);
        /* The html endpoint pages with the result offset s (and dc, the
         * 1-based index of the first result shown). */
        if (page > 0) {
            param_int(&sb, "s", (long long)page * 10);
            param_int(&sb, "dc", (long long)page * 10 + 1);
        }
        break;
    }
    default:
        sb_release(&sb);
        return NULL;
    }
    return sb_detach(&sb);
}

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

char *engine_search_url(const struct ini *cfg, const struct store_keyword *k, int page)
{
    char sec[32];
    section(k->engine, sec);
    if (!real_base(k->engine)) {
        error("keyword %lld: unknown engine", k->id);
        return NULL;
    }
    if (page < 0 || page > 100) {
        error("keyword %lld: page %d out of range", k->id, page);
        return NULL;
    }
    enum engine_provider prov = engine_provider_for(cfg, k->engine);
    const char *key = ini_get(cfg, sec, "api_key", NULL);
    if (key)
        util_register_secret(key);

    if (prov == PROVIDER_DIRECT) {
        char *base = base_url(cfg, k->engine, real_base(k->engine));
        char *u = direct_url(base, k, page);
        free(base);
        return u;
    }
    if (prov == PROVIDER_FETCH_API) {
        const char *tmpl = ini_get(cfg, sec, "url_template", NULL);
        char *own = NULL;
        if (!tmpl || !*tmpl) {
            /* Without a template, base_url names the API and the usual
             * url/api_key query parameters are assumed. */
            char *base = base_url(cfg, k->engine, NULL);
            if (!base) {
                error("[%s] provider fetch-api needs url_template (with {url} and {api_key})",
                      sec);
                return NULL;
            }
            own = xasprintf("%s/?url={url}&api_key={api_key}", base);
            free(base);
            tmpl = own;
        }
        /* The API fetches the engine's real page, unless target_base_url
         * points elsewhere (tests). */
        const char *target = ini_get(cfg, sec, "target_base_url", real_base(k->engine));
        char *tb = xstrdup(target);
        size_t tl = strlen(tb);
        while (tl > 0 && tb[tl - 1] == '/')
            tb[--tl] = '\0';
        char *eng = direct_url(tb, k, page);
        free(tb);
        strbuf a = STRBUF_INIT, b = STRBUF_INIT;
        subst(&a, tmpl, "url", eng);
        subst(&b, sb_str(&a), "api_key", key ? key : "");
        free(eng);
        free(own);
        sb_release(&a);
        return sb_detach(&b);
    }
    /* serp-api: SerpApi's search.json shape. */
    char *base = base_url(cfg, k->engine, "https://serpapi.com");
    strbuf sb = STRBUF_INIT;
    sb_addf(&sb, "%s/search.json", base);
    free(base);
    param(&sb, "engine", serp_engine_name(k->engine));
    param(&sb, "q", k->query);
    if (k->location && *k->location)
        param(&sb, "location", k->location);
    param(&sb, "hl", or_def(k->lang, "en"));
    param(&sb, "gl", or_def(k->country, "us"));
    if (k->engine == SERP_DUCKDUCKGO) {
        char *kl = ddg_kl(k);
        param(&sb, "kl", kl);
        free(kl);
    }
    if (k->device && strcmp(k->device, "mobile") == 0)
        param(&sb, "device", "mobile");
    param_int(&sb, "start", (long long)page * 10);
    param(&sb, "api_key", key ? key : "");
    return sb_detach(&sb);
}

char *engine_suggest_url(const struct ini *cfg, enum serp_engine e, const char *q)
{
    strbuf sb = STRBUF_INIT;
    char *base;
    switch (e) {
    case SERP_GOOGLE:
        base = base_url(cfg, e, "https://www.google.com");
        sb_addf(&sb, "%s/complete/search?output=toolbar", base);
        param(&sb, "hl", "en");
        param(&sb, "q", q);
        break;
    case SERP_BING:
        base = base_url(cfg, e, "https://www.bing.com");
        sb_addf(&sb, "%s/osjson.aspx", base);
        param(&sb, "query", q);
        break;
    case SERP_DUCKDUCKGO:
        /* Autocomplete lives on the main host, not the html one. */
        base = base_url(cfg, e, "https://duckduckgo.com");
        sb_addf(&sb, "%s/ac/", base);
        param(&sb, "q", q);
        param(&sb, "type", "list");
        break;
    default:
        error("suggest: unknown engine");
        return NULL;
    }
    free(base);
    return sb_detach(&sb);
}
