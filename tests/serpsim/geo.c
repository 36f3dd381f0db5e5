/* geo.c - the simulator's geography: real city-centre coordinates of the
 * model's named cities, deterministic business coordinates scattered
 * around a centre, the point a search is made from (Google's `uule=a+`
 * and SerpApi's `ll=@LAT,LNG,ZOOMz`) and great-circle distances. Pure
 * functions over their inputs, so a grid scan sees the same map each run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

uint64_t sim_geo_seed = 1;

/* City halls / downtowns of the named cities (public facts, 4 decimals). */
static const struct { const char *key; double lat, lng; } centres[] = {
    {"austin", 30.2672, -97.7431},       {"dallas", 32.7767, -96.7970},
    {"houston", 29.7604, -95.3698},      {"san antonio", 29.4241, -98.4936},
    {"fort worth", 32.7555, -97.3308},   {"el paso", 31.7619, -106.4850},
    {"chicago", 41.8781, -87.6298},      {"phoenix", 33.4484, -112.0740},
    {"denver", 39.7392, -104.9903},      {"seattle", 47.6062, -122.3321},
    {"miami", 25.7617, -80.1918},        {"atlanta", 33.7490, -84.3880},
    {"new york", 40.7128, -74.0060},     {"los angeles", 34.0522, -118.2437},
    {"san francisco", 37.7749, -122.4194}, {"boston", 42.3601, -71.0589},
};

int sim_city_centre(const char *key, double *lat, double *lng)
{
    for (size_t i = 0; i < sizeof centres / sizeof centres[0]; i++)
        if (strcmp(centres[i].key, key) == 0) {
            *lat = centres[i].lat;
            *lng = centres[i].lng;
            return 0;
        }
    return -1;
}

const char *sim_nearest_city(double lat, double lng)
{
    size_t best = 0;
    double bd = -1;
    for (size_t i = 0; i < sizeof centres / sizeof centres[0]; i++) {
        double d = sim_geo_km(lat, lng, centres[i].lat, centres[i].lng);
        if (bd < 0 || d < bd) {
            bd = d;
            best = i;
        }
    }
    return centres[best].key;
}

double sim_geo_km(double lat1, double lng1, double lat2, double lng2)
{
    const double r = M_PI / 180.0;
    double dlat = (lat2 - lat1) * r, dlng = (lng2 - lng1) * r;
    double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dlng / 2) * sin(dlng / 2);
    return 2.0 * 6371.0088 * asin(sqrt(a < 1 ? a : 1));
}

void sim_geo_scatter(const char *business, const char *city, double clat, double clng, double *lat,
                     double *lng)
{
    /* denser near the centre, as real businesses are: most within ~6 km,
     * a few out to ~15 km; stable across days (no day in the hash) */
    uint64_t h = sim_hash(business, sim_hash(city, 53));
    double ang = 2.0 * M_PI * sim_unit(h);
    double km = 0.5 + 14.5 * sim_unit(sim_hash(business, h));
    *lat = clat + km * cos(ang) / 111.32;
    *lng = clng + km * sin(ang) / (111.32 * cos(clat * M_PI / 180.0));
}

void sim_geo_town_point(const char *name, double *lat, double *lng)
{
    /* a town without coordinates: somewhere in the contiguous US */
    uint64_t h = sim_hash(name, 59);
    *lat = 30.0 + 17.0 * sim_unit(h);
    *lng = -120.0 + 45.0 * sim_unit(sim_hash(name, h));
}

static int b64v(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-' || c == ' ') return 62; /* a '+' that arrived as a space */
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* The integer after "NAME:" at the start of a line of text; 0 or -1. */
static int field_ll(const char *text, const char *name, long long *v)
{
    size_t nl = strlen(name);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
            char *end;
            *v = strtoll(p + nl + 1, &end, 10);
            return end == p + nl + 1 ? -1 : 0;
        }
    }
    return -1;
}

int sim_uule_point(const char *uule, struct sim_point *pt)
{
    memset(pt, 0, sizeof *pt);
    if (!uule || uule[0] != 'a' || (uule[1] != '+' && uule[1] != ' ' && strncmp(uule + 1, "%2B", 3) != 0 &&
                                    strncmp(uule + 1, "%2b", 3) != 0))
        return -1;
    /* still percent-encoded when a client encoded twice: undo that first */
    char enc[1024];
    snprintf(enc, sizeof enc, "%s", uule + (uule[1] == '%' ? 4 : 2));
    if (strchr(enc, '%'))
        url_decode_inplace(enc);
    char text[800];
    size_t len = 0;
    unsigned acc = 0;
    int bits = 0;
    for (const char *s = enc; *s && *s != '=' && len + 1 < sizeof text; s++) {
        int v = b64v((unsigned char)*s);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            text[len++] = (char)((acc >> bits) & 0xff);
        }
    }
    text[len] = '\0';
    if (strlen(text) != len || !strstr(text, "latlng"))
        return -1;
    long long la, lo;
    if (field_ll(text, "latitude_e7", &la) || field_ll(text, "longitude_e7", &lo))
        return -1;
    if (la < -900000000LL || la > 900000000LL || lo < -1800000000LL || lo > 1800000000LL)
        return -1;
    pt->lat = (double)la / 1e7;
    pt->lng = (double)lo / 1e7;
    pt->set = 1;
    return 0;
}

int sim_ll_parse(const char *ll, struct sim_point *pt)
{
    memset(pt, 0, sizeof *pt);
    double la, lo, z;
    char zc, tail;
    if (!ll || sscanf(ll, "@%lf,%lf,%lf%c%c", &la, &lo, &z, &zc, &tail) != 4 || zc != 'z')
        return -1;
    if (!(la >= -90 && la <= 90 && lo >= -180 && lo <= 180 && z >= 3 && z <= 21))
        return -1;
    pt->lat = la;
    pt->lng = lo;
    pt->zoom = z;
    pt->set = 1;
    return 0;
}
