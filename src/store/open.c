/* open.c - opening the database: refuse what is not a regular serptrack
 * file, create it 0600, fall back to read-only (or immutable) reading in a
 * read-only folder, refuse foreign or newer schemas, and migrate. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"

/* schema.c */
extern const char *const store_migrations[];
extern const int store_n_migrations;

int store_schema_latest(void)
{
    return store_n_migrations;
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
            return store_fail(st, STORE_ERR_SCHEMA, "store: '%s': migration to schema %d failed",
                              st->path, v + 1);
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

/* Checks path before SQLite sees it, creating it (0600) when missing and
 * asked to; sets st->ro_folder when its folder cannot be written. */
static int check_path(store *st, const char *path, int flags)
{
    struct stat sb;
    /* SQLite puts its -wal and -shm beside the file a symlink points to. */
    char *real = lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) ? realpath(path, NULL) : NULL;
    char *dir = folder_of(real ? real : path);
    free(real);
    int rc = 0;
    /* stat, never open, before SQLite sees the path: opening a FIFO blocks,
     * and SQLite would put a journal beside a device (/dev/null-journal). */
    if (stat(path, &sb) != 0) {
        int err = errno;
        if (err != ENOENT) {
            rc = store_fail(st, STORE_ERR_IO, "store: '%s': %s", path, strerror(err));
        } else if (!(flags & STORE_CREATE) || (flags & STORE_READONLY)) {
            rc = store_fail(st, STORE_ERR_NOTFOUND,
                            "store: '%s' does not exist; run 'serptrack init' to create it", path);
        } else {
            /* Created here, not by SQLite, so the mode is 0600 whatever the
             * umask: the database holds clients, phones and rents. */
            int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0) {
                err = errno;
                if (folder_readonly(dir))
                    rc = store_fail(st, STORE_ERR_READONLY,
                                    "store: cannot create '%s': the folder '%s' is read-only", path,
                                    dir);
                else
                    rc = store_fail(st, STORE_ERR_IO, "store: cannot create '%s': %s", path,
                                    strerror(err));
            } else {
                close(fd);
            }
        }
    } else {
        const char *bad = NULL;
        if (S_ISDIR(sb.st_mode))
            bad = "is a directory";
        else if (!S_ISREG(sb.st_mode))
            bad = "is not a regular file (a device, FIFO or socket); give the path of a "
                  "database file";
        else if (sb.st_size == 0 && !(flags & STORE_CREATE))
            bad = "is empty, not a serptrack database; run 'serptrack init' to make it one";
        if (bad)
            rc = store_fail(
                st, sb.st_size == 0 && S_ISREG(sb.st_mode) ? STORE_ERR_SCHEMA : STORE_ERR_INVALID,
                "store: '%s' %s", path, bad);
        else if ((flags & STORE_WRITE) && folder_readonly(dir))
            rc = store_fail(st, STORE_ERR_READONLY,
                            "store: cannot write '%s': the folder '%s' is read-only (SQLite "
                            "keeps its journal beside the database)",
                            path, dir);
    }
    /* Reading needs no journal; writing would fail at the first change. */
    if (rc == 0 && folder_readonly(dir)) {
        st->readonly = 1;
        st->ro_folder = dir;
        dir = NULL;
    }
    free(dir);
    return rc;
}

/* Opens the SQLite file and reads it once, which tells a non-SQLite or
 * corrupt file apart; *n_tables is how many tables it has. */
