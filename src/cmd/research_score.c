/* research_score.c - `research score FILE`: the opportunity score of each
 * keyword of a CSV (volume from the file, the store or an estimate;
 * competition from the stored SERP), as a table with --explain's inputs. */
#include "cmd.h"
#include "csv.h"
#include "model.h"
#include "opt.h"
#include "research.h"
#include "research_int.h"
#include "util.h"

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

/* Frees the strings of v[from..to). */
static void scored_free(struct scored *v, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        free(v[i].query);
        free(v[i].location);
        free(v[i].niche);
        free(v[i].city);
    }
}

/* 1 when --sort names a key cmp_scored knows. */
static int score_sort_known(const char *sort)
{
    static const char *const sorts[] = {"score", "value", "volume", "competition", "population", "query"};
    int sort_ok = 0;
    for (size_t i = 0; i < ARRAY_SIZE(sorts); i++)
        sort_ok |= strcmp(sort, sorts[i]) == 0;
    return sort_ok;
}

/* Sorts v by sort_key and keeps the best limit (0: all) rows; returns
 * how many remain. */
static size_t score_sort_top(struct scored *v, size_t nv, long long limit)
{
    if (nv) /* v is NULL without rows */
        qsort(v, nv, sizeof(*v), cmp_scored);
    if (limit && (size_t)limit < nv) {
        scored_free(v, (size_t)limit, nv);
        nv = (size_t)limit;
    }
    return nv;
}

/* Scores one CSV row into s:
 * niche from its tags or the query, city from its location, volume from
 * the file, the store or an estimate, competition from the stored SERP.
 * 0 or -1. */
static int score_row(struct cmd_ctx *ctx, const struct research_data *d,
                     const struct research_assumptions *a, const struct model_keyword *all,
                     size_t nall, int target, const char *query, const char *loc,
                     enum serp_engine e, const char *tags, const char *vol, struct scored *s)
{
    memset(s, 0, sizeof(*s));
    s->query = research_normalise(query);
    s->location = xstrdup(loc);
    s->engine = e;
    /* niche: a tag naming one, else the service term in the query */
    const struct research_niche *niche = NULL;
    if (tags) {
        char *tt = xstrdup(tags), *save = NULL;
        for (char *w = strtok_r(tt, ",;|", &save); w && !niche; w = strtok_r(NULL, ",;|", &save))
            niche = research_niche_find(d, w);
        free(tt);
    }
    if (!niche)
        niche = research_niche_of_query(d, query);
    const struct research_city *city = NULL;
    if (loc) {
        char *cn = xstrndup(loc, strcspn(loc, ","));
        const char *rest = strchr(loc, ',');
        char *st = rest ? xstrndup(rest + 1, strcspn(rest + 1, ",")) : NULL;
        city = research_city_find(d, cn, st);
        free(cn);
        free(st);
    }
    /* volume: the file, else imported (store), else estimated per pattern */
    struct research_volume_est est;
    research_volume_estimate(d, niche, city, query, &est);
    if (est.city)
        city = est.city; /* the city searched for: "plumber dallas" tracked in Austin */
    s->niche = xstrdup(niche ? niche->name : NULL);
    s->city = xstrdup(city ? city->name : NULL);
    s->population = city ? city->population : -1;
    s->s.target = target;
    s->s.conversion = a->conversion;
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
            return -1;
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
    int g = cmd_research_stored_serp(ctx->st, all, nall, query, e, loc, 0, &page);
    if (g < 0) {
        serp_page_release(&page);
        return -1;
    }
    s->businesses = -1;
    if (g == 1) {
        research_competition_of(d, &page, niche, city, &s->s.comp);
        s->businesses = s->s.comp.businesses;
        s->s.serp_known = 1;
    }
    serp_page_release(&page);
    research_score_compute(&s->s);
    return 0;
}

/* The columns of score_table, in order. */
enum { C_QUERY, C_ENGINE, C_LOC, C_NICHE, C_POP, C_VOL, C_VSRC, C_VEST, C_VPAT, C_TARGET,
       C_DIRS, C_FORUMS, C_DOMS, C_EMD, C_PMD, C_OTHER, C_HARD, C_REACH, C_CTR_REACH, C_PACK,
       C_REVIEWS, C_PACKF, C_ADS, C_ADSF, C_CTR, C_SHARE, C_VISITS, C_CONV, C_LEADS,
       C_LEADV, C_POT, C_VALUE, C_COMP, C_CSRC, C_BIZ, C_SCORE,
       C_NCOLS };

/* The scored rows as a table (the formula's inputs hidden from the text
 * table without --explain) into *t, its columns in the caller's cols[C_NCOLS]
 * (t points at them until released); returns how many volumes are estimates. */
