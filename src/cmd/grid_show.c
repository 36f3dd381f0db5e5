/* grid_show.c - `serptrack grid show` and `grid chart`: a stored scan as
 * a text map with its metrics (ARP, ATRP, SoLV) and the change since the
 * scan before, the metrics of every scan since a date, and the heat map
 * through gnuplot (a before/after pair with --compare). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "cmd.h"
#include "grid.h"
#include "grid_cmd.h"
#include "metrics.h"
#include "opt.h"
#include "outfile.h"
#include "util.h"

/* A metric for people: "-" when undefined. */
static void metric_str(char *buf, size_t n, double v, int percent)
{
    if (v < 0)
        snprintf(buf, n, "-");
    else if (percent)
        snprintf(buf, n, "%.0f%%", v * 100.0);
    else
        snprintf(buf, n, "%.2f", v);
}

/* "ATRP 7.31 (-1.20 better)": the change since the scan before, where a
 * lower ARP/ATRP and a higher SoLV are better. */
static void change_str(char *buf, size_t n, double cur, double prev, int percent, int higher_better)
{
    double d;
    enum metrics_move mv = metrics_grid_move(cur, prev, percent, higher_better, percent ? 0 : 2, &d);
    if (mv == METRICS_MOVE_NONE)
        snprintf(buf, n, "%s", "");
    else if (mv == METRICS_MOVE_SAME)
        snprintf(buf, n, " (same)");
    else
        snprintf(buf, n, " (%+.*f%s %s)", percent ? 0 : 2, d, percent ? " pts" : "",
                 mv == METRICS_MOVE_BETTER ? "better" : "worse");
}

static json_t *json_metric(double v)
{
    return v < 0 ? json_null() : json_real(v);
}

static json_t *json_pos(int v)
{
    return v == MODEL_NONE ? json_null() : json_integer(v);
}

static int show_json(const struct model_grid *g, const struct model_grid_scan *sc,
                     const struct metrics_grid *m, const struct metrics_grid *prev)
{
    char buf[32];
    json_t *o = json_object();
    json_object_set_new(o, "grid_id", json_integer(g->id));
    json_object_set_new(o, "query", json_string(g->query));
    json_object_set_new(o, "site", json_string(g->site));
    json_object_set_new(o, "engine", json_string(serp_engine_name(g->engine)));
    json_object_set_new(o, "checked_at", json_string(util_fmt_time(sc->checked_at, buf)));
    json_object_set_new(o, "size", json_integer(g->size));
    json_object_set_new(o, "shape", json_string(g->shape == MODEL_GRID_HEX ? "hex" : "square"));
    json_object_set_new(o, "spacing_m", json_real(g->spacing_m));
    json_object_set_new(o, "center", json_pack("{s:f,s:f}", "lat", g->lat, "lng", g->lng));
    json_object_set_new(o, "arp", json_metric(m->arp));
    json_object_set_new(o, "atrp", json_metric(m->atrp));
    json_object_set_new(o, "solv", json_metric(m->solv));
    json_object_set_new(o, "points_ok", json_integer(m->n_ok));
    json_object_set_new(o, "points_blocked", json_integer(m->n_blocked));
    json_object_set_new(o, "points_error", json_integer(m->n_error));
    json_object_set_new(o, "requests", json_integer(sc->requests));
    if (prev)
        json_object_set_new(o, "previous", json_pack("{s:o,s:o,s:o}", "arp", json_metric(prev->arp),
                                                     "atrp", json_metric(prev->atrp), "solv",
                                                     json_metric(prev->solv)));
    json_t *pts = json_array();
    for (size_t i = 0; i < sc->n_points; i++) {
        const struct model_grid_point *p = &sc->points[i];
        int ok = p->status == MODEL_OK;
        json_array_append_new(
            pts, json_pack("{s:i,s:i,s:f,s:f,s:s,s:o,s:o}", "row", p->row, "col", p->col, "lat",
                           p->lat, "lng", p->lng, "status", model_status_name(p->status),
                           "local_position", ok ? json_pos(p->local) : json_null(), "position",
                           ok ? json_pos(p->position) : json_null()));
    }
    json_object_set_new(o, "points", pts);
    int rc = json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(10)) == 0 ? EXIT_OK : EXIT_FAIL;
    putchar('\n');
    json_decref(o);
    return rc;
}

