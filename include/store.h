/* store.h - rank history in SQLite: sites, keywords, checks, results and
 * ranks, plus the tables the research, alert and usage features keep.
 *
 * The store knows no CLI and no network. WAL mode, foreign keys on,
 * prepared statements only, one transaction per stored check, schema
 * versioned with PRAGMA user_version and migrated forward by store_open().
 *
 * Errors: the store never prints. Every function returning int returns 0
 * on success and -1 on failure, with a code and a message recorded in the
 * handle (store_errcode, store_errmsg) for the caller to report and clear;
 * lookups return 1 when found and 0 when not. Ownership: structs filled by
 * the store own their strings; release them with the matching *_release /
 * *_free_list function (model_* for model.h's types). Absent integers
 * are MODEL_NONE. */
#ifndef SERPTRACK_STORE_H
#define SERPTRACK_STORE_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#include "model.h"
#include "serp.h"


typedef struct store store;

/* --- errors ---------------------------------------------------------------- */
enum store_err {
    STORE_ERR_NONE = 0,
    STORE_ERR_IO,         /* I/O error, cannot open or create the file */
    STORE_ERR_BUSY,       /* another process held the database too long */
    STORE_ERR_CORRUPT,    /* damaged file or stored data */
    STORE_ERR_SCHEMA,     /* not ours, newer than this binary, or needs migrating */
    STORE_ERR_NOTFOUND,   /* no database file, or no such site, keyword or check */
    STORE_ERR_READONLY,   /* file, folder or filesystem cannot be written */
    STORE_ERR_CONSTRAINT, /* the change breaks a rule of the schema (exists already) */
    STORE_ERR_INVALID,    /* a bad argument or value */
    STORE_ERR_FULL,       /* the disk is full */
    STORE_ERR_SQL,        /* any other SQLite failure */
    STORE_ERR_STALE,      /* rows matched on sites that changed meanwhile: match again */
};

/* The code of the latest unreported failure; STORE_ERR_NONE after
 * store_err_clear (or when st is NULL). */
enum store_err store_errcode(const store *st);
/* The unreported failures, oldest first, one line each (a newline in a
 * name became a space) without the "serptrack: " prefix, e.g. "store: no
 * check with id 7"; "" when none (a busy-quiet lock failure records only
 * its code). Owned by the store, valid until the next store call. */
const char *store_errmsg(const store *st);
/* Forgets the recorded failures (once the caller has reported them). */
void store_err_clear(store *st);

/* What store_open says when it fails (it has no handle to record into). */
struct store_error {
    enum store_err code;
    char msg[1024]; /* as store_errmsg; truncated if longer */
};

enum store_open_flags {
    STORE_CREATE = 1 << 0,   /* create the file (mode 0600) when missing */
    STORE_READONLY = 1 << 1, /* open read-only, never migrate */
    STORE_WRITE = 1 << 2,    /* the caller will write: refuse a read-only folder */
};

/* Opens (and with STORE_CREATE creates) the database at path, then
 * migrates it to the current schema unless read-only. Refuses a file that
 * is not SQLite, is corrupt, or has a newer schema than this binary knows;
 * a missing file without STORE_CREATE says to run `serptrack init`.
 * Refuses, without opening it, anything but a regular file, and an empty
 * file unless STORE_CREATE. In a folder this user cannot write, opens
 * read-only (immutable when SQLite cannot set up WAL reading there),
 * refusing when STORE_WRITE is given and when a non-empty -wal has no
 * -shm beside it (its committed data would be silently ignored).
 * On failure returns -1 with *out NULL and, when err is not NULL, *err
 * filled; on success err->code is STORE_ERR_NONE. */
int store_open(const char *path, int flags, store **out, struct store_error *err);
void store_close(store *st);
int store_schema_version(store *st);
/* Latest schema version this binary knows. */
int store_schema_latest(void);
/* PRAGMA integrity_check; 0 when "ok". */
int store_integrity_check(store *st);

/* Explicit transactions for multi-row commands (kw import). Nested calls
 * are counted; only the outermost commits. */
