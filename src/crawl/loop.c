/* loop.c - the crawler's libcurl multi loop: requests from a feed wait
 * their turn under the pacing and concurrency caps, run as transfers, and
 * come back to done() or, when transient failures allow, to the queue
 * with backoff. crawl_fetch feeds it a fixed array. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "crawl.h"
#include "crawl_int.h"
#include "fetch_int.h"
#include "util.h"

struct crawl_wait {
    struct crawl_req *r;
    double not_before;
};

/* The state of one crawl_loop: requests waiting for their turn, the
 * transfers in flight, and the caller's feed and done. */
struct loop {
    struct crawl *c;
    struct crawl_req *(*feed)(void *arg);
    void (*done)(struct crawl_req *r, void *arg);
    void *arg;
    struct crawl_wait *wq;
    size_t nw, capw;
    int active;
    int per_engine[CRAWL_N_ENGINES];
    struct crawl_xfer *inflight;
};

static void wait_push(struct loop *L, struct crawl_req *r, double not_before)
{
    GROW(L->wq, L->capw, L->nw + 1);
    L->wq[L->nw].r = r;
    L->wq[L->nw].not_before = not_before;
    L->nw++;
}

static void wait_remove(struct loop *L, size_t i)
{
    memmove(&L->wq[i], &L->wq[i + 1], (L->nw - i - 1) * sizeof *L->wq);
    L->nw--;
}

/* Keeps a small backlog so pacing can pick among engines; feed() may run
 * dry only for now (next pages come after completions). Returns 1 when
 * feed had nothing more. */
static int refill(struct loop *L)
{
    while (L->nw < (size_t)L->c->concurrency * 2) {
        struct crawl_req *r = L->feed(L->arg);
        if (!r)
            return 1;
        r->http_status = 0;
        r->attempts = 0;
        r->proxy = -1;
        r->body = r->error = NULL;
        r->err = CRAWL_OK;
        r->len = 0;
        wait_push(L, r, 0);
    }
    return 0;
}

/* Starts request wq[i] on a transfer when pacing and the caps allow.
 * Returns 1 when started (and removed from the queue), 0 when it waits,
 * -1 when libcurl could not take it. */
static int try_start(struct loop *L, size_t i, int e, double now)
{
    struct crawl *c = L->c;
    if (L->active >= c->concurrency || L->per_engine[e] >= c->eng[e].concurrency ||
        L->wq[i].not_before > now)
        return 0;
    int p = crawl_pick_proxy(c, e, now);
    if (p == -2)
        return 0;
    struct crawl_xfer *x = crawl_xfer_start(c, L->wq[i].r, p);
    if (!x)
        return error("crawl: cannot start a transfer");
    x->next = L->inflight;
    if (L->inflight)
        L->inflight->prev = x;
    L->inflight = x;
    struct crawl_lane *l = crawl_lane_at(c, e, p);
    l->next_at = now + c->eng[e].min_delay + c->eng[e].jitter * crawl_rnd(c);
    L->active++;
    L->per_engine[e]++;
    wait_remove(L, i);
    return 1;
}

/* One pass over the waiting requests: ends those the budget or a given-up
 * engine rules out, starts those whose turn it is, and lowers *wake to
 * when the next one may go. Sets *finished_some when it ended any.
 * Returns 0 or -1. */
static int start_waiting(struct loop *L, double now, double *wake, int *finished_some)
{
    struct crawl *c = L->c;
    for (size_t i = 0; i < L->nw;) {
        struct crawl_req *r = L->wq[i].r;
        int e = (int)r->engine;
        if (e <= 0 || e >= CRAWL_N_ENGINES)
            e = 0;
        int finished = 0;
        if (!crawl_budget_left(c)) {
            crawl_set_error(r, CRAWL_BUDGET, NULL);
            finished = 1;
        } else if (crawl_engine_gave_up(c, e, now)) {
            crawl_set_error(r, CRAWL_COOLDOWN, NULL);
            finished = 1;
        } else {
            int st = try_start(L, i, e, now);
            if (st < 0)
                return -1;
            if (st > 0)
                continue;
        }
        if (finished) {
            wait_remove(L, i);
            *finished_some = 1;
            if (L->done)
                L->done(r, L->arg);
            continue;
        }
        /* A request held back only by the concurrency caps waits for a
         * completion, which wakes the poll; pacing and backoff set a
         * timer. */
        if (L->active < c->concurrency && L->per_engine[e] < c->eng[e].concurrency) {
            double t = L->wq[i].not_before > now ? L->wq[i].not_before : now;
            double er = crawl_engine_ready_at(c, e);
            if (er > t)
                t = er;
            if (t < *wake)
                *wake = t;
        }
        i++;
    }
    return 0;
}