static int show_text(const struct model_grid *g, const struct model_grid_scan *sc,
                     const struct metrics_grid *m, const struct metrics_grid *prev, int color)
{
    char buf[32], a[16], t[16], s[16], ca[48] = "", ct[48] = "", cs[48] = "";
    printf("grid %lld: \"%s\" for %s, %s\n", g->id, g->query, g->site,
           util_fmt_time(sc->checked_at, buf));
    strbuf sb = STRBUF_INIT;
    grid_text_map(&sb, g, sc->points, sc->n_points, color);
    fwrite(sb.buf ? sb.buf : "", 1, sb.len, stdout);
    sb_release(&sb);
    metric_str(a, sizeof a, m->arp, 0);
    metric_str(t, sizeof t, m->atrp, 0);
    metric_str(s, sizeof s, m->solv, 1);
    if (prev) {
        change_str(ca, sizeof ca, m->arp, prev->arp, 0, 0);
        change_str(ct, sizeof ct, m->atrp, prev->atrp, 0, 0);
        change_str(cs, sizeof cs, m->solv, prev->solv, 1, 1);
    }
    printf("ARP %s%s   ATRP %s%s   SoLV %s%s\n", a, ca, t, ct, s, cs);
    printf("%d points: %d ok (%d found, %d in 1-3), %d blocked, %d error\n", m->n_points, m->n_ok,
           m->n_found, m->n_top3, m->n_blocked, m->n_error);
    if (m->n_blocked || m->n_error)
        printf("blocked and error points are unknown, not \"not found\": the metrics leave "
               "them out\n");
    return ferror(stdout) ? EXIT_FAIL : EXIT_OK;
}

