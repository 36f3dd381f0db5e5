/* research.h - keyword research and rank-and-rent arithmetic: the shipped
 * data in keywords/ (niches, cities, modifiers, directories), keyword
 * expansion, autocomplete parsing, search-volume and call-log file parsing,
 * SERP competition signals, and the opportunity / value formulas.
 *
 * research/ does no network I/O and prints nothing to stdout; only
 * value.c reads the store (DESIGN.md: research/ reads store/). The
 * commands in src/cmd/ (research, value, portfolio, leads) do the rest.
 * Errors: int functions return 0 or -1 after error() ("serptrack: ..."),
 * unless the comment says they never print. Ownership: every struct and
 * list filled here owns its strings; release with the matching *_release /
 * *_free function. */
#ifndef SERPTRACK_RESEARCH_H
#define SERPTRACK_RESEARCH_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "serp.h"
#include "store.h"

/* --- string lists ---------------------------------------------------------- */
struct research_list {
    char **v; /* owned strings */
    size_t n, cap;
};
#define RESEARCH_LIST_INIT {NULL, 0, 0}
/* Appends a copy of s unless an equal string is present; 1 when added. */
int research_list_add_unique(struct research_list *l, const char *s);
int research_list_has(const struct research_list *l, const char *s);
void research_list_release(struct research_list *l);

/* Lower-case (ASCII), whitespace runs to one space, trimmed: the form
 * keywords are compared, de-duplicated and stored in. Newly allocated. */
char *research_normalise(const char *s);

/* --- shipped data (keywords/) ---------------------------------------------- */
struct research_niche {
    char *name;              /* "plumbing" */
    char **services;         /* owned; services[0] is the main term */
    size_t n_services;
    double value_low, value_high; /* USD per lead */
    double searches_per_1000; /* monthly searches of "{main service} {city}" per 1,000
                               * residents, for volume estimates; 0 = unknown */
    char *hint;              /* conversion hint; may be NULL */
};
struct research_city {
    char *name, *state, *code; /* "Austin", "Texas", "TX" */
    char *norm;                /* research_normalise(name), for matching queries */
    long long population;
    double lat, lon;
};
/* Where a modifier goes (modifiers.csv `position`). */
enum research_mod_pos {
    RESEARCH_SUFFIX,     /* "{service} {city} {modifier}": "plumber austin cost" */
    RESEARCH_PREFIX,     /* "{modifier} {service} {city}": "emergency plumber austin" */
    RESEARCH_INFIX,      /* "{service} {modifier} {city}": "plumbing repair austin" */
    RESEARCH_STANDALONE, /* "{service} {modifier}", the city only as the location:
                          * "plumber near me" */
};
/* Classes of service terms (research_term_class) a modifier fits. */
enum {
    RESEARCH_TERM_TRADE = 1,    /* who does it: plumber, roofing contractor, tree service */
    RESEARCH_TERM_ACTIVITY = 2, /* the work, nothing to fix: towing, landscaping */
    RESEARCH_TERM_WORK = 4,     /* a trade's work as a whole: plumbing, roofing */
    RESEARCH_TERM_SYSTEM = 8,   /* a thing installed, fixed, replaced: hvac, wood fence */
    RESEARCH_TERM_JOB = 16,     /* one job: water heater repair, drain cleaning */
    RESEARCH_TERM_CARE = 32,    /* health and legal practice work: dental implants */
    RESEARCH_TERM_ALL = 63,
};
struct research_modifier {
    char *text;  /* "near me" */
    int prefix;  /* 1: pos == RESEARCH_PREFIX */
    enum research_mod_pos pos;
    unsigned fits; /* RESEARCH_TERM_* bits; all when modifiers.csv has no `fits` column */
    int urgent;    /* intent "urgent": only for terms research_term_urgent accepts */
};
/* A non-buyer term of intents.csv ("salary": job seekers). */
struct research_intent {
    char *term;   /* normalised, matched as whole words */
    char *intent; /* job, training, license, diy, info, trade */
    char *padded; /* " term " in the form research_intent_of compares */
};
struct research_directory {
    char *domain; /* registrable domain */
    char *kind;   /* directory|aggregator|social|forum|map */
};

