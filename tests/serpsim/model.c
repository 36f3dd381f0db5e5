/* model.c - the simulator's ranking model: for (engine, query, location,
 * day) a deterministic result list that drifts smoothly from day to day.
 * Candidates come from the query (local businesses named after the niche
 * and city, national directories, content sites), each with a base score
 * from a hash plus slow sine and weekly value-noise drift. The demo's
 * tracked sites are placed on purpose-built trends anchored on the day the
 * simulator started, so a 30-day demo ending "today" draws real trends. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

int sim_anchor_day;
int sim_local_no_website;

void sim_normalise(char *out, size_t n, const char *in)
{
    size_t o = 0;
    int space = 0;
    for (; *in && o + 1 < n; in++) {
        unsigned char c = (unsigned char)*in;
        if (isspace(c) || c == '+') {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < n)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)(c < 0x80 ? tolower(c) : c);
    }
    out[o] = '\0';
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

int sim_uule_decode(const char *uule, char *out, size_t n)
{
    /* "w+" (the '+' may arrive decoded as a space) then base64 of a small
     * protobuf; the canonical name is field 4 (length-delimited). For short
     * names that is the familiar "w+CAIQICI" + length char + base64(name). */
    if (!uule || n == 0 || uule[0] != 'w' || (uule[1] != '+' && uule[1] != ' '))
        return -1;
    unsigned char msg[512];
    size_t len = 0;
    unsigned acc = 0;
    int bits = 0;
    for (const char *s = uule + 2; *s && *s != '=' && len < sizeof msg; s++) {
        int v = b64val((unsigned char)*s);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            msg[len++] = (unsigned char)((acc >> bits) & 0xff);
        }
    }
    size_t i = 0;
    while (i < len) {
        unsigned long long key = 0, v = 0;
        for (int sh = 0; i < len && sh < 63; sh += 7) {
            key |= (unsigned long long)(msg[i] & 0x7f) << sh;
            if (!(msg[i++] & 0x80))
                break;
        }
        if ((key & 7) != 0 && (key & 7) != 2)
            return -1;
        for (int sh = 0; i < len && sh < 63; sh += 7) {
            v |= (unsigned long long)(msg[i] & 0x7f) << sh;
            if (!(msg[i++] & 0x80))
                break;
        }
        if ((key & 7) == 0)
            continue;
        if (v > len - i)
            v = len - i; /* a cut-off name: keep what there is */
        if (key >> 3 == 4) {
            size_t o = 0;
            for (size_t k = 0; k < v && o + 1 < n; k++)
                out[o++] = msg[i + k] < 0x20 ? ' ' : (char)msg[i + k];
            out[o] = '\0';
            return o ? 0 : -1;
        }
        i += (size_t)v;
    }
    return -1;
}

/* --- vocabulary ----------------------------------------------------------- */
struct city { const char *key, *name, *st, *nick1, *nick2; };
static const struct city cities[] = {
    {"austin", "Austin", "TX", "Capital City", "Hill Country"},
    {"dallas", "Dallas", "TX", "Big D", "Metroplex"},
    {"houston", "Houston", "TX", "Bayou City", "Gulf Coast"},
    {"san antonio", "San Antonio", "TX", "Alamo City", "Mission"},
    {"fort worth", "Fort Worth", "TX", "Cowtown", "Trinity"},
    {"el paso", "El Paso", "TX", "Sun City", "Franklin"},
    {"chicago", "Chicago", "IL", "Windy City", "Lakeshore"},
    {"phoenix", "Phoenix", "AZ", "Valley", "Desert"},
    {"denver", "Denver", "CO", "Mile High", "Front Range"},
    {"seattle", "Seattle", "WA", "Emerald City", "Puget Sound"},
    {"miami", "Miami", "FL", "Magic City", "Biscayne"},
    {"atlanta", "Atlanta", "GA", "Peachtree", "Southern"},
    {"new york", "New York", "NY", "Empire", "Big Apple"},
    {"los angeles", "Los Angeles", "CA", "Golden State", "Pacific"},
    {"san francisco", "San Francisco", "CA", "Bay Area", "Golden Gate"},
    {"boston", "Boston", "MA", "Bay State", "Beacon"},
};

struct niche {
    const char *key;         /* canonical */
    const char *match[4];    /* query substrings */
    const char *word[3];     /* domain words */
    const char *title;       /* "Plumbing" */
    const char *noun;        /* "plumber" */
    const char *service;     /* what they do, for snippets */
};
static const struct niche niches[] = {
    {"plumbing", {"plumb", NULL, NULL, NULL}, {"plumbing", "plumbers", "plumber"}, "Plumbing", "plumber",
     "drain cleaning, leak detection, water heater repair and repiping"},
    {"roofing", {"roof", NULL, NULL, NULL}, {"roofing", "roofers", "roofs"}, "Roofing", "roofer",
     "roof repair, storm damage inspections and full roof replacement"},
    {"electrician", {"electric", NULL, NULL, NULL}, {"electric", "electrician", "electrical"}, "Electric",
     "electrician", "panel upgrades, rewiring, EV charger installs and lighting"},
    {"hvac", {"hvac", "air condition", "ac repair", "heating"}, {"air", "hvac", "comfort"}, "Heating & Air",
     "HVAC contractor", "AC repair, furnace service and new system installs"},
    {"dental", {"dentist", "dental", NULL, NULL}, {"dental", "smiles", "dentistry"}, "Dental", "dentist",
     "cleanings, implants, Invisalign and emergency dental care"},
    {"law", {"lawyer", "attorney", "law firm", NULL}, {"law", "legal", "injurylaw"}, "Law", "lawyer",
     "personal injury, car accident and family law cases"},
    {"locksmith", {"locksmith", "lockout", NULL, NULL}, {"locksmith", "lock", "keys"}, "Locksmith",
     "locksmith", "lockouts, rekeying, smart locks and car keys"},
    {"landscaping", {"landscap", "lawn", NULL, NULL}, {"landscaping", "lawn", "yards"}, "Landscaping",
     "landscaper", "lawn care, irrigation, sod and landscape design"},
    {"pest", {"pest", "exterminat", "termite", NULL}, {"pest", "pestcontrol", "termite"}, "Pest Control",
     "exterminator", "termite treatment, rodent removal and quarterly pest plans"},
    {"cleaning", {"cleaning", "maid", "cleaner", NULL}, {"cleaning", "maids", "cleaners"}, "Cleaning",
     "house cleaner", "deep cleaning, move-out cleaning and recurring maid service"},
    {"moving", {"mover", "moving", NULL, NULL}, {"movers", "moving", "relocation"}, "Moving", "mover",
     "local moves, long-distance moving and packing"},
};

struct demo {
    const char *domain, *niche, *city, *name;
    int kind; /* 0 climbs to top 3-5, 1 mid-pack improving, 2 enters late */
    const char *phone; /* as its pack entry shows it */
    /* its business, about 1 km from the city centre, so a grid around the
     * centre shows a clear gradient (README: "Points and distance") */
    double lat, lng;
};
static const struct demo demos[] = {
    {"austin-plumbing-pros.com", "plumbing", "austin", "Austin Plumbing Pros", 0, "(512) 555-0100",
     30.2741, -97.7403},
    {"dallasroofingexperts.com", "roofing", "dallas", "Dallas Roofing Experts", 1, "(214) 555-0101",
     32.7831, -96.8067},
    {"houstonelectricianco.com", "electrician", "houston", "Houston Electrician Co", 2, "(713) 555-0102",
     29.7530, -95.3632},
    {"satx-ac-repair.com", "hvac", "san antonio", "SATX AC Repair", 1, "(210) 555-0103",
     29.4304, -98.4861},
};

