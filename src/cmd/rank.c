/* rank.c - `serptrack rank`: the latest position per keyword and site with
 * its changes vs 1, 7 and 30 days, the best ever and the ranking URL. */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "opt.h"
#include "util.h"

/* Change cell: +3 (improved) / -2 / 0, null when unknown. */
static void change_cell(struct out_table *t, int col, int v)
{
    if (v == STORE_NONE) {
        out_null(t, col);
        out_display(t, col, "");
        return;
    }
    out_int(t, col, v);
    if (v > 0) {
        char buf[16];
        snprintf(buf, sizeof buf, "+%d", v);
        out_display(t, col, buf);
    }
}

int cmd_rank(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *tag = NULL, *format = NULL;
    int competitors = 0;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "only this site (ours or a competitor)"),
        OPT_STRING("tag", &tag, "T", "only keywords with this tag"),
        OPT_FLAG("competitors", &competitors, "also rows for every competitor site"),
        OPT_STRING("format", &format, "F", "table, csv or json"),
        OPT_END(),
    };
    const char *usage = "rank [--site D] [--tag T] [--competitors] [--format table|csv|json]";
    int n = opt_parse("rank", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("rank: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("rank", format, &fmt) != 0)
        return EXIT_USAGE;
    struct store_rank_filter f = {.site = site, .tag = tag, .competitors = competitors};
    struct store_rank *v;
    size_t nv;
    if (store_rank_list(ctx->st, &f, &v, &nv) != 0)
        return EXIT_FAIL;
    struct out_col cols[] = {
        {.key = "keyword_id", .title = "id", .right = 1},
        {.key = "query"},
        {.key = "engine"},
        {.key = "location"},
        {.key = "device"},
        {.key = "site"},
        {.key = "status", .table_hidden = 1},
        {.key = "position", .title = "pos", .right = 1},
        {.key = "change_1d", .title = "1d", .right = 1},
        {.key = "change_7d", .title = "7d", .right = 1},
        {.key = "change_30d", .title = "30d", .right = 1},
        {.key = "best", .right = 1},
        {.key = "url"},
        {.key = "checked_at", .title = "checked"},
        {.key = "competitor", .table_hidden = 1},
        {.key = "in_local_pack", .table_hidden = 1},
        {.key = "depth", .table_hidden = 1},
        {.key = "reason", .table_hidden = 1},
        {.key = "approx", .table_hidden = 1},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    int streamed = 0, write_failed = 0;
    for (size_t i = 0; i < nv; i++) {
        const struct store_rank *r = &v[i];
        char buf[32];
        out_row(&t);
        out_int(&t, 0, r->keyword_id);
        out_str(&t, 1, r->query);
        out_str(&t, 2, serp_engine_name(r->engine));
        out_str(&t, 3, r->location);
        out_str(&t, 4, r->device);
        out_str(&t, 5, r->site);
        out_str(&t, 6, r->checked_at ? store_status_name(r->status) : NULL);
        /* JSON keeps the last known position; the table says why it is
         * stale: a blocked page is never "not ranked". */
        if (r->position != STORE_NONE)
            out_int(&t, 7, r->position);
        else
            out_null(&t, 7);
        if (!r->checked_at) {
            out_display(&t, 7, "-");
        } else if (r->status != STORE_OK) {
            out_display(&t, 7, store_status_name(r->status));
        } else if (r->position == STORE_NONE) {
            snprintf(buf, sizeof buf, ">%d", r->depth);
            out_display(&t, 7, r->site ? buf : "-");
        } else if (r->approx) {
            /* a smart probe numbered as if earlier pages held 10 results */
            snprintf(buf, sizeof buf, "~%d", r->position);
            out_display(&t, 7, buf);
        }
        change_cell(&t, 8, r->change_1d);
        change_cell(&t, 9, r->change_7d);
        change_cell(&t, 10, r->change_30d);
        if (r->best != STORE_NONE)
            out_int(&t, 11, r->best);
        else
            out_null(&t, 11);
        out_str(&t, 12, r->url);
        if (r->checked_at)
            out_str(&t, 13, util_fmt_time(r->checked_at, buf));
        else
            out_null(&t, 13);
        out_bool(&t, 14, r->competitor);
        out_bool(&t, 15, r->in_local_pack);
        out_int(&t, 16, r->depth);
        out_str(&t, 17, r->reason);
        out_bool(&t, 18, r->approx);
        /* CSV needs no column widths: write it in pieces instead of
         * holding ~2M cells of a 100k-keyword table at once. */
        if (fmt == OUT_CSV && t.nrows == 4096) {
            if (out_write_csv(stdout, &t, !streamed) != 0) {
                write_failed = 1;
                break;
            }
            streamed = 1;
            out_clear(&t);
        }
    }
    int rc;
    if (streamed || write_failed) {
        if (write_failed || out_write_csv(stdout, &t, 0) != 0 || fflush(stdout) != 0 ||
            ferror(stdout)) {
            error("rank: cannot write output: %s", strerror(errno ? errno : EIO));
            rc = EXIT_FAIL;
        } else {
            rc = EXIT_OK;
        }
    } else {
        rc = cmd_output("rank", &t, fmt);
    }
    out_release(&t);
    store_rank_free_list(v, nv);
    return rc;
}
