/* crawl.h - fetching result pages: engine URLs per provider (engine_*),
 * and the libcurl multi loop with pacing, retries, proxies and caps
 * (crawl_*), plus the keyword-level pipeline that turns a keyword into a
 * parsed, paginated serp_page (crawl_keyword*).
 *
 * crawl/ uses engine/ and serp/, never the store: the caller stores.
 * Errors: int functions return 0 or -1 after error(); per-request failures
 * are data (crawl_req.err + crawl_req.error), not errors. Ownership is
 * stated per field. */
#ifndef SERPTRACK_CRAWL_H
#define SERPTRACK_CRAWL_H

#include <stddef.h>

#include "config.h"
#include "serp.h"
#include "store.h"

/* Engines and providers (engine_*) live in engine.h. */
#include "engine.h"

/* --- the fetcher ---------------------------------------------------------- */
struct crawl; /* opaque: curl multi handle, pacing state, proxy pool */

/* How a request ended at the transport level. Callers switch on this; the
 * text (crawl_err_text) is for people and for the stored check reason,
 * never to be matched. */
enum crawl_err {
    CRAWL_OK = 0,
    CRAWL_TIMEOUT,   /* no answer in time */
    CRAWL_CONNECT,   /* DNS, refused, reset, TLS: detail is libcurl's message */
    CRAWL_HTTP,      /* an answer with status >= 400: detail is the status */
    CRAWL_TOO_LARGE, /* the answer passed the size cap */
    CRAWL_BUDGET,    /* not sent: the request budget was spent */
    CRAWL_COOLDOWN,  /* not sent: the engine kept blocking, given up for this run */
    CRAWL_ERR_COUNT
};
/* Stable lower-case name ("timeout", "connection", "http", ...); static. */
const char *crawl_err_name(enum crawl_err e);
/* The one spelling of an outcome, as check reasons have always stored it:
 * "timeout", "connection: <detail>", "http <detail>", "too_large",
 * "budget", "cooldown: engine keeps blocking, skipped for this run".
 * detail may be NULL. NULL for CRAWL_OK, else newly allocated. */
char *crawl_err_text(enum crawl_err e, const char *detail);
/* 1 when e means the engine could not be reached at all (timeout,
 * connection failure): what `track` and `run` count as unreachable. */
int crawl_err_unreachable(enum crawl_err e);

struct crawl_req {
    /* in: set by the caller, borrowed */
    enum serp_engine engine; /* pacing is per engine (and per proxy) */
    const char *url;
    const char *post;        /* JSON body to POST; NULL = GET */
    const char *userpwd;     /* "login:password", HTTP basic auth; NULL = none */
    const char *header;      /* one extra request header line; NULL = none */
    const char *device;      /* "desktop" | "mobile": User-Agent pool; NULL = desktop */
    const char *lang;        /* Accept-Language; NULL = en */
    void *user;
    /* out: owned by the request, freed by crawl_req_release() */
    int http_status;         /* 0 when no response arrived */
    char *body;              /* NUL-terminated; NULL when no response */
    size_t len;
    enum crawl_err err;      /* CRAWL_OK on success */
    char *error;             /* crawl_err_text(err, ...): NULL on success */
    int attempts;            /* requests spent, retries included */
    int proxy;               /* index of the proxy of the last attempt; -1 none */
};

/* Reads [crawl] and [engine.*] from cfg (concurrency, delays, jitter,
 * timeouts, size cap, proxies, user agents). */
int crawl_new(const struct config *cfg, struct crawl **out);
void crawl_free(struct crawl *c);
/* Starts a retry round as a fresh crawler would have: block counts,
 * cool-downs, pacing, benched proxies and the retry allowance are
 * forgotten (the pause before the round was for them), while the
 * connections and the requests counted against the budget stay. */
void crawl_new_round(struct crawl *c);
/* Overrides [crawl] concurrency (> 0). */
void crawl_set_concurrency(struct crawl *c, int n);
/* Fetches the n requests concurrently within the pacing rules, retrying
 * transient failures with backoff; done() (may be NULL) is called once per
 * request as it completes, from this thread. Returns 0 (request failures
 * are in each req), -1 only when the fetcher itself cannot run. */
int crawl_fetch(struct crawl *c, struct crawl_req *v, size_t n,
                void (*done)(struct crawl_req *r, void *arg), void *arg);
void crawl_req_release(struct crawl_req *r);
/* Tells the fetcher that r's answer was a block the parser saw (captcha,
 * consent wall) though HTTP said 200: that engine (and proxy) cools down
 * exponentially, as after a 429. */
void crawl_note_block(struct crawl *c, const struct crawl_req *r);
/* Caps the HTTP requests this crawl may still make (retries included);
 * n < 0 = no cap. Requests past it end with CRAWL_BUDGET. */
void crawl_set_budget(struct crawl *c, long long n);
/* Calls fn (NULL = none) each time a request is handed to libcurl, retries
 * included, before any answer: a ledger that records there misses no
 * request even when the process is killed with requests in flight. */
void crawl_on_request(struct crawl *c, void (*fn)(const struct crawl_req *r, void *arg),
                      void *arg);
