/* store_int.h - what the store's source files share and nobody else sees:
 * the store handle, the prepared-statement cache, interning of repeated
 * strings, and the varint codec of the compact result lists. */
#ifndef SERPTRACK_STORE_INT_H
#define SERPTRACK_STORE_INT_H

#include <sqlite3.h>

#include "store.h"
#include "util.h"

struct store_stmt_slot {
    const char *sql; /* key: the address of a string literal */
    sqlite3_stmt *stmt;
};

/* A result already interned: 128 bits of hash of its (url, title,
 * snippet) stand for the strings (a false match is ~2^-100 likely). */
struct store_entry_slot {
    unsigned long long h1, h2;
    long long id; /* 0 = empty slot */
};

struct store {
    sqlite3 *db;
    char *path;
    int readonly;
    char *ro_folder;   /* the folder, when opened read-only because it is; else NULL */
    char *ro_why;      /* why()'s message naming ro_folder, made when first needed */
    int tx_depth;      /* store_begin nesting; 0 = no transaction */
    int busy_ms;       /* how long a statement waits for another writer */
    int busy_quiet;    /* 1: "database is locked" failures print nothing */
    int busy_hit;      /* a call failed on the lock since store_busy_failed() */
    double busy_since; /* util_mono() when the current wait began */
    int read_depth;    /* store_begin_read nesting */
    int read_began;    /* the outermost store_begin_read ran BEGIN */
    struct store_stmt_slot *stmts;
    size_t n_stmts, cap_stmts;
    /* entry ids by hash: a day's checks repeat yesterday's results, so this
     * saves four lookups per result. Entries are never deleted, so ids stay
     * valid; a rollback clears it (its ids may not exist). */
    struct store_entry_slot *ecache;
    size_t ecache_n;
    /* domain_index.c: entry -> domain cache (cleared with ecache) */
    struct store_dom *dom;
    /* errors.c: the failures not yet reported, one message a line */
    enum store_err err;
    strbuf errmsg;
};

/* errors.c. "Fails" below means: returns -1 with the failure recorded in
 * the handle (store_fail) for the caller to report; the store never prints.
 * store_fail records code and the message made from fmt (appended on a new
 * line when an unreported one is pending) and returns -1. */
