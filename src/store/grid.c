/* grid.c - geo-grids in the store: a grid's definition (query, site,
 * centre, size, spacing, shape, schedule) and its scans. A scan's points
 * are one blob per scan (schema.c, migration 12): per point a version-1
 * record of varints (row, col, status, local + 1, position + 1; 0 = none)
 * and four IEEE doubles, little-endian (lat, lng, east_m, north_m). */
#include <stdint.h>

#include "model.h"
#include "store_int.h"

#define GRID_BLOB_VERSION 1
#define GRID_COLS                                                                          \
    "g.id, g.query, s.domain, g.engine, g.device, g.lang, g.country, l.name, g.lat, g.lng," \
    " g.size, g.spacing_m, g.shape, g.schedule, g.paused, g.created_at,"                   \
    " (SELECT max(checked_at) FROM grid_scan c WHERE c.grid_id = g.id)"
#define GRID_FROM                                                                          \
    " FROM grid g JOIN site s ON s.id = g.site_id LEFT JOIN location l ON l.id = g.location_id"

static const char *shape_str(enum model_grid_shape sh)
{
    return sh == MODEL_GRID_HEX ? "hex" : "square";
}

static void read_grid(sqlite3_stmt *s, struct model_grid *g)
{
    memset(g, 0, sizeof *g);
    g->id = sqlite3_column_int64(s, 0);
    g->query = store_col_text(s, 1);
    g->site = store_col_text(s, 2);
    g->engine = store_engine_parse((const char *)sqlite3_column_text(s, 3));
    g->device = store_col_text(s, 4);
    g->lang = store_col_text(s, 5);
    g->country = store_col_text(s, 6);
    g->location = store_col_text(s, 7);
    g->lat = sqlite3_column_double(s, 8);
    g->lng = sqlite3_column_double(s, 9);
    g->size = sqlite3_column_int(s, 10);
    g->spacing_m = sqlite3_column_double(s, 11);
    const char *sh = (const char *)sqlite3_column_text(s, 12);
    g->shape = sh && strcmp(sh, "hex") == 0 ? MODEL_GRID_HEX : MODEL_GRID_SQUARE;
    g->schedule = store_col_text(s, 13);
    g->paused = sqlite3_column_int(s, 14);
    g->created_at = (time_t)sqlite3_column_int64(s, 15);
    g->last_scan = (time_t)store_col_int(s, 16, 0);
}

/* Steps s to its end collecting grids into *out. */
static int collect(store *st, sqlite3_stmt *s, struct model_grid **out, size_t *n)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        read_grid(s, &(*out)[(*n)++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        model_grid_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot read grids");
    }
    return 0;
}

/* The location row of a grid named by --location (with its coordinates). */
static int grid_location(store *st, const struct model_grid *g, long long *loc_id)
{
    *loc_id = 0;
    if (!g->location || !*g->location)
        return 0;
    struct model_location loc = {.name = g->location, .lat = g->lat, .lng = g->lng, .has_coords = 1};
    return store_location_get_or_add(st, &loc, loc_id) < 0 ? -1 : 0;
}

int store_grid_add(store *st, const struct model_grid *g, long long *id)
{
    if (!g->query || !*g->query || !g->site)
        return store_fail(st, STORE_ERR_INVALID, "store: a grid needs a query and a site");
    long long site_id = store_site_id(st, g->site);
    if (site_id <= 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "site '%s' is not tracked", g->site);
    if (store_begin(st) != 0)
        return -1;
    long long loc_id;
    if (grid_location(st, g, &loc_id) != 0) {
        store_rollback(st);
        return -1;
    }
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO grid(query, site_id, engine, device, lang, country, location_id, lat, lng,"
            " size, spacing_m, shape, schedule, paused, created_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!s) {
        store_rollback(st);
        return -1;
    }
    store_bind_text(s, 1, g->query);
    sqlite3_bind_int64(s, 2, site_id);
    store_bind_text(s, 3, store_engine_str(g->engine));
    store_bind_text(s, 4, g->device ? g->device : "desktop");
    store_bind_text(s, 5, g->lang ? g->lang : "en");
    store_bind_text(s, 6, g->country ? g->country : "us");
    store_bind_int(s, 7, loc_id, 0);
    sqlite3_bind_double(s, 8, g->lat);
    sqlite3_bind_double(s, 9, g->lng);
    sqlite3_bind_int(s, 10, g->size);
    sqlite3_bind_double(s, 11, g->spacing_m);
    store_bind_text(s, 12, shape_str(g->shape));
    store_bind_text(s, 13, g->schedule ? g->schedule : "weekly");
    sqlite3_bind_int(s, 14, g->paused != 0);
    sqlite3_bind_int64(s, 15, (long long)g->created_at);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_CONSTRAINT) {
        store_rollback(st);
        return store_fail(st, STORE_ERR_CONSTRAINT,
                          "store: the same grid is tracked already for %s", g->site);
    }
    if (rc != SQLITE_DONE) {
        store_err(st, "cannot add grid");
        store_rollback(st);
        return -1;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    return store_commit(st);
}

