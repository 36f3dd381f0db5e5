/* types.c - freeing and defaulting model.h's shared types (site, keyword,
 * rank row); the store fills them, everyone else reads them, and whoever
 * holds one releases it here without needing the store. */
#include <stdlib.h>
#include <string.h>

#include "model.h"

const char *model_status_name(enum model_status s)
{
    switch (s) {
    case MODEL_OK: return "ok";
    case MODEL_BLOCKED: return "blocked";
    default: return "error";
    }
}

static void rank_release(struct model_rank *r)
{
    free(r->query);
    free(r->location);
    free(r->device);
    free(r->tags);
    free(r->site);
    free(r->reason);
    free(r->url);
}

void model_site_release(struct model_site *s)
{
    if (!s)
        return;
    free(s->domain);
    free(s->name);
    free(s->client);
    free(s->status);
    free(s->niche);
    free(s->phone);
    free(s->business_name);
    free(s->competitor_of);
    memset(s, 0, sizeof *s);
}

void model_site_free_list(struct model_site *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_site_release(&v[i]);
    free(v);
}

void model_keyword_defaults(struct model_keyword *k)
{
    if (k->engine == SERP_ENGINE_UNKNOWN)
        k->engine = SERP_ENGINE_DEFAULT;
    if (!k->device)
        k->device = "desktop";
    if (!k->lang)
        k->lang = "en";
    if (!k->country)
        k->country = "us";
    if (k->depth <= 0)
        k->depth = MODEL_DEPTH_DEFAULT;
    if (!k->schedule)
        k->schedule = "daily";
}

void model_keyword_release(struct model_keyword *k)
{
    if (!k)
        return;
    free(k->query);
    free(k->location);
    free(k->device);
    free(k->lang);
    free(k->country);
    free(k->tags);
    free(k->site);
    free(k->schedule);
    memset(k, 0, sizeof *k);
}

void model_keyword_free_list(struct model_keyword *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_keyword_release(&v[i]);
    free(v);
}

void model_rank_free_list(struct model_rank *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rank_release(&v[i]);
    free(v);
}

void model_grid_release(struct model_grid *g)
{
    if (!g)
        return;
    free(g->query);
    free(g->site);
    free(g->device);
    free(g->lang);
    free(g->country);
    free(g->location);
    free(g->schedule);
    memset(g, 0, sizeof *g);
}

void model_grid_free_list(struct model_grid *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_grid_release(&v[i]);
    free(v);
}

void model_grid_scan_release(struct model_grid_scan *s)
{
    if (!s)
        return;
    free(s->points);
    memset(s, 0, sizeof *s);
}
