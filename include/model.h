/* model.h - what every module agrees on about a tracked keyword: the
 * constants (a day, the result page, the check depth) and the rules a
 * keyword must satisfy, so the command that reads it from the user and the
 * store that keeps it check the same thing (they used to keep copies);
 * and the location a search is made from.
 * The header needs nothing; src/model/model.c uses util only. */
#ifndef SERPTRACK_MODEL_H
#define SERPTRACK_MODEL_H

#define DAY_SECS 86400LL                /* seconds in a (UTC) day */
#define WEEK_SECS (7 * DAY_SECS)

#define MODEL_PAGE_SIZE 10              /* organic results per page, the engines' default */
#define MODEL_DEPTH_DEFAULT 30          /* results checked unless a keyword says otherwise */
#define MODEL_DEPTH_MIN 10              /* one page */
#define MODEL_DEPTH_MAX 100             /* ten pages: deeper nobody clicks */
#define MODEL_QUERY_MAX 32768           /* bytes of a query */
#define MODEL_SCHEDULE_HOURS_MAX 8760   /* "<N>h" up to a year */

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

#endif
