/* checks.c - storing a check (the check row, its packed result lists, a
 * rank row per relevant site and the compressed raw page) in one
 * transaction, reading a stored page back, and the raw archive. */
#include <zlib.h>

#include "store_int.h"
#include "model.h"
#include "url.h"

/* Raw pages beyond this are not result pages; refuse to inflate more. */
#define RAW_MAX (64u << 20)

/* --- result lists ---------------------------------------------------------- */

static int pack_results(store *st, const struct serp_page *p, strbuf *org, strbuf *ads,
                        strbuf *loc)
{
    for (size_t i = 0; i < p->n_organic; i++) {
        const struct serp_organic *o = &p->organic[i];
        long long e = store_intern_entry(st, o->url, o->title, o->snippet);
        if (e < 0)
            return -1;
        store_varint_put(org, (unsigned long long)(o->position > 0 ? o->position : 0));
        store_varint_put(org, (unsigned long long)e);
    }
    for (size_t i = 0; i < p->n_ads; i++) {
        const struct serp_ad *a = &p->ads[i];
        long long e = store_intern_entry(st, a->url, a->title, NULL);
        if (e < 0)
            return -1;
        store_varint_put(ads, (unsigned long long)(a->position > 0 ? a->position : 0));
        store_varint_put(ads, (unsigned long long)a->block);
        store_varint_put(ads, (unsigned long long)e);
    }
    /* Local pack, format 1: a header (0, 0, 1) that no older blob starts
     * with (a name's str id is never 0), then six varints an entry: the
     * five of format 0 and the phone's str id (0 = none). */
    if (p->n_local) {
        store_varint_put(loc, 0);
        store_varint_put(loc, 0);
        store_varint_put(loc, 1);
    }
    for (size_t i = 0; i < p->n_local; i++) {
        const struct serp_local *l = &p->local[i];
        long long name = store_intern_str(st, l->name ? l->name : "");
        long long web = store_intern_url(st, l->website);
        long long phone = store_intern_str(st, l->phone);
        if (name < 0 || web < 0 || phone < 0)
            return -1;
        store_varint_put(loc, (unsigned long long)(l->position > 0 ? l->position : 0));
        store_varint_put(loc, (unsigned long long)name);
        store_varint_put(loc, (unsigned long long)web);
        store_varint_put(loc, l->rating >= 0 ? (unsigned long long)(l->rating * 100 + 0.5) + 1
                                             : 0);
        store_varint_put(loc, l->reviews >= 0 ? (unsigned long long)l->reviews + 1 : 0);
        store_varint_put(loc, (unsigned long long)phone);
    }
    return 0;
}

