/* export.c - `serptrack export --format csv|json`: everything for
 * spreadsheets and other tools. CSV is one flat row per check and site
 * (RFC 4180 through output.h, formula guard included, ISO dates); JSON is
 * one document with sites, keywords and checks, each value built with
 * jansson. Rows are streamed a keyword at a time, so memory does not grow
 * with the number of checks; --out writes a file atomically. */
#include <errno.h>
#include <jansson.h>

#include "cmd.h"
#include "opt.h"
#include "outfile.h"
#include "serp.h"
#include "store.h"
#include "util.h"

enum { C_AT, C_KW, C_QUERY, C_ENGINE, C_LOC, C_DEVICE, C_SITE, C_COMP, C_STATUS, C_REASON,
       C_POS, C_DEPTH, C_URL, C_N };

static struct out_col export_cols[C_N] = {
    [C_AT] = {.key = "checked_at"},
    [C_KW] = {.key = "keyword_id", .right = 1},
    [C_QUERY] = {.key = "query"},
    [C_ENGINE] = {.key = "engine"},
    [C_LOC] = {.key = "location"},
    [C_DEVICE] = {.key = "device"},
    [C_SITE] = {.key = "site"},
    [C_COMP] = {.key = "competitor"},
    [C_STATUS] = {.key = "status"},
    [C_REASON] = {.key = "reason", .table_hidden = 1},
    [C_POS] = {.key = "position", .right = 1},
    [C_DEPTH] = {.key = "depth", .right = 1},
    [C_URL] = {.key = "url"},
};

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jtime(time_t t)
{
    char buf[21];
    return t ? json_string(util_fmt_time(t, buf)) : json_null();
}

static json_t *site_json(const struct model_site *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "domain", jstr(s->domain));
    json_object_set_new(o, "name", jstr(s->name));
    json_object_set_new(o, "client", jstr(s->client));
    json_object_set_new(o, "status", jstr(s->status));
    json_object_set_new(o, "rent", s->rent >= 0 ? json_real(s->rent) : json_null());
    json_object_set_new(o, "competitor", json_boolean(s->competitor));
    json_object_set_new(o, "niche", jstr(s->niche));
    json_object_set_new(o, "created_at", jtime(s->created_at));
    return o;
}

static json_t *kw_json(const struct model_keyword *k)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(k->id));
    json_object_set_new(o, "query", jstr(k->query));
    json_object_set_new(o, "engine", json_string(serp_engine_name(k->engine)));
    json_object_set_new(o, "location", jstr(k->location));
    json_object_set_new(o, "device", jstr(k->device));
    json_object_set_new(o, "lang", jstr(k->lang));
    json_object_set_new(o, "country", jstr(k->country));
    json_object_set_new(o, "depth", json_integer(k->depth));
    json_object_set_new(o, "tags", jstr(k->tags));
    json_object_set_new(o, "site", jstr(k->site));
    json_object_set_new(o, "schedule", jstr(k->schedule));
    json_object_set_new(o, "created_at", jtime(k->created_at));
    return o;
}

