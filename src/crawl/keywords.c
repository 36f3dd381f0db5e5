/* keywords.c - the keyword pipeline: for each keyword, fetch page 0, 1, ...
 * up to its depth through the fetcher, parse and classify each page, join
 * them, and hand the finished check to the caller at once so it is stored
 * before the next one (crash safety). A failed or blocked fetch is never
 * "ok with no ranking": it is blocked or error with the reason. */
#include <jansson.h>
#include <string.h>

#include "crawl.h"
#include "crawl_int.h"
#include "url.h"
#include "util.h"

void crawl_result_release(struct crawl_result *r)
{
    free(r->reason);
    free(r->raw);
    serp_page_release(&r->page);
    r->reason = NULL;
    r->raw = NULL;
    r->raw_len = 0;
}

void crawl_join_page(struct serp_page *joined, struct serp_page *pg, int first, int before)
{
    if (!first) {
        serp_page_append(joined, pg);
        serp_page_release(pg);
        return;
    }
    for (size_t i = 0; i < pg->n_organic; i++)
        pg->organic[i].position += before;
    serp_page_release(joined);
    *joined = *pg;
    serp_page_init(pg);
}

/* The "error" string of a JSON answer, masked; NULL when there is none. */
static char *api_error_message(const char *body, size_t len)
{
    size_t i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
        i++;
    if (i >= len || body[i] != '{')
        return NULL;
    json_error_t jerr;
    json_t *j = json_loadb(body, len, 0, &jerr);
    if (!j)
        return NULL;
    const json_t *e = json_object_get(j, "error");
    if (json_is_object(e))
        e = json_object_get(e, "message");
    char *msg = json_is_string(e) ? util_utf8_sanitize(json_string_value(e),
                                                       json_string_length(e))
                                  : NULL;
    json_decref(j);
    if (msg) {
        util_mask_secrets(msg);
        for (char *q = msg; *q; q++)
            if (*q == '\n' || *q == '\r')
                *q = ' ';
    }
    return msg;
}

/* 1 when the body is empty or only whitespace. */
static int blank(const char *body, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (body[i] != ' ' && body[i] != '\n' && body[i] != '\r' && body[i] != '\t')
            return 0;
    return 1;
}

enum model_status crawl_classify(enum serp_engine e, enum engine_provider p, int http_status,
                                 const char *body, size_t len, enum crawl_err ferr,
                                 const char *fetch_error, struct serp_page *page, char **reason)
{
    *reason = NULL;
    serp_page_init(page);
    page->engine = e;
    if (!body) {
        /* No answer at all: timeout, connection, budget, cool-down. */
        *reason = xstrdup(fetch_error ? fetch_error : "no response");
        return ferr == CRAWL_COOLDOWN ? MODEL_BLOCKED : MODEL_ERROR;
    }
    if (ferr == CRAWL_TOO_LARGE) {
        *reason = crawl_err_text(ferr, NULL);
        return MODEL_ERROR;
    }
    const struct engine_provider_desc *pd = engine_provider_get(p);
    if (pd->answer == ENGINE_ANSWER_SERP_JSON || pd->answer == ENGINE_ANSWER_JSON) {
        char *err = NULL;
        serp_page_release(page);
        int prc = pd->answer == ENGINE_ANSWER_JSON
                      ? pd->parse(e, body, len, http_status, page, &err)
                      : serp_parse_api_json(e, body, len, page, &err);
        if (prc != 0) {
            if (http_status == 429 && !err)
                err = xstrdup("rate limited (http 429)");
            if (err)
                util_mask_secrets(err);
            /* The stored reason starts with the provider and a stable
             * code (crawl_reason_code), then the provider's own words. */
            enum engine_refusal r = engine_classify(p, err, http_status);
            int empty = blank(body, len) && http_status < 300;
            const char *code = empty ? "empty" : crawl_refusal_code(r);
            if (empty)
                page->block = SERP_BLOCK_EMPTY;
            *reason = err ? xasprintf("%s: %s: %s", pd->name, code, err)
                          : xasprintf("%s: %s: not an API answer%s%s", pd->name, code,
                                      fetch_error ? ": " : "", fetch_error ? fetch_error : "");
            free(err);
            /* Bad keys and exhausted credits are errors to fix, not the
             * engine blocking; a captcha the API ran into is a block. */
            if (r == ENGINE_REFUSAL_CAPTCHA || r == ENGINE_REFUSAL_RATE_LIMIT) {
                page->block = r == ENGINE_REFUSAL_CAPTCHA ? SERP_BLOCK_CAPTCHA
                                                          : SERP_BLOCK_RATE_LIMITED;
                return MODEL_BLOCKED;
            }
            return MODEL_ERROR;
        }
        if (fetch_error) {
            *reason = xstrdup(fetch_error);
            return http_status == 429 ? MODEL_BLOCKED : MODEL_ERROR;
        }
        return MODEL_OK;
    }
    if (pd->answer == ENGINE_ANSWER_HTML && pd->own_errors && http_status >= 400) {
        /* The scraping API's own refusal (bad key, no credits) comes as
         * JSON: its message is the reason, and it is not the engine
         * blocking us. */
        char *msg = api_error_message(body, len);
        if (msg) {
            *reason = xasprintf("%s: %s: %s", pd->name,
                                crawl_refusal_code(engine_classify(p, msg, http_status)), msg);
            free(msg);
            return MODEL_ERROR;
        }
    }
    serp_page_release(page);
    int prc = serp_parse(e, body, len, http_status, page);
    if (page->block != SERP_BLOCK_NONE) {
        const char *b = serp_block_name(page->block);
        /* A cut-off or empty body is a transport failure, not the engine
         * refusing us. */
        if (page->block == SERP_BLOCK_TRUNCATED || page->block == SERP_BLOCK_EMPTY) {
            *reason = fetch_error ? xasprintf("%s (%s)", b, fetch_error) : xstrdup(b);
            return MODEL_ERROR;
        }
        *reason = xstrdup(b);
        return MODEL_BLOCKED;
    }
    if (fetch_error) {
        *reason = xstrdup(fetch_error);
        return MODEL_ERROR;
    }
    if (prc != 0) {
        *reason = xstrdup("unparsable page");
        return MODEL_ERROR;
    }
    return MODEL_OK;
}

