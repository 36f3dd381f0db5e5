/* fetch_int.h - what fetch.c (set-up, lanes, one transfer) and loop.c (the
 * multi loop that runs them) share: the crawler's state and the transfer
 * calls. Private to src/crawl. */
#ifndef SERPTRACK_FETCH_INT_H
#define SERPTRACK_FETCH_INT_H

#include <curl/curl.h>

#include "crawl.h"
#include "util.h"

#define CRAWL_N_ENGINES SERP_ENGINE_IDS /* indexed by enum serp_engine */

/* Pacing and block state of one (engine, proxy) pair. */
struct crawl_lane {
    double next_at;     /* monotonic time before which no request starts */
    double cool_until;  /* cooling down after blocks until then */
    int blocks;         /* consecutive blocks: the cool-down's exponent */
};

struct crawl_proxy {
    char *url;          /* owned; holds credentials, never printed */
    int fails;          /* consecutive failures */
    double bench_until; /* benched until then */
};

struct crawl_engine_cfg {
    double min_delay, jitter; /* seconds */
    int concurrency;
    int active;
    char *user_agent;   /* owned override, or NULL */
};

struct crawl_xfer {
    CURL *h;
    struct crawl_req *r;
    size_t r_cap;
    struct crawl_xfer *prev, *next; /* the loop's list of transfers in flight */
    strbuf body;
    int too_large;
    struct curl_slist *hdrs;
    char errbuf[CURL_ERROR_SIZE];
};

struct crawl {
    CURLM *multi;
    int concurrency;
    long timeout_ms, connect_timeout_ms;
    size_t max_body;
    long max_redirects;
    int max_attempts;           /* per request, first try included */
    long long retries_left;     /* per crawl (round): no retry storms */
    long long max_retries;      /* what retries_left starts a round with */
    double retry_base, retry_max;
    double cool_base, cool_max, give_up; /* seconds */
    int bench_after;
    double bench_for;
    long long budget;           /* < 0: none */
    long long spent;
    struct crawl_engine_cfg eng[CRAWL_N_ENGINES];
    struct crawl_proxy *proxies;
    size_t n_proxies;
    size_t next_proxy;
    struct crawl_lane *lanes;         /* [engine * nl + proxy], nl = max(1, n_proxies) */
    char *user_agent;           /* [crawl] user_agent override */
    unsigned long long rng;
    void (*on_request)(const struct crawl_req *r, void *arg);
    void *on_request_arg;
};

enum crawl_outcome { CRAWL_DONE, CRAWL_RETRY };

/* A number in [0, 1) from the crawler's own generator (jitter, UA choice). */
double crawl_rnd(struct crawl *c);
/* The pacing state of (engine, proxy); points into c->lanes (c owns it). */
struct crawl_lane *crawl_lane_at(struct crawl *c, int engine, int proxy);
/* Which proxy a request to engine e can use now: -1 = no proxy configured;
 * -2 = none usable now. */
int crawl_pick_proxy(struct crawl *c, int e, double now);
/* Earliest time a request to engine e could start, for the poll timeout. */
double crawl_engine_ready_at(struct crawl *c, int e);
/* 1 when every lane of engine e cools down past the give-up horizon. */
int crawl_engine_gave_up(struct crawl *c, int e, double now);
/* Starts r on a new transfer added to c->multi through proxy (-1 = none);
 * NULL when libcurl cannot. The transfer is the caller's: crawl_xfer_free. */
struct crawl_xfer *crawl_xfer_start(struct crawl *c, struct crawl_req *r, int proxy);
/* Removes x from c->multi and frees it (not its request). */
void crawl_xfer_free(struct crawl *c, struct crawl_xfer *x);
/* Sets r's outcome: the enum and its text built from detail (may be NULL). */
void crawl_set_error(struct crawl_req *r, enum crawl_err e, const char *detail);
/* Classifies a finished transfer, fills its request, says whether to retry. */
enum crawl_outcome crawl_xfer_finish(struct crawl *c, struct crawl_xfer *x, CURLcode rc);

#endif
