/* locations.c - the location resolver (include/locations.h): what the user
 * typed is reduced to a match key (case, dots, apostrophes, hyphens and
 * St./Ft./Mt. do not matter) plus an optional state, then looked up among
 * the shipped cities; near misses are found by edit distance and prefix. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "locations.h"
#include "util.h"

static const char *const states[][2] = {
    {"AL", "Alabama"},        {"AK", "Alaska"},         {"AZ", "Arizona"},
    {"AR", "Arkansas"},       {"CA", "California"},     {"CO", "Colorado"},
    {"CT", "Connecticut"},    {"DE", "Delaware"},       {"DC", "District of Columbia"},
    {"FL", "Florida"},        {"GA", "Georgia"},        {"HI", "Hawaii"},
    {"ID", "Idaho"},          {"IL", "Illinois"},       {"IN", "Indiana"},
    {"IA", "Iowa"},           {"KS", "Kansas"},         {"KY", "Kentucky"},
    {"LA", "Louisiana"},      {"ME", "Maine"},          {"MD", "Maryland"},
    {"MA", "Massachusetts"},  {"MI", "Michigan"},       {"MN", "Minnesota"},
    {"MS", "Mississippi"},    {"MO", "Missouri"},       {"MT", "Montana"},
    {"NE", "Nebraska"},       {"NV", "Nevada"},         {"NH", "New Hampshire"},
    {"NJ", "New Jersey"},     {"NM", "New Mexico"},     {"NY", "New York"},
    {"NC", "North Carolina"}, {"ND", "North Dakota"},   {"OH", "Ohio"},
    {"OK", "Oklahoma"},       {"OR", "Oregon"},         {"PA", "Pennsylvania"},
    {"RI", "Rhode Island"},   {"SC", "South Carolina"}, {"SD", "South Dakota"},
    {"TN", "Tennessee"},      {"TX", "Texas"},          {"UT", "Utah"},
    {"VT", "Vermont"},        {"VA", "Virginia"},       {"WA", "Washington"},
    {"WV", "West Virginia"},  {"WI", "Wisconsin"},      {"WY", "Wyoming"},
};

/* Country names that may close a location; all mean the one country the
 * data covers. Compared as keys. */
static const char *const countries[] = {"united states", "united states of america", "us", "usa"};

struct loc_entry {
    const struct research_city *c;
    char *key;
};

struct loc_index {
    struct loc_entry *e;
    size_t n;
};

/* The match key: lower case, '.' and '\'' dropped, '-' and runs of space
 * as one space, and the abbreviations St/Ft/Mt spelled out, so "ST. LOUIS"
 * and "Saint Louis" meet. Newly allocated. */
static char *loc_key(const char *s)
{
    strbuf b = STRBUF_INIT;
    const char *p = s ? s : "";
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '-' || *p == '.' || *p == '\'')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '-')
            p++;
        char word[64];
        size_t n = 0;
        for (const char *q = w; q < p; q++)
            if (*q != '.' && *q != '\'' && n + 1 < sizeof word)
                word[n++] = (char)tolower((unsigned char)*q);
        word[n] = '\0';
        if (!n)
            continue;
        const char *full = strcmp(word, "st") == 0   ? "saint"
                           : strcmp(word, "ft") == 0 ? "fort"
                           : strcmp(word, "mt") == 0 ? "mount"
                                                     : NULL;
        if (b.len)
            sb_adds(&b, " ");
        if (full)
            sb_adds(&b, full);
        else
            for (const char *q = w; q < p; q++)
                if (*q != '.' && *q != '\'')
                    sb_addf(&b, "%c", tolower((unsigned char)*q));
    }
    return sb_detach(&b);
}

const char *loc_state_name(const char *code_or_name)
{
    if (!code_or_name)
        return NULL;
    char *k = loc_key(code_or_name);
    const char *hit = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(states) && !hit; i++) {
        char *n = loc_key(states[i][1]);
        if (strcasecmp(k, states[i][0]) == 0 || strcmp(k, n) == 0)
            hit = states[i][1];
        free(n);
    }
    free(k);
    return hit;
}