static int score_table(const struct scored *v, size_t nv, int explain, struct out_col *cols,
                       struct out_table *t)
{
    int hide = !explain;
    const struct out_col all_cols[] = {
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
    _Static_assert(ARRAY_SIZE(all_cols) == C_NCOLS, "a column per C_ id");
    memcpy(cols, all_cols, sizeof all_cols);
    out_init(t, cols, C_NCOLS);
    int estimates = 0;
    for (size_t i = 0; i < nv; i++) {
        const struct scored *s = &v[i];
        const struct research_competition *c = &s->s.comp;
        out_row(t);
        out_str(t, C_QUERY, s->query);
        out_str(t, C_ENGINE, serp_engine_name(s->engine));
        out_str(t, C_LOC, s->location);
        out_str(t, C_NICHE, s->niche);
        if (s->population >= 0)
            out_int(t, C_POP, s->population);
        else
            out_null(t, C_POP);
        out_int(t, C_VOL, s->s.volume);
        if (s->s.volume_estimated) {
            char est[32];
            snprintf(est, sizeof(est), "~%lld", s->s.volume);
            out_display(t, C_VOL, est);
            estimates++;
        }
        out_str(t, C_VSRC, s->vol_src);
        out_bool(t, C_VEST, s->s.volume_estimated);
        out_str(t, C_VPAT, *s->pattern ? s->pattern : NULL);
        out_int(t, C_TARGET, s->s.target);
        if (s->s.serp_known) {
            out_int(t, C_DIRS, c->directories);
            out_int(t, C_FORUMS, c->forums);
            out_int(t, C_DOMS, c->domains);
            out_int(t, C_EMD, c->emd_domains);
            out_int(t, C_PMD, c->pmd_domains);
            out_int(t, C_OTHER, c->strong - c->emd_domains - c->pmd_domains);
            out_bool(t, C_PACK, c->local_pack);
            out_int(t, C_REVIEWS, c->reviews);
            out_int(t, C_ADS, c->ads_top);
        } else {
            for (int k = C_DIRS; k <= C_OTHER; k++)
                out_null(t, k);
            out_null(t, C_PACK);
            out_null(t, C_REVIEWS);
            out_null(t, C_ADS);
        }
        out_real(t, C_HARD, s->s.hard);
        out_int(t, C_REACH, s->s.reach);
        out_real(t, C_CTR_REACH, s->s.ctr_reach);
        out_real(t, C_PACKF, s->s.pack_factor);
        out_real(t, C_ADSF, s->s.ads_factor);
        out_real(t, C_CTR, s->s.ctr);
        out_real(t, C_SHARE, s->s.share);
        out_real(t, C_VISITS, s->s.visits);
        out_real(t, C_CONV, s->s.conversion);
        out_real(t, C_LEADS, s->s.leads);
        out_real(t, C_LEADV, s->s.lead_value);
        out_real(t, C_POT, s->s.potential);
        out_real(t, C_VALUE, s->s.value);
        out_real(t, C_COMP, s->s.competition);
        out_str(t, C_CSRC, s->s.serp_known ? "serp" : "unknown");
        if (s->businesses >= 0)
            out_int(t, C_BIZ, s->businesses);
        else
            out_null(t, C_BIZ);
        out_real(t, C_SCORE, s->s.score);
    }
    return estimates;
}

/* --explain's formula, above the table. */
static void score_explain(void)
{
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
}

/* Below the table: what the ~N volumes are and how to replace them. */
static void score_estimates_note(int estimates)
{
    printf("~N: volume estimate for %d keyword%s without an imported volume (population x "
           "the pattern's rate, keywords/volume-patterns.csv); research import-volume "
           "replaces it\n",
           estimates, estimates == 1 ? "" : "s");
}

int cmd_research_score(int argc, char **argv, struct cmd_ctx *ctx)
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
    if (!score_sort_known(sort)) {
        error("research score: unknown --sort '%s'", sort);
        return EXIT_USAGE;
    }
    sort_key = sort;
    enum out_format fmt;
    if (cmd_format("research score", format, &fmt) != 0)
        return EXIT_USAGE;
    struct research_data d;
    if (cmd_research_load_data(ctx, data, &d,
                  RESEARCH_NICHES | RESEARCH_CITIES | RESEARCH_DIRS | RESEARCH_PATTERNS) != 0)
        return EXIT_FAIL;
    struct research_assumptions a;
    research_assumptions_load(&ctx->cfg, &a);
    char *buf = NULL;
    size_t len;
    int rc = EXIT_FAIL;
    struct scored *v = NULL;
    size_t nv = 0, cap = 0;
    struct model_keyword *all = NULL;
    size_t nall = 0;
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    struct out_col cols[C_NCOLS];
    struct out_table t = {0};
    if (cmd_research_read_input("research score", argv[0], &buf, &len) != 0)
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
        if (score_row(ctx, &d, &a, all, nall, (int)target, query, loc, e, tags, vol, s) != 0)
            goto out;
    }
    if (bad) {
        error("research score: '%s': %d bad row%s", argv[0], bad, bad == 1 ? "" : "s");
        goto out;
    }
    nv = score_sort_top(v, nv, limit);
    int estimates = score_table(v, nv, explain, cols, &t);
    if (explain && fmt == OUT_TABLE)
        score_explain();
    rc = cmd_output("research score", &t, fmt);
    if (rc == EXIT_OK && fmt == OUT_TABLE && estimates)
        score_estimates_note(estimates);
out:
    out_release(&t);
    csv_row_release(&row);
    scored_free(v, 0, nv);
    free(v);
    model_keyword_free_list(all, nall);
    free(buf);
    research_data_release(&d);
    return rc;
}