/* One row of volume-patterns.csv: a way a local query departs from the
 * head term "{service} {city}", with the share of the head term's
 * searches it keeps. */
enum {
    RESEARCH_VP_TERMS,        /* literal terms ("emergency", "24 hour|24/7") */
    RESEARCH_VP_HEAD,         /* "{service} {city}" (share 1 by definition) */
    RESEARCH_VP_CITY_STATE,   /* "{city} {st}": the state after the city */
    RESEARCH_VP_SERVICE2,     /* "{service2}": a secondary service term */
    RESEARCH_VP_NEAR_ME,      /* "near me" with no city in the query */
    RESEARCH_VP_CITY_NEAR_ME, /* "{city} near me" */
    RESEARCH_VP_OTHER,        /* "{other}": words no pattern knows */
};
/* Shares used when the file lacks a placeholder row. */
#define RESEARCH_VP_CITY_STATE_SHARE 0.10
#define RESEARCH_VP_SERVICE2_SHARE 0.30
#define RESEARCH_VP_NEAR_ME_SHARE 1.5
#define RESEARCH_VP_CITY_NEAR_ME_SHARE 0.03
#define RESEARCH_VP_OTHER_SHARE 0.05
struct research_volpat {
    char *name;      /* "emergency"; owned */
    int kind;        /* RESEARCH_VP_* */
    char **terms;    /* owned, normalised; RESEARCH_VP_TERMS only */
    size_t n_terms, cap_terms;
    double share;    /* of the niche's head rate (searches_per_1000) */
};

struct research_data {
    struct research_niche *niches;
    size_t n_niches, cap_niches;
    struct research_city *cities; /* largest first, as the file lists them */
    size_t n_cities, cap_cities;
    struct research_modifier *mods;
    size_t n_mods, cap_mods;
    struct research_directory *dirs;
    size_t n_dirs, cap_dirs;
    struct research_intent *intents;
    size_t n_intents, cap_intents;
    struct research_volpat *pats; /* volume-patterns.csv, file order */
    size_t n_pats, cap_pats;
};

/* Directory holding the data: [research] data_dir, else the first of
 * ./keywords, <exe dir>/keywords, <exe dir>/../share/serptrack/keywords,
 * <exe dir>/../../keywords and the install folder holding niches.csv, else "keywords" (and
 * research_data_load's error then lists where it looked). Borrowed; valid
 * until the next call. */
const char *research_data_dir(const struct config *cfg);
/* Loads the files of dir that `what` asks for (RESEARCH_NICHES | ...); a
 * missing or malformed file is an error naming the file and line. */
enum { RESEARCH_NICHES = 1, RESEARCH_CITIES = 2, RESEARCH_MODS = 4, RESEARCH_DIRS = 8,
       RESEARCH_INTENTS = 16, RESEARCH_PATTERNS = 32 };
int research_data_load(struct research_data *d, const char *dir, int what);
/* Same from buffers (tests, fuzzing); name is used in messages. */
int research_niches_parse(struct research_data *d, const char *buf, size_t len, const char *name);
int research_cities_parse(struct research_data *d, const char *buf, size_t len, const char *name);
int research_mods_parse(struct research_data *d, const char *buf, size_t len, const char *name);
int research_dirs_parse(struct research_data *d, const char *buf, size_t len, const char *name);
int research_intents_parse(struct research_data *d, const char *buf, size_t len,
                           const char *name);
/* " term " with single spaces, punctuation as spaces: the form intents are
 * matched in. Newly allocated. */
