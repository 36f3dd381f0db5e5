/* domain_index.c - the positions of any domain, tracked or not, without
 * reading every stored result (issue 13 #2: a year over 1,000 keywords in
 * <= 50 ms, the whole store still <= 10 bytes per stored result).
 *
 * Time is cut in periods of 2^23 s (97 days). For each keyword and period,
 * one dom_kw row: `times`, the times of its ok checks (varint deltas,
 * ordered by time then id), and `data`, one section per domain seen on
 * its pages in the period (varint domain id, varint length, the packed
 * entries). An entry is a check where the domain is on the page: the
 * check's ordinal in `times` and the domain's best organic position. The
 * entries are packed in 4-bit nibbles, low nibble first: 0..12 is the next
 * check with the position moved by -6..+6 since the domain's previous
 * entry (one nibble on most days: rankings drift); 13 is followed by the
 * checks skipped and the zigzagged position change as nibble varints (3
 * bits a nibble, the high bit for more); 14 pads the last byte. dom_post
 * lists, for each domain, the keywords and periods that have a section
 * for it, so a query reads only those rows.
 *
 * Storing a check in time order rewrites its keyword's period row once
 * (one row per check, not one per result) and adds a dom_post row only for
 * a domain new in that period; anything else (a check deleted, reparsed or
 * stored out of order) marks the keyword's period dirty and it is rebuilt
 * from the stored result lists, which stay the truth. state.domain_index =
 * 0 means the index is to be built (a database from before migration 7);
 * until it is clean, readers that cannot write fall back to the scan. */
#include "domain_pack.h"
#include "url.h"

#define PERIOD_BITS 23

/* --- entry -> domain, cached (a day repeats yesterday's entries) ---------- */

struct dom_slot {
    long long entry, domain;
};
#define DCACHE_SLOTS (1u << 18)

struct store_dom {
    struct dom_slot *v;
    size_t n;
};

void store_dom_cache_clear(store *st)
{
    if (st->dom) {
        free(st->dom->v);
        free(st->dom);
        st->dom = NULL;
    }
}

