/* backfill.c - a site added later (or made a competitor later) gets its
 * past positions from the stored result pages (issue 13 #2): rank rows for
 * every stored ok check of the keywords it applies to, written by the same
 * matcher (match.c) as a check stored now, so history, rank, report and
 * alerts agree whenever the site was added. */
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

/* The ok checks of one keyword that have no row for the site yet (a site
 * made a competitor already has rows for its own keywords). */
static int missing_checks(store *st, long long keyword_id, long long site_id, long long **ids,
                          long long **at, size_t *n)
{
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

long long store_site_backfill(store *st, const char *domain)
{
    long long site_id = store_site_id(st, domain);
    if (site_id <= 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "site: '%s' is not tracked",
                          domain ? domain : "");
    long long *kw;
    size_t nkw;
    if (store_site_keywords(st, site_id, &kw, &nkw) != 0)
        return -1;
    /* One transaction: the site's past is there entirely or not at all.
     * The rows belong to old checks, at or below the alert watermark, so
     * no alert is raised for the past. */
    if (store_begin(st) != 0) {
        free(kw);
        return -1;
    }
    long long done = 0;
    int rc = 0;
    for (size_t i = 0; i < nkw && rc == 0; i++) {
        long long *ids = NULL, *at = NULL;
        size_t n = 0;
        rc = missing_checks(st, kw[i], site_id, &ids, &at, &n);
        for (size_t j = 0; j < n && rc == 0; j++) {
            struct serp_page page;
            rc = store_page_load(st, ids[j], &page);
            if (rc == 0)
                rc = store_rank_rows(st, ids[j], kw[i], (time_t)at[j], &page, site_id);
            serp_page_release(&page);
            done++;
        }
        free(ids);
        free(at);
    }
    free(kw);
    if (rc != 0) {
        store_rollback(st);
        return -1;
    }
    return store_commit(st) == 0 ? done : -1;
}