int store_grid_get(store *st, long long id, struct model_grid *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(st, "SELECT " GRID_COLS GRID_FROM " WHERE g.id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_grid(s, out);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read grid");
    return rc == SQLITE_ROW;
}

int store_grid_list(store *st, const char *site, struct model_grid **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT " GRID_COLS GRID_FROM
                                     " WHERE ?1 IS NULL OR g.site_id = ?1 ORDER BY g.id");
    if (!s)
        return -1;
    if (site) {
        long long sid = store_site_id(st, site);
        if (sid <= 0)
            return store_fail(st, STORE_ERR_NOTFOUND, "site '%s' is not tracked", site);
        sqlite3_bind_int64(s, 1, sid);
    }
    return collect(st, s, out, n);
}

int store_grid_due(store *st, time_t now, struct model_grid **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (store_need_interval(st) != 0)
        return -1;
    /* the keywords' due rule (STORE_SQL_DUE) over scans instead of checks */
    sqlite3_stmt *s = store_stmt(
        st, "SELECT " GRID_COLS GRID_FROM
            " WHERE g.paused = 0 AND s.paused = 0 AND ifnull((SELECT max(c.checked_at)"
            " FROM grid_scan c WHERE c.grid_id = g.id) <= ?1 - serptrack_interval(g.schedule)"
            " + min(serptrack_interval(g.schedule) / 10, 3600), 1) ORDER BY g.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (long long)now);
    return collect(st, s, out, n);
}

int store_grid_rm(store *st, long long id)
{
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM grid WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (store_step_done(st, s, "cannot remove grid") != 0)
        return -1;
    return sqlite3_changes(st->db) > 0;
}

/* --- the points blob -------------------------------------------------------- */
static void put_double(strbuf *sb, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    for (int i = 0; i < 8; i++)
        sb_addc(sb, (char)(unsigned char)(u >> (8 * i)));
}

static int get_double(const unsigned char **p, const unsigned char *end, double *d)
{
    if (end - *p < 8)
        return -1;
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)(*p)[i] << (8 * i);
    *p += 8;
    memcpy(d, &u, sizeof *d);
    return 0;
}

static unsigned long long opt_int(int v)
{
    return v == MODEL_NONE || v < 0 ? 0 : (unsigned long long)v + 1;
}

static void encode_points(strbuf *sb, const struct model_grid_point *p, size_t n)
{
    store_varint_put(sb, GRID_BLOB_VERSION);
    for (size_t i = 0; i < n; i++) {
        store_varint_put(sb, (unsigned long long)(p[i].row < 0 ? 0 : p[i].row));
        store_varint_put(sb, (unsigned long long)(p[i].col < 0 ? 0 : p[i].col));
        store_varint_put(sb, (unsigned long long)p[i].status);
        store_varint_put(sb, opt_int(p[i].local));
        store_varint_put(sb, opt_int(p[i].position));
        put_double(sb, p[i].lat);
        put_double(sb, p[i].lng);
        put_double(sb, p[i].east_m);
        put_double(sb, p[i].north_m);
    }
}

/* One point from *p; -1 on a damaged record. */
static int decode_point(const unsigned char **p, const unsigned char *end,
                        struct model_grid_point *pt)
{
    unsigned long long v[5];
    for (int k = 0; k < 5; k++)
        if (store_varint_get(p, end, &v[k]) != 0 || v[k] > 1000000)
            return -1;
    if (v[2] > MODEL_ERROR)
        return -1;
    pt->row = (int)v[0];
    pt->col = (int)v[1];
    pt->status = (enum model_status)v[2];
    pt->local = v[3] ? (int)v[3] - 1 : MODEL_NONE;
    pt->position = v[4] ? (int)v[4] - 1 : MODEL_NONE;
    if (get_double(p, end, &pt->lat) || get_double(p, end, &pt->lng) ||
        get_double(p, end, &pt->east_m) || get_double(p, end, &pt->north_m))
        return -1;
    return 0;
}