/* The interned domain (str id) of an entry's URL; 0 when none, -1 on error. */
static long long entry_domain(store *st, long long entry)
{
    if (!st->dom) {
        st->dom = xcalloc(1, sizeof *st->dom);
        st->dom->v = xcalloc(DCACHE_SLOTS, sizeof *st->dom->v);
    }
    struct store_dom *c = st->dom;
    size_t i = (size_t)((unsigned long long)entry * 0x9E3779B97F4A7C15ULL >> 46) &
               (DCACHE_SLOTS - 1);
    while (c->v[i].entry) {
        if (c->v[i].entry == entry)
            return c->v[i].domain;
        i = (i + 1) & (DCACHE_SLOTS - 1);
    }
    /* a result without a host has the empty domain: nobody asks for it */
    sqlite3_stmt *s = store_stmt(st, "SELECT CASE WHEN d.s = '' THEN 0 ELSE u.domain_id END"
                                     " FROM entry e JOIN url u ON u.id = e.url_id"
                                     " JOIN str d ON d.id = u.domain_id WHERE e.id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, entry);
    int rc = sqlite3_step(s);
    long long d = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read results");
    if (c->n + 1 > DCACHE_SLOTS / 10 * 7) {
        memset(c->v, 0, DCACHE_SLOTS * sizeof *c->v);
        c->n = 0;
        i = (size_t)((unsigned long long)entry * 0x9E3779B97F4A7C15ULL >> 46) &
            (DCACHE_SLOTS - 1);
    }
    c->v[i].entry = entry;
    c->v[i].domain = d;
    c->n++;
    return d;
}

/* (domain, best position) of one organic list, one per domain. */
struct dpos {
    long long domain;
    int pos;
};

static int by_domain(const void *a, const void *b)
{
    const struct dpos *x = a, *y = b;
    if (x->domain != y->domain)
        return (x->domain > y->domain) - (x->domain < y->domain);
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static int page_domains(store *st, const unsigned char *q, int nq, struct dpos **out, size_t *n)
{
    const unsigned char *end = q + (q ? nq : 0);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    unsigned long long pos, e;
    while (q && q < end) {
        if (store_varint_get(&q, end, &pos) != 0 || store_varint_get(&q, end, &e) != 0)
            return store_fail(st, STORE_ERR_CORRUPT, "store: damaged result list");
        long long d = entry_domain(st, (long long)e);
        if (d < 0)
            return -1;
        if (d == 0)
            continue;
        GROW(*out, cap, *n + 1);
        (*out)[(*n)++] = (struct dpos){d, (int)pos};
    }
    if (*n > 1)
        qsort(*out, *n, sizeof **out, by_domain);
    /* keep the first (best) of each domain */
    size_t m = 0;
    for (size_t i = 0; i < *n; i++)
        if (m == 0 || (*out)[m - 1].domain != (*out)[i].domain)
            (*out)[m++] = (*out)[i];
    *n = m;
    return 0;
}

/* state.domain_index: 1 built, 0 to build; -1 on error. */
static int index_built(store *st)
{
    sqlite3_stmt *s = store_stmt(st, "SELECT value FROM state WHERE key = 'domain_index'");
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    int v = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read state");
    return v;
}

static int mark_dirty(store *st, long long kw, long long period)
{
    sqlite3_stmt *s =
        store_stmt(st, "INSERT OR IGNORE INTO dom_dirty(keyword_id, period) VALUES (?1, ?2)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    return store_step_done(st, s, "cannot mark the domain index");
}

int store_dom_touch(store *st, long long keyword_id, time_t at)
{
    return mark_dirty(st, keyword_id, (long long)at >> PERIOD_BITS);
}

static int damaged(store *st)
{
    return store_fail(st, STORE_ERR_CORRUPT, "store: damaged domain index");
}

static int post_add(store *st, long long dom, long long kw, long long period)
{
    sqlite3_stmt *s = store_stmt(st, "INSERT OR IGNORE INTO dom_post(domain_id, keyword_id, period)"
                                     " VALUES (?1, ?2, ?3)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, dom);
    sqlite3_bind_int64(s, 2, kw);
    sqlite3_bind_int64(s, 3, period);
    return store_step_done(st, s, "cannot store the domain index");
}

/* Adds one check's domains (ordinal ord) to k; new domains get a dom_post
 * row when post is set. 0 or -1. */
static int kwp_add_page(store *st, struct kwp *k, const struct dpos *dp, size_t nd, long long ord,
                        long long kw, long long period, int post)
{
    for (size_t j = 0; j < nd; j++) {
        int added;
        struct sect *w = store_dom_kwp_get(k, dp[j].domain, &added);
        if (store_dom_sect_load(w) != 0)
            return damaged(st);
        if (added && post && post_add(st, dp[j].domain, kw, period) != 0)
            return -1;
        store_dom_put_entry(w, ord, dp[j].pos);
    }
    return 0;
}

static int row_put(store *st, long long kw, long long period, const strbuf *times,
                   const strbuf *data)
{
    sqlite3_stmt *s = store_stmt(st, "INSERT OR REPLACE INTO dom_kw(keyword_id, period, times, data)"
                                     " VALUES (?1, ?2, ?3, ?4)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    sqlite3_bind_blob(s, 3, times->buf ? times->buf : "", (int)times->len, SQLITE_STATIC);
    sqlite3_bind_blob(s, 4, data->buf ? data->buf : "", (int)data->len, SQLITE_STATIC);
    return store_step_done(st, s, "cannot store the domain index");
}

/* --- rebuilding a keyword's period from the result lists -------------------- */

static int rebuild(store *st, long long kw, long long period)
{
    /* the domains it had, whose dom_post rows go unless still there */
    sqlite3_stmt *s = store_stmt(st, "SELECT data FROM dom_kw WHERE keyword_id = ?1 AND period = ?2");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    strbuf old = STRBUF_INIT;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) > 0)
        sb_add(&old, sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0));
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sb_release(&old);
        return store_err(st, "cannot read the domain index");
    }
    /* the ok checks of the period, their lists copied: page_domains runs
     * other statements */
    s = store_stmt(st, "SELECT c.checked_at, r.organic FROM \"check\" c JOIN result r"
                       " ON r.check_id = c.id WHERE c.keyword_id = ?1 AND c.status = 0"
                       " AND c.checked_at >= ?2 AND c.checked_at < ?3"
                       " ORDER BY c.checked_at, c.id");
    if (!s) {
        sb_release(&old);
        return -1;
    }
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period << PERIOD_BITS);
    sqlite3_bind_int64(s, 3, (period + 1) << PERIOD_BITS);
    strbuf lists = STRBUF_INIT, times = STRBUF_INIT, data = STRBUF_INIT;
    size_t *off = NULL, cap_off = 0, nchk = 0;
    long long prev = period << PERIOD_BITS;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long at = sqlite3_column_int64(s, 0);
        store_varint_put(&times, (unsigned long long)(at - prev));
        prev = at;
        GROW(off, cap_off, nchk + 2);
        off[nchk] = lists.len;
        int nb = sqlite3_column_bytes(s, 1);
        if (nb > 0)
            sb_add(&lists, sqlite3_column_blob(s, 1), (size_t)nb);
        off[++nchk] = lists.len;
    }
    sqlite3_reset(s);
    int ret = -1;
    struct kwp k, ko;
    store_dom_kwp_init(&k);
    store_dom_kwp_init(&ko);
    if (rc != SQLITE_DONE) {
        store_err(st, "cannot read results");
        goto out;
    }
    for (size_t c = 0; c < nchk; c++) {
        struct dpos *dp;
        size_t nd;
        if (page_domains(st, (const unsigned char *)lists.buf + off[c], (int)(off[c + 1] - off[c]),
                         &dp, &nd) != 0)
            goto out;
        int prc = kwp_add_page(st, &k, dp, nd, (long long)c, kw, period, 0);
        free(dp);
        if (prc != 0)
            goto out;
    }
    if (store_dom_kwp_read(&ko, (const unsigned char *)old.buf, old.len) != 0) {
        damaged(st);
        goto out;
    }
    for (size_t i = 0; i < ko.norder; i++) { /* gone from the period */
        long long d = ko.v[ko.order[i]].domain;
        size_t h = store_dom_hash(d, k.cap);
        while (k.v[h].domain && k.v[h].domain != d)
            h = (h + 1) & (k.cap - 1);
        if (k.v[h].domain)
            continue;
        s = store_stmt(st, "DELETE FROM dom_post WHERE domain_id = ?1 AND keyword_id = ?2"
                           " AND period = ?3");
        if (!s)
            goto out;
        sqlite3_bind_int64(s, 1, d);
        sqlite3_bind_int64(s, 2, kw);
        sqlite3_bind_int64(s, 3, period);
        if (store_step_done(st, s, "cannot rebuild the domain index") != 0)
            goto out;
    }
    for (size_t i = 0; i < k.norder; i++)
        if (post_add(st, k.v[k.order[i]].domain, kw, period) != 0)
            goto out;
    if (nchk > 0) {
        store_dom_kwp_write(&k, &data);
        if (row_put(st, kw, period, &times, &data) != 0)
            goto out;
    } else {
        s = store_stmt(st, "DELETE FROM dom_kw WHERE keyword_id = ?1 AND period = ?2");
        if (!s)
            goto out;
        sqlite3_bind_int64(s, 1, kw);
        sqlite3_bind_int64(s, 2, period);
        if (store_step_done(st, s, "cannot rebuild the domain index") != 0)
            goto out;
    }
    ret = 0;
