/* rank.c - the read side of rank history: the latest position per keyword
 * and site with its changes (rank), one keyword over time (history), and a
 * domain's positions across all keywords (competitor views). */
#include "store_int.h"
#include "url.h"

/* "7 days before" tolerates an hour, so a daily check at 06:00:05 a week
 * after one at 06:00:00 still compares with it rather than a day earlier. */
#define DAY_SLACK 3600

struct pair {
    long long kw_id, site_id;
    int competitor;
};

static void rank_release(struct store_rank *r)
{
    free(r->query);
    free(r->location);
    free(r->device);
    free(r->tags);
    free(r->site);
    free(r->reason);
    free(r->url);
}

void store_rank_free_list(struct store_rank *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rank_release(&v[i]);
    free(v);
}

static char *url_of(store *st, long long id)
{
    return store_text_by_id(st, "SELECT url FROM url WHERE id = ?1", id);
}

static int diff(int prev, int cur)
{
    return prev == STORE_NONE || cur == STORE_NONE ? STORE_NONE : prev - cur;
}

/* Position at the last ok check at or before `before` (the latest when
 * before is 0); 1 when there is one. */
static int rank_at(store *st, long long kw, long long site_id, time_t before, int skip,
                   time_t *at, int *pos, long long *url_id, int *local, long long *check_id)
{
    sqlite3_stmt *s = store_stmt(
        st, "SELECT checked_at, position, url_id, local, check_id FROM rank"
            " WHERE site_id = ?1 AND keyword_id = ?2 AND checked_at <= ?3"
            " ORDER BY checked_at DESC, check_id DESC LIMIT 1 OFFSET ?4");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, site_id);
    sqlite3_bind_int64(s, 2, kw);
    sqlite3_bind_int64(s, 3, before ? (long long)before : (1LL << 62));
    sqlite3_bind_int(s, 4, skip);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *at = (time_t)sqlite3_column_int64(s, 0);
        *pos = (int)store_col_int(s, 1, STORE_NONE);
        if (url_id)
            *url_id = store_col_int(s, 2, 0);
        if (local)
            *local = sqlite3_column_int(s, 3);
        if (check_id)
            *check_id = sqlite3_column_int64(s, 4);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read ranks");
    return rc == SQLITE_ROW;
}

/* Fills the position fields of r by index seeks (latest, previous, a week
 * and a month before, best, first top-10 day), so the cost does not grow
 * with years of history. */
static int fill_positions(store *st, struct store_rank *r, long long site_id)
{
    time_t latest = 0, at = 0;
    long long url_id = 0, check_id = 0;
    int pos = STORE_NONE, found;
    found = rank_at(st, r->keyword_id, site_id, 0, 0, &latest, &r->position, &url_id,
                    &r->in_local_pack, &check_id);
    if (found <= 0)
        return found;
    if ((found = rank_at(st, r->keyword_id, site_id, 0, 1, &at, &pos, NULL, NULL, NULL)) < 0)
        return -1;
    if (found)
        r->change_1d = diff(pos, r->position);
    if ((found = rank_at(st, r->keyword_id, site_id, latest - 7 * 86400 + DAY_SLACK, 0, &at,
                         &pos, NULL, NULL, NULL)) < 0)
        return -1;
    if (found)
        r->change_7d = diff(pos, r->position);
    if ((found = rank_at(st, r->keyword_id, site_id, latest - 30 * 86400 + DAY_SLACK, 0, &at,
                         &pos, NULL, NULL, NULL)) < 0)
        return -1;
    if (found)
        r->change_30d = diff(pos, r->position);

    sqlite3_stmt *s = store_stmt(st, "SELECT min(position) FROM rank"
                                     " WHERE site_id = ?1 AND keyword_id = ?2");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, site_id);
    sqlite3_bind_int64(s, 2, r->keyword_id);
    if (sqlite3_step(s) == SQLITE_ROW)
        r->best = (int)store_col_int(s, 0, STORE_NONE);
    sqlite3_reset(s);
    /* first day in the top 10: the earliest of the first day at each of
     * positions 1..10, each an index seek */
    for (int p = r->best; r->best != STORE_NONE && p >= 1 && p <= 10; p++) {
        s = store_stmt(st, "SELECT min(checked_at) FROM rank"
                           " WHERE site_id = ?1 AND keyword_id = ?2 AND position = ?3");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, site_id);
        sqlite3_bind_int64(s, 2, r->keyword_id);
        sqlite3_bind_int(s, 3, p);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
            time_t t = (time_t)sqlite3_column_int64(s, 0);
            if (!r->first_top10 || t < r->first_top10)
                r->first_top10 = t;
        }
        sqlite3_reset(s);
    }
    s = store_stmt(st, "SELECT depth, approx FROM \"check\" WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        r->depth = sqlite3_column_int(s, 0);
        r->approx = sqlite3_column_int(s, 1);
    }
    sqlite3_reset(s);
    r->url = url_of(st, url_id);
    return 0;
}

