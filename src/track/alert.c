/* alert.c - rank alert rules ([alerts]): drop = N positions, top3 / top10
 * (left or entered), local_pack / local_pack_entered / local_pack_moved
 * (site left, entered or moved within the pack), blocked_days = K (no
 * ok check for K days), ai_overview (cited in an AI overview, or no more). Raised into the store once a day per keyword, site
 * and rule; delivery is notify.c's. Prints nothing. */
#include <string.h>

#include "metrics.h"
#include "model.h"
#include "store.h"
#include "track.h"
#include "util.h"


struct seen {
    struct store_alert *v; /* alerts raised today, for once-a-day */
    size_t n;
};

static int already(const struct seen *s, long long kw, const char *site, const char *rule)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].keyword_id == kw && util_streq(s->v[i].rule, rule) &&
            util_streq(s->v[i].site, site))
            return 1;
    return 0;
}

static int raise_alert(store *st, struct seen *s, time_t now, const struct model_keyword *k,
                       const char *rule, const char *what)
{
    if (already(s, k->id, k->site, rule))
        return 0;
    char *msg = xasprintf("\"%s\" (%s%s%s) for %s: %s", k->query, serp_engine_name(k->engine),
                          k->location ? ", " : "", k->location ? k->location : "",
                          k->site ? k->site : "-", what);
    /* one line whatever the query holds */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    struct store_alert a = {0};
    a.raised_at = now;
    a.keyword_id = k->id;
    a.site = k->site;
    a.rule = (char *)rule;
    a.message = msg;
    int rc = store_alert_add(st, &a, NULL);
    free(msg);
    return rc == 0 ? 1 : -1;
}

/* The site's pack position at that check, by the rank row the matcher
 * stored (website, business name or phone), so these alerts agree with
 * rank and report: rank.local, MODEL_NONE when there is no row; 0, or -1. */
static int pack_local(store *st, const struct model_keyword *k, time_t at, int *local)
{
    int got = store_rank_local_at(st, k->site, k->id, at, local);
    if (got == 0)
        *local = MODEL_NONE;
    return got < 0 ? -1 : 0;
}

static void fmt_pos(char buf[32], int pos, int depth)
{
    if (pos == MODEL_NONE)
        snprintf(buf, 32, "not in top %d", depth > 0 ? depth : 10);
    else
        snprintf(buf, 32, "%d", pos);
}

size_t track_alert_rank_rules(const struct config *cfg, int prev_pos, int prev_depth, int cur_pos,
                              int cur_depth, struct track_alert out[5])
{
    long long drop = cfg->alerts.drop;
    int top3 = cfg->alerts.top3;
    int top10 = cfg->alerts.top10;
    int c = cur_pos, p = prev_pos;
    char a[32], b[32], what[128];
    fmt_pos(a, p, prev_depth);
    fmt_pos(b, c, cur_depth);
    snprintf(what, sizeof what, "%s -> %s", a, b);
    int lost = metrics_drop(p, c);
    int p3 = metrics_in_top(p, 3), c3 = metrics_in_top(c, 3);
    int p10 = metrics_in_top(p, 10), c10 = metrics_in_top(c, 10);
    size_t n = 0;
    /* in the order they have always been raised */
    if (drop > 0 && lost != METRICS_NONE && lost >= drop)
        out[n++] = (struct track_alert){"drop", xasprintf("dropped %s", what)};
    if (top3 && p3 && !c3)
        out[n++] = (struct track_alert){"left_top3", xstrdup(what)};
    if (top3 && !p3 && c3)
        out[n++] = (struct track_alert){"entered_top3", xstrdup(what)};
    if (top10 && p10 && !c10)
        out[n++] = (struct track_alert){"left_top10", xstrdup(what)};
    if (top10 && !p10 && c10)
        out[n++] = (struct track_alert){"entered_top10", xstrdup(what)};
    return n;
}

