/* gsc.c - a site's Search Console query rows (table gsc_query, migration
 * 9): an import replaces the imports it overlaps, and value and the report
 * read the latest one. */
#include "store_int.h"

int store_gsc_replace(store *st, const char *site, time_t start, time_t end, time_t imported_at,
                      const struct store_gsc_row *rows, size_t n, long long *replaced)
{
    long long sid = store_site_id(st, site);
    if (sid <= 0)
        return store_fail(st, STORE_ERR_NOTFOUND,
                          "site '%s' is not tracked (see 'serptrack site list')", site ? site : "");
    if (end < start)
        return store_fail(st, STORE_ERR_INVALID, "search console: period ends before it starts");
    if (store_begin(st) != 0)
        return -1;
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM gsc_query WHERE site_id = ?1"
                                     " AND period_start <= ?3 AND period_end >= ?2");
    if (!s)
        goto fail;
    sqlite3_bind_int64(s, 1, sid);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)start);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)end);
    if (store_step_done(st, s, "cannot replace search console rows") != 0)
        goto fail;
    if (replaced)
        *replaced = sqlite3_changes(st->db);
    for (size_t i = 0; i < n; i++) {
        /* the same query twice (two spellings normalised alike): one row */
        s = store_stmt(
            st, "INSERT INTO gsc_query(site_id, period_start, period_end, query, clicks,"
                " impressions, ctr, position, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                " ?8, ?9) ON CONFLICT(site_id, period_start, period_end, query) DO UPDATE SET"
                " position = CASE WHEN impressions + excluded.impressions > 0 THEN"
                "   (position * impressions + excluded.position * excluded.impressions)"
                "   / (impressions + excluded.impressions) ELSE position END,"
                " clicks = clicks + excluded.clicks,"
                " impressions = impressions + excluded.impressions,"
                " ctr = CASE WHEN impressions + excluded.impressions > 0 THEN"
                "   CAST(clicks + excluded.clicks AS REAL) / (impressions + excluded.impressions)"
                "   ELSE ctr END");
        if (!s)
            goto fail;
        sqlite3_bind_int64(s, 1, sid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)start);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)end);
        store_bind_text(s, 4, rows[i].query);
        sqlite3_bind_int64(s, 5, rows[i].clicks);
        sqlite3_bind_int64(s, 6, rows[i].impressions);
        sqlite3_bind_double(s, 7, rows[i].ctr);
        sqlite3_bind_double(s, 8, rows[i].position);
        sqlite3_bind_int64(s, 9, (sqlite3_int64)imported_at);
        if (store_step_done(st, s, "cannot store search console row") != 0)
            goto fail;
    }
    return store_commit(st);
fail:
    store_rollback(st);
    return -1;
}

int store_gsc_latest(store *st, const char *site, struct store_gsc_period *out)
{
    memset(out, 0, sizeof *out);
    long long sid = store_site_id(st, site);
    if (sid <= 0)
        return 0;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT period_start, period_end, max(imported_at), count(*), sum(clicks),"
            " sum(impressions) FROM gsc_query WHERE site_id = ?1"
            " GROUP BY period_start, period_end ORDER BY period_end DESC, 3 DESC LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->start = (time_t)sqlite3_column_int64(s, 0);
        out->end = (time_t)sqlite3_column_int64(s, 1);
        out->imported_at = (time_t)sqlite3_column_int64(s, 2);
        out->rows = sqlite3_column_int64(s, 3);
        out->clicks = sqlite3_column_int64(s, 4);
        out->impressions = sqlite3_column_int64(s, 5);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read search console rows");
    return rc == SQLITE_ROW;
}

int store_gsc_list(store *st, const char *site, time_t start, time_t end,
                   struct store_gsc_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    long long sid = store_site_id(st, site);
    if (sid <= 0)
        return 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT query, clicks, impressions, ctr, position"
                                     " FROM gsc_query WHERE site_id = ?1 AND period_start = ?2"
                                     " AND period_end = ?3 ORDER BY query");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)start);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)end);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        util_grow((void **)out, &cap, *n + 1, sizeof **out);
        struct store_gsc_row *r = &(*out)[(*n)++];
        r->query = store_col_text(s, 0);
        r->clicks = sqlite3_column_int64(s, 1);
        r->impressions = sqlite3_column_int64(s, 2);
        r->ctr = sqlite3_column_double(s, 3);
        r->position = sqlite3_column_double(s, 4);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_gsc_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot read search console rows");
    }
    return 0;
}

void store_gsc_free_list(struct store_gsc_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].query);
    free(v);
}
