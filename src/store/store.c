/* store.c - the prepared-statement cache, transactions, and the small
 * helpers (binding, interning, varints) the other store files share.
 * Opening and migrating the database is open.c. */
#include "store_int.h"
#include "url.h"

void store_set_busy(store *st, int ms, int quiet)
{
    st->busy_ms = ms < 0 ? 0 : ms;
    st->busy_quiet = quiet != 0;
}

int store_busy_failed(store *st)
{
    int hit = st->busy_hit;
    st->busy_hit = 0;
    return hit;
}

sqlite3_stmt *store_stmt(store *st, const char *sql)
{
    for (size_t i = 0; i < st->n_stmts; i++) {
        if (st->stmts[i].sql == sql) {
            sqlite3_stmt *s = st->stmts[i].stmt;
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return s;
        }
    }
    sqlite3_stmt *s;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
        store_err(st, "cannot prepare a query");
        return NULL;
    }
    GROW(st->stmts, st->cap_stmts, st->n_stmts + 1);
    st->stmts[st->n_stmts].sql = sql;
    st->stmts[st->n_stmts].stmt = s;
    st->n_stmts++;
    return s;
}

int store_exec(store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int code = sqlite3_errcode(st->db);
        /* exec's own message is richer for SQL errors; ours for the outside world. */
        if (store_failed_on_lock(st) && st->busy_quiet)
            st->err = STORE_ERR_BUSY;
        else
            store_fail(st, store_code_of(st), "store: %s",
                       code == SQLITE_ERROR && msg ? msg : store_why(st));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

int store_step_done(store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        store_err(st, what);
        sqlite3_reset(s);
        return -1;
    }
    sqlite3_reset(s);
    return 0;
}

void store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

void store_bind_int(sqlite3_stmt *s, int i, long long v, long long none)
{
    if (v == none)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int64(s, i, v);
}

char *store_col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? xstrdup((const char *)t) : NULL;
}

char *store_text_by_id(store *st, const char *sql, long long id)
{
    if (id <= 0)
        return NULL;
    sqlite3_stmt *s = store_stmt(st, sql);
    char *r = NULL;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW)
            r = store_col_text(s, 0);
        sqlite3_reset(s);
    }
    return r;
}

long long store_col_int(sqlite3_stmt *s, int i, long long none)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return none;
    return sqlite3_column_int64(s, i);
}

const char *store_engine_str(enum serp_engine e)
{
    const struct serp_engine_desc *d = serp_engine_get(e);
    return d ? d->name : "unknown";
}

/* Stored names are exact (no case folding, no aliases). */
enum serp_engine store_engine_parse(const char *s)
{
    for (size_t i = 0; s && i < serp_n_engines; i++)
        if (util_streq(s, serp_engine_table[i]->name))
            return serp_engine_table[i]->id;
    return SERP_ENGINE_UNKNOWN;
}

/* --- interning ------------------------------------------------------------ */

long long store_intern_str(store *st, const char *v)
{
    if (!v)
        return 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT id FROM str WHERE s = ?1");
    if (!s)
        return -1;
    store_bind_text(s, 1, v);
    if (sqlite3_step(s) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return id;
    }
    sqlite3_reset(s);
    s = store_stmt(st, "INSERT INTO str(s) VALUES (?1)");
    if (!s)
        return -1;
    store_bind_text(s, 1, v);
    if (store_step_done(st, s, "cannot store a string") != 0)
        return -1;
    return sqlite3_last_insert_rowid(st->db);
}

long long store_intern_url(store *st, const char *url)
{
    if (!url)
        return 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT id FROM url WHERE url = ?1");
    if (!s)
        return -1;
    store_bind_text(s, 1, url);
    if (sqlite3_step(s) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return id;
    }
    sqlite3_reset(s);
    char *dom = url_domain(url);
    long long did = store_intern_str(st, dom ? dom : "");
    free(dom);
    if (did < 0)
        return -1;
    s = store_stmt(st, "INSERT INTO url(url, domain_id) VALUES (?1, ?2)");
    if (!s)
        return -1;
    store_bind_text(s, 1, url);
    sqlite3_bind_int64(s, 2, did);
    if (store_step_done(st, s, "cannot store a URL") != 0)
        return -1;
    return sqlite3_last_insert_rowid(st->db);
}

static long long intern_entry_db(store *st, const char *url, const char *title,
                                 const char *snippet);

#define ECACHE_SLOTS (1u << 18) /* 6 MB; cleared when 70 % full */

static void hash_str(unsigned long long *h1, unsigned long long *h2, const char *s)
{
    /* NULL and "" differ (a tag byte before each field); the length ends
     * each field, so no byte value can run two fields together. */
    unsigned long long a = *h1, b = *h2;
    size_t len = s ? strlen(s) : 0;
    unsigned char tag = s ? 2 : 1;
    const unsigned char *p = (const unsigned char *)s;
    a = (a ^ tag) * 0x100000001b3ULL;
    b = (b + tag + 1) * 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < len; i++) {
        a = (a ^ p[i]) * 0x100000001b3ULL;
        b = (b + p[i] + 1) * 0x9e3779b97f4a7c15ULL;
        b ^= b >> 29;
    }
    a = (a ^ (unsigned long long)len) * 0x100000001b3ULL;
    b = (b + (unsigned long long)len) * 0x9e3779b97f4a7c15ULL;
    b ^= b >> 29;
    *h1 = a;
    *h2 = b;
}

