/* misc.c - the smaller tables: search volumes (research), call-tracking
 * leads, alerts raised by `run`, and the request ledger behind `usage`. */
#include "model.h"
#include "store_int.h"

/* --- search volume ---------------------------------------------------------- */

int store_volume_set(store *st, const struct store_volume *v)
{
    char *q = model_query_norm(v->query);
    if (!*q) {
        free(q);
        return store_fail(st, STORE_ERR_INVALID, "volume: empty query");
    }
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO volume(query, location, volume, cpc, competition, source)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(query, location) DO UPDATE SET"
            " volume = excluded.volume, cpc = excluded.cpc,"
            " competition = excluded.competition, source = excluded.source");
    if (!s) {
        free(q);
        return -1;
    }
    store_bind_text(s, 1, q);
    store_bind_text(s, 2, v->location ? v->location : "");
    if (v->volume >= 0)
        sqlite3_bind_int64(s, 3, v->volume);
    else
        sqlite3_bind_null(s, 3);
    if (v->cpc >= 0)
        sqlite3_bind_double(s, 4, v->cpc);
    else
        sqlite3_bind_null(s, 4);
    if (v->competition >= 0)
        sqlite3_bind_double(s, 5, v->competition);
    else
        sqlite3_bind_null(s, 5);
    store_bind_text(s, 6, v->source);
    free(q);
    return store_step_done(st, s, "cannot store search volume");
}

int store_volume_get(store *st, const char *query, const char *location, struct store_volume *out)
{
    memset(out, 0, sizeof *out);
    char *q = model_query_norm(query);
    /* the location's own row, else the one for anywhere: two primary key
     * seeks (an IN list with a parameter builds a temporary table per call,
     * which made a 100k-keyword report spend most of its time here) */
    const char *loc[2] = {location ? location : "", ""};
    sqlite3_stmt *s = NULL;
    int rc = SQLITE_DONE;
    for (int i = 0; i < (*loc[0] ? 2 : 1) && rc == SQLITE_DONE; i++) {
        s = store_stmt(st, "SELECT query, location, volume, cpc, competition, source FROM volume"
                           " WHERE query = ?1 AND location = ?2");
        if (!s) {
            free(q);
            return -1;
        }
        store_bind_text(s, 1, q);
        store_bind_text(s, 2, loc[i]);
        rc = sqlite3_step(s);
    }
    free(q);
    if (rc == SQLITE_ROW) {
        out->query = store_col_text(s, 0);
        out->location = store_col_text(s, 1);
        if (out->location && !*out->location) {
            free(out->location);
            out->location = NULL;
        }
        out->volume = store_col_int(s, 2, -1);
        out->cpc = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_double(s, 3);
        out->competition =
            sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 : sqlite3_column_double(s, 4);
        out->source = store_col_text(s, 5);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read search volume");
    return rc == SQLITE_ROW;
}

void store_volume_release(struct store_volume *v)
{
    if (!v)
        return;
    free(v->query);
    free(v->location);
    free(v->source);
    memset(v, 0, sizeof *v);
}

/* --- leads ------------------------------------------------------------------- */

int store_lead_add(store *st, const struct store_lead *l)
{
    long long site_id = store_site_id(st, l->site);
    if (site_id <= 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "leads: site '%s' is not tracked",
                          l->site ? l->site : "");
    sqlite3_stmt *s = store_stmt(
        st, "SELECT 1 FROM lead WHERE (?1 IS NOT NULL AND ext_id = ?1) OR (?1 IS NULL AND"
            " site_id = ?2 AND called_at = ?3 AND caller IS ?4) LIMIT 1");
    if (!s)
        return -1;
    store_bind_text(s, 1, l->ext_id);
    sqlite3_bind_int64(s, 2, site_id);
    sqlite3_bind_int64(s, 3, (long long)l->called_at);
    store_bind_text(s, 4, l->caller);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE)
        return store_err(st, "cannot read leads");
    s = store_stmt(st, "INSERT INTO lead(site_id, called_at, duration, caller, source, ext_id)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, site_id);
    sqlite3_bind_int64(s, 2, (long long)l->called_at);
    sqlite3_bind_int(s, 3, l->duration > 0 ? l->duration : 0);
    store_bind_text(s, 4, l->caller);
    store_bind_text(s, 5, l->source);
    store_bind_text(s, 6, l->ext_id);
    return store_step_done(st, s, "cannot store lead");
}

long long store_lead_count(store *st, const char *site, time_t since, time_t until,
                           int min_duration)
{
    long long site_id = store_site_id(st, site);
    if (site_id <= 0)
        return 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM lead WHERE site_id = ?1 AND"
                                     " called_at >= ?2 AND called_at < ?3 AND duration >= ?4");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, site_id);
    sqlite3_bind_int64(s, 2, (long long)since);
    sqlite3_bind_int64(s, 3, (long long)until);
    sqlite3_bind_int(s, 4, min_duration);
    long long n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_reset(s);
    if (n < 0)
        store_err(st, "cannot count leads");
    return n;
}

