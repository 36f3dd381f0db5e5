/* kw.c - `serptrack kw add|import|list|set|pause|resume|rm`: the keywords
 * we track; set/pause/resume edit one in place, keeping its history.
 * import reads a CSV with a header row; good rows are kept even when
 * others are rejected (each rejection is reported as FILE:LINE: why),
 * committed in batches of KW_BATCH rows so a long import never holds the
 * database from `run` for long; a crash keeps whole batches, and running
 * the import again adds the rest (rows already in count as tracked). */
#include <ctype.h>
#include <errno.h>

#include "cmd.h"
#include "csv.h"
#include "locations.h"
#include "model.h"
#include "opt.h"
#include "util.h"

#define KW_MAX_FILE (64u << 20)
#define KW_BATCH 1000

/* NULL when ok, else why the schedule is wrong (static). */
/* Checks the fields a user typed; prints "PREFIX: why" and returns -1. */
static int check_kw(struct cmd_ctx *ctx, const char *prefix, const char *engine,
                    struct model_keyword *k)
{
    /* the store refuses them too, but without saying which line */
    const char *why = model_query_problem(k->query);
    if (why)
        return error("%s: %s", prefix, why);
    if (engine && *engine &&
        (k->engine = serp_engine_from_name(engine)) == SERP_ENGINE_UNKNOWN)
        return error("%s: unknown engine '%s' (expected %s)", prefix, engine,
                     serp_engine_list());
    if (k->device && !model_device_ok(k->device))
        return error("%s: unknown device '%s' (expected desktop or mobile)", prefix, k->device);
    if (k->depth && !model_depth_ok(k->depth))
        return error("%s: depth %d out of range (10..100)", prefix, k->depth);
    if (k->schedule && model_schedule_secs(k->schedule) < 0)
        return error("%s: unknown schedule '%s' (expected daily, weekly or <N>h)", prefix,
                     k->schedule);
    if (k->site && *k->site) {
        struct model_site s;
        int found = store_site_get(ctx->st, k->site, &s);
        model_site_release(&s);
        if (found != 1)
            return error("%s: site '%s' is not tracked (add it with 'serptrack site add')",
                         prefix, k->site);
    }
    return 0;
}

/* --- locations ---------------------------------------------------------------
 * A location the engine does not know is silently ignored by it, so every
 * one is resolved against the shipped cities and stored in the canonical
 * form; the city data is read on first use, once per command. */
struct kw_loc {
    struct loc_data ld;
    int state;            /* 0 not loaded, 1 loaded, -1 failed */
    char *last_in, *last; /* the previous answer: imports repeat one location */
    double lat, lng;      /* the city of last */
    int has_coords;
};

/* Sets k->location to the canonical name of in (borrowed from kl, valid
 * until the next call) and k's coordinates to the city's, for the
 * keyword's location row. -1 after printing "PREFIX: why" and any
 * suggestions; *fatal is set when the city data could not be read. */
static int kw_location(struct cmd_ctx *ctx, struct kw_loc *kl, const char *prefix, const char *in,
                       struct model_keyword *k, int *fatal)
{
    if (kl->last_in && strcmp(kl->last_in, in) == 0)
        goto found;
    if (kl->state == 0)
        kl->state = loc_data_load(&kl->ld, research_data_dir(&ctx->cfg)) == 0 ? 1 : -1;
    if (kl->state < 0) {
        *fatal = 1;
        return error("%s: cannot check location '%s' without the city data (set [research] "
                     "data_dir, or pass --location-unchecked)", prefix, in);
    }
    char *canon = NULL;
    double lat = 0, lng = 0;
    int rc = loc_place(kl->ld.ix, prefix, in, &canon, &lat, &lng);
    if (rc < 0)
        return -1;
    free(kl->last_in);
    free(kl->last);
    kl->last_in = xstrdup(in);
    kl->last = canon;
    kl->has_coords = rc == 1;
    kl->lat = lat;
    kl->lng = lng;
found:
    k->location = kl->last;
    k->lat = kl->lat;
    k->lng = kl->lng;
    k->has_coords = kl->has_coords;
    return 0;
}

static void kw_loc_release(struct kw_loc *kl)
{
    if (kl->state != 0)
        loc_data_release(&kl->ld);
    free(kl->last_in);
    free(kl->last);
}

