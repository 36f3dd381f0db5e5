/* track.h - the tracking pipeline without the CLI, so `track`, `run` and a
 * worker process share it: crawl a set of keywords and store each check
 * the moment it is complete (track_checks), the cron run's policies - lock,
 * resume, retry rounds, archive pruning (track_run_*), alert rules
 * (track_alert_*) and their delivery by webhook and SMTP (track_notify_*).
 *
 * Nothing here prints: failures come back as values (-1 plus a struct
 * track_err where a caller has something to say), and what a person may
 * want to read while it works (progress, per-check failures, retries) goes
 * to the struct track_sink the caller supplies. Messages handed to the
 * sink are borrowed for the call only. */
#ifndef SERPTRACK_TRACK_H
#define SERPTRACK_TRACK_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "crawl.h"
#include "store.h"

/* --- messages out ---------------------------------------------------------- */
enum track_level { TRACK_INFO, TRACK_WARN, TRACK_ERROR };

struct track_stats;

/* cmd/ supplies these; any member may be NULL (then nothing is said). */
struct track_sink {
    /* one line, without the "serptrack: " prefix; msg is borrowed */
    void (*say)(enum track_level level, const char *msg, void *arg);
    /* after each finished check (final = 0) and once at the end (1) */
    void (*progress)(const struct track_stats *s, double started, int final, void *arg);
    void *arg;
};

/* Formats one line for the sink's say(), if sink and say are set (one
 * copy for every track/ file that talks to its caller). */
__attribute__((format(printf, 3, 4))) void track_say(const struct track_sink *sink,
                                                     enum track_level level, const char *fmt, ...);

/* The failure a caller reports: empty message = nothing to add (the store
 * failure behind it went to the sink, see track_store_fail). */
struct track_err {
    char msg[512];
};

/* After a store call failed: its recorded message (store_errmsg) goes to
 * sink as TRACK_ERROR lines, and is cleared; with no sink it stays in the
 * store for the caller. track_store_fail puts a one-line message in err
 * instead when err holds none yet (the caller reports err right away).
 * Both return -1. */
int track_store_say(store *st, const struct track_sink *sink);
int track_store_fail(store *st, const struct track_sink *sink, struct track_err *err);

/* --- keywords through a provider's task queue (queued.c) ---------------------- */
struct track_queued_cb {
    /* a finished keyword, as crawl_keywords' done(): r is released after
     * the call (take what is kept); non-zero stops the queue work */
    int (*done)(struct crawl_result *r, void *arg);
    /* tasks the provider accepted (billed) and their billed units
     * (engine_units), for the usage ledger; may be NULL */
    void (*billed)(enum serp_engine e, long long tasks, double units, void *arg);
    void *arg;
};
struct track_queued_stats {
    size_t posted;    /* tasks posted (billed) by this call */
    size_t resumed;   /* tasks an earlier run posted today, collected here */
    size_t collected; /* tasks collected with a result page */
    size_t failed;    /* tasks refused or answered with an error */
    size_t left;      /* still queued when the wait ended: the next run collects them */
    size_t polls;     /* ready-list requests */
    size_t unclosed;  /* collected but not marked so (the store was busy) */
    char why[256];    /* why polling stopped early; "" when it did not */
};
/* 1 when k's engine is set to a provider with a queue and queue = yes. */
int track_queued_wanted(const struct config *cfg, const struct model_keyword *k);
/* Checks kws[0..n) (each track_queued_wanted) through their providers'
 * queues with crawler c, as described in queued.c; results go to cb.
 * 0, or -1 when a request could not be built, a task could not be
 * recorded, or done() stopped it. */
int track_queued(store *st, const struct config *cfg, struct crawl *c,
                 const struct model_keyword *const *kws, size_t n, time_t now,
                 const struct track_queued_cb *cb, struct track_queued_stats *qs);

/* --- checks ---------------------------------------------------------------- */
struct track_opts {
    int concurrency;        /* 0 = config */
    long long max_requests; /* < 0 = no budget */
    int defer_failed;       /* 1: do not store blocked/error checks; list them */
    /* 1 (run): a keyword whose fetch key has another keyword's ok check
     * today, deep enough, is stored from a copy of it, not fetched */
    int reuse_today;
    const char *label;      /* "track" | "run" for messages; static */
    int db_wait_s;          /* keep checks while the database is locked; track_db_wait() */
    struct crawl *crawl;    /* borrowed: the run's crawler; NULL = one for this call */
    /* called after each batch of checks is stored (the run's heartbeat
     * renews its leases there); NULL = none */
    void (*stored)(void *arg);
    void *stored_arg;
};