static int decode_points(store *st, long long scan_id, const void *blob, size_t len, size_t n,
                         struct model_grid_point **out)
{
    *out = NULL;
    const unsigned char *p = blob, *end = p + len;
    unsigned long long ver;
    if (n > 100000 || store_varint_get(&p, end, &ver) != 0 || ver != GRID_BLOB_VERSION)
        return store_fail(st, STORE_ERR_CORRUPT, "store: grid scan %lld: points damaged", scan_id);
    struct model_grid_point *v = n ? xcalloc(n, sizeof *v) : NULL;
    for (size_t i = 0; i < n; i++)
        if (decode_point(&p, end, &v[i]) != 0) {
            free(v);
            return store_fail(st, STORE_ERR_CORRUPT, "store: grid scan %lld: points damaged",
                              scan_id);
        }
    *out = v;
    return 0;
}

int store_grid_scan_save(store *st, const struct model_grid_scan *scan, long long *id)
{
    strbuf blob = STRBUF_INIT;
    encode_points(&blob, scan->points, scan->n_points);
    sqlite3_stmt *s = store_stmt(st, "INSERT INTO grid_scan(grid_id, checked_at, requests, n_points,"
                                     " points) VALUES (?1, ?2, ?3, ?4, ?5)");
    int rc = -1;
    if (s && store_begin(st) == 0) {
        sqlite3_bind_int64(s, 1, scan->grid_id);
        sqlite3_bind_int64(s, 2, (long long)scan->checked_at);
        sqlite3_bind_int(s, 3, scan->requests);
        sqlite3_bind_int64(s, 4, (long long)scan->n_points);
        sqlite3_bind_blob(s, 5, blob.buf ? blob.buf : "", (int)blob.len, SQLITE_TRANSIENT);
        if (store_step_done(st, s, "cannot store grid scan") == 0) {
            *id = sqlite3_last_insert_rowid(st->db);
            rc = store_commit(st);
        } else {
            store_rollback(st);
        }
    }
    sb_release(&blob);
    return rc;
}

#define SCAN_COLS "id, grid_id, checked_at, requests, n_points, points"

static int read_scan(store *st, sqlite3_stmt *s, int with_points, struct model_grid_scan *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->id = sqlite3_column_int64(s, 0);
    sc->grid_id = sqlite3_column_int64(s, 1);
    sc->checked_at = (time_t)sqlite3_column_int64(s, 2);
    sc->requests = sqlite3_column_int(s, 3);
    if (!with_points)
        return 0;
    long long n = sqlite3_column_int64(s, 4);
    const void *blob = sqlite3_column_blob(s, 5);
    size_t len = (size_t)sqlite3_column_bytes(s, 5);
    if (n < 0 || decode_points(st, sc->id, blob, len, (size_t)n, &sc->points) != 0)
        return -1;
    sc->n_points = (size_t)n;
    return 0;
}

int store_grid_scans(store *st, long long grid_id, time_t since, time_t until, int with_points,
                     struct model_grid_scan **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT " SCAN_COLS " FROM grid_scan WHERE grid_id = ?1"
                                     " AND checked_at >= ?2 AND (?3 = 0 OR checked_at <= ?3)"
                                     " ORDER BY checked_at, id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, grid_id);
    sqlite3_bind_int64(s, 2, (long long)since);
    sqlite3_bind_int64(s, 3, (long long)until);
    size_t cap = 0;
    int rc, bad = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        if (read_scan(st, s, with_points, &(*out)[*n]) != 0) {
            bad = 1;
            break;
        }
        (*n)++;
    }
    sqlite3_reset(s);
    if (bad || rc != SQLITE_DONE) {
        for (size_t i = 0; i < *n; i++)
            model_grid_scan_release(&(*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
        return bad ? -1 : store_err(st, "cannot read grid scans");
    }
    return 0;
}

int store_grid_scan_at(store *st, long long grid_id, time_t at, struct model_grid_scan *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(st, "SELECT " SCAN_COLS " FROM grid_scan WHERE grid_id = ?1"
                                     " AND (?2 = 0 OR checked_at <= ?2)"
                                     " ORDER BY checked_at DESC, id DESC LIMIT 1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, grid_id);
    sqlite3_bind_int64(s, 2, (long long)at);
    int rc = sqlite3_step(s);
    int r = rc == SQLITE_ROW ? 1 : 0;
    if (rc == SQLITE_ROW && read_scan(st, s, 1, out) != 0)
        r = -1;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read grid scan");
    return r;
}
