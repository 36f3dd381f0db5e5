/* site.c - `serptrack site add|set|list|rm`: the sites we track (ours and
 * competitors). Sub-subcommands are static functions, as in git. */
#include "cmd.h"
#include "opt.h"
#include "track.h"
#include "url.h"
#include "util.h"

struct site_opts {
    const char *name, *client, *status, *niche, *phone, *format, *business_name, *paused, *of;
    double rent;
    int competitor, ours;
};

static int valid_status(const char *s)
{
    return !s || util_streq(s, "idea") || util_streq(s, "building") ||
           util_streq(s, "ranking") || util_streq(s, "rented");
}

static int check_fields(const char *cmd, const struct site_opts *o)
{
    if (!valid_status(o->status)) {
        error("%s: unknown status '%s' (expected idea, building, ranking or rented)", cmd,
              o->status);
        return -1;
    }
    if (o->rent < 0 && o->rent != STORE_RENT_KEEP) {
        error("%s: rent must not be negative", cmd);
        return -1;
    }
    return 0;
}

static int site_add(int argc, char **argv, struct cmd_ctx *ctx, int update)
{
    const char *cmd = update ? "site set" : "site add";
    struct site_opts o = {.rent = STORE_RENT_KEEP};
    struct opt opts[] = {
        OPT_STRING("name", &o.name, "N", "display name"),
        OPT_STRING("client", &o.client, "C", "who rents it"),
        OPT_STRING("status", &o.status, "S", "idea, building, ranking or rented"),
        OPT_DOUBLE("rent", &o.rent, "USD", "monthly rent"),
        OPT_STRING("niche", &o.niche, "N", "niche, e.g. plumbing"),
        OPT_STRING("phone", &o.phone, "P",
                   "phone number (leads import; local pack matching, \"\" clears)"),
        OPT_STRING("business-name", &o.business_name, "N",
                   "name in the local pack (pack matching, \"\" clears)"),
        OPT_STRING("of", &o.of, "D", "the site of ours a competitor competes with"),
        OPT_FLAG("competitor", &o.competitor, "a competitor's site, not ours"),
        OPT_STRING("paused", &o.paused, "yes|no", "paused: its keywords are never fetched"),
        OPT_FLAG("ours", &o.ours, "one of our sites, not a competitor"),
        OPT_END(),
    };
    if (!update) /* --ours only undoes --competitor, which add never set */
        opts[ARRAY_SIZE(opts) - 2] = (struct opt)OPT_END();
    const char *usage = ctx->usage;
    int n = opt_parse(cmd, usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n != 1) {
        error("%s: expected one DOMAIN", cmd);
        return EXIT_USAGE;
    }
    if (check_fields(cmd, &o) != 0)
        return EXIT_USAGE;
    if (o.competitor && o.ours) {
        error("%s: --competitor and --ours contradict each other", cmd);
        return EXIT_USAGE;
    }
    int paused = -1;
    if (o.paused) {
        if (util_streq(o.paused, "yes"))
            paused = 1;
        else if (util_streq(o.paused, "no"))
            paused = 0;
        else {
            error("%s: --paused takes yes or no, not '%s'", cmd, o.paused);
            return EXIT_USAGE;
        }
    }
    if (o.of && *o.of && o.ours) {
        error("%s: --of is for a competitor, not with --ours", cmd);
        return EXIT_USAGE;
    }
    if (update && o.of && *o.of && !o.competitor) {
        struct model_site cur;
        int got = store_site_get(ctx->st, argv[0], &cur);
        int comp = cur.competitor;
        model_site_release(&cur);
        if (got == 1 && !comp) {
            error("%s: --of is for a competitor; '%s' is one of ours (add --competitor)", cmd,
                  argv[0]);
            return EXIT_USAGE;
        }
    }
    struct model_site s = {
        .domain = argv[0], .name = (char *)o.name, .client = (char *)o.client,
        .status = (char *)o.status, .rent = o.rent, .niche = (char *)o.niche,
        .phone = (char *)o.phone, .business_name = (char *)o.business_name,
        .competitor_of = (char *)o.of, .paused = paused,
    };
    if (update) {
        s.competitor = o.competitor ? 1 : o.ours ? 0 : -1;
        if (store_site_update(ctx->st, &s) != 0)
            return EXIT_FAIL;
    } else {
        s.competitor = o.competitor;
        if (s.rent == STORE_RENT_KEEP)
            s.rent = -1;
        if (store_site_add(ctx->st, &s, NULL) != 0)
            return EXIT_FAIL;
    }
    /* a site added later gets its past positions from the stored pages */
    long long filled = track_site_backfill(ctx->st, argv[0]);
    if (filled < 0)
        return EXIT_FAIL;
    struct model_site g;
    if (store_site_get(ctx->st, argv[0], &g) == 1) {
        /* Say so when the domain given is not the one tracked (beyond www.):
         * ranks count every host of the registrable domain. */
        char *host = url_host(argv[0]);
        const char *h = host && util_starts_with(host, "www.") ? host + 4 : host;
        if (!update && h && strcmp(h, g.domain) != 0)
            warn("site add: tracking '%s', the registrable domain of '%s'", g.domain, host);
        free(host);
        /* the stored A-label form, and the spelling a person reads */
        char *uni = url_host_unicode(g.domain);
        printf("%s %s%s%s%s%s%s%s%s%s\n", update ? "updated" : "added", g.domain,
               uni ? " (" : "", uni ? uni : "", uni ? ")" : "",
               g.competitor ? " (competitor" : "", g.competitor_of ? " of " : "",
               g.competitor_of ? g.competitor_of : "", g.competitor ? ")" : "",
               g.paused ? " (paused)" : "");
        free(uni);
        if (filled > 0)
            printf("past positions read from %lld stored checks\n", filled);
        model_site_release(&g);
    }
    return EXIT_OK;
}