/* "yes"/"no" style cell of the import's location_unchecked column: 1, 0,
 * or -1 when it is neither. */
static int yes_no(const char *s)
{
    if (!s || util_strcaseeq(s, "no") || util_strcaseeq(s, "false") || util_streq(s, "0"))
        return 0;
    if (util_strcaseeq(s, "yes") || util_strcaseeq(s, "true") || util_streq(s, "1"))
        return 1;
    return -1;
}

static int kw_add(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *engine = NULL, *location = NULL, *device = NULL, *lang = NULL,
               *country = NULL, *schedule = NULL;
    long long depth = 0;
    int unchecked = 0;
    struct opt_list tags = {0};
    struct kw_loc kl = {0};
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "the site it is tracked for (required)"),
        OPT_STRING("engine", &engine, "E", serp_engine_list_default()),
        OPT_STRING("location", &location, "L",
                   "a US city: \"Austin,Texas,United States\", \"Austin, TX\""),
        OPT_FLAG("location-unchecked", &unchecked,
                 "store --location as given, not checked against the cities"),
        OPT_STRING("device", &device, "D", "desktop (default) or mobile"),
        OPT_STRING("lang", &lang, "L", "interface language (default en)"),
        OPT_STRING("country", &country, "C", "country code (default us)"),
        OPT_INT("depth", &depth, "N", "results to check, 10..100 (default 30)", MODEL_DEPTH_MIN,
                MODEL_DEPTH_MAX),
        OPT_LIST("tag", &tags, "T", "a tag (repeatable)"),
        OPT_STRING("schedule", &schedule, "S", "daily (default), weekly or <N>h"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("kw add", usage, opts, argc, argv);
    if (n < 0) {
        opt_list_release(&tags);
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    }
    int rc = EXIT_USAGE;
    strbuf tb = STRBUF_INIT;
    if (n != 1) {
        error("kw add: expected one QUERY (quote it)");
        goto out;
    }
    if (!site) {
        error("kw add: --site is required");
        goto out;
    }
    for (int i = 0; i < tags.n; i++)
        sb_addf(&tb, "%s%s", i ? "," : "", tags.v[i]);
    char *query = xstrdup(argv[0]);
    struct model_keyword k = {
        .query = query, .location = (char *)location, .device = (char *)device,
        .lang = (char *)lang, .country = (char *)country, .depth = (int)depth,
        .tags = tb.len ? tb.buf : NULL, .site = (char *)site, .schedule = (char *)schedule,
    };
    if (check_kw(ctx, "kw add", engine, &k) != 0) {
        free(query);
        goto out;
    }
    if (location && *location && !unchecked) {
        int fatal = 0;
        if (kw_location(ctx, &kl, "kw add", location, &k, &fatal) != 0) {
            free(query);
            rc = fatal ? EXIT_FAIL : EXIT_USAGE;
            goto out;
        }
    }
    long long id;
    int added = store_kw_add(ctx->st, &k, &id);
    free(query);
    if (added < 0) {
        rc = EXIT_FAIL;
        goto out;
    }
    printf(added == 0 ? "added keyword %lld\n" : "already tracked as keyword %lld\n", id);
    rc = EXIT_OK;
out:
    kw_loc_release(&kl);
    sb_release(&tb);
    opt_list_release(&tags);
    return rc;
}

/* --- import ----------------------------------------------------------------- */

enum { C_QUERY, C_SITE, C_ENGINE, C_LOCATION, C_DEVICE, C_LANG, C_COUNTRY, C_DEPTH, C_TAGS,
       C_SCHEDULE, C_UNCHECKED, C_N };
static const char *const col_names[C_N] = {"query", "site",     "engine",  "location",
                                           "device", "lang",    "country", "depth",
                                           "tags",  "schedule", "location_unchecked"};

static char *field(const struct csv_row *row, const int *idx, int c)
{
    if (idx[c] < 0 || (size_t)idx[c] >= row->n)
        return NULL;
    /* trimmed, inner spacing kept: a query is stored as written */
    char *f = row->field[idx[c]];
    size_t n = strlen(f);
    while (n && isspace((unsigned char)f[n - 1]))
        f[--n] = '\0';
    while (isspace((unsigned char)*f))
        f++;
    return *f ? f : NULL;
}

