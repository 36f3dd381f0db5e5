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
#include "research_int.h"
#include "url.h"
#include "util.h"

#define RESEARCH_MAX_INPUT (64u << 20)

int cmd_research_load_data(const struct cmd_ctx *ctx, const char *dir, struct research_data *d, int what)
{
    memset(d, 0, sizeof(*d));
    if (research_data_load(d, dir ? dir : research_data_dir(&ctx->cfg), what) != 0) {
        research_data_release(d);
        return -1;
    }
    return 0;
}

int cmd_research_read_input(const char *cmd, const char *path, char **buf, size_t *len)
{
    if (util_read_file(path, RESEARCH_MAX_INPUT, buf, len) != 0)
        return error("%s: '%s': %s", cmd, path, errno == EFBIG ? "larger than 64 MB" : strerror(errno));
    return 0;
}

/* Comma-separated engine list into engines[]; returns count or -1. */
int cmd_research_parse_engines(const char *cmd, const char *s, enum serp_engine *out, int max)
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

/* Pointer to the first non-space character of s ("" for a blank one). */
const char *cmd_research_blank_to_end(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

/* --- stored SERPs ---------------------------------------------------------------- */
/* The keyword tracking (query, engine, location) with the newest check,
 * its page for `day` (0 = latest) into *page. 1 found, 0 not, -1 error. */
int cmd_research_stored_serp(store *st, const struct model_keyword *all, size_t n, const char *query,
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
        } else if (got == 1 && info.status == MODEL_OK) {
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

/* The cities to expand into cities[] (room for all of d's), *nc of them:
 * the one named (with the location rules' suggestions when unknown), else
 * the largest `top` (default 50) passing the filters. 0 or -1. */
static int expand_cities(const struct research_data *d, const char *city, const char *state,
                         long long min_pop, long long max_pop, long long top,
                         const struct research_city **cities, size_t *nc)
{
    if (city) {
        const struct research_city *c = research_city_find(d, city, state);
        if (!c) { /* "Austin, TX", "st louis": the location rules, with suggestions */
            char *text = state ? xasprintf("%s,%s", city, state) : xstrdup(city);
            struct loc_index *ix = loc_index_new(d);
            struct loc_match m;
            if (loc_resolve(ix, text, &m) == LOC_OK)
                c = m.city;
            else
                free(loc_canonical(ix, "research expand", text));
            loc_match_release(&m);
            loc_index_free(ix);
            free(text);
            if (!c)
                return -1;
        }
        cities[(*nc)++] = c;
    } else {
        for (size_t i = 0; i < d->n_cities; i++) {
            const struct research_city *c = &d->cities[i];
            if (state && strcasecmp(c->code, state) != 0 && strcasecmp(c->state, state) != 0)
                continue;
            if (min_pop && c->population < min_pop)
                continue;
            if (max_pop && c->population > max_pop)
                continue;
            cities[(*nc)++] = c;
        }
        qsort(cities, *nc, sizeof(const struct research_city *), cmp_city_pop);
        if (*nc > (size_t)(top ? top : 50))
            *nc = (size_t)(top ? top : 50);
        if (*nc == 0) {
            error("research expand: no city matches the filters");
            return -1;
        }
    }
    return 0;
}

/* The modifiers named in a comma-separated list ('all': every one) into
 * mods[] (room for all of d's), *nm of them, without repeats. 0, or -1
 * for an unknown one. */
static int expand_mods(const struct research_data *d, const char *modifiers,
                       const struct research_modifier **mods, size_t *nm)
{
    if (strcmp(modifiers, "all") == 0) {
        for (size_t i = 0; i < d->n_mods; i++)
            mods[(*nm)++] = &d->mods[i];
    } else {
        char *t2 = xstrdup(modifiers), *save = NULL;
        for (char *w = strtok_r(t2, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            char *m = research_normalise(w);
            size_t i;
            for (i = 0; i < d->n_mods && strcmp(d->mods[i].text, m) != 0; i++)
                ;
            if (i == d->n_mods) {
                error("research expand: unknown modifier '%s' (see modifiers.csv)", m);
                free(m);
                free(t2);
                return -1;
            }
            free(m);
            int dup = 0;
            for (size_t j = 0; j < *nm; j++)
                dup |= mods[j] == &d->mods[i];
            if (!dup)
                mods[(*nm)++] = &d->mods[i];
        }
        free(t2);
    }
    return 0;
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
    int ne = cmd_research_parse_engines("research expand", engines_s, engines, (int)serp_n_engines);
    if (ne < 0)
        return EXIT_USAGE;
    struct research_data d;
    if (cmd_research_load_data(ctx, data, &d,
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
        if (cmd_research_read_input("research expand", cities_file, &buf, &len) != 0)
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
    if (expand_cities(&d, city, state, min_pop, max_pop, top, cities, &nc) != 0)
        goto out;
    mods = xcalloc(d.n_mods + 1, sizeof(const struct research_modifier *));
    if (modifiers && expand_mods(&d, modifiers, mods, &nm) != 0) {
        rc = EXIT_USAGE;
        goto out;
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
    if (cmd_research_read_input("research import-volume", file, &buf, &len) != 0)
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

/* --- dispatch ---------------------------------------------------------------------- */
/* expand and suggest work before `serptrack init` (needs_db 0) */
const struct cmd_sub cmd_research_subs[] = {
    {"expand", research_expand,
     "research expand --niche N [--city C | [--cities FILE] --top N] [--state ST] [--min-pop N] "
     "[--max-pop N] [--modifiers LIST|all] [--all-services] [--all-intents] [--engine E] "
     "[--site D] [--format F] [--data DIR]",
     "niche x city x modifier keyword lists (CSV for kw import)", NULL, 0},
    {"suggest", cmd_research_suggest,
     "research suggest \"SEED\" [--engine E] [--depth N] [--alphabet] [--all-intents] "
     "[--format F] [--data DIR]",
     "autocomplete expansion of a seed", NULL, 0},
    {"analyze", cmd_research_analyze,
     "research analyze \"QUERY\" --location L [--location-unchecked] [--engine E] [--niche N] "
     "[--fresh] [--format F] [--data DIR]",
     "competition signals of one SERP, with the evidence", NULL, 1},
    {"score", cmd_research_score,
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
