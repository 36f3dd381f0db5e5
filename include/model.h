/* model.h - what every module agrees on about a tracked keyword: the
 * constants (a day, the result page, the check depth) and the rules a
 * keyword must satisfy, so the command that reads it from the user and the
 * store that keeps it check the same thing (they used to keep copies);
 * the location a search is made from; and the types every module passes
 * around: a site, a tracked keyword, a check, a rank row, a queued task
 * (the store fills and keeps them, metrics and track compute on them, cmd
 * prints them: none of them owns the type).
 * Ownership: structs filled by the store own their strings; release them
 * with the matching model_*_release / model_*_free_list. src/model/ uses
 * util only. */
#ifndef SERPTRACK_MODEL_H
#define SERPTRACK_MODEL_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#include "serp_engines.h"

struct serp_page;

#define DAY_SECS 86400LL                /* seconds in a (UTC) day */
#define WEEK_SECS (7 * DAY_SECS)

#define MODEL_PAGE_SIZE 10              /* organic results per page, the engines' default */
#define MODEL_DEPTH_DEFAULT 30          /* results checked unless a keyword says otherwise */
#define MODEL_DEPTH_MIN 10              /* one page */
#define MODEL_DEPTH_MAX 100             /* ten pages: deeper nobody clicks */
#define MODEL_QUERY_MAX 32768           /* bytes of a query */
#define MODEL_SCHEDULE_HOURS_MAX 8760   /* "<N>h" up to a year */
#define MODEL_NONE INT_MIN              /* an absent integer (no position, no change) */
/* rank.local of rows stored before pack positions were kept: in the pack,
 * position unknown */
#define MODEL_PACK_UNKNOWN (-1)

/* A place searches are made from: a city by its canonical geotarget name
 * ("Austin,Texas,United States"), and (issue 17) a geo-grid point. One row
 * of the store's location table; the same type whoever computes it. name
 * is owned by the struct (model_location_release frees it). */
struct model_location {
    long long id;    /* the store's id; 0 = not stored */
    char *name;      /* canonical name, unique; owned */
    double lat, lng; /* degrees (WGS84), meaningful only when has_coords */
    int has_coords;  /* 0: coordinates unknown (a location stored before them) */
    int radius_m;    /* metres around the point it stands for; 0 = none */
};

/* Frees l->name and zeroes *l; NULL is fine. */
void model_location_release(struct model_location *l);

/* Seconds between checks for a schedule: "daily", "weekly" or "<N>h"
 * (1..MODEL_SCHEDULE_HOURS_MAX); -1 for anything else, NULL included. */
long long model_schedule_secs(const char *schedule);

/* Why a query cannot be tracked: empty (or blank), longer than
 * MODEL_QUERY_MAX, not UTF-8, or with control characters; NULL when it is
 * fine. The reason is a static string ("empty query"). */
const char *model_query_problem(const char *query);

/* The form queries are compared and keyed in (search volumes, research
 * matching): lower-case ASCII, whitespace runs as one space, trimmed.
 * Newly allocated (the caller frees it); NULL reads as "". */
char *model_query_norm(const char *query);

/* 1 when depth is within MODEL_DEPTH_MIN..MODEL_DEPTH_MAX. */
int model_depth_ok(long long depth);

/* 1 for "desktop" or "mobile". */
int model_device_ok(const char *device);

/* --- sites ------------------------------------------------------------------ */
struct model_site {
    long long id;
    char *domain;      /* registrable domain, lower-case, unique */
    char *name;        /* NULL when unset */
    char *client;      /* who rents it; NULL when unset */
    char *status;      /* idea|building|ranking|rented; never NULL once stored */
    double rent;       /* monthly rent in USD; < 0 when unset */
    int competitor;    /* 1: tracked as a competitor, not one of ours */
    char *niche;       /* e.g. "plumbing"; NULL when unset */
    char *phone;       /* call-tracking number (leads import, pack matching); NULL when unset */
    char *business_name; /* name in the local pack (pack matching); NULL when unset */
    int paused;        /* 1: its keywords are never fetched; -1 in an update: keep */
    char *competitor_of; /* domain of the site a competitor belongs to; NULL = every site */
    time_t created_at;
};
void model_site_release(struct model_site *s);
void model_site_free_list(struct model_site *v, size_t n);