int store_begin(store *st);
int store_commit(store *st);
void store_rollback(store *st);
/* 1 when SQLite itself rolled back the open transaction (a full disk, an
 * I/O error): everything since the outermost store_begin is gone, and a
 * caller looping over rows must stop rather than go on in autocommit. */
int store_tx_aborted(store *st);
/* A read transaction around a command's many reads (rank, report): one
 * snapshot, and the lock is taken once instead of per statement. Nests;
 * inside a store_begin transaction it adds nothing. Do not write (or call
 * store_begin) between these two. store_end_read never fails: a read-only
 * transaction has nothing to lose. */
int store_begin_read(store *st);
void store_end_read(store *st);

/* Another process holding the write lock: a statement waits up to ms
 * (5000 after store_open) for it. With quiet, a call that fails because
 * the lock was still held records no message (only STORE_ERR_BUSY), for
 * a caller that keeps its data and retries (run and track keep fetched
 * checks in memory). */
void store_set_busy(store *st, int ms, int quiet);
/* 1 when a call failed because another process held the database since
 * the previous call of this function (the flag is cleared). */
int store_busy_failed(store *st);

/* --- sites ---------------------------------------------------------------- */
/* Adds a site; domain is normalised to its registrable domain. Fails when
 * it exists. *id may be NULL. */
int store_site_add(store *st, const struct model_site *s, long long *id);
/* Updates the site with s->domain: NULL strings and rent < -1.5 (use
 * STORE_RENT_KEEP), competitor < 0 and paused < 0 leave a field unchanged;
 * an empty business_name, phone or competitor_of clears it. competitor_of
 * must name one of our sites. */
#define STORE_RENT_KEEP (-2.0)
int store_site_update(store *st, const struct model_site *s);
int store_site_get(store *st, const char *domain, struct model_site *out);
int store_site_list(store *st, struct model_site **out, size_t *n);
/* 1 when site c competes on the keywords of our site `owner` (a domain;
 * NULL for keywords without a site): c is a competitor of that site or of
 * no site in particular. The rule the store's rank rows follow. */
int store_competes(const struct model_site *c, const char *owner);
/* What removing a site deletes: its keywords, their checks, its rank rows
 * (on every keyword), leads and the alerts of its keywords, and its
 * geo-grids with their scans. */
struct store_site_usage {
    long long keywords, checks, ranks, leads, alerts, grids, grid_scans;
};
/* Fills *u for domain; 1 when found, 0 when not tracked, -1 on error. */
int store_site_usage(store *st, const char *domain, struct store_site_usage *u);
/* Removes a site, its ranks and leads, and its keywords with their
 * checks and history (a competitor has no keywords: only its rank rows
 * go). 0 when removed, -1 with a message when it does not exist. */
int store_site_rm(store *st, const char *domain);
/* The keywords a site gets rank rows for: its own, and for a competitor
 * every keyword (competitor_of NULL) or those of the site it competes
 * with. *ids is allocated (the caller frees it), ascending. 0 or -1. */
int store_site_keywords(store *st, long long site_id, long long **ids, size_t *n);
/* The ok checks of keyword_id that have no rank row for site_id yet (a
 * site added or made a competitor later gets its past from the stored
 * pages, track_site_backfill): their ids and times, oldest first, in
 * *ids and *at (allocated; the caller frees both). 0 or -1. */
int store_site_missing_checks(store *st, long long keyword_id, long long site_id,
                              long long **ids, long long **at, size_t *n);

/* The sites a check of keyword_id gets rank rows for (the matcher,
 * track_match_rows, decides which result is which): its own site and every
 * competitor of it, or only site_id when that is not 0 (none when site_id
 * competes with another site). As stored, ascending by id; *out is
 * allocated, free it with store_rank_sites_free. 0 or -1. */
struct store_rank_site {
    long long id;
    char *domain;        /* registrable domain, as stored */
    char *business_name; /* NULL = none */
    char *phone;         /* NULL = none */
};
int store_rank_sites(store *st, long long keyword_id, long long site_id,
                     struct store_rank_site **out, size_t *n);
