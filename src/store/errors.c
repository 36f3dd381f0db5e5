/* errors.c - the store's failures as values: a code and the message a
 * person reads, kept in the handle until the caller (cmd/) prints them.
 * The store itself never writes to stderr. */
#include <stdarg.h>

#include "store_int.h"

/* SQLite's message, worded for a user for the failures the outside world
 * causes (permissions, another process, a full disk, a damaged file). */
const char *store_why(store *st)
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

enum store_err store_code_of(store *st)
{
    if (!st->db)
        return STORE_ERR_IO;
    switch (sqlite3_errcode(st->db) & 0xff) {
    case SQLITE_READONLY: return STORE_ERR_READONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return STORE_ERR_BUSY;
    case SQLITE_FULL: return STORE_ERR_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return STORE_ERR_CORRUPT;
    case SQLITE_CONSTRAINT: return STORE_ERR_CONSTRAINT;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM: return STORE_ERR_IO;
    default: return STORE_ERR_SQL;
    }
}

static int store_vfail(store *st, enum store_err code, const char *fmt, va_list ap)
{
    st->err = code;
    /* A failure nobody has reported yet stays: the caller prints both, in
     * order, as the store printed them when it still did. */
    if (st->errmsg.len)
        sb_addc(&st->errmsg, '\n');
    size_t start = st->errmsg.len;
    sb_vaddf(&st->errmsg, fmt, ap);
    /* one line per message, as cmd/ prints it, whatever a name holds:
     * the newlines between messages stay unambiguous */
    for (size_t i = start; i < st->errmsg.len; i++)
        if (st->errmsg.buf[i] == '\n' || st->errmsg.buf[i] == '\r')
            st->errmsg.buf[i] = ' ';
    return -1;
}

int store_fail(store *st, enum store_err code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    store_vfail(st, code, fmt, ap);
    va_end(ap);
    return -1;
}

/* 1 when the last failure was another process holding the database;
 * notes it for store_busy_failed(). */
int store_failed_on_lock(store *st)
{
    int code = sqlite3_errcode(st->db) & 0xff;
    if (code != SQLITE_BUSY && code != SQLITE_LOCKED)
        return 0;
    st->busy_hit = 1;
    return 1;
}

int store_err(store *st, const char *what)
{
    if (store_failed_on_lock(st) && st->busy_quiet) {
        /* the caller keeps its data and retries: a code, nothing to say */
        st->err = STORE_ERR_BUSY;
        return -1;
    }
    return store_fail(st, store_code_of(st), "store: %s: %s", what, store_why(st));
}

enum store_err store_errcode(const store *st)
{
    return st ? st->err : STORE_ERR_NONE;
}

const char *store_errmsg(const store *st)
{
    return st ? sb_str(&st->errmsg) : "";
}

void store_err_clear(store *st)
{
    if (!st)
        return;
    st->err = STORE_ERR_NONE;
    sb_reset(&st->errmsg);
}