int crawl_raw_each(const char *raw, size_t len,
                   int (*fn)(int page, int http_status, const char *buf, size_t n, void *arg),
                   void *arg)
{
    size_t off = 0;
    while (off < len) {
        const char *nl = memchr(raw + off, '\n', len - off);
        if (!nl)
            return -1;
        char head[96];
        size_t hl = (size_t)(nl - (raw + off));
        if (hl >= sizeof head)
            return -1;
        memcpy(head, raw + off, hl);
        head[hl] = '\0';
        int page, status;
        unsigned long long n;
        char extra;
        if (sscanf(head, "serptrack-page %d %d %llu%c", &page, &status, &n, &extra) != 3)
            return -1;
        off += hl + 1;
        if (n > len - off)
            return -1;
        if (fn(page, status, raw + off, (size_t)n, arg) != 0)
            return 0;
        off += (size_t)n;
        if (off < len && raw[off] == '\n')
            off++;
    }
    return 0;
}

/* --- the pipeline ------------------------------------------------------------ */

struct kstate {
    struct crawl_result res;
    struct crawl_req req;
    struct engine_request ereq; /* owns req's url, body and credentials */
    int page, pages;
    int whole;             /* the provider answered every page in one */
    int probing;           /* smart depth: fetching the last-seen page first */
    int probe_page;        /* page kept from a probe that missed; -1 none */
    struct serp_page probe_pg;
    strbuf probe_raw;
    int no_more;           /* finished (all pages or stopped) */
    strbuf raw;
    struct kstate *next;   /* in the ready list */
};

struct pipe {
    struct crawl *c;
    const struct config *cfg;
    const struct model_keyword *kws;
    size_t n, next_kw;
    struct kstate *ready_head, *ready_tail;
    int archive;
    int smart;             /* [crawl] depth_mode = smart */
    const struct crawl_hint *hints; /* smart hints per keyword, may be NULL */
    int stop;              /* done() asked to stop, or a URL could not be built */
    int (*done)(struct crawl_result *r, void *arg);
    void *arg;
    int failed;
};

static void ready_push(struct pipe *p, struct kstate *k)
{
    k->next = NULL;
    if (p->ready_tail)
        p->ready_tail->next = k;
    else
        p->ready_head = k;
    p->ready_tail = k;
}

static void kstate_free(struct kstate *k)
{
    serp_page_release(&k->probe_pg);
    sb_release(&k->probe_raw);
    crawl_result_release(&k->res);
    crawl_req_release(&k->req);
    engine_request_release(&k->ereq);
    sb_release(&k->raw);
    free(k);
}

/* Hands the keyword to the caller and frees it. */
static void complete(struct pipe *p, struct kstate *k)
{
    if (!p->stop) {
        if (p->archive && k->raw.len) {
            k->res.raw_len = k->raw.len;
            k->res.raw = sb_detach(&k->raw);
        }
        if (p->done(&k->res, p->arg) != 0)
            p->stop = 1;
    }
    kstate_free(k);
}

