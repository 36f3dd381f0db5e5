/* grid.c - `serptrack grid add|list|scan|rm`: geo-grids, one query for
 * one site checked from size x size points around a centre (Local
 * Falcon's scan). `grid show` and `grid chart` are in grid_show.c. What a
 * grid costs is printed before it is added, since a 7 x 7 grid is 49
 * requests per scan. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "grid.h"
#include "grid_cmd.h"
#include "locations.h"
#include "opt.h"
#include "plan.h"
#include "research.h"
#include "serp.h"
#include "track.h"
#include "trackout.h"
#include "util.h"

int grid_cmd_id(const char *cmd, const char *arg, long long *id)
{
    if (util_parse_int(arg, 1, 1LL << 62, id) != 0) {
        error("%s: '%s' is not a grid ID (see 'grid list')", cmd, arg);
        return -1;
    }
    return 0;
}

int grid_cmd_get(struct cmd_ctx *ctx, const char *cmd, long long id, struct model_grid *g)
{
    int got = store_grid_get(ctx->st, id, g);
    if (got == 0)
        error("%s: no grid with id %lld (see 'grid list')", cmd, id);
    else if (got < 0)
        cmd_store_err(ctx->st);
    return got == 1 ? 0 : -1;
}

/* --location: the canonical city name and its coordinates, or -1 after
 * saying why (with suggestions, as kw add does). */
static int grid_location(struct cmd_ctx *ctx, const char *in, struct model_grid *g)
{
    struct loc_data ld;
    if (loc_data_load(&ld, research_data_dir(&ctx->cfg)) != 0) {
        loc_data_release(&ld);
        return error("grid add: cannot resolve --location '%s' without the city data (set "
                     "[research] data_dir, or give --center LAT,LNG)", in);
    }
    char *canon = NULL;
    int rc = loc_place(ld.ix, "grid add", in, &canon, &g->lat, &g->lng);
    if (rc == 1) {
        g->location = canon;
        canon = NULL;
        rc = 0;
    } else if (rc == 0) {
        rc = error("grid add: no coordinates known for '%s'; give --center LAT,LNG", canon);
    }
    free(canon);
    loc_data_release(&ld);
    return rc;
}

/* Every option of grid add checked; -1 (usage) after saying why. */
static int grid_add_check(const char *center, const char *location, long long size,
                          const char *spacing, const char *shape, const char *engine,
                          const char *schedule, const char *device, struct model_grid *g)
{
    const char *why = NULL;
    if (!center == !location)
        return error("grid add: give the centre as --center LAT,LNG or --location NAME (one)");
    if (center && grid_parse_center(center, &g->lat, &g->lng, &why) != 0)
        return error("grid add: --center '%s': %s", center, why);
    if (!grid_size_ok(size))
        return error("grid add: --size must be odd, %d..%d (got %lld)", MODEL_GRID_SIZE_MIN,
                     MODEL_GRID_SIZE_MAX, size);
    g->size = (int)size;
    if (!spacing)
        return error("grid add: --spacing DIST is required (e.g. 1km, 800m, 0.5mi)");
    if (grid_parse_spacing(spacing, &g->spacing_m, &why) != 0)
        return error("grid add: --spacing '%s': %s", spacing, why);
    if (shape && grid_parse_shape(shape, &g->shape) != 0)
        return error("grid add: --shape '%s': expected square or hex", shape);
    g->engine = engine ? serp_engine_from_name(engine) : SERP_GOOGLE;
    if (g->engine != SERP_GOOGLE)
        return error("grid add: --engine '%s': grids need the local results, which only google "
                     "has here", engine);
    if (schedule && model_schedule_secs(schedule) < 0)
        return error("grid add: unknown schedule '%s' (expected daily, weekly or <N>h)", schedule);
    if (device && !model_device_ok(device))
        return error("grid add: --device '%s': expected desktop or mobile", device);
    return 0;
}