char *research_padded_words(const char *s);
/* volume-patterns.csv (pattern,match,share[,basis]); a bad share, an
 * unknown placeholder or a term given twice is an error naming file:line. */
int research_volpat_parse(struct research_data *d, const char *buf, size_t len, const char *name);
void research_volpat_release(struct research_volpat *p);
void research_data_release(struct research_data *d);

/* Lookups; borrowed results, NULL when absent. A niche matches its name
 * case-insensitively; a city its name (and state code or state name when
 * given). research_niche_of_query finds the niche whose service term
 * occurs in the query (longest term wins); research_city_of_query the
 * largest city whose name occurs as whole words in the query. */
const struct research_niche *research_niche_find(const struct research_data *d, const char *name);
const struct research_city *research_city_find(const struct research_data *d, const char *name,
                                               const char *state);
const struct research_niche *research_niche_of_query(const struct research_data *d,
                                                     const char *query);
const struct research_city *research_city_of_query(const struct research_data *d,
                                                   const char *query);
/* Kind of a domain in the directory list (registrable domain match), NULL
 * when it is not a directory. */
const char *research_directory_kind(const struct research_data *d, const char *domain);
/* Canonical location "Austin,Texas,United States". Newly allocated. */
char *research_city_location(const struct research_city *c);

/* --- expand ------------------------------------------------------------------ */
struct research_expand {
    const struct research_niche *niche;   /* required */
    int all_services;                     /* every service term, else the main one */
    const struct research_city *const *cities; /* borrowed array */
    size_t n_cities;
    const struct research_modifier *const *mods; /* borrowed array, may be empty */
    size_t n_mods;
};
struct research_kw {
    char *query;                         /* normalised */
    const struct research_city *city;    /* borrowed */
};
/* Generates "{service} {city}", "{service} in {city} {state code}",
 * "{city} {service}" and, per modifier that fits the service term
 * (research_modifier_fits), the modifier at its position; normalised and
 * de-duplicated per city, in that order per city. */
void research_expand_run(const struct research_expand *x, struct research_kw **out, size_t *n);
void research_kw_free(struct research_kw *v, size_t n);

/* --- grammar and intents (grammar.c; documented in keywords/README.md) ------ */
/* Class of a service term (one RESEARCH_TERM_* bit): from its last word,
 * or care when any word is one of health or legal work. */
unsigned research_term_class(const char *service);
/* 1 when people call for the service in a hurry (a burst pipe, a lockout),
 * so "emergency" and "24 hour" make sense before it. */
int research_term_urgent(const char *service);
/* 1 when m may be added to service: the term's class is in m->fits, no
 * word of the modifier is already a word of the term (plural-blind), and
 * an urgent modifier only goes on an urgent term without one already. */
int research_modifier_fits(const struct research_modifier *m, const char *service);
/* The first intents.csv term found in query as whole words, NULL when the
 * query has none (a buyer's query). Borrowed. */
const struct research_intent *research_intent_of(const struct research_data *d,
                                                 const char *query);
/* Counts of dropped queries per intent, for the one stderr line. */
struct research_drops {
    const char *intent[16]; /* borrowed from the data */
    long n[16];
    long total;
};
/* Adds one drop of intent i to dr. */
void research_drops_add(struct research_drops *dr, const struct research_intent *i);
/* "12 non-buyer queries (job 7, training 5)" into a new string, or NULL when
 * nothing was dropped. */
char *research_drops_text(const struct research_drops *dr);
/* --- volume estimates (volest.c) -------------------------------------------- */
struct research_volume_est {
    long long volume;        /* monthly searches; -1 when there is no city to scale */
    double share;            /* product of the matched patterns' shares */
    double rate;             /* searches per 1,000 residents: share x the niche's head rate */
    long long population;
    const struct research_city *city; /* borrowed: the city searched for */
    char pattern[160];       /* "head", "near me", "secondary service x emergency" */
};
/* Estimates the volume of query for niche (may be NULL: the default
 * rate) searched in loc_city (the keyword's location, may be NULL): the
 * service term, the city (the location's when the query names it, else
 * the largest city the query names, else the location's), the state after
 * the city, "near me" and the modifier terms of d->pats (longest term
 * first; each pattern counts once, several multiply) and any other word
 * (one "other words" factor) each narrow the head rate. 1 with out
 * filled, 0 when no city is known (out->volume = -1). Never prints. */