/* A [budget] cap that stopped fetching for a provider or site (budget.c). */
struct track_budget_stop {
    char who[96]; /* the provider, or "site DOMAIN" */
    int usd;      /* 1: the money cap (spent, cap in USD); 0: requests */
    double spent, cap;
    size_t left;  /* keywords not fetched for it: not stored, still due */
};
#define TRACK_MAX_STOPS 8

struct track_stats {
    size_t total, ok, blocked, error, skipped;
    /* the caps that stopped fetching, one per provider or site */
    struct track_budget_stop stops[TRACK_MAX_STOPS];
    size_t n_stops;
    long long requests;
    int store_failed;   /* a check could not be stored */
    size_t unreachable; /* errors that were connection failures or timeouts */
    double secs;
    /* with defer_failed: indices into the keyword array of failed checks */
    size_t *failed;
    size_t n_failed, cap_failed;
    /* ids of keywords with a stored ok check (for alerts), owned */
    long long *ok_ids;
    size_t n_ok_ids, cap_ok_ids;
    /* ids of keywords with a stored blocked or error check (not the
     * deferred ones), owned: the run completes their tasks as failed */
    long long *fail_ids;
    size_t n_fail_ids, cap_fail_ids;
};

/* --- one fetch for everyone (share.c) -------------------------------------- */
/* Orders keywords by their fetch key (engine, query, location, device,
 * language, country, and a grid point's coordinates): 0 when one page
 * serves both. The site, depth and schedule are not part of it. */
int track_fetch_key_cmp(const struct model_keyword *a, const struct model_keyword *b);
/* kws grouped by fetch key, groups in the order of their first member. */
struct track_share {
    /* one fetch keyword per group, owned array: a shallow copy of the
     * group's first member (strings borrowed from kws, which must outlive
     * it) at the deepest member's depth, and with no site when the group
     * has several members (a shared page is fetched to full depth: smart
     * depth follows one site) */
    struct model_keyword *lead;
    size_t n_lead;
    size_t *member; /* indices into kws, group g at member[start[g]..start[g+1]) */
    size_t *start;  /* n_lead + 1 entries */
};
void track_share_group(const struct model_keyword *kws, size_t n, struct track_share *sh);
void track_share_release(struct track_share *sh);
/* A copy of src into dst (initialised here; release with
 * serp_page_release) without the organic results past depth. 0, or -1
 * (dst left empty). */
int track_share_copy_page(const struct serp_page *src, int depth, struct serp_page *dst);

/* Leaves in sh only the members with keep[i] set (i indexes member[], as
 * start[] does), and the groups that keep one (the rest not fetched). */
void track_share_keep(struct track_share *sh, const unsigned char *keep);

/* --- [budget] caps (budget.c) ---------------------------------------------- */
/* Whether a fetch of req requests at usd_per_req each (< 0: no price, the
 * money cap cannot apply) fits under the caps (< 0: none) with spent_req
 * requests and spent_usd spent today: 1, or 0 when it would pass one.
 * Reaching a cap exactly fits. Pure. */
int track_budget_fits(double spent_req, double cap_req, double spent_usd, double cap_usd,
                      double req, double usd_per_req);
/* Which of sh's members (groups of kws) may be fetched now under
 * [budget]: keep[i] (one
 * per member[] slot) 1 or 0. A fetch counts its most requests (its pages,
 * 1 for a provider that answers the whole depth). A site is stopped at
 * its first keyword that would pass its site_requests_per_day or
 * site_usd_per_day cap (a site's spend today: the pages its checks today
 * covered, so a shared fetch counts whole for each site, as if it had
 * fetched alone); a provider at the first fetch that would pass its
 * requests_per_day or usd_per_day cap (today's spend from the usage
 * ledger); no later keyword of a stopped site or provider is fetched.
 * Each stop goes into s->stops and is raised as a `budget` alert once a
 * day. Returns the requests admitted when some cap applies (the
 * crawler's budget, so retries do not pass a cap either), -1 when none
 * does, -2 on a store error (the store says why). */
long long track_budget_admit(store *st, const struct config *cfg, const struct model_keyword *kws,
                             const struct track_share *sh,
                             time_t now, unsigned char *keep, const struct track_sink *sink,
                             struct track_stats *s);
