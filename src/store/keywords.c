/* keywords.c - tracked keywords: one row per (query, engine, location,
 * device, site), with the schedule that decides when a keyword is due; the
 * location is a row of the location table (locations.c), read back by
 * name. */
#include <ctype.h>

#include "model.h"
#include "store_int.h"

/* "a, b,,c " -> "a,b,c"; NULL when no tag is left. */
static char *norm_tags(const char *tags)
{
    if (!tags)
        return NULL;
    strbuf sb = STRBUF_INIT;
    const char *p = tags;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *t = xstrndup(p, n);
        util_squeeze_space(t);
        if (*t)
            sb_addf(&sb, "%s%s", sb.len ? "," : "", t);
        free(t);
        p += n;
        if (*p == ',')
            p++;
    }
    return sb.len ? sb_detach(&sb) : (sb_release(&sb), NULL);
}

static int validate(store *st, const struct model_keyword *k)
{
    const char *why = model_query_problem(k->query);
    if (why)
        return store_fail(st, STORE_ERR_INVALID, "kw: %s", why);
    if (!serp_engine_get(k->engine))
        return store_fail(st, STORE_ERR_INVALID, "kw: unknown engine (expected %s)",
                          serp_engine_list());
    if (!model_device_ok(k->device))
        return store_fail(st, STORE_ERR_INVALID,
                          "kw: unknown device '%s' (expected desktop or mobile)", k->device);
    if (!model_depth_ok(k->depth))
        return store_fail(st, STORE_ERR_INVALID, "kw: depth %d out of range (10..100)", k->depth);
    if (model_schedule_secs(k->schedule) < 0)
        return store_fail(st, STORE_ERR_INVALID,
                          "kw: unknown schedule '%s' (expected daily, weekly or <N>h)",
                          k->schedule);
    return 0;
}