/* Sets up the request for k's next page; -1 when the URL cannot be built. */
static int prepare(struct pipe *p, struct kstate *k)
{
    engine_request_release(&k->ereq);
    crawl_req_release(&k->req);
    if (engine_search_request(p->cfg, k->res.kw, k->page, &k->ereq) != 0)
        return -1;
    k->req.url = k->ereq.url;
    k->req.post = k->ereq.body;
    k->req.userpwd = k->ereq.userpwd;
    k->req.header = k->ereq.header;
    k->req.engine = k->res.kw->engine;
    k->req.device = k->res.kw->device;
    k->req.lang = k->res.kw->lang;
    k->req.user = k;
    return 0;
}

static void page_ok(struct pipe *p, struct kstate *k, struct serp_page *pg);

/* The page (0-based) that held the site's last position by the organic
 * counts known for its pages, 10 a page beyond them; -1 when unknown. */
static int probe_page(const struct crawl_hint *h)
{
    int lp = h->last_pos;
    if (lp == MODEL_NONE || lp < 1)
        return -1;
    int cum = 0;
    for (int i = 0; i < h->n_page_organic && i < CRAWL_MAX_PAGES; i++) {
        if (lp <= cum + h->page_organic[i])
            return i;
        cum += h->page_organic[i];
    }
    return h->n_page_organic + (lp - cum - 1) / 10;
}

static struct crawl_req *feed(void *arg)
{
    struct pipe *p = arg;
    while (!p->stop) {
        /* Next pages first: they finish keywords, which frees memory and
         * gets them stored sooner. */
        struct kstate *k = p->ready_head;
        if (k) {
            p->ready_head = k->next;
            if (!p->ready_head)
                p->ready_tail = NULL;
            if (k->page == k->probe_page) {
                struct serp_page pg = k->probe_pg;
                serp_page_init(&k->probe_pg);
                k->probe_page = -1;
                sb_add(&k->raw, k->probe_raw.buf, k->probe_raw.len);
                sb_release(&k->probe_raw);
                page_ok(p, k, &pg);
                continue;
            }
            if (!crawl_budget_left(p->c)) {
                /* Out of budget between pages: what was checked stands, and
                 * the depth says how far that was. */
                complete(p, k);
                continue;
            }
            if (prepare(p, k) != 0) {
                p->failed = 1;
                p->stop = 1;
                kstate_free(k);
                return NULL;
            }
            return &k->req;
        }
        if (p->next_kw >= p->n || !crawl_budget_left(p->c))
            return NULL;
        const struct model_keyword *kw = &p->kws[p->next_kw++];
        k = xcalloc(1, sizeof *k);
        k->res.kw = kw;
        k->res.provider = engine_provider_for(p->cfg, kw->engine);
        k->res.status = MODEL_OK;
        serp_page_init(&k->res.page);
        serp_page_init(&k->probe_pg);
        k->probe_page = -1;
        k->res.page.engine = kw->engine;
        int depth = kw->depth > 0 ? kw->depth : 30;
        if (depth > 100)
            depth = 100;
        k->pages = (depth + 9) / 10;
        /* A provider that pages itself answers the whole depth at once. */
        k->whole = engine_provider_get(k->res.provider)->whole_depth;
        if (k->whole)
            k->pages = 1;
        if (p->smart && p->hints && !k->whole) {
            const struct crawl_hint *h = &p->hints[kw - p->kws];
            int page = probe_page(h);
            /* After an approximate position, count the pages again. */
            if (page > 0 && page < k->pages && h->last_pos <= depth && kw->site &&
                !h->last_approx) {
                k->page = page;
                k->probing = 1;
            }
        }
        if (prepare(p, k) != 0) {
            p->failed = 1;
            p->stop = 1;
            kstate_free(k);
            return NULL;
        }
        return &k->req;
    }
    return NULL;
}

static int has_site(const struct serp_page *pg, const char *site)
{
    for (size_t i = 0; site && i < pg->n_organic; i++)
        if (pg->organic[i].url && url_matches_site(pg->organic[i].url, site))
            return 1;
    return 0;
}

