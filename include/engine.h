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
enum engine_provider {
    PROVIDER_DIRECT = 0,
    PROVIDER_FETCH_API,
    PROVIDER_SERP_API,
    PROVIDER_DATAFORSEO,
    PROVIDER_SERPER,
};

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
    ENGINE_ANSWER_JSON,      /* the provider's own JSON, read by its parse() */
};

/* One HTTP request a provider needs. Every string is owned and freed by
 * engine_request_release(); secrets (userpwd, header) never reach logs. */
struct engine_request {
    char *url;
    char *body;    /* POST body (application/json); NULL: a GET */
    char *userpwd; /* "login:password" for HTTP basic auth; NULL: none */
    char *header;  /* one extra header line ("X-API-KEY: ..."); NULL: none */
};
void engine_request_release(struct engine_request *r);

/* A task posted to a queued provider: our tag for it and its id there.
 * Both owned; engine_tasks_free() frees an array of them. */
struct engine_task {
    char *tag;
    char *id;
};
void engine_tasks_free(struct engine_task *v, size_t n);

/* A provider's task queue (DataForSEO's standard queue: post, list the
 * ready tasks, get each). The request builders return 0, or -1 after
 * error() when the config is unusable; the readers return 0, or -1 with
 * the provider's refusal in *err (newly allocated, may be NULL) when the
 * answer is not the provider's success shape. `point` picks the Maps
 * endpoints (a geo-grid point) over the organic ones; one POST carries
 * tasks of one kind only. */
struct engine_queue_desc {
    size_t max_batch; /* tasks per POST */
    /* POSTs the tasks for kws[0..n) (n <= max_batch), task i tagged
     * tags[i]: posted() gives the tag back with the task's id. */
    int (*post)(const struct config_engine *ec, const char *sec, const struct engine_desc *e,
                const struct model_keyword *const *kws, const char *const *tags, size_t n,
                struct engine_request *out);
    /* The tasks a post answer accepted: *out (n_out) newly allocated.
     * A task the provider refused is left out (it is posted again later). */
    int (*posted)(const char *buf, size_t len, int http_status, struct engine_task **out,
                  size_t *n_out, char **err);
    /* Lists the tasks of this kind that are ready to collect. */
    int (*ready)(const struct config_engine *ec, const char *sec, const struct engine_desc *e,
                 int point, struct engine_request *out);
    /* The ids in a ready answer: *ids (n) newly allocated, each a new string. */
    int (*ready_ids)(const char *buf, size_t len, int http_status, char ***ids, size_t *n,
                     char **err);
    /* 1 when a collected answer says the task is not finished yet (it
     * was listed ready too early): it is polled again, not stored. */
    int (*pending)(const char *buf, size_t len);
    /* Collects task id; its answer is read by the provider's parse(). */
    int (*get)(const struct config_engine *ec, const char *sec, const struct engine_desc *e,
               int point, const char *id, struct engine_request *out);
};

struct engine_provider_desc {
    enum engine_provider id;
    const char *name;  /* as in config and stored checks: "serp-api" */
    const char *alias; /* another name config accepts ("serpapi"); NULL: none */
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
    /* Providers that POST or authenticate build the whole request here
     * (search_url is then unused): 0, or -1 after error(). */
    int (*search_request)(const struct config_engine *ec, const char *sec,
                          const struct engine_desc *e, const struct model_keyword *k, int page,
                          struct engine_request *out);
    /* ENGINE_ANSWER_JSON: maps the answer into page (as
     * serp_parse_api_json does): 0, or -1 when it is not a result page,
     * with the provider's message in *err (newly allocated, may be NULL). */
    int (*parse)(enum serp_engine e, const char *buf, size_t len, int http_status,
                 struct serp_page *page, char **err);
    /* 1: page 0's request answers the whole depth at once (the provider
     * pages itself and bills per page of 10 within the one request). */
    int whole_depth;
    /* Set when the provider has a task queue; [engine.X] queue = yes uses it. */
    const struct engine_queue_desc *queue;
    /* The documented default price, USD per 1000 requests (whole_depth:
     * per 1000 first pages, each further page of 10 at next_page_factor
     * of it); through the queue when there is one, live_cost_per_1000
     * without it. 0: no default (the config must set one). */
    double default_cost_per_1000;
    double live_cost_per_1000;
    double next_page_factor;
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
/* The request for page `page` of k through the configured provider: a
 * GET of engine_search_url's URL, or the provider's own POST. 0, or -1
 * after error(); out is then empty. */
int engine_search_request(const struct config *cfg, const struct model_keyword *k, int page,
                          struct engine_request *out);
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
 * name), or -1 when no price is known (never a price of 0 by default).
 * The most specific setting wins: [provider.P] cost_per_1000.ENGINE,
 * [provider.P] cost_per_1000, [engine.ENGINE] cost_per_1000 when ENGINE is
 * set to use P, then the provider's documented default (README). */
double engine_cost_per_1000(const struct config *cfg, const char *provider,
                            enum serp_engine engine);
/* What a whole-depth provider bills for k beyond its first page, in units
 * of the base price: next_page_factor for each further page of 10 of k's
 * depth (DataForSEO: depth 30 = 2 x 0.75). 0 for providers that bill per
 * request. */
double engine_extra_units(const struct engine_provider_desc *pd, const struct model_keyword *k);
/* Results per page of engine e (10 when unknown). */
int engine_page_size(enum serp_engine e);

#endif
