/* queued.c - keywords whose provider works through a task queue
 * (DataForSEO's standard queue, [engine.X] queue = yes). Their tasks are
 * posted in batches, each task id recorded in the store the moment the
 * provider accepts it; the provider's ready list is polled with a
 * doubling pause, and each ready task is collected and handed on as a
 * crawl result, as crawl_keywords hands on a fetched keyword. A task is
 * billed when it is posted: a run killed after posting collects the
 * recorded tasks next time and never posts them again, and polling and
 * collecting are free. Tasks still queued when the wait ends stay
 * recorded and store nothing (their keywords stay due). */
#include <stdlib.h>
#include <string.h>

#include "store_ops.h"
#include "track.h"
#include "util.h"

struct qtask {
    const struct model_keyword *kw; /* borrowed */
    char *id;                       /* the provider's task id; NULL until posted */
    int posted_now;                 /* billed by this run (else resumed) */
    int done;                       /* handed on, or failed */
};

/* One kind of task: an engine's organic or Maps endpoints. */
struct qkind {
    enum serp_engine engine;
    int point;
    const struct config_engine *ec;
    const struct engine_desc *e;
    const struct engine_queue_desc *q;
    enum engine_provider provider;
    const char *pname;
    char sec[32];
};

struct qrun {
    store *st;
    const struct store_ops *ops;
    const struct config *cfg;
    struct crawl *c;
    const struct track_queued_cb *cb;
    struct track_queued_stats *qs;
    struct qtask *t;
    size_t n;
    struct qkind *kinds; /* the distinct kinds among t */
    size_t n_kinds;
    int stop; /* done() failed: the store is gone */
};

static int is_point(const struct model_keyword *k)
{
    return k->point_radius_m > 0 && k->has_coords;
}

static void kind_of(const struct config *cfg, const struct model_keyword *k, struct qkind *out)
{
    memset(out, 0, sizeof *out);
    out->engine = k->engine;
    out->point = is_point(k);
    out->ec = &cfg->engine[k->engine];
    out->e = engine_get(k->engine);
    out->provider = out->ec->provider;
    out->q = engine_provider_get(out->provider)->queue;
    out->pname = engine_provider_name(out->provider);
    snprintf(out->sec, sizeof out->sec, "engine.%s", serp_engine_name(k->engine));
}

static int same_kind(const struct qkind *a, const struct qkind *b)
{
    return a->engine == b->engine && a->point == b->point;
}

int track_queued_wanted(const struct config *cfg, const struct model_keyword *k)
{
    if (!engine_get(k->engine))
        return 0;
    const struct config_engine *ec = &cfg->engine[k->engine];
    return ec->queue && engine_provider_get(ec->provider)->queue != NULL;
}

/* Hands one task's outcome on; a failure to store stops the run. */
static void hand_on(struct qrun *r, struct qtask *t, enum model_status status, int http_status,
                    char *reason, struct serp_page *page, const char *body, size_t len)
{
    struct qkind k;
    kind_of(r->cfg, t->kw, &k);
    struct crawl_result res;
    memset(&res, 0, sizeof res);
    res.kw = t->kw;
    res.provider = k.provider;
    res.status = status;
    res.reason = reason;
    res.http_status = http_status;
    int depth = t->kw->depth > 0 ? t->kw->depth : 30;
    res.depth = depth > 100 ? 100 : depth;
    res.requests = t->posted_now;
    serp_page_init(&res.page);
    if (page) {
        res.page = *page;
        serp_page_init(page);
    }
    if (body && r->cfg->archive_enabled) {
        strbuf sb = STRBUF_INIT;
        sb_addf(&sb, "serptrack-page 0 %d %zu\n", http_status, len);
        sb_add(&sb, body, len);
        sb_addc(&sb, '\n');
        res.raw_len = sb.len;
        res.raw = sb_detach(&sb);
    }
    t->done = 1;
    if (status == MODEL_OK)
        r->qs->collected++;
    else
        r->qs->failed++;
    if (!r->stop && r->cb->done(&res, r->cb->arg) != 0)
        r->stop = 1;
    crawl_result_release(&res);
}

/* A failure that comes with no page of its own (a refused post): the
 * check says why, in the provider's words when its answer has them. */
static void fail(struct qrun *r, struct qtask *t, const struct crawl_req *q, const char *why)
{
    struct qkind k;
    kind_of(r->cfg, t->kw, &k);
    struct serp_page pg;
    char *reason = NULL;
    enum model_status st = MODEL_ERROR;
    if (q) {
        st = crawl_classify(k.engine, k.provider, q->http_status, q->body, q->len, q->err,
                            q->error, &pg, &reason);
        serp_page_release(&pg);
    }
    if (st == MODEL_OK || !reason) { /* no answer of its own to quote */
        free(reason);
        reason = xasprintf("%s: %s", k.pname, why);
        st = MODEL_ERROR;
    }
    hand_on(r, t, st, q ? q->http_status : 0, reason, NULL, NULL, 0);
}