out:
    store_dom_kwp_free(&k);
    store_dom_kwp_free(&ko);
    free(off);
    sb_release(&lists);
    sb_release(&times);
    sb_release(&data);
    sb_release(&old);
    return ret;
}

/* Rebuilds the dirty periods, or everything when the index is not built.
 * In one transaction; 0 or -1. */
static int sync_index(store *st)
{
    int built = index_built(st);
    if (built < 0)
        return -1;
    if (store_begin(st) != 0)
        return -1;
    if (!built) {
        if (store_exec(st, "DELETE FROM dom_kw; DELETE FROM dom_post; DELETE FROM dom_dirty;"
                           "INSERT OR IGNORE INTO dom_dirty(keyword_id, period)"
                           " SELECT DISTINCT keyword_id, checked_at >> 23 FROM \"check\""
                           " WHERE status = 0") != 0)
            goto fail;
    }
    for (;;) {
        sqlite3_stmt *s = store_stmt(st, "SELECT keyword_id, period FROM dom_dirty LIMIT 1");
        if (!s)
            goto fail;
        int rc = sqlite3_step(s);
        long long kw = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        long long period = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
        sqlite3_reset(s);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW) {
            store_err(st, "cannot read the domain index");
            goto fail;
        }
        if (rebuild(st, kw, period) != 0)
            goto fail;
        s = store_stmt(st, "DELETE FROM dom_dirty WHERE keyword_id = ?1 AND period = ?2");
        if (!s)
            goto fail;
        sqlite3_bind_int64(s, 1, kw);
        sqlite3_bind_int64(s, 2, period);
        if (store_step_done(st, s, "cannot update the domain index") != 0)
            goto fail;
    }
    if (store_exec(st, "INSERT OR REPLACE INTO state(key, value) VALUES ('domain_index', 1)") != 0)
        goto fail;
    return store_commit(st);
