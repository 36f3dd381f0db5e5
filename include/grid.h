/* grid.h - the pure core of geo-grids (issue 17): parsing a grid's
 * centre, spacing and shape, laying out its points on the sphere, and
 * drawing a scan as a text map (terminal) or an inline SVG (report).
 * No store, no printing: errors come back as values.
 *
 * Ownership: grid_points() allocates *out (free()); the *why strings are
 * static; the drawing functions append to the caller's strbuf. Everything
 * else only borrows its arguments. */
#ifndef SERPTRACK_GRID_H
#define SERPTRACK_GRID_H

#include <stddef.h>

#include "model.h"
#include "util.h"

/* Mean Earth radius (IUGG), the one radius of every grid computation. */
#define GRID_EARTH_RADIUS_M 6371008.8
#define GRID_SPACING_MIN_M 1.0
#define GRID_SPACING_MAX_M 100000.0

/* Parses a spacing "500m", "1.5km", "2mi", "800" (metres), case-insensitive,
 * optional space before the unit; 1 m .. 100 km. 0 and *m set, or -1 with a
 * one-line reason in *why (static string). */
int grid_parse_spacing(const char *s, double *m, const char **why);
/* "LAT,LNG" in degrees (-90..90, -180..180), spaces allowed: 0 or -1 + *why
 * (static string). */
int grid_parse_center(const char *s, double *lat, double *lng, const char **why);
/* "square" | "hex" (case-insensitive): 0 or -1. */
int grid_parse_shape(const char *s, enum model_grid_shape *out);
/* "square" | "hex" (static). */
const char *grid_shape_name(enum model_grid_shape shape);
/* 1 when size is odd and within MODEL_GRID_SIZE_MIN..MAX. */
int grid_size_ok(long long size);
/* Number of points of a grid: size*size, or 3R(R+1)+1 for hex with R = size/2. */
size_t grid_point_count(int size, enum model_grid_shape shape);
/* The points of grid g (lat, lng, size, spacing_m, shape used) in row-major
 * order (north to south, west to east; hex: by axial row then column), with
 * row, col, lat, lng, east_m, north_m filled, status MODEL_OK, local and
 * position MODEL_NONE. east_m/north_m are the offsets on a flat square (or
 * pointy-top hex) lattice; lat/lng is where one arrives walking from the
 * centre that far (sqrt(e^2+n^2)) along that bearing on the sphere, so
 * near the centre a longitude step is spacing / cos(latitude), and far out
 * (a 21 x 100 km grid) neighbours stay spacing_m apart within 1%. *out
 * owned (free()). 0, or -1 when g is invalid (bad size, spacing, shape or
 * centre). */
int grid_points(const struct model_grid *g, struct model_grid_point **out, size_t *n);
/* Great-circle distance in metres (haversine, R = 6371008.8 m). */
double grid_haversine_m(double lat1, double lng1, double lat2, double lng2);
/* The band of a local position: 0 = 1-3, 1 = 4-10, 2 = 11-20, 3 = not
 * found (MODEL_NONE or anything outside 1..20), 4 = blocked/error (status
 * not ok). */
int grid_band(const struct model_grid_point *p);
enum { GRID_BANDS = 5 };
/* "#rrggbb" of a band (0..4), shared by the SVG and the gnuplot heat map;
 * static. */
const char *grid_band_colour(int band);
/* The band's name for legends: "1-3", "4-10", "11-20", "not found",
 * "blocked" (static). */
const char *grid_band_label(int band);
/* The text map of a scan: one cell per point (the local position, "--"
 * not found, "XX" blocked, "!!" error), rows north to south, the centre
 * marked [ ], hex rows offset by half a cell; ANSI colours by band when
 * tty. A cell without a point (a partial scan) is " ..". Ends with a
 * one-line key. Appends to sb. */
void grid_text_map(strbuf *sb, const struct model_grid *g, const struct model_grid_point *p,
                   size_t n, int tty);
/* An inline SVG heat map (for the HTML report): one cell per point
 * coloured by band (1-3 green, 4-10 yellow/orange, 11-20 red, not found
 * grey, blocked hatched/dark with "blocked" in its title), the number in
 * each cell, the centre marked, a small legend; every string XML-escaped.
 * width in px. Appends to sb. */
void grid_svg(strbuf *sb, const struct model_grid *g, const struct model_grid_point *p, size_t n,
              int width);
/* Appends s XML-escaped (& < > " ' as entities, invalid UTF-8 as U+FFFD,
 * control characters as spaces). NULL appends nothing. */
void grid_xml_escape(strbuf *sb, const char *s);

#endif
