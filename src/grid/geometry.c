/* geometry.c - a grid's parameters (spacing, centre, shape, size) and
 * where its points lie on the sphere (see include/grid.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grid.h"

#define GRID_PI 3.14159265358979323846
#define GRID_MILE_M 1609.344

static double rad(double deg)
{
    return deg * GRID_PI / 180.0;
}

static double deg(double r)
{
    return r * 180.0 / GRID_PI;
}

/* A plain decimal (digits with at most one dot, at least one digit):
 * strtod alone would take "nan", "inf", hex and exponents. Returns the
 * length of the number at s, 0 when there is none. */
static size_t decimal_len(const char *s, int allow_sign)
{
    size_t i = 0, digits = 0;
    int dot = 0;
    if (allow_sign && (s[i] == '-' || s[i] == '+'))
        i++;
    for (;; i++) {
        if (isdigit((unsigned char)s[i]))
            digits++;
        else if (s[i] == '.' && !dot)
            dot = 1;
        else
            break;
    }
    return digits ? i : 0;
}

int grid_parse_spacing(const char *s, double *m, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    if (!s) {
        *why = "no spacing given";
        return -1;
    }
    while (isspace((unsigned char)*s))
        s++;
    size_t len = decimal_len(s, 0);
    if (!len) {
        *why = *s == '-' ? "spacing must be positive" : "spacing must be a number with a unit (500m, 1.5km, 2mi)";
        return -1;
    }
    double v = strtod(s, NULL);
    const char *u = s + len;
    while (*u == ' ')
        u++;
    size_t ul = strlen(u);
    while (ul && isspace((unsigned char)u[ul - 1]))
        ul--;
    double factor;
    if (ul == 0 || (ul == 1 && tolower((unsigned char)u[0]) == 'm'))
        factor = 1;
    else if (ul == 2 && strncasecmp(u, "km", 2) == 0)
        factor = 1000;
    else if (ul == 2 && strncasecmp(u, "mi", 2) == 0)
        factor = GRID_MILE_M;
    else {
        *why = "unknown spacing unit (use m, km or mi)";
        return -1;
    }
    v *= factor;
    if (!(v >= GRID_SPACING_MIN_M) || v > GRID_SPACING_MAX_M) {
        *why = "spacing must be between 1 m and 100 km";
        return -1;
    }
    *m = v;
    return 0;
}

int grid_parse_center(const char *s, double *lat, double *lng, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    double v[2];
    const char *p = s ? s : "";
    for (int k = 0; k < 2; k++) {
        while (isspace((unsigned char)*p))
            p++;
        size_t len = decimal_len(p, 1);
        if (!len) {
            *why = "centre must be LAT,LNG in decimal degrees";
            return -1;
        }
        v[k] = strtod(p, NULL);
        p += len;
        while (isspace((unsigned char)*p))
            p++;
        if (k == 0 && *p++ != ',') {
            *why = "centre must be LAT,LNG in decimal degrees";
            return -1;
        }
    }
    if (*p) {
        *why = "centre must be LAT,LNG in decimal degrees";
        return -1;
    }
    if (v[0] < -90 || v[0] > 90) {
        *why = "latitude must be between -90 and 90";
        return -1;
    }
    if (v[1] < -180 || v[1] > 180) {
        *why = "longitude must be between -180 and 180";
        return -1;
    }
    *lat = v[0];
    *lng = v[1];
    return 0;
}

int grid_parse_shape(const char *s, enum model_grid_shape *out)
{
    if (s && strcasecmp(s, "square") == 0)
        *out = MODEL_GRID_SQUARE;
    else if (s && strcasecmp(s, "hex") == 0)
        *out = MODEL_GRID_HEX;
    else
        return -1;
    return 0;
}

const char *grid_shape_name(enum model_grid_shape shape)
{
    return shape == MODEL_GRID_HEX ? "hex" : "square";
}

int grid_size_ok(long long size)
{
    return size >= MODEL_GRID_SIZE_MIN && size <= MODEL_GRID_SIZE_MAX && size % 2 == 1;
}

size_t grid_point_count(int size, enum model_grid_shape shape)
{
    if (size < 1)
        return 0;
    size_t r = (size_t)size / 2;
    if (shape == MODEL_GRID_HEX)
        return 3 * r * (r + 1) + 1;
    return (size_t)size * (size_t)size;
}