int store_rank_list(store *st, const struct store_rank_filter *f, struct store_rank **out,
                    size_t *n)
{
    *out = NULL;
    *n = 0;
    long long only_site = 0;
    int only_competitor = 0;
    if (f && f->site) {
        struct store_site site;
        if (store_site_get(st, f->site, &site) != 1)
            return error("rank: site '%s' is not tracked", f->site);
        only_site = site.id;
        only_competitor = site.competitor;
        store_site_release(&site);
    }
    int with_comp = f && (f->competitors || only_competitor);
    /* (keyword, site) pairs: each keyword with its own site (or none), then
     * with every competitor site when asked. */
    sqlite3_stmt *s = store_stmt(
        st, "SELECT k.id, ifnull(k.site_id, 0), 0 AS comp FROM keyword k"
            " WHERE (?1 IS NULL OR instr(',' || k.tags || ',', ',' || ?1 || ',') > 0)"
            " AND (?2 = 0 OR k.site_id = ?2)"
            " UNION ALL SELECT k.id, s.id, 1 FROM keyword k JOIN site s ON s.competitor = 1"
            " AND s.id IS NOT ifnull(k.site_id, 0)"
            " WHERE ?3 AND (?1 IS NULL OR instr(',' || k.tags || ',', ',' || ?1 || ',') > 0)"
            " AND (?2 = 0 OR s.id = ?2)"
            " ORDER BY 1, 3, 2");
    if (!s)
        return -1;
    store_bind_text(s, 1, f ? f->tag : NULL);
    sqlite3_bind_int64(s, 2, only_site);
    sqlite3_bind_int(s, 3, with_comp);
    struct pair *pairs = NULL;
    size_t np = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(pairs, cap, np + 1);
        pairs[np].kw_id = sqlite3_column_int64(s, 0);
        pairs[np].site_id = sqlite3_column_int64(s, 1);
        pairs[np].competitor = sqlite3_column_int(s, 2);
        np++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(pairs);
        return store_err(st, "cannot list ranks");
    }

    struct store_rank *v = np ? xcalloc(np, sizeof *v) : NULL;
    size_t nv = 0;
    for (size_t i = 0; i < np; i++) {
        struct store_rank *r = &v[nv];
        memset(r, 0, sizeof *r);
        r->keyword_id = pairs[i].kw_id;
        r->position = r->change_1d = r->change_7d = r->change_30d = r->best = STORE_NONE;
        s = store_stmt(
            st, "SELECT k.query, k.location, k.device, k.tags, k.engine, s.domain,"
                " s.competitor, k.depth FROM keyword k LEFT JOIN site s ON s.id = ?2"
                " WHERE k.id = ?1");
        if (!s)
            goto fail;
        sqlite3_bind_int64(s, 1, r->keyword_id);
        sqlite3_bind_int64(s, 2, pairs[i].site_id);
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_reset(s);
            continue;
        }
        r->query = store_col_text(s, 0);
        r->location = store_col_text(s, 1);
        r->device = store_col_text(s, 2);
        r->tags = store_col_text(s, 3);
        r->engine = store_engine_parse((const char *)sqlite3_column_text(s, 4));
        r->site = store_col_text(s, 5);
        r->competitor = pairs[i].competitor || sqlite3_column_int(s, 6);
        r->depth = sqlite3_column_int(s, 7);
        sqlite3_reset(s);
        nv++;

        /* status and time of the latest check, whatever its outcome; pairs
         * come grouped by keyword, so the previous row may already know */
        if (nv > 1 && v[nv - 2].keyword_id == r->keyword_id) {
            r->status = v[nv - 2].status;
            r->reason = xstrdup(v[nv - 2].reason);
            r->checked_at = v[nv - 2].checked_at;
        } else {
            s = store_stmt(st, "SELECT status, reason, checked_at FROM \"check\" WHERE"
                               " keyword_id = ?1 ORDER BY checked_at DESC, id DESC LIMIT 1");
            if (!s)
                goto fail;
            sqlite3_bind_int64(s, 1, r->keyword_id);
            if (sqlite3_step(s) == SQLITE_ROW) {
                r->status = (enum store_status)sqlite3_column_int(s, 0);
                r->reason = r->status == STORE_OK ? NULL : store_col_text(s, 1);
                r->checked_at = (time_t)sqlite3_column_int64(s, 2);
            }
            sqlite3_reset(s);
        }
        if (pairs[i].site_id && fill_positions(st, r, pairs[i].site_id) != 0)
            goto fail;
    }
    free(pairs);
    *out = v;
    *n = nv;
    return 0;
