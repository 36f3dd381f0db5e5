/* volest.c - monthly search volume estimated per keyword pattern, for
 * keywords nobody imported a volume for: the niche's head-term rate per
 * 1,000 residents (niches.csv searches_per_1000) times the share of the
 * query's patterns (keywords/volume-patterns.csv), times the population of
 * the city searched for. A long-tail query never inherits the head term's
 * figure: every word the head term does not have narrows it. */
#include <ctype.h>
#include <math.h>
#include <strings.h>

#include "csv.h"
#include "locations.h"
#include "research.h"
#include "util.h"

/* --- the pattern file ------------------------------------------------------ */
static const struct {
    const char *match;
    int kind;
} placeholders[] = {
    {"{service} {city}", RESEARCH_VP_HEAD},       {"{city} {st}", RESEARCH_VP_CITY_STATE},
    {"{service2}", RESEARCH_VP_SERVICE2},         {"near me", RESEARCH_VP_NEAR_ME},
    {"{city} near me", RESEARCH_VP_CITY_NEAR_ME}, {"{other}", RESEARCH_VP_OTHER},
};

static int pattern_row(struct research_data *d, const struct csv_row *row, const int *col,
                       const char *name, long line)
{
    const char *pname = row->field[col[0]], *match = row->field[col[1]],
               *share_s = row->field[col[2]];
    double share;
    if (!*pname || !*match)
        return error("'%s':%ld: empty pattern or match", name, line);
    if (util_parse_double(share_s, &share) != 0 || !(share > 0 && share <= 10))
        return error("'%s':%ld: share '%s' is not a number in (0, 10]", name, line, share_s);
    int kind = RESEARCH_VP_TERMS;
    char *m = research_normalise(match);
    for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++)
        if (strcmp(m, placeholders[i].match) == 0)
            kind = placeholders[i].kind;
    if (kind == RESEARCH_VP_TERMS && strchr(m, '{')) {
        error("'%s':%ld: unknown placeholder in '%s' (known: {service} {city}, {city} {st}, "
              "{service2}, {city} near me, {other})",
              name, line, match);
        free(m);
        return -1;
    }
    struct research_volpat p = {.name = research_normalise(pname), .kind = kind, .share = share};
    if (kind == RESEARCH_VP_TERMS) {
        char *save = NULL;
        for (char *t = strtok_r(m, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
            char *term = research_normalise(t);
            if (!*term) {
                free(term);
                continue;
            }
            for (size_t i = 0; i < d->n_pats; i++)
                for (size_t j = 0; j < d->pats[i].n_terms; j++)
                    if (strcmp(d->pats[i].terms[j], term) == 0) {
                        error("'%s':%ld: term '%s' already belongs to pattern '%s'", name, line,
                              term, d->pats[i].name);
                        free(term);
                        free(m);
                        research_volpat_release(&p);
                        return -1;
                    }
            GROW(p.terms, p.cap_terms, p.n_terms + 1);
            p.terms[p.n_terms++] = term;
        }
    } else {
        for (size_t i = 0; i < d->n_pats; i++)
            if (d->pats[i].kind == kind) {
                error("'%s':%ld: '%s' is given twice", name, line, match);
                free(m);
                research_volpat_release(&p);
                return -1;
            }
    }
    free(m);
    if (kind == RESEARCH_VP_TERMS && p.n_terms == 0) {
        research_volpat_release(&p);
        return error("'%s':%ld: no term in '%s'", name, line, match);
    }
    GROW(d->pats, d->cap_pats, d->n_pats + 1);
    d->pats[d->n_pats++] = p;
    return 0;
}

int research_volpat_parse(struct research_data *d, const char *buf, size_t len, const char *name)
{
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    static const char *const pn[] = {"pattern", NULL}, *const mn[] = {"match", NULL},
                             *const sn[] = {"share", NULL};
    int rc = 0;
    csv_reader_init(&r, buf, len, ',');
    if (csv_read_row(&r, &row) != 1) {
        csv_row_release(&row);
        return error("'%s':1: empty file (expected a pattern,match,share,basis header)", name);
    }
    int col[3] = {csv_find_column(&row, pn), csv_find_column(&row, mn),
                  csv_find_column(&row, sn)};
    if (col[0] < 0 || col[1] < 0 || col[2] < 0) {
        csv_row_release(&row);
        return error("'%s':1: header must name the columns pattern, match and share", name);
    }
    int got;
    while (rc == 0 && (got = csv_read_row(&r, &row)) != 0) {
        if (got < 0) {
            rc = error("'%s':%ld: malformed row", name, r.line);
            break;
        }
        if (row.n == 1 && !*row.field[0])
            continue;
        size_t need = (size_t)(col[0] > col[1] ? (col[0] > col[2] ? col[0] : col[2])
                                               : (col[1] > col[2] ? col[1] : col[2]));
        if (row.n <= need) {
            rc = error("'%s':%ld: %zu field(s), expected at least %zu", name, r.line, row.n,
                       need + 1);
            break;
        }
        rc = pattern_row(d, &row, col, name, r.line);
    }
    csv_row_release(&row);
    return rc;
}

