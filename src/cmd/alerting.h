/* alerting.h - rank alerts: the rules `run` applies after tracking
 * ([alerts] in serptrack.conf) and their delivery by webhook and SMTP.
 * Internal to src/cmd/. */
#ifndef SERPTRACK_ALERTING_H
#define SERPTRACK_ALERTING_H

#include <stddef.h>
#include <time.h>

#include "cmd.h"

/* The rule names an alert is raised under (store_alert.rule), NULL-ended;
 * static. `alerts --kind` takes one of them. */
extern const char *const alerting_kinds[];

/* Applies the rules to every check stored since the last evaluation
 * (the store's alert watermark), whoever stored it (a run, an interrupted
 * run, `track`): keywords with a new ok check get the rank rules, those
 * with new failures the blocked rule. Raises each alert once a day into
 * the store and moves the watermark in the same transaction. Returns the
 * number raised, or -1. */
int alerting_evaluate(struct cmd_ctx *ctx, time_t now);
/* Sends the queued alerts through each configured channel (webhook,
 * email) on its own, recording delivery per alert and channel: a channel
 * that fails is retried alone on the next run, up to [alerts]
 * max_attempts (20) attempts and max_age_days (3) days, then given up.
 * Returns 0, or -1 when a channel failed. */
int alerting_deliver(struct cmd_ctx *ctx);
/* The alert mail (headers and one body line per alert), CRLF throughout,
 * not dot-stuffed (libcurl's SMTP upload does that). Newly allocated. */
char *alerting_mail_text(const char *date, const char *from, const char *to,
                         const char *const *lines, size_t n);

#endif