int research_volume_estimate(const struct research_data *d, const struct research_niche *niche,
                             const struct research_city *loc_city, const char *query,
                             struct research_volume_est *out);

/* --- autocomplete ---------------------------------------------------------- */
/* Parses an autocomplete answer: Google's toolbar XML
 * (<toplevel><CompleteSuggestion><suggestion data="..."/>) with libxml2,
 * or the OpenSearch JSON (["seed",["s1","s2",...]], or [{"phrase":"..."}])
 * with jansson, as the engine's descriptor (serp_engine_desc.suggest) says. Adds the
 * normalised suggestions to out (de-duplicated). Returns the number added,
 * -1 when the answer is not in the expected format (never prints). */
int research_suggest_parse(enum serp_engine e, const char *buf, size_t len,
                           struct research_list *out);

/* --- search volume files ----------------------------------------------------- */
/* Parses a Google Keyword Planner export (UTF-16LE with BOM or UTF-16
 * without, or UTF-8; tab-separated; title rows before the "Keyword" header
 * row) or a plain CSV with keyword,volume[,cpc,competition] (header
 * optional). Calls fn for each row (source "keyword-planner" or "csv").
 * Bad rows are errors with their line number; returns the number of rows,
 * or -1 when the file is not one of these formats or has bad rows. */
long research_volume_parse(const char *buf, size_t len, const char *name,
                           int (*fn)(const struct store_volume *v, void *arg), void *arg);
/* UTF-16 (LE or BE with BOM, else LE) to UTF-8 through iconv(3). Returns a
 * new NUL-terminated string and its length, or NULL on bad input. */
char *research_utf16_to_utf8(const char *buf, size_t len, size_t *out_len);

/* --- Search Console (gsc.c) ------------------------------------------------ */
/* One row of the Performance export's Queries tab. */
struct research_gsc_row {
    char *query;             /* research_normalise()d; owned by the parser, valid
                              * during the callback only */
    long long clicks, impressions;
    double ctr;              /* 0..1 (the file's, else clicks / impressions) */
    double position;         /* average position, >= 1 */
    long line;
};
/* Parses Queries.csv (UTF-8 with or without BOM, or UTF-16 with BOM,
 * converted; comma, semicolon or tab separated; headers in en, de, fr, es,
 * it, pt, nl, pl or ja, matched case-insensitively) and calls fn per row.
 * Another tab of the export (Pages, Countries...) is refused naming it.
 * Every bad row is an error naming file:line; returns the number of rows,
 * or -1 when the file is refused or any row is bad (so a caller importing
 * in one transaction imports nothing). */
long research_gsc_parse(const char *buf, size_t len, const char *name,
                        int (*fn)(const struct research_gsc_row *r, void *arg), void *arg);
/* A click or impression count: digits, optionally grouped by thousands
 * with ",", ".", spaces (also U+00A0, U+202F) or "'", one kind per number
 * and 3 digits per group ("1,234", "1.234", "1 234"). Counts are whole,
 * so "1.234" is always 1234. 0, or -1 when not such a number. */
int research_gsc_count(const char *s, long long *out);
/* A decimal with "," or "." as the decimal separator ("3,2" = 3.2); with
 * both, the rightmost is the decimal one ("1.234,5", "1,234.5"). 0 or -1. */
int research_gsc_decimal(const char *s, double *out);

