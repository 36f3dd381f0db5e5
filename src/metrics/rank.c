/* rank.c - the rank table's derived fields (changes, in the pack) over the
 * positions the store returns, so the store keeps no arithmetic. */
#include "metrics.h"
#include "store.h"

void metrics_rank_fill(struct model_rank *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct model_rank *r = &v[i];
        r->change_1d = metrics_change(r->before_1d, r->position);
        r->change_7d = metrics_change(r->before_7d, r->position);
        r->change_30d = metrics_change(r->before_30d, r->position);
        r->in_local_pack = metrics_in_pack(r->local_position);
    }
}

int metrics_rank_list(struct store *st, const struct store_rank_filter *f,
                      struct model_rank **out, size_t *n)
{
    if (store_rank_list(st, f, out, n) != 0)
        return -1;
    metrics_rank_fill(*out, *n);
    return 0;
}
