/* sim.h - the SERP simulator's internal interface: a growable text buffer,
 * request parameters, the deterministic ranking model (model.c), the page
 * renderers per engine and provider (render.c) and suggestions (suggest.c).
 * A test fixture, built apart from src/: nothing here is serptrack code.
 * Ownership: every sim_* function that returns char * returns a newly
 * allocated string the caller frees; structs are filled in place. */
#ifndef SERPSIM_SIM_H
#define SERPSIM_SIM_H

#include <stddef.h>
#include <stdint.h>

/* Fields are fixed-size and cutting an over-long generated title or URL is
 * the intended behaviour, so GCC's truncation warning is noise here. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

/* --- buffer -------------------------------------------------------------- */
struct buf {
    char *p;      /* NUL-terminated, owned */
    size_t len, cap;
};
void buf_add(struct buf *b, const char *s);
void buf_addn(struct buf *b, const char *s, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_html(struct buf *b, const char *s);  /* HTML text/attribute escaped */
void buf_json(struct buf *b, const char *s);  /* JSON string, quotes included */
void buf_urlenc(struct buf *b, const char *s); /* application/x-www-form-urlencoded */
/* base64 of s without padding; urlsafe picks the -_ alphabet. */
void buf_b64(struct buf *b, const char *s, int urlsafe);
void buf_free(struct buf *b);

/* --- parameters ---------------------------------------------------------- */
#define SIM_MAX_PARAMS 48
struct params {
    int n;
    char *key[SIM_MAX_PARAMS]; /* owned */
    char *val[SIM_MAX_PARAMS]; /* owned */
};
void params_add(struct params *p, const char *k, const char *v);
/* Parses a form-urlencoded string (a query string or POST body). */
void params_parse(struct params *p, const char *s, size_t len);
const char *params_get(const struct params *p, const char *k); /* borrowed or NULL */
void params_free(struct params *p);
/* Decodes %XX and '+' in place. */
void url_decode_inplace(char *s);

/* --- hashing ------------------------------------------------------------- */
uint64_t sim_hash(const char *s, uint64_t salt);
double sim_unit(uint64_t h); /* [0,1) */

/* --- the ranking model --------------------------------------------------- */
#define SIM_MAX_ORG 130
#define SIM_MAX_ADS 4
struct sim_hit {
    char url[400];
    char domain[128];  /* registrable domain */
    char display[400]; /* cite text */
    char title[256];
    char snippet[480];
};
struct sim_place {
    char name[128];
    double rating;
    int reviews;
    char website[256]; /* "" when the business has none */
    char phone[32];    /* "(512) 555-0100"; every business has one */
    char address[128];
    char category[64];
    double lat, lng;   /* where the business is (geo.c) */
};
#define SIM_MAX_MAPS 20
struct sim_serp {
    char query[256];    /* normalised */
    char city[64];      /* "Austin" or "" */
    char state[8];      /* "TX" or "" */
    char niche[32];     /* "plumbing" or "" */
    long long total;
    int norg;
    struct sim_hit org[SIM_MAX_ORG];
    int nads_top, nads_bottom;
    struct sim_hit ads_top[SIM_MAX_ADS], ads_bottom[SIM_MAX_ADS];
    int nplaces;
    struct sim_place places[3];
    int npaa;
    char paa[4][200];
    int page1;          /* organic results on page 1; 0 = a full page (--page1-organic) */
    /* The AI overview Google shows for some queries: its cited links in
     * order (nai = 0: no overview). The same on every provider's answer. */
    int nai;
    struct sim_hit ai[4];
    /* a search made from a point: the Maps list (the pack is its top 3) */
    int nmaps;
    struct sim_place maps[SIM_MAX_MAPS];
};
/* The point a search is made from; set = 0 when the request names none. */
struct sim_point {
    int set;
    double lat, lng;
    double zoom;        /* from `ll`; 0 from a uule */
};
/* Fills s for engine ("google"|"bing"|"duckduckgo"), query, location key
 * (a location name, or a country/region code, may be "" ) and simulated
 * day (days since 1970-01-01). Deterministic in its inputs. */
void sim_serp_build(struct sim_serp *s, const char *engine, const char *query,
                    const char *location, int day);
/* As sim_serp_build, from point pt (NULL or !pt->set: exactly
 * sim_serp_build). With a point the local pack is the top 3 of the Maps
 * list (s->maps), ranked by prominence minus distance from the point; the
 * city comes from the query, else the nearest named city to the point. */
void sim_serp_build_at(struct sim_serp *s, const char *engine, const char *query,
                       const char *location, int day, const struct sim_point *pt);
/* --local-no-website: every local pack entry without its website (name
 * and phone only), as real packs show some businesses. */
extern int sim_local_no_website;
/* The simulated day of "today" the demo trends are anchored on. */
extern int sim_anchor_day;
/* Normalises a query: lower-case ASCII, single spaces, trimmed, <= n-1 bytes. */
void sim_normalise(char *out, size_t n, const char *in);
/* Decodes a Google uule ("w+CAIQICI" + length + base64 name) into out;
 * returns 0, or -1 when it is not one. */
int sim_uule_decode(const char *uule, char *out, size_t n);

/* --- geography (geo.c) ---------------------------------------------------- */
extern uint64_t sim_geo_seed; /* --seed: the distance noise depends on it */
double sim_geo_km(double lat1, double lng1, double lat2, double lng2); /* haversine */
/* A named city's centre (cities in model.c); 0, or -1 when unknown. */
int sim_city_centre(const char *key, double *lat, double *lng);
/* The key of the named city nearest to a point (static string). */
const char *sim_nearest_city(double lat, double lng);
/* A business's coordinates around its city's centre, from a hash of the
 * business and city: 0.5-15 km out, denser near the centre, stable. */
void sim_geo_scatter(const char *business, const char *city, double clat, double clng, double *lat,
                     double *lng);
/* A hash-derived point for a town with no coordinates. */
void sim_geo_town_point(const char *name, double *lat, double *lng);
/* Google's "a+" uule: base64 of "role:1\nproducer:12\n...latlng{\n
 * latitude_e7:N\nlongitude_e7:N\n}\nradius:R\n"; 0, or -1 when not one. */
int sim_uule_point(const char *uule, struct sim_point *pt);
/* SerpApi's ll, "@LAT,LNG,ZOOMz" (zoom 3-21); 0, or -1 when malformed. */
int sim_ll_parse(const char *ll, struct sim_point *pt);

/* --- towns (towns.c): cities outside the model's named table ------------ */
struct sim_town {
    char key[64];       /* "round rock" */
    char name[64];      /* "Round Rock" */
    char st[4];         /* "TX" */
    double saturation;  /* 0 open (small town) .. 1 saturated (big metro) */
    double lat, lng;    /* centre: cities.csv's lat/lon, else hash-derived */
};
/* Populations from a cities CSV (name,state,state_code,population,...);
 * 0, or -1 when the file cannot be read or holds no city. */
int sim_towns_load(const char *path);
/* keywords/cities.csv beside the binary (../../keywords), else in the
 * working directory; without it saturation falls back to a name hash. */
void sim_towns_load_default(void);
/* A town named by query ("... CITY ST") or else by the location key
 * ("city,state,country"), saturation for niche; 1 found, 0 not.
 * niche_words: NULL-terminated substrings that mark the service word. */
int sim_town_detect(struct sim_town *t, const char *query, const char *loc, const char *niche,
                    const char *const *niche_words);

/* --- renderers ----------------------------------------------------------- */
/* offset = 0-based index of the first organic result on the page. */
void render_google(struct buf *b, const struct sim_serp *s, const struct params *p, int offset);
void render_bing(struct buf *b, const struct sim_serp *s, const struct params *p, int offset);
void render_ddg(struct buf *b, const struct sim_serp *s, const struct params *p, int offset);
void render_serpapi(struct buf *b, const struct sim_serp *s, const char *engine,
                    const struct params *p, int offset);
/* SerpApi's engine=google_maps answer: s->maps as local_results. */
void render_serpapi_maps(struct buf *b, const struct sim_serp *s, const struct params *p);
/* Block pages, kind "captcha" | "jsshell" | "consent": *status receives
 * the HTTP status the engine uses. */
void render_block(struct buf *b, const char *engine, const char *query, const char *kind, int *status);

/* --- provider APIs with their own request shapes -------------------------- */
/* dataforseo.c and serper.c answer these; main.c routes, counts, applies
 * latency and the transport faults (reset, slow, truncated) around them. */
struct sim_api_req {
    const char *path;          /* below the prefix: "/v3/serp/google/organic/task_post" */
    const char *method;        /* "GET" | "POST" ... */
    const char *body;          /* the request body (NUL-terminated), NULL when none */
    size_t body_len;
    const char *authorization; /* the Authorization header, NULL when absent */
    const char *api_key;       /* the X-API-KEY header, NULL when absent */
    int day;                   /* the simulated day */
    /* A fault drawn for this request that the provider answers in its own
     * shape: NULL, or "429", "500", "captcha" (jsshell and consent come
     * as "captcha": the API ran into the engine's wall). */
    const char *fault;
};
struct sim_api_reply {
    int status;      /* HTTP status */
    int retry_after; /* seconds for Retry-After; 0 = none */
    struct buf body; /* JSON */
};
void sim_dataforseo(const struct sim_api_req *rq, struct sim_api_reply *out);
void sim_serper(const struct sim_api_req *rq, struct sim_api_reply *out);
/* Appends ,"dataforseo":{...} counters (tasks posted, collected, polls) to
 * the /_sim/stats object being written; /_sim/reset calls the reset. */
void sim_dataforseo_stats(struct buf *b);
void sim_dataforseo_reset(void);
/* GET /_sim/dataforseo?ready_after=N: the tasks_ready polls a posted
 * task waits (default 2); writes the setting to b, returns the status. */
int sim_dataforseo_control(const struct params *p, struct buf *b);
/* The location key the engine pages use for a location name, so every
 * provider ranks alike: "Austin, Texas, United States" and
 * "Austin,Texas,United States" both give "Austin,Texas,United States". */
void sim_location_name_key(const char *name, char *out, size_t n);

/* --- suggestions --------------------------------------------------------- */
/* Up to max deterministic suggestions for seed into out[i] (each n bytes). */
int sim_suggest(const char *seed, char out[][160], int max);

#endif