static int grid_add(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *center = NULL, *location = NULL, *spacing = NULL, *shape = NULL,
               *engine = NULL, *schedule = NULL, *device = NULL, *lang = NULL, *country = NULL;
    long long size = 0;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "the site whose business is looked for (required)"),
        OPT_STRING("center", &center, "LAT,LNG", "the centre in degrees"),
        OPT_STRING("location", &location, "L", "or a US city as the centre: \"Austin, TX\""),
        OPT_INT("size", &size, "N", "points per side, odd, 3..21 (required)", 0, 1000),
        OPT_STRING("spacing", &spacing, "DIST", "between points: 800m, 1.5km, 1mi (required)"),
        OPT_STRING("shape", &shape, "S", "square (default) or hex (rings)"),
        OPT_STRING("engine", &engine, "E", "google (default; the only one with local results)"),
        OPT_STRING("schedule", &schedule, "S", "weekly (default), daily or <N>h"),
        OPT_STRING("device", &device, "D", "desktop (default) or mobile"),
        OPT_STRING("lang", &lang, "L", "interface language (default en)"),
        OPT_STRING("country", &country, "C", "country code (default us)"),
        OPT_END(),
    };
    int n = opt_parse("grid add", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n != 1 || !site) {
        error(n != 1 ? "grid add: expected one \"QUERY\"" : "grid add: --site D is required");
        return EXIT_USAGE;
    }
    const char *qwhy = model_query_problem(argv[0]);
    if (qwhy) {
        error("grid add: %s", qwhy);
        return EXIT_USAGE;
    }
    struct model_grid g = {0};
    if (grid_add_check(center, location, size, spacing, shape, engine, schedule, device, &g) != 0)
        return EXIT_USAGE;
    char *domain = NULL;
    if (cmd_site_domain(ctx->st, "grid add", site, &domain) != 0)
        return EXIT_FAIL;
    if (location && grid_location(ctx, location, &g) != 0) {
        free(domain);
        return EXIT_FAIL;
    }
    g.query = xstrdup(argv[0]);
    g.site = domain;
    g.device = xstrdup(device ? device : "desktop");
    g.lang = xstrdup(lang ? lang : "en");
    g.country = xstrdup(country ? country : "us");
    g.schedule = xstrdup(schedule ? schedule : "weekly");
    g.created_at = util_now();
    long long id = 0;
    int rc = EXIT_OK;
    if (store_grid_add(ctx->st, &g, &id) != 0) {
        rc = cmd_store_fail(ctx);
    } else {
        struct plan_grid_cost c;
        plan_grid_cost(&ctx->cfg, &g, &c);
        char *line = plan_grid_cost_line(&c);
        printf("added grid %lld: \"%s\" for %s, %dx%d %s, %g m apart, %s\n", id, g.query, g.site,
               g.size, g.size, g.shape == MODEL_GRID_HEX ? "hex" : "square", g.spacing_m,
               g.schedule);
        printf("cost: %s\n", line);
        free(line);
    }
    model_grid_release(&g);
    return rc;
}