static void bind_blob(sqlite3_stmt *s, int i, const strbuf *sb)
{
    if (sb->len)
        sqlite3_bind_blob(s, i, sb->buf, (int)sb->len, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static int save_results(store *st, long long check_id, const struct serp_page *p)
{
    strbuf org = STRBUF_INIT, ads = STRBUF_INIT, loc = STRBUF_INIT;
    int rc = -1;
    if (pack_results(st, p, &org, &ads, &loc) != 0)
        goto out;
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO result(check_id, organic, ads, local) VALUES (?1, ?2, ?3, ?4)");
    if (!s)
        goto out;
    sqlite3_bind_int64(s, 1, check_id);
    bind_blob(s, 2, &org);
    bind_blob(s, 3, &ads);
    bind_blob(s, 4, &loc);
    rc = store_step_done(st, s, "cannot store results");
out:
    sb_release(&org);
    sb_release(&ads);
    sb_release(&loc);
    return rc;
}

static int save_raw(store *st, long long check_id, const void *raw, size_t len)
{
    if (len > RAW_MAX)
        return store_fail(st, STORE_ERR_INVALID,
                          "store: raw page of %zu bytes is too large to archive", len);
    uLongf clen = compressBound((uLong)len);
    unsigned char *buf = xmalloc(clen ? clen : 1);
    if (compress2(buf, &clen, raw, (uLong)len, 6) != Z_OK) {
        free(buf);
        return store_fail(st, STORE_ERR_IO, "store: cannot compress the raw page");
    }
    sqlite3_stmt *s = store_stmt(st, "INSERT INTO raw(check_id, len, data) VALUES (?1, ?2, ?3)");
    int rc = -1;
    if (s) {
        sqlite3_bind_int64(s, 1, check_id);
        sqlite3_bind_int64(s, 2, (long long)len);
        sqlite3_bind_blob(s, 3, buf, (int)clen, SQLITE_TRANSIENT);
        rc = store_step_done(st, s, "cannot archive the raw page");
    }
    free(buf);
    return rc;
}

int store_check_save(store *st, const struct model_check *c, long long *id)
{
    struct model_keyword k;
    int found = store_kw_get(st, c->keyword_id, &k);
    model_keyword_release(&k);
    if (found != 1)
        return found < 0 ? -1
                         : store_fail(st, STORE_ERR_NOTFOUND, "store: no keyword with id %lld",
                                      c->keyword_id);
    if (c->status != MODEL_OK && c->status != MODEL_BLOCKED && c->status != MODEL_ERROR)
        return store_fail(st, STORE_ERR_INVALID, "store: invalid check status %d", (int)c->status);
    if (store_begin(st) != 0)
        return -1;
    const struct serp_page *p = c->page;
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO \"check\"(keyword_id, checked_at, engine, provider, status, reason,"
            " http_status, depth, requests, total_results, features, block, no_results, query,"
            " pages, approx, location_id)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
            " ifnull(?17, (SELECT location_id FROM keyword WHERE id = ?1)))");
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, c->keyword_id);
    time_t at = c->checked_at ? c->checked_at : util_now();
    sqlite3_bind_int64(s, 2, (long long)at);
    store_bind_text(s, 3, store_engine_str(c->engine));
    store_bind_text(s, 4, c->provider);
    sqlite3_bind_int(s, 5, (int)c->status);
    store_bind_text(s, 6, c->reason);
    sqlite3_bind_int(s, 7, c->http_status);
    sqlite3_bind_int(s, 8, c->depth);
    sqlite3_bind_int(s, 9, c->requests);
    if (p && p->total_results >= 0)
        sqlite3_bind_int64(s, 10, p->total_results);
    else
        sqlite3_bind_null(s, 10);
    sqlite3_bind_int64(s, 11, p ? (long long)p->features : 0);
    sqlite3_bind_int(s, 12, p ? (int)p->block : 0);
    sqlite3_bind_int(s, 13, p ? p->no_results : 0);
    store_bind_text(s, 14, p ? p->query : NULL);
    strbuf pages = STRBUF_INIT;
    for (int i = 0; c->page_organic && i < c->n_page_organic; i++)
        sb_addf(&pages, "%s%d", i ? "," : "", c->page_organic[i]);
    store_bind_text(s, 15, pages.len ? sb_str(&pages) : NULL);
    sb_release(&pages);
    sqlite3_bind_int(s, 16, c->approx != 0);
    store_bind_int(s, 17, c->location_id, 0); /* NULL: the keyword's */
    if (store_step_done(st, s, "cannot store check") != 0)
        goto fail;
    long long cid = sqlite3_last_insert_rowid(st->db);
    if (p && (save_results(st, cid, p) != 0 || store_ai_save(st, cid, p) != 0))
        goto fail;
    if (c->status == MODEL_OK &&
        (store_rank_rows_current(st, c->keyword_id, c->ranks, c->n_ranks) != 0 ||
         store_rank_rows_insert(st, cid, c->keyword_id, at, c->ranks, c->n_ranks) != 0))
        goto fail;
    if (c->status == MODEL_OK && p && store_dom_add(st, cid, c->keyword_id, at) != 0)
        goto fail;
    if (c->raw && save_raw(st, cid, c->raw, c->raw_len) != 0)
        goto fail;
    if (store_commit(st) != 0)
        return -1;
    if (id)
        *id = cid;
    return 0;
fail:
    store_rollback(st);
    return -1;
}