/* --since: the metrics of every scan from since on. */
static int show_since(struct cmd_ctx *ctx, const struct model_grid *g, time_t since,
                      enum out_format fmt)
{
    struct model_grid_scan *v;
    size_t n;
    if (store_grid_scans(ctx->st, g->id, since, 0, 1, &v, &n) != 0)
        return cmd_store_fail(ctx);
    struct out_col cols[] = {
        {.key = "checked_at", .title = "scanned"},
        {.key = "points", .right = 1},
        {.key = "ok", .right = 1},
        {.key = "blocked", .right = 1},
        {.key = "error", .right = 1, .table_hidden = 1},
        {.key = "arp", .title = "ARP", .right = 1, .decimals = 2},
        {.key = "atrp", .title = "ATRP", .right = 1, .decimals = 2},
        {.key = "solv", .title = "SoLV", .right = 1, .decimals = 3},
        {.key = "requests", .right = 1, .table_hidden = 1},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (size_t i = 0; i < n; i++) {
        struct metrics_grid m;
        metrics_grid(v[i].points, v[i].n_points, &m);
        char buf[32];
        out_row(&t);
        out_str(&t, 0, util_fmt_time(v[i].checked_at, buf));
        out_int(&t, 1, m.n_points);
        out_int(&t, 2, m.n_ok);
        out_int(&t, 3, m.n_blocked);
        out_int(&t, 4, m.n_error);
        double mv[3] = {m.arp, m.atrp, m.solv};
        for (int k = 0; k < 3; k++) {
            if (mv[k] < 0)
                out_null(&t, 5 + k);
            else
                out_real(&t, 5 + k, mv[k]);
        }
        out_int(&t, 8, v[i].requests);
    }
    int rc = cmd_output("grid show", &t, fmt);
    out_release(&t);
    for (size_t i = 0; i < n; i++)
        model_grid_scan_release(&v[i]);
    free(v);
    return rc;
}

/* The end of the day named by s (a date: its last second; a time: itself). */
static int parse_until(const char *cmd, const char *s, time_t *at)
{
    if (util_parse_time(s, at) != 0) {
        error("%s: '%s' is not a date (YYYY-MM-DD)", cmd, s);
        return -1;
    }
    if (strlen(s) == 10)
        *at += DAY_SECS - 1;
    return 0;
}

/* The scan of g at or before the end of date (NULL = the latest): 0, or
 * -1 after saying why. */
static int scan_of(struct cmd_ctx *ctx, const char *cmd, const struct model_grid *g,
                   const char *date, struct model_grid_scan *sc)
{
    time_t at = 0;
    if (date && parse_until(cmd, date, &at) != 0)
        return -1;
    int got = store_grid_scan_at(ctx->st, g->id, at, sc);
    if (got < 0)
        return cmd_store_err(ctx->st);
    if (got == 0)
        return error("%s: grid %lld has no scan%s%s yet (run 'serptrack grid scan %lld')", cmd,
                     g->id, date ? " on or before " : "", date ? date : "", g->id);
    return 0;
}

int grid_cmd_show(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *date = NULL, *since_s = NULL, *format = NULL, *color = NULL;
    struct opt opts[] = {
        OPT_STRING("date", &date, "DATE", "the scan of that day (the latest on or before it)"),
        OPT_STRING("since", &since_s, "DATE", "the metrics of every scan from DATE on"),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_STRING("color", &color, "WHEN", "colour the map: auto (default, on a terminal), yes, no"),
        OPT_END(),
    };
    int n = opt_parse("grid show", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    long long id;
    if (n != 1) {
        error("grid show: expected one grid ID (see 'grid list')");
        return EXIT_USAGE;
    }
    if (grid_cmd_id("grid show", argv[0], &id) != 0)
        return EXIT_USAGE;
    enum out_format fmt;
    if (cmd_format("grid show", format, &fmt) != 0)
        return EXIT_USAGE;
    if (date && since_s) {
        error("grid show: --date and --since do not go together");
        return EXIT_USAGE;
    }
    if (color && strcmp(color, "auto") != 0 && strcmp(color, "yes") != 0 &&
        strcmp(color, "no") != 0) {
        error("grid show: --color '%s': expected auto, yes or no", color);
        return EXIT_USAGE;
    }
    time_t since = 0;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("grid show: --since '%s' is not a date (YYYY-MM-DD)", since_s);
        return EXIT_USAGE;
    }
    struct model_grid g;
    if (grid_cmd_get(ctx, "grid show", id, &g) != 0)
        return EXIT_FAIL;
    int rc = EXIT_FAIL;
    if (since_s) {
        rc = show_since(ctx, &g, since, fmt);
        model_grid_release(&g);
        return rc;
    }
    struct model_grid_scan sc, before = {0};
    if (scan_of(ctx, "grid show", &g, date, &sc) != 0) {
        model_grid_release(&g);
        return EXIT_FAIL;
    }
    struct metrics_grid m, pm;
    metrics_grid(sc.points, sc.n_points, &m);
    int has_prev = sc.checked_at > 0 && store_grid_scan_at(ctx->st, g.id, sc.checked_at - 1, &before) == 1;
    if (has_prev)
        metrics_grid(before.points, before.n_points, &pm);
    int tty = color && strcmp(color, "auto") != 0 ? strcmp(color, "yes") == 0 : isatty(1);
    if (fmt == OUT_JSON)
        rc = show_json(&g, &sc, &m, has_prev ? &pm : NULL);
    else if (fmt == OUT_CSV) {
        error("grid show: a single scan is a map: use table or json (csv goes with --since)");
        rc = EXIT_USAGE;
    } else
        rc = show_text(&g, &sc, &m, has_prev ? &pm : NULL, tty);
    model_grid_scan_release(&sc);
    model_grid_scan_release(&before);
    model_grid_release(&g);
    return rc;
}

int grid_cmd_chart(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *out = NULL, *date = NULL, *compare = NULL, *mode_s = NULL;
    struct opt opts[] = {
        OPT_STRING("out", &out, "FILE", "output file, .png or .svg (required)"),
        OPT_STRING("date", &date, "DATE", "the scan of that day (default: the latest)"),
        OPT_STRING("compare", &compare, "DATE", "draw the scan of DATE beside it: before/after"),
        OPT_STRING("mode", &mode_s, "OCTAL", "file mode (default [output] mode or 0600)"),
        OPT_END(),
    };
    int n = opt_parse("grid chart", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    long long id;
    if (n != 1 || !out) {
        error(n != 1 ? "grid chart: expected one grid ID (see 'grid list')"
                     : "grid chart: --out FILE.png|.svg is required");
        return EXIT_USAGE;
    }
    if (grid_cmd_id("grid chart", argv[0], &id) != 0)
        return EXIT_USAGE;
    if (chart_format_of(out) < 0) {
        error("grid chart: --out must end in .png or .svg");
        return EXIT_USAGE;
    }
    mode_t mode;
    if (cmd_out_mode("grid chart", mode_s, &ctx->cfg, &mode) != 0)
        return EXIT_USAGE;
    struct model_grid g;
    if (grid_cmd_get(ctx, "grid chart", id, &g) != 0)
        return EXIT_FAIL;
    struct model_grid_scan sc = {0}, old = {0};
    struct outfile of = {0};
    int rc = EXIT_FAIL;
    if (scan_of(ctx, "grid chart", &g, date, &sc) != 0 ||
        (compare && scan_of(ctx, "grid chart", &g, compare, &old) != 0))
        goto out;
    const char *dot = strrchr(out, '.');
    if (cmd_out_begin(&of, "grid chart", out, dot ? dot : "", mode) != 0)
        goto out;
    of.check = cmd_chart_complete;
    cmd_out_detach(&of);
    int drawn = compare ? chart_heatmap_pair(of.tmp, &g, old.checked_at, old.points, old.n_points,
                                             sc.checked_at, sc.points, sc.n_points)
                        : chart_heatmap(of.tmp, &g, sc.checked_at, sc.points, sc.n_points);
    if (drawn != 0 || cmd_out_commit(&of) != 0)
        goto out;
    printf("%s\n", out);
    rc = EXIT_OK;
out:
    cmd_out_abort(&of);
    model_grid_scan_release(&sc);
    model_grid_scan_release(&old);
    model_grid_release(&g);
    return rc;
}