/* One import: the file, its reader and header, the counts. */
struct kw_imp {
    struct cmd_ctx *ctx;
    const char *file;
    int unchecked;        /* --location-unchecked */
    struct kw_loc kl;
    struct csv_reader r;
    struct csv_row row;
    int idx[C_N];         /* field of each column; -1 = absent */
    size_t header_cols;
    long added, dup, bad;
};

/* Reads the header row into im->idx; -1 after an error. */
static int import_header(struct kw_imp *im)
{
    strbuf ignored = STRBUF_INIT;
    int got = csv_read_row(&im->r, &im->row), rc = -1;
    if (got <= 0) {
        error("%s:%ld: %s", im->file, got < 0 ? im->r.line : 1L,
              got < 0 ? "malformed header row" : "empty file (expected a header row)");
        return -1;
    }
    for (int c = 0; c < C_N; c++)
        im->idx[c] = -1;
    for (size_t i = 0; i < im->row.n; i++) {
        char *h = util_lower(util_squeeze_space(im->row.field[i]));
        int c = 0;
        while (c < C_N && strcmp(h, col_names[c]) != 0)
            c++;
        if (c == C_N) {
            /* research CSVs carry more (volume, score, ...): kw import
             * reads its columns and says once what it leaves aside */
            sb_addf(&ignored, "%s'%s'", ignored.len ? ", " : "", h);
            continue;
        }
        if (im->idx[c] >= 0) {
            error("%s:%ld: column '%s' appears twice", im->file, im->r.line, h);
            goto out;
        }
        im->idx[c] = (int)i;
    }
    if (im->idx[C_QUERY] < 0) {
        error("%s:%ld: no 'query' column", im->file, im->r.line);
        goto out;
    }
    if (ignored.len)
        warn("%s:%ld: ignoring column%s %s (not read by kw import)", im->file, im->r.line,
             strchr(sb_str(&ignored), ',') ? "s" : "", sb_str(&ignored));
    im->header_cols = im->row.n;
    rc = 0;
out:
    sb_release(&ignored);
    return rc;
}

/* The keyword of a parsed row into *k (borrowing the row's fields), its
 * location resolved unless unchecked; -1 after saying why at `where`. */
static int import_keyword(struct kw_imp *im, const char *where, struct model_keyword *k)
{
    const struct csv_row *row = &im->row;
    const int *idx = im->idx;
    *k = (struct model_keyword){
        .query = field(row, idx, C_QUERY), .site = field(row, idx, C_SITE),
        .location = field(row, idx, C_LOCATION), .device = field(row, idx, C_DEVICE),
        .lang = field(row, idx, C_LANG), .country = field(row, idx, C_COUNTRY),
        .schedule = field(row, idx, C_SCHEDULE),
    };
    const char *depth = field(row, idx, C_DEPTH);
    long long d = 0;
    if (depth && util_parse_int(depth, MODEL_DEPTH_MIN, MODEL_DEPTH_MAX, &d) != 0)
        return error("%s: depth '%s' is not a number from 10 to 100", where, depth);
    k->depth = (int)d;
    /* tags: "a,b" in a quoted field, or a;b / a|b */
    char *tags = field(row, idx, C_TAGS);
    for (char *p = tags; p && *p; p++)
        if (*p == ';' || *p == '|')
            *p = ',';
    k->tags = tags;
    if (check_kw(im->ctx, where, field(row, idx, C_ENGINE), k) != 0)
        return -1;
    int row_unchecked = yes_no(field(row, idx, C_UNCHECKED));
    if (row_unchecked < 0)
        return error("%s: location_unchecked '%s' is not yes or no", where,
                     field(row, idx, C_UNCHECKED));
    int fatal = 0;
    /* without city data too: rows without a location still go in */
    if (k->location && !im->unchecked && !row_unchecked &&
        kw_location(im->ctx, &im->kl, where, k->location, k, &fatal) != 0)
        return -1;
    return 0;
}

/* Stores k inside a savepoint of its own, so a rejected row undoes only
 * itself: 0 added or already there (counted), 1 rejected, -1 when the
 * batch's transaction is gone and the import must stop. */