int store_kw_checked_since(store *st, long long keyword_id, time_t since, int any_status)
{
    sqlite3_stmt *s = store_stmt(
        st, "SELECT 1 FROM \"check\" WHERE keyword_id = ?1 AND checked_at >= ?2"
            " AND (?3 OR status = 0) LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_int64(s, 2, (long long)since);
    sqlite3_bind_int(s, 3, any_status != 0);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read checks");
    return rc == SQLITE_ROW;
}

int store_kw_page_counts(store *st, long long keyword_id, int *counts, int max)
{
    sqlite3_stmt *s = store_stmt(
        st, "SELECT pages FROM \"check\" WHERE keyword_id = ?1 AND status = 0"
            " AND pages IS NOT NULL ORDER BY checked_at DESC, id DESC LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    int rc = sqlite3_step(s), n = 0;
    if (rc == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(s, 0);
        /* a damaged list counts as unknown: the probe is then approximate */
        while (p && *p && n < max) {
            char *end;
            long v = strtol(p, &end, 10);
            if (end == p || v < 0 || v > 1000 || (*end && *end != ',')) {
                n = 0;
                break;
            }
            counts[n++] = (int)v;
            p = *end ? end + 1 : end;
        }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read checks");
    return n;
}

/* --- reading a stored page ------------------------------------------------- */

#define INFO_COLS                                                                          \
    "c.id, c.keyword_id, c.checked_at, c.engine, c.provider, c.status, c.reason,"          \
    " c.http_status, c.depth, c.approx, c.pages"

static void info_from_row(sqlite3_stmt *s, struct store_check_info *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    c->keyword_id = sqlite3_column_int64(s, 1);
    c->checked_at = (time_t)sqlite3_column_int64(s, 2);
    c->engine = store_engine_parse((const char *)sqlite3_column_text(s, 3));
    c->provider = store_col_text(s, 4);
    c->status = (enum model_status)sqlite3_column_int(s, 5);
    c->reason = store_col_text(s, 6);
    c->http_status = sqlite3_column_int(s, 7);
    c->depth = sqlite3_column_int(s, 8);
    c->approx = sqlite3_column_int(s, 9);
    c->pages = store_col_text(s, 10);
}

void store_check_info_release(struct store_check_info *c)
{
    if (!c)
        return;
    free(c->provider);
    free(c->reason);
    free(c->pages);
    free(c->location);
    memset(c, 0, sizeof *c);
}

/* url, domain, title, snippet of an entry (copies; NULLs when absent). */
static int read_entry(store *st, long long id, char **url, char **dom, char **title,
                      char **snip)
{
    *url = *dom = *title = *snip = NULL;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT u.url, d.s, t.s, n.s FROM entry e JOIN url u ON u.id = e.url_id"
            " LEFT JOIN str d ON d.id = u.domain_id LEFT JOIN str t ON t.id = e.title_id"
            " LEFT JOIN str n ON n.id = e.snippet_id WHERE e.id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *url = store_col_text(s, 0);
        *dom = store_col_text(s, 1);
        *title = store_col_text(s, 2);
        *snip = store_col_text(s, 3);
    }
    sqlite3_reset(s);
    return 0;
}

static char *read_str(store *st, long long id)
{
    return store_text_by_id(st, "SELECT s FROM str WHERE id = ?1", id);
}

static void read_url(store *st, long long id, char **url, char **dom)
{
    *url = *dom = NULL;
    if (id <= 0)
        return;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT u.url, d.s FROM url u LEFT JOIN str d ON d.id = u.domain_id WHERE u.id = ?1");
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW) {
            *url = store_col_text(s, 0);
            *dom = store_col_text(s, 1);
        }
        sqlite3_reset(s);
    }
}