static int is_country(const char *key)
{
    for (size_t i = 0; i < ARRAY_SIZE(countries); i++)
        if (strcmp(key, countries[i]) == 0)
            return 1;
    return 0;
}

struct loc_index *loc_index_new(const struct research_data *d)
{
    struct loc_index *ix = xcalloc(1, sizeof(*ix));
    ix->n = d->n_cities;
    ix->e = xcalloc(ix->n ? ix->n : 1, sizeof(*ix->e));
    for (size_t i = 0; i < ix->n; i++) {
        ix->e[i].c = &d->cities[i];
        ix->e[i].key = loc_key(d->cities[i].name);
    }
    return ix;
}

void loc_index_free(struct loc_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n; i++)
        free(ix->e[i].key);
    free(ix->e);
    free(ix);
}

void loc_match_release(struct loc_match *m)
{
    free(m->cand);
    memset(m, 0, sizeof(*m));
}

size_t loc_distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    size_t *prev = xcalloc(lb + 1, sizeof(size_t)), *cur = xcalloc(lb + 1, sizeof(size_t));
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    size_t result = max + 1;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
        if (row_min > max)
            goto out;
    }
    result = prev[lb] <= max ? prev[lb] : max + 1;
out:
    free(prev);
    free(cur);
    return result;
}

/* --- ranking near misses ---------------------------------------------------- */
struct scored {
    size_t at; /* index position: largest first, so the tie-break is population */
    size_t score;
};

