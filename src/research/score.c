/* score.c - the rank-and-rent arithmetic: competition signals of a result
 * page, the opportunity score of a keyword and the assumptions (conversion
 * rate, rent share) read from [value]. Formulas are in research.h and the
 * README; every input stays visible in the structs for --explain. */
#include <ctype.h>
#include <math.h>
#include <strings.h>

#include "ctr.h"
#include "metrics.h"
#include "research.h"
#include "util.h"

/* Registrable domain without its public suffix and hyphens/dots:
 * "austin-plumbing-pros.com" -> "austinplumbingpros". */
static char *domain_label(const char *domain)
{
    const char *dot = strchr(domain, '.');
    size_t l = dot ? (size_t)(dot - domain) : strlen(domain);
    char *s = xmalloc(l + 1), *w = s;
    for (size_t i = 0; i < l; i++)
        if (isalnum((unsigned char)domain[i]))
            *w++ = (char)tolower((unsigned char)domain[i]);
    *w = '\0';
    return s;
}

static char *squash(const char *term)
{
    char *s = xmalloc(strlen(term) + 1), *w = s;
    for (const char *p = term; *p; p++)
        if (isalnum((unsigned char)*p))
            *w++ = (char)tolower((unsigned char)*p);
    *w = '\0';
    return s;
}

int research_domain_has(const char *domain, const char *term)
{
    if (!domain || !term)
        return 0;
    char *d = domain_label(domain), *t = squash(term);
    int hit = *t && strstr(d, t) != NULL;
    free(d);
    free(t);
    return hit;
}

/* Service-term tokens worth matching in a domain: the niche name, each
 * service term, and each term's words of 5+ letters ("plumber",
 * "roofing"), so "austinplumbingpros" matches "plumbing". */
static int domain_has_service(const char *domain, const struct research_niche *n)
{
    if (!n)
        return 0;
    if (research_domain_has(domain, n->name))
        return 1;
    for (size_t i = 0; i < n->n_services; i++) {
        if (research_domain_has(domain, n->services[i]))
            return 1;
        char *t = xstrdup(n->services[i]), *save = NULL;
        int hit = 0;
        for (char *w = strtok_r(t, " ", &save); w && !hit; w = strtok_r(NULL, " ", &save))
            if (strlen(w) >= 5 && strcmp(w, "repair") != 0 && strcmp(w, "service") != 0 &&
                strcmp(w, "emergency") != 0 && strcmp(w, "installation") != 0)
                hit = research_domain_has(domain, w);
        free(t);
        if (hit)
            return 1;
    }
    return 0;
}

int research_domain_match(const char *domain, const struct research_niche *niche,
                          const struct research_city *city)
{
    if (!domain)
        return 0;
    int svc = domain_has_service(domain, niche);
    int cty = city && research_domain_has(domain, city->name);
    return svc && cty ? RESEARCH_EMD : svc || cty ? RESEARCH_PMD : 0;
}

void research_competition_of(const struct research_data *d, const struct serp_page *p,
                             const struct research_niche *niche, const struct research_city *city,
                             struct research_competition *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < p->n_organic && p->organic[i].position <= 10; i++) {
        const char *dom = p->organic[i].domain;
        out->n_organic++;
        /* a domain holding two slots is one competitor (domain diversity) */
        int seen = 0;
        for (size_t j = 0; j < i && dom && !seen; j++)
            seen = p->organic[j].domain && strcasecmp(p->organic[j].domain, dom) == 0;
        if (dom && !seen)
            out->domains++;
        const char *kind = research_directory_kind(d, dom);
        if (kind && (strcmp(kind, "forum") == 0 || strcmp(kind, "social") == 0))
            out->forums++;
        else if (kind)
            out->directories++;
        if (kind || !dom)
            continue;
        int match = research_domain_match(dom, niche, city);
        if (match == RESEARCH_EMD)
            out->exact_match++;
        else if (match == RESEARCH_PMD)
            out->partial_match++;
        if (seen)
            continue;
        out->strong++;
        if (match == RESEARCH_EMD)
            out->emd_domains++;
        else if (match == RESEARCH_PMD)
            out->pmd_domains++;
    }
    for (size_t i = 0; i < p->n_ads; i++)
        if (p->ads[i].block == SERP_AD_TOP)
            out->ads_top++;
    out->local_pack = p->n_local > 0 || (p->features & SERP_F_LOCAL_PACK);
    out->businesses = (int)p->n_local;
    for (size_t i = 0; i < p->n_local; i++)
        if (p->local[i].reviews > 0)
            out->reviews += p->local[i].reviews;
    out->ads = (int)p->n_ads;
    out->features = p->features;
    research_competition_score(out);
}

