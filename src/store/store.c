/* store.c - opening the database (create 0600, refuse foreign or newer
 * files, migrate), the prepared-statement cache, transactions, and the
 * small helpers (binding, interning, varints) the other store files share. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "url.h"

/* schema.c */
extern const char *const store_migrations[];
extern const int store_n_migrations;

int store_schema_latest(void)
{
    return store_n_migrations;
}

/* SQLite's message, worded for a user for the failures the outside world
 * causes (permissions, another process, a full disk, a damaged file). */
static const char *why(store *st)
{
    switch (sqlite3_errcode(st->db)) {
    case SQLITE_READONLY:
        if (st->ro_folder) {
            if (!st->ro_why)
                st->ro_why = xasprintf("the folder '%s' is read-only (SQLite keeps its "
                                       "journal beside the database)", st->ro_folder);
            return st->ro_why;
        }
        return "the database is read-only (file permissions or a read-only filesystem)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database is locked by another process (waited 5 s); try again later";
    case SQLITE_FULL:
        return "the disk is full; nothing was written";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "the database file is corrupt (restore a backup; 'sqlite3 FILE .recover' "
               "may save data)";
    case SQLITE_IOERR:
        return "I/O error on the database file (disk failing or full?)";
    default:
        return sqlite3_errmsg(st->db);
    }
}

/* 1 when the last failure was another process holding the database;
 * notes it for store_busy_failed(). */
static int failed_on_lock(store *st)
{
    int code = sqlite3_errcode(st->db) & 0xff;
    if (code != SQLITE_BUSY && code != SQLITE_LOCKED)
        return 0;
    st->busy_hit = 1;
    return 1;
}

int store_err(store *st, const char *what)
{
    if (failed_on_lock(st) && st->busy_quiet)
        return -1;
    return error("store: %s: %s", what, why(st));
}

/* SQLite's own busy handler sleeps up to 100 ms between tries, so a
 * writer committing in short batches (kw import) can keep the lock from
 * it for ever; trying every millisecond catches the batches' gaps. */
static int on_busy(void *arg, int count)
{
    store *st = arg;
    double now = util_mono();
    if (count == 0)
        st->busy_since = now;
    if ((now - st->busy_since) * 1000 >= st->busy_ms)
        return 0;
    util_sleep(0.001);
    return 1;
}

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
        if (!(failed_on_lock(st) && st->busy_quiet))
            error("store: %s", code == SQLITE_ERROR && msg ? msg : why(st));
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

const char *store_status_name(enum store_status s)
{
    switch (s) {
    case STORE_OK: return "ok";
    case STORE_BLOCKED: return "blocked";
    default: return "error";
    }
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
        return error("store: commit without a transaction");
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

/* --- open ------------------------------------------------------------------ */

static int query_int(store *st, const char *sql, int *out)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : -1;
}

int store_schema_version(store *st)
{
    int v = -1;
    query_int(st, "PRAGMA user_version", &v);
    return v;
}

static int migrate(store *st, int from)
{
    for (int v = from; v < store_n_migrations; v++) {
        char set[48];
        snprintf(set, sizeof set, "PRAGMA user_version = %d", v + 1);
        if (store_begin(st) != 0)
            return -1;
        if (store_exec(st, store_migrations[v]) != 0 || store_exec(st, set) != 0) {
            store_rollback(st);
            return error("store: '%s': migration to schema %d failed", st->path, v + 1);
        }
        if (store_commit(st) != 0)
            return -1;
    }
    return 0;
}

/* Reopens st->path read-only with SQLite's immutable flag (no locking, no
 * -shm file). The path is escaped for a file: URI. */