/* Hands each finished transfer's request to done(), or back to the queue
 * with backoff when it is to be retried. */
static void collect(struct loop *L)
{
    struct crawl *c = L->c;
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(c->multi, &left)) != NULL) {
        if (m->msg != CURLMSG_DONE)
            continue;
        struct crawl_xfer *x;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        CURLcode res = m->data.result;
        struct crawl_req *r = x->r;
        enum crawl_outcome o = crawl_xfer_finish(c, x, res);
        int e = (int)r->engine;
        L->per_engine[e <= 0 || e >= CRAWL_N_ENGINES ? 0 : e]--;
        L->active--;
        if (x->prev)
            x->prev->next = x->next;
        else
            L->inflight = x->next;
        if (x->next)
            x->next->prev = x->prev;
        crawl_xfer_free(c, x);
        if (o == CRAWL_RETRY)
            wait_push(L, r,
                      util_mono() +
                          crawl_backoff_secs(c->retry_base, c->retry_max, r->attempts, crawl_rnd(c)));
        else if (L->done)
            L->done(r, L->arg);
    }
}

int crawl_loop(struct crawl *c, struct crawl_req *(*feed)(void *arg),
               void (*done)(struct crawl_req *r, void *arg), void *arg)
{
    struct loop L = {.c = c, .feed = feed, .done = done, .arg = arg};
    int rc = 0;
    for (;;) {
        int fed_all = refill(&L);
        double now = util_mono();
        double wake = now + 0.2;
        int finished_some = 0;
        if (start_waiting(&L, now, &wake, &finished_some) != 0) {
            rc = -1;
            break;
        }
        if (L.active == 0 && L.nw == 0) {
            if (fed_all && !finished_some)
                break;
            continue; /* done() may have made feed() return more */
        }
        int ms = (int)((wake - util_mono()) * 1000);
        if (ms < 0)
            ms = 0;
        if (ms > 200)
            ms = 200;
        if (L.active > 0) {
            int numfds;
            curl_multi_poll(c->multi, NULL, 0, ms, &numfds);
        } else if (ms > 0) {
            util_sleep(ms / 1000.0);
        }
        int running;
        if (curl_multi_perform(c->multi, &running) != CURLM_OK) {
            rc = error("crawl: libcurl multi loop failed");
            break;
        }
        collect(&L);
    }
    /* On failure, drop whatever is still in flight. */
    while (L.inflight) {
        struct crawl_xfer *x = L.inflight;
        L.inflight = x->next;
        crawl_xfer_free(c, x);
    }
    free(L.wq);
    return rc;
}

struct array_feed {
    struct crawl_req *v;
    size_t n, i;
    void (*done)(struct crawl_req *r, void *arg);
    void *arg;
};

static struct crawl_req *array_next(void *arg)
{
    struct array_feed *f = arg;
    return f->i < f->n ? &f->v[f->i++] : NULL;
}

static void array_done(struct crawl_req *r, void *arg)
{
    struct array_feed *f = arg;
    if (f->done)
        f->done(r, f->arg);
}

int crawl_fetch(struct crawl *c, struct crawl_req *v, size_t n,
                void (*done)(struct crawl_req *r, void *arg), void *arg)
{
    struct array_feed f = {v, n, 0, done, arg};
    return crawl_loop(c, array_next, array_done, &f);
}
