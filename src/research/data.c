/* data.c - the shipped research data in keywords/ (niches, cities,
 * modifiers, directories): loading through the CSV reader, lookups, and
 * the string helpers the rest of research/ shares. */
#include <unistd.h>
#include <ctype.h>
#include <errno.h>
#include <strings.h>

#include "csv.h"
#include "model.h"
#include "research.h"
#include "url.h"
#include "util.h"

#define RESEARCH_MAX_FILE (16u << 20)

/* --- string lists ----------------------------------------------------------- */
int research_list_has(const struct research_list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

int research_list_add_unique(struct research_list *l, const char *s)
{
    if (research_list_has(l, s))
        return 0;
    GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = xstrdup(s);
    return 1;
}

void research_list_release(struct research_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* the store keys volumes the same way, so a research match finds them */
char *research_normalise(const char *s)
{
    return model_query_norm(s);
}

/* --- loading ------------------------------------------------------------------ */
static char *field(const struct csv_row *r, int col)
{
    if (col < 0 || (size_t)col >= r->n)
        return NULL;
    return r->field[col];
}

/* Reads a CSV with a header naming cols (NULL-terminated list of required
 * names); calls row_fn with the column indexes. */
typedef int row_fn(struct research_data *d, const struct csv_row *r, const int *idx,
                   const char *name, long line);

static int parse_csv(struct research_data *d, const char *buf, size_t len, const char *name,
                     const char *const *cols, int ncols, row_fn *fn)
{
    struct csv_reader rd;
    struct csv_row row = CSV_ROW_INIT;
    int idx[8];
    int rc = 0;
    csv_reader_init(&rd, buf, len, ',');
    if (csv_read_row(&rd, &row) != 1) {
        csv_row_release(&row);
        return error("'%s': empty or unreadable header", name);
    }
    for (int i = 0; i < ncols && i < 8; i++) {
        int optional = cols[i][0] == '?';
        const char *one[2] = {cols[i] + optional, NULL};
        if ((idx[i] = csv_find_column(&row, one)) < 0 && !optional) {
            csv_row_release(&row);
            return error("'%s': header has no '%s' column", name, cols[i]);
        }
    }
    int got;
    while ((got = csv_read_row(&rd, &row)) != 0) {
        if (got < 0) {
            rc = error("'%s':%ld: malformed CSV row", name, rd.line);
            break;
        }
        if (row.n == 1 && row.field[0][0] == '\0')
            continue; /* blank line */
        if (fn(d, &row, idx, name, rd.line) != 0) {
            rc = -1;
            break;
        }
    }
    csv_row_release(&row);
    return rc;
}

static int num(const char *s, double *out, const char *name, long line, const char *what)
{
    if (!s || util_parse_double(s, out) != 0)
        return error("'%s':%ld: %s '%s' is not a number", name, line, what, s ? s : "");
    return 0;
}

static int niche_row(struct research_data *d, const struct csv_row *r, const int *idx,
                     const char *name, long line)
{
    const char *nm = field(r, idx[0]), *sv = field(r, idx[1]);
    double lo, hi;
    if (!nm || !*nm || !sv || !*sv)
        return error("'%s':%ld: niche and services must not be empty", name, line);
    if (num(field(r, idx[2]), &lo, name, line, "lead_value_low") ||
        num(field(r, idx[3]), &hi, name, line, "lead_value_high"))
        return -1;
    if (lo < 0 || hi < lo)
        return error("'%s':%ld: lead values must satisfy 0 <= low <= high", name, line);
    GROW(d->niches, d->cap_niches, d->n_niches + 1);
    struct research_niche *n = &d->niches[d->n_niches++];
    memset(n, 0, sizeof(*n));
    n->name = research_normalise(nm);
    n->value_low = lo;
    n->value_high = hi;
    const char *h = idx[4] >= 0 ? field(r, idx[4]) : NULL;
    const char *rate = idx[5] >= 0 ? field(r, idx[5]) : NULL;
    if (rate && *rate && (util_parse_double(rate, &n->searches_per_1000) != 0 ||
                          n->searches_per_1000 < 0 || n->searches_per_1000 > 1000))
        return error("'%s':%ld: searches_per_1000 '%s' must be a number from 0 to 1000", name,
                     line, rate);
    n->hint = h && *h ? xstrdup(h) : NULL;
    size_t cap = 0;
    const char *p = sv;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        char *raw = xstrndup(p, l);
        char *t = research_normalise(raw);
        free(raw);
        if (*t) {
            GROW(n->services, cap, n->n_services + 1);
            n->services[n->n_services++] = t;
        } else {
            free(t);
        }
        p += l;
        if (*p == '|')
            p++;
    }
    if (n->n_services == 0)
        return error("'%s':%ld: niche '%s' has no service terms", name, line, n->name);
    return 0;
}

int research_niches_parse(struct research_data *d, const char *buf, size_t len, const char *name)
{
    static const char *const cols[] = {"niche", "services", "lead_value_low", "lead_value_high",
                                       "?conversion_hint", "?searches_per_1000"};
    return parse_csv(d, buf, len, name, cols, 6, niche_row);
}

static int city_row(struct research_data *d, const struct csv_row *r, const int *idx,
                    const char *name, long line)
{
    const char *nm = field(r, idx[0]), *state = field(r, idx[1]), *code = field(r, idx[2]);
    long long pop;
    double lat, lon;
    if (!nm || !*nm || !state || !*state || !code || !*code)
        return error("'%s':%ld: name, state and state_code must not be empty", name, line);
    if (!field(r, idx[3]) || util_parse_int(field(r, idx[3]), 0, 100000000, &pop) != 0)
        return error("'%s':%ld: population '%s' is not a whole number", name, line,
                     field(r, idx[3]) ? field(r, idx[3]) : "");
    if (num(field(r, idx[4]), &lat, name, line, "lat") ||
        num(field(r, idx[5]), &lon, name, line, "lon"))
        return -1;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
        return error("'%s':%ld: coordinates out of range", name, line);
    GROW(d->cities, d->cap_cities, d->n_cities + 1);
    struct research_city *c = &d->cities[d->n_cities++];
    c->name = xstrdup(nm);
    c->norm = research_normalise(nm);
    c->state = xstrdup(state);
    c->code = xstrdup(code);
    c->population = pop;
    c->lat = lat;
    c->lon = lon;
    return 0;
}

int research_cities_parse(struct research_data *d, const char *buf, size_t len, const char *name)
{
    static const char *const cols[] = {"name", "state", "state_code", "population", "lat", "lon"};
    return parse_csv(d, buf, len, name, cols, 6, city_row);
}

/* "trade|job" -> RESEARCH_TERM_* bits; 0 with an error on a bad name. */
static unsigned mod_fits(const char *s, const char *name, long line)
{
    static const struct {
        const char *word;
        unsigned bit;
    } classes[] = {{"trade", RESEARCH_TERM_TRADE}, {"activity", RESEARCH_TERM_ACTIVITY},
                   {"work", RESEARCH_TERM_WORK}, {"system", RESEARCH_TERM_SYSTEM},
                   {"job", RESEARCH_TERM_JOB}, {"care", RESEARCH_TERM_CARE},
                   {"any", RESEARCH_TERM_ALL}};
    unsigned bits = 0;
    char *t = research_normalise(s), *save = NULL;
    for (char *w = strtok_r(t, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
        while (*w == ' ')
            w++;
        size_t l = strlen(w);
        while (l && w[l - 1] == ' ')
            w[--l] = '\0';
        size_t i = 0;
        while (i < ARRAY_SIZE(classes) && strcmp(w, classes[i].word) != 0)
            i++;
        if (i == ARRAY_SIZE(classes)) {
            error("'%s':%ld: fits '%s' is not trade, activity, work, system, job, care or any", name, line,
                  w);
            free(t);
            return 0;
        }
        bits |= classes[i].bit;
    }
    free(t);
    if (!bits)
        error("'%s':%ld: empty fits (use classes such as trade|job, or any)", name, line);
    return bits;
}

static int mod_row(struct research_data *d, const struct csv_row *r, const int *idx,
                   const char *name, long line)
{
    static const char *const pos_names[] = {[RESEARCH_SUFFIX] = "suffix",
                                            [RESEARCH_PREFIX] = "prefix",
                                            [RESEARCH_INFIX] = "infix",
                                            [RESEARCH_STANDALONE] = "standalone"};
    const char *m = field(r, idx[0]), *pos = field(r, idx[1]), *fits = field(r, idx[2]),
               *intent = field(r, idx[3]);
    if (!m || !*m)
        return error("'%s':%ld: empty modifier", name, line);
    size_t p = 0;
    while (p < ARRAY_SIZE(pos_names) && !(pos && strcmp(pos, pos_names[p]) == 0))
        p++;
    if (p == ARRAY_SIZE(pos_names))
        return error("'%s':%ld: position must be prefix, suffix, infix or standalone", name,
                     line);
    /* without the column (an older file) a modifier fits every term */
    unsigned bits = idx[2] < 0 ? RESEARCH_TERM_ALL : mod_fits(fits ? fits : "", name, line);
    if (!bits)
        return -1;
    GROW(d->mods, d->cap_mods, d->n_mods + 1);
    struct research_modifier *md = &d->mods[d->n_mods++];
    md->text = research_normalise(m);
    md->pos = (enum research_mod_pos)p;
    md->prefix = md->pos == RESEARCH_PREFIX;
    md->fits = bits;
    md->urgent = intent && strcmp(intent, "urgent") == 0;
    return 0;
}

int research_mods_parse(struct research_data *d, const char *buf, size_t len, const char *name)
{
    static const char *const cols[] = {"modifier", "position", "?fits", "?intent"};
    return parse_csv(d, buf, len, name, cols, 4, mod_row);
}

static int intent_row(struct research_data *d, const struct csv_row *r, const int *idx,
                      const char *name, long line)
{
    const char *t = field(r, idx[0]), *in = field(r, idx[1]);
    char *term = research_normalise(t), *padded = research_padded_words(term);
    /* "--" pads to "  ": it would match nothing, or everything */
    if (strcmp(padded, "  ") == 0 || !in || !*in) {
        free(term);
        free(padded);
        return error("'%s':%ld: term (words) and intent must not be empty", name, line);
    }
    GROW(d->intents, d->cap_intents, d->n_intents + 1);
    d->intents[d->n_intents].term = term;
    d->intents[d->n_intents].padded = padded;
    d->intents[d->n_intents].intent = research_normalise(in);
    d->n_intents++;
    return 0;
}

int research_intents_parse(struct research_data *d, const char *buf, size_t len,
                           const char *name)
{
    static const char *const cols[] = {"term", "intent"};
    return parse_csv(d, buf, len, name, cols, 2, intent_row);
}

int research_dirs_parse(struct research_data *d, const char *buf, size_t len, const char *name)
{
    long line = 0;
    const char *p = buf, *end = buf + len;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        size_t l = e ? (size_t)(e - p) : (size_t)(end - p);
        char *ln = util_utf8_sanitize(p, l);
        line++;
        util_squeeze_space(ln);
        if (*ln && *ln != '#') {
            char *sp = strchr(ln, ' ');
            if (sp)
                *sp++ = '\0';
            char *dom = url_domain(ln);
            if (!dom || !strchr(dom, '.')) {
                free(dom);
                error("'%s':%ld: '%s' is not a domain", name, line, ln);
                free(ln);
                return -1;
            }
            GROW(d->dirs, d->cap_dirs, d->n_dirs + 1);
            d->dirs[d->n_dirs].domain = dom;
            d->dirs[d->n_dirs].kind = xstrdup(sp && *sp ? sp : "directory");
            d->n_dirs++;
        }
        free(ln);
        p += l + (e ? 1 : 0);
    }
    return 0;
}

#ifndef SERPTRACK_DATADIR
#define SERPTRACK_DATADIR "/usr/local/share/serptrack/keywords"
#endif

/* Where the last research_data_dir() call found the data (or "keywords"
 * when it found none) and, when it found none, the places it tried, so
 * the load error can list them. Process-lifetime strings. */
static strbuf data_found = STRBUF_INIT, data_looked = STRBUF_INIT;

/* Tries dir: records it in data_looked and, when it holds niches.csv,
 * makes it the answer. */
static int data_try(const char *dir)
{
    char *probe = xasprintf("%s/niches.csv", dir);
    int ok = access(probe, R_OK) == 0;
    free(probe);
    if (ok) {
        sb_reset(&data_found);
        sb_adds(&data_found, dir);
        sb_reset(&data_looked);
        return 1;
    }
    if (data_looked.len)
        sb_adds(&data_looked, ", ");
    sb_adds(&data_looked, dir);
    return 0;
}

/* The config's folder, else ./keywords (a checkout), else keywords/ beside
 * the executable, in ../share/serptrack/keywords from it or in
 * ../../keywords (an unpacked build, a relocated install or a build tree,
 * found through /proc/self/exe), else where
 * `make install` put the data. */
const char *research_data_dir(const struct config *cfg)
{
    const char *d = cfg->research_data_dir;
    if (d)
        return d;
    sb_reset(&data_looked);
    if (data_try("keywords"))
        return sb_str(&data_found);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *here = xasprintf("%s/keywords", exe);
            char *share = xasprintf("%s/../share/serptrack/keywords", exe);
            /* build/asan/serptrack in a checkout: tests run it from
             * scratch folders, and kw add needs the cities */
            char *tree = xasprintf("%s/../../keywords", exe);
            int hit = data_try(here) || data_try(share) || data_try(tree);
            free(here);
            free(share);
            free(tree);
            if (hit)
                return sb_str(&data_found);
        }
    }
    if (data_try(SERPTRACK_DATADIR))
        return sb_str(&data_found);
    sb_reset(&data_found);
    sb_adds(&data_found, "keywords");
    return sb_str(&data_found);
}