static int reopen_immutable(store *st)
{
    strbuf uri = STRBUF_INIT;
    sb_adds(&uri, "file:");
    for (const char *p = st->path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            sb_addf(&uri, "%%%02X", (unsigned char)*p);
        else
            sb_addc(&uri, *p);
    }
    sb_adds(&uri, "?immutable=1");
    sqlite3_close(st->db);
    st->db = NULL;
    int rc = sqlite3_open_v2(sb_str(&uri), &st->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    sb_release(&uri);
    if (rc != SQLITE_OK)
        return -1;
    sqlite3_extended_result_codes(st->db, 1);
    return 0;
}

/* The folder holding path ("." when the path has no slash); caller frees. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xasprintf("%.*s", (int)(slash - path), path);
}

/* 1 when this user cannot make files in dir (SQLite's -wal, -shm and
 * journal): permissions or a read-only filesystem. Root passes access()
 * on a chmod a-w folder, and can indeed write there. */
static int folder_readonly(const char *dir)
{
    return access(dir, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM);
}

/* 1 when path-wal holds data but path-shm is missing: read immutable, the
 * committed transactions in that log would be silently ignored. */
static int wal_without_shm(const char *path)
{
    struct stat sb;
    char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
    int bad = stat(wal, &sb) == 0 && sb.st_size > 0 && stat(shm, &sb) != 0 && errno == ENOENT;
    free(wal);
    free(shm);
    return bad;
}

int store_open(const char *path, int flags, store **out)
{
    *out = NULL;
    struct stat sb;
    /* SQLite puts its -wal and -shm beside the file a symlink points to. */
    char *real = lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) ? realpath(path, NULL) : NULL;
    char *dir = folder_of(real ? real : path);
    free(real);
    int dir_ro = folder_readonly(dir);
    /* stat, never open, before SQLite sees the path: opening a FIFO blocks,
     * and SQLite would put a journal beside a device (/dev/null-journal). */
    if (stat(path, &sb) != 0) {
        int err = errno;
        if (err != ENOENT) {
            free(dir);
            return error("store: '%s': %s", path, strerror(err));
        }
        if (!(flags & STORE_CREATE) || (flags & STORE_READONLY)) {
            free(dir);
            return error("store: '%s' does not exist; run 'serptrack init' to create it", path);
        }
        /* Created here, not by SQLite, so the mode is 0600 whatever the
         * umask: the database holds clients, phones and rents. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            err = errno;
            if (dir_ro)
                error("store: cannot create '%s': the folder '%s' is read-only", path, dir);
            else
                error("store: cannot create '%s': %s", path, strerror(err));
            free(dir);
            return -1;
        }
        close(fd);
    } else {
        const char *bad = NULL;
        if (S_ISDIR(sb.st_mode))
            bad = "is a directory";
        else if (!S_ISREG(sb.st_mode))
            bad = "is not a regular file (a device, FIFO or socket); give the path of a "
                  "database file";
        else if (sb.st_size == 0 && !(flags & STORE_CREATE))
            bad = "is empty, not a serptrack database; run 'serptrack init' to make it one";
        if (bad) {
            free(dir);
            return error("store: '%s' %s", path, bad);
        }
        if (dir_ro && (flags & STORE_WRITE)) {
            error("store: cannot write '%s': the folder '%s' is read-only (SQLite keeps its "
                  "journal beside the database)", path, dir);
            free(dir);
            return -1;
        }
    }

    store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    st->readonly = (flags & STORE_READONLY) != 0;
    /* Reading needs no journal; writing would fail at the first change. */
    if (dir_ro) {
        st->readonly = 1;
        st->ro_folder = dir;
        dir = NULL;
    }
    free(dir);
    int oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        error("store: cannot open '%s': %s", path,
              st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    st->busy_ms = 5000;
    sqlite3_busy_handler(st->db, on_busy, st);
    /* The first read tells a non-SQLite or corrupt file apart. */
    int n_tables = 0;
    if (query_int(st, "SELECT count(*) FROM sqlite_master", &n_tables) != 0) {
        /* A WAL database on a read-only filesystem or in a read-only
         * folder cannot be opened the usual way (SQLite needs to create
         * its -shm file); nobody can write it there (a writer needs the
         * same files), so it is safe to read as immutable - unless a -wal
         * holds committed data, which immutable reading would skip. */
        int code = sqlite3_extended_errcode(st->db) & 0xff;
        int ro_media = st->ro_folder || (access(path, W_OK) != 0 && errno == EROFS);
        if ((code == SQLITE_CANTOPEN || code == SQLITE_READONLY) && ro_media &&
            wal_without_shm(path)) {
            error("store: '%s' has a write-ahead log but no shared-memory file and cannot be "
                  "read safely in a read-only folder; open it once where it can be written "
                  "(or copy it with its -wal file to a writable folder)", path);
            goto fail;
        }
        if ((code == SQLITE_CANTOPEN || code == SQLITE_READONLY) && ro_media &&
            reopen_immutable(st) == 0 &&
            query_int(st, "SELECT count(*) FROM sqlite_master", &n_tables) == 0) {
            st->readonly = 1;
        } else {
            error("store: '%s' is not a serptrack database (%s)", path, why(st));
            goto fail;
        }
    }
    /* A file we may not write (permissions, read-only filesystem) is opened
     * read-only by SQLite: reading commands still work, a write fails with
     * SQLite's "attempt to write a readonly database". */
    if (!st->readonly && sqlite3_db_readonly(st->db, "main") == 1)
        st->readonly = 1;
    int version = store_schema_version(st);
    if (version < 0) {
        error("store: '%s': cannot read the schema version", path);
        goto fail;
    }
    if (version > store_n_migrations) {
        error("store: '%s' has schema version %d, newer than this serptrack knows (%d); "
              "upgrade serptrack", path, version, store_n_migrations);
        goto fail;
    }
    if (version == 0 && n_tables > 0) {
        error("store: '%s' is an SQLite database but not a serptrack one", path);
        goto fail;
    }
    if (store_exec(st, "PRAGMA foreign_keys = ON") != 0)
        goto fail;
    if (st->readonly) {
        if (version < store_n_migrations) {
            error("store: '%s' has schema version %d, older than %d; run 'serptrack init' "
                  "to migrate it", path, version, store_n_migrations);
            goto fail;
        }
    } else {
        /* WAL: readers (rank, report) never block the cron run writing.
         * NORMAL sync is durable across a killed process in WAL mode. */
        if (store_exec(st, "PRAGMA journal_mode = WAL") != 0 ||
            store_exec(st, "PRAGMA synchronous = NORMAL") != 0)
            goto fail;
        if (migrate(st, version) != 0)
            goto fail;
    }
    *out = st;
    return 0;
fail:
    store_close(st);
    return -1;
}

void store_close(store *st)
{
    if (!st)
        return;
    while (st->tx_depth > 0)
        store_rollback(st);
    for (size_t i = 0; i < st->n_stmts; i++)
        sqlite3_finalize(st->stmts[i].stmt);
    free(st->stmts);
    store_entry_cache_clear(st);
    if (st->db)
        sqlite3_close(st->db);
    free(st->path);
    free(st->ro_folder);
    free(st->ro_why);
    free(st);
}

int store_integrity_check(store *st)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
        return store_err(st, "integrity check");
    int ok = sqlite3_step(s) == SQLITE_ROW &&
             util_streq((const char *)sqlite3_column_text(s, 0), "ok");
    if (!ok)
        error("store: '%s' fails its integrity check: %s", st->path,
              sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0)
                                        : sqlite3_errmsg(st->db));
    sqlite3_finalize(s);
    return ok ? 0 : -1;
}
