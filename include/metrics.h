/* metrics.h - every derived number of the program, computed once: a
 * keyword's current/best/change from its rank history, local pack
 * position, visibility, estimated visits, per-day site metrics and the
 * series charts draw. Pure functions over plain structs (no printing, no
 * database), so rank, history, report, chart, value, research score and
 * alerts agree by construction.
 *
 * Ownership: functions that fill an out pointer with an array allocate it
 * and the caller frees it with free(); nothing else allocates. */
#ifndef SERPTRACK_METRICS_H
#define SERPTRACK_METRICS_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#define METRICS_NONE INT_MIN /* same value as MODEL_NONE: not ranked / unknown */

/* How an average position counts a keyword not ranked within its depth:
 * as Semrush does, so losing a keyword makes the average worse. */
#define METRICS_UNRANKED_POSITION 100

/* 1 when position is a real rank (not METRICS_NONE, not < 1). */
int metrics_ranked(int position);

/* Positions gained from before to now (positive = moved up);
 * METRICS_NONE when either is unknown. The rank table's 1d/7d/30d. */
int metrics_change(int before, int now);

/* Change over a report period: not ranked counts as one below the depth
 * (100 when unknown) so "entered" and "dropped out" sort sensibly; 0 when
 * ranked at neither end. */
int metrics_period_change(int start, int now, int depth);

/* Positions lost from before to now (positive = moved down; the alerts'
 * drop), where not ranked now counts as far below any depth (100000);
 * METRICS_NONE when not ranked before. */
int metrics_drop(int before, int now);
/* 1 when position is ranked within the top n (1..n): the alerts' top3 and
 * top10. */
int metrics_in_top(int position, int n);

/* The best (lowest) of two positions, either of which may be unranked. */
int metrics_best(int best, int position);

/* --- average position and site aggregates --------------------------------- */

struct metrics_avg {
    int n, ranked;
    double sum;
};
/* Adds one keyword's position (METRICS_NONE or < 1 = not ranked). */
void metrics_avg_add(struct metrics_avg *a, int position);
/* The average over the a->n keywords; -1 when there are none. */
double metrics_avg_position(const struct metrics_avg *a);

/* A set of keywords at one moment (a day of the trend, the report's start
 * or end): counts, average position and visibility. */
struct metrics_stats {
    struct metrics_avg avg;
    int top3, top10;
    double visibility_sum; /* sum of ctr_visibility over ranked keywords */
};
void metrics_stats_add(struct metrics_stats *s, int position);
/* Mean ctr_visibility over every keyword added, 0..1 (0 when none). */
double metrics_stats_visibility(const struct metrics_stats *s);

/* --- a keyword's rank history ----------------------------------------------- */

/* One check of a keyword as the metrics see it. */
enum metrics_check { METRICS_OK = 0, METRICS_BLOCKED, METRICS_FAILED };
struct metrics_point {
    time_t t;
    int position;               /* METRICS_NONE = not within depth */
    enum metrics_check status;  /* blocked/failed checks have no position */
};

/* What a keyword's whole history says now. */
struct metrics_rank {
    int position;        /* of the latest ok check; METRICS_NONE */
    int best;            /* best ever; METRICS_NONE = never ranked */
    int start_position;  /* first ok check at or after `since`; METRICS_NONE */
    time_t last_ok;      /* 0 = no ok check */
    long last_ok_index;  /* index of that check in the history; -1 = none */
    enum metrics_check status; /* of the latest check (METRICS_OK when none) */
    size_t n_period;     /* checks at or after `since` */
};
/* Summarises h[0..n), oldest first. */
void metrics_rank_of(const struct metrics_point *h, size_t n, time_t since,
                     struct metrics_rank *out);

/* 1 when the ranking URL differs from the previous ranking URL (both
 * known): two pages of the site compete for the query. `history` marks it,
 * the rank table compares interned URL ids the same way. */
int metrics_url_changed(const char *prev, const char *cur);

/* --- local pack ------------------------------------------------------------- */

/* Pack position of a listing found at 0-based index i of the pack whose
 * parsed position is `position` (0 = unknown: its order counts). */
int metrics_pack_slot(int position, size_t i);
/* 1 when a stored local-pack position means "in the pack". */
int metrics_in_pack(int local_position);
/* The pack place a chart draws for one check of a history
 * (store_history.local): 1..METRICS_PACK_MAX when the check is ok and the
 * place is known, else 0, a gap (not in the pack, failed check, or a row
 * stored before places were kept). */
#define METRICS_PACK_MAX 20 /* the longest Maps list a provider returns */
struct store_history;
int metrics_pack_place(const struct store_history *h);

/* --- visits and value ------------------------------------------------------ */

/* Estimated monthly visits, the one formula of report, value, portfolio
 * and research score: volume x the engine's share of it x the click rate;
 * 0 when the volume is unknown (< 0) or none. */
double metrics_visits(double volume, double share, double ctr);
/* The same at a position on the project's CTR curve (ctr_at); 0 when
 * not ranked. */
double metrics_visits_at(double volume, double share, int position);

/* --- per-day site metrics (the trend series of report and chart) ---------- */

struct metrics_day {
    time_t day;
    int n;               /* keywords with an ok check that day */
    int ranked;          /* of those, ranked within depth */
    double avg_position; /* metrics_avg_position() over the n; < 0 when n == 0 */
    double top3, top10;  /* share of the n keywords, 0..1 */
    double visibility;   /* mean ctr_visibility(position), 0..1 */
};

/* One keyword's checks, oldest first (borrowed). */
struct metrics_series {
    const struct metrics_point *p;
    size_t n;
};

