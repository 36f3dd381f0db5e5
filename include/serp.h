/* serp.h - the result-page model and the parsers that fill it.
 *
 * serp/ is pure: bytes in, model out. No network, no database, no printing,
 * so it is fuzzable and shared by `parse`, `track` and `reparse`.
 *
 * Ownership: a struct serp_page owns every string and array it points to;
 * serp_page_release() frees them all. Strings in the model are valid UTF-8
 * without NUL bytes (parsers sanitise what pages contain). */
#ifndef SERPTRACK_SERP_H
#define SERPTRACK_SERP_H

#include <jansson.h>
#include <stddef.h>

#include "serp_engines.h" /* enum serp_engine */

/* Why a page is unusable. NONE means the page is a real result page (which
 * may still have zero results: see no_results). */
enum serp_block {
    SERP_BLOCK_NONE = 0,
    SERP_BLOCK_CAPTCHA,      /* /sorry/, "unusual traffic", reCAPTCHA, bot challenges */
    SERP_BLOCK_RATE_LIMITED, /* HTTP 429 / 503 */
    SERP_BLOCK_CONSENT,      /* cookie/consent wall instead of results */
    SERP_BLOCK_JAVASCRIPT,   /* "enable JavaScript" shell */
    SERP_BLOCK_EMPTY,        /* empty body or no result markup at all */
    SERP_BLOCK_TRUNCATED,    /* body cut off mid-page */
    SERP_BLOCK_UNSUPPORTED_BROWSER, /* "update your browser": the client looks too old */
};

/* SERP features, a bit each; names as in DESIGN.md. */
enum serp_feature {
    SERP_F_LOCAL_PACK = 1u << 0,
    SERP_F_ADS_TOP = 1u << 1,
    SERP_F_ADS_BOTTOM = 1u << 2,
    SERP_F_PEOPLE_ALSO_ASK = 1u << 3,
    SERP_F_FEATURED_SNIPPET = 1u << 4,
    SERP_F_VIDEOS = 1u << 5,
    SERP_F_TOP_STORIES = 1u << 6,
    SERP_F_IMAGES = 1u << 7,
    SERP_F_KNOWLEDGE_PANEL = 1u << 8,
    SERP_F_SITELINKS = 1u << 9,
    SERP_F_ADS_SIDE = 1u << 10,    /* Bing's sidebar (ol#b_context) */
    SERP_F_AI_OVERVIEW = 1u << 11, /* Google's generated answer; cited links in ai_cited */
};
#define SERP_N_FEATURES 12

/* Where an ad is shown. The numbers are stored: do not renumber. */
enum serp_ad_block {
    SERP_AD_TOP = 0,
    SERP_AD_BOTTOM = 1,
    SERP_AD_SIDE = 2,
};

struct serp_organic {
    int position;  /* 1-based organic rank as a user counts it, across pages */
    char *url;     /* the real target (redirect wrappers removed) */
    char *domain;  /* registrable domain of url (libpsl) */
    char *title;
    char *snippet; /* may be NULL */
};

struct serp_ad {
    int position; /* 1-based within its block */
    enum serp_ad_block block;
    char *url;
    char *domain;
    char *title;
};

struct serp_local {
    int position;  /* 1-based within the pack */
    char *name;
    double rating; /* < 0 when absent */
    int reviews;   /* < 0 when absent */
    char *website; /* NULL when absent */
    char *domain;  /* registrable domain of website, NULL when absent */
    char *phone;   /* as the page shows it ("(512) 555-0100"); NULL when absent */
};

/* A link an AI overview cites as its source; never an organic result. */
struct serp_cite {
    int position; /* 1-based order of first citation in the overview */
    char *url;
    char *domain;
    char *title; /* "" when the overview shows no text for it */
};