void store_rank_sites_free(struct store_rank_site *v, size_t n);
/* Writes the rank rows of a stored check (keyword, time and location are
 * the check's), e.g. a site's past from track_site_backfill. 0 or -1. */
int store_rank_rows_put(store *st, long long check_id, const struct model_rank_row *rows,
                        size_t n);

/* --- keywords ------------------------------------------------------------- */
/* Adds a keyword, adding its location row by name when new (see
 * store_location_get_or_add). When the same (query, engine, location,
 * device, site) exists, sets *id to it and returns 1 instead of adding a
 * duplicate. */
int store_kw_add(store *st, const struct model_keyword *k, long long *id);
int store_kw_get(store *st, long long id, struct model_keyword *out);
struct store_kw_filter {
    const char *site; /* NULL = all */
    const char *tag;  /* NULL = all; matches one comma-separated tag */
};
int store_kw_list(store *st, const struct store_kw_filter *f, struct model_keyword **out,
                  size_t *n);
/* Removes a keyword with all its checks. -1 with a message when absent. */
int store_kw_rm(store *st, long long id);
/* Edits a keyword in place (its checks and history stay): tags NULL keeps
 * them ("" clears), depth 0 keeps it, schedule NULL keeps it. Validated as
 * store_kw_add does; -1 with a message, also when id does not exist. */
int store_kw_set(store *st, long long id, const char *tags, int depth, const char *schedule);
/* Pauses (paused = 1) or resumes a keyword; -1 with a message when absent. */
int store_kw_pause(store *st, long long id, int paused);
/* Keywords (neither paused nor of a paused site) whose last ok check is
 * older than their schedule's interval at time now (never checked = due),
 * ordered by id. The interval has a slack
 * of a tenth of it (at most an hour), so a daily cron finds yesterday's
 * check made a few seconds after its start due again. */
int store_kw_due(store *st, time_t now, struct model_keyword **out, size_t *n);
/* A keyword whose newest ok check (or, never checked, its creation) is
 * older than its schedule allows: the interval plus a tenth of it (at most
 * an hour), so a cron that has stopped shows, one that runs late by
 * minutes does not. Paused keywords, keywords of paused sites and
 * keywords without a site (never fetched) are never stale. */
struct store_stale {
    long long keyword_id;
    char *query;     /* owned */
    char *schedule;  /* owned */
    time_t last_ok;  /* 0 = never checked */
};
/* The stale keywords at time now, ordered by id; *out is owned by the
 * caller (store_stale_free_list). The one definition rank, report and
 * doctor use. */
int store_kw_stale(store *st, time_t now, struct store_stale **out, size_t *n);
void store_stale_free_list(struct store_stale *v, size_t n);

/* --- locations (locations.c) ----------------------------------------------
 * The places searches are made from, one row per canonical name (exact,
 * case-sensitive). Keywords, checks and rank rows point at them; a
 * location is never removed with its keywords (old checks keep it). */
/* The id of the location named loc->name into *id, adding it with loc's
 * coordinates and radius when new: 0 when added, 1 when it existed. An
 * existing row without coordinates gets loc's (a location stored before
 * they were known); coordinates already stored are kept. 0, 1 or -1. */
int store_location_get_or_add(store *st, const struct model_location *loc, long long *id);
/* 1 and *out (its name owned by *out: model_location_release) when found,
 * 0 when not, -1 on error. */
int store_location_get(store *st, long long id, struct model_location *out);
/* 1 and *out for the location called name (exactly), 0 when none, -1. */
int store_location_find(store *st, const char *name, struct model_location *out);
/* Every location, by name; *out owned by the caller
 * (store_location_free_list). 0 or -1. */
int store_location_list(store *st, struct model_location **out, size_t *n);
void store_location_free_list(struct model_location *v, size_t n);

/* --- geo-grids (grid.c) --------------------------------------------------- */
/* Adds grid g (id, last_scan ignored; site must exist: STORE_ERR_NOTFOUND
 * otherwise); *id receives its id. 0 or -1. */
int store_grid_add(store *st, const struct model_grid *g, long long *id);
/* 1 and *out filled (model_grid_release) when grid id exists, 0 when not, -1. */
int store_grid_get(store *st, long long id, struct model_grid *out);
/* Every grid (site NULL) or a site's grids, by id; *out owned
 * (model_grid_free_list). 0 or -1. */