static double cap01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

struct research_competition_terms research_competition_terms_of(const struct research_competition *c)
{
    struct research_competition_terms t;
    t.strong = c->n_organic > 0
                   ? (double)(c->n_organic - c->directories - c->forums) / c->n_organic
                   : 0;
    t.emd = (c->exact_match < 2 ? c->exact_match : 2) / 2.0;
    t.pmd = (c->partial_match < 4 ? c->partial_match : 4) / 4.0;
    t.ads = (c->ads < 4 ? c->ads : 4) / 4.0;
    t.pack = c->local_pack ? cap01((double)c->reviews / 600.0) : 0;
    return t;
}

double research_competition_score(struct research_competition *c)
{
    struct research_competition_terms t = research_competition_terms_of(c);
    c->score = cap01(0.35 * t.strong + 0.20 * t.emd + 0.10 * t.pmd + 0.15 * t.ads + 0.20 * t.pack);
    return c->score;
}

double research_lead_value(const struct research_niche *n)
{
    return n ? (n->value_low + n->value_high) / 2.0 : 0;
}

void research_assumptions_load(const struct config *cfg, struct research_assumptions *a)
{
    a->conversion = cfg->value.conversion_rate;
    a->share_low = cfg->value.rent_share_low;
    a->share_high = cfg->value.rent_share_high;
    if (a->conversion <= 0 || a->conversion > 1) {
        warn("[value] conversion_rate must be in (0, 1]; using %.2f", RESEARCH_CONVERSION_DEFAULT);
        a->conversion = RESEARCH_CONVERSION_DEFAULT;
    }
    if (a->share_low < 0 || a->share_high > 1 || a->share_low > a->share_high) {
        warn("[value] rent_share_low..rent_share_high must satisfy 0 <= low <= high <= 1; "
             "using %.2f..%.2f",
             RESEARCH_RENT_SHARE_LOW, RESEARCH_RENT_SHARE_HIGH);
        a->share_low = RESEARCH_RENT_SHARE_LOW;
        a->share_high = RESEARCH_RENT_SHARE_HIGH;
    }
}

void research_score_compute(struct research_score *s)
{
    if (s->target < 1)
        s->target = 1;
    if (s->share <= 0 || s->share > 1)
        s->share = 1;
    double reviews_share, ads;
    int pack;
    if (s->serp_known) {
        const struct research_competition *c = &s->comp;
        int other = c->strong - c->emd_domains - c->pmd_domains;
        s->hard = RESEARCH_HARD_EMD * c->emd_domains + RESEARCH_HARD_PMD * c->pmd_domains +
                  RESEARCH_HARD_OTHER * (other > 0 ? other : 0);
        pack = c->local_pack;
        reviews_share = cap01((double)c->reviews / 600.0);
        ads = c->ads_top < 4 ? c->ads_top : 4;
        s->competition = cap01(c->score);
    } else {
        s->hard = RESEARCH_HARD_UNKNOWN;
        pack = 1;
        reviews_share = 0.5;
        ads = 2;
        s->competition = RESEARCH_COMPETITION_UNKNOWN;
    }
    int reach = 1 + (int)lround(s->hard);
    if (reach < s->target)
        reach = s->target;
    s->reach = reach > 11 ? 11 : reach;
    s->ctr_reach = ctr_at(s->reach);
    s->pack_factor = pack ? 1.0 - (RESEARCH_PACK_BASE + RESEARCH_PACK_REVIEWS * reviews_share) : 1.0;
    s->ads_factor = 1.0 - RESEARCH_AD_CLICKS * ads;
    s->ctr = s->ctr_reach * s->pack_factor * s->ads_factor;
    s->visits = metrics_visits((double)s->volume, s->share, s->ctr);
    s->leads = s->visits * s->conversion;
    s->value = s->leads * s->lead_value;
    s->potential =
        metrics_visits((double)s->volume, s->share, ctr_at(s->target)) * s->conversion * s->lead_value;
    s->score = s->value;
}
