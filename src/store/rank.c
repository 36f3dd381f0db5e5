/* rank.c - the read side of rank history: the latest position per keyword
 * and site with its changes (rank), one keyword over time (history), and a
 * domain's positions across all keywords (competitor views). */
#include "model.h"
#include "store_int.h"
#include "url.h"

/* "7 days before" tolerates an hour, so a daily check at 06:00:05 a week
 * after one at 06:00:00 still compares with it rather than a day earlier. */
#define DAY_SLACK 3600

static char *url_of(store *st, long long id)
{
    return store_text_by_id(st, "SELECT url FROM url WHERE id = ?1", id);
}

/* One statement for the whole list: the (keyword, site) pairs, each with
 * its keyword's latest check and its site's latest rank row joined by index
 * seeks, and the earlier positions (the one before; a week and a month
 * before; best; first top-10 day) as correlated seeks on the rank primary
 * key, so the cost per row does not grow with years of history and the
 * statement count does not grow with the list. Changes are the caller's
 * arithmetic (metrics_rank_list): the store returns positions only.
 * The latest check, whatever its outcome, is the latest time, then the
 * highest id at it (index seeks; ORDER BY checked_at, id would sort). */
static const char rank_list_sql[] =
    "SELECT p.kid, p.sid, p.comp, k.query, l.name, k.device, k.tags, k.engine,"
    " s.domain, s.competitor, k.depth,"
    " c.status, c.reason, c.checked_at,"
    " r.check_id IS NOT NULL, r.position, r.local, rc.depth, u.url,"
    " (SELECT position FROM rank WHERE site_id = p.sid AND keyword_id = p.kid"
    "  AND (checked_at, check_id) < (r.checked_at, r.check_id)"
    "  ORDER BY checked_at DESC, check_id DESC LIMIT 1),"
    " (SELECT position FROM rank WHERE site_id = p.sid AND keyword_id = p.kid"
    "  AND checked_at <= r.checked_at - ?4 ORDER BY checked_at DESC, check_id DESC LIMIT 1),"
    " (SELECT position FROM rank WHERE site_id = p.sid AND keyword_id = p.kid"
    "  AND checked_at <= r.checked_at - ?5 ORDER BY checked_at DESC, check_id DESC LIMIT 1),"
    " (SELECT min(position) FROM rank WHERE site_id = p.sid AND keyword_id = p.kid),"
    " (SELECT min(checked_at) FROM rank INDEXED BY rank_position WHERE site_id = p.sid"
    "  AND keyword_id = p.kid AND position BETWEEN 1 AND 10),"
    " rc.approx, r.url_id,"
    " (SELECT url_id FROM rank WHERE site_id = p.sid AND keyword_id = p.kid"
    "  AND (checked_at, check_id) < (r.checked_at, r.check_id) AND url_id IS NOT NULL"
    "  ORDER BY checked_at DESC, check_id DESC LIMIT 1)"
    " FROM ("
    " SELECT k.id AS kid, ifnull(k.site_id, 0) AS sid, 0 AS comp FROM keyword k"
    " WHERE (?1 IS NULL OR instr(',' || k.tags || ',', ',' || ?1 || ',') > 0)"
    " AND (?2 = 0 OR k.site_id = ?2)"
    " UNION ALL SELECT k.id, s.id, 1 FROM keyword k JOIN site s ON"
    " " STORE_COMPETES("s", "k.site_id") " AND s.id IS NOT ifnull(k.site_id, 0)"
    " WHERE ?3 AND (?1 IS NULL OR instr(',' || k.tags || ',', ',' || ?1 || ',') > 0)"
    " AND (?2 = 0 OR s.id = ?2)) p"
    " JOIN keyword k ON k.id = p.kid LEFT JOIN site s ON s.id = p.sid"
    " LEFT JOIN location l ON l.id = k.location_id"
    " LEFT JOIN \"check\" c ON c.id = (SELECT max(id) FROM \"check\" INDEXED BY check_kw_hist"
    "  WHERE keyword_id = p.kid AND checked_at ="
    "  (SELECT max(checked_at) FROM \"check\" WHERE keyword_id = p.kid))"
    " LEFT JOIN rank r ON r.site_id = p.sid AND r.keyword_id = p.kid"
    "  AND (r.checked_at, r.check_id) = (SELECT checked_at, check_id FROM rank"
    "  WHERE site_id = p.sid AND keyword_id = p.kid"
    "  ORDER BY checked_at DESC, check_id DESC LIMIT 1)"
    " LEFT JOIN \"check\" rc ON rc.id = r.check_id LEFT JOIN url u ON u.id = r.url_id"
    " ORDER BY p.kid, p.comp, p.sid";