int store_fail(store *st, enum store_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records "store: WHAT: <why>" with the code of SQLite's last failure
 * (only the code when it was the lock and the handle is busy-quiet);
 * returns -1. */
int store_err(store *st, const char *what);
/* SQLite's last failure in words for a user; owned by the store. */
const char *store_why(store *st);
/* The store_err code of SQLite's last failure. */
enum store_err store_code_of(store *st);
/* 1 when the last failure was another process holding the database;
 * notes it for store_busy_failed(). */
int store_failed_on_lock(store *st);

/* The cached statement for sql (a string literal: the cache is keyed by its
 * address), reset and with its bindings cleared; NULL when it fails. Owned
 * by the store. */
sqlite3_stmt *store_stmt(store *st, const char *sql);
/* Runs a statement without results: 0, or fails. */
int store_exec(store *st, const char *sql);
/* Steps s to its end (for INSERT/UPDATE/DELETE); 0 or fails. */
int store_step_done(store *st, sqlite3_stmt *s, const char *what);

/* The due rule, once (queue.c registers it, keywords.c and the queue's
 * enqueue use it): keyword alias k is due at ?1 (now) when it has no ok
 * check, or its last ok check is older than its schedule's interval less
 * a slack of a tenth of it (at most an hour: a daily cron at 06:00 finds
 * yesterday's 06:00:05 check due again). The interval is
 * model_schedule_secs() through serptrack_interval(), which a statement
 * naming it needs store_need_interval() for first (0 or -1). */
#define STORE_SQL_INTERVAL "serptrack_interval(k.schedule)"
#define STORE_SQL_DUE                                                                           \
    " ifnull((SELECT max(c.checked_at) FROM \"check\" c WHERE c.keyword_id = k.id"              \
    " AND c.status = 0) <= ?1 - " STORE_SQL_INTERVAL " + min(" STORE_SQL_INTERVAL " / 10, 3600), 1)"
int store_need_interval(store *st);

/* Which keywords a competitor gets rank rows for, as SQL: site alias S
 * competes on the keywords of the site whose id is the expression OWNER
 * when it is a competitor of that site or of no site in particular.
 * store_competes() is the same rule in C. */
#define STORE_COMPETES(S, OWNER)                                                              \
    "(" S ".competitor = 1 AND (" S ".competitor_of IS NULL OR " S ".competitor_of = " OWNER "))"

/* Binders that turn NULL / MODEL_NONE into SQL NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);
void store_bind_int(sqlite3_stmt *s, int i, long long v, long long none);
/* Column text copied (NULL stays NULL). */
char *store_col_text(sqlite3_stmt *s, int i);
/* The text `sql` (one ?1 parameter) selects for an interned id; NULL for
 * id <= 0 or no row. Newly allocated. */
char *store_text_by_id(store *st, const char *sql, long long id);
/* Column integer, `none` when NULL. */
long long store_col_int(sqlite3_stmt *s, int i, long long none);

/* Engine names as stored (the store keeps no dependency on the parsers). */
const char *store_engine_str(enum serp_engine e);
enum serp_engine store_engine_parse(const char *s);

/* AI overview cites (ai.c): saves p's cited links with check_id when p
 * had an overview (nothing otherwise); replace first drops what check_id
 * had; load appends the stored cites to p. 0 or -1. */
int store_ai_save(store *st, long long check_id, const struct serp_page *p);
int store_ai_replace(store *st, long long check_id, const struct serp_page *p);
int store_ai_load(store *st, long long check_id, struct serp_page *p);

/* Interned strings: the id of s in table str (0 for NULL), inserting it. */
long long store_intern_str(store *st, const char *s);
/* Interned URL with its registrable domain; 0 for NULL. */
long long store_intern_url(store *st, const char *url);
/* A (url, title, snippet) triple; 0 when url is NULL. */
long long store_intern_entry(store *st, const char *url, const char *title, const char *snippet);

/* Forgets every cached entry id (after a rollback). */
void store_entry_cache_clear(store *st);

/* Site id of a domain (normalised to its registrable domain); 0 when
 * unknown. */
long long store_site_id(store *st, const char *domain);

/* LEB128 varints for the result lists. */
void store_varint_put(strbuf *sb, unsigned long long v);
/* Reads one varint from *p (advancing it); -1 on a truncated value. */
int store_varint_get(const unsigned char **p, const unsigned char *end, unsigned long long *v);

/* Writes rows as the rank rows of check_id, of keyword_id at `at` (rank.c),
 * in the caller's transaction. 0, or -1 when it fails. */
/* 0 when rows[0..n) are for exactly the sites store_rank_sites(keyword_id,
 * 0) lists now, else -1 (STORE_ERR_STALE, or the read failed). */
int store_rank_rows_current(store *st, long long keyword_id, const struct model_rank_row *rows,
                            size_t n);
int store_rank_rows_insert(store *st, long long check_id, long long keyword_id, time_t at,
                           const struct model_rank_row *rows, size_t n);


/* The domain index (domain_index.c). store_dom_add indexes a check just
 * stored (ok, with results) inside the caller's transaction; store_dom_touch
 * marks the keyword's period at `at` for a rebuild (its results changed);
 * store_dom_sync rebuilds what is marked (or everything for a database
 * from before it); store_dom_positions answers store_domain_positions for
 * a normalised domain. 0, or -1 or fails. */
int store_dom_add(store *st, long long check_id, long long keyword_id, time_t at);
int store_dom_touch(store *st, long long keyword_id, time_t at);
int store_dom_sync(store *st);
int store_dom_positions(store *st, const char *dom, time_t since,
                        void (*fn)(long long keyword_id, time_t checked_at, int position,
                                   void *arg),
                        void *arg);
void store_dom_cache_clear(store *st);

#endif
