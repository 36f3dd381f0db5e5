/* chart.h - trend charts drawn by gnuplot run as an external process.
 *
 * The renderer takes plain in-memory series (no database), writes ONE
 * gnuplot script for any number of charts (each with its own `set output`,
 * data sent inline as datablocks) and feeds it to one gnuplot process over
 * a pipe (posix_spawnp, no shell). Every user string (titles, keyword
 * queries, domains, output paths) goes through chart_quote(): a gnuplot
 * single-quoted string, in which gnuplot performs no backtick or macro
 * substitution, with control characters removed and UTF-8 sanitised; all
 * text is drawn with enhanced text off.
 *
 * Ownership: the renderer only borrows the structs below; the caller owns
 * them. chart_build_*() in chart_store.c fill them from the store (see
 * their comments for who frees what). */
#ifndef SERPTRACK_CHART_H
#define SERPTRACK_CHART_H

#include <stddef.h>
#include <time.h>

#include "util.h"

/* What a point of a series is. Only CHART_VALUE points are joined by
 * lines; anything else breaks the line (a gap). Blocked and failed checks
 * are also drawn as distinct marks along the bottom edge. */
enum chart_mark {
    CHART_VALUE = 0,  /* value is meaningful */
    CHART_NONE,       /* not ranked within depth / no data that day: gap */
    CHART_BLOCKED,    /* the check was blocked: gap + red mark */
    CHART_FAILED,     /* the check failed: gap + grey mark */
};

struct chart_point {
    time_t t;
    double value;
    enum chart_mark mark;
};

struct chart_series {
    const char *label;        /* borrowed; shown in the key */
    struct chart_point *pts;  /* borrowed; oldest first */
    size_t n;
    int colour;               /* 1-based palette index; 0 = by position in the panel */
    int dashed;               /* 1: dashed line (e.g. "top 3" beside a solid "top 10") */
};

enum chart_axis {
    CHART_AXIS_RANK = 0, /* positions: inverted, 1 on top, down to ymax */
    CHART_AXIS_PERCENT,  /* 0..100 */
};

struct chart_panel {
    const char *ylabel; /* borrowed */
    enum chart_axis axis;
    double ymax;        /* RANK: depth (e.g. 30, 100); PERCENT: ignored */
    struct chart_series *series;
    size_t n_series;
};

struct chart {
    const char *out_path; /* borrowed: *.png or *.svg */
    const char *title;    /* borrowed */
    struct chart_panel *panels; /* one or more, stacked vertically */
    size_t n_panels;
};

enum chart_format { CHART_PNG = 0, CHART_SVG };

/* Format from the path's extension (.png / .svg, any case); -1 when it is
 * neither (nothing printed). */
int chart_format_of(const char *path);

/* Appends s as a gnuplot single-quoted string literal: invalid UTF-8 is
 * replaced by U+FFFD, control characters (newline, tab, ESC...) become
 * spaces, and ' becomes U+2019 (gnuplot's '' doubling is unreliable at
 * the start of a string), so no quote character is ever inside the
 * literal. NULL appends ''. */
void chart_quote(strbuf *sb, const char *s);

/* Appends the whole gnuplot script that draws charts[0..n). Returns 0, or
 * -1 with a message when a chart is unusable (unknown extension, an output
 * path gnuplot would treat as a pipe). */
int chart_script(strbuf *sb, const struct chart *charts, size_t n);

/* Runs one gnuplot process over the script for charts[0..n). gnuplot is
 * $SERPTRACK_GNUPLOT when set, else `gnuplot` from PATH. Returns 0, or -1
 * with a message (gnuplot missing, gnuplot errors, output not written). */
int chart_render(const struct chart *charts, size_t n);

/* Runs gnuplot over an arbitrary script (used by chart_render, the
 * escaping tests and the benchmark). Returns 0 or -1 with a message. */
int chart_run_gnuplot(const char *script, size_t len);

/* 1 when the gnuplot chart_run_gnuplot would run ($SERPTRACK_GNUPLOT, else
 * `gnuplot` on PATH) exists: the one lookup, also doctor's. */
int chart_gnuplot_found(void);

/* Appends an output path as a gnuplot string literal, anchored at "./"
 * when relative so gnuplot never reads it as a pipe or "~". Returns 0, or
 * -1 with a message (empty, quotes, control characters, bad UTF-8). */
int chart_quote_path(strbuf *sb, const char *path);

/* --- gnuplot heat maps of geo-grid scans (heatmap.c) ----------------------
 * One cell per point at its true east/north offset (hex rows offset by
 * half a cell), coloured by grid_band() with grid_band_colour(); in each
 * cell the local position, "-" when not found, "X" when blocked and "!"
 * when the check failed; the centre ringed; axes in km east and north of
 * the centre; the title "QUERY — SITE" over "DATE · ARP a · ATRP t ·
 * SoLV s%" (ARP "-" when never found; blocked and failed points counted
 * when there are any). The grid and points are borrowed. */
struct model_grid;
struct model_grid_point;
/* Draws scan (points p, n) of grid g into out (.png or .svg by
 * extension). 0, or -1 after error(). */
int chart_heatmap(const char *out, const struct model_grid *g, time_t checked_at,
                  const struct model_grid_point *p, size_t n);
/* Before/after: two scans side by side (multiplot) with both dates and
 * metrics. 0, or -1 after error(). */
int chart_heatmap_pair(const char *out, const struct model_grid *g, time_t t0,
                       const struct model_grid_point *p0, size_t n0, time_t t1,
                       const struct model_grid_point *p1, size_t n1);
/* The gnuplot script chart_heatmap_pair (p1 NULL: chart_heatmap) would
 * run, appended to sb (for tests). 0, or -1 after error(). */
int chart_heatmap_script(strbuf *sb, const char *out, const struct model_grid *g, time_t t0,
                         const struct model_grid_point *p0, size_t n0, time_t t1,
                         const struct model_grid_point *p1, size_t n1);

#endif
