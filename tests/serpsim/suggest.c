/* suggest.c - deterministic autocomplete suggestions for a seed: the seed
 * with common commercial modifiers, and for "seed x" (alphabet soup) seeds
 * completions starting with that letter. */
#include <stdio.h>
#include <string.h>

#include "sim.h"

static const char *mods[] = {
    "near me", "cost", "emergency", "24 hour", "reviews", "prices", "open now", "services",
    "companies", "best", "cheap", "license", "jobs", "salary", "estimate", "same day",
};
static const char *letter_words[26][3] = {
    {"austin", "app", "average cost"}, {"business", "best rated", "bbb"}, {"company", "cost", "coupon"},
    {"dallas", "deals", "definition"}, {"emergency", "estimate", "el paso"}, {"free estimate", "fort worth", "for hire"},
    {"guide", "google reviews", "grants"}, {"houston", "hourly rate", "how to become"},
    {"inspection", "insurance", "installation"}, {"jobs", "jacksonville", "journeyman"},
    {"kit", "katy", "keller"}, {"license", "lawsuit", "local"}, {"most affordable", "miami", "memphis"},
    {"near me", "near me open now", "nashville"}, {"online", "open now", "orlando"},
    {"prices", "phoenix", "pros"}, {"quote", "queens", "quick"}, {"reviews", "rates", "repair"},
    {"services", "salary", "san antonio"}, {"tips", "tampa", "tools"}, {"union", "uniform", "usa"},
    {"vs", "video", "van"}, {"website", "when to call", "warranty"}, {"xpress", "xl", "x ray"},
    {"yelp", "youtube", "years experience"}, {"zip code", "zillow", "zone"},
};

int sim_suggest(const char *seed, char out[][160], int max)
{
    char s[120];
    sim_normalise(s, sizeof s, seed ? seed : "");
    int n = 0;
    size_t len = strlen(s);
    if (len == 0)
        return 0;
    /* "plumber a": completions beginning with that letter */
    if (len >= 3 && s[len - 2] == ' ' && s[len - 1] >= 'a' && s[len - 1] <= 'z') {
        int l = s[len - 1] - 'a';
        char base[120];
        snprintf(base, sizeof base, "%.*s", (int)(len - 2), s);
        for (int i = 0; i < 3 && n < max; i++)
            snprintf(out[n++], 160, "%s %s", base, letter_words[l][i]);
        return n;
    }
    if (n < max)
        snprintf(out[n++], 160, "%s", s);
    uint64_t h = sim_hash(s, 21);
    int nm = (int)(sizeof mods / sizeof mods[0]);
    int start = (int)(h % (uint64_t)nm);
    for (int i = 0; i < 9 && n < max; i++) {
        const char *m = mods[(start + i * 5) % nm];
        if (strcmp(m, "best") == 0 || strcmp(m, "cheap") == 0 || strcmp(m, "emergency") == 0)
            snprintf(out[n++], 160, "%s %s", m, s);
        else
            snprintf(out[n++], 160, "%s %s", s, m);
    }
    return n;
}