int store_grid_list(store *st, const char *site, struct model_grid **out, size_t *n);
/* Deletes grid id and its scans: 1 deleted, 0 no such grid, -1. */
int store_grid_rm(store *st, long long id);
/* Stores a whole scan (its points) in one transaction; *id its id. */
int store_grid_scan_save(store *st, const struct model_grid_scan *scan, long long *id);
/* The scans of grid_id with since <= checked_at <= until (until 0 = no
 * end), oldest first, with their points when with_points, else points
 * NULL and n_points 0. *out owned: model_grid_scan_release each, then free(*out). */
int store_grid_scans(store *st, long long grid_id, time_t since, time_t until, int with_points,
                     struct model_grid_scan **out, size_t *n);
/* The latest scan of grid_id at or before at (0 = the latest of all), with
 * points: 1 found (model_grid_scan_release), 0 none, -1. */
int store_grid_scan_at(store *st, long long grid_id, time_t at, struct model_grid_scan *out);
/* The grids due at now (not paused, site not paused, never scanned or the
 * latest scan older than the schedule, with the keywords' slack), by id;
 * *out owned (model_grid_free_list). 0 or -1. */
int store_grid_due(store *st, time_t now, struct model_grid **out, size_t *n);

/* --- tasks posted to a provider's queue --------------------------------------- */
/* Records task_id (provider's id) posted for keyword_id at posted_at;
 * recording it twice is harmless. 0 or -1. */
int store_ptask_add(store *st, const char *provider, const char *task_id, long long keyword_id,
                    time_t posted_at);
/* The newest open (posted, not collected) task of keyword_id at provider
 * posted at or after since: 1 with *task_id (newly allocated) and
 * *posted_at (may be NULL), 0 none, -1. */
int store_ptask_open(store *st, const char *provider, long long keyword_id, time_t since,
                     char **task_id, time_t *posted_at);
/* Closes a task: collected (1) or given up (0). 0 or -1. */
int store_ptask_close(store *st, const char *provider, const char *task_id, int collected);
/* Forgets tasks posted before `before`, open or not. 0 or -1. */
int store_ptask_prune(store *st, time_t before);

/* --- checks --------------------------------------------------------------- */

/* Stores a check, its results and its rank rows (c->ranks: the keyword's
 * site and every competitor site, as the caller matched them; no rank rows
 * unless status is ok), all in one transaction. *id may be NULL. The rows
 * must be for exactly the sites store_rank_sites lists in that transaction
 * (fails with STORE_ERR_STALE when a site came or went since they were
 * read). track_check_save matches and stores. */
int store_check_save(store *st, const struct model_check *c, long long *id);
/* 1 when keyword has an ok check (or, with any_status, any check) at or
 * after since; used by `run` to resume without re-fetching. */
int store_kw_checked_since(store *st, long long keyword_id, time_t since, int any_status);
/* Smart depth: the organic counts per page (from page 1, at most max) of
 * keyword_id's latest ok check that recorded them, into counts; returns
 * how many (0 = none known), or -1. */
int store_kw_page_counts(store *st, long long keyword_id, int *counts, int max);

struct store_check_info {
    long long id;
    long long keyword_id;
    time_t checked_at;
    enum serp_engine engine;
    char *provider;
    enum model_status status;
    char *reason;
    int http_status;
    int depth;
    int approx;   /* positions assume 10 results a page (smart probe) */
    char *pages;  /* organic counts per page from page 1 ("8,10"); owned, may be NULL */
    char *location; /* name of the location it was made from; owned, NULL = none
                     * (filled by store_serp_get only) */
};
void store_check_info_release(struct store_check_info *c);
/* The check of keyword_id stored on the UTC day holding `day` (latest that
 * day), or the latest check when day == 0; its results into *page. */
int store_serp_get(store *st, long long keyword_id, time_t day, struct store_check_info *info,
                   struct serp_page *page);