int store_lead_list(store *st, const char *site, time_t since, time_t until,
                    struct store_lead **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    long long site_id = 0;
    if (site && (site_id = store_site_id(st, site)) <= 0)
        return 0;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT l.id, s.domain, l.called_at, l.duration, l.caller, l.source, l.ext_id"
            " FROM lead l JOIN site s ON s.id = l.site_id"
            " WHERE (?1 = 0 OR l.site_id = ?1) AND l.called_at >= ?2 AND l.called_at < ?3"
            " ORDER BY l.called_at, l.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, site_id);
    sqlite3_bind_int64(s, 2, (long long)since);
    sqlite3_bind_int64(s, 3, (long long)until);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        struct store_lead *l = &(*out)[(*n)++];
        memset(l, 0, sizeof *l);
        l->id = sqlite3_column_int64(s, 0);
        l->site = store_col_text(s, 1);
        l->called_at = (time_t)sqlite3_column_int64(s, 2);
        l->duration = sqlite3_column_int(s, 3);
        l->caller = store_col_text(s, 4);
        l->source = store_col_text(s, 5);
        l->ext_id = store_col_text(s, 6);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_lead_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list leads");
    }
    return 0;
}

void store_lead_free_list(struct store_lead *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].site);
        free(v[i].caller);
        free(v[i].source);
        free(v[i].ext_id);
    }
    free(v);
}

/* --- alerts -------------------------------------------------------------------- */

int store_alert_add(store *st, const struct store_alert *a, long long *id)
{
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO alert(raised_at, keyword_id, site, rule, message, sent)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)(a->raised_at ? a->raised_at : util_now()));
    store_bind_int(s, 2, a->keyword_id, 0);
    store_bind_text(s, 3, a->site);
    store_bind_text(s, 4, a->rule ? a->rule : "");
    store_bind_text(s, 5, a->message ? a->message : "");
    sqlite3_bind_int(s, 6, a->sent != 0);
    if (store_step_done(st, s, "cannot store alert") != 0)
        return -1;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int store_alert_list(store *st, time_t since, struct store_alert **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT id, raised_at, ifnull(keyword_id, 0), site, rule, message, sent,"
            " (SELECT group_concat(d.channel || ': ' || CASE"
            "   WHEN d.delivered_at IS NOT NULL THEN 'delivered'"
            "   WHEN d.gave_up_at IS NOT NULL THEN 'gave up after ' || d.attempts || ' attempts'"
            "   ELSE 'pending (' || d.attempts || ' attempts)' END"
            "   || CASE WHEN d.delivered_at IS NULL AND d.last_error IS NOT NULL"
            "      THEN ': ' || d.last_error ELSE '' END, '; ')"
            "  FROM alert_delivery d WHERE d.alert_id = alert.id)"
            " FROM alert WHERE raised_at >= ?1 ORDER BY raised_at, id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)since);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        struct store_alert *a = &(*out)[(*n)++];
        a->id = sqlite3_column_int64(s, 0);
        a->raised_at = (time_t)sqlite3_column_int64(s, 1);
        a->keyword_id = sqlite3_column_int64(s, 2);
        a->site = store_col_text(s, 3);
        a->rule = store_col_text(s, 4);
        a->message = store_col_text(s, 5);
        a->sent = sqlite3_column_int(s, 6);
        a->delivery = store_col_text(s, 7);
        a->attempts = 0;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_alert_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list alerts");
    }
    return 0;
}