/* r's fields from one row of rank_list_sql. */
static void rank_row(sqlite3_stmt *s, struct model_rank *r)
{
    memset(r, 0, sizeof *r);
    r->keyword_id = sqlite3_column_int64(s, 0);
    r->query = store_col_text(s, 3);
    r->location = store_col_text(s, 4);
    r->device = store_col_text(s, 5);
    r->tags = store_col_text(s, 6);
    r->engine = store_engine_parse((const char *)sqlite3_column_text(s, 7));
    r->site = store_col_text(s, 8);
    r->competitor = sqlite3_column_int(s, 2) || sqlite3_column_int(s, 9);
    r->depth = sqlite3_column_int(s, 10);
    r->status = (enum model_status)sqlite3_column_int(s, 11);
    r->reason = r->status == MODEL_OK ? NULL : store_col_text(s, 12);
    r->checked_at = (time_t)sqlite3_column_int64(s, 13);
    r->position = r->change_1d = r->change_7d = r->change_30d = r->best = MODEL_NONE;
    r->before_1d = r->before_7d = r->before_30d = MODEL_NONE;
    if (!sqlite3_column_int(s, 14))
        return; /* no rank row for this site (or no site) */
    r->position = (int)store_col_int(s, 15, MODEL_NONE);
    r->local_position = sqlite3_column_int(s, 16);
    if (sqlite3_column_type(s, 17) != SQLITE_NULL)
        r->depth = sqlite3_column_int(s, 17);
    r->url = store_col_text(s, 18);
    r->before_1d = (int)store_col_int(s, 19, MODEL_NONE);
    r->before_7d = (int)store_col_int(s, 20, MODEL_NONE);
    r->before_30d = (int)store_col_int(s, 21, MODEL_NONE);
    r->best = (int)store_col_int(s, 22, MODEL_NONE);
    r->first_top10 = (time_t)store_col_int(s, 23, 0);
    r->approx = sqlite3_column_int(s, 24);
    /* interned URLs: another id is another URL */
    long long uid = store_col_int(s, 25, 0), prev = store_col_int(s, 26, 0);
    r->url_changed = uid && prev && uid != prev;
}

static int rank_list(store *st, const struct store_rank_filter *f, long long only_site,
                     int with_comp, struct model_rank **out, size_t *n)
{
    sqlite3_stmt *s = store_stmt(st, rank_list_sql);
    if (!s)
        return -1;
    store_bind_text(s, 1, f ? f->tag : NULL);
    sqlite3_bind_int64(s, 2, only_site);
    sqlite3_bind_int(s, 3, with_comp);
    sqlite3_bind_int64(s, 4, 7 * DAY_SECS - DAY_SLACK);
    sqlite3_bind_int64(s, 5, 30 * DAY_SECS - DAY_SLACK);
    struct model_rank *v = NULL;
    size_t nv = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(v, cap, nv + 1);
        rank_row(s, &v[nv++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        model_rank_free_list(v, nv);
        return store_err(st, "cannot list ranks");
    }
    *out = v;
    *n = nv;
    return 0;
}

int store_rank_list(store *st, const struct store_rank_filter *f, struct model_rank **out,
                    size_t *n)
{
    *out = NULL;
    *n = 0;
    long long only_site = 0;
    int only_competitor = 0;
    if (f && f->site) {
        struct model_site site;
        if (store_site_get(st, f->site, &site) != 1)
            return store_fail(st, STORE_ERR_NOTFOUND, "rank: site '%s' is not tracked", f->site);
        only_site = site.id;
        only_competitor = site.competitor;
        model_site_release(&site);
    }
    if (store_begin_read(st) != 0)
        return -1;
    int rc = rank_list(st, f, only_site, f && (f->competitors || only_competitor), out, n);
    store_end_read(st);
    return rc;
}

/* --- history ---------------------------------------------------------------- */

void store_history_free_list(struct store_history *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].reason);
        free(v[i].url);
    }
    free(v);
}

/* Ordering by id too would sort every keyword's checks in a temporary
 * b-tree (the index has status and depth before the rowid); checks in the
 * same second are rare, so put those few in id order here. */
static void order_ties(struct store_history *h, long long *ids, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && h[j].checked_at == h[j - 1].checked_at && ids[j] < ids[j - 1];
             j--) {
            struct store_history t = h[j];
            h[j] = h[j - 1];
            h[j - 1] = t;
            long long u = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = u;
        }
}