void research_volpat_release(struct research_volpat *p)
{
    free(p->name);
    for (size_t i = 0; i < p->n_terms; i++)
        free(p->terms[i]);
    free(p->terms);
    memset(p, 0, sizeof(*p));
}

/* --- matching ---------------------------------------------------------------- */
#define MAX_WORDS 32

struct words {
    char *buf;             /* the normalised query, split in place */
    char *w[MAX_WORDS];
    int used[MAX_WORDS];   /* claimed by the service, the city or a pattern */
    int n;
};

static void words_split(struct words *ws, const char *query)
{
    memset(ws, 0, sizeof(*ws));
    ws->buf = research_normalise(query);
    char *save = NULL;
    for (char *t = strtok_r(ws->buf, " ", &save); t && ws->n < MAX_WORDS;
         t = strtok_r(NULL, " ", &save))
        ws->w[ws->n++] = t;
}

/* First position where the words of term (normalised: lower case, single
 * spaces) occur in order among the unclaimed words; -1 when absent. *len
 * gets the number of words. No allocation: called for every city. */
static int words_find(const struct words *ws, const char *term, int *len)
{
    const char *tw[MAX_WORDS];
    size_t tl[MAX_WORDS];
    int nt = 0;
    for (const char *p = term; *p && nt < MAX_WORDS;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t l = strcspn(p, " ");
        tw[nt] = p, tl[nt++] = l;
        p += l;
    }
    *len = nt;
    for (int i = 0; nt > 0 && i + nt <= ws->n; i++) {
        int k = 0;
        while (k < nt && !ws->used[i + k] && strlen(ws->w[i + k]) == tl[k] &&
               memcmp(ws->w[i + k], tw[k], tl[k]) == 0)
            k++;
        if (k == nt)
            return i;
    }
    return -1;
}

/* words_find for a term that may not be normalised (niche data). */
static int words_find_any(const struct words *ws, const char *term, int *len)
{
    char *t = research_normalise(term);
    int at = words_find(ws, t, len);
    free(t);
    return at;
}

static void words_claim(struct words *ws, int at, int len)
{
    for (int i = at; i < at + len && i < ws->n; i++)
        ws->used[i] = 1;
}

static const struct research_volpat *pattern_of_kind(const struct research_data *d, int kind)
{
    for (size_t i = 0; i < d->n_pats; i++)
        if (d->pats[i].kind == kind)
            return &d->pats[i];
    return NULL;
}

/* Share of a placeholder pattern, its built-in default when the file
 * lacks the row (RESEARCH_VP_* defaults in research.h). */
static double share_of(const struct research_data *d, int kind, double dflt)
{
    const struct research_volpat *p = pattern_of_kind(d, kind);
    return p ? p->share : dflt;
}

static void add_name(struct research_volume_est *out, const char *name)
{
    size_t l = strlen(out->pattern);
    snprintf(out->pattern + l, sizeof(out->pattern) - l, "%s%s", l ? " x " : "", name);
}

/* Words that carry no search intent of their own. */
static int filler(const char *w)
{
    static const char *const f[] = {"in", "the", "a", "an", "for", "of", "and", "to", "my",
                                    "at", "on", "with", "by", "or"};
    for (size_t i = 0; i < ARRAY_SIZE(f); i++)
        if (strcmp(w, f[i]) == 0)
            return 1;
    return 0;
}

/* Claims the modifier terms of ws, longest first so "top rated" wins over
 * "top", multiplying *share by each pattern's share once and naming it in
 * out's pattern. */
static void modifier_terms(const struct research_data *d, struct words *ws,
                           struct research_volume_est *out, double *share)
{
    int at, len;
    for (;;) {
        const struct research_volpat *hit = NULL;
        int hit_at = -1, hit_len = 0;
        size_t hit_chars = 0;
        for (size_t i = 0; i < d->n_pats; i++)
            for (size_t j = 0; j < d->pats[i].n_terms; j++) {
                const char *t = d->pats[i].terms[j];
                if (strlen(t) > hit_chars && (at = words_find(ws, t, &len)) >= 0) {
                    hit = &d->pats[i], hit_at = at, hit_len = len, hit_chars = strlen(t);
                }
            }
        if (!hit)
            break;
        words_claim(ws, hit_at, hit_len);
        /* two terms of one pattern ("cost" and "prices") narrow once */
        if (!strstr(out->pattern, hit->name)) {
            *share *= hit->share;
            add_name(out, hit->name);
        }
    }
}

