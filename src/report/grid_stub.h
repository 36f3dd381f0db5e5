/* grid_stub.h - TEMPORARY: the declarations of g3's grid_svg (include/grid.h)
 * and metrics_grid (include/metrics.h) until those are merged; deleted with
 * grid_stub.c, report_int.h then includes "grid.h". */
#ifndef SERPTRACK_GRID_STUB_H
#define SERPTRACK_GRID_STUB_H

#include <stddef.h>

#include "model.h"
#include "util.h"

struct metrics_grid {
    int n_points, n_ok, n_blocked, n_error, n_found, n_top3;
    double arp, atrp, solv, avg_position; /* -1 = undefined */
};
void metrics_grid(const struct model_grid_point *p, size_t n, struct metrics_grid *out);
void grid_svg(strbuf *sb, const struct model_grid *g, const struct model_grid_point *p, size_t n,
              int width);

#endif
