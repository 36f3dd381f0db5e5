/* history.c - `serptrack history --keyword ID`: one row per check of a
 * keyword, oldest first, with the position of its site (or --site) in the
 * organic results and in the local pack. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "metrics.h"
#include "opt.h"
#include "util.h"

/* The pack column: the position, null when not in the pack; a row stored
 * before positions were kept says only that it was in it. */
static void history_pack(struct out_table *t, int col, int local)
{
    if (local > 0) {
        out_int(t, col, local);
    } else {
        out_null(t, col);
        out_display(t, col, local == MODEL_PACK_UNKNOWN ? "yes" : "");
    }
}

int cmd_history(int argc, char **argv, struct cmd_ctx *ctx)
{
    long long kw = 0;
    const char *site = NULL, *since_s = NULL, *format = NULL;
    struct opt opts[] = {
        OPT_INT("keyword", &kw, "ID", "the keyword (see 'kw list')", 1, 1LL << 62),
        OPT_STRING("site", &site, "D", "position of this site (default: the keyword's)"),
        OPT_STRING("since", &since_s, "DATE", "only checks from DATE (YYYY-MM-DD) on"),
        OPT_STRING("format", &format, "F", "table, csv or json"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("history", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("history: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    if (!kw) {
        error("history: --keyword ID is required");
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("history", format, &fmt) != 0)
        return EXIT_USAGE;
    time_t since = 0;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("history: --since '%s' is not a date (YYYY-MM-DD)", since_s);
        return EXIT_USAGE;
    }
    struct model_keyword k;
    int found = store_kw_get(ctx->st, kw, &k);
    model_keyword_release(&k);
    if (found != 1) {
        if (found == 0)
            error("history: no keyword with id %lld", kw);
        return EXIT_FAIL;
    }
    struct store_history *v;
    size_t nv;
    if (store_history_list(ctx->st, kw, site, since, &v, &nv) != 0)
        return EXIT_FAIL;
    struct out_col cols[] = {
        {.key = "checked_at", .title = "checked"},
        {.key = "status"},
        {.key = "position", .title = "pos", .right = 1},
        {.key = "local_position", .title = "pack", .right = 1},
        {.key = "url"},
        {.key = "depth", .right = 1},
        {.key = "reason", .table_hidden = 1},
        {.key = "approx", .table_hidden = 1},
        {.key = "url_changed", .table_hidden = 1},
        {.key = "in_local_pack", .table_hidden = 1},
    };
    /* The URL of each check, marked "*" on the day it differs from the
     * previous ranking URL: a flip between pages of the site (or www and
     * bare) usually means two pages compete for the query. */
    const char *prev_url = NULL;
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (size_t i = 0; i < nv; i++) {
        char buf[32];
        out_row(&t);
        out_str(&t, 0, util_fmt_time(v[i].checked_at, buf));
        out_str(&t, 1, model_status_name(v[i].status));
        if (v[i].position != MODEL_NONE) {
            out_int(&t, 2, v[i].position);
            if (v[i].approx) {
                /* a smart probe numbered as if earlier pages held 10 results */
                snprintf(buf, sizeof buf, "~%d", v[i].position);
                out_display(&t, 2, buf);
            }
        } else {
            out_null(&t, 2);
            if (v[i].status != MODEL_OK) {
                out_display(&t, 2, model_status_name(v[i].status));
            } else {
                snprintf(buf, sizeof buf, ">%d", v[i].depth);
                out_display(&t, 2, buf);
            }
        }
        history_pack(&t, 3, v[i].local);
        out_str(&t, 4, v[i].url);
        int changed = metrics_url_changed(prev_url, v[i].url);
        if (changed) {
            char *m = xasprintf("%s *", v[i].url);
            out_display(&t, 4, m);
            free(m);
        }
        if (v[i].url)
            prev_url = v[i].url;
        out_int(&t, 5, v[i].depth);
        out_str(&t, 6, v[i].reason);
        out_bool(&t, 7, v[i].approx);
        out_bool(&t, 8, changed);
        out_bool(&t, 9, metrics_in_pack(v[i].local));
    }
    int rc = cmd_output("history", &t, fmt);
    out_release(&t);
    store_history_free_list(v, nv);
    return rc;
}