fail:
    store_rollback(st);
    return -1;
}

/* 1 when the index is complete (nothing to build or rebuild), 0, -1. */
static int index_clean(store *st)
{
    int built = index_built(st);
    if (built <= 0)
        return built;
    sqlite3_stmt *s = store_stmt(st, "SELECT 1 FROM dom_dirty LIMIT 1");
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read the domain index");
    return rc == SQLITE_DONE;
}

int store_dom_sync(store *st)
{
    int clean = index_clean(st);
    if (clean != 0)
        return clean < 0 ? -1 : 0;
    return sync_index(st);
}

/* --- a check stored ----------------------------------------------------------- */

int store_dom_add(store *st, long long check_id, long long kw, time_t at)
{
    int built = index_built(st);
    if (built <= 0)
        return built; /* built from scratch later */
    long long period = (long long)at >> PERIOD_BITS;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT k.times, k.data, EXISTS (SELECT 1 FROM dom_dirty d WHERE d.keyword_id = ?1"
            " AND d.period = ?2) FROM (SELECT 1) LEFT JOIN dom_kw k ON k.keyword_id = ?1"
            " AND k.period = ?2");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store_err(st, "cannot read the domain index");
    }
    strbuf times = STRBUF_INIT, data = STRBUF_INIT, out = STRBUF_INIT;
    int nb = sqlite3_column_bytes(s, 0);
    if (nb > 0)
        sb_add(&times, sqlite3_column_blob(s, 0), (size_t)nb);
    nb = sqlite3_column_bytes(s, 1);
    if (nb > 0)
        sb_add(&data, sqlite3_column_blob(s, 1), (size_t)nb);
    int dirty = sqlite3_column_int(s, 2);
    sqlite3_reset(s);
    int rc = -1;
    struct dpos *dp = NULL;
    size_t nd = 0;
    struct kwp k;
    store_dom_kwp_init(&k);
    if (dirty) { /* rebuilt as a whole later */
        rc = 0;
        goto out;
    }
    long long last = period << PERIOD_BITS, n = 0;
    const unsigned char *q = (const unsigned char *)times.buf, *end = q + times.len;
    unsigned long long d;
    while (q && q < end && store_varint_get(&q, end, &d) == 0) {
        last += (long long)d;
        n++;
    }
    if ((long long)at < last) { /* stored out of time order */
        rc = mark_dirty(st, kw, period);
        goto out;
    }
    store_varint_put(&times, (unsigned long long)((long long)at - last));
    s = store_stmt(st, "SELECT organic FROM result WHERE check_id = ?1");
    if (!s)
        goto out;
    sqlite3_bind_int64(s, 1, check_id);
    strbuf org = STRBUF_INIT;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) > 0)
        sb_add(&org, sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0));
    sqlite3_reset(s);
    int prc = page_domains(st, (const unsigned char *)org.buf, (int)org.len, &dp, &nd);
    sb_release(&org);
    if (prc == 0 && store_dom_kwp_read(&k, (const unsigned char *)data.buf, data.len) != 0)
        prc = damaged(st);
    if (prc != 0 || kwp_add_page(st, &k, dp, nd, n, kw, period, 1) != 0)
        goto out;
    store_dom_kwp_write(&k, &out);
    rc = row_put(st, kw, period, &times, &out);