int store_history_list(store *st, long long keyword_id, const char *site, time_t since,
                       struct store_history **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    long long site_id;
    if (site) {
        site_id = store_site_id(st, site);
        if (site_id <= 0)
            return store_fail(st, STORE_ERR_NOTFOUND, "history: site '%s' is not tracked", site);
    } else {
        sqlite3_stmt *s = store_stmt(st, "SELECT ifnull(site_id, 0) FROM keyword WHERE id = ?1");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, keyword_id);
        int rc = sqlite3_step(s);
        site_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        sqlite3_reset(s);
        if (rc != SQLITE_ROW)
            return rc == SQLITE_DONE ? store_fail(st, STORE_ERR_NOTFOUND,
                                                  "history: no keyword with id %lld", keyword_id)
                                     : store_err(st, "cannot read keywords");
    }
    /* The checks from the covering index, then the site's rank rows (one
     * contiguous range), merged: both are ordered by (time, check id). */
    sqlite3_stmt *s = store_stmt(
        st, "SELECT id, checked_at, status, depth, approx FROM \"check\""
            " WHERE keyword_id = ?1 AND checked_at >= ?2 ORDER BY checked_at");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_int64(s, 2, (long long)since);
    size_t cap = 0, cap_ids = 0;
    long long *ids = NULL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        GROW(ids, cap_ids, *n + 1);
        struct store_history *h = &(*out)[*n];
        memset(h, 0, sizeof *h);
        ids[*n] = sqlite3_column_int64(s, 0);
        h->checked_at = (time_t)sqlite3_column_int64(s, 1);
        h->status = (enum model_status)sqlite3_column_int(s, 2);
        h->depth = sqlite3_column_int(s, 3);
        h->approx = sqlite3_column_int(s, 4);
        h->position = MODEL_NONE;
        (*n)++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        goto fail;
    order_ties(*out, ids, *n);
    if (site_id > 0 && *n > 0) {
        s = store_stmt(st, "SELECT check_id, position, url_id, local FROM rank WHERE site_id = ?1"
                           " AND keyword_id = ?2 AND checked_at >= ?3"
                           " ORDER BY checked_at, check_id");
        if (!s)
            goto fail;
        sqlite3_bind_int64(s, 1, site_id);
        sqlite3_bind_int64(s, 2, keyword_id);
        sqlite3_bind_int64(s, 3, (long long)since);
        size_t i = 0;
        long long last_url = 0;
        char *last = NULL;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            long long cid = sqlite3_column_int64(s, 0);
            while (i < *n && ids[i] != cid)
                i++;
            if (i == *n)
                break;
            struct store_history *h = &(*out)[i];
            h->position = (int)store_col_int(s, 1, MODEL_NONE);
            long long uid = store_col_int(s, 2, 0);
            if (uid && uid != last_url) {
                free(last);
                last = url_of(st, uid);
                last_url = uid;
            }
            h->url = uid ? xstrdup(last) : NULL;
            h->local = sqlite3_column_int(s, 3);
        }
        free(last);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            goto fail;
    }
    /* reasons: only failed checks have one */
    for (size_t i = 0; i < *n; i++) {
        if ((*out)[i].status == MODEL_OK)
            continue;
        s = store_stmt(st, "SELECT reason FROM \"check\" WHERE id = ?1");
        if (!s)
            goto fail;
        sqlite3_bind_int64(s, 1, ids[i]);
        if (sqlite3_step(s) == SQLITE_ROW)
            (*out)[i].reason = store_col_text(s, 0);
        sqlite3_reset(s);
    }
    free(ids);
    return 0;
fail:
    store_err(st, "cannot read history");
    free(ids);
    store_history_free_list(*out, *n);
    *out = NULL;
    *n = 0;
    return -1;
}

/* --- every keyword of a site at once ------------------------------------- */

/* The scan's state: the keyword being gathered and the rank cursor, which
 * runs ahead of it (both statements walk keyword id order). */
struct hscan {
    store *st;
    sqlite3_stmt *rank;
    int rank_row; /* rank has a current row not yet used */
    struct store_kw_history kh;
    size_t cap, cap_ids;
    long long *ids;
    /* a site ranks with few pages: URL texts by id, direct-mapped */
    long long url_id[256];
    char *url[256];
};

static int hscan_rank_step(struct hscan *x)
{
    int rc = sqlite3_step(x->rank);
    x->rank_row = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_err(x->st, "cannot read ranks");
}