static char *empty_null(char *s)
{
    if (s && !*s) {
        free(s);
        return NULL;
    }
    return s;
}

#define GET(v) (store_varint_get(&q, end, &(v)) == 0)

static int unpack(store *st, const void *org, int norg, const void *ads, int nads,
                  const void *loc, int nloc, struct serp_page *p)
{
    const unsigned char *q = org, *end = q + (org ? norg : 0);
    unsigned long long pos, e, b, name, web, rating, reviews;
    while (q < end) {
        if (!GET(pos) || !GET(e))
            return store_fail(st, STORE_ERR_CORRUPT, "store: damaged result list");
        GROW(p->organic, p->cap_organic, p->n_organic + 1);
        struct serp_organic *o = &p->organic[p->n_organic++];
        memset(o, 0, sizeof *o);
        o->position = (int)pos;
        read_entry(st, (long long)e, &o->url, &o->domain, &o->title, &o->snippet);
        o->domain = empty_null(o->domain);
    }
    q = ads;
    end = q + (ads ? nads : 0);
    while (q < end) {
        if (!GET(pos) || !GET(b) || !GET(e))
            return store_fail(st, STORE_ERR_CORRUPT, "store: damaged ad list");
        GROW(p->ads, p->cap_ads, p->n_ads + 1);
        struct serp_ad *a = &p->ads[p->n_ads++];
        memset(a, 0, sizeof *a);
        char *snip;
        a->position = (int)pos;
        a->block = b == SERP_AD_BOTTOM || b == SERP_AD_SIDE ? (enum serp_ad_block)b : SERP_AD_TOP;
        read_entry(st, (long long)e, &a->url, &a->domain, &a->title, &snip);
        a->domain = empty_null(a->domain);
        free(snip);
    }
    q = loc;
    end = q + (loc ? nloc : 0);
    /* format 0 (before phones): five varints an entry, no header */
    unsigned long long version = 0, phone = 0;
    if (q < end && q[0] == 0 && end - q >= 2 && q[1] == 0) {
        q += 2;
        if (!GET(version) || version != 1)
            return store_fail(st, STORE_ERR_CORRUPT, "store: local pack in an unknown format");
    }
    while (q < end) {
        if (!GET(pos) || !GET(name) || !GET(web) || !GET(rating) || !GET(reviews) ||
            (version >= 1 && !GET(phone)))
            return store_fail(st, STORE_ERR_CORRUPT, "store: damaged local pack");
        GROW(p->local, p->cap_local, p->n_local + 1);
        struct serp_local *l = &p->local[p->n_local++];
        memset(l, 0, sizeof *l);
        l->position = (int)pos;
        l->name = read_str(st, (long long)name);
        read_url(st, (long long)web, &l->website, &l->domain);
        l->domain = empty_null(l->domain);
        l->rating = rating ? (double)(rating - 1) / 100.0 : -1;
        l->reviews = reviews ? (int)(reviews - 1) : -1;
        l->phone = phone ? read_str(st, (long long)phone) : NULL;
    }
    return 0;
}

int store_page_load(store *st, long long check_id, struct serp_page *page)
{
    serp_page_init(page);
    sqlite3_stmt *s = store_stmt(
        st, "SELECT c.engine, c.query, c.total_results, c.block, c.no_results, c.features,"
            " r.organic, r.ads, r.local FROM \"check\" c LEFT JOIN result r"
            " ON r.check_id = c.id WHERE c.id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store_fail(st, STORE_ERR_NOTFOUND, "store: no check with id %lld", check_id);
    }
    page->engine = store_engine_parse((const char *)sqlite3_column_text(s, 0));
    page->query = store_col_text(s, 1);
    page->total_results = store_col_int(s, 2, -1);
    page->block = (enum serp_block)sqlite3_column_int(s, 3);
    page->no_results = sqlite3_column_int(s, 4);
    page->features = (unsigned)sqlite3_column_int64(s, 5);
    /* Copy the blobs: unpack runs other statements of this store. */
    void *b[3] = {NULL, NULL, NULL};
    int nb[3];
    for (int i = 0; i < 3; i++) {
        nb[i] = sqlite3_column_bytes(s, 6 + i);
        if (nb[i] > 0) {
            b[i] = xmalloc((size_t)nb[i]);
            memcpy(b[i], sqlite3_column_blob(s, 6 + i), (size_t)nb[i]);
        }
    }
    sqlite3_reset(s);
    int rc = unpack(st, b[0], nb[0], b[1], nb[1], b[2], nb[2], page);
    if (rc == 0)
        rc = store_ai_load(st, check_id, page);
    for (int i = 0; i < 3; i++)
        free(b[i]);
    return rc;
}

