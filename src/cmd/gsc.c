/* gsc.c - `serptrack research import-gsc FILE --site D [--days N | --since
 * DATE --until DATE]`: a site's Search Console Queries.csv into the store
 * (a row of research's subcommand table). The parser is
 * research_gsc_parse(); the period is given here because Queries.csv
 * carries no dates (they are in the export's Filters.csv). */
#include <errno.h>
#include <math.h>

#include "cmd.h"
#include "model.h"
#include "opt.h"
#include "research.h"
#include "util.h"

#define GSC_MAX_INPUT (64u << 20)
#define GSC_DEFAULT_DAYS 90 /* Search Console's default range, "last 3 months" */
#define GSC_MAX_DAYS 500    /* it keeps 16 months */

struct gsc_rows {
    struct store_gsc_row *v;
    size_t n, cap;
};

static int keep_row(const struct research_gsc_row *r, void *arg)
{
    struct gsc_rows *a = arg;
    util_grow((void **)&a->v, &a->cap, a->n + 1, sizeof(*a->v));
    a->v[a->n++] = (struct store_gsc_row){xstrdup(r->query), r->clicks, r->impressions, r->ctr,
                                          r->position};
    return 0;
}

static int cmp_query(const void *a, const void *b)
{
    return strcmp(((const struct store_gsc_row *)a)->query, ((const struct store_gsc_row *)b)->query);
}

/* Queries that normalise alike ("Plumber  Austin", "plumber austin") as
 * one row: clicks and impressions summed, position impression-weighted. */
static void merge_rows(struct gsc_rows *r)
{
    if (r->n < 2)
        return;
    qsort(r->v, r->n, sizeof(*r->v), cmp_query);
    size_t w = 0;
    for (size_t i = 1; i < r->n; i++) {
        struct store_gsc_row *a = &r->v[w], *b = &r->v[i];
        if (strcmp(a->query, b->query) != 0) {
            r->v[++w] = *b;
            continue;
        }
        long long imp = a->impressions + b->impressions;
        if (imp > 0)
            a->position = (a->position * (double)a->impressions +
                           b->position * (double)b->impressions) / (double)imp;
        a->clicks += b->clicks;
        a->impressions = imp;
        a->ctr = imp > 0 ? (double)a->clicks / (double)imp : a->ctr;
        free(b->query);
    }
    r->n = w + 1;
}

/* Impressions of a page-one query as its monthly search volume, unless a
 * Keyword Planner or CSV volume is already there. *kept counts those. */
static int file_volumes(store *st, const struct gsc_rows *rows, int days, long *filed, long *kept)
{
    for (size_t i = 0; i < rows->n; i++) {
        const struct store_gsc_row *r = &rows->v[i];
        if (r->position > 10)
            continue;
        struct store_volume old;
        int got = store_volume_get(st, r->query, NULL, &old);
        if (got < 0)
            return -1;
        int other = got == 1 && !util_streq(old.source, "search-console");
        if (got == 1)
            store_volume_release(&old);
        if (other) {
            (*kept)++;
            continue;
        }
        struct store_volume v = {.query = r->query,
                                 .location = NULL,
                                 .volume = llround((double)r->impressions * 30.0 / days),
                                 .cpc = -1,
                                 .competition = -1,
                                 .source = "search-console"};
        if (store_volume_set(st, &v) != 0)
            return -1;
        (*filed)++;
    }
    return 0;
}

static int day_arg(const char *opt, const char *s, time_t *out)
{
    if (util_parse_time(s, out) != 0) {
        error("research import-gsc: --%s '%s' is not a date (YYYY-MM-DD)", opt, s);
        return -1;
    }
    *out = util_day_start(*out);
    return 0;
}

