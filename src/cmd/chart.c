/* chart.c - `serptrack chart`: keyword and site trend charts through one
 * gnuplot process (src/chart/). Series come from the store here; the
 * renderer only sees plain arrays. */
#include <errno.h>
#include <unistd.h>

#include "chart.h"
#include "cmd.h"
#include "opt.h"
#include "outfile.h"
#include "metrics.h"
#include "serp.h"
#include "store.h"
#include "util.h"

/* Everything the charts borrow, freed together at the end. */
struct pool {
    void **p;
    size_t n, cap;
};

static void *keep(struct pool *pl, void *p)
{
    GROW(pl->p, pl->cap, pl->n + 1);
    pl->p[pl->n++] = p;
    return p;
}

static void pool_release(struct pool *pl)
{
    for (size_t i = 0; i < pl->n; i++)
        free(pl->p[i]);
    free(pl->p);
}

int cmd_chart_complete(int fd, off_t size)
{
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    unsigned char tail[64];
    size_t n = size < (off_t)sizeof tail ? (size_t)size : sizeof tail;
    if (pread(fd, tail, n, size - (off_t)n) != (ssize_t)n)
        return -1;
    unsigned char head[4];
    if (pread(fd, head, 4, 0) != 4)
        return -1;
    if (memcmp(head, "\x89PNG", 4) == 0)
        return n >= sizeof iend && memcmp(tail + n - sizeof iend, iend, sizeof iend) == 0 ? 0 : -1;
    while (n && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
        n--;
    return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0 ? 0 : -1;
}

/* Position history of keyword id for site (NULL = its own) as a series,
 * and (pack not NULL) the site's place in the local pack as a second one,
 * a gap wherever it was not in the pack. One keyword alone: the labels
 * are "organic" and "local pack" (the title names the keyword). */
static int keyword_series(store *st, const struct model_keyword *kw,
                          const struct metrics_positions *pos_of, time_t since, struct pool *pl,
                          struct chart_series *se, struct chart_series *pack, int alone,
                          int *depth)
{
    struct store_history *h = NULL;
    size_t n = 0;
    const char *site = pos_of ? pos_of->domain : NULL;
    if (metrics_history(st, pos_of, kw->id, since, &h, &n) != 0)
        return -1;
    struct chart_point *pts = keep(pl, xcalloc(n ? n : 1, sizeof *pts));
    struct chart_point *pp = pack ? keep(pl, xcalloc(n ? n : 1, sizeof *pp)) : NULL;
    for (size_t i = 0; i < n; i++) {
        pts[i].t = h[i].checked_at;
        if (h[i].status == MODEL_BLOCKED)
            pts[i].mark = CHART_BLOCKED;
        else if (h[i].status != MODEL_OK)
            pts[i].mark = CHART_FAILED;
        else if (h[i].position == MODEL_NONE)
            pts[i].mark = CHART_NONE;
        else
            pts[i].value = h[i].position;
        if (h[i].depth > *depth)
            *depth = h[i].depth;
        if (pp) { /* failed checks are marked once, on the organic line */
            int place = metrics_pack_place(&h[i]);
            pp[i].t = h[i].checked_at;
            pp[i].value = place;
            pp[i].mark = place ? CHART_VALUE : CHART_NONE;
            if (place > *depth) /* a Maps list deeper than the checks */
                *depth = place;
        }
    }
    store_history_free_list(h, n);
    if (kw->depth > *depth)
        *depth = kw->depth;
    char *label;
    if (site)
        label = xasprintf("%s: %s", site, kw->query);
    else if (alone)
        label = xstrdup("organic");
    else if (kw->location)
        label = xasprintf("%s (%s, %s)", kw->query, serp_engine_name(kw->engine), kw->location);
    else
        label = xasprintf("%s (%s)", kw->query, serp_engine_name(kw->engine));
    se->label = keep(pl, label);
    se->pts = pts;
    se->n = n;
    if (pack) {
        pack->label = keep(pl, alone ? xstrdup("local pack") : xasprintf("local pack: %s", label));
        pack->pts = pp;
        pack->n = n;
        pack->dashed = 1;
        if (!alone)
            se->label = keep(pl, xasprintf("organic: %s", label));
    }
    return 0;
}

/* One chart: every keyword in ids (and each competitor on it), and the
 * site's local pack place per keyword after them all (so the organic
 * lines keep their colours). */
static int keyword_chart(store *st, const long long *ids, size_t nids,
                         const struct metrics_positions *comp, size_t ncomp, time_t since,
                         const char *out, struct pool *pl, struct chart *ch)
{
    size_t nse = nids * (2 + ncomp);
    struct chart_series *se = keep(pl, xcalloc(nse, sizeof *se));
    struct chart_series *pack = keep(pl, xcalloc(nids, sizeof *pack));
    struct chart_panel *pa = keep(pl, xcalloc(1, sizeof *pa));
    int depth = 10;
    size_t k = 0, np = 0;
    strbuf title = STRBUF_INIT;
    for (size_t i = 0; i < nids; i++) {
        struct model_keyword kw;
        int found = store_kw_get(st, ids[i], &kw);
        if (found <= 0) {
            sb_release(&title);
            return found < 0 ? -1 : error("chart: no keyword with id %lld", ids[i]);
        }
        /* only a keyword with a site has rank rows, so a pack place */
        int rc = keyword_series(st, &kw, NULL, since, pl, &se[k++], kw.site ? &pack[np++] : NULL,
                                nids == 1, &depth);
        for (size_t c = 0; rc == 0 && c < ncomp; c++)
            rc = keyword_series(st, &kw, &comp[c], since, pl, &se[k++], NULL, 0, &depth);
        if (nids == 1) {
            sb_addf(&title, "Position of \"%s\" (%s", kw.query, serp_engine_name(kw.engine));
            if (kw.location)
                sb_addf(&title, ", %s", kw.location);
            sb_addf(&title, ")%s%s", kw.site ? " for " : "", kw.site ? kw.site : "");
        }
        model_keyword_release(&kw);
        if (rc != 0) {
            sb_release(&title);
            return -1;
        }
    }
    if (nids > 1)
        sb_addf(&title, "Positions of %zu keywords", nids);
    pa->ylabel = "position (1 = top)";
    pa->axis = CHART_AXIS_RANK;
    pa->ymax = depth;
    pa->series = se;
    /* the pack lines after every organic one */
    memcpy(se + k, pack, np * sizeof *se);
    pa->n_series = k + np;
    ch->out_path = out;
    ch->title = keep(pl, sb_detach(&title));
    ch->panels = pa;
    ch->n_panels = 1;
    return 0;
}

/* The site chart: average position, top 3 / top 10 share and visibility,
 * for the site and each competitor on the site's keywords. */
static int site_chart(store *st, const char *site, const struct opt_list *comp, time_t since,
                      const char *out, struct pool *pl, struct chart *ch, char **domain)
{
    size_t nd = 1 + (size_t)comp->n;
    struct chart_panel *pa = keep(pl, xcalloc(3, sizeof *pa));
    struct chart_series *avg = keep(pl, xcalloc(nd, sizeof *avg));
    struct chart_series *share = keep(pl, xcalloc(2 * nd, sizeof *share));
    struct chart_series *vis = keep(pl, xcalloc(nd, sizeof *vis));
    double maxavg = 10;
    struct model_site s;
    int found = store_site_get(st, site, &s);
    if (found <= 0)
        return found < 0 ? -1
                         : error("report: site '%s' is not tracked (add it with `serptrack site "
                                 "add`)",
                                 site);
    for (size_t d = 0; d < nd; d++) {
        struct metrics_site_trend r;
        if (metrics_site_trend(st, s.id, s.domain, d ? comp->v[d - 1] : NULL, since, &r) != 0) {
            model_site_release(&s);
            return -1;
        }
        const char *name = d ? comp->v[d - 1] : s.domain;
        /* the average beside how many keywords it stands for (latest checks) */
        struct metrics_avg now = {0};
        for (size_t i = 0; i < r.n_kw; i++)
            metrics_avg_add(&now, r.position[i]);
        if (d == 0) {
            *domain = xstrdup(s.domain);
            ch->title = keep(pl, xasprintf("%s: %zu keyword%s%s", s.name ? s.name : s.domain,
                                           r.n_kw, r.n_kw == 1 ? "" : "s",
                                           nd > 1 ? " vs competitors" : ""));
        }
        struct chart_point *p[4];
        for (int j = 0; j < 4; j++)
            p[j] = keep(pl, xcalloc(r.n_days ? r.n_days : 1, sizeof *p[j]));
        for (size_t i = 0; i < r.n_days; i++) {
            const struct metrics_day *dy = &r.days[i];
            for (int j = 0; j < 4; j++)
                p[j][i].t = dy->day;
            if (dy->avg_position > 0) {
                p[0][i].value = dy->avg_position;
                if (dy->avg_position > maxavg)
                    maxavg = dy->avg_position;
            } else {
                p[0][i].mark = CHART_NONE;
            }
            p[1][i].value = 100 * dy->top3;
            p[2][i].value = 100 * dy->top10;
            p[3][i].value = 100 * dy->visibility;
        }
        /* one colour per domain in every panel; top 3 dashed beside top 10 */
        int col = (int)d + 1;
        avg[d] = (struct chart_series){keep(pl, xasprintf("%s: ranked %d of %d", name, now.ranked,
                                                          now.n)),
                                       p[0], r.n_days, col, 0};
        share[2 * d] = (struct chart_series){keep(pl, xasprintf("%s: top 10", name)), p[2],
                                             r.n_days, col, 0};
        share[2 * d + 1] = (struct chart_series){keep(pl, xasprintf("%s: top 3", name)), p[1],
                                                 r.n_days, col, 1};
        vis[d] = (struct chart_series){keep(pl, xstrdup(name)), p[3], r.n_days, col, 0};
        metrics_site_trend_release(&r);
    }
    model_site_release(&s);
    double ymax = (double)((int)(maxavg / 10) + 1) * 10;
    pa[0] = (struct chart_panel){"average position (not ranked = 100)", CHART_AXIS_RANK,
                                 ymax > METRICS_UNRANKED_POSITION ? METRICS_UNRANKED_POSITION : ymax,
                                 avg, nd};
    pa[1] = (struct chart_panel){"keywords in top 3 / top 10", CHART_AXIS_PERCENT, 0, share,
                                 2 * nd};
    pa[2] = (struct chart_panel){"visibility (CTR-weighted)", CHART_AXIS_PERCENT, 0, vis, nd};
    ch->out_path = out;
    ch->panels = pa;
    ch->n_panels = 3;
    return 0;
}

/* --each: one chart per keyword of the site (domain), named DIR/NAME-kwID.EXT,
 * appended to *charts. 0 or -1. */
static int each_charts(store *st, const char *domain, const char *name, const char *dir,
                       const char *ext, const struct metrics_positions *comps, size_t ncomp,
                       time_t since, struct pool *pl, struct chart **charts, size_t *ncharts,
                       size_t *cap)
{
    struct model_keyword *kws = NULL;
    size_t nk = 0;
    struct store_kw_filter f = {.site = domain};
    if (store_kw_list(st, &f, &kws, &nk) != 0)
        return -1;
    int bad = 0;
    for (size_t i = 0; i < nk && !bad; i++) {
        GROW(*charts, *cap, *ncharts + 1);
        memset(&(*charts)[*ncharts], 0, sizeof **charts);
        char *path = keep(pl, xasprintf("%s/%s-kw%lld.%s", dir, name, kws[i].id, ext));
        bad = keyword_chart(st, &kws[i].id, 1, comps, ncomp, since, path, pl,
                            &(*charts)[*ncharts]) != 0;
        (*ncharts)++;
    }
    model_keyword_free_list(kws, nk);
    return bad ? -1 : 0;
}

/* Renders the charts: gnuplot writes each to a fresh temporary beside its
 * target; only complete files are renamed over the targets. Each chart's
 * out_path ends as its target (kept in pl). 0 or -1. */
static int write_charts(struct chart *charts, size_t ncharts, mode_t mode, struct pool *pl)
{
    struct outfile *of = xcalloc(ncharts + 1, sizeof *of);
    size_t nof = 0;
    int rc = -1;
    for (size_t i = 0; i < ncharts; i++) {
        const char *target = charts[i].out_path;
        const char *dot = strrchr(target, '.');
        if (cmd_out_begin(&of[i], "chart", target, dot ? dot : "", mode) != 0)
            goto out;
        nof = i + 1;
        of[i].check = cmd_chart_complete;
        cmd_out_detach(&of[i]);
        charts[i].out_path = of[i].tmp;
    }
    if (chart_render(charts, ncharts) != 0)
        goto out;
    for (size_t i = 0; i < ncharts; i++) {
        charts[i].out_path = keep(pl, xstrdup(of[i].target));
        if (cmd_out_commit(&of[i]) != 0)
            goto out;
    }
    rc = 0;
out:
    for (size_t i = 0; i < nof; i++)
        cmd_out_abort(&of[i]);
    free(of);
    return rc;
}

/* The default file of a keyword chart: DIR/keyword-ID-ID...EXT (at most 8
 * ids in the name), kept in pl. */
static const char *keyword_path(const char *dir, const long long *ids, int nids, const char *ext,
                                struct pool *pl)
{
    strbuf sb = STRBUF_INIT;
    sb_addf(&sb, "%s/keyword", dir);
    for (int i = 0; i < nids && i < 8; i++)
        sb_addf(&sb, "-%lld", ids[i]);
    sb_addf(&sb, ".%s", ext);
    return keep(pl, sb_detach(&sb));
}

int cmd_chart(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct opt_list kwl = {0}, comp = {0};
    const char *site = NULL, *out = NULL, *since_s = NULL, *dir = "reports", *prefix = NULL,
               *mode_s = NULL;
    int each = 0, svg = 0;
    struct opt opts[] = {
        OPT_LIST("keyword", &kwl, "ID", "chart a keyword's position (repeat: several on one chart)"),
        OPT_STRING("site", &site, "D", "chart a site: average position, top 3/10 share, visibility"),
        OPT_LIST("competitor", &comp, "C", "add a competitor domain (repeatable)"),
        OPT_FLAG("each", &each, "with --site: also one chart per keyword of the site"),
        OPT_STRING("out", &out, "FILE", "output file, .png or .svg (default under reports/)"),
        OPT_STRING("dir", &dir, "DIR", "folder for default file names (default reports)"),
        OPT_STRING("prefix", &prefix, "P", "with --each: keyword charts are DIR/P-kwID (default: "
                                           "the domain)"),
        OPT_FLAG("svg", &svg, "default file names end in .svg instead of .png"),
        OPT_STRING("since", &since_s, "DATE", "first day to draw (default: all history)"),
        OPT_STRING("mode", &mode_s, "OCTAL", "file mode of the charts (default [output] mode "
                                             "or 0600)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("chart", usage, opts, argc, argv);
    int rc = EXIT_USAGE;
    struct pool pl = {0};
    struct chart *charts = NULL;
    size_t ncharts = 0, cap = 0;
    long long *ids = NULL;
    char *domain = NULL;
    struct metrics_positions *comps = NULL;
    if (n < 0) {
        rc = n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
        goto done;
    }
    if (n > 0 || (!site && kwl.n == 0) || (site && kwl.n > 0)) {
        error("chart: %s", n > 0 ? "unexpected argument" : "give --keyword ID or --site D");
        opt_usage(stderr, "chart", usage, opts);
        goto done;
    }
    if (each && !site) {
        error("chart: --each needs --site");
        goto done;
    }
    if (out && chart_format_of(out) < 0) {
        error("chart: --out must end in .png or .svg");
        goto done;
    }
    time_t since = 0;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("chart: --since '%s': expected YYYY-MM-DD", since_s);
        goto done;
    }
    mode_t mode;
    if (cmd_out_mode("chart", mode_s, &ctx->cfg, &mode) != 0)
        goto done;
    ids = xcalloc((size_t)kwl.n + 1, sizeof *ids);
    for (int i = 0; i < kwl.n; i++)
        if (util_parse_int(kwl.v[i], 1, 1LL << 62, &ids[i]) != 0) {
            error("chart: --keyword '%s': expected a keyword id (see `serptrack kw list`)",
                  kwl.v[i]);
            goto done;
        }
    rc = EXIT_FAIL;
    comps = xcalloc((size_t)comp.n + 1, sizeof *comps);
    for (int i = 0; i < comp.n; i++)
        if (metrics_positions_load(ctx->st, comp.v[i], since, &comps[i]) != 0)
            goto done;
    const char *ext = svg ? "svg" : "png";
    if ((!out || each) && cmd_ensure_dir(dir) != 0)
        goto done;
    if (site) {
        GROW(charts, cap, ncharts + 1);
        memset(&charts[ncharts], 0, sizeof *charts);
        if (site_chart(ctx->st, site, &comp, since, out, &pl, &charts[ncharts], &domain) != 0)
            goto done;
        char *name = cmd_safe_name(prefix ? prefix : domain);
        if (!out) {
            char *dname = cmd_safe_name(domain);
            charts[ncharts].out_path = keep(&pl, xasprintf("%s/%s.%s", dir, dname, ext));
            free(dname);
        }
        ncharts++;
        if (each && each_charts(ctx->st, domain, name, dir, ext, comps, (size_t)comp.n, since,
                                &pl, &charts, &ncharts, &cap) != 0) {
            free(name);
            goto done;
        }
        free(name);
    } else {
        GROW(charts, cap, ncharts + 1);
        memset(&charts[ncharts], 0, sizeof *charts);
        const char *path = out ? out : keyword_path(dir, ids, kwl.n, ext, &pl);
        if (keyword_chart(ctx->st, ids, (size_t)kwl.n, comps, (size_t)comp.n, since, path, &pl,
                          &charts[0]) != 0)
            goto done;
        ncharts = 1;
    }
    double t0 = util_mono();
    if (write_charts(charts, ncharts, mode, &pl) != 0)
        goto done;
    info("chart: %zu charts in %.3f s", ncharts, util_mono() - t0);
    for (size_t i = 0; i < ncharts; i++)
        printf("%s\n", charts[i].out_path);
    rc = EXIT_OK;
done:
    for (int i = 0; comps && i < comp.n; i++) /* zeroed when never loaded */
        metrics_positions_release(&comps[i]);
    free(comps);
    free(domain);
    free(ids);
    free(charts);
    pool_release(&pl);
    opt_list_release(&kwl);
    opt_list_release(&comp);
    return rc;
}