static int import_store(struct kw_imp *im, const char *where, const struct model_keyword *k,
                        long kept_line)
{
    store *st = im->ctx->st;
    if (store_begin(st) != 0)
        return -1;
    int a = store_kw_add(st, k, NULL);
    if (a < 0 && store_tx_aborted(st)) {
        /* SQLite dropped the batch's transaction (disk full): stop
         * rather than go on row by row in autocommit. */
        cmd_store_err(st);
        if (kept_line > 1)
            error("%s: import stopped; rows up to line %ld were imported (run it again to "
                  "add the rest)", where, kept_line);
        else
            error("%s: import stopped; nothing from '%s' was imported", where, im->file);
        return -1;
    }
    if (a < 0) {
        store_rollback(st);
        cmd_store_err(st);
        error("%s: keyword not imported", where);
        return 1;
    }
    if (store_commit(st) != 0)
        return -1;
    if (a == 0)
        im->added++;
    else
        im->dup++;
    return 0;
}

/* Why a data row cannot be read at all (NULL: it can): malformed CSV,
 * broken UTF-8 or more fields than the header. */
static const char *import_row_problem(struct kw_imp *im, int got, size_t row_start)
{
    /* The reader replaces broken UTF-8 with U+FFFD; a keyword must be
     * stored exactly as given or not at all (as with kw add), so such a
     * row is refused instead. */
    int utf8_ok = util_utf8_valid(im->r.buf + row_start, im->r.pos - row_start);
    if (got < 0)
        return "malformed CSV row (unbalanced quotes, a stray quote or a NUL byte)";
    if (!utf8_ok)
        return "not valid UTF-8 (save the file as UTF-8)";
    return NULL;
}

/* The data rows after the header; 0, or -1 when the import stopped (the
 * open batch rolled back). */
static int import_rows(struct kw_imp *im)
{
    store *st = im->ctx->st;
    /* A transaction per batch, a savepoint per row: a rejected row undoes
     * only itself; between batches other writers get their turn. */
    if (store_begin(st) != 0)
        return -1;
    size_t row_start = im->r.pos;
    long in_batch = 0, kept_line = im->r.line;
    int got;
    while ((got = csv_read_row(&im->r, &im->row)) != 0) {
        if (in_batch >= KW_BATCH) {
            if (store_commit(st) != 0) {
                cmd_store_err(st);
                error("%s:%ld: import stopped; rows up to line %ld were imported (run it again "
                      "to add the rest)", im->file, im->r.line, kept_line);
                return -1;
            }
            kept_line = im->r.line - 1;
            in_batch = 0;
            /* a writer waiting for the lock polls every millisecond */
            util_sleep(0.002);
            if (store_begin(st) != 0)
                return -1;
        }
        in_batch++;
        char where[64 + 4096];
        snprintf(where, sizeof where, "%s:%ld", im->file, im->r.line);
        const char *why = import_row_problem(im, got, row_start);
        row_start = im->r.pos;
        if (why) {
            error("%s: %s", where, why);
            im->bad++;
            continue;
        }
        if (im->row.n == 1 && !*im->row.field[0])
            continue; /* blank line */
        if (im->row.n > im->header_cols) {
            error("%s: %zu fields but the header has %zu columns", where, im->row.n,
                  im->header_cols);
            im->bad++;
            continue;
        }
        struct model_keyword k;
        int rc = import_keyword(im, where, &k) != 0 ? 1 : import_store(im, where, &k, kept_line);
        if (rc < 0) {
            store_rollback(st);
            return -1;
        }
        im->bad += rc;
    }
    return store_commit(st);
}