static int grid_list(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *format = NULL;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "only this site's grids"),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_END(),
    };
    int n = opt_parse("grid list", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("grid list: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("grid list", format, &fmt) != 0)
        return EXIT_USAGE;
    char *domain = NULL;
    if (site && cmd_site_domain(ctx->st, "grid list", site, &domain) != 0)
        return EXIT_FAIL;
    struct model_grid *v;
    size_t nv;
    int got = store_grid_list(ctx->st, domain, &v, &nv);
    free(domain);
    if (got != 0)
        return cmd_store_fail(ctx);
    struct out_col cols[] = {
        {.key = "id", .right = 1},   {.key = "query"},
        {.key = "site"},             {.key = "engine", .table_hidden = 1},
        {.key = "size", .right = 1}, {.key = "shape"},
        {.key = "spacing_m", .title = "spacing m", .right = 1},
        {.key = "points", .right = 1},
        {.key = "center"},           {.key = "location", .table_hidden = 1},
        {.key = "lat", .table_hidden = 1, .decimals = 6},
        {.key = "lng", .table_hidden = 1, .decimals = 6},
        {.key = "schedule"},         {.key = "last_scan", .title = "last scan"},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (size_t i = 0; i < nv; i++) {
        const struct model_grid *g = &v[i];
        char buf[64];
        out_row(&t);
        out_int(&t, 0, g->id);
        out_str(&t, 1, g->query);
        out_str(&t, 2, g->site);
        out_str(&t, 3, serp_engine_name(g->engine));
        out_int(&t, 4, g->size);
        out_str(&t, 5, g->shape == MODEL_GRID_HEX ? "hex" : "square");
        out_int(&t, 6, lround(g->spacing_m));
        out_int(&t, 7, (long long)grid_point_count(g->size, g->shape));
        if (g->location) {
            out_str(&t, 8, g->location);
        } else {
            snprintf(buf, sizeof buf, "%.5f,%.5f", g->lat, g->lng);
            out_str(&t, 8, buf);
        }
        out_str(&t, 9, g->location);
        out_real(&t, 10, g->lat);
        out_real(&t, 11, g->lng);
        out_str(&t, 12, g->schedule);
        if (g->last_scan)
            out_str(&t, 13, util_fmt_time(g->last_scan, buf));
        else
            out_null(&t, 13);
    }
    int rc = cmd_output("grid list", &t, fmt);
    out_release(&t);
    model_grid_free_list(v, nv);
    return rc;
}

static int grid_scan(int argc, char **argv, struct cmd_ctx *ctx)
{
    long long concurrency = 0, max_requests = -1;
    int progress = 0;
    struct opt opts[] = {
        OPT_INT("concurrency", &concurrency, "N", "requests in flight at once", 1, 256),
        OPT_INT("max-requests", &max_requests, "N", "request budget for this scan", 0, 100000000),
        OPT_FLAG("progress", &progress, "say each point that failed"),
        OPT_END(),
    };
    int n = opt_parse("grid scan", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n < 1) {
        error("grid scan: expected a grid ID (see 'grid list')");
        return EXIT_USAGE;
    }
    long long *ids = xcalloc((size_t)n, sizeof *ids);
    for (int i = 0; i < n; i++)
        if (grid_cmd_id("grid scan", argv[i], &ids[i]) != 0) {
            free(ids);
            return EXIT_USAGE;
        }
    struct trackout bar = {0};
    struct track_sink sink = trackout_sink(&bar, 0);
    struct track_opts o = {.concurrency = (int)concurrency, .max_requests = max_requests,
                           .label = "grid scan"};
    int rc = EXIT_OK;
    for (int i = 0; i < n && rc == EXIT_OK; i++) {
        struct model_grid g;
        if (grid_cmd_get(ctx, "grid scan", ids[i], &g) != 0) {
            rc = EXIT_FAIL;
            break;
        }
        struct track_grid_stats s = {0};
        struct track_err err = {{0}};
        long long scan_id = 0;
        if (track_grid_scan(ctx->st, &ctx->cfg, &g, util_now(), &o, progress ? &sink : NULL, &s,
                            &scan_id, &err) != 0) {
            if (err.msg[0])
                error("grid scan: %s", err.msg);
            cmd_store_err(ctx->st);
            rc = EXIT_FAIL;
        } else {
            printf("grid %lld: %zu points: %zu ok, %zu blocked, %zu error; %lld requests\n", g.id,
                   s.points, s.ok, s.blocked, s.error, s.requests);
            /* every point failing is a failed scan: nothing was learnt */
            if (s.ok == 0 && s.points > 0)
                rc = EXIT_FAIL;
        }
        model_grid_release(&g);
    }
    free(ids);
    return rc;
}

static int grid_rm(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct opt opts[] = {OPT_END()};
    int n = opt_parse("grid rm", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n < 1) {
        error("grid rm: expected a grid ID (see 'grid list')");
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    for (int i = 0; i < n; i++) {
        long long id;
        if (grid_cmd_id("grid rm", argv[i], &id) != 0)
            return EXIT_USAGE;
        int got = store_grid_rm(ctx->st, id);
        if (got < 0) {
            rc = cmd_store_fail(ctx);
        } else if (got == 0) {
            error("grid rm: no grid with id %lld", id);
            rc = EXIT_FAIL;
        } else {
            printf("removed grid %lld and its scans\n", id);
        }
    }
    return rc;
}

const struct cmd_sub cmd_grid_subs[] = {
    {"add", grid_add,
     "grid add \"QUERY\" --site D (--center LAT,LNG | --location NAME) --size N --spacing DIST"
     " [--shape square|hex] [--engine google] [--schedule S] [--device D] [--lang L]"
     " [--country C]",
     "track a query from a grid of points around a centre", NULL, 1},
    {"list", grid_list, "grid list [--site D] [--format table|csv|json]", "the tracked grids",
     "ls", 1},
    {"scan", grid_scan, "grid scan ID... [--concurrency N] [--max-requests N] [--progress]",
     "check every point of a grid now", NULL, 1},
    {"show", grid_cmd_show,
     "grid show ID [--date DATE | --since DATE] [--format table|csv|json] [--color auto|yes|no]",
     "a scan as a text map with ARP, ATRP and SoLV, or the metrics per scan", NULL, 1},
    {"chart", grid_cmd_chart, "grid chart ID --out FILE.png|.svg [--date DATE] [--compare DATE]"
                              " [--mode OCTAL]",
     "heat map of a scan through gnuplot (two side by side with --compare)", NULL, 1},
    {"rm", grid_rm, "grid rm ID...", "remove grids and their scans", "remove", 1},
    {NULL, NULL, NULL, NULL, NULL, 0},
};
