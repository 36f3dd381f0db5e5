/* report.h - the client report: one self-contained HTML file (inline CSS
 * and inline SVG drawn here, no script, nothing fetched from anywhere,
 * a Content-Security-Policy that forbids fetching) built from a plain
 * in-memory model, plus the thin layer that fills the model from the store.
 *
 * Every string that reaches the HTML goes through report_html_escape()
 * (UTF-8 sanitised, & < > " ' escaped); URLs become links only when
 * report_url_ok() says they are http(s).
 *
 * Ownership: a struct report and everything it points to is owned by the
 * report and released with report_release(). */
#ifndef SERPTRACK_REPORT_H
#define SERPTRACK_REPORT_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#include "metrics.h"
#include "model.h"
#include "util.h"

#define REPORT_NONE METRICS_NONE /* same value as MODEL_NONE: not ranked / unknown */

/* A check's outcome and one check of a keyword (position of the report's
 * site) are the metrics' own types, so the trend is computed there. */
#define REPORT_OK METRICS_OK
#define REPORT_BLOCKED METRICS_BLOCKED
#define REPORT_FAILED METRICS_FAILED

/* One cited link of an AI overview, as the report shows it. */
struct report_cite {
    char *domain; /* registrable domain; NULL when the URL has none */
    char *url, *title;
};

struct report_kw {
    long long id;
    char *query, *engine, *location, *device; /* location may be NULL */
    enum metrics_check status; /* of the latest check */
    int position;              /* latest ok check; REPORT_NONE = not ranked */
    int start_position;        /* first ok check of the period; REPORT_NONE */
    int best;                  /* best ever; REPORT_NONE = never ranked */
    int depth;                 /* results checked (for "not in top N") */
    char *url;                 /* ranking URL, NULL when not ranked */
    int in_local_pack;         /* pack position 1..; 0 = not in it; -1 = unknown */
    int start_local;           /* the same at the first ok check of the period */
    time_t start_local_at;     /* that check; 0 = none (no change to show) */
    time_t last_ok;            /* time of the latest ok check; 0 = none */
    char *features;            /* comma-separated SERP feature names; may be NULL */
    long long volume;          /* monthly searches; < 0 unknown */
    double share;              /* the engine's share of that volume (1 = Google's own,
                                * 0 counts as 1); report_build sets 1, the caller refines it */
    struct metrics_point *hist; /* checks in the period, oldest first */
    size_t n_hist;
    /* the latest ok check of the period that showed an AI overview with
     * its cites kept (ai_at 0 = none: nothing is said, old checks
     * included); the site's citation position there, 0 = not cited */
    time_t ai_at;
    int ai_cited;
    struct report_cite *ai; /* cited links in order, owned */
    size_t n_ai;
};

/* A geo-grid of the site with its latest scan in the period (the Local
 * grid section). Metrics are metrics_grid()'s: -1 = undefined (no point
 * found, or nothing scanned). */
struct report_grid {
    struct model_grid grid;      /* owned (model_grid_release) */
    struct model_grid_scan scan; /* owned (model_grid_scan_release);
                                  * checked_at 0 = no scan in the period */
    int n_points, n_ok, n_blocked, n_error, n_found, n_top3;
    double arp, atrp, solv;
    time_t prev_at;              /* the scan before it; 0 = none */
    double prev_arp, prev_atrp, prev_solv;
};

enum report_sort { REPORT_SORT_POSITION = 0, REPORT_SORT_CHANGE, REPORT_SORT_KEYWORD,
                   REPORT_SORT_VOLUME };

/* How the report's other domains did on the site's keywords (the
 * Competitors table of a client report). */
struct report_rival {
    char *domain;
    int n, ranked, top3, top10;
    double avg_position; /* metrics_avg_position() */
};

struct report {
    char *site;          /* domain */
    char *competitor;    /* whose positions these are; NULL = the site's own */
    char *site_name;     /* NULL when unset */
    char *client;        /* NULL when unset */
    char *brand;         /* agency name on the header; NULL = "serptrack" */
    time_t since, until; /* the period */
    time_t generated_at;
    struct report_kw *kw;
    size_t n_kw;
    struct metrics_day *days; /* filled by report_trend() (metrics_days) */
    size_t n_days;
    long long leads;     /* calls in the period; < 0 = no call data */
    int gsc_days;        /* the site's latest Search Console import: its days,
                          * 0 = none; gsc_start..gsc_end its period */
    time_t gsc_start, gsc_end;
    long long gsc_clicks; /* clicks over that period (every query) */
    size_t n_stale;      /* keywords whose newest check is older than their
                          * schedule allows (store_kw_stale) */
    time_t stale_since;  /* the oldest of their last ok checks; 0 = never */
    enum report_sort sort;
    struct report_rival *rivals; /* the site's competitors (client report only) */
    size_t n_rivals;
    struct report_grid *grids;   /* the site's grids, by id (client report only) */
    size_t n_grids;
};

/* Appends s HTML-escaped (& < > " ' as entities; invalid UTF-8 as U+FFFD;
 * control characters other than tab/newline as spaces). NULL appends "". */
void report_html_escape(strbuf *sb, const char *s);
/* 1 when url may be a link target: http:// or https:// with a host and no
 * whitespace or control characters. */
int report_url_ok(const char *url);
/* Writes v as printf("%.1f", v) would into buf (at least 400 bytes, owned
 * by the caller) and returns buf; the sparklines' number formatter. */
const char *report_fmt1(char *buf, double v);

/* Computes r->days from the keywords' histories (replacing any). */
void report_trend(struct report *r);

/* Appends the whole HTML document for r (sorts r->kw by r->sort). */
void report_html(struct report *r, strbuf *out);

/* Parses "position", "change", "keyword" or "volume"; -1 when unknown. */
int report_sort_parse(const char *s, enum report_sort *out);

void report_release(struct report *r);

struct store;
struct store_history;

/* Fills *r from the store: the site's keywords with their checks since
 * `since` (0 = everything), current ranks, SERP features, volumes and
 * call counts, then report_trend(). Positions are those of `positions_of`
 * (NULL = the site itself; a competitor domain, tracked or not, compares it
 * on the site's keywords; r->competitor then names it and r->leads stays
 * unknown: calls are the client's). A client report also gets r->rivals:
 * every competitor of the site (competitor = 1 and competitor_of NULL or the
 * site). Returns 0, or -1 with a message (unknown site...). */
int report_build(struct store *st, const char *site, const char *positions_of, time_t since,
                 struct report *r);

/* The grids of site (a stored domain), each with its latest scan at or
 * before until and not before since (0 = any), its metrics and those of
 * the scan before it; what the Local grid section shows. *out owned by the
 * caller (report_grids_free). 0, or -1 (the store says why). */
int report_grids(struct store *st, const char *site, time_t since, time_t until,
                 struct report_grid **out, size_t *n);
void report_grids_free(struct report_grid *v, size_t n);

#endif
