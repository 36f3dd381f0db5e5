/* research_serp.c - `research analyze` (the competition signals of one
 * SERP, stored or fetched) and `research suggest` (autocomplete expansion
 * of a seed): the research subcommands that ask an engine. */
#include <ctype.h>
#include <math.h>

#include "cmd.h"
#include "crawl.h"
#include "locations.h"
#include "model.h"
#include "opt.h"
#include "research.h"
#include "research_int.h"
#include "util.h"

/* --- analyze -------------------------------------------------------------------- */
struct fetch_one {
    struct serp_page page;
    int ok;
    char *why;
};

static int analyze_done(struct crawl_result *r, void *arg)
{
    struct fetch_one *f = arg;
    if (r->status == MODEL_OK) {
        f->page = r->page;
        serp_page_init(&r->page);
        f->ok = 1;
    } else {
        f->why = xstrdup(r->reason ? r->reason : model_status_name(r->status));
    }
    return 0;
}

static void print_features(unsigned features)
{
    int any = 0;
    for (int b = 0; b < SERP_N_FEATURES; b++)
        if (features & (1u << b)) {
            printf("%s%s", any ? ", " : "", serp_feature_name((enum serp_feature)(1u << b)));
            any = 1;
        }
    printf("%s\n", any ? "" : "none");
}

/* research analyze --format json: the signals and the top 10 domains. */
static void analyze_json(const struct research_data *d, const char *query, enum serp_engine e,
                         const char *location, const char *source,
                         const struct research_niche *niche, const struct research_city *city,
                         const struct research_competition *comp, const struct serp_page *page)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:i, s:i, s:i, s:i, s:i, s:b, s:i, "
                          "s:I, s:i, s:f}",
                          "query", query, "engine", serp_engine_name(e), "location", location,
                          "serp", source, "niche", niche ? niche->name : NULL, "city",
                          city ? city->name : NULL, "top10", comp->n_organic, "directories",
                          comp->directories, "forums", comp->forums, "exact_match",
                          comp->exact_match, "partial_match", comp->partial_match, "local_pack",
                          comp->local_pack, "businesses", comp->businesses, "reviews",
                          (json_int_t)comp->reviews, "ads", comp->ads, "competition",
                          round(comp->score * 1000) / 1000); /* 3 decimals, as shown */
    json_t *feats = json_array(), *top = json_array();
    for (int b = 0; b < SERP_N_FEATURES; b++)
        if (comp->features & (1u << b))
            json_array_append_new(feats,
                                  json_string(serp_feature_name((enum serp_feature)(1u << b))));
    for (size_t i = 0; i < page->n_organic && page->organic[i].position <= 10; i++) {
        const char *kind = research_directory_kind(d, page->organic[i].domain);
        json_array_append_new(top, json_pack("{s:i, s:s?, s:s?}", "position",
                                             page->organic[i].position, "domain",
                                             page->organic[i].domain, "kind", kind));
    }
    json_object_set_new(j, "features", feats);
    json_object_set_new(j, "top10_domains", top);
    json_dumpf(j, stdout, JSON_INDENT(2));
    fputc('\n', stdout);
    json_decref(j);
}

/* research analyze as a table: the top 10 with their kind, the signals
 * and the competition formula with its terms. */
static void analyze_table(const struct research_data *d, const char *query, enum serp_engine e,
                          const char *location, const char *source,
                          const struct research_niche *niche, const struct research_city *city,
                          const struct research_competition *comp, const struct serp_page *page)
{
    printf("query: %s  engine: %s  location: %s  (SERP %s)\n", query, serp_engine_name(e), location,
           source);
    printf("niche: %s  city: %s\n\n", niche ? niche->name : "unknown",
           city ? city->name : "unknown");
    for (size_t i = 0; i < page->n_organic && page->organic[i].position <= 10; i++) {
        const struct serp_organic *o = &page->organic[i];
        const char *kind = research_directory_kind(d, o->domain);
        const char *tag = kind ? kind : "";
        if (!kind && o->domain) {
            int match = research_domain_match(o->domain, niche, city);
            tag = match == RESEARCH_EMD   ? "exact-match domain"
                  : match == RESEARCH_PMD ? "partial-match domain"
                                          : "";
        }
        printf("  %2d. %-40s %s\n", o->position, o->domain ? o->domain : "?", tag);
    }
    printf("\n");
    printf("directories/aggregators in top 10: %d of %d\n", comp->directories, comp->n_organic);
    printf("forums/social in top 10:           %d\n", comp->forums);
    printf("exact-match domains:               %d\n", comp->exact_match);
    printf("partial-match domains:             %d\n", comp->partial_match);
    printf("local pack:                        %s", comp->local_pack ? "yes" : "no");
    if (comp->local_pack)
        printf(" (%d businesses, %lld reviews)", comp->businesses, comp->reviews);
    printf("\nads:                               %d\n", comp->ads);
    printf("features:                          ");
    print_features(comp->features);
    struct research_competition_terms terms = research_competition_terms_of(comp);
    printf("\ncompetition = 0.35*strong %.2f + 0.20*emd %.2f + 0.10*pmd %.2f + 0.15*ads %.2f "
           "+ 0.20*pack %.2f = %.2f (0 soft .. 1 hard)\n",
           terms.strong, terms.emd, terms.pmd, terms.ads, terms.pack, comp->score);
}

