/* grammar.c - which modifier may go with which service term (so expand
 * writes queries people type, never "ac repair repair"), and the whole-word
 * matcher that drops non-buyer queries (jobs, salary, DIY) listed in
 * keywords/intents.csv. The rules are documented in keywords/README.md. */
#include <ctype.h>

#include "research.h"
#include "util.h"

/* Last words of a term naming one job: the term already says what is done,
 * so a service word ("repair", "company" is fine) must not follow it. */
static const char *const job_words[] = {
    "repair", "repairs", "replacement", "installation", "install", "cleaning", "removal",
    "detection", "treatment", "trimming", "grinding", "remediation", "cleanup", "extraction",
    "upgrade", "pumping", "inspection", "waterproofing", "whitening", "change", "painting",
    "hauling", "cleanout", "maintenance", "adjustment", "lockout", "design", "care",
    "control", "restoration", "flooding", "implants", NULL};
/* Last words of a term naming who does the work (a person or a business). */
static const char *const trade_words[] = {
    "plumber", "roofer", "electrician", "contractor", "exterminator", "arborist", "lawyer",
    "attorney", "dentist", "locksmith", "landscaper", "cleaner", "painter", "movers", "mover",
    "installer", "builder", "company", "companies", "bondsman", "agent", "mechanic", "shop",
    "chiropractor", "clinic", "service", "services", "truck", "pros", "experts", NULL};
/* Last words of a trade's work as a whole: it is repaired and sold by
 * companies ("plumbing repair", "roofing company"), but a gerund is not
 * installed or replaced ("plumbing replacement"). */
static const char *const work_words[] = {"plumbing", "roofing", "cooling", "heating",
                                         "electrical", "concrete", NULL};
/* Last words of a thing that breaks, is installed or replaced ("wood fence
 * installation", "hvac replacement"). */
static const char *const system_words[] = {"hvac", "fence", "system", "door", "driveway",
                                           "patio", "roof", "windows", "siding", "gutters",
                                           NULL};
/* Words of health and legal services: a practice, not a company or a
 * contractor ("dental implants company" is not what people type). */
static const char *const care_words[] = {"dental", "teeth", "dentist", "implants", "whitening",
                                         "chiropractic", "chiropractor", "spine", "pain",
                                         "injury", "accident", "lawyer", "attorney", NULL};

/* Words of terms people call about in a hurry: water where it should not
 * be, no heat or cooling, no power, locked out, stranded, in pain, in
 * jail, a tree on the house. */
static const char *const urgent_words[] = {
    "plumber", "plumbing", "drain", "sewer", "leak", "heater", "roofer", "roof", "storm",
    "hvac", "ac", "air", "furnace", "heating", "cooling", "electrician", "electrical",
    "outlet", "locksmith", "lockout", "lock", "key", "towing", "tow", "roadside", "flood",
    "water", "extraction", "bail", "bondsman", "garage", "septic", "removal", NULL};
/* Last words of jobs that are planned, never urgent ("roof replacement"). */
static const char *const planned_words[] = {
    "installation", "install", "replacement", "upgrade", "design", "inspection", "system",
    "implants", "whitening", "waterproofing", "hauling", "cleanout", NULL};
/* Words that already make a term urgent ("emergency towing"). */
static const char *const urgency_words[] = {"emergency", "24", "hour", "same", "day", NULL};

static int in_list(const char *const *list, const char *w, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && strncmp(*list, w, len) == 0)
            return 1;
    return 0;
}

/* 1 when a word of the normalised text t is in list (last: only its last word). */
static int has_word(const char *t, const char *const *list, int last)
{
    if (last) {
        const char *w = strrchr(t, ' ');
        w = w ? w + 1 : t;
        return in_list(list, w, strlen(w));
    }
    for (const char *p = t; *p;) {
        size_t l = strcspn(p, " ");
        if (in_list(list, p, l))
            return 1;
        p += l;
        while (*p == ' ')
            p++;
    }
    return 0;
}