/* The site's CTR curve, fitted from its own Search Console rows when there
 * are enough of them: at least RESEARCH_CTR_MIN_QUERIES queries with
 * RESEARCH_CTR_MIN_IMPRESSIONS impressions or more at an average position
 * of 10 or better (rounded). Each position's rate is the site's clicks /
 * impressions there, shrunk toward the default curve scaled to the site's
 * overall level (a prior worth RESEARCH_CTR_PRIOR_IMPRESSIONS impressions),
 * clamped to a quarter..4x the default (at most 60 %) and never above the
 * position before it. README "Search Console" explains the numbers. */
#define RESEARCH_CTR_MIN_QUERIES 10
#define RESEARCH_CTR_MIN_IMPRESSIONS 30
#define RESEARCH_CTR_PRIOR_IMPRESSIONS 300.0
#define RESEARCH_CTR_PRIOR_CLICKS 20.0
struct research_ctr_curve {
    int calibrated;          /* 1: fitted from the site's rows; 0: the default */
    double ctr[11];          /* positions 1..10 ([0] unused) */
    double scale;            /* site level vs the default curve (1 = default) */
    int queries;             /* qualifying queries */
    long long impressions, clicks; /* over them */
    const char *why;         /* static: why the default is used; NULL when calibrated */
};
void research_ctr_fit(const struct store_gsc_row *rows, size_t n, struct research_ctr_curve *c);
/* The curve's CTR at a position; ctr_at() when c is NULL or not calibrated. */
double research_ctr_curve_at(const struct research_ctr_curve *c, int position);

/* --- call logs --------------------------------------------------------------- */
struct research_call {
    time_t called_at;
    int duration;        /* seconds */
    char *caller;        /* may be NULL */
    char *tracking;      /* tracking number (digits only) or NULL */
    char *source;        /* "Source" column or the tracking number; may be NULL */
    char *site;          /* "site"/"website" column as a registrable domain; may be NULL */
    char *ext_id;        /* call id; may be NULL */
    long line;
};
/* Column mapping: NULL-terminated "field=Header" pairs from --map, fields
 * time, duration, caller, tracking, source, site, id. */
long research_calls_parse(const char *buf, size_t len, const char *name, const char *const *map,
                          int (*fn)(const struct research_call *c, void *arg), void *arg);
/* "95", "1:35", "00:01:35", "95s" -> seconds; -1 when bad. */
int research_parse_duration(const char *s);
/* ISO dates, "YYYY-MM-DD HH:MM[:SS] [AM|PM]", "MM/DD/YYYY HH:MM[:SS] [AM|PM]"
 * (taken as UTC). 0 or -1. */
int research_parse_call_time(const char *s, time_t *out);
/* Last 10 digits of a phone number (US), in buf[11]; NULL when fewer than
 * 7 digits. */
char *research_phone_key(const char *s, char buf[static 11]);

/* --- call channels (channel.c) ------------------------------------------------ */
/* Where a call came from, classified from its imported Source text by an
 * ordered, case-insensitive table of whole-word phrases (README,
 * "Channels"): organic search, the Google Business Profile / Maps listing,
 * paid (ads, Local Services Ads), direct website visits, referrals
 * (directories, social, other sites) and everything else (offline, a bare
 * tracking number, no source). */
enum research_channel {
    RESEARCH_CH_ORGANIC,
    RESEARCH_CH_PROFILE,
    RESEARCH_CH_PAID,
    RESEARCH_CH_DIRECT,
    RESEARCH_CH_REFERRAL,
    RESEARCH_CH_OTHER,
    RESEARCH_CHANNELS
};
/* NULL or unknown text is RESEARCH_CH_OTHER; never prints. */
enum research_channel research_channel_of(const char *source);
/* The three groups `value` and `portfolio` count leads in: organic and the
 * business profile each on their own (the two a rank-and-rent site earns),
 * every other channel together. */
enum research_lead_group { RESEARCH_LG_ORGANIC, RESEARCH_LG_PROFILE, RESEARCH_LG_OTHER,
                           RESEARCH_LEAD_GROUPS };