int store_alert_pending(store *st, const char *channel, struct store_alert **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT a.id, a.raised_at, ifnull(a.keyword_id, 0), a.site, a.rule, a.message,"
            " ifnull(d.attempts, 0)"
            " FROM alert a LEFT JOIN alert_delivery d ON d.alert_id = a.id AND d.channel = ?1"
            " WHERE a.sent = 0 AND (?1 IS NULL OR"
            "   (d.delivered_at IS NULL AND d.gave_up_at IS NULL))"
            " ORDER BY a.raised_at, a.id");
    if (!s)
        return -1;
    store_bind_text(s, 1, channel);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        struct store_alert *a = &(*out)[(*n)++];
        memset(a, 0, sizeof *a);
        a->id = sqlite3_column_int64(s, 0);
        a->raised_at = (time_t)sqlite3_column_int64(s, 1);
        a->keyword_id = sqlite3_column_int64(s, 2);
        a->site = store_col_text(s, 3);
        a->rule = store_col_text(s, 4);
        a->message = store_col_text(s, 5);
        a->attempts = sqlite3_column_int(s, 6);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_alert_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list queued alerts");
    }
    return 0;
}

int store_alert_attempt(store *st, long long alert_id, const char *channel, time_t at,
                        const char *error)
{
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO alert_delivery(alert_id, channel, attempts, delivered_at, last_error)"
            " VALUES (?1, ?2, 1, CASE WHEN ?4 IS NULL THEN ?3 END, ?4)"
            " ON CONFLICT(alert_id, channel) DO UPDATE SET attempts = attempts + 1,"
            " delivered_at = excluded.delivered_at,"
            " last_error = ifnull(excluded.last_error, last_error)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, alert_id);
    store_bind_text(s, 2, channel);
    sqlite3_bind_int64(s, 3, (long long)at);
    store_bind_text(s, 4, error);
    return store_step_done(st, s, "cannot record alert delivery");
}

int store_alert_give_up(store *st, long long alert_id, const char *channel, time_t at)
{
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO alert_delivery(alert_id, channel, gave_up_at) VALUES (?1, ?2, ?3)"
            " ON CONFLICT(alert_id, channel) DO UPDATE SET gave_up_at = excluded.gave_up_at");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, alert_id);
    store_bind_text(s, 2, channel);
    sqlite3_bind_int64(s, 3, (long long)at);
    return store_step_done(st, s, "cannot record alert delivery");
}

int store_checks_unevaluated(store *st, struct store_new_check **out, size_t *n,
                             long long *upto)
{
    *out = NULL;
    *n = 0;
    *upto = 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT ifnull(max(id), 0) FROM \"check\"");
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *upto = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return store_err(st, "cannot read checks");
    s = store_stmt(st, "SELECT keyword_id, max(status = 0) FROM \"check\""
                       " WHERE id > ifnull((SELECT value FROM state"
                       "   WHERE key = 'alert_watermark'), 0) AND id <= ?1"
                       " GROUP BY keyword_id ORDER BY keyword_id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, *upto);
    size_t cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        (*out)[*n].keyword_id = sqlite3_column_int64(s, 0);
        (*out)[*n].ok = sqlite3_column_int(s, 1) != 0;
        (*n)++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list checks to evaluate");
    }
    return 0;
}

int store_alert_watermark_set(store *st, long long upto)
{
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO state(key, value) VALUES ('alert_watermark', ?1)"
            " ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, upto);
    return store_step_done(st, s, "cannot record the alert watermark");
}

