/* metrics.c - the derived numbers of metrics.h: rank arithmetic, averages,
 * visits and the per-day site trend. Pure: no store, no printing. */
#include <stdlib.h>
#include <string.h>

#include "ctr.h"
#include "metrics.h"
#include "model.h"
#include "util.h"

/* a position not ranked now, for a drop: below any depth */
#define METRICS_FAR_BELOW 100000

int metrics_ranked(int position)
{
    return position != METRICS_NONE && position >= 1;
}

int metrics_change(int before, int now)
{
    return before == METRICS_NONE || now == METRICS_NONE ? METRICS_NONE : before - now;
}

int metrics_period_change(int start, int now, int depth)
{
    int floor_pos = (depth > 0 ? depth : 100) + 1;
    if (!metrics_ranked(start) && !metrics_ranked(now))
        return 0;
    int a = metrics_ranked(start) ? start : floor_pos;
    int b = metrics_ranked(now) ? now : floor_pos;
    return a - b;
}

int metrics_drop(int before, int now)
{
    if (before == METRICS_NONE)
        return METRICS_NONE;
    return (now == METRICS_NONE ? METRICS_FAR_BELOW : now) - before;
}

int metrics_in_top(int position, int n)
{
    return metrics_ranked(position) && position <= n;
}

int metrics_best(int best, int position)
{
    if (position == METRICS_NONE)
        return best;
    return best == METRICS_NONE || position < best ? position : best;
}

void metrics_avg_add(struct metrics_avg *a, int position)
{
    a->n++;
    if (!metrics_ranked(position)) {
        a->sum += METRICS_UNRANKED_POSITION;
        return;
    }
    a->ranked++;
    a->sum += position;
}

double metrics_avg_position(const struct metrics_avg *a)
{
    return a->n ? a->sum / a->n : -1;
}

void metrics_stats_add(struct metrics_stats *s, int position)
{
    metrics_avg_add(&s->avg, position);
    if (!metrics_ranked(position))
        return;
    s->visibility_sum += ctr_visibility(position);
    s->top3 += position <= 3;
    s->top10 += position <= 10;
}

double metrics_stats_visibility(const struct metrics_stats *s)
{
    return s->avg.n ? s->visibility_sum / s->avg.n : 0;
}

void metrics_rank_of(const struct metrics_point *h, size_t n, time_t since,
                     struct metrics_rank *out)
{
    out->position = out->best = out->start_position = METRICS_NONE;
    out->last_ok = 0;
    out->last_ok_index = -1;
    out->status = METRICS_OK;
    out->n_period = 0;
    int started = 0;
    for (size_t i = 0; i < n; i++) {
        out->status = h[i].status;
        if (h[i].status == METRICS_OK) {
            out->last_ok = h[i].t;
            out->last_ok_index = (long)i;
            out->best = metrics_best(out->best, h[i].position);
            out->position = h[i].position;
        }
        if (h[i].t < since)
            continue;
        out->n_period++;
        if (!started && h[i].status == METRICS_OK) {
            out->start_position = h[i].position;
            started = 1;
        }
    }
}

int metrics_url_changed(const char *prev, const char *cur)
{
    return prev && cur && strcmp(prev, cur) != 0;
}

int metrics_pack_slot(int position, size_t i)
{
    return position > 0 ? position : (int)i + 1;
}

int metrics_in_pack(int local_position)
{
    return local_position != 0;
}

double metrics_visits(double volume, double share, double ctr)
{
    return volume > 0 ? volume * share * ctr : 0;
}

double metrics_visits_at(double volume, double share, int position)
{
    return metrics_ranked(position) ? metrics_visits(volume, share, ctr_at(position)) : 0;
}

void metrics_days(const struct metrics_series *kw, size_t n_kw, struct metrics_day **out,
                  size_t *n)
{
    *out = NULL;
    *n = 0;
    time_t lo = 0, hi = 0;
    int any = 0;
    for (size_t i = 0; i < n_kw; i++)
        for (size_t j = 0; j < kw[i].n; j++) {
            time_t d = util_day_start(kw[i].p[j].t);
            if (!any || d < lo)
                lo = d;
            if (!any || d > hi)
                hi = d;
            any = 1;
        }
    if (!any)
        return;
    size_t ndays = (size_t)((hi - lo) / DAY_SECS) + 1;
    int *pos = xmalloc(ndays * sizeof *pos);
    struct metrics_stats *st = xcalloc(ndays, sizeof *st);
    for (size_t i = 0; i < n_kw; i++) {
        for (size_t d = 0; d < ndays; d++)
            pos[d] = INT_MAX; /* no ok check that day */
        /* the latest check of a keyword that day wins */
        for (size_t j = 0; j < kw[i].n; j++) {
            const struct metrics_point *p = &kw[i].p[j];
            if (p->status == METRICS_OK)
                pos[(util_day_start(p->t) - lo) / DAY_SECS] = p->position;
        }
        for (size_t d = 0; d < ndays; d++)
            if (pos[d] != INT_MAX)
                metrics_stats_add(&st[d], pos[d]);
    }
    size_t cap = 0;
    for (size_t d = 0; d < ndays; d++) {
        int k = st[d].avg.n;
        if (!k)
            continue;
        GROW(*out, cap, *n + 1);
        struct metrics_day *day = &(*out)[(*n)++];
        day->day = lo + (time_t)d * DAY_SECS;
        day->n = k;
        day->ranked = st[d].avg.ranked;
        day->avg_position = metrics_avg_position(&st[d].avg);
        day->top3 = (double)st[d].top3 / k;
        day->top10 = (double)st[d].top10 / k;
        day->visibility = metrics_stats_visibility(&st[d]);
    }
    free(pos);
    free(st);
}