int cmd_research_import_gsc(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *since_s = NULL, *until_s = NULL;
    long long days = 0;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "the site the export is of (required)"),
        OPT_INT("days", &days, "N",
                "the export covers the last N days up to yesterday (default 90, Search "
                "Console's \"last 3 months\")",
                1, GSC_MAX_DAYS),
        OPT_STRING("since", &since_s, "DATE", "first day of the export's period (with --until)"),
        OPT_STRING("until", &until_s, "DATE", "last day of the export's period (with --since)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("research import-gsc", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    const char *why = n != 1                      ? "expected one FILE (the export's Queries.csv)"
                      : !site                     ? "--site is required"
                      : !since_s != !until_s      ? "--since and --until go together"
                      : since_s && days           ? "--days or --since/--until, not both"
                                                  : NULL;
    if (why) {
        error("research import-gsc: %s", why);
        opt_usage(stderr, "research import-gsc", usage, opts);
        return EXIT_USAGE;
    }
    time_t start, end;
    if (since_s) {
        if (day_arg("since", since_s, &start) != 0 || day_arg("until", until_s, &end) != 0)
            return EXIT_USAGE;
        if (end < start) {
            error("research import-gsc: --until %s is before --since %s", until_s, since_s);
            return EXIT_USAGE;
        }
        if ((end - start) / DAY_SECS + 1 > GSC_MAX_DAYS) {
            error("research import-gsc: the period is longer than Search Console keeps (16 months)");
            return EXIT_USAGE;
        }
    } else {
        end = util_day_start(util_now()) - DAY_SECS; /* today is not complete */
        start = end - (time_t)((days ? days : GSC_DEFAULT_DAYS) - 1) * DAY_SECS;
    }
    int ndays = (int)((end - start) / DAY_SECS) + 1;

    char *domain;
    if (cmd_site_domain(ctx->st, "research import-gsc", site, &domain) != 0)
        return EXIT_FAIL;

    char *buf;
    size_t len;
    if (util_read_file(argv[0], GSC_MAX_INPUT, &buf, &len) != 0) {
        error("research import-gsc: '%s': %s", argv[0],
              errno == EFBIG ? "larger than 64 MB" : strerror(errno));
        free(domain);
        return EXIT_FAIL;
    }
    struct gsc_rows rows = {NULL, 0, 0};
    long got = research_gsc_parse(buf, len, argv[0], keep_row, &rows);
    free(buf);
    int rc = EXIT_FAIL;
    long filed = 0, kept = 0;
    long long replaced = 0;
    if (got < 0) {
        error("research import-gsc: '%s': nothing imported", argv[0]);
        goto out;
    }
    if (got == 0) {
        error("research import-gsc: '%s': no query rows (nothing imported)", argv[0]);
        goto out;
    }
    merge_rows(&rows);
    /* one transaction: rows, replaced import and volumes, or nothing */
    if (store_begin(ctx->st) != 0)
        goto out;
    if (store_gsc_replace(ctx->st, domain, start, end, util_now(), rows.v, rows.n, &replaced) !=
            0 ||
        file_volumes(ctx->st, &rows, ndays, &filed, &kept) != 0) {
        store_rollback(ctx->st);
        cmd_store_err(ctx->st);
        error("research import-gsc: '%s': nothing imported", argv[0]);
        goto out;
    }
    if (store_commit(ctx->st) != 0)
        goto out;
    long long clicks = 0, impressions = 0;
    for (size_t i = 0; i < rows.n; i++)
        clicks += rows.v[i].clicks, impressions += rows.v[i].impressions;
    char a[11], b[11];
    printf("imported %zu Search Console quer%s for %s, %s to %s (%d days): %lld clicks, %lld "
           "impressions\n",
           rows.n, rows.n == 1 ? "y" : "ies", domain, util_fmt_date(start, a),
           util_fmt_date(end, b), ndays, clicks, impressions);
    if (replaced)
        printf("replaced %lld row%s of an earlier import of an overlapping period\n", replaced,
               replaced == 1 ? "" : "s");
    printf("search volume from impressions x 30 / %d days for %ld page-one quer%s (source "
           "search-console)",
           ndays, filed, filed == 1 ? "y" : "ies");
    if (kept)
        printf("; %ld kept their Keyword Planner or CSV volume", kept);
    printf("\n");
    rc = EXIT_OK;
out:
    store_gsc_free_list(rows.v, rows.n);
    free(domain);
    return rc;
}
