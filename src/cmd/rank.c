/* rank.c - `serptrack rank`: the latest position per keyword and site with
 * its changes vs 1, 7 and 30 days, the best ever, the local pack position,
 * the ranking URL and the site in the latest AI overview; filters, sort orders, a summary line and a warning
 * when data is older than the keywords' schedules allow. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "crawl.h"
#include "metrics.h"
#include "opt.h"
#include "track.h"
#include "util.h"

enum { SORT_NONE, SORT_POSITION, SORT_CHANGE, SORT_KEYWORD, SORT_VOLUME };

/* One listed row with what sorting needs beside it. */
struct row {
    struct model_rank *r;
    long long volume; /* -1 unknown */
    size_t order;     /* listing order, so every sort is stable */
};

static int sort_by;
static int group_first; /* table: rows of one site and location together */

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Ranked first by position, then not ranked, then never checked. */
static int pos_key(const struct model_rank *r)
{
    if (r->position != MODEL_NONE && r->checked_at)
        return r->position;
    return r->checked_at ? 1000000 : 2000000;
}

static int cmp_row(const void *pa, const void *pb)
{
    const struct row *a = pa, *b = pb;
    int c = 0;
    if (group_first) {
        if ((c = cmp_str(a->r->site, b->r->site)) != 0 ||
            (c = cmp_str(a->r->location, b->r->location)) != 0 ||
            (c = (int)a->r->engine - (int)b->r->engine) != 0 ||
            (c = cmp_str(a->r->device, b->r->device)) != 0)
            return c;
    }
    switch (sort_by) {
    case SORT_POSITION:
        c = pos_key(a->r) - pos_key(b->r);
        break;
    case SORT_CHANGE: {
        /* biggest gain first, biggest loss last, unknown after that */
        long long x = a->r->change_1d == MODEL_NONE ? -1000000 : a->r->change_1d;
        long long y = b->r->change_1d == MODEL_NONE ? -1000000 : b->r->change_1d;
        c = (x < y) - (x > y);
        break;
    }
    case SORT_KEYWORD:
        c = cmp_str(a->r->query, b->r->query);
        break;
    case SORT_VOLUME:
        c = (a->volume < b->volume) - (a->volume > b->volume);
        break;
    default:
        break;
    }
    if (c)
        return c;
    return (a->order > b->order) - (a->order < b->order);
}

/* Change cell: +3 (improved, green) / -2 (red) / 0, null when unknown. */
static void change_cell(struct out_table *t, int col, int v)
{
    if (v == MODEL_NONE) {
        out_null(t, col);
        out_display(t, col, "");
        return;
    }
    out_int(t, col, v);
    if (v > 0) {
        char buf[16];
        snprintf(buf, sizeof buf, "+%d", v);
        out_display(t, col, buf);
        out_color(t, col, OUT_GREEN);
    } else if (v < 0) {
        out_color(t, col, OUT_RED);
    }
}

/* The location filter: the canonical name, any case, or its leading part
 * ("Austin" or "austin,texas" for "Austin,Texas,United States"). */
static int location_matches(const char *want, const char *loc)
{
    if (!loc)
        return 0;
    size_t n = strlen(want);
    return strncasecmp(loc, want, n) == 0 && (loc[n] == '\0' || loc[n] == ',');
}

/* The path of url ("/services/"), for a table that must fit a terminal. */
static const char *url_path(const char *url)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    p += strcspn(p, "/?#");
    return *p ? p : "/";
}

/* At most max code points of s, with "…" when cut. Returns a new string. */
static char *shorten(const char *s, size_t max)
{
    if (out_width(s) <= max)
        return xstrdup(s);
    size_t bytes = 0, cps = 0;
    while (s[bytes] && cps < max - 1) {
        bytes++;
        while ((s[bytes] & 0xc0) == 0x80)
            bytes++;
        cps++;
    }
    return xasprintf("%.*s\xe2\x80\xa6", (int)bytes, s);
}