int store_serp_get(store *st, long long keyword_id, time_t day, struct store_check_info *info,
                   struct serp_page *page)
{
    memset(info, 0, sizeof *info);
    serp_page_init(page);
    sqlite3_stmt *s;
    if (day == 0) {
        s = store_stmt(st, "SELECT " INFO_COLS " FROM \"check\" c WHERE c.keyword_id = ?1"
                           " ORDER BY c.checked_at DESC, c.id DESC LIMIT 1");
    } else {
        s = store_stmt(st, "SELECT " INFO_COLS " FROM \"check\" c WHERE c.keyword_id = ?1"
                           " AND c.checked_at >= ?2 AND c.checked_at < ?3"
                           " ORDER BY c.checked_at DESC, c.id DESC LIMIT 1");
    }
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    if (day) {
        time_t d0 = util_day_start(day);
        sqlite3_bind_int64(s, 2, (long long)d0);
        sqlite3_bind_int64(s, 3, (long long)d0 + DAY_SECS);
    }
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read checks");
    }
    info_from_row(s, info);
    sqlite3_reset(s);
    info->location = store_text_by_id(st, "SELECT l.name FROM \"check\" c JOIN location l"
                                          " ON l.id = c.location_id WHERE c.id = ?1", info->id);
    serp_page_release(page);
    if (store_page_load(st, info->id, page) != 0) {
        store_check_info_release(info);
        serp_page_release(page);
        serp_page_init(page);
        return -1;
    }
    return 1;
}

/* --- raw archive ------------------------------------------------------------ */

int store_raw_each(store *st, time_t since,
                   int (*fn)(const struct store_check_info *c, const void *raw, size_t len,
                             void *arg),
                   void *arg)
{
    /* Ids first: fn may rewrite these checks (reparse) while we go on. */
    sqlite3_stmt *s = store_stmt(st, "SELECT r.check_id FROM raw r JOIN \"check\" c"
                                     " ON c.id = r.check_id WHERE c.checked_at >= ?1"
                                     " ORDER BY c.checked_at, c.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)since);
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        GROW(ids, cap, n + 1);
        ids[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        s = store_stmt(st, "SELECT " INFO_COLS ", r.len, r.data FROM \"check\" c JOIN raw r"
                           " ON r.check_id = c.id WHERE c.id = ?1");
        if (!s) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(s, 1, ids[i]);
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_reset(s);
            continue;
        }
        struct store_check_info info;
        info_from_row(s, &info);
        long long len = sqlite3_column_int64(s, 11);
        uLongf out_len = (uLongf)(len > 0 ? len : 0);
        if (len < 0 || len > RAW_MAX) {
            sqlite3_reset(s);
            store_check_info_release(&info);
            rc = store_fail(st, STORE_ERR_CORRUPT, "store: check %lld: damaged raw page", ids[i]);
            break;
        }
        char *buf = xmalloc((size_t)out_len + 1);
        int z = uncompress((Bytef *)buf, &out_len, sqlite3_column_blob(s, 12),
                           (uLong)sqlite3_column_bytes(s, 12));
        sqlite3_reset(s);
        if (z != Z_OK) {
            free(buf);
            store_check_info_release(&info);
            rc = store_fail(st, STORE_ERR_CORRUPT, "store: check %lld: damaged raw page", ids[i]);
            break;
        }
        buf[out_len] = '\0';
        rc = fn(&info, buf, (size_t)out_len, arg) == 0 ? 0 : 1;
        free(buf);
        store_check_info_release(&info);
    }
    free(ids);
    return rc < 0 ? -1 : 0;
}