static const char *biz_prefix[] = {
    "Reliable", "Precision", "Lone Star", "A-1", "ABC", "Premier", "Elite", "Family",
    "Quick", "Trusted", "Pioneer", "Liberty", "Summit", "Patriot", "Blue Bonnet", "Red Oak",
    "Cornerstone", "Heritage", "Integrity", "Apex", "Bluewater", "Evergreen", "Frontier",
    "Ironclad", "Keystone", "Legacy", "Majestic", "Northside", "Southside", "Westlake",
    "Eastside", "Hometown", "Neighborly", "Superior", "Total", "United", "Victory", "Allstar",
    "Benchmark", "Champion", "Dependable", "Express", "Guardian", "Honest", "Mr.", "Pro",
    "Radiant", "Sunrise", "Texan", "True Blue",
};
static const char *biz_suffix[] = {
    "Pros", "Co", "Experts", "Services", "Company", "Solutions", "Team", "Masters",
    "Group", "Specialists", "Works", "Now", "HQ", "& Sons", "Partners", "Inc",
};
static const char *gen_prefix[] = {"the", "my", "best", "get", "top", "all", "go", "true", "smart", "daily"};
static const char *gen_suffix[] = {"hub", "guide", "central", "world", "online", "pro", "today", "insider",
                                   "review", "zone", "base", "lab", "spot", "hq", "list", "daily"};
static const char *gen_tld[] = {".com", ".org", ".net", ".io", ".co", ".com", ".com"};

struct natsite { const char *domain, *name; double authority; };
static const struct natsite content_sites[] = {
    {"en.wikipedia.org", "Wikipedia", 0.55}, {"youtube.com", "YouTube", 0.45}, {"reddit.com", "Reddit", 0.5},
    {"quora.com", "Quora", 0.3}, {"medium.com", "Medium", 0.25}, {"forbes.com", "Forbes", 0.35},
    {"nytimes.com", "The New York Times", 0.3}, {"amazon.com", "Amazon.com", 0.4},
    {"britannica.com", "Britannica", 0.35}, {"healthline.com", "Healthline", 0.25},
    {"investopedia.com", "Investopedia", 0.25}, {"wikihow.com", "wikiHow", 0.25},
    {"bbc.com", "BBC", 0.3}, {"theguardian.com", "The Guardian", 0.25}, {"cnet.com", "CNET", 0.25},
    {"pinterest.com", "Pinterest", 0.2}, {"facebook.com", "Facebook", 0.2}, {"linkedin.com", "LinkedIn", 0.15},
    {"stackoverflow.com", "Stack Overflow", 0.2}, {"github.com", "GitHub", 0.2},
};

/* --- candidates ----------------------------------------------------------- */
struct cand {
    char domain[128];
    char url[400];
    char title[256];
    char snippet[480];
    char name[128]; /* business name for locals */
    double base;
    int local;
    double score;
    uint64_t key; /* hash of domain, for the duplicate check */
};

struct ctx {
    const struct niche *niche;
    const struct city *city;
    const char *query;
    char qtitle[256];    /* query in Title Case */
    char cityslug[64];   /* "san-antonio" */
    char citytight[64];  /* "sanantonio" */
    char stl[4];         /* "tx" */
    struct cand *c;
    int n, max;
    /* a town outside cities[] (towns.c): city holds &town_city */
    int dyn;
    double sat;          /* its saturation, 0 open .. 1 saturated */
    struct city town_city;
    struct sim_town town;
};

static void slug(char *out, size_t n, const char *in, char sep)
{
    size_t o = 0;
    int pend = 0;
    for (; *in && o + 2 < n; in++) {
        unsigned char ch = (unsigned char)*in;
        if (isalnum(ch)) {
            if (pend && sep && o > 0)
                out[o++] = sep;
            pend = 0;
            out[o++] = (char)tolower(ch);
        } else {
            pend = 1;
        }
    }
    out[o] = '\0';
}

static struct cand *cand_new(struct ctx *x, const char *domain)
{
    if (x->n >= x->max)
        return NULL;
    uint64_t key = sim_hash(domain, 0);
    for (int i = 0; i < x->n; i++)
        if (x->c[i].key == key && strcmp(x->c[i].domain, domain) == 0)
            return NULL;
    for (size_t i = 0; i < sizeof demos / sizeof demos[0]; i++)
        if (strcmp(demos[i].domain, domain) == 0)
            return NULL;
    struct cand *c = &x->c[x->n++]; /* calloc'ed, used once: already zero */
    c->key = key;
    snprintf(c->domain, sizeof c->domain, "%s", domain);
    return c;
}

static unsigned pick(uint64_t h, unsigned n)
{
    return (unsigned)(h % n);
}

static void local_snippet(char *out, size_t n, const struct ctx *x, const char *name, uint64_t h)
{
    const struct niche *ni = x->niche;
    const char *city = x->city ? x->city->name : "your area";
    switch (h % 4) {
    case 0:
        snprintf(out, n, "Looking for a reliable %s in %s? %s offers %s. Licensed & insured. "
                 "Call today for a free estimate.", ni->noun, city, name, ni->service);
        break;
    case 1:
        snprintf(out, n, "%s is a locally owned %s serving %s and surrounding areas since %d. "
                 "Same-day service, upfront pricing.", name, ni->noun, city, 1978 + (int)(h % 40));
        break;
    case 2:
        snprintf(out, n, "Rated %.1f stars by %d+ %s homeowners. %s: %s. 24/7 emergency service available.",
                 4.0 + (double)(h % 10) / 10.0, 50 + (int)(h % 900), city, name, ni->service);
        break;
    default:
        snprintf(out, n, "Top-rated %s %s. We handle %s. Book online or call our %s office now.",
                 city, ni->noun, ni->service, city);
    }
}

