/* portfolio.c - `serptrack portfolio`: every site of ours with its status,
 * client and rent beside what its rankings are worth and the leads it
 * really produced - the table an operator reads to decide which site to
 * pitch, re-price or abandon. */
#include "cmd.h"
#include "opt.h"
#include "research.h"
#include "util.h"

int cmd_portfolio(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *format = NULL, *data = NULL;
    long long min_duration = -1, days = 30;
    struct opt opts[] = {
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_INT("days", &days, "N", "actual leads over the last N days (default 30)", 1, 3650),
        OPT_INT("min-duration", &min_duration, "S",
                "calls of at least S seconds are leads (default [leads] min_duration or 60)", 0,
                86400),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = "portfolio [--format F] [--days N] [--min-duration S]";
    int n = opt_parse("portfolio", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("portfolio: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("portfolio", format, &fmt) != 0)
        return EXIT_USAGE;
    if (min_duration < 0)
        min_duration = ini_get_int(&ctx->cfg, "leads", "min_duration", 60, 0, 86400);
    struct research_data d;
    memset(&d, 0, sizeof(d));
    if (research_data_load(&d, data ? data : research_data_dir(&ctx->cfg), RESEARCH_NICHES) != 0) {
        research_data_release(&d);
        return EXIT_FAIL;
    }
    struct store_site *sites;
    size_t ns;
    if (store_site_list(ctx->st, &sites, &ns) != 0) {
        research_data_release(&d);
        return EXIT_FAIL;
    }
    struct out_col cols[] = {
        {.key = "site"},
        {.key = "status"},
        {.key = "niche", .table_hidden = 1},
        {.key = "client"},
        {.key = "keywords", .title = "kws", .right = 1},
        {.key = "top3", .right = 1},
        {.key = "local_pack", .title = "pack", .right = 1},
        {.key = "est_visits", .title = "visits/mo", .right = 1, .decimals = 0},
        {.key = "est_leads", .title = "est leads", .right = 1, .decimals = 1},
        {.key = "actual_leads", .title = "leads 30d", .right = 1},
        {.key = "rent", .right = 1, .decimals = 0},
        {.key = "suggested_rent_low", .title = "suggested", .right = 1, .decimals = 0},
        {.key = "suggested_rent_high", .table_hidden = 1, .decimals = 0},
        {.key = "days_since_top10", .title = "days top10", .right = 1},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    time_t now = util_now();
    int rc = EXIT_OK;
    for (size_t i = 0; i < ns && rc == EXIT_OK; i++) {
        const struct store_site *s = &sites[i];
        if (s->competitor)
            continue;
        struct research_site_value v;
        if (research_site_value(ctx->st, &ctx->cfg, &d, s->domain, 0, 0, &v) != 0) {
            rc = EXIT_FAIL;
            break;
        }
        long long actual = store_lead_count(ctx->st, s->domain, now - (time_t)days * 86400, now + 1,
                                            (int)min_duration);
        out_row(&t);
        out_str(&t, 0, s->domain);
        out_str(&t, 1, s->status);
        out_str(&t, 2, s->niche);
        out_str(&t, 3, s->client);
        out_int(&t, 4, (long long)v.n_kw);
        out_int(&t, 5, v.top3);
        out_int(&t, 6, v.local);
        out_real(&t, 7, v.visits);
        out_real(&t, 8, v.leads);
        if (actual >= 0)
            out_int(&t, 9, actual);
        else
            out_null(&t, 9);
        if (s->rent >= 0)
            out_real(&t, 10, s->rent);
        else
            out_null(&t, 10);
        out_real(&t, 11, v.rent_low);
        char range[64];
        snprintf(range, sizeof(range), "%.0f-%.0f", v.rent_low, v.rent_high);
        out_display(&t, 11, range);
        out_real(&t, 12, v.rent_high);
        if (v.first_top10)
            out_int(&t, 13, (long long)((now - v.first_top10) / 86400));
        else
            out_null(&t, 13);
        research_site_value_release(&v);
    }
    if (rc == EXIT_OK)
        rc = cmd_output("portfolio", &t, fmt);
    out_release(&t);
    store_site_free_list(sites, ns);
    research_data_release(&d);
    return rc;
}
