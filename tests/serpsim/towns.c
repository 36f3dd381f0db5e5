/* towns.c - cities outside the model's named table: recognised from the
 * query ("plumber georgetown tx") or the location ("Georgetown,Texas,United
 * States"), each with a deterministic saturation from its population (read
 * from keywords/cities.csv when found), so big metros get crowded result
 * pages and small towns open ones (README: "Open and saturated cities"). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

static const char *const states[][2] = {
    {"al", "alabama"}, {"ak", "alaska"}, {"az", "arizona"}, {"ar", "arkansas"},
    {"ca", "california"}, {"co", "colorado"}, {"ct", "connecticut"}, {"de", "delaware"},
    {"dc", "district of columbia"}, {"fl", "florida"}, {"ga", "georgia"}, {"hi", "hawaii"},
    {"id", "idaho"}, {"il", "illinois"}, {"in", "indiana"}, {"ia", "iowa"}, {"ks", "kansas"},
    {"ky", "kentucky"}, {"la", "louisiana"}, {"me", "maine"}, {"md", "maryland"},
    {"ma", "massachusetts"}, {"mi", "michigan"}, {"mn", "minnesota"}, {"ms", "mississippi"},
    {"mo", "missouri"}, {"mt", "montana"}, {"ne", "nebraska"}, {"nv", "nevada"},
    {"nh", "new hampshire"}, {"nj", "new jersey"}, {"nm", "new mexico"}, {"ny", "new york"},
    {"nc", "north carolina"}, {"nd", "north dakota"}, {"oh", "ohio"}, {"ok", "oklahoma"},
    {"or", "oregon"}, {"pa", "pennsylvania"}, {"ri", "rhode island"}, {"sc", "south carolina"},
    {"sd", "south dakota"}, {"tn", "tennessee"}, {"tx", "texas"}, {"ut", "utah"},
    {"vt", "vermont"}, {"va", "virginia"}, {"wa", "washington"}, {"wv", "west virginia"},
    {"wi", "wisconsin"}, {"wy", "wyoming"},
};

/* Two-letter code (lower case) of a state code or name, NULL when none. */
static const char *state_code(const char *s)
{
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(s, states[i][0]) == 0 || strcmp(s, states[i][1]) == 0)
            return states[i][0];
    return NULL;
}

struct pop { char name[64]; char st[4]; long long population; double lat, lng; int has_ll; };
static struct pop *pops;
static size_t npops;

int sim_towns_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        /* name,state,state_code,population,lat,lon,...: the first six are unquoted */
        char *fld[6], *p = line;
        int nf = 0;
        while (nf < 6 && p) {
            fld[nf++] = p;
            p = strchr(p, ',');
            if (p)
                *p++ = '\0';
        }
        char *end;
        long long pop = nf >= 4 ? strtoll(fld[3], &end, 10) : 0;
        if (nf < 4 || pop <= 0 || *fld[0] == '"')
            continue; /* the header, or a row this reader does not follow */
        if (npops == cap) {
            cap = cap ? cap * 2 : 1024;
            struct pop *np = realloc(pops, cap * sizeof *pops);
            if (!np)
                abort();
            pops = np;
        }
        struct pop *w = &pops[npops++];
        sim_normalise(w->name, sizeof w->name, fld[0]);
        sim_normalise(w->st, sizeof w->st, fld[2]);
        w->population = pop;
        w->has_ll = 0;
        if (nf == 6) {
            char *e1, *e2;
            w->lat = strtod(fld[4], &e1);
            w->lng = strtod(fld[5], &e2);
            w->has_ll = e1 != fld[4] && e2 != fld[5];
        }
    }
    fclose(f);
    return npops ? 0 : -1;
}

void sim_towns_load_default(void)
{
    char exe[512], path[600];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0'; /* tests/serpsim/serpsim -> keywords/ */
            snprintf(path, sizeof path, "%s/../../keywords/cities.csv", exe);
            if (sim_towns_load(path) == 0)
                return;
        }
    }
    sim_towns_load("keywords/cities.csv");
}

/* Saturation from population: log-linear from 20,000 people (0, open)
 * to 316,000 and more (1, saturated), so 50k ~ 0.33, 100k ~ 0.58, 150k
 * ~ 0.73; then +-0.1 per niche x city, so niches differ within a town.
 * A town not in the data: 0.5 +- 0.2 from a hash of its name. */