/* A filter value that no keyword has is an error naming it, with the
 * nearest value when one is close; 0 when some keyword has it. */
static int check_filter(const char *what, const char *value, const char **have, size_t n,
                        int (*match)(const char *want, const char *have))
{
    for (size_t i = 0; i < n; i++)
        if (have[i] && match(value, have[i]))
            return 0;
    const char **cands = xcalloc(n + 1, sizeof *cands);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (have[i])
            cands[k++] = have[i];
    const char *near = util_nearest(value, cands);
    if (near)
        error("rank: no keyword has %s '%s' (did you mean '%s'?)", what, value, near);
    else
        error("rank: no keyword has %s '%s'", what, value);
    free(cands);
    return -1;
}

static int match_exact(const char *want, const char *have)
{
    return strcasecmp(want, have) == 0;
}

/* Every keyword's tags, split, for the tag check. */
static int tag_check(store *st, const char *tag)
{
    struct store_kw_filter kf = {.tag = tag};
    struct model_keyword *k;
    size_t nk;
    if (store_kw_list(st, &kf, &k, &nk) != 0)
        return -1;
    model_keyword_free_list(k, nk);
    if (nk > 0)
        return 0;
    /* nothing: suggest among the tags that exist */
    if (store_kw_list(st, NULL, &k, &nk) != 0)
        return -1;
    const char **tags = xcalloc(nk * 8 + 1, sizeof *tags);
    char **copies = xcalloc(nk + 1, sizeof *copies);
    size_t nt = 0;
    for (size_t i = 0; i < nk; i++) {
        if (!k[i].tags)
            continue;
        copies[i] = xstrdup(k[i].tags);
        for (char *save = NULL, *p = strtok_r(copies[i], ",", &save); p && nt < nk * 8;
             p = strtok_r(NULL, ",", &save))
            tags[nt++] = p;
    }
    int rc = check_filter("tag", tag, tags, nt, match_exact);
    for (size_t i = 0; i < nk; i++)
        free(copies[i]);
    free(copies);
    free(tags);
    model_keyword_free_list(k, nk);
    return rc;
}

/* engine, location and device filters against every keyword. */
static int value_checks(store *st, const char *engine, const char *location, const char *device)
{
    struct model_keyword *k;
    size_t nk;
    if (store_kw_list(st, NULL, &k, &nk) != 0)
        return -1;
    const char **have = xcalloc(nk + 1, sizeof *have);
    int rc = 0;
    if (engine) {
        for (size_t i = 0; i < nk; i++)
            have[i] = serp_engine_name(k[i].engine);
        rc |= check_filter("engine", engine, have, nk, match_exact);
    }
    if (location) {
        for (size_t i = 0; i < nk; i++)
            have[i] = k[i].location;
        rc |= check_filter("location", location, have, nk, location_matches);
    }
    if (device) {
        for (size_t i = 0; i < nk; i++)
            have[i] = k[i].device;
        rc |= check_filter("device", device, have, nk, match_exact);
    }
    free(have);
    model_keyword_free_list(k, nk);
    return rc;
}

static int cmp_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Stale keywords among the rows shown, to stderr: numbers that look
 * current but are not are worse than no numbers. */