/* Adds round rs's stops to s (keywords left summed per provider). */
void track_budget_merge(struct track_stats *s, const struct track_stats *rs);
/* The summary line of a stop, "budget: serpapi reached 7 requests today
 * (cap 7); 5 keywords left for tomorrow". Newly allocated. */
char *track_budget_line(const struct track_budget_stop *b);

/* [run] db_wait_s (default 120, 0..86400), warning once when out of range:
 * how long fetched checks wait in memory for a locked database. */
int track_db_wait(const struct config *cfg);
/* Crawls kws[0..n) and stores each check, adding to *s. Returns 0, or -1
 * when the fetcher could not run or a storage error stopped it (err->msg
 * then says why when the store did not). */
int track_checks(store *st, const struct config *cfg, const struct model_keyword *kws, size_t n,
                 const struct track_opts *o, const struct track_sink *sink, struct track_stats *s,
                 struct track_err *err);
void track_stats_release(struct track_stats *s);

/* Which keywords a check-now asks for. `track` does not go through the
 * work queue, on purpose: it checks exactly what it is asked for, now,
 * due or not, and takes no run lock, so it runs beside a `run` that may
 * hold those keywords' tasks (a task is unique per keyword and day while
 * active: track would have to skip them, or check them outside the queue
 * anyway). And a `track` that dies would leave its tasks leased, keeping
 * the next `run` off those keywords until the lease ran out, where today
 * the run simply finds them due (or already stored today: the run's
 * resume rule reads the checks, which track stores like run). */
enum track_select { TRACK_SELECT_ALL, TRACK_SELECT_DUE, TRACK_SELECT_IDS };
/* The keywords to check: every one, the ones due at now, or ids[0..n_ids)
 * in that order. Paused keywords (or of a paused site) are never fetched,
 * whichever way they were asked for: left out, and with TRACK_SELECT_IDS
 * each one said to sink as a warning. *out is newly allocated (release
 * with model_keyword_free_list(*out, *n)). Returns 0, or -1 (err->msg says
 * which id does not exist, or is empty when the store said why). */
int track_select(store *st, enum track_select how, time_t now, const long long *ids,
                 size_t n_ids, const struct track_sink *sink, struct model_keyword **out,
                 size_t *n, struct track_err *err);

/* --- rank rows (match.c) ---------------------------------------------------- */
struct store_ops;
/* Which result on page p is which of sites[0..n): rows[j] gets sites[j]'s
 * best organic position (by registrable domain) and its URL (borrowed
 * from p), and its local pack position (by website domain, else business
 * name key, else phone key). p may be NULL (no positions). */
void track_match_rows(const struct serp_page *p, const struct store_rank_site *sites, size_t n,
                      struct model_rank_row *rows);
/* The key a business name is compared by: lower-case, apostrophes and
 * periods dropped, other punctuation and runs of space as one space, & as
 * "and", trailing company suffixes (LLC, Inc, Co, Corp, Ltd...) dropped:
 * "Bob's Plumbing Co., L.L.C." and "bobs plumbing" are one key. A new
 * string, or NULL for NULL or an empty key; the caller frees it. */
char *track_business_key(const char *name);
/* The last 10 digits of a phone number into key (so "+1 (512) 555-0100"
 * and "512.555.0100" agree); 1, or 0 with key "" when it has fewer. */
int track_phone_key(const char *phone, char key[11]);
/* store_check_save with c's rank rows matched here (c->ranks is ignored):
 * the check, its results and the rows of the keyword's site and every
 * competitor in one transaction. *id may be NULL. 0, or -1 (the store
 * says why). track_check_save_ops goes through ops. */
int track_check_save(store *st, const struct model_check *c, long long *id);
int track_check_save_ops(const struct store_ops *ops, store *st, const struct model_check *c,
                         long long *id);
/* store_check_replace with the rank rows matched on page. 0 or -1. */
int track_check_replace(store *st, long long check_id, const struct serp_page *page,
                        int new_status, const char *reason);
/* A site added (or made a competitor) later gets the rank rows it lacks for
 * every stored ok check of its keywords, matched on the stored pages, in
 * one transaction. The number of checks read (0 for an untracked domain),
 * or -1 (the store says why). */
long long track_site_backfill(store *st, const char *domain);