/* The site trend over UTC days: the latest ok check of each keyword on a
 * day counts; a day without ok checks is a gap, not a zero. *out is
 * allocated (free()); *n = 0 and *out = NULL when there are no checks. */
void metrics_days(const struct metrics_series *kw, size_t n_kw, struct metrics_day **out,
                  size_t *n);

/* --- a domain's positions (series of report and chart) ------------------ */

struct store;
struct store_history;

/* Where a domain stands on keywords over time. A tracked site (ours or a
 * competitor added with `site add --competitor`) has stored rank rows; any
 * other domain is found in the stored organic results, loaded once here. */
struct metrics_positions {
    char *domain;      /* as given; owned */
    int tracked;       /* 1: use the store's rank rows */
    long long site_id; /* tracked: the site's id */
    struct metrics_domain_pos {
        long long keyword_id;
        time_t checked_at;
        int position;
        size_t order; /* load order (ties of one keyword in one second) */
    } *v;             /* untracked (or scanned) only; sorted by keyword_id, checked_at; owned */
    size_t n, cap;
};
/* domain NULL = the keywords' own site. Returns 0 or -1 with a message. */
int metrics_positions_load(struct store *st, const char *domain, time_t since,
                           struct metrics_positions *p);
/* Every position of domain since `since`, tracked or not, into p->v
 * (a competitor's latest positions on many keywords). 0 or -1. */
int metrics_positions_scan(struct store *st, const char *domain, time_t since,
                           struct metrics_positions *p);
void metrics_positions_release(struct metrics_positions *p);
/* The first entry of p->v for (keyword_id, t), or NULL; borrowed from p. */
const struct metrics_domain_pos *metrics_positions_find(const struct metrics_positions *p,
                                                       long long keyword_id, time_t t);
/* The keyword's checks since `since` with positions of p's domain (p NULL:
 * its own site), like store_history_list(); free with
 * store_history_free_list(). For an untracked domain the URL is NULL. */
int metrics_history(struct store *st, const struct metrics_positions *p, long long keyword_id,
                    time_t since, struct store_history **out, size_t *n);
/* Rewrites h[0..n) (the keyword's own checks) to p's untracked domain's
 * positions: ok checks get its position there or none, URLs are dropped. */
void metrics_positions_apply(const struct metrics_positions *p, long long keyword_id,
                             struct store_history *h, size_t n);

/* --- a site's trend (chart --site; the report's histories) ---------------- */

/* h[0..n) (a keyword's checks, oldest first) as metrics points: blocked
 * and failed checks have no position. *depth, when not NULL, gets the depth
 * of the latest ok check that recorded one. Allocated (free()). */
struct metrics_point *metrics_points_of(const struct store_history *h, size_t n, int *depth);

/* The site's keywords (store_kw_list order) and how they did. */
struct metrics_site_trend {
    size_t n_kw;
    int *position;           /* latest ok position of each keyword; METRICS_NONE; owned */
    struct metrics_day *days; /* metrics_days over the checks since `since`; owned */
    size_t n_days;
};
/* The trend of site site_id (domain site_domain) since `since`, or with
 * positions_of (not NULL, not the site itself) the positions of that
 * domain on the site's keywords, tracked or not. Read in one snapshot.
 * 0, or -1 (the store says why); release with metrics_site_trend_release. */
int metrics_site_trend(struct store *st, long long site_id, const char *site_domain,
                       const char *positions_of, time_t since, struct metrics_site_trend *out);
void metrics_site_trend_release(struct metrics_site_trend *t);

/* --- the rank table ----------------------------------------------------------- */

struct model_rank;
struct store_rank_filter;
/* store_rank_list() with the derived fields filled: change_1d/7d/30d from
 * the before_* positions (metrics_change) and in_local_pack from the pack
 * position. *out as store_rank_list gives it (model_rank_free_list()).
 * Returns 0, or -1 with a message. */
int metrics_rank_list(struct store *st, const struct store_rank_filter *f,
                      struct model_rank **out, size_t *n);
/* The derived fields of rows the store filled (also for tests). */
void metrics_rank_fill(struct model_rank *v, size_t n);

/* --- geo-grid scans ---------------------------------------------------------- */

struct model_grid_point;
/* Local Falcon's definitions over the points whose check is ok
 * (blocked/error points are not evidence either way and are counted
 * apart). A local position outside 1..20 counts as not found. */
struct metrics_grid {
    int n_points, n_ok, n_blocked, n_error;
    int n_found;   /* ok points where the business is in the top 20 */
    int n_top3;
    double arp;    /* mean local position over found points; -1 when none found */
    double atrp;   /* mean over ok points, not found = MODEL_GRID_NOT_FOUND (21); -1 when no ok point */
    double solv;   /* share (0..1) of ok points in 1..3; -1 when no ok point */
    double avg_position; /* mean organic position over ok points where it ranks; -1 none */
};
void metrics_grid(const struct model_grid_point *p, size_t n, struct metrics_grid *out);
/* How a grid metric moved between two scans, as shown with `decimals`
 * decimals (a move that rounds to nothing is the same): lower ARP and
 * ATRP are better, a higher SoLV (higher_better) is. *delta = now - prev
 * (times 100 for a share when percent). */
enum metrics_move { METRICS_MOVE_NONE, METRICS_MOVE_SAME, METRICS_MOVE_BETTER, METRICS_MOVE_WORSE };
enum metrics_move metrics_grid_move(double now, double prev, int percent, int higher_better,
                                    int decimals, double *delta);

#endif