int store_check_head(store *st, long long check_id, long long *keyword_id, int *status)
{
    sqlite3_stmt *s = store_stmt(st, "SELECT keyword_id, status FROM \"check\" WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *keyword_id = sqlite3_column_int64(s, 0);
        *status = sqlite3_column_int(s, 1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read the check");
    return rc == SQLITE_ROW;
}

int store_check_replace(store *st, long long check_id, const struct serp_page *page,
                        int new_status, const char *reason, const struct model_rank_row *ranks,
                        size_t n_ranks)
{
    sqlite3_stmt *s =
        store_stmt(st, "SELECT keyword_id, status, checked_at FROM \"check\" WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store_fail(st, STORE_ERR_NOTFOUND, "store: no check with id %lld", check_id);
    }
    long long kw = sqlite3_column_int64(s, 0);
    int status = new_status >= 0 ? new_status : sqlite3_column_int(s, 1);
    time_t at = (time_t)sqlite3_column_int64(s, 2);
    sqlite3_reset(s);
    if (status > MODEL_ERROR)
        return store_fail(st, STORE_ERR_INVALID, "store: invalid check status %d", status);
    if (store_begin(st) != 0)
        return -1;
    s = store_stmt(st, "DELETE FROM result WHERE check_id = ?1");
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, check_id);
    if (store_step_done(st, s, "cannot replace results") != 0)
        goto fail;
    s = store_stmt(st, "DELETE FROM rank WHERE check_id = ?1");
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, check_id);
    if (store_step_done(st, s, "cannot replace ranks") != 0)
        goto fail;
    s = store_stmt(st, "UPDATE \"check\" SET status = ?2,"
                       " reason = CASE WHEN ?7 THEN ?3 ELSE reason END,"
                       " total_results = ?4, features = ?5, block = ?6, no_results = ?8,"
                       " query = ifnull(?9, query) WHERE id = ?1");
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, check_id);
    sqlite3_bind_int(s, 2, status);
    store_bind_text(s, 3, status == MODEL_OK ? NULL : reason);
    if (page && page->total_results >= 0)
        sqlite3_bind_int64(s, 4, page->total_results);
    else
        sqlite3_bind_null(s, 4);
    sqlite3_bind_int64(s, 5, page ? (long long)page->features : 0);
    sqlite3_bind_int(s, 6, page ? (int)page->block : 0);
    sqlite3_bind_int(s, 7, new_status >= 0);
    sqlite3_bind_int(s, 8, page ? page->no_results : 0);
    store_bind_text(s, 9, page ? page->query : NULL);
    if (store_step_done(st, s, "cannot update check") != 0)
        goto fail;
    if ((page && save_results(st, check_id, page) != 0) ||
        store_ai_replace(st, check_id, page) != 0)
        goto fail;
    if (status == MODEL_OK && (store_rank_rows_current(st, kw, ranks, n_ranks) != 0 ||
                               store_rank_rows_insert(st, check_id, kw, at, ranks, n_ranks) != 0))
        goto fail;
    if (store_dom_touch(st, kw, at) != 0) /* its results changed */
        goto fail;
    return store_commit(st);
fail:
    store_rollback(st);
    return -1;
}

int store_raw_prune(store *st, time_t before)
{
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM raw WHERE check_id IN"
                                     " (SELECT id FROM \"check\" WHERE checked_at < ?1)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)before);
    return store_step_done(st, s, "cannot prune raw pages");
}