fail:
    free(pairs);
    store_rank_free_list(v, nv);
    return -1;
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

int store_history_list(store *st, long long keyword_id, const char *site, time_t since,
                       struct store_history **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    long long site_id;
    if (site) {
        site_id = store_site_id(st, site);
        if (site_id <= 0)
            return error("history: site '%s' is not tracked", site);
    } else {
        struct store_keyword k;
        int found = store_kw_get(st, keyword_id, &k);
        store_keyword_release(&k);
        if (found != 1)
            return found < 0 ? -1 : error("history: no keyword with id %lld", keyword_id);
        sqlite3_stmt *s = store_stmt(st, "SELECT ifnull(site_id, 0) FROM keyword WHERE id = ?1");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, keyword_id);
        site_id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        sqlite3_reset(s);
    }
    /* The checks from the covering index, then the site's rank rows (one
     * contiguous range), merged: both are ordered by (time, check id). */
    sqlite3_stmt *s = store_stmt(
        st, "SELECT id, checked_at, status, depth, approx FROM \"check\""
            " WHERE keyword_id = ?1 AND checked_at >= ?2 ORDER BY checked_at, id");
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
        h->status = (enum store_status)sqlite3_column_int(s, 2);
        h->depth = sqlite3_column_int(s, 3);
        h->approx = sqlite3_column_int(s, 4);
        h->position = STORE_NONE;
        (*n)++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        goto fail;
    if (site_id > 0 && *n > 0) {
        s = store_stmt(st, "SELECT check_id, position, url_id FROM rank WHERE site_id = ?1"
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
            h->position = (int)store_col_int(s, 1, STORE_NONE);
            long long uid = store_col_int(s, 2, 0);
            if (uid && uid != last_url) {
                free(last);
                last = url_of(st, uid);
                last_url = uid;
            }
            h->url = uid ? xstrdup(last) : NULL;
        }
        free(last);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            goto fail;
    }
    /* reasons: only failed checks have one */
    for (size_t i = 0; i < *n; i++) {
        if ((*out)[i].status == STORE_OK)
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
        return error("store: '%s' is not a domain name", domain ? domain : "");
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
    /* Otherwise the entries on that domain, sorted for bsearch while
     * unpacking every result list. */
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
        int best = STORE_NONE;
        unsigned long long pos, e;
        while (q && q < end && store_varint_get(&q, end, &pos) == 0 &&
               store_varint_get(&q, end, &e) == 0) {
            long long key = (long long)e;
            if (bsearch(&key, ent, ne, sizeof *ent, cmp_ll) &&
                (best == STORE_NONE || (int)pos < best))
                best = (int)pos;
        }
        if (best != STORE_NONE)
            fn(sqlite3_column_int64(s, 0), (time_t)sqlite3_column_int64(s, 1), best, arg);
    }
    sqlite3_reset(s);
    free(ent);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read results");
}