int store_alert_mark_sent(store *st, long long id)
{
    sqlite3_stmt *s = store_stmt(st, "UPDATE alert SET sent = 1 WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    return store_step_done(st, s, "cannot update alert");
}

void store_alert_free_list(struct store_alert *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].site);
        free(v[i].rule);
        free(v[i].message);
        free(v[i].delivery);
    }
    free(v);
}

/* --- usage ledger --------------------------------------------------------------- */

int store_usage_add(store *st, time_t at, const char *provider, enum serp_engine engine,
                    int requests, int failures)
{
    sqlite3_stmt *s = store_stmt(st, "INSERT INTO usage(at, provider, engine, requests, failures)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)(at ? at : util_now()));
    store_bind_text(s, 2, provider ? provider : "direct");
    store_bind_text(s, 3, store_engine_str(engine));
    sqlite3_bind_int(s, 4, requests);
    sqlite3_bind_int(s, 5, failures);
    return store_step_done(st, s, "cannot record usage");
}

int store_usage_bump(store *st, long long *row, time_t at, const char *provider,
                     enum serp_engine engine, long long requests, long long failures,
                     double units)
{
    if (!provider)
        provider = "direct";
    if (*row > 0) {
        /* provider and engine too: a VACUUM may renumber an implicit rowid */
        sqlite3_stmt *s = store_stmt(st, "UPDATE usage SET requests = requests + ?2,"
                                         " failures = failures + ?3,"
                                         " units = ifnull(units, requests) + ?6"
                                         " WHERE rowid = ?1 AND provider = ?4 AND engine = ?5");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, *row);
        sqlite3_bind_int64(s, 2, requests);
        sqlite3_bind_int64(s, 3, failures);
        store_bind_text(s, 4, provider);
        store_bind_text(s, 5, store_engine_str(engine));
        sqlite3_bind_double(s, 6, units);
        if (store_step_done(st, s, "cannot record usage") != 0)
            return -1;
        if (sqlite3_changes(st->db) == 1)
            return 0;
    }
    sqlite3_stmt *s = store_stmt(st, "INSERT INTO usage(at, provider, engine, requests, failures,"
                                     " units) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)(at ? at : util_now()));
    store_bind_text(s, 2, provider);
    store_bind_text(s, 3, store_engine_str(engine));
    sqlite3_bind_int64(s, 4, requests);
    sqlite3_bind_int64(s, 5, failures);
    sqlite3_bind_double(s, 6, units);
    if (store_step_done(st, s, "cannot record usage") != 0)
        return -1;
    *row = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int store_usage_list(store *st, time_t since, struct store_usage **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT provider, sum(requests), sum(failures), engine,"
                                     " sum(ifnull(units, requests))"
                                     " FROM usage WHERE at >= ?1 GROUP BY provider, engine"
                                     " ORDER BY provider, engine");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)since);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        struct store_usage *u = &(*out)[(*n)++];
        u->provider = store_col_text(s, 0);
        u->requests = sqlite3_column_int64(s, 1);
        u->failures = sqlite3_column_int64(s, 2);
        const char *e = (const char *)sqlite3_column_text(s, 3);
        u->engine = serp_engine_from_name(e);
        u->units = sqlite3_column_double(s, 4);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_usage_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list usage");
    }
    return 0;
}

void store_usage_free_list(struct store_usage *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].provider);
    free(v);
}

int store_state_set(store *st, const char *key, long long value)
{
    sqlite3_stmt *s = store_stmt(st, "INSERT INTO state(key, value) VALUES (?1, ?2)"
                                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!s)
        return -1;
    store_bind_text(s, 1, key);
    sqlite3_bind_int64(s, 2, value);
    return store_step_done(st, s, "cannot record state");
}

int store_state_get(store *st, const char *key, long long *value)
{
    sqlite3_stmt *s = store_stmt(st, "SELECT value FROM state WHERE key = ?1");
    if (!s)
        return -1;
    store_bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read state");
    return rc == SQLITE_ROW;
}