/* Requests made so far by this crawl (retries included). */
long long crawl_requests(const struct crawl *c);

/* The raw archive of a check is its pages in order, each as a header line
 * "serptrack-page <index> <http status> <length>\n", the bytes, "\n". */
/* Calls fn for each page in raw; returns 0, or -1 when raw is malformed. */
int crawl_raw_each(const char *raw, size_t len,
                   int (*fn)(int page, int http_status, const char *buf, size_t n, void *arg),
                   void *arg);

/* --- keywords ------------------------------------------------------------- */
/* The outcome of checking one keyword: pages fetched up to its depth,
 * parsed and joined, ready for store_check_save(). */
/* Depth is at most 100: 10 pages. */
#define CRAWL_MAX_PAGES 10

/* What smart depth knows of a keyword from its stored checks. */
struct crawl_hint {
    int last_pos;                     /* where the site was last seen; MODEL_NONE = unknown */
    int last_approx;                  /* that position was approximate */
    int page_organic[CRAWL_MAX_PAGES]; /* organic results per page from page 1 ... */
    int n_page_organic;               /* ... of the latest check that counted them; 0 = none */
};

struct crawl_result {
    const struct model_keyword *kw; /* borrowed */
    enum engine_provider provider;
    enum model_status status;       /* ok | blocked | error */
    enum crawl_err err;             /* transport outcome of the page that failed */
    char *reason;                   /* block reason or error text; owned */
    int http_status;
    int depth;                      /* results actually checked */
    int requests;
    struct serp_page page;          /* owned; release with crawl_result_release */
    char *raw;                      /* pages joined, for the archive; owned, may be NULL */
    size_t raw_len;
    /* Organic results per page from page 1 that the positions were counted
     * with (a smart probe copies the earlier pages' from its hint); 0 pages
     * = unknown. approx: a probe numbered as if earlier pages held 10. */
    int page_organic[CRAWL_MAX_PAGES];
    int n_page_organic;
    int approx;
};
void crawl_result_release(struct crawl_result *r);
/* Joins one parsed page into a check's page model, the one way the crawl
 * and `reparse` do it: the first page taken in becomes the check (its
 * organic positions moved on by `before`, the organic results of earlier
 * pages this check did not fetch; 0 from page 1), later pages are appended
 * and numbered on from the last position. pg is left empty. */
void crawl_join_page(struct serp_page *joined, struct serp_page *pg, int first, int before);
/* Turns one fetched page into the result model, as crawl_keywords does:
 * parse (HTML or API JSON by provider), then classify. Returns the page's
 * status (ok, blocked, error) and sets *reason (owned, NULL when ok).
 * err / fetch_error are the request's outcome and its text (CRAWL_OK and
 * NULL for an archived page). Used by crawl_keywords, `doctor` and by
 * `reparse` over the raw archive. */
enum model_status crawl_classify(enum serp_engine e, enum engine_provider p, int http_status,
                                 const char *body, size_t len, enum crawl_err err,
                                 const char *fetch_error, struct serp_page *page, char **reason);
/* The stable code a provider refusal is stored under, right after the
 * provider's name: "serp-api: bad_key: Invalid API key." Codes: bad_key,
 * no_credits, rate_limited, captcha, api_error (static strings). */
const char *crawl_refusal_code(enum engine_refusal r);
/* The stable code of a stored check's reason: a block name (captcha,
 * rate_limited, consent, javascript_required, empty, truncated,
 * unsupported_browser), a provider refusal code (above, also for reasons
 * stored before codes existed), or the transport failure (timeout,
 * connection, http_error, too_large, budget, cooldown, unparsable); "other"
 * for anything else, NULL for an ok check or no reason. Static. */
const char *crawl_reason_code(enum model_status st, const char *reason);

/* Checks every keyword in kws (paginating each to its depth, stopping
 * early when a page has no next page or is blocked), calling done() as each
 * keyword completes so the caller can store it at once (crash safety).
 * done() returns 0 to go on, -1 to stop the run. Returns 0, or -1 when the
 * fetcher could not run or done() stopped it. */
int crawl_keywords(struct crawl *c, const struct config *cfg, const struct model_keyword *kws,
                   size_t n, int (*done)(struct crawl_result *r, void *arg), void *arg);
/* As crawl_keywords, with smart depth when [crawl] depth_mode = smart:
 * hints[i] (NULL = no hints) says where kws[i]'s site was last seen; the
 * page holding it (found with the known organic counts per page) is
 * fetched first and, when the site is still there, is the whole check
 * (depth = the results up to that page), its positions continuing from
 * the known counts of the earlier pages, or from 10 a page with approx set
 * when they are unknown. After an approximate position the pages are
 * fetched from page 0 again, so counts are learnt. Otherwise pages 0.. are
 * fetched, stopping at the first page with the site. Saves requests (API
 * bills) at the cost of earlier pages' results not being stored for that
 * check. */
int crawl_keywords_smart(struct crawl *c, const struct config *cfg, const struct model_keyword *kws,
                         const struct crawl_hint *hints, size_t n,
                         int (*done)(struct crawl_result *r, void *arg), void *arg);

#endif