int cmd_research_analyze(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *location = NULL, *engine_s = NULL, *niche_s = NULL, *data = NULL, *format = NULL;
    int fresh = 0, unchecked = 0;
    char *canon = NULL;
    struct opt opts[] = {
        OPT_STRING("location", &location, "L", "\"Austin,Texas,United States\" (required)"),
        OPT_FLAG("location-unchecked", &unchecked, "send --location as given, not checked"),
        OPT_STRING("engine", &engine_s, "E", serp_engine_list_default()),
        OPT_STRING("niche", &niche_s, "N", "niche (default: guessed from the query)"),
        OPT_FLAG("fresh", &fresh, "fetch even when today's SERP is stored"),
        OPT_STRING("format", &format, "F", "table (default) or json"),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("research analyze", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n == 1 && !*cmd_research_blank_to_end(argv[0]))
        n = 0; /* an empty query: nothing worth sending to the engine */
    if (n != 1 || !location) {
        error("research analyze: %s", n != 1 ? "expected one QUERY" : "--location is required");
        opt_usage(stderr, "research analyze", usage, opts);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("research analyze", format, &fmt) != 0)
        return EXIT_USAGE;
    enum serp_engine e;
    if (cmd_research_parse_engines("research analyze", engine_s, &e, 1) < 0)
        return EXIT_USAGE;
    struct research_data d;
    if (cmd_research_load_data(ctx, data, &d, RESEARCH_NICHES | RESEARCH_CITIES | RESEARCH_DIRS) != 0)
        return EXIT_FAIL;
    const char *query = argv[0];
    int rc = EXIT_FAIL;
    const struct research_niche *niche =
        niche_s ? research_niche_find(&d, niche_s) : research_niche_of_query(&d, query);
    if (niche_s && !niche) {
        error("research analyze: unknown niche '%s'", niche_s);
        research_data_release(&d);
        return EXIT_USAGE;
    }
    if (!unchecked) { /* the engine ignores a name it does not know */
        struct loc_index *ix = loc_index_new(&d);
        canon = loc_canonical(ix, "research analyze", location);
        loc_index_free(ix);
        if (!canon) {
            research_data_release(&d);
            return EXIT_USAGE;
        }
        location = canon;
    }
    char *city_name = xstrndup(location, strcspn(location, ","));
    const char *rest = strchr(location, ',');
    char *state = rest ? xstrndup(rest + 1, strcspn(rest + 1, ",")) : NULL;
    const struct research_city *city = research_city_find(&d, city_name, state);
    if (!city)
        city = research_city_of_query(&d, query);

    struct fetch_one f = {.ok = 0};
    serp_page_init(&f.page);
    const char *source = "stored";
    struct model_keyword *all = NULL;
    size_t nall = 0;
    struct store_kw_filter kf = {0};
    if (!fresh) {
        if (store_kw_list(ctx->st, &kf, &all, &nall) != 0)
            goto out;
        int got = cmd_research_stored_serp(ctx->st, all, nall, query, e, location, util_now(), &f.page);
        if (got < 0)
            goto out;
        f.ok = got == 1;
    }
    if (!f.ok) {
        source = "fetched";
        struct model_keyword k;
        memset(&k, 0, sizeof(k));
        k.query = (char *)query;
        k.engine = e;
        k.location = (char *)location;
        model_keyword_defaults(&k);
        k.depth = MODEL_PAGE_SIZE;
        struct crawl *c;
        if (crawl_new(&ctx->cfg, &c) != 0)
            goto out;
        int crc = crawl_keywords(c, &ctx->cfg, &k, 1, analyze_done, &f);
        crawl_free(c);
        if (crc != 0)
            goto out;
        if (!f.ok) {
            error("research analyze: '%s' on %s: %s", query, serp_engine_name(e),
                  f.why ? f.why : "no result page");
            goto out;
        }
    }
    struct research_competition comp;
    research_competition_of(&d, &f.page, niche, city, &comp);
    if (fmt == OUT_JSON)
        analyze_json(&d, query, e, location, source, niche, city, &comp, &f.page);
    else
        analyze_table(&d, query, e, location, source, niche, city, &comp, &f.page);
    rc = EXIT_OK;
out:
    serp_page_release(&f.page);
    free(f.why);
    model_keyword_free_list(all, nall);
    free(city_name);
    free(state);
    free(canon);
    research_data_release(&d);
    return rc;
}

/* --- suggest --------------------------------------------------------------------- */
struct suggest_state {
    enum serp_engine e;
    struct research_list *out;
    int failures;
};

static void suggest_done(struct crawl_req *r, void *arg)
{
    struct suggest_state *s = arg;
    if (r->error || !r->body || r->http_status != 200 ||
        research_suggest_parse(s->e, r->body, r->len, s->out) < 0) {
        warn("research suggest: %s: %s", r->url,
             r->error ? r->error : r->http_status != 200 ? "unexpected HTTP status"
                                                         : "not an autocomplete answer");
        s->failures++;
    }
}

/* The suggestions found, less the intents d drops (said on stderr), as
 * query and engine rows; returns the exit code. */
static int suggest_output(const struct research_data *d, const struct research_list *found,
                          enum serp_engine e, enum out_format fmt, size_t requests)
{
    /* query and engine: the columns kw import reads, so the CSV
     * imports as it is */
    struct out_col cols[] = {{.key = "query"}, {.key = "engine"}};
    struct out_table t;
    struct research_drops dr = {0};
    size_t kept = 0;
    out_init(&t, cols, 2);
    for (size_t i = 0; i < found->n; i++) {
        const struct research_intent *in = research_intent_of(d, found->v[i]);
        if (in) {
            research_drops_add(&dr, in);
            continue;
        }
        out_row(&t);
        out_str(&t, 0, found->v[i]);
        out_str(&t, 1, serp_engine_name(e));
        kept++;
    }
    char *why = research_drops_text(&dr);
    if (why)
        warn("research suggest: dropped %s; --all-intents keeps them", why);
    free(why);
    int rc = cmd_output("research suggest", &t, fmt);
    out_release(&t);
    info("research suggest: %zu suggestions from %zu requests", kept, requests);
    return rc;
}

int cmd_research_suggest(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *engine_s = NULL, *format = NULL, *data = NULL;
    long long depth = 1;
    int alphabet = 0, all_intents = 0;
    struct opt opts[] = {
        OPT_STRING("engine", &engine_s, "E", serp_engine_list_default()),
        OPT_INT("depth", &depth, "N", "expand suggestions of suggestions N levels (default 1)", 1, 4),
        OPT_FLAG("alphabet", &alphabet, "also ask for \"SEED a\" .. \"SEED z\""),
        OPT_FLAG("all-intents", &all_intents,
                 "keep job, salary, DIY, school and license queries (intents.csv)"),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("research suggest", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n != 1 || !*cmd_research_blank_to_end(argv[0])) {
        error("research suggest: expected one SEED");
        opt_usage(stderr, "research suggest", usage, opts);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("research suggest", format, &fmt) != 0)
        return EXIT_USAGE;
    enum serp_engine e;
    if (cmd_research_parse_engines("research suggest", engine_s, &e, 1) < 0)
        return EXIT_USAGE;
    struct research_data d;
    if (cmd_research_load_data(ctx, data, &d, all_intents ? 0 : RESEARCH_INTENTS) != 0)
        return EXIT_FAIL;
    struct crawl *c;
    if (crawl_new(&ctx->cfg, &c) != 0) {
        research_data_release(&d);
        return EXIT_FAIL;
    }
    struct research_list found = RESEARCH_LIST_INIT, asked = RESEARCH_LIST_INIT,
                         level = RESEARCH_LIST_INIT;
    char *seed = research_normalise(argv[0]);
    research_list_add_unique(&level, seed);
    if (alphabet)
        for (int ch = 'a'; ch <= 'z'; ch++) {
            char *q = xasprintf("%s %c", seed, ch);
            research_list_add_unique(&level, q);
            free(q);
        }
    int rc = EXIT_OK, failures = 0;
    size_t requests = 0;
    for (long long lvl = 0; lvl < depth && level.n > 0; lvl++) {
        struct crawl_req *reqs = xcalloc(level.n, sizeof(*reqs));
        char **urls = xcalloc(level.n, sizeof(*urls));
        size_t nr = 0;
        for (size_t i = 0; i < level.n; i++) {
            if (!research_list_add_unique(&asked, level.v[i]))
                continue;
            if (!(urls[nr] = engine_suggest_url(&ctx->cfg, e, level.v[i]))) {
                rc = EXIT_FAIL;
                break;
            }
            reqs[nr].engine = e;
            reqs[nr].url = urls[nr];
            nr++;
        }
        struct research_list got = RESEARCH_LIST_INIT;
        struct suggest_state s = {e, &got, 0};
        if (rc == EXIT_OK && crawl_fetch(c, reqs, nr, suggest_done, &s) != 0)
            rc = EXIT_FAIL;
        failures += s.failures;
        requests += nr;
        for (size_t i = 0; i < nr; i++) {
            crawl_req_release(&reqs[i]);
            free(urls[i]);
        }
        free(reqs);
        free(urls);
        research_list_release(&level);
        for (size_t i = 0; i < got.n; i++)
            if (research_list_add_unique(&found, got.v[i]))
                research_list_add_unique(&level, got.v[i]);
        research_list_release(&got);
        if (rc != EXIT_OK)
            break;
    }
    crawl_free(c);
    if (rc == EXIT_OK && requests > 0 && (size_t)failures == requests) {
        error("research suggest: every autocomplete request failed");
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK)
        rc = suggest_output(&d, &found, e, fmt, requests);
    free(seed);
    research_list_release(&found);
    research_list_release(&asked);
    research_list_release(&level);
    research_data_release(&d);
    return rc;
}