static void add_locals(struct ctx *x, int want)
{
    const struct niche *ni = x->niche;
    const char *cityname = x->city ? x->city->name : "";
    uint64_t seed = sim_hash(ni->key, sim_hash(x->city ? x->city->key : "-", 7));
    for (int i = 0, tries = 0; i < want && tries < want * 6; tries++) {
        uint64_t h = sim_hash("local", seed + (uint64_t)tries * 131);
        const char *pre;
        unsigned pk = pick(h, 10);
        if (x->dyn) {
            /* a saturated town's strong businesses carry its name in their
             * domains (exact-match domains); an open town's rarely do */
            double pcity = i < 12 ? 0.1 + 0.35 * x->sat : 0.1;
            pre = sim_unit(sim_hash("town", h)) < pcity
                      ? cityname
                      : biz_prefix[pick(h >> 8, sizeof biz_prefix / sizeof biz_prefix[0])];
        } else if (x->city && pk < 2)
            pre = cityname;
        else if (x->city && pk == 2)
            pre = x->city->nick1;
        else if (x->city && pk == 3)
            pre = x->city->nick2;
        else
            pre = biz_prefix[pick(h >> 8, sizeof biz_prefix / sizeof biz_prefix[0])];
        const char *suf = biz_suffix[pick(h >> 16, sizeof biz_suffix / sizeof biz_suffix[0])];
        const char *w = ni->word[pick(h >> 24, 3)];
        char name[128], dom[128], tight[96];
        snprintf(name, sizeof name, "%s %s %s", pre, ni->title, suf);
        char raw[128];
        snprintf(raw, sizeof raw, "%s %s %s", pre, w, (h >> 32) % 3 == 0 ? "" : suf);
        slug(tight, sizeof tight, raw, (h >> 40) % 5 == 0 ? '-' : 0);
        snprintf(dom, sizeof dom, "%s%s", tight, (h >> 44) % 9 == 0 ? ".net" : ".com");
        struct cand *c = cand_new(x, dom);
        if (!c)
            continue;
        c->local = 1;
        snprintf(c->name, sizeof c->name, "%s", name);
        /* the first few are the strong local players */
        c->base = (i < 12 ? 0.45 : 0.0) + 0.5 * sim_unit(h >> 3);
        if (x->dyn) /* a big metro: a dozen strong sites; a small town: one or two, thin */
            c->base = (i < 2 + (int)lround(10 * x->sat) ? 0.25 + 0.4 * x->sat : 0.0) +
                      (0.2 + 0.3 * x->sat) * sim_unit(h >> 3);
        static const char *paths[] = {"", "services/", "%s-%s/", "contact-us/", "emergency-%s/", "about/"};
        unsigned pi = pick(h >> 50, 6);
        char path[128];
        if (pi == 2)
            snprintf(path, sizeof path, "%s-%s/", ni->word[0], x->cityslug[0] ? x->cityslug : "service-area");
        else if (pi == 4)
            snprintf(path, sizeof path, "emergency-%s/", ni->word[0]);
        else
            snprintf(path, sizeof path, "%s", paths[pi]);
        snprintf(c->url, sizeof c->url, "https://%s%s/%s", (h >> 56) % 3 ? "www." : "", dom, path);
        if (x->city)
            snprintf(c->title, sizeof c->title, "%s | %s %s in %s, %s", name,
                     (h >> 20) % 2 ? "Trusted" : "Best", ni->noun, cityname, x->city->st);
        else
            snprintf(c->title, sizeof c->title, "%s - %s Services Near You", name, ni->title);
        local_snippet(c->snippet, sizeof c->snippet, x, name, h >> 5);
        i++;
    }
}

static void add_directories(struct ctx *x)
{
    const struct niche *ni = x->niche;
    char nounP[64], nounT[64], nslug[64];
    snprintf(nounP, sizeof nounP, "%ss", ni->noun);
    snprintf(nounT, sizeof nounT, "%s", ni->noun);
    nounT[0] = (char)toupper((unsigned char)nounT[0]);
    slug(nslug, sizeof nslug, ni->noun, '-');
    const char *cn = x->city ? x->city->name : "Your Area";
    const char *st = x->city ? x->city->st : "US";
    const char *cs = x->cityslug[0] ? x->cityslug : "near-me";
    const char *ct = x->citytight[0] ? x->citytight : "local";
    struct cand *c;
    uint64_t h = sim_hash(x->query, 99);
    /* an open town: directories and forums fill the page for lack of local sites */
    double open = x->dyn ? 0.35 * (1.0 - x->sat) : 0.0;
#define DIR(dom, auth) if ((c = cand_new(x, dom)) != NULL && (c->base = (auth) + open + 0.4 * sim_unit(sim_hash(dom, h))) >= 0)
    DIR("yelp.com", 0.55) {
        snprintf(c->url, sizeof c->url, "https://www.yelp.com/search?find_desc=%ss&find_loc=%s%%2C+%s",
                 nounT, cn, st);
        for (char *p = c->url; *p; p++) if (*p == ' ') *p = '+';
        snprintf(c->title, sizeof c->title, "THE BEST 10 %ss in %s, %s - Updated 2026 - Yelp", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "Top 10 Best %ss in %s, %s - Last Updated November 2026 - "
                 "Yelp - reviews and ratings from local customers.", nounT, cn, st);
    }
    DIR("angi.com", 0.5) {
        snprintf(c->url, sizeof c->url, "https://www.angi.com/companylist/us/%s/%s/%s.htm", x->stl, cs, ni->word[0]);
        snprintf(c->title, sizeof c->title, "The 10 Best %ss in %s, %s (with Free Estimates)", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "Hire the Best %ss in %s, %s on Angi. Read real reviews "
                 "from verified homeowners and compare quotes.", nounT, cn, st);
    }
    DIR("homeadvisor.com", 0.45) {
        char hs[64]; /* "Heating & Air" -> "Heating-Air": no spaces in a URL */
        size_t ho = 0;
        for (const char *t = ni->title; *t && ho + 1 < sizeof hs; t++)
            if (isalnum((unsigned char)*t))
                hs[ho++] = *t;
            else if (ho && hs[ho - 1] != '-')
                hs[ho++] = '-';
        hs[ho] = '\0';
        snprintf(c->url, sizeof c->url, "https://www.homeadvisor.com/c.%s.%s.%s.-12060.html", hs, ct, st);
        snprintf(c->title, sizeof c->title, "Top 10 Best %s %s %ss | HomeAdvisor", cn, st, nounT);
        snprintf(c->snippet, sizeof c->snippet, "Find trusted %s %s for your project. See ratings, "
                 "reviews and costs from HomeAdvisor pros.", cn, nounP);
    }
    DIR("thumbtack.com", 0.4) {
        snprintf(c->url, sizeof c->url, "https://www.thumbtack.com/%s/%s/%s/", x->stl, cs, ni->word[0]);
        snprintf(c->title, sizeof c->title, "The 10 Best %ss in %s, %s 2026 - Thumbtack", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "Compare prices and hire top-rated %s near %s. "
                 "Get free cost estimates in minutes.", nounP, cn);
    }
    DIR("bbb.org", 0.35) {
        snprintf(c->url, sizeof c->url, "https://www.bbb.org/us/%s/%s/category/%s", x->stl, cs, ni->word[0]);
        snprintf(c->title, sizeof c->title, "Best %s near %s, %s | Better Business Bureau", ni->title, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "BBB Accredited %s businesses near %s. Find ratings, "
                 "complaints and customer reviews.", ni->noun, cn);
    }
    DIR("yellowpages.com", 0.3) {
        snprintf(c->url, sizeof c->url, "https://www.yellowpages.com/%s-%s/%s", cs, x->stl, nslug);
        snprintf(c->title, sizeof c->title, "Best 30 %ss in %s, %s with Reviews - Yellow Pages", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "%ss in %s on YP.com. See reviews, photos, directions, "
                 "phone numbers and more for the best %s.", nounT, cn, nounP);
    }
    DIR("nextdoor.com", 0.3) {
        snprintf(c->url, sizeof c->url, "https://nextdoor.com/pages/%s-%s/", nslug, cs);
        snprintf(c->title, sizeof c->title, "10 Best %ss in %s, %s - Nextdoor", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "Your neighbors recommend these %s in %s. See who "
                 "people near you trust.", nounP, cn);
    }
    DIR("houzz.com", 0.25) {
        snprintf(c->url, sizeof c->url, "https://www.houzz.com/professionals/%s/%s-%s-us-probr0-bo~t_11", nslug, cs, x->stl);
        snprintf(c->title, sizeof c->title, "Best 15 %ss in %s, %s | Houzz", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "Search 600 %s %s to find the best %s for your project.",
                 cn, nounP, ni->noun);
    }
    DIR("porch.com", 0.2) {
        snprintf(c->url, sizeof c->url, "https://porch.com/%s-%s/%s/cp", cs, x->stl, nslug);
        snprintf(c->title, sizeof c->title, "Top 10 %ss in %s, %s | Porch", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "Find the best %s in %s. Compare reviews and book.", nounP, cn);
    }
    DIR("reddit.com", 0.3) {
        snprintf(c->url, sizeof c->url, "https://www.reddit.com/r/%s/comments/%llx/recommendations_for_a_good_%s/",
                 x->citytight[0] ? x->citytight : "HomeImprovement",
                 (unsigned long long)(h % 0xffffffULL), nslug);
        for (char *p = c->url + 25; *p; p++) if (*p == '-') *p = '_';
        snprintf(c->title, sizeof c->title, "Recommendations for a good %s? : r/%s", ni->noun,
                 x->city ? x->city->name : "HomeImprovement");
        snprintf(c->snippet, sizeof c->snippet, "We just bought a house and need a %s we can trust. "
                 "Who do you all use? Prices seem all over the place.", ni->noun);
    }
    DIR("facebook.com", 0.15) {
        snprintf(c->url, sizeof c->url, "https://www.facebook.com/groups/%shomeowners/", ct);
        snprintf(c->title, sizeof c->title, "%s Homeowners | Facebook", cn);
        snprintf(c->snippet, sizeof c->snippet, "Can anyone recommend a %s? Ours stopped answering the phone.", ni->noun);
    }
    DIR("mapquest.com", 0.15) {
        snprintf(c->url, sizeof c->url, "https://www.mapquest.com/search/%s-%s/%s", cs, x->stl, nslug);
        snprintf(c->title, sizeof c->title, "%ss in %s, %s - MapQuest", nounT, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "Find %s in %s on MapQuest: hours, directions and reviews.", nounP, cn);
    }
    DIR("city-data.com", 0.1) {
        snprintf(c->url, sizeof c->url, "https://www.city-data.com/forum/%s/%llu-good-%s.html", cs,
                 (unsigned long long)(h % 9000000ULL) + 1000000ULL, nslug);
        snprintf(c->title, sizeof c->title, "Good %s? (%s: house, apartments, price) - City-Data Forum", ni->noun, cn);
        snprintf(c->snippet, sizeof c->snippet, "Looking for a good %s in the %s area, any recommendations "
                 "from people who have actually used them?", ni->noun, cn);
    }
    DIR("expertise.com", 0.25) {
        snprintf(c->url, sizeof c->url, "https://www.expertise.com/%s/%s/%s", x->stl, cs, ni->word[0]);
        snprintf(c->title, sizeof c->title, "10 Best %s %ss | Expertise.com", cn, nounT);
        snprintf(c->snippet, sizeof c->snippet, "We scored %s %s on reputation, credibility and experience.",
                 cn, nounP);
    }
    DIR("homeguide.com", 0.15) {
        snprintf(c->url, sizeof c->url, "https://homeguide.com/costs/%s-cost", nslug);
        snprintf(c->title, sizeof c->title, "2026 %s Cost | Rates Per Hour & Prices Near You", nounT);
        snprintf(c->snippet, sizeof c->snippet, "A %s costs $45 to $200 per hour on average. See prices by job.", ni->noun);
    }
    DIR("forbes.com", 0.15) {
        snprintf(c->url, sizeof c->url, "https://www.forbes.com/home-improvement/%s/cost-guide/", ni->word[0]);
        snprintf(c->title, sizeof c->title, "How Much Does A %s Cost? (2026) - Forbes Home", nounT);
        snprintf(c->snippet, sizeof c->snippet, "The average %s charges between $150 and $500 per visit.", ni->noun);
    }
#undef DIR
}

