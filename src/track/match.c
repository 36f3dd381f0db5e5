/* match.c - which result on a page is which tracked site: the one rule
 * that turns a parsed page into rank rows (best organic position and its
 * URL, and the local pack position), used when a check is stored, when a
 * check is re-parsed and when a past check is re-read for a site added
 * later (track_check_save, track_check_replace, track_site_backfill). A
 * pack entry is the site's by its website's registrable domain, else by
 * the site's business name (normalised), else by its phone (last 10
 * digits): real packs list businesses without a website. The store only
 * reads the sites and writes the rows. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "serp.h"
#include "store_ops.h"
#include "track.h"
#include "url.h"
#include "util.h"

struct match_site {
    const struct store_rank_site *s;
    char *name;     /* track_business_key of its business name; NULL = none */
    char phone[11]; /* track_phone_key of its phone; "" = none */
};

struct match_page {
    const struct serp_page *p;
    char **odom;        /* registrable domain of each organic result, NULL if none */
    char **ldom;        /* of each pack entry's website */
    char **lname;       /* track_business_key of each pack entry's name */
    char (*lphone)[11]; /* track_phone_key of each pack entry's phone */
};

/* Words a business name may carry or drop ("Acme Plumbing, LLC" is
 * "Acme Plumbing" on the map): only at the end, so "Co Op Dental" keeps
 * its "Co". */
static const char *const name_suffixes[] = {
    "llc", "inc", "incorporated", "co", "corp", "corporation", "company", "ltd", "limited",
    "pllc", "plc", "lp", "llp", "pc", "pa", "dba",
};

char *track_business_key(const char *name)
{
    if (!name)
        return NULL;
    strbuf sb = STRBUF_INIT;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
        if (*c == '\'' || *c == '.')
            continue; /* "Bob's" = "Bobs", "L.L.C." = "LLC" */
        if (c[0] == 0xe2 && c[1] == 0x80 && c[2] == 0x99) {
            c += 2; /* the typographic apostrophe */
            continue;
        }
        if (*c == '&')
            sb_adds(&sb, " and ");
        else if (*c >= 0x80 || isalnum(*c))
            sb_addc(&sb, (char)tolower(*c));
        else
            sb_addc(&sb, ' ');
    }
    char *k = sb_detach(&sb);
    if (!k)
        return NULL;
    util_squeeze_space(k);
    /* drop trailing suffix words, keeping at least one word */
    for (;;) {
        char *sp = strrchr(k, ' ');
        if (!sp)
            break;
        size_t i = 0;
        while (i < ARRAY_SIZE(name_suffixes) && strcmp(sp + 1, name_suffixes[i]) != 0)
            i++;
        if (i == ARRAY_SIZE(name_suffixes))
            break;
        *sp = '\0';
    }
    if (!*k) {
        free(k);
        return NULL;
    }
    return k;
}

int track_phone_key(const char *phone, char key[11])
{
    char d[64];
    size_t n = 0;
    key[0] = '\0';
    for (const char *c = phone; c && *c && n < sizeof d; c++)
        if (*c >= '0' && *c <= '9')
            d[n++] = *c;
    if (n < 10)
        return 0;
    memcpy(key, d + n - 10, 10);
    key[10] = '\0';
    return 1;
}

/* The result's domain is computed once per page, not once per site. */
static void page_prepare(struct match_page *m, const struct serp_page *p)
{
    size_t no = p ? p->n_organic : 0, nl = p ? p->n_local : 0;
    m->p = p;
    m->odom = xcalloc(no + 1, sizeof *m->odom);
    m->ldom = xcalloc(nl + 1, sizeof *m->ldom);
    m->lname = xcalloc(nl + 1, sizeof *m->lname);
    m->lphone = xcalloc(nl + 1, sizeof *m->lphone);
    for (size_t i = 0; i < no; i++)
        m->odom[i] = p->organic[i].url ? url_domain(p->organic[i].url) : NULL;
    for (size_t i = 0; i < nl; i++) {
        m->ldom[i] = p->local[i].website ? url_domain(p->local[i].website) : NULL;
        m->lname[i] = track_business_key(p->local[i].name);
        track_phone_key(p->local[i].phone, m->lphone[i]);
    }
}

static void page_release(struct match_page *m)
{
    size_t no = m->p ? m->p->n_organic : 0, nl = m->p ? m->p->n_local : 0;
    for (size_t i = 0; i < no; i++)
        free(m->odom[i]);
    for (size_t i = 0; i < nl; i++) {
        free(m->ldom[i]);
        free(m->lname[i]);
    }
    free(m->odom);
    free(m->ldom);
    free(m->lname);
    free(m->lphone);
}

static void match_one(const struct match_page *m, const struct match_site *ms,
                      struct model_rank_row *r)
{
    const struct serp_page *p = m->p;
    const char *domain = ms->s->domain ? ms->s->domain : "";
    size_t no = p ? p->n_organic : 0, nl = p ? p->n_local : 0;
    r->site_id = ms->s->id;
    r->position = MODEL_NONE;
    r->url = NULL;
    r->local = 0;
    for (size_t i = 0; i < no; i++) {
        if (m->odom[i] && strcmp(m->odom[i], domain) == 0 &&
            (r->position == MODEL_NONE || p->organic[i].position < r->position)) {
            r->position = p->organic[i].position;
            r->url = p->organic[i].url;
        }
    }
    for (size_t i = 0; i < nl; i++) {
        int by_site = m->ldom[i] && strcmp(m->ldom[i], domain) == 0;
        int by_name = !by_site && ms->name && m->lname[i] && strcmp(m->lname[i], ms->name) == 0;
        int by_phone = !by_site && !by_name && ms->phone[0] && strcmp(m->lphone[i], ms->phone) == 0;
        if (by_site || by_name || by_phone) {
            int pos = metrics_pack_slot(p->local[i].position, i);
            if (r->local == 0 || pos < r->local)
                r->local = pos;
        }
    }
}