out:
    store_dom_kwp_free(&k);
    free(dp);
    sb_release(&times);
    sb_release(&data);
    sb_release(&out);
    return rc;
}

/* --- reading ---------------------------------------------------------------- */

int store_dom_positions(store *st, const char *dom, time_t since,
                        void (*fn)(long long keyword_id, time_t checked_at, int position,
                                   void *arg),
                        void *arg)
{
    int clean = index_clean(st);
    if (clean < 0)
        return -1;
    if (!clean && !st->readonly && st->tx_depth == 0 && st->read_depth == 0) {
        if (sync_index(st) != 0)
            return -1;
        clean = 1;
    }
    if (!clean) /* a reader that cannot build it: the stored lists */
        return store_domain_positions_scan(st, dom, since, fn, arg);
    sqlite3_stmt *s = store_stmt(st, "SELECT id FROM str WHERE s = ?1");
    if (!s)
        return -1;
    store_bind_text(s, 1, dom);
    long long did = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (did <= 0)
        return 0;
    if (store_begin_read(st) != 0)
        return -1;
    s = store_stmt(st, "SELECT k.keyword_id, k.period, k.times, k.data FROM dom_post p"
                       " JOIN dom_kw k ON k.keyword_id = p.keyword_id AND k.period = p.period"
                       " WHERE p.domain_id = ?1 AND p.period >= ?2");
    if (!s) {
        store_end_read(st);
        return -1;
    }
    sqlite3_bind_int64(s, 1, did);
    sqlite3_bind_int64(s, 2, (long long)since >> PERIOD_BITS);
    long long *tv = NULL;
    size_t cap = 0;
    int rc, bad = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long kw = sqlite3_column_int64(s, 0), period = sqlite3_column_int64(s, 1);
        /* the domain's section */
        const unsigned char *q = sqlite3_column_blob(s, 3);
        const unsigned char *end = q + sqlite3_column_bytes(s, 3);
        const unsigned char *sec = NULL;
        unsigned long long d = 0, len = 0;
        while (q && q < end) {
            if (store_varint_get(&q, end, &d) != 0 || store_varint_get(&q, end, &len) != 0 ||
                len > (unsigned long long)(end - q)) {
                bad = 1;
                break;
            }
            if ((long long)d == did) {
                sec = q;
                break;
            }
            q += len;
        }
        if (!sec)
            continue;
        q = sqlite3_column_blob(s, 2);
        end = q + sqlite3_column_bytes(s, 2);
        size_t nt = 0;
        long long t = period << PERIOD_BITS;
        unsigned long long dt;
        while (q && q < end && store_varint_get(&q, end, &dt) == 0) {
            GROW(tv, cap, nt + 1);
            t += (long long)dt;
            tv[nt++] = t;
        }
        struct nibr r = {sec, sec + len, 0};
        long long ord = -1;
        int pos = 0, pad, erc;
        while ((erc = store_dom_get_entry(&r, &ord, &pos, &pad)) == 0) {
            if (ord < 0 || (size_t)ord >= nt) {
                erc = -1;
                break;
            }
            if (tv[ord] >= (long long)since)
                fn(kw, (time_t)tv[ord], pos, arg);
        }
        if (erc < 0)
            bad = 1;
    }
    sqlite3_reset(s);
    store_end_read(st);
    free(tv);
    if (rc != SQLITE_DONE)
        return store_err(st, "cannot read the domain index");
    return bad ? store_fail(st, STORE_ERR_CORRUPT, "store: damaged domain index") : 0;
}
