/* serper.c - STUB until helper s1 lands. */
#include "sim.h"

void sim_serper(const struct sim_api_req *rq, struct sim_api_reply *out)
{
    (void)rq;
    out->status = 404;
    buf_add(&out->body, "{}");
}