/* --- rank table (rows are model.h's struct model_rank) ----------------------- */
struct store_rank_filter {
    const char *site;  /* NULL = all of our sites */
    const char *tag;
    int competitors;   /* also rows for competitor sites */
};
int store_rank_list(store *st, const struct store_rank_filter *f, struct model_rank **out,
                    size_t *n);

/* --- history -------------------------------------------------------------- */
struct store_history {
    time_t checked_at;
    enum model_status status;
    char *reason;
    int position; /* MODEL_NONE = not ranked within depth (or failed check) */
    int depth;
    char *url;
    int approx;   /* position counted as if earlier pages held 10 results */
    int local;    /* local pack position of the site's rank row: 1.., 0 when
                   * not in the pack or no row, MODEL_PACK_UNKNOWN for rows
                   * stored before pack positions were kept */
};
/* One row per check of keyword_id since `since` (0 = all), oldest first,
 * positions for `site` (NULL = the keyword's own site). */
int store_history_list(store *st, long long keyword_id, const char *site, time_t since,
                       struct store_history **out, size_t *n);
/* One keyword's history as store_site_histories hands it over: h and its
 * strings are borrowed for the call. */
struct store_kw_history {
    long long keyword_id;
    struct store_history *h; /* as store_history_list, oldest first */
    size_t n;
    unsigned features;       /* SERP_F_* of the latest of these checks (0 when it
                                failed): latest time, then highest id */
    int local;               /* local pack position of the latest of these rank
                                rows: 1.., 0 when not in the pack or no row,
                                MODEL_PACK_UNKNOWN for rows stored before pack
                                positions were kept */
};
typedef int (*store_kw_history_fn)(const struct store_kw_history *kh, void *arg);
/* Every keyword of site owner_id that has checks since `since`, in
 * keyword id order, with positions from rank_site_id's rank rows (0 = no
 * positions): store_history_list's rows per keyword, read in one pass.
 * Stops at fn's first non-zero return and returns it; 0, or -1 on
 * failure. */
int store_site_histories(store *st, long long owner_id, long long rank_site_id, time_t since,
                         store_kw_history_fn fn, void *arg);
/* The local pack position (1.., 0 when not in the pack, or
 * MODEL_PACK_UNKNOWN) of site's rank row for the check of keyword_id at
 * checked_at, as the matcher stored it: 1, 0
 * when there is no such row (*local = 0), -1 on failure. */
int store_rank_local_at(store *st, const char *site, long long keyword_id, time_t checked_at,
                        int *local);
void store_history_free_list(struct store_history *v, size_t n);

/* Positions of a (competitor) domain across all keywords since `since`:
 * calls fn once per ok check where the domain appears in the organic
 * results (best position of the domain in that check), in no particular
 * order. An untracked domain is read from the domain index (built or
 * brought up to date first when the store is writable). */
int store_domain_positions(store *st, const char *domain, time_t since,
                           void (*fn)(long long keyword_id, time_t checked_at, int position,
                                      void *arg),
                           void *arg);
/* The same from every stored result list, without the domain index (the
 * reference it is tested and benchmarked against; slow). */
int store_domain_positions_scan(store *st, const char *domain, time_t since,
                                void (*fn)(long long keyword_id, time_t checked_at, int position,
                                           void *arg),
                                void *arg);

/* --- AI overviews (ai.c) --------------------------------------------------- */
/* A stored check's AI overview. */
struct store_ai {
    long long check_id;
    time_t checked_at;
    int present;             /* the page had an AI overview */
    int known;               /* 0: an overview stored before its cites were kept
                              * (schema < 13): cited or not is unknown */
    struct serp_cite *cites; /* in citation order; owned, store_ai_release */
    size_t n;
};
/* The nth latest ok check of keyword_id (0 = the latest): 1, 0 when there
 * is none (out zeroed), -1 on failure. */
int store_ai_nth(store *st, long long keyword_id, int nth, struct store_ai *out);
/* The latest ok check of keyword_id with since <= checked_at <= until
 * (until 0 = no end) whose page had an AI overview with its cites kept:
 * 1, 0 when there is none, -1 on failure. */
int store_ai_last_overview(store *st, long long keyword_id, time_t since, time_t until,
                           struct store_ai *out);
