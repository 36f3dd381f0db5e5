/* ai.c - an AI overview's cited links per check (issue 18, schema 13):
 * saved with the check in citation order, re-stored by a reparse, read
 * back into a loaded page (the stored model equals the parsed one), and
 * the latest overviews of a keyword for rank, alerts and the report. A
 * check whose page had no overview stores nothing. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int store_ai_save(store *st, long long check_id, const struct serp_page *p)
{
    if (!p || !(p->features & SERP_F_AI_OVERVIEW))
        return 0;
    for (size_t i = 0; i < p->n_ai_cited; i++) {
        const struct serp_cite *c = &p->ai_cited[i];
        long long u = store_intern_url(st, c->url);
        long long t = store_intern_str(st, c->title ? c->title : "");
        if (u < 0 || t < 0)
            return -1;
        if (u == 0)
            continue; /* a cite without a URL says nothing to match */
        sqlite3_stmt *s = store_stmt(
            st, "INSERT OR IGNORE INTO ai_cite(check_id, position, url_id, title_id)"
                " VALUES (?1, ?2, ?3, ?4)");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, check_id);
        sqlite3_bind_int64(s, 2, (long long)i + 1);
        sqlite3_bind_int64(s, 3, u);
        sqlite3_bind_int64(s, 4, t);
        if (store_step_done(st, s, "cannot store AI overview citations") != 0)
            return -1;
    }
    sqlite3_stmt *s = store_stmt(st, "UPDATE \"check\" SET ai_cites = ?2 WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    sqlite3_bind_int64(s, 2, (long long)p->n_ai_cited);
    return store_step_done(st, s, "cannot store AI overview citations");
}

int store_ai_replace(store *st, long long check_id, const struct serp_page *p)
{
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM ai_cite WHERE check_id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    if (store_step_done(st, s, "cannot replace AI overview citations") != 0)
        return -1;
    s = store_stmt(st, "UPDATE \"check\" SET ai_cites = NULL WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    if (store_step_done(st, s, "cannot replace AI overview citations") != 0)
        return -1;
    return store_ai_save(st, check_id, p);
}

/* The cites of check_id in order, through serp_add_ai_cite so domains
 * and cleaning are the parser's own. */
int store_ai_load(store *st, long long check_id, struct serp_page *p)
{
    sqlite3_stmt *s = store_stmt(
        st, "SELECT u.url, t.s FROM ai_cite a JOIN url u ON u.id = a.url_id"
            " LEFT JOIN str t ON t.id = a.title_id WHERE a.check_id = ?1 ORDER BY a.position");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, check_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        serp_add_ai_cite(p, (const char *)sqlite3_column_text(s, 0),
                         (const char *)sqlite3_column_text(s, 1));
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read AI overview citations");
}

void store_ai_release(struct store_ai *a)
{
    for (size_t i = 0; a && i < a->n; i++) {
        free(a->cites[i].url);
        free(a->cites[i].domain);
        free(a->cites[i].title);
    }
    if (a) {
        free(a->cites);
        memset(a, 0, sizeof *a);
    }
}

/* Fills out from the check row s holds (id, checked_at, features,
 * ai_cites) and its cites. */
static int ai_from_row(store *st, sqlite3_stmt *s, struct store_ai *out)
{
    out->check_id = sqlite3_column_int64(s, 0);
    out->checked_at = (time_t)sqlite3_column_int64(s, 1);
    out->present = (sqlite3_column_int64(s, 2) & SERP_F_AI_OVERVIEW) != 0;
    out->known = !out->present || sqlite3_column_type(s, 3) != SQLITE_NULL;
    sqlite3_reset(s);
    if (!out->present || !out->known)
        return 1;
    struct serp_page p;
    serp_page_init(&p);
    if (store_ai_load(st, out->check_id, &p) != 0) {
        serp_page_release(&p);
        return -1;
    }
    /* hand the cites over and leave the page empty of them */
    out->cites = p.ai_cited;
    out->n = p.n_ai_cited;
    p.ai_cited = NULL;
    p.n_ai_cited = p.cap_ai_cited = 0;
    serp_page_release(&p);
    return 1;
}

int store_ai_nth(store *st, long long keyword_id, int nth, struct store_ai *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(
        st, "SELECT id, checked_at, features, ai_cites FROM \"check\""
            " WHERE keyword_id = ?1 AND status = 0"
            " ORDER BY checked_at DESC, id DESC LIMIT 1 OFFSET ?2");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_int(s, 2, nth < 0 ? 0 : nth);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return ai_from_row(st, s, out);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read AI overviews");
}

int store_ai_last_overview(store *st, long long keyword_id, time_t since, time_t until,
                           struct store_ai *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(
        st, "SELECT id, checked_at, features, ai_cites FROM \"check\""
            " WHERE keyword_id = ?1 AND status = 0 AND ai_cites IS NOT NULL"
            " AND checked_at >= ?2 AND (?3 = 0 OR checked_at <= ?3)"
            " ORDER BY checked_at DESC, id DESC LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_int64(s, 2, (long long)since);
    sqlite3_bind_int64(s, 3, (long long)until);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return ai_from_row(st, s, out);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read AI overviews");
}