int research_data_load(struct research_data *d, const char *dir, int what)
{
    static const struct {
        int bit;
        const char *file;
        int (*parse)(struct research_data *, const char *, size_t, const char *);
    } files[] = {
        {RESEARCH_NICHES, "niches.csv", research_niches_parse},
        {RESEARCH_CITIES, "cities.csv", research_cities_parse},
        {RESEARCH_MODS, "modifiers.csv", research_mods_parse},
        {RESEARCH_DIRS, "directories.txt", research_dirs_parse},
        {RESEARCH_INTENTS, "intents.csv", research_intents_parse},
        {RESEARCH_PATTERNS, "volume-patterns.csv", research_volpat_parse},
    };
    for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
        if (!(what & files[i].bit))
            continue;
        char *path = xasprintf("%s/%s", dir, files[i].file);
        char *buf;
        size_t len;
        if (util_read_file(path, RESEARCH_MAX_FILE, &buf, &len) != 0) {
            if (files[i].bit == RESEARCH_PATTERNS && errno == ENOENT) {
                /* a data folder copied before the file existed: the
                 * built-in shares of the placeholders still estimate */
                warn("'%s': %s; volume estimates use the built-in shares only", path,
                     strerror(errno));
                free(path);
                continue;
            }
            if (dir == sb_str(&data_found) && data_looked.len)
                error("'%s': %s (looked in %s; set [research] data_dir to the keywords/ "
                      "folder)",
                      files[i].file, strerror(errno), sb_str(&data_looked));
            else
                error("'%s': %s (set [research] data_dir to the keywords/ folder)", path,
                      strerror(errno));
            free(path);
            return -1;
        }
        int rc = files[i].parse(d, buf, len, path);
        free(buf);
        free(path);
        if (rc != 0)
            return -1;
    }
    return 0;
}