/* Puts the rank rows of the gathered keyword on its checks, then hands it
 * to fn. */
static int hscan_flush(struct hscan *x, store_kw_history_fn fn, void *arg)
{
    struct store_kw_history *kh = &x->kh;
    order_ties(kh->h, x->ids, kh->n);
    kh->local = 0;
    size_t i = 0;
    while (x->rank && x->rank_row) {
        long long kid = sqlite3_column_int64(x->rank, 0);
        if (kid > kh->keyword_id)
            break;
        if (kid == kh->keyword_id) {
            long long cid = sqlite3_column_int64(x->rank, 1);
            size_t j = i;
            while (j < kh->n && x->ids[j] != cid)
                j++;
            if (j < kh->n) { /* else a row without its check: skipped */
                i = j;
                struct store_history *h = &kh->h[i];
                h->position = (int)store_col_int(x->rank, 2, MODEL_NONE);
                long long uid = store_col_int(x->rank, 3, 0);
                size_t slot = (size_t)uid % 256;
                if (uid && uid != x->url_id[slot]) {
                    free(x->url[slot]);
                    x->url[slot] = url_of(x->st, uid);
                    x->url_id[slot] = uid;
                }
                h->url = uid ? xstrdup(x->url[slot]) : NULL;
                h->local = sqlite3_column_int(x->rank, 4);
                kh->local = h->local;
            }
        }
        if (hscan_rank_step(x) != 0)
            return -1;
    }
    int rc = fn(kh, arg);
    for (size_t k = 0; k < kh->n; k++) {
        free(kh->h[k].reason);
        free(kh->h[k].url);
    }
    kh->n = 0;
    return rc;
}

int store_site_histories(store *st, long long owner_id, long long rank_site_id, time_t since,
                         store_kw_history_fn fn, void *arg)
{
    struct hscan x;
    memset(&x, 0, sizeof x);
    x.st = st;
    /* two streams in keyword id order instead of three statements per
     * keyword: 100k keywords cost one pass over each index */
    if (rank_site_id > 0) {
        x.rank = store_stmt(st, "SELECT keyword_id, check_id, position, url_id, local FROM rank"
                                " WHERE site_id = ?1 AND checked_at >= ?2"
                                " ORDER BY keyword_id, checked_at, check_id");
        if (!x.rank)
            return -1;
        sqlite3_bind_int64(x.rank, 1, rank_site_id);
        sqlite3_bind_int64(x.rank, 2, (long long)since);
    }
    sqlite3_stmt *s = store_stmt(
        st, "SELECT c.keyword_id, c.id, c.checked_at, c.status, c.depth, c.approx, c.features"
            " FROM keyword k JOIN \"check\" c INDEXED BY check_kw_hist ON c.keyword_id = k.id"
            " WHERE k.site_id = ?1 AND c.checked_at >= ?2 ORDER BY k.id, c.checked_at");
    if (!s) {
        if (x.rank)
            sqlite3_reset(x.rank);
        return -1;
    }
    sqlite3_bind_int64(s, 1, owner_id);
    sqlite3_bind_int64(s, 2, (long long)since);
    int rc = x.rank ? hscan_rank_step(&x) : 0, step = SQLITE_DONE;
    long long latest_id = 0;
    while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
        long long kid = sqlite3_column_int64(s, 0);
        if (x.kh.n && kid != x.kh.keyword_id && (rc = hscan_flush(&x, fn, arg)) != 0)
            break;
        x.kh.keyword_id = kid;
        GROW(x.kh.h, x.cap, x.kh.n + 1);
        GROW(x.ids, x.cap_ids, x.kh.n + 1);
        struct store_history *h = &x.kh.h[x.kh.n];
        memset(h, 0, sizeof *h);
        x.ids[x.kh.n] = sqlite3_column_int64(s, 1);
        h->checked_at = (time_t)sqlite3_column_int64(s, 2);
        h->status = (enum model_status)sqlite3_column_int(s, 3);
        h->depth = sqlite3_column_int(s, 4);
        h->approx = sqlite3_column_int(s, 5);
        h->position = MODEL_NONE;
        /* the index has no room for reasons; only failed checks have one */
        if (h->status != MODEL_OK)
            h->reason = store_text_by_id(st, "SELECT reason FROM \"check\" WHERE id = ?1",
                                         x.ids[x.kh.n]);
        /* the latest check's flags, the latest as store_serp_get picks
         * it: latest time, then highest id (rows of one second come in
         * index order, not id order) */
        if (x.kh.n == 0 || h->checked_at > x.kh.h[x.kh.n - 1].checked_at ||
            x.ids[x.kh.n] > latest_id) {
            x.kh.features = (unsigned)sqlite3_column_int64(s, 6);
            latest_id = x.ids[x.kh.n];
        }
        x.kh.n++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = store_err(st, "cannot read history");
    if (rc == 0 && x.kh.n)
        rc = hscan_flush(&x, fn, arg);
    sqlite3_reset(s);
    if (x.rank)
        sqlite3_reset(x.rank);
    for (size_t k = 0; k < x.kh.n; k++) {
        free(x.kh.h[k].reason);
        free(x.kh.h[k].url);
    }
    free(x.kh.h);
    free(x.ids);
    for (size_t k = 0; k < 256; k++)
        free(x.url[k]);
    return rc;
}