/* One element of a streamed JSON array: compact, one per line. */
static void json_item(FILE *f, json_t *v, int *first)
{
    fputs(*first ? "\n  " : ",\n  ", f);
    *first = 0;
    json_dumpf(v, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(v);
}

/* Writes every check of keyword k for dom (competitor or not). */
static int export_rows(store *st, FILE *f, enum out_format fmt, const struct model_keyword *k,
                       const char *dom, int competitor, time_t since, int *first,
                       struct out_table *table)
{
    struct store_history *h = NULL;
    size_t nh = 0;
    if (store_history_list(st, k->id, dom, since, &h, &nh) != 0)
        return -1;
    /* a terminal table needs every row for its widths; CSV goes out now */
    struct out_table local, *t = table ? table : &local;
    if (!table)
        out_init(&local, export_cols, C_N);
    for (size_t j = 0; j < nh; j++) {
        char at[21];
        util_fmt_time(h[j].checked_at, at);
        int has_pos = h[j].status == MODEL_OK && h[j].position != MODEL_NONE;
        if (fmt == OUT_JSON) {
            json_t *o = json_object();
            json_object_set_new(o, "keyword_id", json_integer(k->id));
            json_object_set_new(o, "site", json_string(dom));
            json_object_set_new(o, "competitor", json_boolean(competitor));
            json_object_set_new(o, "checked_at", json_string(at));
            json_object_set_new(o, "status", json_string(model_status_name(h[j].status)));
            json_object_set_new(o, "reason", jstr(h[j].reason));
            json_object_set_new(o, "position",
                                has_pos ? json_integer(h[j].position) : json_null());
            json_object_set_new(o, "depth", json_integer(h[j].depth));
            json_object_set_new(o, "url", jstr(has_pos ? h[j].url : NULL));
            json_item(f, o, first);
            continue;
        }
        out_row(t);
        out_str(t, C_AT, at);
        out_int(t, C_KW, k->id);
        out_str(t, C_QUERY, k->query);
        out_str(t, C_ENGINE, serp_engine_name(k->engine));
        out_str(t, C_LOC, k->location);
        out_str(t, C_DEVICE, k->device);
        out_str(t, C_SITE, dom);
        out_bool(t, C_COMP, competitor);
        out_str(t, C_STATUS, model_status_name(h[j].status));
        out_str(t, C_REASON, h[j].reason);
        if (has_pos)
            out_int(t, C_POS, h[j].position);
        else
            out_null(t, C_POS);
        out_int(t, C_DEPTH, h[j].depth);
        out_str(t, C_URL, has_pos ? h[j].url : NULL);
    }
    store_history_free_list(h, nh);
    if (!table) {
        if (fmt == OUT_CSV)
            out_write_csv(f, &local, 0);
        out_release(&local);
    }
    return 0;
}

static int export_all(store *st, FILE *f, enum out_format fmt, const struct model_site *sites,
                      size_t ns, const struct model_keyword *kws, size_t nk, time_t since)
{
    int first = 1;
    if (fmt == OUT_JSON) {
        char now[21];
        fprintf(f, "{\n \"exported_at\": \"%s\",\n \"sites\": [", util_fmt_time(util_now(), now));
        for (size_t i = 0; i < ns; i++)
            json_item(f, site_json(&sites[i]), &first);
        fputs(first ? "],\n \"keywords\": [" : "\n ],\n \"keywords\": [", f);
        first = 1;
        for (size_t i = 0; i < nk; i++)
            json_item(f, kw_json(&kws[i]), &first);
        fputs(first ? "],\n \"checks\": [" : "\n ],\n \"checks\": [", f);
        first = 1;
    } else if (fmt == OUT_CSV) {
        struct out_table t;
        out_init(&t, export_cols, C_N);
        out_write_csv(f, &t, 1);
        out_release(&t);
    }
    struct out_table table;
    out_init(&table, export_cols, C_N);
    int rc = 0;
    for (size_t i = 0; i < nk; i++) {
        const struct model_keyword *k = &kws[i];
        /* the keyword's own site, then every competitor on it */
        for (size_t s = 0; s <= ns; s++) {
            const char *dom = s == 0 ? k->site : sites[s - 1].competitor ? sites[s - 1].domain
                                                                          : NULL;
            if (!dom || (s > 0 && util_streq(dom, k->site)))
                continue;
            /* a competitor of another of our sites has no rows here */
            if (s > 0 && !store_competes(&sites[s - 1], k->site))
                continue;
            if (rc == 0 && export_rows(st, f, fmt, k, dom, s > 0, since, &first,
                                       fmt == OUT_TABLE ? &table : NULL) != 0)
                rc = -1;
        }
        /* a full disk or a closed pipe: stop now, not after a million rows */
        if (rc != 0 || ferror(f))
            break;
    }
    if (rc == 0 && fmt == OUT_JSON)
        fputs(first ? "]\n}\n" : "\n ]\n}\n", f);
    if (rc == 0 && fmt == OUT_TABLE)
        out_write(f, &table, fmt);
    out_release(&table);
    return rc;
}

int cmd_export(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *format = "csv", *site = NULL, *since_s = NULL, *out = NULL, *mode_s = NULL;
    struct opt opts[] = {
        OPT_STRING("format", &format, "F", "csv (default), json or table"),
        OPT_STRING("site", &site, "D", "only the keywords of this site"),
        OPT_STRING("since", &since_s, "DATE", "only checks from this day on"),
        OPT_STRING("out", &out, "FILE", "write to FILE (replaced only when complete) instead of "
                                        "standard output"),
        OPT_STRING("mode", &mode_s, "OCTAL", "file mode of --out (default [output] mode or 0600)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("export", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("export: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("export", format, &fmt) != 0)
        return EXIT_USAGE;
    time_t since = 0;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("export: --since '%s': expected YYYY-MM-DD", since_s);
        return EXIT_USAGE;
    }
    mode_t mode;
    if (cmd_out_mode("export", mode_s, &ctx->cfg, &mode) != 0)
        return EXIT_USAGE;
    store *st = ctx->st;
    struct model_site *sites = NULL;
    size_t ns = 0;
    struct model_keyword *kws = NULL;
    size_t nk = 0;
    struct store_kw_filter f = {.site = site};
    if (store_site_list(st, &sites, &ns) != 0)
        return EXIT_FAIL;
    if (store_kw_list(st, &f, &kws, &nk) != 0) {
        model_site_free_list(sites, ns);
        return EXIT_FAIL;
    }
    int rc = EXIT_FAIL;
    struct outfile of = {.fd = -1};
    FILE *fp = stdout;
    if (out) {
        if (cmd_out_begin(&of, "export", out, "", mode) != 0)
            goto done;
        if (!(fp = cmd_out_stream(&of))) {
            error("export: cannot write '%s': %s", out, strerror(errno));
            goto done;
        }
    }
    if (export_all(st, fp, fmt, sites, ns, kws, nk, since) != 0)
        goto done;
    if (out) {
        if (cmd_out_commit(&of) != 0)
            goto done;
        printf("%s\n", out);
    } else if (fflush(fp) != 0 || ferror(fp)) {
        /* said once here; main() stays quiet about a stream we reported */
        error("export: cannot write the output: %s", strerror(errno ? errno : EIO));
        clearerr(fp);
        goto done;
    }
    rc = EXIT_OK;
done:
    cmd_out_abort(&of);
    model_keyword_free_list(kws, nk);
    model_site_free_list(sites, ns);
    return rc;
}