void store_entry_cache_clear(store *st)
{
    free(st->ecache);
    st->ecache = NULL;
    st->ecache_n = 0;
    store_dom_cache_clear(st);
}

long long store_intern_entry(store *st, const char *url, const char *title, const char *snippet)
{
    unsigned long long h1 = 0xcbf29ce484222325ULL, h2 = 0x6a09e667f3bcc909ULL;
    hash_str(&h1, &h2, url ? url : "");
    hash_str(&h1, &h2, title);
    hash_str(&h1, &h2, snippet);
    h2 ^= h2 >> 31;
    h2 *= 0xbf58476d1ce4e5b9ULL;
    h2 ^= h2 >> 27;
    if (!st->ecache)
        st->ecache = xcalloc(ECACHE_SLOTS, sizeof *st->ecache);
    size_t i = (size_t)(h2 & (ECACHE_SLOTS - 1));
    while (st->ecache[i].id) {
        if (st->ecache[i].h1 == h1 && st->ecache[i].h2 == h2)
            return st->ecache[i].id;
        i = (i + 1) & (ECACHE_SLOTS - 1);
    }
    long long id = intern_entry_db(st, url, title, snippet);
    if (id <= 0)
        return id;
    if (st->ecache_n + 1 > ECACHE_SLOTS / 10 * 7) {
        memset(st->ecache, 0, ECACHE_SLOTS * sizeof *st->ecache);
        st->ecache_n = 0;
        i = (size_t)(h2 & (ECACHE_SLOTS - 1));
    }
    st->ecache[i].h1 = h1;
    st->ecache[i].h2 = h2;
    st->ecache[i].id = id;
    st->ecache_n++;
    return id;
}

static long long intern_entry_db(store *st, const char *url, const char *title,
                                 const char *snippet)
{
    long long u = store_intern_url(st, url ? url : "");
    long long t = store_intern_str(st, title);
    long long n = store_intern_str(st, snippet);
    if (u < 0 || t < 0 || n < 0)
        return -1;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT id FROM entry WHERE url_id = ?1 AND title_id = ?2 AND snippet_id = ?3");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, u);
    sqlite3_bind_int64(s, 2, t);
    sqlite3_bind_int64(s, 3, n);
    if (sqlite3_step(s) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return id;
    }
    sqlite3_reset(s);
    s = store_stmt(st, "INSERT INTO entry(url_id, title_id, snippet_id) VALUES (?1, ?2, ?3)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, u);
    sqlite3_bind_int64(s, 2, t);
    sqlite3_bind_int64(s, 3, n);
    if (store_step_done(st, s, "cannot store a result") != 0)
        return -1;
    return sqlite3_last_insert_rowid(st->db);
}

void store_varint_put(strbuf *sb, unsigned long long v)
{
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        if (v)
            c |= 0x80;
        sb_addc(sb, (char)c);
    } while (v);
}

int store_varint_get(const unsigned char **p, const unsigned char *end, unsigned long long *v)
{
    unsigned long long r = 0;
    for (int shift = 0; *p < end && shift < 64; shift += 7) {
        unsigned char c = *(*p)++;
        r |= (unsigned long long)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

/* --- transactions ----------------------------------------------------------
 * The outermost level is BEGIN IMMEDIATE (take the write lock up front, so
 * busy_timeout applies instead of a deadlock on upgrade); inner levels are
 * savepoints, so an inner rollback undoes only its own work. */

int store_begin(store *st)
{
    char sql[32];
    if (st->tx_depth == 0)
        snprintf(sql, sizeof sql, "BEGIN IMMEDIATE");
    else
        snprintf(sql, sizeof sql, "SAVEPOINT sp%d", st->tx_depth);
    if (store_exec(st, sql) != 0)
        return -1;
    st->tx_depth++;
    return 0;
}

int store_commit(store *st)
{
    char sql[32];
    if (st->tx_depth <= 0)
        return store_fail(st, STORE_ERR_INVALID, "store: commit without a transaction");
    if (st->tx_depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE sp%d", st->tx_depth - 1);
    if (store_exec(st, sql) != 0) {
        store_rollback(st);
        return -1;
    }
    st->tx_depth--;
    return 0;
}

int store_tx_aborted(store *st)
{
    return st->tx_depth > 0 && sqlite3_get_autocommit(st->db);
}

void store_rollback(store *st)
{
    char sql[64];
    if (st->tx_depth <= 0)
        return;
    if (st->tx_depth == 1)
        snprintf(sql, sizeof sql, "ROLLBACK");
    else
        snprintf(sql, sizeof sql, "ROLLBACK TO sp%d; RELEASE sp%d", st->tx_depth - 1,
                 st->tx_depth - 1);
    /* A failed ROLLBACK means SQLite already rolled back (e.g. after a
     * full disk); nothing more to undo. */
    sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    st->tx_depth--;
    store_entry_cache_clear(st);
}

int store_begin_read(store *st)
{
    if (st->read_depth == 0 && st->tx_depth == 0 && sqlite3_get_autocommit(st->db)) {
        /* deferred: the shared lock comes with the first read */
        if (store_exec(st, "BEGIN") != 0)
            return -1;
        st->read_began = 1;
    }
    st->read_depth++;
    return 0;
}

void store_end_read(store *st)
{
    if (st->read_depth <= 0 || --st->read_depth > 0 || !st->read_began)
        return;
    st->read_began = 0;
    if (!sqlite3_get_autocommit(st->db) && sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}