static int warn_stale(store *st, struct row *rows, size_t n)
{
    struct store_stale *v;
    size_t nv;
    if (store_kw_stale(st, util_now(), &v, &nv) != 0)
        return -1;
    /* ids of the rows shown, sorted for bsearch (100k rows stay fast) */
    long long *ids = xcalloc(n ? n : 1, sizeof *ids);
    for (size_t j = 0; j < n; j++)
        ids[j] = rows[j].r->keyword_id;
    qsort(ids, n, sizeof *ids, cmp_id);
    size_t shown = 0;
    const struct store_stale *oldest = NULL;
    for (size_t i = 0; i < nv; i++) {
        if (!bsearch(&v[i].keyword_id, ids, n, sizeof *ids, cmp_id))
            continue;
        shown++;
        if (!oldest || v[i].last_ok < oldest->last_ok)
            oldest = &v[i];
    }
    if (shown) {
        char buf[32];
        warn("rank: %zu keyword%s not checked as often as scheduled (oldest: #%lld \"%s\", %s, "
             "last ok check %s); is `serptrack run` in cron?",
             shown, shown == 1 ? "" : "s", oldest->keyword_id, oldest->query, oldest->schedule,
             oldest->last_ok ? util_fmt_time(oldest->last_ok, buf) : "never");
    }
    free(ids);
    store_stale_free_list(v, nv);
    return 0;
}

/* --sort KEY into sort_by (SORT_NONE without one). 0 or -1. */
static int rank_sort_parse(const char *sort)
{
    sort_by = SORT_NONE;
    if (!sort)
        return 0;
    static const char *const keys[] = {"position", "change", "keyword", "volume", NULL};
    for (int i = 0; keys[i]; i++)
        if (strcmp(sort, keys[i]) == 0)
            sort_by = SORT_POSITION + i;
    if (sort_by == SORT_NONE)
        return error("rank: unknown --sort '%s' (expected position, change, keyword or volume)",
                     sort);
    return 0;
}

/* The rows of v the filters keep, in listing order, with their volume
 * when sorting by it; *nr of them (the caller frees the array). */
static struct row *rank_rows(store *st, struct model_rank *v, size_t nv, const char *engine,
                             const char *location, const char *device, size_t *nr_out)
{
    struct row *rows = xcalloc(nv ? nv : 1, sizeof *rows);
    size_t nr = 0;
    for (size_t i = 0; i < nv; i++) {
        struct model_rank *r = &v[i];
        if ((engine && serp_engine_from_name(engine) != r->engine) ||
            (location && !location_matches(location, r->location)) ||
            (device && !util_streq(device, r->device)))
            continue;
        rows[nr].r = r;
        rows[nr].order = nr;
        rows[nr].volume = -1;
        if (sort_by == SORT_VOLUME) {
            struct store_volume vol;
            if (store_volume_get(st, r->query, r->location, &vol) == 1)
                rows[nr].volume = vol.volume;
            store_volume_release(&vol);
        }
        nr++;
    }
    *nr_out = nr;
    return rows;
}

/* What the summary line counts, from the rows the table shows. */
struct rank_summary {
    size_t ranked, top3, top10, up, down, blocked;
};

enum {
    C_ID, C_QUERY, C_ENGINE, C_LOCATION, C_DEVICE, C_SITE, C_STATUS, C_RCODE, C_POS, C_1D, C_7D,
    C_30D, C_BEST, C_PACK, C_URL, C_CHECKED, C_COMP, C_INPACK, C_DEPTH, C_REASON, C_APPROX,
    C_URLCHG, C_AI, C_AI_CITED, C_AI_POS
};

/* The site in the latest ok check's AI overview: table "-" (none), "no"
 * (shown, not cited), "#N" (cited at N), "?" (an overview stored before
 * its cites were kept); JSON/CSV ai_overview, ai_overview_cited and
 * ai_cite_position, null where unknown. */
static void ai_cells(struct out_table *t, const struct track_ai_seen *ai, int checked)
{
    if (!checked || (!ai->known && !ai->present)) {
        out_null(t, C_AI);
        out_null(t, C_AI_CITED);
        out_null(t, C_AI_POS);
        out_display(t, C_AI, "");
        return;
    }
    out_bool(t, C_AI, ai->present);
    if (!ai->known) {
        out_null(t, C_AI_CITED);
        out_null(t, C_AI_POS);
        out_display(t, C_AI, "?");
        return;
    }
    out_bool(t, C_AI_CITED, ai->cited > 0);
    if (ai->cited > 0) {
        char buf[16];
        out_int(t, C_AI_POS, ai->cited);
        snprintf(buf, sizeof buf, "#%d", ai->cited);
        out_display(t, C_AI, buf);
    } else {
        out_null(t, C_AI_POS);
        out_display(t, C_AI, ai->present ? "no" : "-");
    }
}