enum research_lead_group research_lead_group_of(const char *source);
/* "organic", "profile", "paid", "direct", "referral", "other"; static. */
const char *research_channel_name(enum research_channel c);
/* The reverse, case-insensitive; 0, or -1 when name is none of them. */
int research_channel_parse(const char *name, enum research_channel *out);
/* A caller's number masked for a list that may be shared: "(512) ***-0101"
 * (area code and last four digits of a 10-digit number), "***-0101" for
 * 7 to 9 digits. Written into buf and returned; NULL when caller holds
 * fewer than 7 digits (a name, "Anonymous", nothing), which a masked list
 * does not show either. */
char *research_caller_mask(const char *caller, char buf[static 20]);

/* --- competition --------------------------------------------------------- */
struct research_competition {
    int n_organic;      /* organic results looked at (top 10) */
    int directories;    /* directories, aggregators, maps in the top 10 */
    int forums;         /* forums and social / thin results in the top 10 */
    int exact_match;    /* domains holding a service term and the city, nothing else */
    int partial_match;  /* domains holding a service term or the city */
    int local_pack;     /* 1 when a local pack is shown */
    int businesses;     /* businesses in the local pack */
    long long reviews;  /* reviews summed over the local pack */
    int ads;
    int ads_top;        /* ads above the organic results */
    unsigned features;
    /* domain diversity: each domain counted once however many slots it holds */
    int domains;        /* distinct domains in the top 10 */
    int strong;         /* of them, neither a directory nor a forum/social site */
    int emd_domains;    /* of the strong, exact-match domains */
    int pmd_domains;    /* of the strong, partial-match domains */
    double score;       /* 0 (soft) .. 1 (hard); see research_competition_score */
};
/* Signals from a result page for a query of niche (may be NULL) in city
 * (may be NULL). */
void research_competition_of(const struct research_data *d, const struct serp_page *p,
                             const struct research_niche *niche, const struct research_city *city,
                             struct research_competition *out);
/* c = 0.35*strong + 0.20*emd + 0.10*pmd + 0.15*ads + 0.20*pack where
 * strong = (n_organic - directories - forums) / n_organic, emd =
 * min(exact,2)/2, pmd = min(partial,4)/4, ads = min(ads,4)/4, pack =
 * min(reviews/600, 1) when a pack is shown. Sets and returns c->score. */
double research_competition_score(struct research_competition *c);
/* The five terms of that sum, each 0..1, as the score weighs them (research
 * prints them beside the score, so the two cannot drift). */
struct research_competition_terms {
    double strong, emd, pmd, ads, pack;
};
struct research_competition_terms research_competition_terms_of(const struct research_competition *c);
/* "plumber" in "austinplumber.com": the domain label without hyphens
 * contains the term without spaces. Exposed for tests. */
int research_domain_has(const char *domain, const char *term);
/* The one exact/partial-match domain rule (research's table and the
 * competition counts): RESEARCH_EMD when the domain names both a service
 * of the niche (its name, a service term or a 5+ letter word of one) and
 * the city, RESEARCH_PMD when one of them, 0 otherwise. niche and city may
 * be NULL. */
enum { RESEARCH_EMD = 2, RESEARCH_PMD = 1 };
int research_domain_match(const char *domain, const struct research_niche *niche,
                          const struct research_city *city);

/* --- opportunity and value -------------------------------------------------- */
#define RESEARCH_CONVERSION_DEFAULT 0.05
#define RESEARCH_RENT_SHARE_LOW 0.25
#define RESEARCH_RENT_SHARE_HIGH 0.40
#define RESEARCH_SEARCHES_PER_1000 2.0
#define RESEARCH_COMPETITION_UNKNOWN 0.5
/* research score: how hard each kind of top-10 competitor is for a new
 * small site to pass (README "research score"; judgment, documented). */