struct serp_page {
    enum serp_engine engine;
    char *query;               /* as the page states it; NULL when unknown */
    long long total_results;   /* -1 when the page does not say */
    enum serp_block block;     /* SERP_BLOCK_NONE for a usable page */
    int no_results;            /* 1: a real "no results found" page */
    int has_next;              /* 1: the page links to a next page */
    unsigned features;         /* enum serp_feature bits */
    struct serp_organic *organic;
    size_t n_organic, cap_organic;
    struct serp_ad *ads;
    size_t n_ads, cap_ads;
    struct serp_local *local;
    size_t n_local, cap_local;
    struct serp_cite *ai_cited; /* in citation order; see SERP_F_AI_OVERVIEW */
    size_t n_ai_cited, cap_ai_cited;
};

/* --- names --------------------------------------------------------------- */
const char *serp_engine_name(enum serp_engine e);       /* static; "unknown" */
enum serp_engine serp_engine_from_name(const char *s);  /* UNKNOWN when bad */
const char *serp_block_name(enum serp_block b);         /* static; NULL for NONE */
enum serp_block serp_block_from_name(const char *s);
const char *serp_feature_name(enum serp_feature f);     /* static */
const char *serp_ad_block_name(enum serp_ad_block b);   /* static: top, bottom, side */
/* SERP_AD_TOP for anything but "bottom" and "side". */
enum serp_ad_block serp_ad_block_from_name(const char *s);
/* Feature bit from its name, 0 when unknown. */
unsigned serp_feature_from_name(const char *s);

/* --- engine descriptors ------------------------------------------------- */
struct _xmlDoc; /* libxml2's xmlDoc */

/* A detect marker: text seen in an engine's pages. rank orders markers of
 * all engines together (lower is tried first), so a specific marker of one
 * engine wins over a loose one of another. */
struct serp_mark {
    const char *text;
    int rank;
};

/* How an engine's autocomplete answers (research_suggest_parse). */
enum serp_suggest_shape {
    SERP_SUGGEST_OPENSEARCH = 0, /* ["seed",["s1",...]] or [{"phrase":...}] JSON */
    SERP_SUGGEST_TOOLBAR_XML,    /* <toplevel><CompleteSuggestion>, or OpenSearch */
};

/* Everything serp/ knows about one engine; one per engine file, gathered
 * in serp_engine_table (src/serp/engines.c). Arrays of strings end with
 * NULL. */
struct serp_engine_desc {
    enum serp_engine id;
    const char *name;    /* stored and on the command line: "google" */
    const char *display; /* for people: "Google" */
    const char *alias;   /* another accepted name, or NULL */
    const struct serp_mark *marks; /* detect markers, in rank order */
    size_t n_marks;
    /* Fills page (initialised, engine set) from the parsed document. */
    void (*extract)(const struct _xmlDoc *doc, struct serp_page *page);
    /* The target of one of the engine's redirect links (abs is absolute,
     * host its host, path from the first '/'); NULL when abs is not one.
     * Newly allocated. */
    char *(*unwrap)(const char *abs, const char *host, const char *path);
    const char *const *captcha_marks; /* its challenge pages' markup */
    const char *const *consent_marks; /* its consent wall (case-insensitive) */
    const char *const *js_marks;      /* its "enable JavaScript" pages (ditto) */
    const char *js_shell;             /* markup of its own JS shell, or NULL */
    /* Its "no results" page (case-insensitive; NULL-terminated, or NULL):
     * a page that says so is an empty result, not a block. */
    const char *const *no_results_marks;
    enum serp_suggest_shape suggest;
};

/* Known engines in enum order (no row for SERP_ENGINE_UNKNOWN); static. */
extern const struct serp_engine_desc *const serp_engine_table[];
extern const size_t serp_n_engines;
/* Descriptor of e; NULL for SERP_ENGINE_UNKNOWN or out of range. */
const struct serp_engine_desc *serp_engine_get(enum serp_engine e);
/* The engine names for messages, from the table: "a, b or c"; static. */
const char *serp_engine_list(void);
/* The same with the default engine (the first row) marked:
 * "a (default), b or c"; static. */