int store_kw_add(store *st, const struct model_keyword *kin, long long *id)
{
    struct model_keyword k = *kin;
    model_keyword_defaults(&k);
    if (validate(st, &k) != 0)
        return -1;
    long long site_id = 0;
    if (k.site && *k.site) {
        site_id = store_site_id(st, k.site);
        if (site_id <= 0)
            return store_fail(st, STORE_ERR_NOTFOUND,
                              "kw: site '%s' is not tracked (add it with 'serptrack site add')",
                              k.site);
    }
    long long loc_id = 0;
    if (k.location && *k.location) {
        struct model_location l = {.name = k.location, .lat = k.lat, .lng = k.lng,
                                   .has_coords = k.has_coords};
        if (store_location_get_or_add(st, &l, &loc_id) < 0)
            return -1;
    }
    sqlite3_stmt *s = store_stmt(
        st, "SELECT id FROM keyword WHERE query = ?1 AND engine = ?2 AND"
            " ifnull(location_id, 0) = ?3 AND device = ?4 AND"
            " ifnull(site_id, 0) = ?5");
    if (!s)
        return -1;
    store_bind_text(s, 1, k.query);
    store_bind_text(s, 2, store_engine_str(k.engine));
    sqlite3_bind_int64(s, 3, loc_id);
    store_bind_text(s, 4, k.device);
    sqlite3_bind_int64(s, 5, site_id);
    int found = sqlite3_step(s);
    if (found == SQLITE_ROW) {
        if (id)
            *id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return 1;
    }
    /* A read can fail too (a full disk while the cache spills rolls the
     * transaction back): never take that for "not tracked yet". */
    int failed = found != SQLITE_DONE ? store_err(st, "cannot add keyword") : 0;
    sqlite3_reset(s);
    if (failed)
        return -1;
    s = store_stmt(st, "INSERT INTO keyword(query, engine, location_id, device, lang, country, "
                       "depth, tags, site_id, schedule, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!s)
        return -1;
    char *tags = norm_tags(k.tags);
    store_bind_text(s, 1, k.query);
    store_bind_text(s, 2, store_engine_str(k.engine));
    store_bind_int(s, 3, loc_id, 0);
    store_bind_text(s, 4, k.device);
    store_bind_text(s, 5, k.lang);
    store_bind_text(s, 6, k.country);
    sqlite3_bind_int(s, 7, k.depth);
    store_bind_text(s, 8, tags);
    store_bind_int(s, 9, site_id, 0);
    store_bind_text(s, 10, k.schedule);
    sqlite3_bind_int64(s, 11, k.created_at ? (long long)k.created_at : (long long)util_now());
    free(tags);
    if (store_step_done(st, s, "cannot add keyword") != 0)
        return -1;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

/* read_kw reads these KW_NCOLS columns; a query may add its own after
 * them. */
#define KW_COLS                                                                            \
    "k.id, k.query, k.engine, l.name, k.device, k.lang, k.country, k.depth, k.tags,"      \
    " s.domain, k.schedule, k.created_at, k.paused | (ifnull(s.paused, 0) << 1),"        \
    " k.location_id, l.lat, l.lng, l.lat IS NOT NULL AND l.lng IS NOT NULL"
#define KW_NCOLS 17
#define KW_FROM                                                                            \
    " FROM keyword k LEFT JOIN site s ON s.id = k.site_id"                                \
    " LEFT JOIN location l ON l.id = k.location_id"

static void read_kw(sqlite3_stmt *s, struct model_keyword *k)
{
    memset(k, 0, sizeof *k);
    k->id = sqlite3_column_int64(s, 0);
    k->query = store_col_text(s, 1);
    k->engine = store_engine_parse((const char *)sqlite3_column_text(s, 2));
    k->location = store_col_text(s, 3);
    k->device = store_col_text(s, 4);
    k->lang = store_col_text(s, 5);
    k->country = store_col_text(s, 6);
    k->depth = sqlite3_column_int(s, 7);
    k->tags = store_col_text(s, 8);
    k->site = store_col_text(s, 9);
    k->schedule = store_col_text(s, 10);
    k->created_at = (time_t)sqlite3_column_int64(s, 11);
    k->paused = sqlite3_column_int(s, 12);
    k->location_id = store_col_int(s, 13, 0);
    k->has_coords = sqlite3_column_int(s, 16);
    if (k->has_coords) {
        k->lat = sqlite3_column_double(s, 14);
        k->lng = sqlite3_column_double(s, 15);
    }
}

int store_kw_get(store *st, long long id, struct model_keyword *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(st, "SELECT " KW_COLS KW_FROM " WHERE k.id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_kw(s, out);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read keyword");
    return rc == SQLITE_ROW;
}

/* Steps s collecting keywords; 0 or -1. */
static int collect(store *st, sqlite3_stmt *s, struct model_keyword **out, size_t *n)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        read_kw(s, &(*out)[(*n)++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        model_keyword_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list keywords");
    }
    return 0;
}

int store_kw_list(store *st, const struct store_kw_filter *f, struct model_keyword **out,
                  size_t *n)
{
    *out = NULL;
    *n = 0;
    char *dom = NULL;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT " KW_COLS KW_FROM
            " WHERE (?1 IS NULL OR s.domain = ?1)"
            " AND (?2 IS NULL OR instr(',' || k.tags || ',', ',' || ?2 || ',') > 0)"
            " ORDER BY k.id");
    if (!s)
        return -1;
    if (f && f->site) {
        struct model_site site;
        if (store_site_get(st, f->site, &site) != 1)
            return store_fail(st, STORE_ERR_NOTFOUND, "site '%s' is not tracked", f->site);
        dom = site.domain;
        site.domain = NULL;
        model_site_release(&site);
    }
    store_bind_text(s, 1, dom);
    store_bind_text(s, 2, f ? f->tag : NULL);
    free(dom);
    return collect(st, s, out, n);
}

int store_kw_rm(store *st, long long id)
{
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM keyword WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (store_step_done(st, s, "cannot remove keyword") != 0)
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "kw: no keyword with id %lld", id);
    return 0;
}

