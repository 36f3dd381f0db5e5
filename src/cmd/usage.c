/* usage.c - `serptrack usage [--since DATE]`: requests, failures and cost
 * per provider and engine from the request ledger. A price is per provider
 * and engine (an API may bill Bing differently from Google); a pair with no
 * price has no cost, never a cost of 0. */
#include <string.h>

#include "cmd.h"
#include "crawl.h"
#include "opt.h"
#include "util.h"

int cmd_usage(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *since_s = NULL, *format = NULL;
    struct opt opts[] = {
        OPT_STRING("since", &since_s, "DATE", "from DATE on (default: the first of this month)"),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
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
        {.key = "engine"},
        {.key = "requests", .right = 1},
        {.key = "failures", .right = 1},
        {.key = "cost_usd", .title = "cost USD", .right = 1, .decimals = 4},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    double total = 0;
    long long unpriced = 0;
    double *price = xcalloc(nv ? nv : 1, sizeof(*price));
    for (size_t i = 0; i < nv; i++) {
        double p = price[i] = engine_cost_per_1000(&ctx->cfg, v[i].provider, v[i].engine);
        out_row(&t);
        out_str(&t, 0, v[i].provider);
        out_str(&t, 1, v[i].engine == SERP_ENGINE_UNKNOWN ? NULL : serp_engine_name(v[i].engine));
        out_int(&t, 2, v[i].requests);
        out_int(&t, 3, v[i].failures);
        if (p >= 0) {
            double c = p * v[i].units / 1000;
            out_real(&t, 4, c);
            char buf[32];
            snprintf(buf, sizeof buf, "%.2f", c);
            out_display(&t, 4, buf);
            total += c;
        } else {
            out_null(&t, 4); /* "-" in the table, empty in CSV, null in JSON */
            unpriced += v[i].requests;
        }
    }
    int rc = cmd_output("usage", &t, fmt);
    if (fmt == OUT_TABLE && nv > 0 && rc == EXIT_OK) {
        printf("total cost: %.2f USD", total);
        if (unpriced)
            printf(" (not counting %lld request%s without a price)", unpriced,
                   unpriced == 1 ? "" : "s");
        putchar('\n');
    }
    if (fmt == OUT_TABLE && unpriced && rc == EXIT_OK) {
        printf("note: no price configured for");
        const char *sep = " ";
        for (size_t i = 0; i < nv; i++)
            if (price[i] < 0) {
                printf("%s%s/%s", sep, v[i].provider, serp_engine_name(v[i].engine));
                sep = ", ";
            }
        printf(": cost '-' (unknown, not 0); set [provider.NAME] cost_per_1000 or "
               "cost_per_1000.ENGINE\n");
    }
    free(price);
    out_release(&t);
    store_usage_free_list(v, nv);
    return rc;
}