/* --- tracked keywords ---------------------------------------------------------- */
struct model_keyword {
    long long id;
    char *query;           /* exactly as entered (any Unicode, any punctuation) */
    enum serp_engine engine;
    char *location;        /* canonical "Austin,Texas,United States" (the name of
                            * its location row); NULL = none */
    long long location_id; /* read: that row's id, 0 = none; ignored by kw add */
    double lat, lng;       /* the location's coordinates when has_coords: kw add
                            * gives them to a location row that has none yet;
                            * reads fill them from the row */
    int has_coords;
    int point_radius_m;    /* > 0: a geo-grid point: searched from exactly
                            * (lat, lng) with this radius (Google uule a+,
                            * an API's coordinates) instead of the city by
                            * name; never stored (a grid scan sets it) */
    char *device;          /* "desktop" | "mobile" */
    char *lang;            /* "en" */
    char *country;         /* "us" */
    int depth;             /* results to check: 10..100, default 30 */
    char *tags;            /* comma-separated, NULL when none */
    char *site;            /* domain of the site it is tracked for; NULL = none */
    char *schedule;        /* "daily" | "weekly" | "<N>h" */
    int paused;            /* read: 1 keyword paused, 2 its site paused, 3 both */
    time_t created_at;
};
/* Fills defaults for unset fields (engine google, device desktop, lang en,
 * country us, depth 30, schedule daily). */
void model_keyword_defaults(struct model_keyword *k);
void model_keyword_release(struct model_keyword *k);
void model_keyword_free_list(struct model_keyword *v, size_t n);

/* --- checks ------------------------------------------------------------------ */
enum model_status { MODEL_OK = 0, MODEL_BLOCKED, MODEL_ERROR };
const char *model_status_name(enum model_status s); /* static: ok|blocked|error */

/* One rank row of a check: a site's best organic position (MODEL_NONE when
 * absent within the depth) and its URL (borrowed; NULL when absent), and
 * its local pack position (0 = not in the pack). */
struct model_rank_row {
    long long site_id;
    int position;
    const char *url;
    int local;
};

/* One check of a keyword as the pipeline hands it to the store; every
 * pointer is borrowed from the caller. */
struct model_check {
    long long keyword_id;
    time_t checked_at;
    enum serp_engine engine;
    const char *provider;     /* direct|fetch-api|serp-api; borrowed */
    enum model_status status;
    const char *reason;       /* block reason or error text; NULL for ok */
    int http_status;          /* 0 when no response */
    int depth;                /* results actually checked (pages * 10) */
    int requests;             /* HTTP requests this check cost */
    const struct serp_page *page; /* results; may be NULL for errors */
    const void *raw;          /* optional raw page(s) to archive (compressed) */
    size_t raw_len;
    /* Organic results per page from page 1 that the positions were counted
     * with (NULL/0 = unknown); approx: positions assume 10 a page. */
    const int *page_organic;
    int n_page_organic;
    int approx;
    /* where the search was made from: 0 = the keyword's location (a
     * geo-grid point's id in issue 17) */
    long long location_id;
    /* its rank rows (track_match_rows; borrowed): written only when status
     * is ok */
    const struct model_rank_row *ranks;
    size_t n_ranks;
};

/* --- rank rows -----------------------------------------------------------------
 * One row of the rank table: a keyword, a site and where it stands.
 * Changes are previous - current, so a positive change is an improvement;
 * MODEL_NONE when either side is missing or unranked. */