/* Second pages from sites already present: a directory's page about one
 * business, another forum thread - real results repeat domains. */
static void add_second_pages(struct ctx *x)
{
    const struct cand *biz[3];
    int nb = 0;
    for (int i = 0; i < x->n && nb < 3; i++)
        if (x->c[i].local)
            biz[nb++] = &x->c[i];
    if (nb < 3 || !x->city)
        return;
    const char *cn = x->city->name, *st = x->city->st;
    char s0[128], s1[128], s2[128];
    slug(s0, sizeof s0, biz[0]->name, '-');
    slug(s1, sizeof s1, biz[1]->name, '-');
    slug(s2, sizeof s2, biz[2]->name, '-');
    uint64_t h = sim_hash(x->query, 41);
    double open = x->dyn ? 0.3 * (1.0 - x->sat) : 0.0; /* as in add_directories */
    struct cand *c;
    if ((c = cand_new(x, "yelp.com#2")) != NULL) {
        c->base = 0.2 + 0.5 * sim_unit(h) + open;
        snprintf(c->url, sizeof c->url, "https://www.yelp.com/biz/%s-%s", s0, x->cityslug);
        snprintf(c->title, sizeof c->title, "%s - Updated November 2026 - %d Photos & %d Reviews - %s, %s - Yelp",
                 biz[0]->name, 10 + (int)(h % 90), 20 + (int)(h % 400), cn, st);
        snprintf(c->snippet, sizeof c->snippet, "%d reviews of %s \"Called them on a Sunday and they were out "
                 "within two hours. Fair price, clean work.\"", 20 + (int)(h % 400), biz[0]->name);
    }
    if ((c = cand_new(x, "bbb.org#2")) != NULL) {
        c->base = 0.1 + 0.5 * sim_unit(h >> 8) + open;
        snprintf(c->url, sizeof c->url, "https://www.bbb.org/us/%s/%s/profile/%s/%s-0825-%07llu", x->stl,
                 x->cityslug, x->niche->word[0], s1, (unsigned long long)(h % 10000000ULL));
        snprintf(c->title, sizeof c->title, "%s | BBB Business Profile | Better Business Bureau", biz[1]->name);
        snprintf(c->snippet, sizeof c->snippet, "BBB accredited since %d. %s, %s, %s. See ratings, reviews and "
                 "complaints.", 2005 + (int)(h % 18), biz[1]->name, cn, st);
    }
    if ((c = cand_new(x, "facebook.com#2")) != NULL) {
        c->base = 0.05 + 0.45 * sim_unit(h >> 16) + open;
        snprintf(c->url, sizeof c->url, "https://www.facebook.com/%s/", s2);
        snprintf(c->title, sizeof c->title, "%s | %s %s | Facebook", biz[2]->name, cn, st);
        snprintf(c->snippet, sizeof c->snippet, "%s. %d likes. Family owned %s serving %s.", biz[2]->name,
                 100 + (int)(h % 5000), x->niche->noun, cn);
    }
    if ((c = cand_new(x, "reddit.com#2")) != NULL) {
        c->base = 0.05 + 0.45 * sim_unit(h >> 24) + open;
        snprintf(c->url, sizeof c->url, "https://www.reddit.com/r/%s/comments/%llx/anyone_used_%s/",
                 x->citytight, (unsigned long long)((h >> 8) % 0xffffffULL), s0);
        for (char *p = c->url + 25; *p; p++) if (*p == '-') *p = '_';
        snprintf(c->title, sizeof c->title, "Anyone used %s? : r/%s", biz[0]->name, cn);
        snprintf(c->snippet, sizeof c->snippet, "Got a quote from %s and it seemed high. Anyone have experience "
                 "with them or a %s they like better?", biz[0]->name, x->niche->noun);
    }
}