#define RESEARCH_HARD_EMD 1.0     /* exact-match domain: a local business built for it */
#define RESEARCH_HARD_PMD 0.6     /* partial-match domain */
#define RESEARCH_HARD_OTHER 0.3   /* any other non-directory domain */
#define RESEARCH_HARD_UNKNOWN 3.0 /* no stored SERP: a typical mid-size city */
#define RESEARCH_PACK_BASE 0.25   /* organic clicks a local pack takes ... */
#define RESEARCH_PACK_REVIEWS 0.15 /* ... plus this much more when its reviews reach 600 */
#define RESEARCH_AD_CLICKS 0.05   /* organic clicks each top ad takes (up to 4) */

struct research_assumptions {
    double conversion;   /* visits -> leads, [value] conversion_rate */
    double share_low;    /* [value] rent_share_low */
    double share_high;   /* [value] rent_share_high */
};
/* From [value] in cfg with the defaults above (warns on nonsense). */
void research_assumptions_load(const struct config *cfg, struct research_assumptions *a);

/* The opportunity of one keyword: what a new small site can earn there,
 * given who holds the top 10 today.
 *   hard     = 1.0 x exact-match + 0.6 x partial-match + 0.3 x other strong
 *              domains of the top 10 (distinct domains; directories,
 *              aggregators, forums and social sites count 0)
 *   reach    = max(target, 1 + round(hard)), at most 11: the position it can reach
 *   pack     = 1 - (0.25 + 0.15 x min(reviews / 600, 1)) when a local pack shows, else 1
 *   ads      = 1 - 0.05 x min(top ads, 4)
 *   ctr      = ctr_at(reach) x pack x ads
 *   visits   = volume x engine share x ctr;  leads = visits x conversion
 *   value    = leads x lead value  (USD a month at the reachable position)
 *   score    = value
 *   potential = value at ctr_at(target) with a clean page (for comparison)
 * With no stored SERP (serp_known 0) hard = 3, a pack with 300 reviews
 * and 2 top ads are assumed. */
struct research_score {
    /* inputs */
    long long volume;        /* monthly searches */
    int volume_estimated;    /* 1: research_volume_estimate, not imported */
    int target;              /* best position aimed at (1 = no cap) */
    double lead_value;       /* mid of the niche range */
    double conversion;
    double share;            /* engine share of the volume (research_engine_share); 0 = 1 */
    int serp_known;          /* comp holds a stored SERP's signals */
    struct research_competition comp;
    /* factors */
    double competition;      /* comp.score (research analyze's index), 0.5 unknown */
    double hard;             /* weighted count of strong competitors */
    int reach;               /* reachable position */
    double ctr_reach;        /* ctr_at(reach) */
    double pack_factor;      /* organic clicks left by a local pack */
    double ads_factor;       /* organic clicks left by top ads */
    double ctr;              /* ctr_reach x pack_factor x ads_factor */
    /* outputs */
    double visits;           /* volume * share * ctr */
    double leads;            /* visits * conversion */
    double value;            /* leads * lead_value, USD per month */
    double potential;        /* value at ctr_at(target) on a clean page */
    double score;            /* = value */
};
void research_score_compute(struct research_score *s);

/* Lead value of a niche (mid-point of its range). */
double research_lead_value(const struct research_niche *n);

/* --- what a site's rankings are worth (value.c, reads the store) ------------ */
/* Share of Google's volume each engine sees (Keyword Planner volumes are
 * Google's): each engine's descriptor holds its default and the [value]
 * key overriding it (engine_desc.share_key, default_share in src/engine/). */
double research_engine_share(const struct config *cfg, enum serp_engine e);