unsigned research_term_class(const char *service)
{
    char *t = research_normalise(service);
    const char *w = strrchr(t, ' ');
    w = w ? w + 1 : t;
    size_t len = strlen(w);
    unsigned c = in_list(trade_words, w, len)    ? RESEARCH_TERM_TRADE
                 : has_word(t, care_words, 0)    ? RESEARCH_TERM_CARE
                 : in_list(job_words, w, len)    ? RESEARCH_TERM_JOB
                 : in_list(work_words, w, len)   ? RESEARCH_TERM_WORK
                 : in_list(system_words, w, len) ? RESEARCH_TERM_SYSTEM
                                                 : RESEARCH_TERM_ACTIVITY;
    free(t);
    return c;
}

int research_term_urgent(const char *service)
{
    char *t = research_normalise(service);
    int u = has_word(t, urgent_words, 0) && !has_word(t, planned_words, 1) &&
            !has_word(t, urgency_words, 0);
    free(t);
    return u;
}

/* Word w[0..len) with a plural "s" dropped, for comparing "service" and
 * "services". */
static size_t stem_len(const char *w, size_t len)
{
    return len > 3 && w[len - 1] == 's' && w[len - 2] != 's' ? len - 1 : len;
}

/* 1 when a word of a (space-separated, normalised) is a word of b. */
static int shares_word(const char *a, const char *b)
{
    for (const char *p = a; *p;) {
        size_t l = strcspn(p, " ");
        size_t ls = stem_len(p, l);
        for (const char *q = b; *q;) {
            size_t m = strcspn(q, " ");
            if (ls && stem_len(q, m) == ls && strncmp(p, q, ls) == 0)
                return 1;
            q += m;
            while (*q == ' ')
                q++;
        }
        p += l;
        while (*p == ' ')
            p++;
    }
    return 0;
}

int research_modifier_fits(const struct research_modifier *m, const char *service)
{
    if (!(m->fits & research_term_class(service)))
        return 0;
    if (m->urgent && !research_term_urgent(service))
        return 0;
    char *s = research_normalise(service);
    int dup = shares_word(m->text, s);
    free(s);
    return !dup;
}

/* " plumber round rock salary " : words separated by single spaces, every
 * character that is not a letter, digit or apostrophe a space, so a term is
 * found as " term " and never inside a longer word ("licensed"). */
char *research_padded_words(const char *s)
{
    char *n = research_normalise(s);
    for (char *p = n; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '\'' && !((unsigned char)*p & 0x80))
            *p = ' ';
    util_squeeze_space(n);
    char *r = xasprintf(" %s ", n);
    free(n);
    return r;
}

const struct research_intent *research_intent_of(const struct research_data *d,
                                                 const char *query)
{
    if (!d->n_intents)
        return NULL;
    char *q = research_padded_words(query);
    const struct research_intent *hit = NULL;
    for (size_t i = 0; i < d->n_intents && !hit; i++)
        if (strstr(q, d->intents[i].padded))
            hit = &d->intents[i];
    free(q);
    return hit;
}

void research_drops_add(struct research_drops *dr, const struct research_intent *i)
{
    size_t k = 0;
    while (k < ARRAY_SIZE(dr->intent) && dr->intent[k] && strcmp(dr->intent[k], i->intent) != 0)
        k++;
    if (k == ARRAY_SIZE(dr->intent))
        k--; /* more kinds than slots: the last one counts the rest */
    if (!dr->intent[k])
        dr->intent[k] = i->intent;
    dr->n[k]++;
    dr->total++;
}

char *research_drops_text(const struct research_drops *dr)
{
    if (!dr->total)
        return NULL;
    strbuf sb = STRBUF_INIT;
    sb_addf(&sb, "%ld non-buyer quer%s (", dr->total, dr->total == 1 ? "y" : "ies");
    for (size_t k = 0; k < ARRAY_SIZE(dr->intent) && dr->intent[k]; k++)
        sb_addf(&sb, "%s%s %ld", k ? ", " : "", dr->intent[k], dr->n[k]);
    sb_adds(&sb, ")");
    return sb_detach(&sb);
}