double grid_haversine_m(double lat1, double lng1, double lat2, double lng2)
{
    double dlat = rad(lat2 - lat1), dlng = rad(lng2 - lng1);
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(rad(lat1)) * cos(rad(lat2)) * sin(dlng / 2) * sin(dlng / 2);
    if (a > 1)
        a = 1;
    return 2 * GRID_EARTH_RADIUS_M * asin(sqrt(a));
}

/* The point reached from (lat, lng) going east_m, north_m on the sphere:
 * the direct geodesic problem along the offset's bearing (an azimuthal
 * equidistant layout around the centre). */
static void offset_point(double lat, double lng, double east_m, double north_m, double *olat,
                         double *olng)
{
    double d = sqrt(east_m * east_m + north_m * north_m) / GRID_EARTH_RADIUS_M;
    if (d == 0) {
        *olat = lat;
        *olng = lng;
        return;
    }
    double th = atan2(east_m, north_m), p1 = rad(lat);
    double sp2 = sin(p1) * cos(d) + cos(p1) * sin(d) * cos(th);
    double p2 = asin(sp2 > 1 ? 1 : sp2 < -1 ? -1 : sp2);
    double l2 = rad(lng) + atan2(sin(th) * sin(d) * cos(p1), cos(d) - sin(p1) * sp2);
    double out = fmod(deg(l2) + 540.0, 360.0) - 180.0; /* back into -180..180 */
    *olat = deg(p2);
    *olng = out;
}

static int grid_valid(const struct model_grid *g)
{
    return g && grid_size_ok(g->size) && isfinite(g->spacing_m) &&
           g->spacing_m >= GRID_SPACING_MIN_M && g->spacing_m <= GRID_SPACING_MAX_M &&
           (g->shape == MODEL_GRID_SQUARE || g->shape == MODEL_GRID_HEX) && isfinite(g->lat) &&
           isfinite(g->lng) && g->lat >= -90 && g->lat <= 90 && g->lng >= -180 && g->lng <= 180;
}

int grid_points(const struct model_grid *g, struct model_grid_point **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!grid_valid(g))
        return -1;
    int r = g->size / 2;
    size_t cnt = grid_point_count(g->size, g->shape), k = 0;
    struct model_grid_point *v = xcalloc(cnt, sizeof *v);
    for (int row = 0; row < g->size; row++) {
        for (int col = 0; col < g->size; col++) {
            double east, north;
            if (g->shape == MODEL_GRID_HEX) {
                /* axial (q, ar) with ar growing southward, pointy-top */
                int q = col - r, ar = row - r;
                if (abs(q) > r || abs(ar) > r || abs(q + ar) > r)
                    continue;
                east = g->spacing_m * (q + ar / 2.0);
                north = -g->spacing_m * ar * sqrt(3.0) / 2.0;
            } else {
                east = g->spacing_m * (col - r);
                north = g->spacing_m * (r - row);
            }
            struct model_grid_point *pt = &v[k++];
            pt->row = row;
            pt->col = col;
            pt->east_m = east;
            pt->north_m = north;
            offset_point(g->lat, g->lng, east, north, &pt->lat, &pt->lng);
            pt->status = MODEL_OK;
            pt->local = MODEL_NONE;
            pt->position = MODEL_NONE;
        }
    }
    *out = v;
    *n = k;
    return 0;
}

int grid_band(const struct model_grid_point *p)
{
    if (p->status != MODEL_OK)
        return 4;
    if (p->local < 1 || p->local > 20)
        return 3;
    return p->local <= 3 ? 0 : p->local <= 10 ? 1 : 2;
}

/* Colour-blind-safe enough to tell apart, and the same in every drawing. */
static const char *const band_colour[GRID_BANDS] = {"#1a9850", "#fdae61", "#d73027", "#bdbdbd",
                                                     "#404040"};
static const char *const band_label[GRID_BANDS] = {"1-3", "4-10", "11-20", "not found",
                                                    "blocked"};

const char *grid_band_colour(int band)
{
    return band >= 0 && band < GRID_BANDS ? band_colour[band] : band_colour[3];
}

const char *grid_band_label(int band)
{
    return band >= 0 && band < GRID_BANDS ? band_label[band] : band_label[3];
}
