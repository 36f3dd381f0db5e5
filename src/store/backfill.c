/* backfill.c - what a site added later (or made a competitor later) needs
 * to get its past positions from the stored result pages (issue 13 #2):
 * the keywords it applies to and their ok checks it has no rank row for.
 * track_site_backfill matches them with the same rule as a check stored
 * now, so history, rank, report and alerts agree whenever the site was
 * added. */
#include "store_int.h"

int store_site_keywords(store *st, long long site_id, long long **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    /* its own keywords; a competitor also those of the site it competes
     * with, or every keyword when it belongs to no site in particular */
    sqlite3_stmt *s = store_stmt(
        st, "SELECT k.id FROM keyword k JOIN site s ON s.id = ?1"
            " WHERE k.site_id = s.id OR " STORE_COMPETES("s", "k.site_id") " ORDER BY k.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, site_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*ids, cap, *n + 1);
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return store_err(st, "cannot read keywords");
    }
    return 0;
}

/* A site made a competitor already has rows for its own keywords. */
int store_site_missing_checks(store *st, long long keyword_id, long long site_id,
                              long long **ids, long long **at, size_t *n)
{
    *ids = NULL;
    *at = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT c.id, c.checked_at FROM \"check\" c WHERE c.keyword_id = ?1 AND c.status = 0"
            " AND NOT EXISTS (SELECT 1 FROM rank r WHERE r.check_id = c.id AND r.site_id = ?2)"
            " ORDER BY c.checked_at, c.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_int64(s, 2, site_id);
    size_t cap = 0, cap_at = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*ids, cap, *n + 1);
        GROW(*at, cap_at, *n + 1);
        (*ids)[*n] = sqlite3_column_int64(s, 0);
        (*at)[*n] = sqlite3_column_int64(s, 1);
        (*n)++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read checks");
}