/* One row of the listing into t (shortened for the table unless wide);
 * sets *flips when its ranking URL changed, and counts it into sum. */
static void rank_row(struct out_table *t, const struct model_rank *r,
                     const struct track_ai_seen *ai, int wide, int *flips,
                     struct rank_summary *sum)
{
    char buf[32];
    out_row(t);
    out_int(t, C_ID, r->keyword_id);
    out_str(t, C_QUERY, r->query);
    if (!wide && r->query) {
        char *q = shorten(r->query, 32);
        out_display(t, C_QUERY, q);
        free(q);
    }
    out_str(t, C_ENGINE, serp_engine_name(r->engine));
    out_str(t, C_LOCATION, r->location);
    out_str(t, C_DEVICE, r->device);
    out_str(t, C_SITE, r->site);
    out_str(t, C_STATUS, r->checked_at ? model_status_name(r->status) : NULL);
    const char *code = r->checked_at ? crawl_reason_code(r->status, r->reason) : NULL;
    out_str(t, C_RCODE, code);
    /* JSON keeps the last known position; the table says why it is
     * stale: a blocked page is never "not ranked". */
    if (r->position != MODEL_NONE)
        out_int(t, C_POS, r->position);
    else
        out_null(t, C_POS);
    if (!r->checked_at) {
        out_display(t, C_POS, "-");
    } else if (r->status != MODEL_OK) {
        /* "blocked: captcha", "error: bad_key": what to do differs */
        if (code)
            snprintf(buf, sizeof buf, "%s: %s", model_status_name(r->status), code);
        out_display(t, C_POS, code ? buf : model_status_name(r->status));
    } else if (r->position == MODEL_NONE) {
        snprintf(buf, sizeof buf, ">%d", r->depth);
        out_display(t, C_POS, r->site ? buf : "-");
    } else if (r->approx) {
        /* a smart probe numbered as if earlier pages held 10 results */
        snprintf(buf, sizeof buf, "~%d", r->position);
        out_display(t, C_POS, buf);
    }
    change_cell(t, C_1D, r->change_1d);
    change_cell(t, C_7D, r->change_7d);
    change_cell(t, C_30D, r->change_30d);
    if (r->best != MODEL_NONE)
        out_int(t, C_BEST, r->best);
    else
        out_null(t, C_BEST);
    /* null when not in the pack, and when rows stored before positions
     * were kept say only "in the pack" (in_local_pack stays true) */
    if (r->local_position > 0) {
        out_int(t, C_PACK, r->local_position);
    } else {
        out_null(t, C_PACK);
        out_display(t, C_PACK, r->local_position == MODEL_PACK_UNKNOWN ? "yes" : "");
    }
    out_str(t, C_URL, r->url);
    if (r->url) {
        char *u = wide ? xstrdup(r->url) : shorten(url_path(r->url), 30);
        if (r->url_changed) {
            char *m = xasprintf("%s *", u);
            free(u);
            u = m;
            *flips = 1;
        }
        out_display(t, C_URL, u);
        free(u);
    }
    if (r->checked_at) {
        out_str(t, C_CHECKED, util_fmt_time(r->checked_at, buf));
        if (!wide) {
            buf[10] = '\0'; /* the day is enough at a glance */
            out_display(t, C_CHECKED, buf);
        }
    } else {
        out_null(t, C_CHECKED);
    }
    out_bool(t, C_COMP, r->competitor);
    out_bool(t, C_INPACK, r->in_local_pack);
    out_int(t, C_DEPTH, r->depth);
    out_str(t, C_REASON, r->reason);
    out_bool(t, C_APPROX, r->approx);
    out_bool(t, C_URLCHG, r->url_changed);
    ai_cells(t, ai, r->checked_at != 0);
    if (r->checked_at && r->status == MODEL_BLOCKED)
        sum->blocked++;
    if (r->checked_at && r->status == MODEL_OK && r->position != MODEL_NONE) {
        sum->ranked++;
        sum->top3 += r->position <= 3;
        sum->top10 += r->position <= 10;
    }
    if (r->change_1d != MODEL_NONE) {
        sum->up += r->change_1d > 0;
        sum->down += r->change_1d < 0;
    }
}