void store_ai_release(struct store_ai *a);

/* --- raw archive and reparse ---------------------------------------------- */
/* Calls fn for every check since `since` that has an archived raw page;
 * fn returns 0 to go on, -1 to stop. */
int store_raw_each(store *st, time_t since,
                   int (*fn)(const struct store_check_info *c, const void *raw, size_t len,
                             void *arg),
                   void *arg);
/* Replaces the results and rank rows of an existing check with page and
 * ranks (one transaction; ranks are written only when the resulting status
 * is ok; STORE_ERR_STALE as store_check_save), keeping its time and status
 * unless new_status >= 0. track_check_replace matches and replaces. */
int store_check_replace(store *st, long long check_id, const struct serp_page *page,
                        int new_status, const char *reason, const struct model_rank_row *ranks,
                        size_t n_ranks);
/* Fills *page (initialised here; the caller releases it with
 * serp_page_release) with the stored results of a check. 0 or -1. */
int store_page_load(store *st, long long check_id, struct serp_page *page);
/* The keyword and status of a stored check: 1, 0 when there is no such
 * check, -1 on failure. */
int store_check_head(store *st, long long check_id, long long *keyword_id, int *status);
/* Deletes archived raw pages older than before. */
int store_raw_prune(store *st, time_t before);

/* --- state (small named integers) ----------------------------------------- */
/* key is a literal such as "run_finished_at" (STORE_STATE_RUN_FINISHED). */
#define STORE_STATE_RUN_FINISHED "run_finished_at"
int store_state_set(store *st, const char *key, long long value);
/* 1 and *value when set, 0 when not, -1 on failure. */
int store_state_get(store *st, const char *key, long long *value);

/* --- search volume (research) --------------------------------------------- */
struct store_volume {
    char *query;       /* normalised: lower-case, single spaces */
    char *location;    /* NULL = national */
    long long volume;  /* monthly searches; < 0 unknown */
    double cpc;        /* USD; < 0 unknown */
    double competition;/* 0..1; < 0 unknown */
    char *source;      /* "keyword-planner" | "csv" | ... */
};
int store_volume_set(store *st, const struct store_volume *v);
/* 1 when found (exact location first, then national). */
int store_volume_get(store *st, const char *query, const char *location, struct store_volume *out);
void store_volume_release(struct store_volume *v);

/* --- Search Console rows (gsc.c) ----------------------------------------- */
struct store_gsc_row {
    char *query;       /* normalised (research_normalise) */
    long long clicks, impressions;
    double ctr;        /* 0..1 */
    double position;   /* average position */
};
/* The period of one import: days start..end (UTC day starts, both
 * inclusive). */
struct store_gsc_period {
    time_t start, end, imported_at;
    long long rows, clicks, impressions;
};
/* Stores site's Search Console rows for the period [start, end] after
 * deleting every earlier import of the site whose period overlaps it (a
 * re-import replaces, never adds), inside the caller's transaction when
 * there is one. Rows repeating a query are merged (clicks and impressions
 * summed, position impression-weighted). *replaced (may be NULL) gets the
 * number of rows deleted. 0 or -1. */
int store_gsc_replace(store *st, const char *site, time_t start, time_t end, time_t imported_at,
                      const struct store_gsc_row *rows, size_t n, long long *replaced);
/* The site's latest import (latest end, then latest import): 1 and *out,
 * 0 when the site has none, -1 on error. */
int store_gsc_latest(store *st, const char *site, struct store_gsc_period *out);
/* The rows of site's import of exactly [start, end], by query; *out owned
 * by the caller (store_gsc_free_list). 0 or -1. */
int store_gsc_list(store *st, const char *site, time_t start, time_t end,
                   struct store_gsc_row **out, size_t *n);
void store_gsc_free_list(struct store_gsc_row *v, size_t n);

/* --- leads (call tracking) ------------------------------------------------ */
struct store_lead {
    long long id;
    char *site;        /* domain */
    time_t called_at;
    int duration;      /* seconds */
    char *caller;      /* NULL when unknown */
    char *source;      /* tracking number or source */
    char *ext_id;      /* the export's call id, for de-duplication; may be NULL */
};
/* Inserts unless the same call (ext_id, or site+time+caller) exists:
 * returns 1 when skipped as a duplicate, 0 when added. */