size_t track_alert_pack_rules(const struct config *cfg, int prev_local, int cur_local,
                              struct track_alert out[1])
{
    if (prev_local == MODEL_NONE || cur_local == MODEL_NONE)
        return 0;
    int was = metrics_in_pack(prev_local), is = metrics_in_pack(cur_local);
    if (cfg->alerts.local_pack && was && !is) {
        out[0] = (struct track_alert){"lost_local", xstrdup("left the local pack")};
        return 1;
    }
    if (cfg->alerts.local_pack_entered && !was && is) {
        out[0] = (struct track_alert){
            "entered_local", cur_local > 0 ? xasprintf("entered the local pack at %d", cur_local)
                                           : xstrdup("entered the local pack")};
        return 1;
    }
    /* a row stored before positions were kept says only "in the pack":
     * never a move */
    if (cfg->alerts.local_pack_moved && prev_local > 0 && cur_local > 0 &&
        prev_local != cur_local) {
        out[0] = (struct track_alert){"moved_local",
                                      xasprintf("local pack %d -> %d", prev_local, cur_local)};
        return 1;
    }
    return 0;
}

void track_alert_list_free(struct track_alert *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].what);
}

/* ai_cited / ai_uncited: the site's citation in the AI overviews of the
 * keyword's two latest ok checks (every ok check counts: an overview does
 * not depend on approximate positions). 0/1 raised, or -1. */
static int ai_rule(store *st, const struct config *cfg, struct seen *s, time_t now,
                   const struct model_keyword *k)
{
    if (!cfg->alerts.ai_overview || !k->site)
        return 0;
    struct store_ai a[2];
    int got = store_ai_nth(st, k->id, 0, &a[0]);
    int got1 = got == 1 ? store_ai_nth(st, k->id, 1, &a[1]) : 0;
    if (got1 != 1)
        memset(&a[1], 0, sizeof a[1]);
    int r = got < 0 || got1 < 0 ? -1 : 0;
    if (got == 1 && got1 == 1) {
        struct track_ai_seen prev, cur;
        track_ai_seen_of(&a[1], k->site, &prev);
        track_ai_seen_of(&a[0], k->site, &cur);
        struct track_alert al[1];
        size_t na = track_alert_ai_rules(cfg, &prev, &cur, al);
        if (na)
            r = raise_alert(st, s, now, k, al[0].rule, al[0].what);
        track_alert_list_free(al, na);
    }
    store_ai_release(&a[0]);
    store_ai_release(&a[1]);
    return r;
}

static int rules_for(store *st, const struct config *cfg, struct seen *s, time_t now,
                     const struct model_keyword *k)
{
    struct store_history *h = NULL;
    size_t n = 0;
    if (store_history_list(st, k->id, NULL, now - 60 * DAY_SECS, &h, &n) != 0)
        return -1;
    /* the latest ok check and the latest exact one before it: an
     * approximate position (a smart probe numbered as if earlier pages held
     * 10 results) is never compared, so it raises no fake drop */
    const struct store_history *cur = NULL, *prev = NULL;
    for (size_t i = n; i-- > 0;) {
        if (h[i].status != MODEL_OK)
            continue;
        if (!cur)
            cur = &h[i];
        else if (!h[i].approx) {
            prev = &h[i];
            break;
        }
    }
    int raised = 0, r = 0;
    if (cur && prev && k->site && !cur->approx) {
        struct track_alert al[5];
        size_t na =
            track_alert_rank_rules(cfg, prev->position, prev->depth, cur->position, cur->depth, al);
        for (size_t i = 0; i < na && r >= 0; i++)
            r = raise_alert(st, s, now, k, al[i].rule, al[i].what);
        track_alert_list_free(al, na);
        /* the count has always been the last rank rule's result, not
         * their sum; `run` only shows it with --verbose */
        raised = r;
        if (r >= 0 && (cfg->alerts.local_pack || cfg->alerts.local_pack_entered ||
                       cfg->alerts.local_pack_moved)) {
            int was, is;
            if (pack_local(st, k, prev->checked_at, &was) != 0 ||
                pack_local(st, k, cur->checked_at, &is) != 0) {
                r = -1;
            } else {
                struct track_alert pa[1];
                size_t np = track_alert_pack_rules(cfg, was, is, pa);
                if (np)
                    r = raise_alert(st, s, now, k, pa[0].rule, pa[0].what);
                track_alert_list_free(pa, np);
            }
        }
    }
    store_history_free_list(h, n);
    int ra = r >= 0 ? ai_rule(st, cfg, s, now, k) : 0;
    if (ra < 0)
        r = -1;
    else
        raised += ra;
    return r < 0 ? -1 : raised;
}