static int site_list(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *format = NULL;
    struct opt opts[] = {OPT_STRING("format", &format, "F", "table, csv or json"), OPT_END()};
    int n = opt_parse("site list", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("site list: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("site list", format, &fmt) != 0)
        return EXIT_USAGE;
    struct model_site *v;
    size_t nv;
    if (store_site_list(ctx->st, &v, &nv) != 0)
        return EXIT_FAIL;
    struct out_col cols[] = {
        {.key = "domain"},
        {.key = "name"},
        {.key = "client"},
        {.key = "status"},
        {.key = "rent", .right = 1, .decimals = 2},
        {.key = "competitor"},
        {.key = "niche"},
        {.key = "phone"},
        {.key = "paused"},
        {.key = "competitor_of", .title = "of"},
        {.key = "business_name", .title = "business name", .table_hidden = 1},
        {.key = "created_at", .title = "created", .table_hidden = 1},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (size_t i = 0; i < nv; i++) {
        char when[21];
        out_row(&t);
        out_str(&t, 0, v[i].domain);
        out_str(&t, 1, v[i].name);
        out_str(&t, 2, v[i].client);
        out_str(&t, 3, v[i].status);
        if (v[i].rent >= 0)
            out_real(&t, 4, v[i].rent);
        else
            out_null(&t, 4);
        out_bool(&t, 5, v[i].competitor);
        out_str(&t, 6, v[i].niche);
        out_str(&t, 7, v[i].phone);
        out_bool(&t, 8, v[i].paused);
        out_str(&t, 9, v[i].competitor_of);
        out_str(&t, 10, v[i].business_name);
        out_str(&t, 11, util_fmt_time(v[i].created_at, when));
    }
    int rc = cmd_output("site list", &t, fmt);
    out_release(&t);
    model_site_free_list(v, nv);
    return rc;
}

static int site_rm(int argc, char **argv, struct cmd_ctx *ctx)
{
    int force = 0;
    struct opt opts[] = {
        OPT_FLAG("force", &force, "also when it has history: deletes it with its keywords"),
        OPT_END(),
    };
    int n = opt_parse("site rm", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n != 1) {
        error("site rm: expected one DOMAIN");
        return EXIT_USAGE;
    }
    struct store_site_usage u;
    int got = store_site_usage(ctx->st, argv[0], &u);
    if (got < 0)
        return EXIT_FAIL;
    if (got == 0) {
        error("site rm: '%s' is not tracked", argv[0]);
        return EXIT_FAIL;
    }
    /* History cannot be fetched again: deleting it takes a second word. A
     * competitor's rank rows alone are not history: they are re-derived
     * from the stored pages whenever it is added back. */
    if (!force && (u.keywords || u.checks || u.leads || u.alerts || u.grid_scans)) {
        char grids[96] = "";
        if (u.grids)
            snprintf(grids, sizeof grids, ", %lld grids with %lld scans", u.grids, u.grid_scans);
        error("site rm: '%s' has %lld keywords, %lld checks, %lld rank rows, %lld leads and "
              "%lld alerts%s; 'site rm %s --force' deletes them all (or pause it: 'site set %s "
              "--paused yes')",
              argv[0], u.keywords, u.checks, u.ranks, u.leads, u.alerts, grids, argv[0], argv[0]);
        return EXIT_FAIL;
    }
    if (store_site_rm(ctx->st, argv[0]) != 0)
        return EXIT_FAIL;
    printf("removed %s (%lld keywords, %lld checks, %lld rank rows, %lld leads, %lld alerts",
           argv[0], u.keywords, u.checks, u.ranks, u.leads, u.alerts);
    if (u.grids)
        printf(", %lld grids with %lld scans", u.grids, u.grid_scans);
    printf(")\n");
    return EXIT_OK;
}

static int site_add_cmd(int argc, char **argv, struct cmd_ctx *ctx)
{
    return site_add(argc, argv, ctx, 0);
}

static int site_set_cmd(int argc, char **argv, struct cmd_ctx *ctx)
{
    return site_add(argc, argv, ctx, 1);
}

const struct cmd_sub cmd_site_subs[] = {
    {"add", site_add_cmd,
     "site add DOMAIN [--name N] [--client C] [--status S] [--rent USD] [--niche N] "
     "[--phone P] [--business-name N] [--paused yes|no] [--competitor [--of D]]",
     "track a site (or a competitor)", NULL, 0},
    {"set", site_set_cmd,
     "site set DOMAIN [--name N] [--client C] [--status S] [--rent USD] [--niche N] "
     "[--phone P] [--business-name N] [--paused yes|no] [--competitor|--ours] [--of D]",
     "change a tracked site", NULL, 0},
    {"list", site_list, "site list [--format table|csv|json]", "tracked sites", "ls", 0},
    {"rm", site_rm, "site rm DOMAIN [--force]", "stop tracking a site", "remove", 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};