/* The line under the table, and the note on ranking URLs that changed. */
static void rank_summary_print(size_t nr, const struct rank_summary *sum, int flips)
{
    printf("%zu tracked, %zu ranked, %zu in top 3, %zu in top 10, %zu up, %zu down, "
           "%zu blocked\n",
           nr, sum->ranked, sum->top3, sum->top10, sum->up, sum->down, sum->blocked);
    if (flips)
        printf("* the ranking URL changed since the previous check: two pages of the "
               "site may compete\n");
}

/* The rows into t and out in fmt (CSV streamed in pieces); each row with
 * the site in its keyword's latest AI overview. An EXIT_ code. */
static int rank_write(struct cmd_ctx *ctx, struct out_table *t, const struct row *rows, size_t nr,
                      enum out_format fmt, int wide, int *flips, struct rank_summary *sum)
{
    int streamed = 0, write_failed = 0;
    /* one keyword's overview serves its rows for every site */
    struct store_ai ai = {0};
    long long ai_kw = 0;
    for (size_t i = 0; i < nr; i++) {
        if (rows[i].r->keyword_id != ai_kw) {
            store_ai_release(&ai);
            ai_kw = rows[i].r->keyword_id;
            if (store_ai_nth(ctx->st, ai_kw, 0, &ai) < 0) {
                write_failed = -1;
                break;
            }
        }
        struct track_ai_seen seen;
        track_ai_seen_of(&ai, rows[i].r->site, &seen);
        rank_row(t, rows[i].r, &seen, wide, flips, sum);
        /* CSV needs no column widths: write it in pieces instead of
         * holding ~2M cells of a 100k-keyword table at once. */
        if (fmt == OUT_CSV && t->nrows == 4096) {
            if (out_write_csv(stdout, t, !streamed) != 0) {
                write_failed = 1;
                break;
            }
            streamed = 1;
            out_clear(t);
        }
    }
    store_ai_release(&ai);
    int rc;
    if (write_failed < 0) {
        rc = cmd_store_fail(ctx);
    } else if (streamed || write_failed) {
        if (write_failed || out_write_csv(stdout, t, 0) != 0 || fflush(stdout) != 0 ||
            ferror(stdout)) {
            error("rank: cannot write output: %s", strerror(errno ? errno : EIO));
            rc = EXIT_FAIL;
        } else {
            rc = EXIT_OK;
        }
    } else {
        rc = cmd_output("rank", t, fmt);
    }
    return rc;
}

