/* store_queue.h - the work queue in the store: one task per keyword and
 * UTC day that is due, claimed by an owner under a lease, completed as
 * done, failed or retryable (with back-off). `run` goes through it today;
 * a worker on another machine will use the same calls (through struct
 * store_ops) later. Claims are single statements, so two processes never
 * get the same task while its lease holds; a lease that expires (its
 * owner died) is claimed again.
 *
 * Time: now is seconds since the epoch (util_now()); leases are in
 * milliseconds (lease_until = now * 1000 + lease_ms). Errors as in
 * store.h: -1 after the store said why. */
#ifndef SERPTRACK_STORE_QUEUE_H
#define SERPTRACK_STORE_QUEUE_H

#include <stddef.h>
#include <time.h>

#include "store.h"

/* How a claimed task ended. */
enum store_task_outcome {
    STORE_TASK_DONE,      /* checked and stored */
    STORE_TASK_FAILED,    /* gave up for now; the next enqueue may add it again */
    STORE_TASK_RETRYABLE, /* claim it again after a back-off of attempts^4 s */
};

/* The back-off cap for retryable tasks, in seconds. */
#define STORE_TASK_BACKOFF_MAX 3600


/* Adds a task for today (the UTC day of now) for every keyword that is
 * due at now by store_kw_due()'s rule, is not paused (nor its site), has
 * no active task, and - daily and weekly keywords - has no ok check
 * today (an interrupted run's work is not done twice; a task is done when
 * its check is stored, so done tasks are not added again that day). One
 * INSERT ... SELECT: a second call adds nothing. Active tasks nobody
 * holds whose keyword is no longer wanted (paused, checked meanwhile)
 * are closed first: done when an ok check came since their day, else
 * failed. *added = tasks added, *skipped = due keywords left out because
 * they were checked today; either may be NULL. 0 or -1. */
int store_task_enqueue_due(store *st, time_t now, size_t *added, size_t *skipped);

/* Leases up to max tasks to owner until now * 1000 + lease_ms: available
 * ones, retryable ones whose not_before has passed, and running ones whose
 * lease expired; never a task of a paused keyword. Each claim counts an
 * attempt. *out (newly allocated, free() it; NULL when none) is in keyword
 * id order. 0 or -1. */
int store_task_claim(store *st, const char *owner, time_t now, long long lease_ms, size_t max,
                     struct model_task **out, size_t *n);

/* Extends owner's lease on task id to now * 1000 + lease_ms. 1 when
 * renewed, 0 when owner no longer holds it (expired and claimed by
 * another, or completed), -1 on error. */
int store_task_renew(store *st, long long id, const char *owner, time_t now, long long lease_ms);

/* Ends owner's lease on task id with outcome: done and failed record
 * done_at = now; retryable sets not_before = now + min(attempts^4,
 * STORE_TASK_BACKOFF_MAX) and keeps owner as the task's last owner (no
 * lease: any owner may claim it after not_before; owner may at once with
 * store_task_claim_retry). error (may be NULL) is kept as last_error. 1
 * when completed, 0 when owner no longer held it, -1 on error. */
int store_task_complete(store *st, long long id, const char *owner,
                        enum store_task_outcome outcome, const char *error, time_t now);

/* One task's end, for store_task_complete_many (plain values; error is
 * borrowed and may be NULL). */
struct store_task_end {
    long long id;
    enum store_task_outcome outcome;
    const char *error;
};

/* store_task_complete for e[0..n) in one transaction (all or none).
 * *completed (may be NULL) = how many owner still held. 0 or -1. */
int store_task_complete_many(store *st, const char *owner, const struct store_task_end *e,
                             size_t n, time_t now, size_t *completed);

/* Leases again to owner every task it completed as retryable and nobody
 * has claimed since, whatever its not_before: owner's own retry rounds,
 * whose pause owner's policy sets (`run`: [run] retry_delay_ms, doubling),
 * while not_before is what other owners wait for. Each claim counts an
 * attempt. *out as store_task_claim's (newly allocated, free() it). 0 or
 * -1. */
int store_task_claim_retry(store *st, const char *owner, time_t now, long long lease_ms,
                           struct model_task **out, size_t *n);

/* Extends owner's lease on every task it holds to now * 1000 + lease_ms:
 * the heartbeat of a long run or worker. *renewed (may be NULL) = how
 * many. 0 or -1. */
int store_task_renew_all(store *st, const char *owner, time_t now, long long lease_ms,
                         size_t *renewed);

/* Gives every task owner still holds, and every retryable one it left
 * that nobody claimed since, back to the queue (available at once; its
 * attempts stay counted), e.g. what a run did not get to, or what a run
 * that died left leased or between retry rounds: only call it when no
 * other process can be that owner. 0 or -1. */
int store_task_release(store *st, const char *owner);

/* Deletes done and failed tasks for days before `before`. 0 or -1. */
int store_task_prune(store *st, time_t before);

#endif