/* --- geo-grid scans (grid.c) ---------------------------------------------- */
/* What scanning grids did: points by outcome, and the scans stored. */
struct track_grid_stats {
    size_t scans;     /* scans stored */
    size_t points, ok, blocked, error;
    long long requests;
};
/* Scans grid g once: one check from each of its points (a Google page
 * with uule a+, or the SerpApi Maps list at the point), fetched through
 * the crawler with the keywords' pacing, retries, block handling and
 * usage ledger (each request counted as it is made), the site matched in
 * each point's local results (website, else business name, else phone)
 * and organic results; then the scan stored whole, blocked and error
 * points as such (never "not found"). o: concurrency, max_requests and a
 * shared crawler (o may be NULL). *scan_id (may be NULL) gets the stored
 * scan's id. Adds to *s. Returns 0, or -1 (err->msg says why unless the
 * store did). */
int track_grid_scan(store *st, const struct config *cfg, const struct model_grid *g, time_t now,
                    const struct track_opts *o, const struct track_sink *sink,
                    struct track_grid_stats *s, long long *scan_id, struct track_err *err);
/* Scans every grid due at now (store_grid_due), as track_grid_scan. */
int track_grid_run_due(store *st, const struct config *cfg, time_t now, const struct track_opts *o,
                       const struct track_sink *sink, struct track_grid_stats *s,
                       struct track_err *err);

/* --- the cron run ---------------------------------------------------------- */
/* Takes the exclusive lock of database db_path (symlinks resolved, so every
 * spelling meets the same lock). Returns the lock's fd (close it to
 * release; it dies with the process), -2 when another run holds it, -1
 * with err set on failure. */
int track_run_lock(const char *db_path, struct track_err *err);

struct track_run_opts {
    int concurrency;        /* 0 = config */
    long long max_requests; /* < 0 = no budget */
    int no_alerts;          /* track_run: raise and send no alerts */
};

struct track_run_result {
    int busy;                 /* another run holds the lock: nothing was done */
    int failed;               /* pruning, alerts or the run record failed (store said why) */
    struct track_stats stats; /* owned: track_stats_release */
    struct track_grid_stats grids; /* the due grids it scanned */
};

/* The whole cron run: the lock (r->busy when another run has it), every
 * due keyword with resume and retry rounds (track_run_due), archive
 * pruning, alerts raised for every check stored since the last evaluation
 * and sent (unless no_alerts; "run: N alerts raised" and delivery trouble
 * go to sink), and the time the run finished, for `doctor`. Returns 0 (see
 * r->failed), or -1 when tracking itself failed (err->msg says why unless
 * the store did). */
int track_run(store *st, const struct config *cfg, const char *db_path, time_t now,
              const struct track_run_opts *o, const struct track_sink *sink,
              struct track_run_result *r, struct track_err *err);

/* Tracks every keyword due at now through the work queue (store_ops.h:
 * enqueued, claimed by the owner "run", completed as each round's checks
 * are stored, what it did not get to released), skipping daily and
 * weekly ones an interrupted run already stored today (counted in
 * s->skipped); when another process holds the write lock at the start it
 * works from the due list without the queue. Call it holding the run
 * lock: it takes back what an earlier run left leased or retryable. It
 * retries blocked/error checks in later rounds ([run] retry_rounds,
 * retry_delay_ms, doubling) before storing them as failures - between
 * rounds their tasks are retryable in the queue, not leased, and the run
 * claims them again itself after its pause - with one
 * crawler for all the rounds (crawl_new_round between them). *s sums the
 * rounds (owned ok_ids; release with track_stats_release). Returns 0, or -1
 * (err->msg says why unless the store did). */
int track_run_due(store *st, const struct config *cfg, time_t now, const struct track_run_opts *o,
                  const struct track_sink *sink, struct track_stats *s, struct track_err *err);
/* Archive retention: drops raw pages older than [archive] keep_days before
 * now (0 = keep), and the queue's done and failed tasks after a week.
 * Returns 0 or -1. */
int track_run_prune(store *st, const struct config *cfg, time_t now);
/* The heartbeat of an owner of queue tasks: every lease_ms / 3 it renews
 * the leases on all the tasks it holds (store_ops task_renew_all), so a
 * run longer than its lease keeps them. last is when it last renewed
 * (start it at the claim). */
struct track_beat {
    const char *owner; /* borrowed */
    long long lease_ms;
    time_t last;
};
/* Renews b->owner's leases when a third of the lease has passed since
 * b->last (now is explicit). 1 when renewed (b->last = now), 0 when not
 * due yet, -1 when the store failed (b->last unchanged: the next call
 * tries again). */