int store_lead_add(store *st, const struct store_lead *l);
/* Calls of at least min_duration seconds per site in [since, until). */
long long store_lead_count(store *st, const char *site, time_t since, time_t until,
                           int min_duration);
/* Every call of site (NULL: of every site) in [since, until), oldest
 * first, each with its site's domain. *out is owned by the caller (free
 * with store_lead_free_list); an untracked site gives none. 0 or -1. */
int store_lead_list(store *st, const char *site, time_t since, time_t until,
                    struct store_lead **out, size_t *n);
void store_lead_free_list(struct store_lead *v, size_t n);

/* --- alerts ----------------------------------------------------------------- */
struct store_alert {
    long long id;
    time_t raised_at;
    long long keyword_id;
    char *site;
    char *rule;       /* drop|left_top3|left_top10|entered_top3|entered_top10|lost_local|
                       * entered_local|moved_local|blocked|ai_cited|ai_uncited */
    char *message;    /* human-readable line */
    int sent;         /* delivered to (or given up by) every configured channel */
    int attempts;     /* store_alert_pending: attempts on that channel so far */
    char *delivery;   /* store_alert_list: "webhook: delivered; email: pending (2
                       * attempts: ...)", NULL when never tried */
};
int store_alert_add(store *st, const struct store_alert *a, long long *id);
int store_alert_list(store *st, time_t since, struct store_alert **out, size_t *n);
int store_alert_mark_sent(store *st, long long id);
void store_alert_free_list(struct store_alert *v, size_t n);
/* Unsent alerts (sent = 0), oldest first; with a channel ("webhook",
 * "email"), only those neither delivered nor given up on it, with the
 * attempts made on it in ->attempts. */
int store_alert_pending(store *st, const char *channel, struct store_alert **out, size_t *n);
/* Records one delivery attempt on a channel at `at`: delivered when error
 * is NULL, else the error is kept as last_error. */
int store_alert_attempt(store *st, long long alert_id, const char *channel, time_t at,
                        const char *error);
/* Stops retrying an alert on a channel (attempt or age cap reached). */
int store_alert_give_up(store *st, long long alert_id, const char *channel, time_t at);

/* --- checks to evaluate for alerts (issue 12 #2) ------------------------------ */
struct store_new_check {
    long long keyword_id;
    int ok; /* 1: at least one of its new checks is ok */
};
/* Keywords with a check whose id is above the alert watermark, in keyword
 * order, and in *upto the largest check id (what to pass to
 * store_alert_watermark_set once they are evaluated). Owned by the caller
 * (free). */
int store_checks_unevaluated(store *st, struct store_new_check **out, size_t *n,
                             long long *upto);
int store_alert_watermark_set(store *st, long long upto);

/* --- request ledger (usage and cost) --------------------------------------- */
int store_usage_add(store *st, time_t at, const char *provider, enum serp_engine engine,
                    int requests, int failures);
/* Adds to the ledger row *row (one per provider and engine for a run, so
 * the ledger grows by rows per run, not per request), or inserts one
 * dated `at` and sets *row when *row is 0 or that row is gone. units:
 * what those requests are billed, in the provider's base price (one a
 * request, except DataForSEO's further pages at 0.75). 0 or -1. */
int store_usage_bump(store *st, long long *row, time_t at, const char *provider,
                     enum serp_engine engine, long long requests, long long failures,
                     double units);
struct store_usage {
    char *provider;
    enum serp_engine engine;  /* SERP_ENGINE_UNKNOWN for a row with no engine */
    long long requests;
    long long failures;
    double units;             /* billed units: the cost is units x price / 1000 */
};
/* Totals since `since`, one per provider and engine, ordered by provider
 * then engine. *out owned by the caller (store_usage_free_list). */
int store_usage_list(store *st, time_t since, struct store_usage **out, size_t *n);
void store_usage_free_list(struct store_usage *v, size_t n);

#endif
