/* engine.c - the descriptor tables of engines and providers, lookups by
 * id and name, and the entry points that dispatch through them. Every
 * value that goes into a URL is percent-encoded here (engine_param), once. */
#include <string.h>

#include "engine_int.h"

/* Defined in each engine's and provider's own file. */
extern const struct engine_desc engine_google, engine_bing, engine_duckduckgo;
extern const struct engine_provider_desc engine_fetch_api, engine_serp_api, engine_dataforseo,
    engine_serper;

/* One row per engine, in enum serp_engine order. */
const struct engine_desc *const engine_table[] = {
    &engine_google,
    &engine_bing,
    &engine_duckduckgo,
};
const size_t engine_n = ARRAY_SIZE(engine_table);

/* One row per provider, in enum engine_provider order. */
const struct engine_provider_desc *const engine_provider_table[] = {
    &engine_direct,
    &engine_fetch_api,
    &engine_serp_api,
    &engine_dataforseo,
    &engine_serper,
};
const size_t engine_n_providers = ARRAY_SIZE(engine_provider_table);

const struct engine_desc *engine_get(enum serp_engine e)
{
    for (size_t i = 0; i < engine_n; i++)
        if (engine_table[i]->id == e)
            return engine_table[i];
    return NULL;
}

const struct engine_provider_desc *engine_provider_get(enum engine_provider p)
{
    for (size_t i = 0; i < engine_n_providers; i++)
        if (engine_provider_table[i]->id == p)
            return engine_provider_table[i];
    return &engine_direct;
}

const struct engine_provider_desc *engine_provider_by_name(const char *name)
{
    for (size_t i = 0; name && i < engine_n_providers; i++)
        if (util_strcaseeq(name, engine_provider_table[i]->name) ||
            (engine_provider_table[i]->alias && util_strcaseeq(name, engine_provider_table[i]->alias)))
            return engine_provider_table[i];
    return NULL;
}

const char *engine_provider_name(enum engine_provider p)
{
    return engine_provider_get(p)->name;
}

enum engine_refusal engine_classify(enum engine_provider p, const char *msg, int http_status)
{
    return engine_provider_get(p)->classify(msg, http_status);
}

int engine_page_size(enum serp_engine e)
{
    const struct engine_desc *d = engine_get(e);
    return d ? d->page_size : 10;
}

/* "engine.google" into buf. */
static const char *section(enum serp_engine e, char buf[32])
{
    snprintf(buf, 32, "engine.%s", serp_engine_name(e));
    return buf;
}

/* The engine's settings; an unknown id gets the defaults of UNKNOWN's row. */
static const struct config_engine *settings(const struct config *cfg, enum serp_engine e)
{
    return &cfg->engine[(int)e >= 0 && e < SERP_ENGINE_IDS ? e : SERP_ENGINE_UNKNOWN];
}

enum engine_provider engine_provider_for(const struct config *cfg, enum serp_engine e)
{
    return settings(cfg, e)->provider;
}

char *engine_base_url(const char *base, const char *def)
{
    const char *b = base ? base : def;
    if (!b || !*b)
        return NULL;
    size_t n = strlen(b);
    while (n > 0 && b[n - 1] == '/')
        n--;
    return xstrndup(b, n);
}

void engine_param(strbuf *sb, const char *name, const char *value)
{
    char *enc = url_encode(value ? value : "");
    sb_addc(sb, strchr(sb_str(sb), '?') ? '&' : '?');
    sb_addf(sb, "%s=%s", name, enc);
    free(enc);
}

void engine_param_int(strbuf *sb, const char *name, long long value)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", value);
    engine_param(sb, name, num);
}

const char *engine_or_def(const char *s, const char *def)
{
    return s && *s ? s : def;
}

char *engine_direct_url(const struct engine_desc *e, const char *base,
                        const struct model_keyword *k, int page)
{
    strbuf sb = STRBUF_INIT;
    e->result_url(&sb, base, k, page);
    return sb_detach(&sb);
}