static int kw_import(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct kw_imp im = {.ctx = ctx, .row = CSV_ROW_INIT};
    struct opt opts[] = {
        OPT_FLAG("location-unchecked", &im.unchecked,
                 "store every location as given, not checked against the cities"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("kw import", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n != 1) {
        error("kw import: expected one FILE");
        return EXIT_USAGE;
    }
    im.file = argv[0];
    char *buf;
    size_t len;
    if (util_read_file(im.file, KW_MAX_FILE, &buf, &len) != 0) {
        error("kw import: '%s': %s", im.file,
              errno == EFBIG ? "larger than 64 MB" : strerror(errno));
        return EXIT_FAIL;
    }
    csv_reader_init(&im.r, buf, len, ',');
    int rc = EXIT_FAIL;
    if (import_header(&im) == 0 && import_rows(&im) == 0) {
        printf("%s: %ld added, %ld already tracked, %ld rejected\n", im.file, im.added, im.dup,
               im.bad);
        rc = im.bad ? EXIT_FAIL : EXIT_OK;
    }
    kw_loc_release(&im.kl);
    csv_row_release(&im.row);
    free(buf);
    return rc;
}

/* --- list and rm -------------------------------------------------------------- */

static int kw_list(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *tag = NULL, *format = NULL;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "only keywords of this site"),
        OPT_STRING("tag", &tag, "T", "only keywords with this tag"),
        OPT_STRING("format", &format, "F", "table, csv or json"),
        OPT_END(),
    };
    int n = opt_parse("kw list", ctx->usage, opts,
                      argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("kw list: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("kw list", format, &fmt) != 0)
        return EXIT_USAGE;
    struct store_kw_filter f = {.site = site, .tag = tag};
    struct model_keyword *v;
    size_t nv;
    if (store_kw_list(ctx->st, &f, &v, &nv) != 0)
        return EXIT_FAIL;
    struct out_col cols[] = {
        {.key = "id", .right = 1},
        {.key = "query"},
        {.key = "engine"},
        {.key = "location"},
        {.key = "device"},
        {.key = "lang", .table_hidden = 1},
        {.key = "country", .table_hidden = 1},
        {.key = "depth", .right = 1},
        {.key = "tags"},
        {.key = "site"},
        {.key = "schedule"},
        {.key = "paused"},
        {.key = "created_at", .table_hidden = 1},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (size_t i = 0; i < nv; i++) {
        char when[21];
        out_row(&t);
        out_int(&t, 0, v[i].id);
        out_str(&t, 1, v[i].query);
        out_str(&t, 2, serp_engine_name(v[i].engine));
        out_str(&t, 3, v[i].location);
        out_str(&t, 4, v[i].device);
        out_str(&t, 5, v[i].lang);
        out_str(&t, 6, v[i].country);
        out_int(&t, 7, v[i].depth);
        out_str(&t, 8, v[i].tags);
        out_str(&t, 9, v[i].site);
        out_str(&t, 10, v[i].schedule);
        /* "site" when only its site is paused: resumed there, not here */
        out_str(&t, 11, v[i].paused & 1 ? "yes" : v[i].paused ? "site" : "no");
        out_str(&t, 12, util_fmt_time(v[i].created_at, when));
    }
    int rc = cmd_output("kw list", &t, fmt);
    out_release(&t);
    model_keyword_free_list(v, nv);
    return rc;
}

static int kw_rm(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct opt opts[] = {OPT_END()};
    int n = opt_parse("kw rm", ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n < 1) {
        error("kw rm: expected a keyword ID (see 'kw list')");
        return EXIT_USAGE;
    }
    long long *ids = xcalloc((size_t)n, sizeof *ids);
    for (int i = 0; i < n; i++) {
        if (util_parse_int(argv[i], 1, 1LL << 62, &ids[i]) != 0) {
            error("kw rm: '%s' is not a keyword ID", argv[i]);
            free(ids);
            return EXIT_USAGE;
        }
    }
    int rc = EXIT_OK;
    for (int i = 0; i < n; i++) {
        if (store_kw_rm(ctx->st, ids[i]) != 0)
            rc = EXIT_FAIL;
        else
            printf("removed keyword %lld\n", ids[i]);
    }
    free(ids);
    return rc;
}

/* --- set, pause, resume ------------------------------------------------------- */

static int parse_id(const char *cmd, const char *arg, long long *id)
{
    if (util_parse_int(arg, 1, 1LL << 62, id) != 0) {
        error("%s: '%s' is not a keyword ID (see 'kw list')", cmd, arg);
        return -1;
    }
    return 0;
}

static int kw_set(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *schedule = NULL;
    long long depth = 0;
    int notags = 0;
    struct opt_list tags = {0};
    struct opt opts[] = {
        OPT_LIST("tag", &tags, "T", "a tag (repeatable); replaces the keyword's tags"),
        OPT_FLAG("no-tags", &notags, "remove every tag"),
        OPT_INT("depth", &depth, "N", "results to check, 10..100", MODEL_DEPTH_MIN,
                MODEL_DEPTH_MAX),
        OPT_STRING("schedule", &schedule, "S", "daily, weekly or <N>h"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("kw set", usage, opts, argc, argv);
    if (n < 0) {
        opt_list_release(&tags);
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    }
    int rc = EXIT_USAGE;
    strbuf tb = STRBUF_INIT;
    long long id;
    if (n != 1) {
        error("kw set: expected one keyword ID (see 'kw list')");
        goto out;
    }
    if (parse_id("kw set", argv[0], &id) != 0)
        goto out;
    if (notags && tags.n) {
        error("kw set: --tag and --no-tags contradict each other");
        goto out;
    }
    if (!tags.n && !notags && !depth && !schedule) {
        error("kw set: nothing to change (give --tag, --no-tags, --depth or --schedule)");
        goto out;
    }
    if (schedule && model_schedule_secs(schedule) < 0) {
        error("kw set: unknown schedule '%s' (expected daily, weekly or <N>h)", schedule);
        goto out;
    }
    for (int i = 0; i < tags.n; i++)
        sb_addf(&tb, "%s%s", i ? "," : "", tags.v[i]);
    rc = EXIT_FAIL;
    if (store_kw_set(ctx->st, id, tags.n ? tb.buf : notags ? "" : NULL, (int)depth,
                     schedule) != 0)
        goto out;
    printf("updated keyword %lld\n", id);
    rc = EXIT_OK;
out:
    sb_release(&tb);
    opt_list_release(&tags);
    return rc;
}

/* kw pause|resume ID...: a paused keyword keeps its history and is never
 * fetched (not billed) until resumed. */
static int kw_pause(int argc, char **argv, struct cmd_ctx *ctx, int paused)
{
    const char *cmd = paused ? "kw pause" : "kw resume";
    struct opt opts[] = {OPT_END()};
    int n = opt_parse(cmd, ctx->usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n < 1) {
        error("%s: expected a keyword ID (see 'kw list')", cmd);
        return EXIT_USAGE;
    }
    long long *ids = xcalloc((size_t)n, sizeof *ids);
    for (int i = 0; i < n; i++) {
        if (parse_id(cmd, argv[i], &ids[i]) != 0) {
            free(ids);
            return EXIT_USAGE;
        }
    }
    int rc = EXIT_OK;
    for (int i = 0; i < n; i++) {
        if (store_kw_pause(ctx->st, ids[i], paused) != 0)
            rc = EXIT_FAIL;
        else
            printf("%s keyword %lld\n", paused ? "paused" : "resumed", ids[i]);
    }
    free(ids);
    return rc;
}

static int kw_pause_cmd(int argc, char **argv, struct cmd_ctx *ctx)
{
    return kw_pause(argc, argv, ctx, 1);
}

static int kw_resume_cmd(int argc, char **argv, struct cmd_ctx *ctx)
{
    return kw_pause(argc, argv, ctx, 0);
}

const struct cmd_sub cmd_kw_subs[] = {
    {"add", kw_add,
     "kw add \"QUERY\" --site D [--engine E] [--location L [--location-unchecked]] "
     "[--device D] [--lang en] [--country us] [--depth N] [--tag T]... [--schedule S]",
     "track one keyword", NULL, 0},
    {"import", kw_import,
     "kw import FILE.csv [--location-unchecked]  (header: query,site,engine,location,device,"
     "lang,country,depth,tags,schedule,location_unchecked; any order, only query required)",
     "keywords from a CSV file with a header", NULL, 0},
    {"list", kw_list, "kw list [--site D] [--tag T] [--format table|csv|json]",
     "tracked keywords", "ls", 0},
    {"set", kw_set, "kw set ID [--tag T]... [--no-tags] [--depth N] [--schedule S]",
     "edit a keyword in place, keeping its history", NULL, 0},
    {"pause", kw_pause_cmd, "kw pause ID...", "never fetch (nor bill) these keywords", NULL, 0},
    {"resume", kw_resume_cmd, "kw resume ID...", "fetch paused keywords again", NULL, 0},
    {"rm", kw_rm, "kw rm ID...", "remove keywords and their history", "remove", 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};