int cmd_rank(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *tag = NULL, *format = NULL, *engine = NULL, *location = NULL,
               *device = NULL, *sort = NULL;
    int competitors = 0, wide = 0;
    char engine_help[320];
    snprintf(engine_help, sizeof engine_help, "only keywords on %s", serp_engine_list());
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "only this site (ours or a competitor)"),
        OPT_STRING("tag", &tag, "T", "only keywords with this tag"),
        OPT_STRING("engine", &engine, "E", engine_help),
        OPT_STRING("location", &location, "L", "only keywords in this location (or its city)"),
        OPT_STRING("device", &device, "D", "only desktop or mobile keywords"),
        OPT_STRING("sort", &sort, "K", "position, change, keyword or volume"),
        OPT_FLAG("wide", &wide, "every column, full URLs, location on each row"),
        OPT_FLAG("competitors", &competitors, "also rows for every competitor site"),
        OPT_STRING("format", &format, "F", "table, csv or json"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
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
    if (rank_sort_parse(sort) != 0)
        return EXIT_USAGE;
    if (engine && serp_engine_from_name(engine) == SERP_ENGINE_UNKNOWN) {
        error("rank: unknown engine '%s' (expected %s)", engine, serp_engine_list());
        return EXIT_USAGE;
    }
    if (device && !util_streq(device, "desktop") && !util_streq(device, "mobile")) {
        error("rank: unknown device '%s' (expected desktop or mobile)", device);
        return EXIT_USAGE;
    }
    /* a filter that names nothing is a mistake, not an empty table */
    if (tag && tag_check(ctx->st, tag) != 0)
        return EXIT_FAIL;
    if ((engine || location || device) && value_checks(ctx->st, engine, location, device) != 0)
        return EXIT_FAIL;
    struct store_rank_filter f = {.site = site, .tag = tag, .competitors = competitors};
    struct model_rank *v;
    size_t nv;
    if (metrics_rank_list(ctx->st, &f, &v, &nv) != 0)
        return EXIT_FAIL;
    size_t nr;
    struct row *rows = rank_rows(ctx->st, v, nv, engine, location, device, &nr);
    int table = fmt == OUT_TABLE;
    group_first = table && !wide;
    if (sort_by != SORT_NONE || group_first)
        qsort(rows, nr, sizeof *rows, cmp_row);

    struct out_col cols[] = {
        [C_ID] = {.key = "keyword_id", .title = "id", .right = 1},
        [C_QUERY] = {.key = "query"},
        [C_ENGINE] = {.key = "engine", .group = wide ? 0 : 3},
        [C_LOCATION] = {.key = "location", .group = wide ? 0 : 2},
        [C_DEVICE] = {.key = "device", .group = wide ? 0 : 4},
        [C_SITE] = {.key = "site", .group = wide ? 0 : 1},
        [C_STATUS] = {.key = "status", .table_hidden = 1},
        [C_RCODE] = {.key = "reason_code", .table_hidden = 1},
        [C_POS] = {.key = "position", .title = "pos", .right = 1},
        [C_1D] = {.key = "change_1d", .title = "1d", .right = 1},
        [C_7D] = {.key = "change_7d", .title = "7d", .right = 1},
        [C_30D] = {.key = "change_30d", .title = "30d", .right = 1},
        [C_BEST] = {.key = "best", .right = 1},
        [C_PACK] = {.key = "local_position", .title = "pack", .right = 1},
        [C_URL] = {.key = "url"},
        [C_CHECKED] = {.key = "checked_at", .title = "checked"},
        [C_COMP] = {.key = "competitor", .table_hidden = 1},
        [C_INPACK] = {.key = "in_local_pack", .table_hidden = 1},
        [C_DEPTH] = {.key = "depth", .table_hidden = 1},
        [C_REASON] = {.key = "reason", .table_hidden = 1},
        [C_APPROX] = {.key = "approx", .table_hidden = 1},
        [C_URLCHG] = {.key = "url_changed", .table_hidden = 1},
        [C_AI] = {.key = "ai_overview", .title = "AI"},
        [C_AI_CITED] = {.key = "ai_overview_cited", .table_hidden = 1},
        [C_AI_POS] = {.key = "ai_cite_position", .table_hidden = 1},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    int flips = 0;
    struct rank_summary sum = {0};
    int rc = rank_write(ctx, &t, rows, nr, fmt, wide, &flips, &sum);
    if (rc == EXIT_OK && table)
        rank_summary_print(nr, &sum, flips);
    if (rc == EXIT_OK && warn_stale(ctx->st, rows, nr) != 0)
        rc = EXIT_FAIL;
    out_release(&t);
    free(rows);
    model_rank_free_list(v, nv);
    return rc;
}