struct research_kw_value {
    long long keyword_id;
    char *query, *location, *device;  /* owned */
    enum serp_engine engine;
    int position;            /* MODEL_NONE when not ranked / never checked */
    int whatif;              /* 1: position is the --position what-if */
    long long volume;        /* < 0 unknown */
    int volume_estimated;    /* 1: no imported volume, research_volume_estimate's */
    char *volume_pattern;    /* owned: the estimate's pattern; NULL when imported */
    double share;            /* engine share of the volume */
    double device_share;     /* share of the volume this row counts: its device's
                              * ([value] mobile_share or 1 - it), plus the other
                              * device's when that one is not tracked; 0 when
                              * the volume is counted on another row */
    double ctr, visits, leads, value; /* ctr: organic; visits: organic + pack */
    int local_position;      /* rank.local: 1.., 0 = not in the pack,
                              * MODEL_PACK_UNKNOWN = in it, place not kept */
    double pack_ctr;         /* ctr_pack_at(local_position), at 3 when unknown */
    double pack_visits;      /* part of visits from pack clicks */
    double assumed_visits;   /* part of visits from the untracked other device,
                              * assumed at this row's position */
    long long counted_on;    /* > 0: a duplicate (same query x location x engine
                              * x device) whose volume is counted on that keyword */
    const char *note;        /* static text, "" when nothing to say */
    time_t first_top10;
    double gsc_clicks;       /* actual clicks per month of this query in the site's
                              * latest Search Console import, all locations and
                              * devices together; < 0 when not in it (or a
                              * row of another engine: the export is Google's) */
};
/* The site's latest Search Console import as value shows it. */
struct research_site_gsc {
    int imported;            /* 0: none (the rest is 0) */
    time_t start, end;       /* its period (UTC day starts, inclusive) */
    int days;
    long long queries;
    double clicks_month;     /* every query of the export, per month */
    int matched;             /* tracked Google queries found in it (each once) */
    double matched_clicks_month; /* their actual clicks per month */
    double matched_visits;   /* the estimated visits of the rows tracking them */
};
struct research_site_value {
    char *domain;            /* owned */
    char *niche;             /* owned, NULL when the site has none */
    double lead_value;       /* USD per lead (niche mid-point), 0 when unknown */
    struct research_assumptions a;
    struct research_kw_value *kw; /* owned */
    size_t n_kw;
    int top3, top10, local, volumes_known; /* volumes_known: imported or estimated */
    int volumes_estimated;   /* of them, estimated (needs d's cities and patterns) */
    double visits, leads, value, rent_low, rent_high;
    double pack_visits;      /* part of visits from local pack clicks */
    double mobile_share;     /* [value] mobile_share used */
    int duplicates, assumed; /* rows counted once elsewhere / with an assumed device */
    time_t first_top10;      /* earliest over the keywords; 0 = never */
    struct research_site_gsc gsc;
    struct research_ctr_curve curve; /* used for the Google rows */
};
/* Comparison key of a location spelling: lower case, no spaces, a US state
 * abbreviation spelled out and a trailing country ("United States", "USA",
 * "US") dropped, so "Austin, TX" and "Austin,Texas,United States" both give
 * "austin,texas". NULL or "" gives "". Owned by the caller (free). A
 * stand-in until locations are resolved against the city data. */
char *research_location_key(const char *location);
/* [value] mobile_share: the share of a query's searches made on mobile
 * (default RESEARCH_MOBILE_SHARE); -1 with an error when the configured
 * value is not a number from 0 to 1. */
#define RESEARCH_MOBILE_SHARE 0.6
double research_mobile_share(const struct config *cfg);
/* Values site's keywords from their latest positions; with whatif_kw > 0
 * that keyword is valued at whatif_pos instead. d needs the niches; with
 * its cities and patterns too, a keyword without an imported volume gets
 * the pattern estimate (volume_estimated), else it counts as 0. */
int research_site_value(store *st, const struct config *cfg, const struct research_data *d,
                        const char *site, long long whatif_kw, int whatif_pos,
                        struct research_site_value *out);
void research_site_value_release(struct research_site_value *v);

#endif