void research_data_release(struct research_data *d)
{
    for (size_t i = 0; i < d->n_niches; i++) {
        struct research_niche *n = &d->niches[i];
        free(n->name);
        free(n->hint);
        for (size_t j = 0; j < n->n_services; j++)
            free(n->services[j]);
        free(n->services);
    }
    free(d->niches);
    for (size_t i = 0; i < d->n_cities; i++) {
        free(d->cities[i].name);
        free(d->cities[i].norm);
        free(d->cities[i].state);
        free(d->cities[i].code);
    }
    free(d->cities);
    for (size_t i = 0; i < d->n_mods; i++)
        free(d->mods[i].text);
    free(d->mods);
    for (size_t i = 0; i < d->n_intents; i++) {
        free(d->intents[i].term);
        free(d->intents[i].intent);
        free(d->intents[i].padded);
    }
    free(d->intents);
    for (size_t i = 0; i < d->n_pats; i++)
        research_volpat_release(&d->pats[i]);
    free(d->pats);
    for (size_t i = 0; i < d->n_dirs; i++) {
        free(d->dirs[i].domain);
        free(d->dirs[i].kind);
    }
    free(d->dirs);
    memset(d, 0, sizeof(*d));
}

/* --- lookups ------------------------------------------------------------------ */
const struct research_niche *research_niche_find(const struct research_data *d, const char *name)
{
    char *n = research_normalise(name);
    const struct research_niche *hit = NULL;
    for (size_t i = 0; i < d->n_niches && !hit; i++)
        if (strcmp(d->niches[i].name, n) == 0)
            hit = &d->niches[i];
    free(n);
    return hit;
}