static int open_db(store *st, const char *path, int *n_tables)
{
    int oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return store_fail(st, STORE_ERR_IO, "store: cannot open '%s': %s", path,
                          st->db ? sqlite3_errmsg(st->db) : "out of memory");
    sqlite3_extended_result_codes(st->db, 1);
    st->busy_ms = 5000;
    sqlite3_busy_handler(st->db, on_busy, st);
    if (query_int(st, "SELECT count(*) FROM sqlite_master", n_tables) == 0)
        return 0;
    /* A WAL database on a read-only filesystem or in a read-only folder
     * cannot be opened the usual way (SQLite needs to create its -shm
     * file); nobody can write it there (a writer needs the same files), so
     * it is safe to read as immutable - unless a -wal holds committed data,
     * which immutable reading would skip. */
    int code = sqlite3_extended_errcode(st->db) & 0xff;
    int ro_media = st->ro_folder || (access(path, W_OK) != 0 && errno == EROFS);
    int cant = (code == SQLITE_CANTOPEN || code == SQLITE_READONLY) && ro_media;
    if (cant && wal_without_shm(path))
        return store_fail(st, STORE_ERR_READONLY,
                          "store: '%s' has a write-ahead log but no shared-memory file and "
                          "cannot be read safely in a read-only folder; open it once where it "
                          "can be written (or copy it with its -wal file to a writable folder)",
                          path);
    if (cant && reopen_immutable(st) == 0 &&
        query_int(st, "SELECT count(*) FROM sqlite_master", n_tables) == 0) {
        st->readonly = 1;
        return 0;
    }
    enum store_err ec = st->db ? store_code_of(st) : STORE_ERR_IO;
    return store_fail(st, ec == STORE_ERR_SQL ? STORE_ERR_SCHEMA : ec,
                      "store: '%s' is not a serptrack database (%s)", path,
                      st->db ? store_why(st) : "out of memory");
}

/* Refuses a schema this binary cannot use, then (unless read-only) sets
 * up WAL and migrates. */
static int check_schema(store *st, const char *path, int n_tables)
{
    /* A file we may not write (permissions, read-only filesystem) is opened
     * read-only by SQLite: reading commands still work, a write fails with
     * SQLite's "attempt to write a readonly database". */
    if (!st->readonly && sqlite3_db_readonly(st->db, "main") == 1)
        st->readonly = 1;
    int version = store_schema_version(st);
    if (version < 0)
        return store_fail(st, store_code_of(st), "store: '%s': cannot read the schema version",
                          path);
    if (version > store_n_migrations)
        return store_fail(st, STORE_ERR_SCHEMA,
                          "store: '%s' has schema version %d, newer than this serptrack knows "
                          "(%d); upgrade serptrack",
                          path, version, store_n_migrations);
    if (version == 0 && n_tables > 0)
        return store_fail(st, STORE_ERR_SCHEMA,
                          "store: '%s' is an SQLite database but not a serptrack one", path);
    if (store_exec(st, "PRAGMA foreign_keys = ON") != 0)
        return -1;
    if (st->readonly) {
        if (version < store_n_migrations)
            return store_fail(st, STORE_ERR_SCHEMA,
                              "store: '%s' has schema version %d, older than %d; run "
                              "'serptrack init' to migrate it",
                              path, version, store_n_migrations);
        return 0;
    }
    /* WAL: readers (rank, report) never block the cron run writing.
     * NORMAL sync is durable across a killed process in WAL mode. */
    if (store_exec(st, "PRAGMA journal_mode = WAL") != 0 ||
        store_exec(st, "PRAGMA synchronous = NORMAL") != 0)
        return -1;
    return migrate(st, version);
}

int store_open(const char *path, int flags, store **out, struct store_error *err)
{
    *out = NULL;
    store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    st->readonly = (flags & STORE_READONLY) != 0;
    int n_tables = 0;
    if (check_path(st, path, flags) != 0 || open_db(st, path, &n_tables) != 0 ||
        check_schema(st, path, n_tables) != 0) {
        if (err) {
            err->code = st->err;
            snprintf(err->msg, sizeof err->msg, "%s", sb_str(&st->errmsg));
        }
        store_close(st);
        return -1;
    }
    if (err) {
        err->code = STORE_ERR_NONE;
        err->msg[0] = '\0';
    }
    *out = st;
    return 0;
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
    sb_release(&st->errmsg);
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
        store_fail(st, STORE_ERR_CORRUPT, "store: '%s' fails its integrity check: %s", st->path,
                   sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0)
                                             : sqlite3_errmsg(st->db));
    sqlite3_finalize(s);
    return ok ? 0 : -1;
}