char *engine_search_url(const struct config *cfg, const struct model_keyword *k, int page)
{
    char sec[32];
    section(k->engine, sec);
    const struct engine_desc *e = engine_get(k->engine);
    if (!e) {
        error("keyword %lld: unknown engine", k->id);
        return NULL;
    }
    if (page < 0 || page > 100) {
        error("keyword %lld: page %d out of range", k->id, page);
        return NULL;
    }
    const struct config_engine *ec = settings(cfg, k->engine);
    const struct engine_provider_desc *p = engine_provider_get(ec->provider);
    if (ec->api_key)
        util_register_secret(ec->api_key);
    return p->search_url(ec, sec, e, k, page, ec->api_key);
}

double engine_extra_units(const struct engine_provider_desc *pd, const struct model_keyword *k)
{
    if (!pd->whole_depth || pd->next_page_factor <= 0)
        return 0;
    /* a geo-grid point asks the Maps list: one page whatever the depth */
    if (k->point_radius_m > 0 && k->has_coords)
        return 0;
    int depth = k->depth > 0 ? k->depth : 30;
    if (depth > 100)
        depth = 100;
    int pages = (depth + 9) / 10;
    return pd->next_page_factor * (pages - 1);
}

int engine_search_request(const struct config *cfg, const struct model_keyword *k, int page,
                          struct engine_request *out)
{
    memset(out, 0, sizeof *out);
    const struct config_engine *ec = settings(cfg, k->engine);
    const struct engine_provider_desc *p = engine_provider_get(ec->provider);
    if (!p->search_request) {
        out->url = engine_search_url(cfg, k, page);
        return out->url ? 0 : -1;
    }
    char sec[32];
    section(k->engine, sec);
    const struct engine_desc *e = engine_get(k->engine);
    if (!e) {
        error("keyword %lld: unknown engine", k->id);
        return -1;
    }
    if (page < 0 || page > 100) {
        error("keyword %lld: page %d out of range", k->id, page);
        return -1;
    }
    if (ec->api_key)
        util_register_secret(ec->api_key);
    if (ec->password)
        util_register_secret(ec->password);
    if (p->search_request(ec, sec, e, k, page, out) != 0) {
        engine_request_release(out);
        return -1;
    }
    return 0;
}

void engine_request_release(struct engine_request *r)
{
    if (!r)
        return;
    free(r->url);
    free(r->body);
    free(r->userpwd);
    free(r->header);
    memset(r, 0, sizeof *r);
}

void engine_tasks_free(struct engine_task *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].tag);
        free(v[i].id);
    }
    free(v);
}

char *engine_suggest_url(const struct config *cfg, enum serp_engine e, const char *q)
{
    const struct engine_desc *d = engine_get(e);
    if (!d) {
        error("suggest: unknown engine");
        return NULL;
    }
    char *base = engine_base_url(settings(cfg, e)->base_url, d->suggest_base);
    strbuf sb = STRBUF_INIT;
    d->suggest_url(&sb, base, q);
    free(base);
    return sb_detach(&sb);
}

/* Prices live in config, per provider and engine: no provider has a
 * default, so an unpriced pair shows no cost rather than a wrong one. */
double engine_cost_per_1000(const struct config *cfg, const char *provider, enum serp_engine engine)
{
    const struct config_provider *p = config_provider(cfg, provider);
    if (p && engine > SERP_ENGINE_UNKNOWN && engine < SERP_ENGINE_IDS &&
        p->cost_engine[engine] != CONFIG_UNSET)
        return p->cost_engine[engine];
    if (p && p->cost_per_1000 != CONFIG_UNSET)
        return p->cost_per_1000;
    if (engine == SERP_ENGINE_UNKNOWN)
        return -1;
    /* the engine section prices the provider it is set to use, not the
     * requests an earlier configuration sent through another one */
    const struct config_engine *ec = settings(cfg, engine);
    const struct engine_provider_desc *d = engine_provider_by_name(provider);
    int uses = d && d->id == ec->provider;
    if (ec->cost_per_1000 != CONFIG_UNSET && uses)
        return ec->cost_per_1000;
    if (!d || d->default_cost_per_1000 <= 0)
        return -1;
    /* live requests cost more than queued tasks where a queue exists */
    if (d->queue && d->live_cost_per_1000 > 0 && uses && !ec->queue)
        return d->live_cost_per_1000;
    return d->default_cost_per_1000;
}
