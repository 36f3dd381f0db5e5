/* engine.h - how to ask an engine for results: one descriptor per engine
 * (request URL per location and page, suggest URL, page size, default
 * share of visits) and one per provider (build the request, classify its
 * refusals). Adding an engine or provider is a file in src/engine/ and a
 * row in the tables of src/engine/engine.c; nothing else switches on them.
 *
 * Ownership: descriptors and names are static; functions returning char *
 * return newly allocated strings the caller frees. */
#ifndef SERPTRACK_ENGINE_H
#define SERPTRACK_ENGINE_H

struct config;
struct config_engine;
#include "serp.h"
#include "store.h"
#include "util.h"

/* The numbers are not stored (names are): order is free. */
enum engine_provider { PROVIDER_DIRECT = 0, PROVIDER_FETCH_API, PROVIDER_SERP_API };

/* Why a provider refused to answer; classified from its message once, in
 * the provider's own file, so callers never match strings. */
enum engine_refusal {
    ENGINE_REFUSAL_OTHER = 0,  /* a failure that is none of the below */
    ENGINE_REFUSAL_CAPTCHA,    /* the engine challenged the provider: a block */
    ENGINE_REFUSAL_CREDITS,    /* credits or monthly searches exhausted */
    ENGINE_REFUSAL_BAD_KEY,    /* missing or invalid API key */
    ENGINE_REFUSAL_RATE_LIMIT, /* slow down (HTTP 429 without another reason) */
};

struct engine_desc {
    enum serp_engine id;      /* name, parser etc. via serp_engine_get(id) */
    const char *real_base;    /* the engine's own host (no trailing slash) */
    const char *suggest_base; /* its autocomplete host */
    int page_size;            /* results per page the engine serves */
    /* Share of searches relative to Google, for visit estimates;
     * share_key names the [value] key overriding it, NULL: fixed 1.0. */
    const char *share_key;
    double default_share;
    /* Appends the result-page URL of page (0-based) of k under base. */
    void (*result_url)(strbuf *sb, const char *base, const struct model_keyword *k, int page);
    /* Appends the autocomplete URL for seed q under base. */
    void (*suggest_url)(strbuf *sb, const char *base, const char *q);
    /* Extra parameters a SERP API needs for this engine; NULL when none. */
    void (*api_params)(strbuf *sb, const struct model_keyword *k);
};

/* What a provider answers with. */
enum engine_answer {
    ENGINE_ANSWER_HTML = 0, /* the engine's page, for the serp/ page parsers */
    ENGINE_ANSWER_SERP_JSON, /* SerpApi-shaped JSON (serp_parse_api_json) */
};

struct engine_provider_desc {
    enum engine_provider id;
    const char *name;  /* as in config and stored checks: "serp-api" */
    int needs_key;     /* 1: api_key in [engine.X] is required */
    enum engine_answer answer;
    /* 1: an HTTP error status comes with the provider's own JSON message
     * (its refusal, not the engine blocking us). */
    int own_errors;
    /* The URL for page of k on engine e; NULL after error(). ec is the
     * engine's [engine.<name>] section sec, key its api_key (may be NULL). */
    char *(*search_url)(const struct config_engine *ec, const char *sec,
                        const struct engine_desc *e, const struct model_keyword *k, int page,
                        const char *key);
    /* Classifies a refusal message (as the provider gave it) and status. */
    enum engine_refusal (*classify)(const char *msg, int http_status);
};

/* Descriptor tables, in enum order; engine_table holds known engines only
 * (no row for SERP_ENGINE_UNKNOWN). */
extern const struct engine_desc *const engine_table[];
extern const size_t engine_n;
extern const struct engine_provider_desc *const engine_provider_table[];
extern const size_t engine_n_providers;

/* NULL for SERP_ENGINE_UNKNOWN or an out-of-range value. */
const struct engine_desc *engine_get(enum serp_engine e);
/* Unknown values get direct's descriptor (the default provider). */
const struct engine_provider_desc *engine_provider_get(enum engine_provider p);
/* Provider by config/stored name (case-insensitive); NULL when unknown. */
const struct engine_provider_desc *engine_provider_by_name(const char *name);

const char *engine_provider_name(enum engine_provider p); /* static */
/* Provider configured for engine e in [engine.<name>] (default direct). */
enum engine_provider engine_provider_for(const struct config *cfg, enum serp_engine e);
/* The provider's classification of a refusal message. */
enum engine_refusal engine_classify(enum engine_provider p, const char *msg, int http_status);

/* The URL to fetch for page `page` (0-based) of keyword k through the
 * configured provider, with the engine's real parameters. Newly
 * allocated; NULL after error() when the config is unusable. */
char *engine_search_url(const struct config *cfg, const struct model_keyword *k, int page);
/* Autocomplete URL for seed q under the engine's base_url. Newly allocated. */
char *engine_suggest_url(const struct config *cfg, enum serp_engine e, const char *q);
/* The Google `uule` parameter for a canonical location name
 * ("Austin,Texas,United States"). Newly allocated. */
char *engine_uule(const char *location);
/* The Google `uule` for a point: "a+" and base64 of the text form Google
 * gives for a device location (role, producer, provenance, timestamp in
 * microseconds, latlng in units of 1e-7 degree, radius in metres).
 * Newly allocated. */
char *engine_uule_point(double lat, double lng, int radius_m, time_t at);
/* Reads an "a+" uule back: 0 with the coordinates (and radius when not
 * NULL), -1 when uule is not one (tests, and `doctor` reading URLs). */
int engine_uule_point_decode(const char *uule, double *lat, double *lng, int *radius_m);
/* The zoom level an API's map coordinates get for a point searched with
 * radius_m ("@LAT,LNG,<zoom>z"): about the radius across the screen. */
int engine_point_zoom(int radius_m);
/* USD per 1000 requests of engine through provider (a stored provider
 * name), or -1 when no price is configured (never a price of 0 by default).
 * The most specific setting wins: [provider.P] cost_per_1000.ENGINE,
 * [provider.P] cost_per_1000, [engine.ENGINE] cost_per_1000 when ENGINE is
 * set to use P. */
double engine_cost_per_1000(const struct config *cfg, const char *provider,
                            enum serp_engine engine);
/* Results per page of engine e (10 when unknown). */
int engine_page_size(enum serp_engine e);

#endif