void track_match_rows(const struct serp_page *p, const struct store_rank_site *sites, size_t n,
                      struct model_rank_row *rows)
{
    struct match_page m;
    page_prepare(&m, p);
    for (size_t j = 0; j < n; j++) {
        struct match_site ms = {.s = &sites[j], .name = track_business_key(sites[j].business_name)};
        track_phone_key(sites[j].phone, ms.phone);
        match_one(&m, &ms, &rows[j]);
        free(ms.name);
    }
    page_release(&m);
}

/* The rows of a check of keyword_id (or of site_id alone), matched on p
 * by the sites the store lists; *rows is allocated (the caller frees it),
 * its URLs borrowed from p. 0 or -1 (the store says why). */
static int rows_for(const struct store_ops *ops, store *st, long long keyword_id,
                    long long site_id, const struct serp_page *p, struct model_rank_row **rows,
                    size_t *n)
{
    struct store_rank_site *sites;
    if (ops->rank_sites(st, keyword_id, site_id, &sites, n) != 0)
        return -1;
    *rows = xcalloc(*n + 1, sizeof **rows);
    track_match_rows(p, sites, *n, *rows);
    store_rank_sites_free(sites, *n);
    return 0;
}

int track_check_save_ops(const struct store_ops *ops, store *st, const struct model_check *c,
                         long long *id)
{
    /* Matched before the check's transaction (a savepoint around the pair
     * would cost a sub-journal per check); the store checks the rows are
     * for the sites it has then, so a site added meanwhile gets a row here
     * or from its backfill, never neither. */
    for (int attempt = 0;; attempt++) {
        struct model_check k = *c;
        struct model_rank_row *rows = NULL;
        size_t n = 0;
        if (c->status == MODEL_OK && rows_for(ops, st, c->keyword_id, 0, c->page, &rows, &n) != 0)
            return -1;
        k.ranks = rows;
        k.n_ranks = n;
        int rc = ops->check_save(st, &k, id);
        free(rows);
        if (rc == 0 || store_errcode(st) != STORE_ERR_STALE || attempt == 2)
            return rc;
        store_err_clear(st);
    }
}

int track_check_save(store *st, const struct model_check *c, long long *id)
{
    return track_check_save_ops(store_ops_of(st), st, c, id);
}

int track_check_replace(store *st, long long check_id, const struct serp_page *page,
                        int new_status, const char *reason)
{
    /* as track_check_save: matched first, checked by the store */
    for (int attempt = 0;; attempt++) {
        long long kw = 0;
        int status = 0;
        int got = store_check_head(st, check_id, &kw, &status);
        if (got < 0)
            return -1;
        struct model_rank_row *rows = NULL;
        size_t n = 0;
        if (got == 1 && (new_status >= 0 ? new_status : status) == MODEL_OK &&
            rows_for(store_ops_of(st), st, kw, 0, page, &rows, &n) != 0)
            return -1;
        /* no such check: store_check_replace says so */
        int rc = store_check_replace(st, check_id, page, new_status, reason, rows, n);
        free(rows);
        if (rc == 0 || store_errcode(st) != STORE_ERR_STALE || attempt == 2)
            return rc;
        store_err_clear(st);
    }
}

/* The rows site_id lacks for keyword_id's stored ok checks. */
static int backfill_keyword(store *st, long long keyword_id, long long site_id, long long *done)
{
    long long *ids, *at;
    size_t n;
    int rc = store_site_missing_checks(st, keyword_id, site_id, &ids, &at, &n);
    for (size_t j = 0; j < n && rc == 0; j++) {
        struct serp_page page;
        struct model_rank_row *rows = NULL;
        size_t nr = 0;
        rc = store_page_load(st, ids[j], &page);
        if (rc == 0)
            rc = rows_for(store_ops_of(st), st, keyword_id, site_id, &page, &rows, &nr);
        if (rc == 0)
            rc = store_rank_rows_put(st, ids[j], rows, nr);
        free(rows);
        serp_page_release(&page);
        (*done)++;
    }
    free(ids);
    free(at);
    return rc;
}

long long track_site_backfill(store *st, const char *domain)
{
    struct model_site site;
    int got = store_site_get(st, domain, &site);
    long long site_id = got == 1 ? site.id : 0;
    if (got == 1)
        model_site_release(&site);
    if (got != 1)
        return -1;
    long long *kw;
    size_t nkw;
    if (store_site_keywords(st, site_id, &kw, &nkw) != 0)
        return -1;
    /* One transaction: the site's past is there entirely or not at all.
     * The rows belong to old checks, at or below the alert watermark, so
     * no alert is raised for the past. */
    if (store_begin(st) != 0) {
        free(kw);
        return -1;
    }
    long long done = 0;
    int rc = 0;
    for (size_t i = 0; i < nkw && rc == 0; i++)
        rc = backfill_keyword(st, kw[i], site_id, &done);
    free(kw);
    if (rc != 0) {
        store_rollback(st);
        return -1;
    }
    return store_commit(st) == 0 ? done : -1;
}
