/* rankrows.c - the rank rows of a check, as SQL only: which sites a check
 * of a keyword gets a row for, and writing the rows the caller matched
 * (track/match.c decides which result is which site), so a check stored
 * now and a past check backfilled later are written the same way. */
#include <stdlib.h>

#include "store_int.h"

int store_rank_sites(store *st, long long keyword_id, long long site_id,
                     struct store_rank_site **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* its own site and every competitor of that site (competitor_of it, or
     * NULL: of every site), or only site_id (none when site_id is a
     * competitor of another site) */
    sqlite3_stmt *s = store_stmt(
        st, "SELECT s.id, s.domain, s.business_name, s.phone FROM site s"
            " WHERE (?2 = 0 OR s.id = ?2) AND"
            " (s.id = (SELECT site_id FROM keyword WHERE id = ?1) OR"
            "  " STORE_COMPETES("s", "(SELECT site_id FROM keyword WHERE id = ?1)") " OR"
            "  (?2 <> 0 AND s.competitor = 0))"
            " ORDER BY s.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_int64(s, 2, site_id);
    struct store_rank_site *v = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(v, cap, *n + 1);
        v[*n].id = sqlite3_column_int64(s, 0);
        v[*n].domain = store_col_text(s, 1);
        v[*n].business_name = store_col_text(s, 2);
        v[*n].phone = store_col_text(s, 3);
        (*n)++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_rank_sites_free(v, *n);
        *n = 0;
        return store_err(st, "cannot read the sites to rank");
    }
    *out = v;
    return 0;
}

void store_rank_sites_free(struct store_rank_site *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].domain);
        free(v[i].business_name);
        free(v[i].phone);
    }
    free(v);
}

int store_rank_rows_current(store *st, long long keyword_id, const struct model_rank_row *rows,
                            size_t n)
{
    sqlite3_stmt *s = store_stmt(
        st, "SELECT s.id FROM site s WHERE"
            " s.id = (SELECT site_id FROM keyword WHERE id = ?1) OR"
            " " STORE_COMPETES("s", "(SELECT site_id FROM keyword WHERE id = ?1)")
            " ORDER BY s.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    size_t i = 0;
    int same = 1, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && same)
        same = i < n && rows[i++].site_id == sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read the sites to rank");
    if (!same || i != n)
        return store_fail(st, STORE_ERR_STALE,
                          "store: the sites of keyword %lld changed while its check was matched",
                          keyword_id);
    return 0;
}

int store_rank_rows_insert(store *st, long long check_id, long long keyword_id, time_t at,
                           const struct model_rank_row *rows, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        long long uid = rows[j].url ? store_intern_url(st, rows[j].url) : 0;
        if (uid < 0)
            return -1;
        /* the check's location: where this search was made from */
        sqlite3_stmt *ins = store_stmt(st, "INSERT INTO rank(check_id, site_id, position, url_id,"
                                           " local, keyword_id, checked_at, location_id)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT"
                                           " location_id FROM \"check\" WHERE id = ?1))");
        if (!ins)
            return -1;
        sqlite3_bind_int64(ins, 1, check_id);
        sqlite3_bind_int64(ins, 2, rows[j].site_id);
        store_bind_int(ins, 3, rows[j].position, MODEL_NONE);
        store_bind_int(ins, 4, uid, 0);
        sqlite3_bind_int(ins, 5, rows[j].local);
        sqlite3_bind_int64(ins, 6, keyword_id);
        sqlite3_bind_int64(ins, 7, (long long)at);
        if (store_step_done(st, ins, "cannot store rank") != 0)
            return -1;
    }
    return 0;
}

int store_rank_rows_put(store *st, long long check_id, const struct model_rank_row *rows,
                        size_t n)
{
    sqlite3_stmt *s = store_stmt(st, "SELECT keyword_id, checked_at FROM \"check\" WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    int rc = sqlite3_step(s);
    long long kw = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    time_t at = rc == SQLITE_ROW ? (time_t)sqlite3_column_int64(s, 1) : 0;
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return store_fail(st, STORE_ERR_NOTFOUND, "store: no check with id %lld", check_id);
    if (rc != SQLITE_ROW)
        return store_err(st, "cannot read the check");
    if (store_begin(st) != 0)
        return -1;
    if (store_rank_rows_insert(st, check_id, kw, at, rows, n) != 0) {
        store_rollback(st);
        return -1;
    }
    return store_commit(st);
}

int store_rank_local_at(store *st, const char *site, long long keyword_id, time_t checked_at,
                        int *local)
{
    *local = 0;
    long long sid = store_site_id(st, site);
    if (sid <= 0)
        return 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT local FROM rank WHERE site_id = ?1 AND"
                                     " keyword_id = ?2 AND checked_at = ?3"
                                     " ORDER BY check_id DESC LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, sid);
    sqlite3_bind_int64(s, 2, keyword_id);
    sqlite3_bind_int64(s, 3, (long long)checked_at);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *local = sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read the local pack position");
    return rc == SQLITE_ROW;
}
