/* ai.c - a site in an AI overview (issue 18): whether and where its
 * domain is cited, the same rule for rank, report and alerts, and the
 * alert rules for a citation gained or lost. Pure: no store, no output. */
#include <string.h>

#include "track.h"
#include "url.h"
#include "util.h"

int track_ai_cite_position(const struct serp_cite *v, size_t n, const char *site)
{
    if (!site || !*site)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].url && url_matches_site(v[i].url, site))
            return v[i].position > 0 ? v[i].position : (int)i + 1;
    return 0;
}

void track_ai_seen_of(const struct store_ai *a, const char *site, struct track_ai_seen *out)
{
    memset(out, 0, sizeof *out);
    if (!a || !a->check_id || !a->known)
        return;
    out->known = 1;
    out->present = a->present;
    out->cited = a->present ? track_ai_cite_position(a->cites, a->n, site) : 0;
}

size_t track_alert_ai_rules(const struct config *cfg, const struct track_ai_seen *prev,
                            const struct track_ai_seen *cur, struct track_alert out[1])
{
    /* an overview stored before cites were kept says nothing either way */
    if (!cfg->alerts.ai_overview || !prev->known || !cur->known)
        return 0;
    if (cur->cited > 0 && prev->cited <= 0) {
        out[0] = (struct track_alert){
            "ai_cited", xasprintf("cited in the AI overview at %d", cur->cited)};
        return 1;
    }
    if (prev->cited > 0 && cur->cited <= 0) {
        out[0] = (struct track_alert){
            "ai_uncited",
            cur->present ? xasprintf("no longer cited in the AI overview (was %d)", prev->cited)
                         : xasprintf("the AI overview that cited it (at %d) is gone",
                                     prev->cited)};
        return 1;
    }
    return 0;
}