static void add_generic(struct ctx *x, int want)
{
    /* content sites about the query */
    uint64_t qh = sim_hash(x->query, 3);
    for (size_t i = 0; i < sizeof content_sites / sizeof content_sites[0]; i++) {
        const struct natsite *ns = &content_sites[i];
        struct cand *c = cand_new(x, strncmp(ns->domain, "en.", 3) == 0 ? ns->domain + 3 : ns->domain);
        if (!c)
            continue;
        char qs[200];
        slug(qs, sizeof qs, x->query, '_');
        c->base = (ns->authority * 0.6 + 0.45 * sim_unit(sim_hash(ns->domain, qh))) * (x->niche ? 0.45 : 1.0);
        if (strcmp(ns->domain, "en.wikipedia.org") == 0) {
            char t[200];
            snprintf(t, sizeof t, "%s", qs);
            if (t[0]) t[0] = (char)toupper((unsigned char)t[0]);
            snprintf(c->url, sizeof c->url, "https://en.wikipedia.org/wiki/%s", t);
        } else if (strcmp(ns->domain, "youtube.com") == 0) {
            snprintf(c->url, sizeof c->url, "https://www.youtube.com/watch?v=%011llx",
                     (unsigned long long)(sim_hash(ns->domain, qh) & 0xfffffffffffULL));
        } else {
            slug(qs, sizeof qs, x->query, '-');
            snprintf(c->url, sizeof c->url, "https://www.%s/%s%s", ns->domain,
                     i % 3 == 0 ? "articles/" : "", qs);
        }
        snprintf(c->title, sizeof c->title, "%s - %s", x->qtitle, ns->name);
        snprintf(c->snippet, sizeof c->snippet, "Everything you need to know about %s: history, tips, "
                 "comparisons and answers to common questions, from %s.", x->query, ns->name);
    }
    /* made-up sites built from the query's tokens */
    char toks[8][40];
    int nt = 0;
    const char *q = x->query;
    while (*q && nt < 8) {
        while (*q && !isalnum((unsigned char)*q)) q++;
        size_t k = 0;
        while (*q && isalnum((unsigned char)*q)) {
            if (k + 1 < sizeof toks[0]) toks[nt][k++] = *q;
            q++;
        }
        toks[nt][k] = '\0';
        if (k)
            nt++;
    }
    if (nt == 0) {
        snprintf(toks[0], sizeof toks[0], "web");
        nt = 1;
    }
    for (int i = 0, tries = 0; i < want && tries < want * 5; tries++) {
        uint64_t h = sim_hash("gen", qh + (uint64_t)tries * 977);
        const char *t = toks[pick(h, (unsigned)nt)];
        char dom[128];
        unsigned form = pick(h >> 8, 4);
        const char *pre = gen_prefix[pick(h >> 12, sizeof gen_prefix / sizeof gen_prefix[0])];
        const char *suf = gen_suffix[pick(h >> 20, sizeof gen_suffix / sizeof gen_suffix[0])];
        const char *tld = gen_tld[pick(h >> 28, sizeof gen_tld / sizeof gen_tld[0])];
        if (form == 0)
            snprintf(dom, sizeof dom, "%s%s%s", pre, t, tld);
        else if (form == 1)
            snprintf(dom, sizeof dom, "%s%s%s", t, suf, tld);
        else if (form == 2 && nt > 1)
            snprintf(dom, sizeof dom, "%s%s%s", toks[0], toks[1], tld);
        else
            snprintf(dom, sizeof dom, "%s-%s%s", t, suf, tld);
        struct cand *c = cand_new(x, dom);
        if (!c)
            continue;
        c->base = 0.6 * sim_unit(h >> 3) * (x->niche ? 0.5 : 1.0);
        char qs[200];
        slug(qs, sizeof qs, x->query, '-');
        const char *sub = (h >> 40) % 7 == 0 ? "blog." : (h >> 40) % 7 < 4 ? "www." : "";
        snprintf(c->url, sizeof c->url, "https://%s%s/%s%s/", sub, dom,
                 (h >> 44) % 2 ? "" : "guide/", qs);
        char site[96];
        snprintf(site, sizeof site, "%s", dom);
        char *dot = strrchr(site, '.');
        if (dot) *dot = '\0';
        site[0] = (char)toupper((unsigned char)site[0]);
        static const char *tpl[] = {"%s: The Complete Guide (2026) | %s", "Best %s - Reviews and Tips - %s",
                                    "%s Explained - %s", "What to Know About %s | %s"};
        snprintf(c->title, sizeof c->title, tpl[pick(h >> 48, 4)], x->qtitle, site);
        snprintf(c->snippet, sizeof c->snippet, "Our %s guide covers %s in depth. Updated %s 2026 "
                 "with new picks, prices and frequently asked questions.", site, x->query,
                 (h >> 52) % 2 ? "November" : "October");
        i++;
    }
}

/* Smooth drift: a slow sine plus weekly value noise, small daily jitter. */
static double drift(const char *domain, const char *salt, int day)
{
    uint64_t h = sim_hash(domain, sim_hash(salt, 11));
    double period = 20.0 + 40.0 * sim_unit(h);
    double phase = sim_unit(h >> 7);
    double s = 0.10 * sin(2.0 * M_PI * ((double)day / period + phase));
    int w = day >= 0 ? day / 7 : (day - 6) / 7;
    double f = (double)(day - w * 7) / 7.0;
    double a = sim_unit(sim_hash(domain, h + (uint64_t)w));
    double b = sim_unit(sim_hash(domain, h + (uint64_t)w + 1));
    double v = 0.10 * (a + (b - a) * (3 * f * f - 2 * f * f * f));
    double j = 0.015 * sim_unit(sim_hash(domain, h ^ ((uint64_t)day * 0x9E37)));
    return s + v + j;
}

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return strcmp(x->domain, y->domain);
}

static void display_url(char *out, size_t n, const char *url)
{
    /* Google style: "https://www.yelp.com › search › x" */
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *slash = strchr(p, '/');
    size_t hl = slash ? (size_t)(slash - p) : strlen(p);
    struct buf b = {0};
    buf_addn(&b, url, (size_t)(p - url) + hl);
    if (slash) {
        const char *s = slash + 1;
        while (*s && *s != '?') {
            const char *e = s;
            while (*e && *e != '/' && *e != '?') e++;
            if (e > s) {
                buf_add(&b, " \xe2\x80\xba ");
                buf_addn(&b, s, (size_t)(e - s) > 40 ? 40 : (size_t)(e - s));
            }
            s = *e == '/' ? e + 1 : e;
        }
    }
    snprintf(out, n, "%s", b.p ? b.p : "");
    buf_free(&b);
}