/* Blocked for K days: checks in the last K days and none of them ok. */
static int blocked_rule(store *st, const struct config *cfg, struct seen *s, time_t now,
                        const struct model_keyword *k)
{
    long long days = cfg->alerts.blocked_days;
    if (days <= 0)
        return 0;
    struct store_history *h = NULL;
    size_t n = 0;
    if (store_history_list(st, k->id, NULL, 0, &h, &n) != 0)
        return -1;
    int rc = 0;
    /* the oldest failed check since the latest ok one */
    time_t first_fail = 0;
    for (size_t i = n; i-- > 0 && h[i].status != MODEL_OK;)
        first_fail = h[i].checked_at;
    if (first_fail && now - first_fail >= (time_t)(days * DAY_SECS - DAY_SECS / 2)) {
        char what[96];
        snprintf(what, sizeof what, "no successful check for %lld days (%s)", days,
                 n && h[n - 1].reason ? h[n - 1].reason : "blocked");
        rc = raise_alert(st, s, now, k, "blocked", what);
    }
    store_history_free_list(h, n);
    return rc;
}

int track_alert_evaluate(store *st, const struct config *cfg, time_t now)
{
    struct store_new_check *v = NULL;
    size_t nv = 0;
    long long upto = 0;
    struct seen s = {0};
    /* One transaction: the alerts and the watermark that says they were
     * raised commit together, so a kill never raises them twice or never. */
    if (store_begin(st) != 0)
        return -1;
    if (store_checks_unevaluated(st, &v, &nv, &upto) != 0 ||
        store_alert_list(st, util_day_start(now), &s.v, &s.n) != 0) {
        store_rollback(st);
        free(v);
        return -1;
    }
    int total = 0;
    /* rank rules first, then blocked, as the alerts were always ordered */
    for (size_t pass = 0; pass < 2 && total >= 0; pass++)
        for (size_t i = 0; i < nv && total >= 0; i++) {
            /* the rank rules compare the two latest ok checks: only a new ok
             * check can change them; blocked looks at the failures itself */
            if (pass == 0 && !v[i].ok)
                continue;
            struct model_keyword k;
            memset(&k, 0, sizeof k);
            int got = store_kw_get(st, v[i].keyword_id, &k);
            if (got < 0) {
                total = -1;
                break;
            }
            if (got == 0)
                continue;
            int r = pass ? blocked_rule(st, cfg, &s, now, &k) : rules_for(st, cfg, &s, now, &k);
            model_keyword_release(&k);
            total = r < 0 ? -1 : total + r;
        }
    if (total >= 0 && store_alert_watermark_set(st, upto) != 0)
        total = -1;
    if (total >= 0 && store_commit(st) != 0)
        total = -1;
    if (total < 0)
        store_rollback(st);
    store_alert_free_list(s.v, s.n);
    free(v);
    return total;
}

const char *const track_alert_kinds[] = {"drop",          "entered_top3", "left_top3",
                                         "entered_top10", "left_top10",   "lost_local",
                                         "entered_local", "moved_local",  "blocked",
                                         "ai_cited",      "ai_uncited",
                                         "budget", /* budget.c: a [budget] cap reached */
                                         NULL};