/* A usable page of k is in: join it, then finish k or queue its next page. */
static void page_ok(struct pipe *p, struct kstate *k, struct serp_page *pg)
{
    int first = k->page == 0;
    int end = pg->no_results || !pg->has_next;
    /* Smart depth stops as soon as the site is seen. */
    if (p->smart && has_site(pg, k->res.kw->site))
        end = 2;
    if (k->page < CRAWL_MAX_PAGES && !k->whole) {
        k->res.page_organic[k->page] = (int)pg->n_organic;
        k->res.n_page_organic = k->page + 1;
    }
    crawl_join_page(&k->res.page, pg, first, 0);
    k->page++;
    int depth = k->res.kw->depth > 0 ? k->res.kw->depth : 30;
    if (depth > 100)
        depth = 100;
    /* Every result there is was seen when the engine has no next page. */
    k->res.depth = end == 1 || k->whole ? depth : (k->page * 10 < depth ? k->page * 10 : depth);
    if (end || k->page >= k->pages) {
        complete(p, k);
        return;
    }
    ready_push(p, k);
}

static void on_page(struct crawl_req *r, void *arg)
{
    struct pipe *p = arg;
    struct kstate *k = r->user;
    if (p->stop) {
        kstate_free(k);
        return;
    }
    k->res.requests += r->attempts;
    k->res.http_status = r->http_status;
    if (p->archive && r->body)
        sb_addf(&k->raw, "serptrack-page %d %d %zu\n", k->page, r->http_status, r->len);
    if (p->archive && r->body) {
        sb_add(&k->raw, r->body, r->len);
        sb_addc(&k->raw, '\n');
    }
    struct serp_page pg;
    char *reason = NULL;
    enum model_status st = crawl_classify(k->res.kw->engine, k->res.provider, r->http_status,
                                          r->body, r->len, r->err, r->error, &pg, &reason);
    if (st == MODEL_BLOCKED && r->body && r->http_status != 429 && r->http_status != 503)
        crawl_note_block(p->c, r); /* 429/503 were noted by the fetcher */
    if (st != MODEL_OK) {
        k->res.status = st;
        k->res.err = r->err;
        k->res.reason = k->page > 0 ? xasprintf("%s (page %d)", reason, k->page + 1) : reason;
        if (k->page > 0)
            free(reason);
        /* Results of earlier pages stay in the page model for the record,
         * but the check is not ok: no "not ranked" from a failed fetch. */
        if (k->page == 0)
            crawl_join_page(&k->res.page, &pg, 1, 0);
        else
            serp_page_release(&pg);
        complete(p, k);
        return;
    }
    if (k->probing) {
        k->probing = 0;
        if (has_site(&pg, k->res.kw->site)) {
            /* Found where it was: this page alone is the check. Positions
             * continue from the real organic counts of the pages before it
             * (page 1 often holds fewer than 10), as the last check that
             * counted them saw them; unknown counts make the position
             * approximate. Depth says how far the ranking is known to hold. */
            const struct crawl_hint *h = &p->hints[k->res.kw - p->kws];
            int before = k->page * 10;
            if (h->n_page_organic >= k->page) {
                before = 0;
                for (int i = 0; i < k->page; i++)
                    before += k->res.page_organic[i] = h->page_organic[i];
                k->res.page_organic[k->page] = (int)pg.n_organic;
                k->res.n_page_organic = k->page + 1;
            } else {
                k->res.approx = 1;
            }
            crawl_join_page(&k->res.page, &pg, 1, before);
            k->res.depth = (k->page + 1) * 10;
            complete(p, k);
            return;
        }
        /* Not there any more: widen to the full depth from page 0; the
         * probed page is kept for its turn rather than fetched again, and
         * its raw bytes wait too so the archive stays in page order. */
        k->probe_pg = pg;
        k->probe_page = k->page;
        sb_release(&k->probe_raw);
        k->probe_raw = k->raw;
        memset(&k->raw, 0, sizeof k->raw);
        k->page = 0;
        ready_push(p, k);
        return;
    }
    page_ok(p, k, &pg);
}

int crawl_keywords(struct crawl *c, const struct config *cfg, const struct model_keyword *kws,
                   size_t n, int (*done)(struct crawl_result *r, void *arg), void *arg)
{
    return crawl_keywords_smart(c, cfg, kws, NULL, n, done, arg);
}

int crawl_keywords_smart(struct crawl *c, const struct config *cfg, const struct model_keyword *kws,
                         const struct crawl_hint *hints, size_t n,
                         int (*done)(struct crawl_result *r, void *arg), void *arg)
{
    struct pipe p = {0};
    p.c = c;
    p.cfg = cfg;
    p.kws = kws;
    p.n = n;
    p.done = done;
    p.arg = arg;
    p.archive = cfg->archive_enabled;
    p.smart = cfg->crawl.smart_depth;
    p.hints = hints;
    int rc = crawl_loop(c, feed, on_page, &p);
    while (p.ready_head) {
        struct kstate *k = p.ready_head;
        p.ready_head = k->next;
        kstate_free(k);
    }
    return rc != 0 || p.stop ? -1 : 0;
}
