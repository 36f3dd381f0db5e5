/* research.c - `serptrack research expand|suggest|analyze|score|import-volume`:
 * deciding which niche x city to build. Subcommands are rows of a table;
 * the arithmetic and parsers live in src/research/ (research.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <strings.h>

#include "cmd.h"
#include "crawl.h"
#include "csv.h"
#include "ctr.h"
#include "locations.h"
#include "model.h"
#include "opt.h"
#include "research.h"
#include "url.h"
#include "util.h"

#define RESEARCH_MAX_INPUT (64u << 20)

static int load_data(const struct cmd_ctx *ctx, const char *dir, struct research_data *d, int what)
{
    memset(d, 0, sizeof(*d));
    if (research_data_load(d, dir ? dir : research_data_dir(&ctx->cfg), what) != 0) {
        research_data_release(d);
        return -1;
    }
    return 0;
}

static int read_input(const char *cmd, const char *path, char **buf, size_t *len)
{
    if (util_read_file(path, RESEARCH_MAX_INPUT, buf, len) != 0)
        return error("%s: '%s': %s", cmd, path, errno == EFBIG ? "larger than 64 MB" : strerror(errno));
    return 0;
}

/* Comma-separated engine list into engines[]; returns count or -1. */
static int parse_engines(const char *cmd, const char *s, enum serp_engine *out, int max)
{
    int n = 0;
    char *t = xstrdup(s ? s : serp_engine_name(SERP_ENGINE_DEFAULT)), *save = NULL;
    for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        enum serp_engine e = serp_engine_from_name(w);
        if (e == SERP_ENGINE_UNKNOWN || n >= max) {
            error("%s: unknown engine '%s' (expected %s)", cmd, w, serp_engine_list());
            free(t);
            return -1;
        }
        out[n++] = e;
    }
    free(t);
    if (n == 0)
        return error("%s: no engine given", cmd);
    return n;
}

/* --- expand -------------------------------------------------------------------- */
static int cmp_city_pop(const void *a, const void *b)
{
    const struct research_city *x = *(const struct research_city *const *)a,
                               *y = *(const struct research_city *const *)b;
    return (x->population < y->population) - (x->population > y->population);
}

/* Drops the rows of kw whose query has an intents.csv term (d holds none
 * with --all-intents) and says on stderr how many and why, in one line. */
static void drop_intents(const struct research_data *d, struct research_kw **kw, size_t *n,
                         const char *cmd)
{
    struct research_drops dr = {0};
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        const struct research_intent *in = research_intent_of(d, (*kw)[i].query);
        if (in) {
            research_drops_add(&dr, in);
            free((*kw)[i].query);
        } else {
            (*kw)[k++] = (*kw)[i];
        }
    }
    *n = k;
    char *why = research_drops_text(&dr);
    if (why)
        warn("%s: dropped %s; --all-intents keeps them", cmd, why);
    free(why);
}