const struct research_city *research_city_find(const struct research_data *d, const char *name,
                                               const char *state)
{
    for (size_t i = 0; i < d->n_cities; i++) {
        const struct research_city *c = &d->cities[i];
        if (strcasecmp(c->name, name) != 0)
            continue;
        if (state && *state && strcasecmp(c->code, state) != 0 && strcasecmp(c->state, state) != 0)
            continue;
        return c; /* the file lists the largest first */
    }
    return NULL;
}

/* 1 when needle occurs in hay as whole words (both normalised). */
static int has_words(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);
    if (nl == 0)
        return 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
        int left = p == hay || p[-1] == ' ';
        int right = p[nl] == '\0' || p[nl] == ' ';
        if (left && right)
            return 1;
    }
    return 0;
}

const struct research_niche *research_niche_of_query(const struct research_data *d,
                                                     const char *query)
{
    char *q = research_normalise(query);
    const struct research_niche *hit = NULL;
    size_t best = 0;
    for (size_t i = 0; i < d->n_niches; i++)
        for (size_t j = 0; j < d->niches[i].n_services; j++) {
            const char *t = d->niches[i].services[j];
            if (strlen(t) > best && has_words(q, t)) {
                best = strlen(t);
                hit = &d->niches[i];
            }
        }
    if (!hit) /* "plumbing" as the niche name itself */
        for (size_t i = 0; i < d->n_niches && !hit; i++)
            if (has_words(q, d->niches[i].name))
                hit = &d->niches[i];
    free(q);
    return hit;
}