int research_volume_estimate(const struct research_data *d, const struct research_niche *niche,
                             const struct research_city *loc_city, const char *query,
                             struct research_volume_est *out)
{
    memset(out, 0, sizeof(*out));
    out->volume = -1;
    struct words ws;
    words_split(&ws, query);
    double share = 1.0;
    int at, len;

    /* the service term: the longest of the niche's that the query holds */
    int svc = -1, svc_at = -1, svc_len = 0;
    size_t best = 0;
    for (size_t i = 0; niche && i < niche->n_services; i++)
        if (strlen(niche->services[i]) > best &&
            (at = words_find_any(&ws, niche->services[i], &len)) >= 0) {
            best = strlen(niche->services[i]);
            svc = (int)i, svc_at = at, svc_len = len;
        }
    if (svc < 0 && niche && (at = words_find_any(&ws, niche->name, &len)) >= 0)
        svc = 1, svc_at = at, svc_len = len; /* the niche's name: not its main term */
    if (svc >= 0)
        words_claim(&ws, svc_at, svc_len);

    /* the city: the location's when the query names it, else one the
     * query names, else the location's (a "near me" search made there) */
    const struct research_city *city = NULL;
    int city_at = -1, city_len = 0;
    if (loc_city && (at = words_find(&ws, loc_city->norm, &len)) >= 0)
        city = loc_city, city_at = at, city_len = len;
    if (!city) {
        /* largest first, as cities.csv lists them; a state named after
         * the city picks among namesakes ("georgetown ky") */
        for (size_t i = 0; i < d->n_cities; i++) {
            if ((at = words_find(&ws, d->cities[i].norm, &len)) < 0)
                continue;
            const char *st = at + len < ws.n ? loc_state_name(ws.w[at + len]) : NULL;
            int same_state = st && strcasecmp(st, d->cities[i].state) == 0;
            if (!city || same_state)
                city = &d->cities[i], city_at = at, city_len = len;
            if (!st || same_state)
                break;
        }
    }
    int city_in_query = city != NULL;
    if (city)
        words_claim(&ws, city_at, city_len);
    else
        city = loc_city;
    if (!city) {
        free(ws.buf);
        return 0; /* no population to scale: no estimate */
    }

    if (svc > 0) {
        share *= share_of(d, RESEARCH_VP_SERVICE2, RESEARCH_VP_SERVICE2_SHARE);
        add_name(out, "secondary service");
    }
    /* "{city} tx" / "{city} texas" right after the city */
    if (city_in_query && city_at + city_len < ws.n) {
        const char *next = ws.w[city_at + city_len];
        const char *st_name = loc_state_name(next);
        if (st_name && strcasecmp(st_name, city->state) == 0) {
            ws.used[city_at + city_len] = 1;
            share *= share_of(d, RESEARCH_VP_CITY_STATE, RESEARCH_VP_CITY_STATE_SHARE);
            add_name(out, "city state");
        }
    }
    /* "near me": the searcher's place stands in for the city */
    if ((at = words_find(&ws, "near me", &len)) >= 0) {
        words_claim(&ws, at, len);
        if (city_in_query) {
            share *= share_of(d, RESEARCH_VP_CITY_NEAR_ME, RESEARCH_VP_CITY_NEAR_ME_SHARE);
            add_name(out, "city near me");
        } else {
            share *= share_of(d, RESEARCH_VP_NEAR_ME, RESEARCH_VP_NEAR_ME_SHARE);
            add_name(out, "near me");
        }
    }
    modifier_terms(d, &ws, out, &share);
    int other = 0;
    for (int i = 0; i < ws.n; i++)
        if (!ws.used[i] && !filler(ws.w[i]))
            other = 1;
    if (other || (svc < 0 && niche)) { /* no service term: about something else */
        share *= share_of(d, RESEARCH_VP_OTHER, RESEARCH_VP_OTHER_SHARE);
        add_name(out, "other words");
    }
    /* a bare "plumber" tracked in Austin: Google localises it, so it
     * counts like the head term */
    if (!*out->pattern)
        add_name(out, city_in_query ? "head" : "head (city from the location)");
    double head = niche && niche->searches_per_1000 > 0 ? niche->searches_per_1000
                                                        : RESEARCH_SEARCHES_PER_1000;
    out->share = share;
    out->rate = head * share;
    out->city = city;
    out->population = city->population;
    out->volume = llround((double)city->population * out->rate / 1000.0);
    free(ws.buf);
    return 1;
}