int store_kw_set(store *st, long long id, const char *tags, int depth, const char *schedule)
{
    if (depth && !model_depth_ok(depth))
        return store_fail(st, STORE_ERR_INVALID, "kw: depth %d out of range (10..100)", depth);
    if (schedule && model_schedule_secs(schedule) < 0)
        return store_fail(st, STORE_ERR_INVALID,
                          "kw: unknown schedule '%s' (expected daily, weekly or <N>h)", schedule);
    char *t = norm_tags(tags);
    sqlite3_stmt *s = store_stmt(
        st, "UPDATE keyword SET tags = CASE WHEN ?2 = 1 THEN ?3 ELSE tags END,"
            " depth = CASE WHEN ?4 > 0 THEN ?4 ELSE depth END,"
            " schedule = ifnull(?5, schedule) WHERE id = ?1");
    if (!s) {
        free(t);
        return -1;
    }
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, tags != NULL);
    store_bind_text(s, 3, t);
    sqlite3_bind_int(s, 4, depth);
    store_bind_text(s, 5, schedule);
    free(t);
    if (store_step_done(st, s, "cannot update keyword") != 0)
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "kw: no keyword with id %lld", id);
    return 0;
}

int store_kw_pause(store *st, long long id, int paused)
{
    sqlite3_stmt *s = store_stmt(st, "UPDATE keyword SET paused = ?2 WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, paused != 0);
    if (store_step_done(st, s, "cannot update keyword") != 0)
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "kw: no keyword with id %lld", id);
    return 0;
}

int store_kw_due(store *st, time_t now, struct model_keyword **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* the queue's rule (STORE_SQL_DUE), so a run with and without the
     * queue picks the same keywords */
    if (store_need_interval(st) != 0)
        return -1;
    sqlite3_stmt *s = store_stmt(st, "SELECT " KW_COLS KW_FROM
                                     " WHERE k.paused = 0 AND ifnull(s.paused, 0) = 0 AND"
                                     STORE_SQL_DUE " ORDER BY k.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)now);
    return collect(st, s, out, n);
}

int store_kw_stale(store *st, time_t now, struct store_stale **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* Keywords with no site are not fetched (their site was removed), so
     * their data cannot be "late". */
    sqlite3_stmt *s = store_stmt(
        st, "SELECT k.id, k.query, k.schedule, k.created_at, (SELECT max(c.checked_at)"
            " FROM \"check\" c WHERE c.keyword_id = k.id AND c.status = 0)"
            " FROM keyword k JOIN site s ON s.id = k.site_id"
            " WHERE k.paused = 0 AND s.paused = 0 ORDER BY k.id");
    if (!s)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *sched = (const char *)sqlite3_column_text(s, 2);
        long long interval = model_schedule_secs(sched ? sched : "daily");
        if (interval < 0)
            interval = DAY_SECS;
        /* the same slack as store_kw_due(), the other way round: late,
         * not early */
        long long slack = interval / 10 < 3600 ? interval / 10 : 3600;
        int checked = sqlite3_column_type(s, 4) != SQLITE_NULL;
        long long last = checked ? sqlite3_column_int64(s, 4) : sqlite3_column_int64(s, 3);
        if (last >= (long long)now - interval - slack)
            continue;
        GROW(*out, cap, *n + 1);
        struct store_stale *v = &(*out)[(*n)++];
        v->keyword_id = sqlite3_column_int64(s, 0);
        v->query = store_col_text(s, 1);
        v->schedule = xstrdup(sched ? sched : "daily");
        v->last_ok = checked ? (time_t)last : 0;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_stale_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list stale keywords");
    }
    return 0;
}

void store_stale_free_list(struct store_stale *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].query);
        free(v[i].schedule);
    }
    free(v);
}

