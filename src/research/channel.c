/* channel.c - which marketing channel a call came through, from the
 * `Source` a call-tracking export gives it (CallRail, CallTrackingMetrics
 * and their look-alikes name the same channels differently), and how a
 * caller's number is shown in a list that may leave the operator's hands.
 * Pure: no store, no output. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "research.h"
#include "util.h"

static const char *const channel_names[RESEARCH_CHANNELS] = {
    [RESEARCH_CH_ORGANIC] = "organic", [RESEARCH_CH_PROFILE] = "profile",
    [RESEARCH_CH_PAID] = "paid",       [RESEARCH_CH_DIRECT] = "direct",
    [RESEARCH_CH_REFERRAL] = "referral", [RESEARCH_CH_OTHER] = "other",
};

enum research_lead_group research_lead_group_of(const char *source)
{
    enum research_channel c = research_channel_of(source);
    return c == RESEARCH_CH_ORGANIC   ? RESEARCH_LG_ORGANIC
           : c == RESEARCH_CH_PROFILE ? RESEARCH_LG_PROFILE
                                      : RESEARCH_LG_OTHER;
}

const char *research_channel_name(enum research_channel c)
{
    return (unsigned)c < RESEARCH_CHANNELS ? channel_names[c] : "other";
}

int research_channel_parse(const char *name, enum research_channel *out)
{
    for (int c = 0; c < RESEARCH_CHANNELS; c++)
        if (name && strcasecmp(name, channel_names[c]) == 0) {
            *out = (enum research_channel)c;
            return 0;
        }
    return -1;
}

/* First matching rule wins, so the order is the policy: anything that says
 * it was paid for is paid even when it names Maps or a business listing
 * ("Local Services Ads", "Google Ads - Maps"); an offline "Direct Mail"
 * is not direct website traffic. Phrases match whole words of the source
 * after it is lower-cased and every run of non-alphanumerics made one
 * space, so "google/organic", "Google-Organic" and "GOOGLE ORGANIC" are
 * one source. Names are those CallRail and CallTrackingMetrics use (see
 * README, "Channels"). */
static const struct {
    const char *phrase;
    enum research_channel channel;
} channel_rules[] = {
    {"direct mail", RESEARCH_CH_OTHER},
    {"direct dial", RESEARCH_CH_OTHER},
    {"paid", RESEARCH_CH_PAID},
    {"ppc", RESEARCH_CH_PAID},
    {"cpc", RESEARCH_CH_PAID},
    {"ads", RESEARCH_CH_PAID},
    {"ad", RESEARCH_CH_PAID},
    {"adwords", RESEARCH_CH_PAID},
    {"lsa", RESEARCH_CH_PAID},
    {"local services", RESEARCH_CH_PAID},
    {"google guaranteed", RESEARCH_CH_PAID},
    {"microsoft advertising", RESEARCH_CH_PAID},
    {"sponsored", RESEARCH_CH_PAID},
    {"google my business", RESEARCH_CH_PROFILE},
    {"business profile", RESEARCH_CH_PROFILE},
    {"google business", RESEARCH_CH_PROFILE},
    {"gmb", RESEARCH_CH_PROFILE},
    {"gbp", RESEARCH_CH_PROFILE},
    {"maps", RESEARCH_CH_PROFILE},
    {"google places", RESEARCH_CH_PROFILE},
    {"bing places", RESEARCH_CH_PROFILE},
    {"local pack", RESEARCH_CH_PROFILE},
    {"organic", RESEARCH_CH_ORGANIC},
    {"seo", RESEARCH_CH_ORGANIC},
    {"direct", RESEARCH_CH_DIRECT},
    {"referral", RESEARCH_CH_REFERRAL},
    {"referrer", RESEARCH_CH_REFERRAL},
    {"referring", RESEARCH_CH_REFERRAL},
    {"yelp", RESEARCH_CH_REFERRAL},
    {"angi", RESEARCH_CH_REFERRAL},
    {"angies list", RESEARCH_CH_REFERRAL},
    {"homeadvisor", RESEARCH_CH_REFERRAL},
    {"thumbtack", RESEARCH_CH_REFERRAL},
    {"nextdoor", RESEARCH_CH_REFERRAL},
    {"bbb", RESEARCH_CH_REFERRAL},
    {"facebook", RESEARCH_CH_REFERRAL},
    {"instagram", RESEARCH_CH_REFERRAL},
    {"social", RESEARCH_CH_REFERRAL},
    {"directory", RESEARCH_CH_REFERRAL},
};

/* " w1 w2 ... " (lower case, single spaces, a space at both ends) so a
 * phrase matches whole words as strstr(" phrase "). Apostrophes are
 * dropped rather than split on ("Angie's" is "angies"). Newly allocated. */
static char *words_of(const char *s)
{
    size_t n = strlen(s);
    char *w = xmalloc(n + 3), *o = w;
    *o++ = ' ';
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '\'')
            continue;
        if (isalnum(ch))
            *o++ = (char)tolower(ch);
        else if (o[-1] != ' ')
            *o++ = ' ';
    }
    if (o[-1] != ' ')
        *o++ = ' ';
    *o = '\0';
    return w;
}

enum research_channel research_channel_of(const char *source)
{
    if (!source)
        return RESEARCH_CH_OTHER;
    char *w = words_of(source);
    enum research_channel c = RESEARCH_CH_OTHER;
    char pat[64];
    for (size_t i = 0; i < ARRAY_SIZE(channel_rules); i++) {
        snprintf(pat, sizeof pat, " %s ", channel_rules[i].phrase);
        if (strstr(w, pat)) {
            c = channel_rules[i].channel;
            break;
        }
    }
    free(w);
    return c;
}

char *research_caller_mask(const char *caller, char buf[static 20])
{
    char key[11];
    if (!caller || !research_phone_key(caller, key))
        return NULL;
    size_t n = strlen(key);
    if (n == 10)
        snprintf(buf, 20, "(%.3s) ***-%s", key, key + 6);
    else
        snprintf(buf, 20, "***-%s", key + n - 4);
    return buf;
}