int track_beat(store *st, struct track_beat *b, time_t now);

/* What the next retry round waits, in seconds: delay_s doubled per round
 * already run (round 0 = the first retry). */
double track_retry_wait(double delay_s, int round);
/* Whether failed checks get another round: rounds configured remain, some
 * failed, and the request budget is not spent (remaining 0). */
int track_retry_again(int round, int rounds, size_t n_failed, long long budget_left);

/* --- alerts ---------------------------------------------------------------- */
/* The rule names an alert is raised under (store_alert.rule), NULL-ended;
 * static. `alerts --kind` takes one of them. */
extern const char *const track_alert_kinds[];

/* Applies the rules ([alerts] drop, top3, top10, local_pack*, blocked_days)
 * to every check stored since the last evaluation (the store's alert
 * watermark), whoever stored it: keywords with a new ok check get the rank
 * rules, those with new failures the blocked rule. Raises each alert once
 * a day into the store and moves the watermark in the same transaction.
 * Returns the number raised, or -1 with the store's message left in st
 * (store_errmsg) for the caller to hand on. */
int track_alert_evaluate(store *st, const struct config *cfg, time_t now);

/* What the rank rules conclude from two ok checks of a keyword with a
 * site: the alerts to raise, each rule name (static) and its message
 * (newly allocated, free with track_alert_list_free). prev_pos/cur_pos are
 * positions or MODEL_NONE; depths are the checks' depths. Pure: no store. */
struct track_alert {
    const char *rule;
    char *what;
};
size_t track_alert_rank_rules(const struct config *cfg, int prev_pos, int prev_depth, int cur_pos,
                              int cur_depth, struct track_alert out[5]);
/* What the pack rules conclude from the site's pack positions at those two
 * checks (rank.local: 1.., 0 = not in the pack, MODEL_PACK_UNKNOWN = in it,
 * position not kept; MODEL_NONE = no rank row, which raises nothing):
 * lost_local ([alerts] local_pack), entered_local (local_pack_entered),
 * moved_local (local_pack_moved, both positions known). At most one; its
 * message newly allocated as above. Pure: no store. */
size_t track_alert_pack_rules(const struct config *cfg, int prev_local, int cur_local,
                              struct track_alert out[1]);
void track_alert_list_free(struct track_alert *v, size_t n);

/* --- AI overviews (ai.c) ---------------------------------------------------- */
/* The citation position (1..) of site's first link among an AI overview's
 * cited links v[0..n), 0 when the site is not cited. A link is the site's
 * by registrable domain, as organic matching: www. and subdomains count. */
int track_ai_cite_position(const struct serp_cite *v, size_t n, const char *site);
/* A site's view of one check's AI overview. */
struct track_ai_seen {
    int known;   /* 0: no such check, or an overview whose cites were not kept */
    int present; /* the page had an overview */
    int cited;   /* citation position 1.., 0 = not cited */
};
/* What the AI overview rules ([alerts] ai_overview) conclude from a site's
 * view of two ok checks: ai_cited (now cited, at N) or ai_uncited (cited
 * before, not now; the overview may be gone). Pure: no store; rule and
 * message as track_alert_rank_rules. */
size_t track_alert_ai_rules(const struct config *cfg, const struct track_ai_seen *prev,
                            const struct track_ai_seen *cur, struct track_alert out[1]);
/* A site's view of a stored check's AI overview. */
void track_ai_seen_of(const struct store_ai *a, const char *site, struct track_ai_seen *out);

/* --- notify ---------------------------------------------------------------- */
/* Sends the queued alerts through each configured channel (webhook,
 * email) on its own, recording delivery per alert and channel: a channel
 * that fails is retried alone on the next run, up to [alerts]
 * max_attempts (20) attempts and max_age_days (3) days, then given up.
 * Channel failures, give-ups and store failures are said through sink.
 * Returns 0, or -1 when a channel or the store failed. */
int track_notify_deliver(store *st, const struct config *cfg, const struct track_sink *sink);
/* The alert mail (headers and one body line per alert), CRLF throughout,
 * not dot-stuffed (libcurl's SMTP upload does that). Newly allocated. */
char *track_notify_mail_text(const char *date, const char *from, const char *to,
                             const char *const *lines, size_t n);

#endif
