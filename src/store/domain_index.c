/* domain_index.c - the positions of any domain, tracked or not, without
 * reading every stored result (issue 13 #2: a year over 1,000 keywords in
 * <= 50 ms, at about one byte per stored result).
 *
 * Time is cut in periods of 2^23 s (97 days). For each keyword and period,
 * dom_time holds the times of its ok checks (varint deltas, ordered by
 * time then id); for each domain, keyword and period, dom_pos holds one
 * blob with an entry per check where the domain is on the page: the
 * check's ordinal in dom_time and the domain's best organic position,
 * packed as one varint (gap since the previous ordinal * 128 + position),
 * one byte on most days. A check stored in time order appends; anything
 * else (a check deleted, reparsed or stored out of order) marks the
 * keyword's period dirty and it is rebuilt from the stored result lists,
 * which stay the truth. state.domain_index = 0 means the index is to be
 * built (a database from before migration 7); until it is clean, readers
 * that cannot write fall back to the scan. */
#include "store_int.h"
#include "url.h"

#define PERIOD_BITS 23
#define POS_ESC 127 /* a position >= this is followed by varint(pos - POS_ESC) */

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

/* --- the packed lists ------------------------------------------------------ */

static void put_entry(strbuf *sb, long long gap, int pos)
{
    if (pos < 0)
        pos = 0;
    int low = pos < POS_ESC ? pos : POS_ESC;
    store_varint_put(sb, (unsigned long long)gap * 128 + (unsigned long long)low);
    if (low == POS_ESC)
        store_varint_put(sb, (unsigned long long)(pos - POS_ESC));
}

/* Next entry of a dom_pos blob: ordinal (from *ord, -1 before the first)
 * and position; 0, 1 at the end, -1 when damaged. */
static int get_entry(const unsigned char **q, const unsigned char *end, long long *ord, int *pos)
{
    if (*q >= end)
        return 1;
    unsigned long long v, extra = 0;
    if (store_varint_get(q, end, &v) != 0)
        return -1;
    if ((v & 127) == POS_ESC && store_varint_get(q, end, &extra) != 0)
        return -1;
    *ord += (long long)(v >> 7) + 1;
    *pos = (int)(v & 127) + (int)extra;
    return 0;
}

/* The ordinal of the last entry of a blob, -1 when empty. */
static long long last_ordinal(const unsigned char *q, const unsigned char *end)
{
    long long ord = -1;
    int pos;
    while (get_entry(&q, end, &ord, &pos) == 0)
        ;
    return ord;
}

/* SQL dom_append(data, ordinal, position): data with one entry appended,
 * so storing a check is one statement per domain. */
static void sql_append(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *b = sqlite3_value_blob(argv[0]);
    int nb = sqlite3_value_bytes(argv[0]);
    long long ord = sqlite3_value_int64(argv[1]);
    int pos = sqlite3_value_int(argv[2]);
    long long last = b ? last_ordinal(b, b + nb) : -1;
    strbuf sb = STRBUF_INIT;
    if (b && nb > 0)
        sb_add(&sb, (const char *)b, (size_t)nb);
    put_entry(&sb, ord > last ? ord - last - 1 : 0, pos);
    sqlite3_result_blob(ctx, sb.buf, (int)sb.len, SQLITE_TRANSIENT);
    sb_release(&sb);
}