static void set_req(struct crawl_req *q, const struct engine_request *er, enum serp_engine e)
{
    memset(q, 0, sizeof *q);
    q->engine = e;
    q->url = er->url;
    q->post = er->body;
    q->userpwd = er->userpwd;
    q->header = er->header;
}

/* Tasks recorded today and not collected: this run collects them. */
static int resume(struct qrun *r, time_t now)
{
    time_t since = util_day_start(now);
    for (size_t i = 0; i < r->n; i++) {
        struct qkind k;
        kind_of(r->cfg, r->t[i].kw, &k);
        int rc = r->ops->ptask_open(r->st, k.pname, r->t[i].kw->id, since, &r->t[i].id, NULL);
        if (rc < 0)
            return -1;
        if (rc == 1)
            r->qs->resumed++;
    }
    return 0;
}

/* Posts the tasks of kind k that have no id yet, max_batch a POST. */
static int post_kind(struct qrun *r, const struct qkind *k, time_t now)
{
    size_t max = k->q->max_batch ? k->q->max_batch : 1;
    size_t cap = 0, nb = 0;
    size_t *b = NULL; /* indices into r->t of the tasks to post */
    for (size_t i = 0; i < r->n; i++) {
        struct qkind ki;
        kind_of(r->cfg, r->t[i].kw, &ki);
        if (!r->t[i].id && !r->t[i].done && same_kind(&ki, k)) {
            GROW(b, cap, nb + 1);
            b[nb++] = i;
        }
    }
    int rc = 0;
    for (size_t off = 0; off < nb && !r->stop && rc == 0; off += max) {
        size_t m = nb - off < max ? nb - off : max;
        /* an array of pointers, as the provider's post() takes them */
        const struct model_keyword **kv =
            xcalloc(m, sizeof(const struct model_keyword *)); /* NOLINT(bugprone-sizeof-expression) */
        char **tags = xcalloc(m, sizeof *tags);
        for (size_t j = 0; j < m; j++) {
            kv[j] = r->t[b[off + j]].kw;
            tags[j] = xasprintf("kw%lld", r->t[b[off + j]].kw->id);
        }
        struct engine_request er;
        memset(&er, 0, sizeof er);
        if (k->q->post(k->ec, k->sec, k->e, kv, (const char *const *)tags, m, &er) != 0) {
            rc = -1;
        } else {
            struct crawl_req q;
            set_req(&q, &er, k->engine);
            crawl_fetch(r->c, &q, 1, NULL, NULL);
            struct engine_task *acc = NULL;
            size_t nacc = 0;
            char *perr = NULL;
            int ok = q.body && k->q->posted(q.body, q.len, q.http_status, &acc, &nacc, &perr) == 0;
            free(perr);
            double units = 0;
            for (size_t j = 0; ok && j < m; j++)
                for (size_t a = 0; a < nacc; a++)
                    if (acc[a].tag && strcmp(acc[a].tag, tags[j]) == 0)
                        units += 1 + engine_extra_units(engine_provider_get(k->provider), kv[j]);
            if (ok && nacc > 0 && r->cb->billed)
                r->cb->billed(k->engine, (long long)nacc, units, r->cb->arg);
            r->qs->posted += ok ? nacc : 0;
            for (size_t j = 0; j < m; j++) {
                struct qtask *t = &r->t[b[off + j]];
                for (size_t a = 0; ok && a < nacc && !t->id; a++)
                    if (acc[a].tag && acc[a].id && strcmp(acc[a].tag, tags[j]) == 0) {
                        t->id = xstrdup(acc[a].id);
                        t->posted_now = 1;
                        if (r->ops->ptask_add(r->st, k->pname, t->id, t->kw->id, now) != 0)
                            rc = -1;
                    }
                if (!t->id)
                    fail(r, t, ok ? NULL : &q, "the provider did not accept the task");
            }
            engine_tasks_free(acc, nacc);
            crawl_req_release(&q);
        }
        engine_request_release(&er);
        for (size_t j = 0; j < m; j++)
            free(tags[j]);
        free(tags);
        free(kv);
    }
    free(b);
    return rc;
}

static int waiting(const struct qrun *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->t[i].id && !r->t[i].done)
            return 1;
    return 0;
}

static int listed(char **ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] && strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

