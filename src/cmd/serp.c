/* serp.c - `serptrack serp --keyword ID [--date DATE]`: the stored result
 * page of a check (the competitor view): every organic result, ad and
 * local pack entry, in the parse JSON shape plus the check's facts. */
#include <jansson.h>

#include "cmd.h"
#include "opt.h"
#include "util.h"

static void row(struct out_table *t, const char *kind, int pos, const char *domain,
                const char *title, const char *url)
{
    out_row(t);
    out_str(t, 0, kind);
    out_int(t, 1, pos);
    out_str(t, 2, domain);
    out_str(t, 3, title);
    out_str(t, 4, url);
}

void cmd_page_rows(struct out_table *t, const struct serp_page *p)
{
    for (size_t i = 0; i < p->n_organic; i++) {
        const struct serp_organic *o = &p->organic[i];
        row(t, "organic", o->position, o->domain, o->title, o->url);
    }
    for (size_t i = 0; i < p->n_ads; i++) {
        const struct serp_ad *a = &p->ads[i];
        char kind[16];
        snprintf(kind, sizeof kind, "ad-%s", serp_ad_block_name(a->block));
        row(t, kind, a->position, a->domain, a->title, a->url);
    }
    for (size_t i = 0; i < p->n_local; i++) {
        const struct serp_local *l = &p->local[i];
        row(t, "local", l->position, l->domain, l->name, l->website);
    }
    for (size_t i = 0; i < p->n_ai_cited; i++) {
        const struct serp_cite *c = &p->ai_cited[i];
        row(t, "ai-cited", c->position, c->domain, c->title, c->url);
    }
}

int cmd_serp(int argc, char **argv, struct cmd_ctx *ctx)
{
    long long kw = 0;
    const char *date = NULL, *format = NULL;
    struct opt opts[] = {
        OPT_INT("keyword", &kw, "ID", "the keyword (see 'kw list')", 1, 1LL << 62),
        OPT_STRING("date", &date, "DATE", "the check of that day (default: the latest)"),
        OPT_STRING("format", &format, "F", "table, csv or json"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("serp", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("serp: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    if (!kw) {
        error("serp: --keyword ID is required");
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("serp", format, &fmt) != 0)
        return EXIT_USAGE;
    time_t day = 0;
    if (date && util_parse_time(date, &day) != 0) {
        error("serp: --date '%s' is not a date (YYYY-MM-DD)", date);
        return EXIT_USAGE;
    }
    struct model_keyword k;
    int found = store_kw_get(ctx->st, kw, &k);
    if (found != 1) {
        if (found == 0)
            error("serp: no keyword with id %lld", kw);
        return EXIT_FAIL;
    }
    struct store_check_info info;
    struct serp_page page;
    found = store_serp_get(ctx->st, kw, day, &info, &page);
    if (found != 1) {
        if (found == 0)
            error("serp: keyword %lld has no stored check%s%s", kw, date ? " on " : "",
                  date ? date : "");
        serp_page_release(&page);
        model_keyword_release(&k);
        return EXIT_FAIL;
    }
    char when[21];
    util_fmt_time(info.checked_at, when);
    int rc;
    if (fmt == OUT_JSON) {
        json_t *j = serp_page_to_json(&page);
        json_object_set_new(j, "keyword_id", json_integer(kw));
        if (!page.query) /* a failed check has no page query: say which keyword */
            json_object_set_new(j, "query", json_string(k.query));
        json_object_set_new(j, "checked_at", json_string(when));
        json_object_set_new(j, "status", json_string(model_status_name(info.status)));
        json_object_set_new(j, "reason", info.reason ? json_string(info.reason) : json_null());
        json_object_set_new(j, "depth", json_integer(info.depth));
        json_object_set_new(j, "provider",
                            info.provider ? json_string(info.provider) : json_null());
        rc = json_dumpf(j, stdout, JSON_INDENT(2)) == 0 && fputc('\n', stdout) != EOF
                 ? EXIT_OK
                 : EXIT_FAIL;
        if (rc != EXIT_OK)
            error("serp: cannot write output");
        json_decref(j);
    } else {
        if (fmt == OUT_TABLE) {
            char *q = util_utf8_sanitize(k.query, strlen(k.query));
            printf("keyword %lld \"%s\" (%s%s%s)  checked %s  status %s%s%s  depth %d\n", kw, q,
                   serp_engine_name(k.engine), k.location ? ", " : "",
                   k.location ? k.location : "", when, model_status_name(info.status),
                   info.reason ? ": " : "", info.reason ? info.reason : "", info.depth);
            free(q);
        }
        struct out_col cols[] = {
            {.key = "kind"}, {.key = "position", .title = "pos", .right = 1},
            {.key = "domain"}, {.key = "title"}, {.key = "url"},
        };
        struct out_table t;
        out_init(&t, cols, (int)ARRAY_SIZE(cols));
        cmd_page_rows(&t, &page);
        rc = cmd_output("serp", &t, fmt);
        out_release(&t);
    }
    store_check_info_release(&info);
    serp_page_release(&page);
    model_keyword_release(&k);
    return rc;
}
