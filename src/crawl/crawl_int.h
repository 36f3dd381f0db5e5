/* crawl_int.h - what the crawl module's files share and the unit tests
 * reach: the feed-driven loop, the budget and the backoff maths. Not part
 * of the public contract (crawl.h). */
#ifndef SERPTRACK_CRAWL_INT_H
#define SERPTRACK_CRAWL_INT_H

#include "crawl.h"

/* Runs requests handed out by feed() (NULL = no more for now; feed is
 * asked again after each completion) until feed is dry and nothing is in
 * flight; done() gets each finished request and may make feed() return
 * more. The requests must stay valid until done(). Returns 0 or -1. */
int crawl_loop(struct crawl *c, struct crawl_req *(*feed)(void *arg),
               void (*done)(struct crawl_req *r, void *arg), void *arg);
/* 1 while the request budget allows another request. */
int crawl_budget_left(const struct crawl *c);
/* Cool-down after `blocks` consecutive blocks: base * 2^(blocks-1), capped. */
double crawl_cooldown_secs(double base, double max, int blocks);
/* Delay before retry number `attempt` (1 = first retry), u in [0,1): half
 * of the capped exponential delay plus a random part of the other half. */
double crawl_backoff_secs(double base, double max, int attempt, double u);

#endif