static int ensure_fn(store *st)
{
    if (st->dom_fn)
        return 0;
    if (sqlite3_create_function(st->db, "dom_append", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                NULL, sql_append, NULL, NULL) != SQLITE_OK)
        return store_err(st, "cannot register dom_append");
    st->dom_fn = 1;
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
            return error("store: damaged result list");
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

/* --- rebuilding a keyword's period from the result lists -------------------- */

struct build_slot {
    long long domain; /* 0 = empty */
    long long last;   /* ordinal of the last entry written */
    strbuf data;
};

static int rebuild(store *st, long long kw, long long period)
{
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM dom_pos WHERE keyword_id = ?1 AND period = ?2");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    if (store_step_done(st, s, "cannot rebuild the domain index") != 0)
        return -1;
    s = store_stmt(st, "DELETE FROM dom_time WHERE keyword_id = ?1 AND period = ?2");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    if (store_step_done(st, s, "cannot rebuild the domain index") != 0)
        return -1;
    /* the ok checks of the period, their lists copied: page_domains runs
     * other statements */
    s = store_stmt(st, "SELECT c.checked_at, r.organic FROM \"check\" c JOIN result r"
                       " ON r.check_id = c.id WHERE c.keyword_id = ?1 AND c.status = 0"
                       " AND c.checked_at >= ?2 AND c.checked_at < ?3"
                       " ORDER BY c.checked_at, c.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period << PERIOD_BITS);
    sqlite3_bind_int64(s, 3, (period + 1) << PERIOD_BITS);
    strbuf lists = STRBUF_INIT, times = STRBUF_INIT;
    size_t *off = NULL, cap_off = 0, nchk = 0;
    long long prev = period << PERIOD_BITS;
    int rc;
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
    size_t cap = 64, used = 0;
    struct build_slot *tab = xcalloc(cap, sizeof *tab);
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
        for (size_t j = 0; j < nd; j++) {
            if ((used + 1) * 2 > cap) { /* grow and rehash */
                size_t ncap = cap * 2;
                struct build_slot *nt = xcalloc(ncap, sizeof *nt);
                for (size_t i = 0; i < cap; i++) {
                    if (!tab[i].domain)
                        continue;
                    size_t h = (size_t)((unsigned long long)tab[i].domain * 0x9E3779B97F4A7C15ULL >> 32) & (ncap - 1);
                    while (nt[h].domain)
                        h = (h + 1) & (ncap - 1);
                    nt[h] = tab[i];
                }
                free(tab);
                tab = nt;
                cap = ncap;
            }
            size_t h = (size_t)((unsigned long long)dp[j].domain * 0x9E3779B97F4A7C15ULL >> 32) & (cap - 1);
            while (tab[h].domain && tab[h].domain != dp[j].domain)
                h = (h + 1) & (cap - 1);
            if (!tab[h].domain) {
                tab[h].domain = dp[j].domain;
                tab[h].last = -1;
                tab[h].data = (strbuf)STRBUF_INIT;
                used++;
            }
            put_entry(&tab[h].data, (long long)c - tab[h].last - 1, dp[j].pos);
            tab[h].last = (long long)c;
        }
        free(dp);
    }
    if (nchk > 0) {
        s = store_stmt(st, "INSERT INTO dom_time(keyword_id, period, times) VALUES (?1, ?2, ?3)");
        if (!s)
            goto out;
        sqlite3_bind_int64(s, 1, kw);
        sqlite3_bind_int64(s, 2, period);
        sqlite3_bind_blob(s, 3, times.buf, (int)times.len, SQLITE_TRANSIENT);
        if (store_step_done(st, s, "cannot store the domain index") != 0)
            goto out;
    }
    for (size_t i = 0; i < cap; i++) {
        if (!tab[i].domain)
            continue;
        s = store_stmt(st, "INSERT INTO dom_pos(domain_id, keyword_id, period, data)"
                           " VALUES (?1, ?2, ?3, ?4)");
        if (!s)
            goto out;
        sqlite3_bind_int64(s, 1, tab[i].domain);
        sqlite3_bind_int64(s, 2, kw);
        sqlite3_bind_int64(s, 3, period);
        sqlite3_bind_blob(s, 4, tab[i].data.buf, (int)tab[i].data.len, SQLITE_TRANSIENT);
        if (store_step_done(st, s, "cannot store the domain index") != 0)
            goto out;
    }
    ret = 0;
out:
    for (size_t i = 0; i < cap; i++)
        if (tab[i].domain)
            sb_release(&tab[i].data);
    free(tab);
    free(off);
    sb_release(&lists);
    sb_release(&times);
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
        if (store_exec(st, "DELETE FROM dom_pos; DELETE FROM dom_time; DELETE FROM dom_dirty;"
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
    sqlite3_stmt *s =
        store_stmt(st, "SELECT (SELECT times FROM dom_time WHERE keyword_id = ?1 AND period = ?2),"
                       " EXISTS (SELECT 1 FROM dom_dirty WHERE keyword_id = ?1 AND period = ?2)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store_err(st, "cannot read the domain index");
    }
    strbuf times = STRBUF_INIT;
    int nb = sqlite3_column_bytes(s, 0);
    if (nb > 0)
        sb_add(&times, sqlite3_column_blob(s, 0), (size_t)nb);
    int dirty = sqlite3_column_int(s, 1);
    sqlite3_reset(s);
    if (dirty) { /* rebuilt as a whole later */
        sb_release(&times);
        return 0;
    }
    long long last = period << PERIOD_BITS, n = 0;
    const unsigned char *q = (const unsigned char *)times.buf, *end = q + times.len;
    unsigned long long d;
    while (q < end && store_varint_get(&q, end, &d) == 0) {
        last += (long long)d;
        n++;
    }
    if ((long long)at < last) { /* stored out of time order */
        sb_release(&times);
        return mark_dirty(st, kw, period);
    }
    store_varint_put(&times, (unsigned long long)((long long)at - last));
    int rc = -1;
    struct dpos *dp = NULL;
    size_t nd = 0;
    s = store_stmt(st, "INSERT OR REPLACE INTO dom_time(keyword_id, period, times)"
                       " VALUES (?1, ?2, ?3)");
    if (!s)
        goto out;
    sqlite3_bind_int64(s, 1, kw);
    sqlite3_bind_int64(s, 2, period);
    sqlite3_bind_blob(s, 3, times.buf, (int)times.len, SQLITE_TRANSIENT);
    if (store_step_done(st, s, "cannot store the domain index") != 0)
        goto out;
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
    if (prc != 0 || ensure_fn(st) != 0)
        goto out;
    for (size_t i = 0; i < nd; i++) {
        s = store_stmt(st, "INSERT INTO dom_pos(domain_id, keyword_id, period, data)"
                           " VALUES (?1, ?2, ?3, dom_append(NULL, ?4, ?5))"
                           " ON CONFLICT DO UPDATE SET data = dom_append(data, ?4, ?5)");
        if (!s)
            goto out;
        sqlite3_bind_int64(s, 1, dp[i].domain);
        sqlite3_bind_int64(s, 2, kw);
        sqlite3_bind_int64(s, 3, period);
        sqlite3_bind_int64(s, 4, n);
        sqlite3_bind_int(s, 5, dp[i].pos);
        if (store_step_done(st, s, "cannot store the domain index") != 0)
            goto out;
    }
    rc = 0;
out:
    free(dp);
    sb_release(&times);
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
    s = store_stmt(st, "SELECT p.keyword_id, p.period, p.data, t.times FROM dom_pos p"
                       " JOIN dom_time t ON t.keyword_id = p.keyword_id AND t.period = p.period"
                       " WHERE p.domain_id = ?1 AND p.period >= ?2");
    if (!s) {
        store_end_read(st);
        return -1;
    }
    sqlite3_bind_int64(s, 1, did);
    sqlite3_bind_int64(s, 2, (long long)since >> PERIOD_BITS);
    long long *tv = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long kw = sqlite3_column_int64(s, 0), period = sqlite3_column_int64(s, 1);
        const unsigned char *q = sqlite3_column_blob(s, 3);
        const unsigned char *end = q + sqlite3_column_bytes(s, 3);
        size_t nt = 0;
        long long t = period << PERIOD_BITS;
        unsigned long long d;
        while (q && q < end && store_varint_get(&q, end, &d) == 0) {
            GROW(tv, cap, nt + 1);
            t += (long long)d;
            tv[nt++] = t;
        }
        q = sqlite3_column_blob(s, 2);
        end = q + sqlite3_column_bytes(s, 2);
        long long ord = -1;
        int pos;
        while (q && get_entry(&q, end, &ord, &pos) == 0) {
            if (ord < 0 || (size_t)ord >= nt)
                break; /* damaged: the scan would be right, say so */
            if (tv[ord] >= (long long)since)
                fn(kw, (time_t)tv[ord], pos, arg);
        }
    }
    sqlite3_reset(s);
    store_end_read(st);
    free(tv);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read the domain index");
}