/* Collects the tasks of kind k whose ids are listed ready. */
static int collect(struct qrun *r, const struct qkind *k, char **ids, size_t nids)
{
    for (size_t i = 0; i < r->n && !r->stop; i++) {
        struct qtask *t = &r->t[i];
        struct qkind ki;
        kind_of(r->cfg, t->kw, &ki);
        if (!t->id || t->done || !same_kind(&ki, k) || !listed(ids, nids, t->id))
            continue;
        struct engine_request er;
        memset(&er, 0, sizeof er);
        if (k->q->get(k->ec, k->sec, k->e, k->point, t->id, &er) != 0)
            return -1;
        struct crawl_req q;
        set_req(&q, &er, k->engine);
        crawl_fetch(r->c, &q, 1, NULL, NULL);
        /* listed too early: polled again; no answer at all: the task
         * stays recorded for the next poll or run */
        int early = q.body && k->q->pending && k->q->pending(q.body, q.len);
        if (!early && q.body && q.err == CRAWL_OK) {
            struct serp_page pg;
            char *reason = NULL;
            enum model_status st = crawl_classify(k->engine, k->provider, q.http_status, q.body,
                                                  q.len, q.err, q.error, &pg, &reason);
            hand_on(r, t, st, q.http_status, reason, &pg, q.body, q.len);
            serp_page_release(&pg);
            if (r->ops->ptask_close(r->st, k->pname, t->id, 1) != 0)
                r->qs->unclosed++;
        }
        crawl_req_release(&q);
        engine_request_release(&er);
    }
    return 0;
}

/* One look at each kind's ready list; -1 when a list cannot be had (the
 * tasks stay recorded for the next run, qs->why says why). */
static int poll_once(struct qrun *r)
{
    for (size_t i = 0; i < r->n_kinds && !r->stop; i++) {
        const struct qkind *k = &r->kinds[i];
        int any = 0;
        for (size_t j = 0; j < r->n && !any; j++) {
            struct qkind kj;
            kind_of(r->cfg, r->t[j].kw, &kj);
            any = r->t[j].id && !r->t[j].done && same_kind(&kj, k);
        }
        if (!any)
            continue;
        struct engine_request er;
        memset(&er, 0, sizeof er);
        if (k->q->ready(k->ec, k->sec, k->e, k->point, &er) != 0)
            return -1;
        struct crawl_req q;
        set_req(&q, &er, k->engine);
        crawl_fetch(r->c, &q, 1, NULL, NULL);
        r->qs->polls++;
        char **ids = NULL;
        size_t nids = 0;
        char *perr = NULL;
        int rc = q.body ? k->q->ready_ids(q.body, q.len, q.http_status, &ids, &nids, &perr) : -1;
        if (rc != 0) {
            if (perr)
                util_mask_secrets(perr);
            snprintf(r->qs->why, sizeof r->qs->why, "%s: ready list: %s", k->pname,
                     perr ? perr : q.error ? q.error : "not an answer");
        }
        free(perr);
        crawl_req_release(&q);
        engine_request_release(&er);
        if (rc != 0)
            return -1;
        int crc = collect(r, k, ids, nids);
        for (size_t j = 0; j < nids; j++)
            free(ids[j]);
        free(ids);
        if (crc != 0)
            return -1;
    }
    return 0;
}

int track_queued(store *st, const struct config *cfg, struct crawl *c,
                 const struct model_keyword *const *kws, size_t n, time_t now,
                 const struct track_queued_cb *cb, struct track_queued_stats *qs)
{
    memset(qs, 0, sizeof *qs);
    if (n == 0)
        return 0;
    struct qrun r = {.st = st, .ops = store_ops_of(st), .cfg = cfg, .c = c, .cb = cb, .qs = qs,
                     .n = n};
    r.t = xcalloc(n, sizeof *r.t);
    for (size_t i = 0; i < n; i++)
        r.t[i].kw = kws[i];
    for (size_t i = 0; i < n; i++) {
        struct qkind k;
        kind_of(cfg, kws[i], &k);
        size_t j = 0;
        while (j < r.n_kinds && !same_kind(&r.kinds[j], &k))
            j++;
        if (j == r.n_kinds) {
            r.kinds = xrealloc(r.kinds, (r.n_kinds + 1) * sizeof *r.kinds);
            r.kinds[r.n_kinds++] = k;
        }
    }
    int rc = resume(&r, now);
    for (size_t i = 0; i < r.n_kinds && rc == 0 && !r.stop; i++)
        rc = post_kind(&r, &r.kinds[i], now);
    /* poll with a doubling pause until every task is in or the wait ends */
    double start = util_mono(), pause = 0;
    long long wait_s = 0, poll_ms = 5000;
    for (size_t i = 0; i < n; i++) {
        const struct config_engine *ec = &cfg->engine[kws[i]->engine];
        if (ec->queue_wait_s > wait_s)
            wait_s = ec->queue_wait_s;
        if (i == 0 || ec->queue_poll_ms < poll_ms)
            poll_ms = ec->queue_poll_ms;
    }
    while (rc == 0 && !r.stop && waiting(&r)) {
        if (pause > 0) {
            if (util_mono() - start + pause > (double)wait_s)
                break;
            util_sleep(pause);
        }
        if (poll_once(&r) != 0)
            break; /* the reason is in qs->why; the tasks wait for the next run */
        pause = pause > 0 ? pause * 2 : (double)poll_ms / 1000;
        if (pause > 60)
            pause = 60;
    }
    for (size_t i = 0; i < n; i++) {
        if (r.t[i].id && !r.t[i].done)
            qs->left++;
        free(r.t[i].id);
    }
    free(r.t);
    free(r.kinds);
    return rc == 0 && !r.stop ? 0 : -1;
}
