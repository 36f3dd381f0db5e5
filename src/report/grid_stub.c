/* grid_stub.c - TEMPORARY stand-ins, so this branch links before the lead's
 * grid store (store_grid_*) and g3's grid_svg / metrics_grid are merged:
 * no grids, nothing drawn. Deleted in g4's last commit. */
#include <string.h>

#include "grid_stub.h"
#include "store.h"

int store_grid_list(store *st, const char *site, struct model_grid **out, size_t *n)
{
    (void)st;
    (void)site;
    *out = NULL;
    *n = 0;
    return 0;
}

int store_grid_scans(store *st, long long grid_id, time_t since, time_t until, int with_points,
                     struct model_grid_scan **out, size_t *n)
{
    (void)st;
    (void)grid_id;
    (void)since;
    (void)until;
    (void)with_points;
    *out = NULL;
    *n = 0;
    return 0;
}

int store_grid_scan_at(store *st, long long grid_id, time_t at, struct model_grid_scan *out)
{
    (void)st;
    (void)grid_id;
    (void)at;
    memset(out, 0, sizeof *out);
    return 0;
}

void metrics_grid(const struct model_grid_point *p, size_t n, struct metrics_grid *out)
{
    (void)p;
    memset(out, 0, sizeof *out);
    out->n_points = (int)n;
    out->arp = out->atrp = out->solv = out->avg_position = -1;
}

void grid_svg(strbuf *sb, const struct model_grid *g, const struct model_grid_point *p, size_t n,
              int width)
{
    (void)g;
    (void)p;
    (void)n;
    sb_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\"></svg>", width,
            width);
}