static void hit_from(struct sim_hit *h, const struct cand *c)
{
    snprintf(h->url, sizeof h->url, "%s", c->url);
    /* "yelp.com#2" is yelp.com's second page in the same results */
    snprintf(h->domain, sizeof h->domain, "%.*s", (int)strcspn(c->domain, "#"), c->domain);
    snprintf(h->title, sizeof h->title, "%s", c->title);
    snprintf(h->snippet, sizeof h->snippet, "%s", c->snippet);
    display_url(h->display, sizeof h->display, c->url);
}

/* Where a demo site stands on day `day` (1-based), 0 = absent. */
static int demo_position(const struct demo *d, const char *engine, const char *query, int day)
{
    double t = (double)(day - (sim_anchor_day - 29)) / 29.0;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    /* day-to-day noise differs per query, so sibling keywords do not move in lock-step */
    uint64_t h = sim_hash(d->domain, (uint64_t)day * 31 + sim_hash(engine, 5) + sim_hash(query, 6));
    int eoff = strcmp(engine, "google") == 0 ? 0 : 1;
    int pos;
    switch (d->kind) {
    case 0:
        pos = (int)lround(15.0 - 12.0 * t) + (int)(h % 3) - 1 + eoff;
        break;
    case 1:
        pos = (int)lround(19.0 - 9.0 * t) + (int)(h % 5) - 2 + eoff;
        if (pos < 7) pos = 7;
        break;
    default:
        if (t < 0.35 || (h % 6 == 0 && t < 0.9)) /* steady over the last days: the demo shows a change */
            return 0;
        pos = (int)lround(30.0 - 14.0 * (t - 0.35) / 0.65) + (int)(h % 5) - 2 + eoff;
    }
    return pos < 1 ? 1 : pos;
}

static void build_paa(struct sim_serp *s, const struct ctx *x)
{
    s->npaa = 4;
    if (x->niche) {
        const char *cn = x->city ? x->city->name : "my area";
        snprintf(s->paa[0], sizeof s->paa[0], "How much does a %s cost in %s?", x->niche->noun, cn);
        snprintf(s->paa[1], sizeof s->paa[1], "How do I find a good %s near me?", x->niche->noun);
        snprintf(s->paa[2], sizeof s->paa[2], "What is the average hourly rate for a %s?", x->niche->noun);
        snprintf(s->paa[3], sizeof s->paa[3], "Do I need a licensed %s?", x->niche->noun);
    } else {
        snprintf(s->paa[0], sizeof s->paa[0], "What is %s?", x->query);
        snprintf(s->paa[1], sizeof s->paa[1], "How does %s work?", x->query);
        snprintf(s->paa[2], sizeof s->paa[2], "Is %s worth it?", x->query);
        snprintf(s->paa[3], sizeof s->paa[3], "Where can I find %s?", x->query);
    }
}

/* Google's AI overview (issue 18): shown for about a third of queries,
 * more for questions and cost queries, and not every day (so a backfill
 * sees it come and go). It cites 2-4 links in order, most of them the
 * query's own top organic results, so a ranking site is cited on some
 * days and not on others. Only Google has one. */
static void build_ai(struct sim_serp *s, const char *salt, int day)
{
    static const char *const asks[] = {"how ", "why ", "what ", "cost", "price", "when ", "does "};
    static const char *const refs[] = {"https://en.wikipedia.org/wiki/%s",
                                       "https://www.consumerreports.org/%s/",
                                       "https://www.energy.gov/energysaver/%s"};
    double p = 0.33;
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++)
        if (strstr(s->query, asks[i]))
            p = 0.6;
    uint64_t h = sim_hash(salt, (uint64_t)day * 104729 + 31);
    int forced = strstr(s->query, "xss") || strstr(s->query, "aioverview");
    if (s->norg < 3 || (!forced && sim_unit(h) >= p))
        return;
    int want = 2 + (int)((h >> 20) % 3);
    int top = s->norg < 8 ? s->norg : 8;
    for (int k = 0; s->nai < want && k < 12; k++) {
        uint64_t kh = sim_hash(salt, (uint64_t)day * 131 + (uint64_t)k);
        struct sim_hit *a = &s->ai[s->nai];
        if (kh % 5 == 0) { /* a source that is not among the results */
            char sl[120];
            slug(sl, sizeof sl, s->query, '-');
            snprintf(a->url, sizeof a->url, refs[(kh >> 8) % 3], sl);
            const char *host = strstr(a->url, "//") + 2;
            const char *dot = strchr(host, '.');
            snprintf(a->domain, sizeof a->domain, "%s",
                     strncmp(host, "www.", 4) && strncmp(host, "en.", 3) ? host : dot + 1);
            char *slash = strchr(a->domain, '/');
            if (slash)
                *slash = 0;
            char t[sizeof a->title];
            snprintf(t, sizeof t, "%s - %s", s->query, a->domain);
            memcpy(a->title, t, sizeof t);
        } else {
            *a = s->org[(kh >> 8) % (uint64_t)top];
        }
        int dup = 0;
        for (int j = 0; j < s->nai; j++)
            dup |= strcmp(s->ai[j].url, a->url) == 0;
        if (!dup) /* a source is cited once */
            s->nai++;
    }
    if (strstr(s->query, "xss") && s->nai > 0)
        snprintf(s->ai[0].title, sizeof s->ai[0].title, "<script>alert('ai')</script> & cited");
}

/* A local candidate as a pack / Maps entry. */
static void local_place(struct sim_place *pl, const struct cand *c, const struct ctx *x, int day)
{
    uint64_t ph = sim_hash(c->domain, 23);
    snprintf(pl->name, sizeof pl->name, "%s", c->name);
    pl->rating = 3.8 + 0.1 * (double)(ph % 13);
    pl->reviews = 5 + (int)((ph >> 8) % 900) + (day - sim_anchor_day + 400) / 30;
    if (x->dyn) /* a small town's businesses have a few dozen reviews */
        pl->reviews = 3 + (int)((ph >> 8) % (uint64_t)(30 + lround(870 * x->sat))) +
                      (day - sim_anchor_day + 400) / 60;
    if ((ph >> 20) % 7)
        snprintf(pl->website, sizeof pl->website, "https://www.%s/", c->domain);
    snprintf(pl->phone, sizeof pl->phone, "(512) 555-%04d", 1000 + (int)((ph >> 40) % 9000));
    snprintf(pl->address, sizeof pl->address, "%d %s %s", 100 + (int)((ph >> 24) % 9800),
             (ph >> 36) % 2 ? "Main St" : "Commerce Dr", x->city->name);
    snprintf(pl->category, sizeof pl->category, "%c%s", toupper((unsigned char)x->niche->noun[0]),
             x->niche->noun + 1);
}

/* The demo site's business as a pack / Maps entry. */
static void demo_place(struct sim_place *pl, const struct demo *dm, const struct ctx *x, int day)
{
    memset(pl, 0, sizeof *pl);
    snprintf(pl->name, sizeof pl->name, "%s", dm->name);
    pl->rating = 4.6 + (dm->kind == 0 ? 0.3 : 0.0);
    pl->reviews = 40 + (day - sim_anchor_day + 60) * (dm->kind == 0 ? 2 : 1);
    if (pl->reviews < 5) pl->reviews = 5;
    snprintf(pl->website, sizeof pl->website, "https://%s/", dm->domain);
    snprintf(pl->phone, sizeof pl->phone, "%s", dm->phone);
    snprintf(pl->address, sizeof pl->address, "%d Congress Ave %s", 1200 + dm->kind * 311, x->city->name);
    snprintf(pl->category, sizeof pl->category, "%c%s", toupper((unsigned char)x->niche->noun[0]),
             x->niche->noun + 1);
    pl->lat = dm->lat;
    pl->lng = dm->lng;
}

