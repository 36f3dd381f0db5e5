/* dataforseo.c - STUB until helper d1 lands. */
#include "sim.h"

void sim_dataforseo(const struct sim_api_req *rq, struct sim_api_reply *out)
{
    (void)rq;
    out->status = 404;
    buf_add(&out->body, "{}");
}

void sim_dataforseo_stats(struct buf *b)
{
    (void)b;
}

void sim_dataforseo_reset(void)
{
}
