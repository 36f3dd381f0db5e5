/* grid.c - a grid scan's metrics, Local Falcon's definitions (ARP, ATRP,
 * SoLV) plus the mean organic position (see include/metrics.h). */
#include "metrics.h"
#include "model.h"

void metrics_grid(const struct model_grid_point *p, size_t n, struct metrics_grid *out)
{
    *out = (struct metrics_grid){.n_points = (int)n};
    double sum_found = 0, sum_all = 0, sum_org = 0;
    int n_org = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i].status == MODEL_BLOCKED) {
            out->n_blocked++;
            continue;
        }
        if (p[i].status != MODEL_OK) {
            out->n_error++;
            continue;
        }
        out->n_ok++;
        if (p[i].local >= 1 && p[i].local <= 20) {
            out->n_found++;
            out->n_top3 += p[i].local <= 3;
            sum_found += p[i].local;
            sum_all += p[i].local;
        } else {
            sum_all += MODEL_GRID_NOT_FOUND;
        }
        if (p[i].position >= 1) {
            sum_org += p[i].position;
            n_org++;
        }
    }
    out->arp = out->n_found ? sum_found / out->n_found : -1;
    out->atrp = out->n_ok ? sum_all / out->n_ok : -1;
    out->solv = out->n_ok ? (double)out->n_top3 / out->n_ok : -1;
    out->avg_position = n_org ? sum_org / n_org : -1;
}

enum metrics_move metrics_grid_move(double now, double prev, int percent, int higher_better,
                                    int decimals, double *delta)
{
    *delta = 0;
    if (now < 0 || prev < 0) /* undefined on either side: nothing to compare */
        return METRICS_MOVE_NONE;
    double d = (now - prev) * (percent ? 100.0 : 1.0);
    *delta = d;
    double eps = 0.5;
    for (int i = 0; i < decimals; i++)
        eps /= 10;
    if (d > -eps && d < eps)
        return METRICS_MOVE_SAME;
    return (higher_better ? d > 0 : d < 0) ? METRICS_MOVE_BETTER : METRICS_MOVE_WORSE;
}
