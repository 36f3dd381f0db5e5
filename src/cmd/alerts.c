/* alerts.c - `serptrack alerts [--since DATE] [--site D] [--kind K]`: the
 * rank alerts `run` has raised (and whether they were delivered, per
 * channel), newest last. The message is never cut in the table: it is the
 * part an operator reads. */
#include <string.h>

#include "cmd.h"
#include "model.h"
#include "opt.h"
#include "track.h"
#include "util.h"

/* 1 when kind is one of the rule names (track_alert_kinds). */
static int known_kind(const char *kind)
{
    for (const char *const *k = track_alert_kinds; *k; k++)
        if (util_streq(*k, kind))
            return 1;
    return 0;
}

int cmd_alerts(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *since_s = NULL, *format = NULL, *site = NULL, *kind = NULL;
    struct opt opts[] = {
        OPT_STRING("since", &since_s, "DATE", "alerts raised from DATE on (default: 30 days)"),
        OPT_STRING("site", &site, "D", "only the alerts of site D"),
        OPT_STRING("kind", &kind, "K",
                   "only one kind: drop, entered_top3, left_top3, entered_top10, left_top10, "
                   "lost_local, entered_local, moved_local, blocked, ai_cited, ai_uncited"),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_END(),
    };
    const char *usage = "alerts [--since DATE] [--site D] [--kind K] [--format table|csv|json]";
    int n = opt_parse("alerts", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("alerts: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("alerts", format, &fmt) != 0)
        return EXIT_USAGE;
    time_t since = util_now() - 30 * DAY_SECS;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("alerts: --since '%s' is not a date (YYYY-MM-DD)", since_s);
        return EXIT_USAGE;
    }
    if (kind && !known_kind(kind)) {
        char list[256] = "";
        for (const char *const *k = track_alert_kinds; *k; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                     k == track_alert_kinds ? "" : ", ", *k);
        error("alerts: unknown --kind '%s' (kinds: %s)", kind, list);
        return EXIT_USAGE;
    }
    char *domain = NULL;
    if (site && cmd_site_domain(ctx->st, "alerts", site, &domain) != 0)
        return EXIT_FAIL;
    struct store_alert *v = NULL;
    size_t nv = 0;
    if (store_alert_list(ctx->st, since, &v, &nv) != 0) {
        free(domain);
        return EXIT_FAIL;
    }
    struct out_col cols[] = {
        {.key = "raised_at", .title = "raised"},
        {.key = "keyword_id", .title = "kw", .right = 1},
        {.key = "site"},
        {.key = "rule"},
        {.key = "message", .no_cut = 1},
        {.key = "sent"},
        {.key = "delivery"},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (size_t i = 0; i < nv; i++) {
        if ((domain && !util_streq(v[i].site, domain)) || (kind && !util_streq(v[i].rule, kind)))
            continue;
        char ts[21];
        out_row(&t);
        out_str(&t, 0, util_fmt_time(v[i].raised_at, ts));
        out_int(&t, 1, v[i].keyword_id);
        out_str(&t, 2, v[i].site);
        out_str(&t, 3, v[i].rule);
        out_str(&t, 4, v[i].message);
        out_bool(&t, 5, v[i].sent);
        out_str(&t, 6, v[i].delivery);
    }
    int rc = cmd_output("alerts", &t, fmt);
    out_release(&t);
    store_alert_free_list(v, nv);
    free(domain);
    return rc;
}