/* --- a domain across keywords ---------------------------------------------- */

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int store_domain_positions(store *st, const char *domain, time_t since,
                           void (*fn)(long long keyword_id, time_t checked_at, int position,
                                      void *arg),
                           void *arg)
{
    char *dom = domain ? url_domain(domain) : NULL;
    if (!dom)
        return store_fail(st, STORE_ERR_INVALID, "store: '%s' is not a domain name",
                          domain ? domain : "");
    util_lower(dom);
    /* A tracked site (ours or a competitor) has rank rows: one range read. */
    long long site_id = store_site_id(st, dom);
    if (site_id > 0) {
        free(dom);
        sqlite3_stmt *s = store_stmt(
            st, "SELECT keyword_id, checked_at, position FROM rank WHERE site_id = ?1"
                " AND checked_at >= ?2 AND position IS NOT NULL");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, site_id);
        sqlite3_bind_int64(s, 2, (long long)since);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            fn(sqlite3_column_int64(s, 0), (time_t)sqlite3_column_int64(s, 1),
               sqlite3_column_int(s, 2), arg);
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read ranks");
    }
    /* Otherwise the domain index, kept from the same result lists. */
    int rc = store_dom_positions(st, dom, since, fn, arg);
    free(dom);
    return rc;
}

/* The reference the domain index is compared with (tests, bench): every
 * stored result list unpacked. */
int store_domain_positions_scan(store *st, const char *domain, time_t since,
                                void (*fn)(long long keyword_id, time_t checked_at, int position,
                                           void *arg),
                                void *arg)
{
    char *dom = domain ? url_domain(domain) : NULL;
    if (!dom)
        return store_fail(st, STORE_ERR_INVALID, "store: '%s' is not a domain name",
                          domain ? domain : "");
    util_lower(dom);
    /* the entries on that domain, sorted for bsearch while unpacking
     * every result list */
    sqlite3_stmt *s = store_stmt(st, "SELECT e.id FROM entry e JOIN url u ON u.id = e.url_id"
                                     " JOIN str d ON d.id = u.domain_id WHERE d.s = ?1"
                                     " ORDER BY e.id");
    if (!s) {
        free(dom);
        return -1;
    }
    store_bind_text(s, 1, dom);
    free(dom);
    long long *ent = NULL;
    size_t ne = 0, cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        GROW(ent, cap, ne + 1);
        ent[ne++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (ne == 0)
        return 0;
    s = store_stmt(st, "SELECT c.keyword_id, c.checked_at, r.organic FROM \"check\" c"
                       " JOIN result r ON r.check_id = c.id"
                       " WHERE c.status = 0 AND c.checked_at >= ?1 ORDER BY c.checked_at, c.id");
    if (!s) {
        free(ent);
        return -1;
    }
    sqlite3_bind_int64(s, 1, (long long)since);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *q = sqlite3_column_blob(s, 2);
        const unsigned char *end = q + sqlite3_column_bytes(s, 2);
        int best = MODEL_NONE;
        unsigned long long pos, e;
        while (q && q < end && store_varint_get(&q, end, &pos) == 0 &&
               store_varint_get(&q, end, &e) == 0) {
            long long key = (long long)e;
            if (bsearch(&key, ent, ne, sizeof *ent, cmp_ll) &&
                (best == MODEL_NONE || (int)pos < best))
                best = (int)pos;
        }
        if (best != MODEL_NONE)
            fn(sqlite3_column_int64(s, 0), (time_t)sqlite3_column_int64(s, 1), best, arg);
    }
    sqlite3_reset(s);
    free(ent);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read results");
}