struct model_rank {
    long long keyword_id;
    char *query, *location, *device, *tags;
    enum serp_engine engine;
    char *site;
    int competitor;           /* site is a competitor */
    enum model_status status; /* of the latest check */
    char *reason;             /* latest check's reason when not ok */
    int position;             /* latest ok check; MODEL_NONE = not within depth */
    int depth;                /* depth of that check */
    int approx;               /* that check's positions are approximate */
    int before_1d;            /* position of the previous ok check */
    int before_7d;            /* of the last ok check >= 7 days before the latest */
    int before_30d;
    int change_1d;            /* vs before_1d, and so on: filled by
                               * metrics_rank_list, MODEL_NONE from the store */
    int change_7d;
    int change_30d;
    int best;                 /* best position ever; MODEL_NONE when never ranked */
    char *url;                /* ranking URL of the latest ok check */
    int in_local_pack;        /* site's website is in the latest local pack
                               * (metrics_rank_list; 0 from the store) */
    int local_position;       /* its position there: 1.., 0 = not in the pack,
                               * MODEL_PACK_UNKNOWN = in it, position not kept */
    int url_changed;          /* the ranking URL differs from the one of the
                               * previous ranked check (another page of the
                               * site, or www <-> bare): two pages compete */
    time_t checked_at;        /* latest check (any status); 0 = never checked */
    time_t first_top10;       /* first check ranked <= 10; 0 = never */
};
void model_rank_free_list(struct model_rank *v, size_t n);

/* --- geo-grids (issue 17) ----------------------------------------------------
 * A grid is one query seen from many points around a centre: size x size
 * points (square), or the hex rings that fit in a diameter of size points
 * (3R(R+1)+1 points for R = size/2). Each point is one check from there;
 * its local position is the site's place in the local results (the pack,
 * or the Maps list up to 20 where the provider gives it). */
#define MODEL_GRID_SIZE_MIN 3
#define MODEL_GRID_SIZE_MAX 21
#define MODEL_GRID_NOT_FOUND 21  /* ATRP counts a point without the business as 21 */
enum model_grid_shape { MODEL_GRID_SQUARE = 0, MODEL_GRID_HEX };

struct model_grid {
    long long id;
    char *query;            /* as entered; owned */
    char *site;             /* domain of the tracked site; owned */
    enum serp_engine engine;
    char *device, *lang, *country; /* owned */
    char *location;         /* canonical name of the centre when given by
                             * --location; NULL for --center LAT,LNG; owned */
    double lat, lng;        /* the centre, degrees */
    int size;               /* MODEL_GRID_SIZE_MIN..MAX, odd */
    double spacing_m;       /* metres between neighbouring points */
    enum model_grid_shape shape;
    char *schedule;         /* "daily" | "weekly" | "<N>h"; owned */
    int paused;
    time_t created_at;
    time_t last_scan;       /* read: time of its latest scan, 0 = never */
};
void model_grid_release(struct model_grid *g);
void model_grid_free_list(struct model_grid *v, size_t n);

/* One point of a grid, and once scanned what was seen there. row 0 is the
 * north edge, col 0 the west edge; the centre is (size/2, size/2). A hex
 * point's row/col are its axial coordinates shifted to 0..size-1 (col =
 * q + R, row = r + R); east_m/north_m say where it really is. */
struct model_grid_point {
    int row, col;
    double lat, lng;
    double east_m, north_m;   /* offset from the centre in metres */
    enum model_status status; /* of its check: ok | blocked | error */
    int local;                /* local position 1..20; MODEL_NONE = not found
                               * in the local results, or no ok check */
    int position;             /* organic position; MODEL_NONE = not found */
};

/* One scan: every point of a grid checked once. */
struct model_grid_scan {
    long long id, grid_id;
    time_t checked_at;
    int requests;             /* HTTP requests it cost */
    struct model_grid_point *points; /* owned */
    size_t n_points;
};
void model_grid_scan_release(struct model_grid_scan *s);

/* --- the work queue ------------------------------------------------------------ */
/* A claimed task (plain values, nothing owned). */
struct model_task {
    long long id;
    long long keyword_id;
    time_t day;   /* the UTC day start it is for */
    int attempts; /* claims so far, this one included */
};

#endif