static int research_expand(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *niche_name = NULL, *city = NULL, *state = NULL, *cities_file = NULL,
               *modifiers = NULL, *engines_s = NULL, *site = NULL, *format = NULL, *data = NULL;
    long long top = 0, min_pop = 0, max_pop = 0;
    int all_services = 0, all_intents = 0;
    struct opt opts[] = {
        OPT_STRING("niche", &niche_name, "N", "niche from niches.csv (required)"),
        OPT_STRING("city", &city, "C", "one city (with --state when ambiguous)"),
        OPT_STRING("cities", &cities_file, "FILE", "cities CSV (default: DATA/cities.csv)"),
        OPT_INT("top", &top, "N", "largest N cities after filters (default 50)", 1, 100000),
        OPT_STRING("state", &state, "ST", "only cities in this state (code or name)"),
        OPT_INT("min-pop", &min_pop, "N", "only cities with at least N residents", 0, 100000000),
        OPT_INT("max-pop", &max_pop, "N", "only cities with at most N residents", 0, 100000000),
        OPT_STRING("modifiers", &modifiers, "LIST", "comma-separated modifiers, or 'all'"),
        OPT_FLAG("all-services", &all_services, "every service term, not only the main one"),
        OPT_FLAG("all-intents", &all_intents,
                 "keep job, salary, DIY, school and license queries (intents.csv)"),
        OPT_STRING("engine", &engines_s, "E[,E]", "engines for the rows (default google)"),
        OPT_STRING("site", &site, "D", "site the keywords are tracked for"),
        OPT_STRING("format", &format, "F", "csv (default, for kw import), table or json"),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("research expand", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (!niche_name || n > 0) {
        error("research expand: %s", n > 0 ? "unexpected argument" : "--niche is required");
        opt_usage(stderr, "research expand", usage, opts);
        return EXIT_USAGE;
    }
    enum out_format fmt = OUT_CSV;
    if (format && cmd_format("research expand", format, &fmt) != 0)
        return EXIT_USAGE;
    enum serp_engine engines[SERP_ENGINE_IDS];
    int ne = parse_engines("research expand", engines_s, engines, (int)serp_n_engines);
    if (ne < 0)
        return EXIT_USAGE;
    struct research_data d;
    if (load_data(ctx, data, &d,
                  RESEARCH_NICHES | RESEARCH_MODS | (cities_file ? 0 : RESEARCH_CITIES) |
                      (all_intents ? 0 : RESEARCH_INTENTS)) != 0)
        return EXIT_FAIL;
    int rc = EXIT_FAIL;
    const struct research_city **cities = NULL;
    const struct research_modifier **mods = NULL;
    struct research_kw *kw = NULL;
    size_t nkw = 0, nc = 0, nm = 0;
    struct out_table t = {0};
    if (cities_file) {
        char *buf;
        size_t len;
        if (read_input("research expand", cities_file, &buf, &len) != 0)
            goto out;
        int prc = research_cities_parse(&d, buf, len, cities_file);
        free(buf);
        if (prc != 0)
            goto out;
    }
    const struct research_niche *niche = research_niche_find(&d, niche_name);
    if (!niche) {
        strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < d.n_niches; i++)
            sb_addf(&sb, "%s%s", i ? ", " : "", d.niches[i].name);
        error("research expand: unknown niche '%s' (known: %s)", niche_name, sb_str(&sb));
        sb_release(&sb);
        rc = EXIT_USAGE;
        goto out;
    }
    cities = xcalloc(d.n_cities + 1, sizeof(const struct research_city *));
    if (city) {
        const struct research_city *c = research_city_find(&d, city, state);
        if (!c) { /* "Austin, TX", "st louis": the location rules, with suggestions */
            char *text = state ? xasprintf("%s,%s", city, state) : xstrdup(city);
            struct loc_index *ix = loc_index_new(&d);
            struct loc_match m;
            if (loc_resolve(ix, text, &m) == LOC_OK)
                c = m.city;
            else
                free(loc_canonical(ix, "research expand", text));
            loc_match_release(&m);
            loc_index_free(ix);
            free(text);
            if (!c)
                goto out;
        }
        cities[nc++] = c;
    } else {
        for (size_t i = 0; i < d.n_cities; i++) {
            const struct research_city *c = &d.cities[i];
            if (state && strcasecmp(c->code, state) != 0 && strcasecmp(c->state, state) != 0)
                continue;
            if (min_pop && c->population < min_pop)
                continue;
            if (max_pop && c->population > max_pop)
                continue;
            cities[nc++] = c;
        }
        qsort(cities, nc, sizeof(const struct research_city *), cmp_city_pop);
        if (nc > (size_t)(top ? top : 50))
            nc = (size_t)(top ? top : 50);
        if (nc == 0) {
            error("research expand: no city matches the filters");
            goto out;
        }
    }
    mods = xcalloc(d.n_mods + 1, sizeof(const struct research_modifier *));
    if (modifiers && strcmp(modifiers, "all") == 0) {
        for (size_t i = 0; i < d.n_mods; i++)
            mods[nm++] = &d.mods[i];
    } else if (modifiers) {
        char *t2 = xstrdup(modifiers), *save = NULL;
        for (char *w = strtok_r(t2, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            char *m = research_normalise(w);
            size_t i;
            for (i = 0; i < d.n_mods && strcmp(d.mods[i].text, m) != 0; i++)
                ;
            if (i == d.n_mods) {
                error("research expand: unknown modifier '%s' (see modifiers.csv)", m);
                free(m);
                free(t2);
                rc = EXIT_USAGE;
                goto out;
            }
            free(m);
            int dup = 0;
            for (size_t j = 0; j < nm; j++)
                dup |= mods[j] == &d.mods[i];
            if (!dup)
                mods[nm++] = &d.mods[i];
        }
        free(t2);
    }
    struct research_expand x = {niche, all_services, cities, nc, mods, nm};
    research_expand_run(&x, &kw, &nkw);
    drop_intents(&d, &kw, &nkw, "research expand");

    struct out_col cols[] = {{.key = "query"}, {.key = "site"}, {.key = "engine"},
                             {.key = "location"}, {.key = "tags"}};
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    char *site_dom = site ? url_domain(site) : NULL;
    for (int e = 0; e < ne; e++)
        for (size_t i = 0; i < nkw; i++) {
            char *loc = research_city_location(kw[i].city);
            char *slug = research_normalise(kw[i].city->name);
            for (char *p = slug; *p; p++)
                if (*p == ' ')
                    *p = '-';
            char *tags = xasprintf("%s,%s", niche->name, slug);
            out_row(&t);
            out_str(&t, 0, kw[i].query);
            out_str(&t, 1, site_dom ? site_dom : site);
            out_str(&t, 2, serp_engine_name(engines[e]));
            out_str(&t, 3, loc);
            out_str(&t, 4, tags);
            free(loc);
            free(slug);
            free(tags);
        }
    free(site_dom);
    rc = cmd_output("research expand", &t, fmt);
    info("research expand: %zu keywords for %zu cities", nkw, nc);
out:
    out_release(&t);
    research_kw_free(kw, nkw);
    free(cities);
    free(mods);
    research_data_release(&d);
    return rc;
}

/* --- import-volume -------------------------------------------------------------- */
struct import_arg {
    store *st; /* NULL: only check the file */
    const char *location;
    long stored, committed;
};

#define VOLUME_BATCH 1000

static int import_one(const struct store_volume *v, void *arg)
{
    struct import_arg *a = arg;
    if (!a->st)
        return 0;
    /* Committed in batches so `run` is never locked out for long; a
     * crash keeps whole batches, and importing again overwrites them. */
    if (a->stored > 0 && a->stored % VOLUME_BATCH == 0) {
        if (store_commit(a->st) != 0)
            return cmd_store_err(a->st);
        a->committed = a->stored;
        util_sleep(0.002); /* a writer waiting for the lock polls every millisecond */
        if (store_begin(a->st) != 0)
            return cmd_store_err(a->st);
    }
    struct store_volume w = *v;
    w.location = (char *)a->location;
    if (store_volume_set(a->st, &w) != 0)
        return cmd_store_err(a->st);
    a->stored++;
    return 0;
}

static int import_volume_file(struct cmd_ctx *ctx, const char *file, const char *location);

static int research_import_volume(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *location = NULL, *data = NULL;
    int unchecked = 0;
    struct opt opts[] = {
        OPT_STRING("location", &location, "L", "volumes are for this location (default: national)"),
        OPT_FLAG("location-unchecked", &unchecked, "file them under --location as given"),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("research import-volume", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n != 1) {
        error("research import-volume: expected one FILE");
        opt_usage(stderr, "research import-volume", usage, opts);
        return EXIT_USAGE;
    }
    /* filed under the canonical name, so the keywords tracked there
     * (stored canonical by kw add) find them */
    char *canon = NULL;
    if (location && *location && !unchecked) {
        struct loc_data ld;
        if (loc_data_load(&ld, data ? data : research_data_dir(&ctx->cfg)) != 0) {
            loc_data_release(&ld);
            return EXIT_FAIL;
        }
        canon = loc_canonical(ld.ix, "research import-volume", location);
        loc_data_release(&ld);
        if (!canon)
            return EXIT_USAGE;
        location = canon;
    }
    int rc = import_volume_file(ctx, argv[0], location);
    free(canon);
    return rc;
}

static int import_volume_file(struct cmd_ctx *ctx, const char *file, const char *location)
{
    char *buf;
    size_t len;
    if (read_input("research import-volume", file, &buf, &len) != 0)
        return EXIT_FAIL;
    /* The whole file is checked first: a bad file imports nothing. */
    struct import_arg a = {NULL, location, 0, 0};
    long rows = research_volume_parse(buf, len, file, import_one, &a);
    if (rows < 0) {
        free(buf);
        error("research import-volume: '%s': nothing imported", file);
        return EXIT_FAIL;
    }
    a.st = ctx->st;
    if (store_begin(ctx->st) != 0) {
        free(buf);
        return EXIT_FAIL;
    }
    rows = research_volume_parse(buf, len, file, import_one, &a);
    free(buf);
    if (rows < 0) {
        store_rollback(ctx->st);
        cmd_store_err(ctx->st);
        error("research import-volume: '%s': stopped after %ld volumes (import it again "
              "for the rest)", file, a.committed);
        return EXIT_FAIL;
    }
    if (store_commit(ctx->st) != 0)
        return EXIT_FAIL;
    printf("imported %ld search volume%s from %s\n", a.stored, a.stored == 1 ? "" : "s", file);
    return EXIT_OK;
}

/* --- stored SERPs ---------------------------------------------------------------- */
/* The keyword tracking (query, engine, location) with the newest check,
 * its page for `day` (0 = latest) into *page. 1 found, 0 not, -1 error. */
static int stored_serp(store *st, const struct store_keyword *all, size_t n, const char *query,
                       enum serp_engine e, const char *location, time_t day, struct serp_page *page)
{
    char *q = research_normalise(query);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (all[i].engine != e || !util_strcaseeq(all[i].location ? all[i].location : "",
                                                  location ? location : ""))
            continue;
        char *kq = research_normalise(all[i].query);
        int same = strcmp(kq, q) == 0;
        free(kq);
        if (!same)
            continue;
        struct store_check_info info;
        memset(&info, 0, sizeof(info));
        int got = store_serp_get(st, all[i].id, day, &info, page);
        if (got < 0) {
            rc = -1;
        } else if (got == 1 && info.status == STORE_OK) {
            rc = 1;
        } else if (got == 1) {
            serp_page_release(page);
        }
        if (got == 1)
            store_check_info_release(&info);
    }
    free(q);
    return rc;
}

/* --- analyze -------------------------------------------------------------------- */
struct fetch_one {
    struct serp_page page;
    int ok;
    char *why;
};

static int analyze_done(struct crawl_result *r, void *arg)
{
    struct fetch_one *f = arg;
    if (r->status == STORE_OK) {
        f->page = r->page;
        serp_page_init(&r->page);
        f->ok = 1;
    } else {
        f->why = xstrdup(r->reason ? r->reason : store_status_name(r->status));
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

/* Pointer to the first non-space character of s ("" for a blank one). */
static const char *blank_to_end(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

static int research_analyze(int argc, char **argv, struct cmd_ctx *ctx)
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
    if (n == 1 && !*blank_to_end(argv[0]))
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
    if (parse_engines("research analyze", engine_s, &e, 1) < 0)
        return EXIT_USAGE;
    struct research_data d;
    if (load_data(ctx, data, &d, RESEARCH_NICHES | RESEARCH_CITIES | RESEARCH_DIRS) != 0)
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
    struct store_keyword *all = NULL;
    size_t nall = 0;
    struct store_kw_filter kf = {0};
    if (!fresh) {
        if (store_kw_list(ctx->st, &kf, &all, &nall) != 0)
            goto out;
        int got = stored_serp(ctx->st, all, nall, query, e, location, util_now(), &f.page);
        if (got < 0)
            goto out;
        f.ok = got == 1;
    }
    if (!f.ok) {
        source = "fetched";
        struct store_keyword k;
        memset(&k, 0, sizeof(k));
        k.query = (char *)query;
        k.engine = e;
        k.location = (char *)location;
        store_keyword_defaults(&k);
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
    if (fmt == OUT_JSON) {
        json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:i, s:i, s:i, s:i, s:i, s:b, s:i, "
                              "s:I, s:i, s:f}",
                              "query", query, "engine", serp_engine_name(e), "location", location,
                              "serp", source, "niche", niche ? niche->name : NULL, "city",
                              city ? city->name : NULL, "top10", comp.n_organic, "directories",
                              comp.directories, "forums", comp.forums, "exact_match",
                              comp.exact_match, "partial_match", comp.partial_match, "local_pack",
                              comp.local_pack, "businesses", comp.businesses, "reviews",
                              (json_int_t)comp.reviews, "ads", comp.ads, "competition",
                              round(comp.score * 1000) / 1000); /* 3 decimals, as shown */
        json_t *feats = json_array(), *top = json_array();
        for (int b = 0; b < SERP_N_FEATURES; b++)
            if (comp.features & (1u << b))
                json_array_append_new(feats,
                                      json_string(serp_feature_name((enum serp_feature)(1u << b))));
        for (size_t i = 0; i < f.page.n_organic && f.page.organic[i].position <= 10; i++) {
            const char *kind = research_directory_kind(&d, f.page.organic[i].domain);
            json_array_append_new(top, json_pack("{s:i, s:s?, s:s?}", "position",
                                                 f.page.organic[i].position, "domain",
                                                 f.page.organic[i].domain, "kind", kind));
        }
        json_object_set_new(j, "features", feats);
        json_object_set_new(j, "top10_domains", top);
        json_dumpf(j, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(j);
        rc = EXIT_OK;
        goto out;
    }
    printf("query: %s  engine: %s  location: %s  (SERP %s)\n", query, serp_engine_name(e), location,
           source);
    printf("niche: %s  city: %s\n\n", niche ? niche->name : "unknown",
           city ? city->name : "unknown");
    for (size_t i = 0; i < f.page.n_organic && f.page.organic[i].position <= 10; i++) {
        const struct serp_organic *o = &f.page.organic[i];
        const char *kind = research_directory_kind(&d, o->domain);
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
    printf("directories/aggregators in top 10: %d of %d\n", comp.directories, comp.n_organic);
    printf("forums/social in top 10:           %d\n", comp.forums);
    printf("exact-match domains:               %d\n", comp.exact_match);
    printf("partial-match domains:             %d\n", comp.partial_match);
    printf("local pack:                        %s", comp.local_pack ? "yes" : "no");
    if (comp.local_pack)
        printf(" (%d businesses, %lld reviews)", comp.businesses, comp.reviews);
    printf("\nads:                               %d\n", comp.ads);
    printf("features:                          ");
    print_features(comp.features);
    struct research_competition_terms terms = research_competition_terms_of(&comp);
    printf("\ncompetition = 0.35*strong %.2f + 0.20*emd %.2f + 0.10*pmd %.2f + 0.15*ads %.2f "
           "+ 0.20*pack %.2f = %.2f (0 soft .. 1 hard)\n",
           terms.strong, terms.emd, terms.pmd, terms.ads, terms.pack, comp.score);
    rc = EXIT_OK;
out:
    serp_page_release(&f.page);
    free(f.why);
    store_keyword_free_list(all, nall);
    free(city_name);
    free(state);
    free(canon);
    research_data_release(&d);
    return rc;
}

/* --- score ---------------------------------------------------------------------- */
struct scored {
    char *query, *location, *niche, *city, *vol_src;
    char pattern[160];       /* the estimate's pattern, "" when not estimated */
    enum serp_engine engine;
    long long population;
    int businesses;
    struct research_score s;
};

static const char *sort_key;

static int cmp_scored(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    double dx, dy;
    if (strcmp(sort_key, "query") == 0)
        return strcmp(x->query, y->query);
    if (strcmp(sort_key, "volume") == 0)
        dx = (double)x->s.volume, dy = (double)y->s.volume;
    else if (strcmp(sort_key, "value") == 0)
        dx = x->s.value, dy = y->s.value;
    else if (strcmp(sort_key, "competition") == 0)
        dx = -x->s.competition, dy = -y->s.competition; /* softest first */
    else if (strcmp(sort_key, "population") == 0)
        dx = (double)x->population, dy = (double)y->population;
    else
        dx = x->s.score, dy = y->s.score;
    if (dx != dy)
        return dx < dy ? 1 : -1;
    return strcmp(x->query, y->query);
}

static int research_score(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *format = NULL, *sort = "score", *data = NULL;
    long long target = 1, limit = 0;
    int explain = 0;
    struct opt opts[] = {
        OPT_INT("target-position", &target, "N",
                "best position aimed at (default 1); the competition may allow less", 1, 50),
        OPT_FLAG("explain", &explain, "show every input of the formula"),
        OPT_STRING("sort", &sort, "KEY", "score (default), value, volume, competition, population, query"),
        OPT_INT("top", &limit, "N", "only the best N rows", 1, 1000000),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("research score", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n != 1) {
        error("research score: expected one FILE (a keyword CSV, e.g. from research expand)");
        opt_usage(stderr, "research score", usage, opts);
        return EXIT_USAGE;
    }
    static const char *const sorts[] = {"score", "value", "volume", "competition", "population", "query"};
    int sort_ok = 0;
    for (size_t i = 0; i < ARRAY_SIZE(sorts); i++)
        sort_ok |= strcmp(sort, sorts[i]) == 0;
    if (!sort_ok) {
        error("research score: unknown --sort '%s'", sort);
        return EXIT_USAGE;
    }
    sort_key = sort;
    enum out_format fmt;
    if (cmd_format("research score", format, &fmt) != 0)
        return EXIT_USAGE;
    struct research_data d;
    if (load_data(ctx, data, &d,
                  RESEARCH_NICHES | RESEARCH_CITIES | RESEARCH_DIRS | RESEARCH_PATTERNS) != 0)
        return EXIT_FAIL;
    struct research_assumptions a;
    research_assumptions_load(&ctx->cfg, &a);
    char *buf = NULL;
    size_t len;
    int rc = EXIT_FAIL;
    struct scored *v = NULL;
    size_t nv = 0, cap = 0;
    struct store_keyword *all = NULL;
    size_t nall = 0;
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    struct out_table t = {0};
    if (read_input("research score", argv[0], &buf, &len) != 0)
        goto out;
    struct store_kw_filter kf = {0};
    if (store_kw_list(ctx->st, &kf, &all, &nall) != 0)
        goto out;
    csv_reader_init(&r, buf, len, ',');
    if (csv_read_row(&r, &row) != 1) {
        error("research score: '%s': empty file", argv[0]);
        goto out;
    }
    static const char *const qn[] = {"query", "keyword", NULL}, *const ln[] = {"location", NULL},
                             *const en[] = {"engine", NULL}, *const tn[] = {"tags", "niche", NULL},
                             *const vn[] = {"volume", "searches", NULL};
    int cq = csv_find_column(&row, qn), cl = csv_find_column(&row, ln),
        ce = csv_find_column(&row, en), ct = csv_find_column(&row, tn),
        cv = csv_find_column(&row, vn);
    if (cq < 0) {
        error("research score: '%s':1: no 'query' or 'keyword' column", argv[0]);
        goto out;
    }
    int got, bad = 0;
    while ((got = csv_read_row(&r, &row)) != 0) {
        if (got < 0 || (size_t)cq >= row.n) {
            error("research score: '%s':%ld: malformed row", argv[0], r.line);
            bad++;
            continue;
        }
        if (row.n == 1 && !*row.field[0])
            continue;
#define COL(c) ((c) >= 0 && (size_t)(c) < row.n && *row.field[c] ? row.field[c] : NULL)
        const char *query = row.field[cq], *loc = COL(cl), *eng = COL(ce), *tags = COL(ct),
                   *vol = COL(cv);
#undef COL
        if (!*query)
            continue;
        enum serp_engine e = eng ? serp_engine_from_name(eng) : SERP_ENGINE_DEFAULT;
        if (e == SERP_ENGINE_UNKNOWN) {
            error("research score: '%s':%ld: unknown engine '%s'", argv[0], r.line, eng);
            bad++;
            continue;
        }
        GROW(v, cap, nv + 1);
        struct scored *s = &v[nv++];
        memset(s, 0, sizeof(*s));
        s->query = research_normalise(query);
        s->location = xstrdup(loc);
        s->engine = e;
        /* niche: a tag naming one, else the service term in the query */
        const struct research_niche *niche = NULL;
        if (tags) {
            char *tt = xstrdup(tags), *save = NULL;
            for (char *w = strtok_r(tt, ",;|", &save); w && !niche; w = strtok_r(NULL, ",;|", &save))
                niche = research_niche_find(&d, w);
            free(tt);
        }
        if (!niche)
            niche = research_niche_of_query(&d, query);
        const struct research_city *city = NULL;
        if (loc) {
            char *cn = xstrndup(loc, strcspn(loc, ","));
            const char *rest = strchr(loc, ',');
            char *st = rest ? xstrndup(rest + 1, strcspn(rest + 1, ",")) : NULL;
            city = research_city_find(&d, cn, st);
            free(cn);
            free(st);
        }
        /* volume: the file, else imported (store), else estimated per pattern */
        struct research_volume_est est;
        research_volume_estimate(&d, niche, city, query, &est);
        if (est.city)
            city = est.city; /* the city searched for: "plumber dallas" tracked in Austin */
        s->niche = xstrdup(niche ? niche->name : NULL);
        s->city = xstrdup(city ? city->name : NULL);
        s->population = city ? city->population : -1;
        s->s.target = (int)target;
        s->s.conversion = a.conversion;
        s->s.share = research_engine_share(&ctx->cfg, e);
        s->s.lead_value = research_lead_value(niche);
        s->s.volume = -1;
        long long vv;
        if (vol && util_parse_int(vol, 0, 1000000000000LL, &vv) == 0) {
            s->s.volume = vv;
            s->vol_src = "file";
        } else {
            struct store_volume sv;
            int g = store_volume_get(ctx->st, s->query, loc, &sv);
            if (g < 0)
                goto out;
            if (g == 1) {
                s->s.volume = sv.volume;
                s->vol_src = "store";
                store_volume_release(&sv);
            }
        }
        if (s->s.volume < 0 && est.volume >= 0) {
            s->s.volume = est.volume;
            s->s.volume_estimated = 1;
            s->vol_src = "estimate";
            snprintf(s->pattern, sizeof(s->pattern), "%s", est.pattern);
        }
        if (s->s.volume < 0) {
            s->s.volume = 0;
            s->vol_src = "unknown";
        }
        /* competition: the stored SERP of the same query, else unknown */
        struct serp_page page;
        serp_page_init(&page);
        int g = stored_serp(ctx->st, all, nall, query, e, loc, 0, &page);
        if (g < 0) {
            serp_page_release(&page);
            goto out;
        }
        s->businesses = -1;
        if (g == 1) {
            research_competition_of(&d, &page, niche, city, &s->s.comp);
            s->businesses = s->s.comp.businesses;
            s->s.serp_known = 1;
        }
        serp_page_release(&page);
        research_score_compute(&s->s);
    }
    if (bad) {
        error("research score: '%s': %d bad row%s", argv[0], bad, bad == 1 ? "" : "s");
        goto out;
    }
    qsort(v, nv, sizeof(*v), cmp_scored);
    if (limit && (size_t)limit < nv) {
        for (size_t i = (size_t)limit; i < nv; i++) {
            free(v[i].query);
            free(v[i].location);
            free(v[i].niche);
            free(v[i].city);
        }
        nv = (size_t)limit;
    }
    int hide = !explain;
    struct out_col cols[] = {
        {.key = "query"},
        {.key = "engine"},
        {.key = "location", .table_hidden = hide},
        {.key = "niche"},
        {.key = "population", .title = "pop", .right = 1, .table_hidden = hide},
        {.key = "volume", .right = 1},
        {.key = "volume_source", .title = "vol src", .table_hidden = hide},
        {.key = "volume_estimated", .table_hidden = 1},
        {.key = "volume_pattern", .title = "pattern", .table_hidden = hide},
        {.key = "target_position", .title = "target", .right = 1, .table_hidden = hide},
        {.key = "directories", .title = "dirs", .right = 1, .table_hidden = hide},
        {.key = "forums", .right = 1, .table_hidden = hide},
        {.key = "domains", .title = "doms", .right = 1, .table_hidden = hide},
        {.key = "exact_match_domains", .title = "emd", .right = 1, .table_hidden = hide},
        {.key = "partial_match_domains", .title = "pmd", .right = 1, .table_hidden = hide},
        {.key = "other_strong_domains", .title = "other", .right = 1, .table_hidden = hide},
        {.key = "hard", .right = 1, .decimals = 1, .table_hidden = hide},
        {.key = "reach", .right = 1},
        {.key = "ctr_at_reach", .title = "ctr@reach", .right = 1, .decimals = 3, .table_hidden = hide},
        {.key = "local_pack", .title = "pack", .right = 1, .table_hidden = hide},
        {.key = "reviews", .right = 1, .table_hidden = hide},
        {.key = "pack_factor", .title = "pack x", .right = 1, .decimals = 2, .table_hidden = hide},
        {.key = "ads_top", .title = "ads", .right = 1, .table_hidden = hide},
        {.key = "ads_factor", .title = "ads x", .right = 1, .decimals = 2, .table_hidden = hide},
        {.key = "ctr", .right = 1, .decimals = 3},
        {.key = "engine_share", .title = "share", .right = 1, .decimals = 3, .table_hidden = hide},
        {.key = "visits", .right = 1, .decimals = 1, .table_hidden = hide},
        {.key = "conversion", .title = "conv", .right = 1, .decimals = 3, .table_hidden = hide},
        {.key = "leads", .right = 1, .decimals = 2},
        {.key = "lead_value", .title = "$/lead", .right = 1, .decimals = 0, .table_hidden = hide},
        {.key = "potential", .title = "$ clean", .right = 1, .decimals = 0, .table_hidden = hide},
        {.key = "value", .title = "$/month", .right = 1, .decimals = 0, .table_hidden = 1},
        {.key = "competition", .title = "comp", .right = 1, .decimals = 2},
        {.key = "competition_source", .title = "comp src", .table_hidden = hide},
        {.key = "businesses", .title = "biz", .right = 1, .table_hidden = hide},
        {.key = "score", .title = "score $/mo", .right = 1, .decimals = 0},
    };
    enum { C_QUERY, C_ENGINE, C_LOC, C_NICHE, C_POP, C_VOL, C_VSRC, C_VEST, C_VPAT, C_TARGET,
           C_DIRS, C_FORUMS, C_DOMS, C_EMD, C_PMD, C_OTHER, C_HARD, C_REACH, C_CTR_REACH, C_PACK,
           C_REVIEWS, C_PACKF, C_ADS, C_ADSF, C_CTR, C_SHARE, C_VISITS, C_CONV, C_LEADS,
           C_LEADV, C_POT, C_VALUE, C_COMP, C_CSRC, C_BIZ, C_SCORE };
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    int estimates = 0;
    for (size_t i = 0; i < nv; i++) {
        struct scored *s = &v[i];
        const struct research_competition *c = &s->s.comp;
        out_row(&t);
        out_str(&t, C_QUERY, s->query);
        out_str(&t, C_ENGINE, serp_engine_name(s->engine));
        out_str(&t, C_LOC, s->location);
        out_str(&t, C_NICHE, s->niche);
        if (s->population >= 0)
            out_int(&t, C_POP, s->population);
        else
            out_null(&t, C_POP);
        out_int(&t, C_VOL, s->s.volume);
        if (s->s.volume_estimated) {
            char est[32];
            snprintf(est, sizeof(est), "~%lld", s->s.volume);
            out_display(&t, C_VOL, est);
            estimates++;
        }
        out_str(&t, C_VSRC, s->vol_src);
        out_bool(&t, C_VEST, s->s.volume_estimated);
        out_str(&t, C_VPAT, *s->pattern ? s->pattern : NULL);
        out_int(&t, C_TARGET, s->s.target);
        if (s->s.serp_known) {
            out_int(&t, C_DIRS, c->directories);
            out_int(&t, C_FORUMS, c->forums);
            out_int(&t, C_DOMS, c->domains);
            out_int(&t, C_EMD, c->emd_domains);
            out_int(&t, C_PMD, c->pmd_domains);
            out_int(&t, C_OTHER, c->strong - c->emd_domains - c->pmd_domains);
            out_bool(&t, C_PACK, c->local_pack);
            out_int(&t, C_REVIEWS, c->reviews);
            out_int(&t, C_ADS, c->ads_top);
        } else {
            for (int k = C_DIRS; k <= C_OTHER; k++)
                out_null(&t, k);
            out_null(&t, C_PACK);
            out_null(&t, C_REVIEWS);
            out_null(&t, C_ADS);
        }
        out_real(&t, C_HARD, s->s.hard);
        out_int(&t, C_REACH, s->s.reach);
        out_real(&t, C_CTR_REACH, s->s.ctr_reach);
        out_real(&t, C_PACKF, s->s.pack_factor);
        out_real(&t, C_ADSF, s->s.ads_factor);
        out_real(&t, C_CTR, s->s.ctr);
        out_real(&t, C_SHARE, s->s.share);
        out_real(&t, C_VISITS, s->s.visits);
        out_real(&t, C_CONV, s->s.conversion);
        out_real(&t, C_LEADS, s->s.leads);
        out_real(&t, C_LEADV, s->s.lead_value);
        out_real(&t, C_POT, s->s.potential);
        out_real(&t, C_VALUE, s->s.value);
        out_real(&t, C_COMP, s->s.competition);
        out_str(&t, C_CSRC, s->s.serp_known ? "serp" : "unknown");
        if (s->businesses >= 0)
            out_int(&t, C_BIZ, s->businesses);
        else
            out_null(&t, C_BIZ);
        out_real(&t, C_SCORE, s->s.score);
    }
    if (explain && fmt == OUT_TABLE)
        printf("hard = %.1f x emd + %.1f x pmd + %.1f x other strong domains of the top 10 "
               "(distinct; dirs and forums count 0)\n"
               "reach = max(target, 1 + round(hard)), at most 11   ctr = ctr(reach) x pack x x ads x\n"
               "pack x = 1 - (%.2f + %.2f x min(reviews / 600, 1)) with a local pack   "
               "ads x = 1 - %.2f x min(top ads, 4)\n"
               "visits = volume x engine share x ctr   leads = visits x conv   "
               "score = leads x $/lead ($/month at the reachable position)\n"
               "$ clean = the same at the target position on a page without pack or ads\n"
               "no stored SERP (comp src unknown): hard %.1f, a pack with 300 reviews, 2 top ads; "
               "comp = research analyze's index, for reference\n"
               "volume: file column, else imported (store), else ~estimate = population x "
               "searches_per_1000 x pattern share / 1000 (keywords/volume-patterns.csv)\n\n",
               RESEARCH_HARD_EMD, RESEARCH_HARD_PMD, RESEARCH_HARD_OTHER, RESEARCH_PACK_BASE,
               RESEARCH_PACK_REVIEWS, RESEARCH_AD_CLICKS, RESEARCH_HARD_UNKNOWN);
    rc = cmd_output("research score", &t, fmt);
    if (rc == EXIT_OK && fmt == OUT_TABLE && estimates)
        printf("~N: volume estimate for %d keyword%s without an imported volume (population x "
               "the pattern's rate, keywords/volume-patterns.csv); research import-volume "
               "replaces it\n",
               estimates, estimates == 1 ? "" : "s");
out:
    out_release(&t);
    csv_row_release(&row);
    for (size_t i = 0; i < nv; i++) {
        free(v[i].query);
        free(v[i].location);
        free(v[i].niche);
        free(v[i].city);
    }
    free(v);
    store_keyword_free_list(all, nall);
    free(buf);
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

static int research_suggest(int argc, char **argv, struct cmd_ctx *ctx)
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
    if (n != 1 || !*blank_to_end(argv[0])) {
        error("research suggest: expected one SEED");
        opt_usage(stderr, "research suggest", usage, opts);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("research suggest", format, &fmt) != 0)
        return EXIT_USAGE;
    enum serp_engine e;
    if (parse_engines("research suggest", engine_s, &e, 1) < 0)
        return EXIT_USAGE;
    struct research_data d;
    if (load_data(ctx, data, &d, all_intents ? 0 : RESEARCH_INTENTS) != 0)
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
    if (rc == EXIT_OK) {
        /* query and engine: the columns kw import reads, so the CSV
         * imports as it is */
        struct out_col cols[] = {{.key = "query"}, {.key = "engine"}};
        struct out_table t;
        struct research_drops dr = {0};
        size_t kept = 0;
        out_init(&t, cols, 2);
        for (size_t i = 0; i < found.n; i++) {
            const struct research_intent *in = research_intent_of(&d, found.v[i]);
            if (in) {
                research_drops_add(&dr, in);
                continue;
            }
            out_row(&t);
            out_str(&t, 0, found.v[i]);
            out_str(&t, 1, serp_engine_name(e));
            kept++;
        }
        char *why = research_drops_text(&dr);
        if (why)
            warn("research suggest: dropped %s; --all-intents keeps them", why);
        free(why);
        rc = cmd_output("research suggest", &t, fmt);
        out_release(&t);
        info("research suggest: %zu suggestions from %zu requests", kept, requests);
    }
    free(seed);
    research_list_release(&found);
    research_list_release(&asked);
    research_list_release(&level);
    research_data_release(&d);
    return rc;
}

/* --- dispatch ---------------------------------------------------------------------- */
/* expand and suggest work before `serptrack init` (needs_db 0) */
const struct cmd_sub cmd_research_subs[] = {
    {"expand", research_expand,
     "research expand --niche N [--city C | [--cities FILE] --top N] [--state ST] [--min-pop N] "
     "[--max-pop N] [--modifiers LIST|all] [--all-services] [--all-intents] [--engine E] "
     "[--site D] [--format F] [--data DIR]",
     "niche x city x modifier keyword lists (CSV for kw import)", NULL, 0},
    {"suggest", research_suggest,
     "research suggest \"SEED\" [--engine E] [--depth N] [--alphabet] [--all-intents] "
     "[--format F] [--data DIR]",
     "autocomplete expansion of a seed", NULL, 0},
    {"analyze", research_analyze,
     "research analyze \"QUERY\" --location L [--location-unchecked] [--engine E] [--niche N] "
     "[--fresh] [--format F] [--data DIR]",
     "competition signals of one SERP, with the evidence", NULL, 1},
    {"score", research_score,
     "research score FILE [--target-position N] [--explain] [--sort KEY] [--top N] [--format F] "
     "[--data DIR]",
     "opportunity score per keyword of a CSV", NULL, 1},
    {"import-volume", research_import_volume,
     "research import-volume FILE [--location L [--location-unchecked]] [--data DIR]",
     "search volumes from Keyword Planner or CSV", NULL, 1},
    {"import-gsc", cmd_research_import_gsc,
     "research import-gsc FILE.csv --site D [--days N | --since DATE --until DATE]",
     "a site's Search Console Queries.csv (actual clicks)", NULL, 1},
    {NULL, NULL, NULL, NULL, NULL, 0},
};