const char *serp_engine_list_default(void);

/* --- parsing ------------------------------------------------------------ */

/* Guesses the engine from page bytes (markup, canonical links, form
 * actions). SERP_ENGINE_UNKNOWN when it cannot tell. */
enum serp_engine serp_detect_engine(const char *buf, size_t len);

/* Parses one fetched result page of engine e into *page (which it
 * initialises). http_status is the fetch's status (0 when unknown, e.g. a
 * saved file): 429/503 yield SERP_BLOCK_RATE_LIMITED (SERP_BLOCK_CAPTCHA when
 * the body is a captcha page, as Google's /sorry/ is). Positions are 1-based
 * within this page; serp_page_append() renumbers across pages.
 * Returns 0 when the page was understood (page->block says whether it is
 * usable), -1 when the input cannot be parsed at all (page is then empty
 * with block = SERP_BLOCK_EMPTY). Never prints. */
int serp_parse(enum serp_engine e, const char *buf, size_t len, int http_status,
               struct serp_page *page);

/* Maps a SERP-API JSON answer (SerpApi-compatible: organic_results[],
 * ads[], local_results[], search_information.total_results, error) into
 * *page. Returns 0, or -1 when the JSON is not such an answer; an "error"
 * member describing bad keys or exhausted credits is returned as -1 with
 * the provider's message in *err (owned by the caller, may be NULL). */
int serp_parse_api_json(enum serp_engine e, const char *buf, size_t len, struct serp_page *page,
                        char **err);

/* DataForSEO v3 answers (task_get/regular, live/regular, and the Maps
 * task_get/advanced, live/advanced) and Serper's (/search, /maps) into
 * *page, with the same contract as serp_parse_api_json: 0, or -1 when the
 * answer is not a result page, with the provider's message in *err (newly
 * allocated, may be NULL). http_status is the answer's. */
int serp_parse_dataforseo_json(enum serp_engine e, const char *buf, size_t len, int http_status,
                               struct serp_page *page, char **err);
int serp_parse_serper_json(enum serp_engine e, const char *buf, size_t len, int http_status,
                           struct serp_page *page, char **err);

/* --- model -------------------------------------------------------------- */
void serp_page_init(struct serp_page *page);
void serp_page_release(struct serp_page *page);
/* Appends src's results to dst (next page of the same query): organic
 * positions continue after dst's last one; ads, local entries and AI
 * overview citations are kept from the first page that has them; features
 * are OR-ed. src is left
 * empty (its items move). */
void serp_page_append(struct serp_page *dst, struct serp_page *src);
/* Adders used by parsers and tests; strings are copied and sanitised; the
 * domain is computed from the URL. Position = current count + 1. */
struct serp_organic *serp_add_organic(struct serp_page *p, const char *url, const char *title,
                                      const char *snippet);
struct serp_ad *serp_add_ad(struct serp_page *p, enum serp_ad_block block, const char *url,
                            const char *title);
/* Adds a cited link to the AI overview (and the feature). A URL already
 * cited is not added again: returns NULL then. */
struct serp_cite *serp_add_ai_cite(struct serp_page *p, const char *url, const char *title);
struct serp_local *serp_add_local(struct serp_page *p, const char *name, double rating,
                                  int reviews, const char *website);
/* Sets l->phone to a copy of phone (sanitised); NULL or text without a
 * digit leaves it NULL. */
void serp_local_set_phone(struct serp_local *l, const char *phone);
/* The first phone number in text: a run of digits, spaces and + ( ) - .
 * holding 10 to 15 digits. A new string (trimmed), or NULL; the caller
 * frees it. */
char *serp_find_phone(const char *text);

/* The model as JSON in the DESIGN.md parse shape; new reference. */
json_t *serp_page_to_json(const struct serp_page *page);
/* Reads that shape back (used by the store's raw archive and tests).
 * Returns 0 or -1. */
int serp_page_from_json(const json_t *j, struct serp_page *page);

#endif