/* Distance model (README "Points and distance"): score = prominence -
 * GEO_KM_PENALTY per km from the point + noise per (seed, day, business,
 * point to ~100 m). Prominence ignores the engine and location so Google
 * HTML, serp-api google and google_maps agree at one point. */
#define GEO_KM_PENALTY 0.20
#define GEO_NOISE 0.06
struct mcand { struct sim_place pl; double score; };

static int cmp_mcand(const void *a, const void *b)
{
    const struct mcand *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return strcmp(x->pl.name, y->pl.name);
}

static double geo_noise(const char *key, int day, const struct sim_point *pt)
{
    char k[300];
    snprintf(k, sizeof k, "%s|%d|%ld|%ld", key, day, lround(pt->lat * 1000.0), lround(pt->lng * 1000.0));
    return GEO_NOISE * sim_unit(sim_hash(k, sim_geo_seed * 0x9E3779B97F4A7C15ULL + 61));
}

/* Fills s->maps (up to 20) and the pack (its top 3) as seen from pt. */
static void rank_from_point(struct sim_serp *s, const struct ctx *x, const struct demo *dm, int day,
                            const struct sim_point *pt)
{
    double clat, clng;
    if (x->dyn) {
        clat = x->town.lat;
        clng = x->town.lng;
    } else if (sim_city_centre(x->city->key, &clat, &clng) < 0) {
        sim_geo_town_point(x->city->key, &clat, &clng);
    }
    struct mcand *m = calloc((size_t)x->n + 1, sizeof *m);
    if (!m)
        abort();
    char msalt[300];
    snprintf(msalt, sizeof msalt, "maps|%s", s->query);
    int nm = 0;
    for (int j = 0; j < x->n; j++) {
        const struct cand *c = &x->c[j];
        if (!c->local)
            continue;
        struct mcand *e = &m[nm++];
        local_place(&e->pl, c, x, day);
        sim_geo_scatter(c->domain, x->city->key, clat, clng, &e->pl.lat, &e->pl.lng);
        double prom = c->base + drift(c->domain, msalt, day) + 0.10 * sim_unit(sim_hash(c->domain, 29));
        e->score = prom - GEO_KM_PENALTY * sim_geo_km(pt->lat, pt->lng, e->pl.lat, e->pl.lng) +
                   geo_noise(c->domain, day, pt);
    }
    if (dm) {
        /* a strong, well-reviewed profile that grows over the demo month */
        double t = (double)(day - (sim_anchor_day - 29)) / 29.0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        struct mcand *e = &m[nm++];
        demo_place(&e->pl, dm, x, day);
        double prom = (dm->kind == 0 ? 0.62 : dm->kind == 1 ? 0.58 : 0.55) + 0.08 * t;
        e->score = prom - GEO_KM_PENALTY * sim_geo_km(pt->lat, pt->lng, dm->lat, dm->lng) +
                   geo_noise(dm->domain, day, pt);
    }
    qsort(m, (size_t)nm, sizeof *m, cmp_mcand);
    s->nmaps = nm < SIM_MAX_MAPS ? nm : SIM_MAX_MAPS;
    for (int i = 0; i < s->nmaps; i++)
        s->maps[i] = m[i].pl;
    s->nplaces = s->nmaps < 3 ? s->nmaps : 3;
    for (int i = 0; i < s->nplaces; i++)
        s->places[i] = m[i].pl;
    free(m);
}

void sim_serp_build(struct sim_serp *s, const char *engine, const char *query,
                    const char *location, int day)
{
    sim_serp_build_at(s, engine, query, location, day, NULL);
}