static double saturation(const char *name, const char *st, const char *niche)
{
    long long pop = -1;
    for (size_t i = 0; i < npops && pop < 0; i++)
        if (strcmp(pops[i].name, name) == 0 && strcmp(pops[i].st, st) == 0)
            pop = pops[i].population;
    char key[160];
    snprintf(key, sizeof key, "%s|%s|%s", name, st, niche ? niche : "");
    double jitter = sim_unit(sim_hash(key, 313)) - 0.5;
    double s;
    if (pop > 0)
        s = (log10((double)pop) - 4.3) / 1.2 + 0.2 * jitter;
    else
        s = 0.5 + 0.4 * (sim_unit(sim_hash(name, 317)) - 0.5);
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

static void title_case(char *out, size_t n, const char *in)
{
    size_t o = 0;
    int up = 1;
    for (; *in && o + 1 < n; in++) {
        out[o++] = up ? (char)toupper((unsigned char)*in) : *in;
        up = *in == ' ';
    }
    out[o] = '\0';
}

int sim_town_detect(struct sim_town *t, const char *query, const char *loc, const char *niche,
                    const char *const *niche_words)
{
    memset(t, 0, sizeof *t);
    char name[64] = "", st[4] = "";
    /* the query: "... CITY ST" / "... in CITY ST", the city being the
     * words between the service word (or "in") and the state */
    char q[256], *w[24];
    int nw = 0;
    snprintf(q, sizeof q, "%s", query);
    for (char *save = NULL, *p = strtok_r(q, " ", &save); p && nw < 24; p = strtok_r(NULL, " ", &save))
        w[nw++] = p;
    int last = nw - 1, stw = 1;
    const char *code = NULL;
    if (nw >= 3 && (code = state_code(w[last])) == NULL && nw >= 4) {
        char two[64];
        snprintf(two, sizeof two, "%s %s", w[last - 1], w[last]);
        if ((code = state_code(two)) != NULL)
            stw = 2;
    }
    if (code) {
        int from = last - stw; /* last city word */
        int first = from;
        while (first > 0 && from - first < 3) {
            const char *pw = w[first - 1];
            int stop = strcmp(pw, "in") == 0 || strcmp(pw, "near") == 0;
            for (int k = 0; niche_words && niche_words[k] && !stop; k++)
                stop = strstr(pw, niche_words[k]) != NULL;
            if (stop)
                break;
            first--;
        }
        int stop_here = 0;
        for (int k = 0; niche_words && niche_words[k]; k++)
            stop_here |= strstr(w[first], niche_words[k]) != NULL;
        for (int i = first; i <= from && i >= 0; i++) /* "plumber near me": "me" is Maine */
            stop_here |= strcmp(w[i], "near") == 0 || strcmp(w[i], "in") == 0;
        if (from >= 0 && !stop_here) {
            size_t o = 0;
            for (int i = first; i <= from; i++)
                o += (size_t)snprintf(name + o, sizeof name - o, "%s%s", i > first ? " " : "", w[i]);
            snprintf(st, sizeof st, "%s", code);
        }
    }
    /* else the location, "georgetown,texas,united states" */
    if (!*name && loc && strchr(loc, ',')) {
        char l[160];
        snprintf(l, sizeof l, "%s", loc);
        char *c1 = strchr(l, ',');
        *c1 = '\0';
        char *c2 = strchr(c1 + 1, ',');
        if (c2)
            *c2 = '\0';
        const char *sc = state_code(c1 + 1);
        if (sc && *l) {
            snprintf(name, sizeof name, "%s", l);
            snprintf(st, sizeof st, "%s", sc);
        }
    }
    if (!*name)
        return 0;
    snprintf(t->key, sizeof t->key, "%s", name);
    title_case(t->name, sizeof t->name, name);
    for (size_t i = 0; i < 2 && st[i]; i++)
        t->st[i] = (char)toupper((unsigned char)st[i]);
    t->saturation = saturation(name, st, niche);
    sim_geo_town_point(name, &t->lat, &t->lng);
    for (size_t i = 0; i < npops; i++)
        if (pops[i].has_ll && strcmp(pops[i].name, name) == 0 && strcmp(pops[i].st, st) == 0) {
            t->lat = pops[i].lat;
            t->lng = pops[i].lng;
            break;
        }
    return 1;
}
