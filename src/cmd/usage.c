/* usage.c - `serptrack usage [--since DATE]`: requests, failures and cost
 * per provider from the request ledger; cost from cost_per_1000 in the
 * [engine.*] sections using that provider (SERP APIs bill per request). */
#include <string.h>

#include "cmd.h"
#include "crawl.h"
#include "opt.h"
#include "util.h"

/* cost_per_1000 of the first engine configured with this provider. */
static double cost_per_1000(const struct ini *cfg, const char *provider, int *known)
{
    enum serp_engine es[] = {SERP_GOOGLE, SERP_BING, SERP_DUCKDUCKGO};
    for (size_t i = 0; i < ARRAY_SIZE(es); i++) {
        if (strcmp(engine_provider_name(engine_provider_for(cfg, es[i])), provider) != 0)
            continue;
        char sec[32];
        snprintf(sec, sizeof sec, "engine.%s", serp_engine_name(es[i]));
        if (ini_get(cfg, sec, "cost_per_1000", NULL)) {
            *known = 1;
            return ini_get_double_range(cfg, sec, "cost_per_1000", 0, 0, 1e6);
        }
    }
    *known = strcmp(provider, "direct") == 0; /* direct costs nothing but proxies */
    return 0;
}

int cmd_usage(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *since_s = NULL, *format = NULL;
    struct opt opts[] = {
        OPT_STRING("since", &since_s, "DATE", "from DATE on (default: the first of this month)"),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_END(),
    };
    const char *usage = "usage [--since DATE] [--format table|csv|json]";
    int n = opt_parse("usage", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("usage: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("usage", format, &fmt) != 0)
        return EXIT_USAGE;
    time_t since;
    if (since_s) {
        if (util_parse_time(since_s, &since) != 0) {
            error("usage: --since '%s' is not a date (YYYY-MM-DD)", since_s);
            return EXIT_USAGE;
        }
    } else {
        /* billing months: from the first of the current month */
        char d[11];
        util_fmt_date(util_now(), d);
        d[8] = '0';
        d[9] = '1';
        util_parse_time(d, &since);
    }
    struct store_usage *v = NULL;
    size_t nv = 0;
    if (store_usage_list(ctx->st, since, &v, &nv) != 0)
        return EXIT_FAIL;
    struct out_col cols[] = {
        {.key = "provider"},
        {.key = "requests", .right = 1},
        {.key = "failures", .right = 1},
        {.key = "cost_usd", .title = "cost USD", .right = 1, .decimals = 4},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    double total = 0;
    for (size_t i = 0; i < nv; i++) {
        int known;
        double c = cost_per_1000(&ctx->cfg, v[i].provider, &known) * (double)v[i].requests / 1000;
        out_row(&t);
        out_str(&t, 0, v[i].provider);
        out_int(&t, 1, v[i].requests);
        out_int(&t, 2, v[i].failures);
        if (known) {
            out_real(&t, 3, c);
            char buf[32];
            snprintf(buf, sizeof buf, "%.2f", c);
            out_display(&t, 3, buf);
        } else {
            out_null(&t, 3);
        }
        total += c;
    }
    int rc = cmd_output("usage", &t, fmt);
    if (fmt == OUT_TABLE && nv > 0 && rc == EXIT_OK)
        printf("total cost: %.2f USD\n", total);
    out_release(&t);
    store_usage_free_list(v, nv);
    return rc;
}