void sim_serp_build_at(struct sim_serp *s, const char *engine, const char *query,
                       const char *location, int day, const struct sim_point *pt)
{
    memset(s, 0, sizeof *s);
    struct ctx x = {0};
    sim_normalise(s->query, sizeof s->query, query ? query : "");
    x.query = s->query;
    char loc[160];
    sim_normalise(loc, sizeof loc, location ? location : "");

    char padded[300];
    snprintf(padded, sizeof padded, " %s ", s->query);
    for (size_t i = 0; i < sizeof cities / sizeof cities[0] && !x.city; i++) {
        char k[40];
        snprintf(k, sizeof k, " %s", cities[i].key);
        if (strstr(padded, k))
            x.city = &cities[i];
    }
    for (size_t i = 0; i < sizeof cities / sizeof cities[0] && !x.city; i++)
        if (strncmp(loc, cities[i].key, strlen(cities[i].key)) == 0)
            x.city = &cities[i];
    for (size_t i = 0; i < sizeof niches / sizeof niches[0] && !x.niche; i++)
        for (int m = 0; m < 4 && niches[i].match[m]; m++)
            if (strstr(s->query, niches[i].match[m]))
                x.niche = &niches[i];
    if (!x.city && x.niche) {
        const char *words[5] = {NULL};
        for (int m = 0; m < 4 && x.niche->match[m]; m++)
            words[m] = x.niche->match[m];
        if (sim_town_detect(&x.town, s->query, loc, x.niche->key, words)) {
            x.town_city = (struct city){x.town.key, x.town.name, x.town.st, NULL, NULL};
            x.city = &x.town_city;
            x.dyn = 1;
            x.sat = x.town.saturation;
        }
    }
    if (!x.city && pt && pt->set) { /* a point names its city when the query does not */
        const char *k = sim_nearest_city(pt->lat, pt->lng);
        for (size_t i = 0; i < sizeof cities / sizeof cities[0] && !x.city; i++)
            if (strcmp(cities[i].key, k) == 0)
                x.city = &cities[i];
    }
    if (x.city) {
        snprintf(s->city, sizeof s->city, "%s", x.city->name);
        snprintf(s->state, sizeof s->state, "%s", x.city->st);
        slug(x.cityslug, sizeof x.cityslug, x.city->name, '-');
        slug(x.citytight, sizeof x.citytight, x.city->name, 0);
        slug(x.stl, sizeof x.stl, x.city->st, 0);
    }
    if (x.niche)
        snprintf(s->niche, sizeof s->niche, "%s", x.niche->key);
    {
        size_t o = 0;
        int up = 1;
        for (const char *p = s->query; *p && o + 1 < sizeof x.qtitle; p++) {
            x.qtitle[o++] = up ? (char)toupper((unsigned char)*p) : *p;
            up = *p == ' ';
        }
        x.qtitle[o] = '\0';
    }

    struct cand *cands = calloc(200, sizeof *cands);
    if (!cands)
        abort();
    x.c = cands;
    x.max = 200;
    if (x.niche) {
        add_locals(&x, 75);
        add_directories(&x);
        add_second_pages(&x);
        add_generic(&x, 45);
    } else {
        add_generic(&x, 140);
    }

    char salt[400];
    snprintf(salt, sizeof salt, "%s|%s|%s", engine, s->query, loc);
    for (int i = 0; i < x.n; i++) {
        struct cand *c = &cands[i];
        c->score = c->base + drift(c->domain, salt, day) +
                   0.12 * sim_unit(sim_hash(c->domain, sim_hash(loc, 1))) +
                   0.10 * sim_unit(sim_hash(c->domain, sim_hash(engine, 2)));
    }
    qsort(cands, (size_t)x.n, sizeof *cands, cmp_cand);

    uint64_t qh = sim_hash(salt, 17);
    int total = 100 + (int)(qh % 21);
    if (total > x.n)
        total = x.n;
    /* a query that finds nothing, for "not ranked" versus "blocked" tests */
    if (strstr(s->query, "noresults"))
        total = 0;

    /* the demo site, if this query is its niche and city */
    const struct demo *dm = NULL;
    int dpos = 0;
    for (size_t i = 0; i < sizeof demos / sizeof demos[0]; i++)
        if (x.niche && x.city && strcmp(demos[i].niche, x.niche->key) == 0 &&
            strcmp(demos[i].city, x.city->key) == 0)
            dm = &demos[i];
    if (dm) {
        dpos = demo_position(dm, engine, s->query, day);
        /* sibling queries of one site rank near each other, not identically */
        if (dpos > 0) {
            dpos += (int)(sim_hash(salt, 23) % 3) - 1;
            if (dpos < 1)
                dpos = 1;
        }
    }
    int oi = 0;
    for (int i = 0; s->norg < total && s->norg < SIM_MAX_ORG; i++) {
        if (dm && dpos == s->norg + 1) {
            struct sim_hit *h = &s->org[s->norg++];
            uint64_t dh = sim_hash(dm->domain, (uint64_t)day);
            static const char *dp[] = {"", "services/", "about/", "%s/"};
            char path[96];
            unsigned k = pick(dh, 4);
            if (k == 3)
                snprintf(path, sizeof path, "%s-%s/", x.niche->word[0], x.cityslug);
            else
                snprintf(path, sizeof path, "%s", dp[k]);
            snprintf(h->url, sizeof h->url, "https://%s%s/%s", (dh >> 8) % 2 ? "www." : "", dm->domain, path);
            snprintf(h->domain, sizeof h->domain, "%s", dm->domain);
            snprintf(h->title, sizeof h->title, "%s | %s %s in %s, %s", dm->name,
                     (dh >> 12) % 2 ? "Licensed" : "Local", x.niche->noun, x.city->name, x.city->st);
            local_snippet(h->snippet, sizeof h->snippet, &x, dm->name, dh >> 16);
            display_url(h->display, sizeof h->display, h->url);
            continue;
        }
        if (oi >= x.n)
            break;
        hit_from(&s->org[s->norg++], &cands[oi++]);
    }

    /* hostile content, only when the query asks for it */
    if (strstr(s->query, "xss") && s->norg > 1) {
        snprintf(s->org[1].title, sizeof s->org[1].title,
                 "<script>alert(\"xss\")</script> & 'quotes' \"double\" </h3><b>bold");
        snprintf(s->org[1].snippet, sizeof s->org[1].snippet,
                 "<img src=x onerror=alert(1)> ${jndi:x} `rm -rf /` ; DROP TABLE result; -- \\ %%s %%n");
    }

    s->total = total ? (long long)pow(10.0, 5.0 + 3.0 * sim_unit(qh >> 5)) + (long long)(qh % 1000) * 10 : 0;

    /* ads: from businesses below the fold, rotating by day */
    int nads = x.niche ? 2 + (int)((qh >> 9) % 2) : (qh >> 9) % 3 == 0;
    int nbottom = x.niche ? (int)((qh >> 13) % 3) : 0;
    if (x.dyn) { /* advertisers crowd a big metro and skip a small town */
        nads = (int)lround(4.0 * x.sat - 0.4 * sim_unit(qh >> 17));
        nads = nads < 0 ? 0 : nads > SIM_MAX_ADS ? SIM_MAX_ADS : nads;
        nbottom = x.sat > 0.5 ? (int)((qh >> 13) % 3) : 0;
    }
    uint64_t dayh = sim_hash(salt, (uint64_t)day * 7919);
    for (int k = 0, j = 0; k < nads + nbottom && j < x.n; j++) {
        struct cand *c = &cands[(unsigned)(j + (int)(dayh % 13) + 15) % (unsigned)x.n];
        if (!c->local && x.niche)
            continue;
        struct sim_hit *h = k < nads ? &s->ads_top[s->nads_top++] : &s->ads_bottom[s->nads_bottom++];
        hit_from(h, c);
        snprintf(h->url, sizeof h->url, "https://www.%s/", c->domain);
        display_url(h->display, sizeof h->display, h->url);
        if (x.niche) {
            static const char *at[] = {"%s - Same-Day %s Service", "24/7 Emergency %s | %s",
                                       "%s | Book Online - $50 Off %s"};
            unsigned a = pick(dayh >> (k * 3), 3);
            if (a == 1)
                snprintf(h->title, sizeof h->title, at[1], x.niche->title, c->name);
            else
                snprintf(h->title, sizeof h->title, at[a], c->name, x.niche->title);
        }
        k++;
    }
    if (s->nads_top > SIM_MAX_ADS) s->nads_top = SIM_MAX_ADS;

    /* local pack: strong local businesses, sometimes the demo site */
    if (x.niche && x.city) {
        if (pt && pt->set)
            rank_from_point(s, &x, dm, day, pt);
        for (int j = 0; j < x.n && s->nplaces < 3 && !(pt && pt->set); j++) {
            struct cand *c = &cands[j];
            if (!c->local)
                continue;
            local_place(&s->places[s->nplaces++], c, &x, day);
        }
        if (dm && s->nplaces == 3 && !(pt && pt->set)) {
            double t = (double)(day - (sim_anchor_day - 29)) / 29.0;
            uint64_t lh = sim_hash(dm->domain, (uint64_t)day * 3 + sim_hash(engine, 9));
            int slot = -1;
            if (dm->kind == 0 && t > 0.4 && lh % 3 != 0)
                slot = t > 0.8 ? 0 : 1 + (int)(lh % 2);
            else if (dm->kind == 1 && lh % 4 == 0)
                slot = 2;
            else if (dm->kind == 2 && t > 0.7 && lh % 5 == 0)
                slot = 2;
            if (slot >= 0) {
                memmove(&s->places[slot + 1], &s->places[slot], sizeof s->places[0] * (size_t)(2 - slot));
                demo_place(&s->places[slot], dm, &x, day);
            }
        }
        if (strstr(s->query, "xss") && s->nplaces > 0)
            snprintf(s->places[0].name, sizeof s->places[0].name, "<script>alert('place')</script> & Co");
        if (strstr(s->query, "xss") && s->nmaps > 0)
            snprintf(s->maps[0].name, sizeof s->maps[0].name, "<script>alert('place')</script> & Co");
    }
    if (sim_local_no_website) {
        for (int j = 0; j < s->nplaces; j++)
            s->places[j].website[0] = '\0';
        for (int j = 0; j < s->nmaps; j++)
            s->maps[j].website[0] = '\0';
    }
    build_paa(s, &x);
    if (strcmp(engine, "google") == 0 && total > 0)
        build_ai(s, salt, day);
    if (total == 0)
        s->nads_top = s->nads_bottom = s->nplaces = s->npaa = s->nmaps = 0;
    free(cands);
}