static int by_score(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static size_t allowed_distance(size_t len)
{
    return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

/* Scores every city (in state when given) against key: 0 same name, 1
 * name starting with key, 2 + edit distance for near misses; others are
 * left out. Fills *out (owned) sorted best first, largest first within a
 * score; returns the count. */
static size_t score_all(const struct loc_index *ix, const char *key, const char *state,
                        struct scored **out)
{
    size_t n = 0, kl = strlen(key), max = allowed_distance(kl);
    struct scored *v = xcalloc(ix->n ? ix->n : 1, sizeof(*v));
    for (size_t i = 0; i < ix->n; i++) {
        const struct loc_entry *e = &ix->e[i];
        if (state && strcmp(e->c->state, state) != 0)
            continue;
        size_t score;
        if (!*key || strcmp(e->key, key) == 0)
            score = 0;
        else if (kl >= 2 && util_starts_with(e->key, key))
            score = 1;
        else {
            size_t d = loc_distance(key, e->key, max);
            if (d > max)
                continue;
            score = 2 + d;
        }
        v[n].at = i;
        v[n].score = score;
        n++;
    }
    qsort(v, n, sizeof(*v), by_score);
    *out = v;
    return n;
}

static void suggest(const struct loc_index *ix, const char *key, const char *state,
                    struct loc_match *m)
{
    struct scored *v = NULL, *w = NULL;
    size_t n = score_all(ix, key, state, &v), nw = state ? score_all(ix, key, NULL, &w) : 0;
    m->cand = xcalloc(LOC_SUGGEST, sizeof(const struct research_city *));
    for (size_t i = 0; i < n && m->n_cand < LOC_SUGGEST; i++)
        m->cand[m->n_cand++] = ix->e[v[i].at].c;
    /* then the same name in other states ("Austin, CA" -> Austin, Texas),
     * or anything near when the state has nothing near */
    for (size_t i = 0; state && i < nw && m->n_cand < LOC_SUGGEST; i++) {
        const struct research_city *c = ix->e[w[i].at].c;
        if (strcmp(c->state, state) == 0 || (w[i].score > 0 && n > 0))
            continue;
        m->cand[m->n_cand++] = c;
    }
    free(v);
    free(w);
}

/* --- resolving ---------------------------------------------------------------- */
/* Every city named key (in state when given), largest first. */
static size_t lookup(const struct loc_index *ix, const char *key, const char *state,
                     const struct research_city ***out)
{
    size_t n = 0;
    *out = NULL;
    for (size_t i = 0; i < ix->n; i++) {
        const struct loc_entry *e = &ix->e[i];
        if (strcmp(e->key, key) != 0 || (state && strcmp(e->c->state, state) != 0))
            continue;
        *out = xrealloc(*out, (n + 1) * sizeof(const struct research_city *));
        (*out)[n++] = e->c;
    }
    return n;
}

/* Sets m from the cities named key in state (or anywhere). 1 when found. */
static int settle(const struct loc_index *ix, const char *key, const char *state,
                  struct loc_match *m)
{
    const struct research_city **v;
    size_t n = lookup(ix, key, state, &v);
    if (n == 0)
        return 0;
    if (n == 1) {
        m->kind = LOC_OK;
        m->city = v[0];
        free(v);
    } else {
        m->kind = LOC_AMBIGUOUS;
        m->cand = v;
        m->n_cand = n;
    }
    return 1;
}

/* Splits "austin tx" / "austin texas" / "new york new york" into the city
 * key and a state; 0 when the text does not end in a state after a city. */
static int split_state(const char *key, char **city, const char **state)
{
    /* the longest state name first: "west virginia" before "virginia" */
    const char *sp = NULL;
    for (int words = 3; words >= 1; words--) {
        sp = key + strlen(key);
        int w = 0;
        while (sp > key && w < words) {
            sp--;
            if (*sp == ' ')
                w++;
        }
        if (w < words || sp == key)
            continue; /* not enough words to leave a city */
        const char *st = loc_state_name(sp + 1);
        if (st) {
            *city = xstrndup(key, (size_t)(sp - key));
            *state = st;
            return 1;
        }
    }
    return 0;
}

/* Drops a closing country (", US" or " united states") from key, in place. */
static void drop_country(char *key)
{
    for (size_t i = 0; i < ARRAY_SIZE(countries); i++) {
        size_t kl = strlen(key), cl = strlen(countries[i]);
        if (kl > cl + 1 && key[kl - cl - 1] == ' ' && strcmp(key + kl - cl, countries[i]) == 0) {
            key[kl - cl - 1] = '\0';
            return;
        }
    }
}

enum loc_kind loc_resolve(const struct loc_index *ix, const char *text, struct loc_match *m)
{
    memset(m, 0, sizeof(*m));
    m->kind = LOC_UNKNOWN;
    /* comma-separated parts, each as a key; empty parts dropped */
    char *parts[8];
    int np = 0, extra = 0;
    const char *p = text ? text : "";
    for (;;) {
        size_t l = strcspn(p, ",");
        char *raw = xstrndup(p, l);
        char *k = loc_key(raw);
        free(raw);
        if (!*k)
            free(k);
        else if (np < (int)ARRAY_SIZE(parts))
            parts[np++] = k;
        else {
            free(k);
            extra = 1;
        }
        if (!p[l])
            break;
        p += l + 1;
    }
    if (np >= 2 && is_country(parts[np - 1]))
        free(parts[--np]);
    if (np == 0)
        goto out;
    const char *state = NULL;
    if (np == 1) {
        char *key = parts[0];
        drop_country(key);
        char *city = NULL;
        if (split_state(key, &city, &state)) {
            int found = settle(ix, city, state, m);
            if (found) {
                free(city);
                goto out;
            }
            /* "new york" alone or a city whose name ends in a state */
            if (settle(ix, key, NULL, m)) {
                free(city);
                goto out;
            }
            suggest(ix, city, state, m);
            free(city);
            goto out;
        }
        if (!settle(ix, key, NULL, m))
            suggest(ix, key, NULL, m);
        goto out;
    }
    state = loc_state_name(parts[1]);
    if (np == 2 && !extra && state && settle(ix, parts[0], state, m) && m->kind == LOC_OK)
        goto out;
    loc_match_release(m);
    m->kind = LOC_UNKNOWN;
    suggest(ix, parts[0], state, m);
out:
    for (int i = 0; i < np; i++)
        free(parts[i]);
    return m->kind;
}

char *loc_canonical(const struct loc_index *ix, const char *prefix, const char *text)
{
    struct loc_match m;
    char *canon = NULL;
    if (loc_resolve(ix, text, &m) == LOC_OK) {
        canon = research_city_location(m.city);
        loc_match_release(&m);
        return canon;
    }
    if (m.kind == LOC_AMBIGUOUS)
        error("%s: location '%s' is a city in %zu states; say which (\"City,State,United "
              "States\")",
              prefix, text, m.n_cand);
    else
        error("%s: unknown location '%s' (not a US city of 10,000 people or more in the "
              "shipped data; see 'serptrack locations search')",
              prefix, text);
    size_t shown = m.n_cand < 8 ? m.n_cand : 8;
    for (size_t i = 0; i < shown; i++) {
        char *c = research_city_location(m.cand[i]);
        fprintf(stderr, "  did you mean \"%s\"? (population %lld)\n", c, m.cand[i]->population);
        free(c);
    }
    if (m.n_cand > shown)
        fprintf(stderr, "  ... and %zu more\n", m.n_cand - shown);
    loc_match_release(&m);
    return NULL;
}

long loc_search(const struct loc_index *ix, const char *text, const char *state, size_t limit,
                const struct research_city ***out)
{
    *out = NULL;
    const char *st = NULL;
    if (state && *state && !(st = loc_state_name(state)))
        return -1;
    /* "austin, tx" searches Austin in Texas; the state option wins */
    char *city = NULL;
    const char *comma = text ? strchr(text, ',') : NULL;
    if (comma) {
        char *c = xstrndup(text, (size_t)(comma - text));
        city = loc_key(c);
        free(c);
        char *rest = xstrndup(comma + 1, strcspn(comma + 1, ","));
        if (!st)
            st = loc_state_name(rest);
        free(rest);
    } else {
        city = loc_key(text);
        const char *sst = NULL;
        char *c2 = NULL;
        if (!st && split_state(city, &c2, &sst)) {
            const struct research_city **v;
            size_t nv = lookup(ix, c2, sst, &v);
            free(v);
            if (nv) { /* "austin tx": only when it names a city */
                free(city);
                city = c2;
                c2 = NULL;
                st = sst;
            }
        }
        free(c2);
    }
    struct scored *v = NULL;
    size_t n = score_all(ix, city, st, &v);
    free(city);
    if (n > limit)
        n = limit;
    *out = xcalloc(n ? n : 1, sizeof(const struct research_city *));
    for (size_t i = 0; i < n; i++)
        (*out)[i] = ix->e[v[i].at].c;
    free(v);
    return (long)n;
}

int loc_data_load(struct loc_data *ld, const char *dir)
{
    memset(ld, 0, sizeof(*ld));
    if (research_data_load(&ld->d, dir, RESEARCH_CITIES) != 0)
        return -1;
    ld->ix = loc_index_new(&ld->d);
    return 0;
}

void loc_data_release(struct loc_data *ld)
{
    loc_index_free(ld->ix);
    research_data_release(&ld->d);
    ld->ix = NULL;
}

int loc_place(const struct loc_index *ix, const char *prefix, const char *text, char **canon,
              double *lat, double *lng)
{
    *canon = loc_canonical(ix, prefix, text);
    if (!*canon)
        return -1;
    struct loc_match m;
    int found = loc_resolve(ix, *canon, &m) == LOC_OK;
    if (found) {
        *lat = m.city->lat;
        *lng = m.city->lon;
    }
    loc_match_release(&m);
    return found;
}
