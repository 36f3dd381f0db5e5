/* alerting.h - rank alerts: the rules `run` applies after tracking
 * ([alerts] in serptrack.conf) and their delivery by webhook and SMTP.
 * Internal to src/cmd/. */
#ifndef SERPTRACK_ALERTING_H
#define SERPTRACK_ALERTING_H

#include <stddef.h>
#include <time.h>

#include "cmd.h"

/* Applies the rules to the keywords just checked ok (ids) and to the ones
 * that failed (failed_ids, for blocked_days); raises each alert once a
 * day into the store. Returns the number raised, or -1. */
int alerting_evaluate(struct cmd_ctx *ctx, const long long *ids, size_t n,
                      const long long *failed_ids, size_t n_failed, time_t now);
/* Sends every unsent alert through the configured transports and marks
 * those delivered. Returns 0, or -1 when a transport failed (the alerts
 * stay unsent and go out with the next run). */
int alerting_deliver(struct cmd_ctx *ctx);

#endif