const struct research_city *research_city_of_query(const struct research_data *d,
                                                   const char *query)
{
    char *q = research_normalise(query);
    const struct research_city *hit = NULL;
    /* thousands of cities: names are normalised once, at load */
    for (size_t i = 0; i < d->n_cities && !hit; i++)
        if (has_words(q, d->cities[i].norm))
            hit = &d->cities[i];
    free(q);
    return hit;
}

const char *research_directory_kind(const struct research_data *d, const char *domain)
{
    if (!domain)
        return NULL;
    char *dom = url_domain(domain);
    const char *kind = NULL;
    for (size_t i = 0; dom && i < d->n_dirs && !kind; i++)
        if (strcmp(d->dirs[i].domain, dom) == 0)
            kind = d->dirs[i].kind;
    free(dom);
    return kind;
}

char *research_city_location(const struct research_city *c)
{
    return xasprintf("%s,%s,United States", c->name, c->state);
}

/* --- expand ------------------------------------------------------------------- */
static void kw_add(struct research_kw **out, size_t *n, size_t *cap, const char *q,
                   const struct research_city *city)
{
    char *t = research_normalise(q);
    /* a standalone modifier gives one query for many cities: one row each */
    for (size_t i = 0; i < *n; i++)
        if ((*out)[i].city == city && strcmp((*out)[i].query, t) == 0) {
            free(t);
            return;
        }
    GROW(*out, *cap, *n + 1);
    (*out)[*n].query = t;
    (*out)[*n].city = city;
    (*n)++;
}

void research_expand_run(const struct research_expand *x, struct research_kw **out, size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    size_t ns = x->all_services ? x->niche->n_services : 1;
    for (size_t c = 0; c < x->n_cities; c++) {
        const struct research_city *city = x->cities[c];
        for (size_t s = 0; s < ns; s++) {
            const char *sv = x->niche->services[s];
            char *q;
            q = xasprintf("%s %s", sv, city->name);
            kw_add(out, n, &cap, q, city);
            free(q);
            q = xasprintf("%s in %s %s", sv, city->name, city->code);
            kw_add(out, n, &cap, q, city);
            free(q);
            q = xasprintf("%s %s", city->name, sv);
            kw_add(out, n, &cap, q, city);
            free(q);
            for (size_t m = 0; m < x->n_mods; m++) {
                const struct research_modifier *md = x->mods[m];
                if (!research_modifier_fits(md, sv))
                    continue;
                switch (md->pos) {
                case RESEARCH_PREFIX:
                    q = xasprintf("%s %s %s", md->text, sv, city->name);
                    break;
                case RESEARCH_INFIX:
                    q = xasprintf("%s %s %s", sv, md->text, city->name);
                    break;
                case RESEARCH_STANDALONE:
                    q = xasprintf("%s %s", sv, md->text);
                    break;
                case RESEARCH_SUFFIX:
                default:
                    q = xasprintf("%s %s %s", sv, city->name, md->text);
                    break;
                }
                kw_add(out, n, &cap, q, city);
                free(q);
            }
        }
    }
}

void research_kw_free(struct research_kw *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].query);
    free(v);
}
