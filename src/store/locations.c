/* locations.c - the location table: the places searches are made from
 * (a city by its canonical name now, a geo-grid point in issue 17), so a
 * keyword, a check and a rank row name a place by id instead of repeating
 * a string, and a place's coordinates are kept once. */
#include "model.h"
#include "store_int.h"

#define LOC_COLS "id, name, lat, lng, radius_m"

static void read_loc(sqlite3_stmt *s, struct model_location *l)
{
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(s, 0);
    l->name = store_col_text(s, 1);
    l->has_coords = sqlite3_column_type(s, 2) != SQLITE_NULL &&
                    sqlite3_column_type(s, 3) != SQLITE_NULL;
    if (l->has_coords) {
        l->lat = sqlite3_column_double(s, 2);
        l->lng = sqlite3_column_double(s, 3);
    }
    l->radius_m = (int)store_col_int(s, 4, 0);
}

/* Steps s once into *out: 1 found, 0 not, -1. */
static int read_one(store *st, sqlite3_stmt *s, struct model_location *out)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_loc(s, out);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_err(st, "cannot read location");
    return rc == SQLITE_ROW;
}

int store_location_get(store *st, long long id, struct model_location *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(st, "SELECT " LOC_COLS " FROM location WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    return read_one(st, s, out);
}

int store_location_find(store *st, const char *name, struct model_location *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(st, "SELECT " LOC_COLS " FROM location WHERE name = ?1");
    if (!s)
        return -1;
    store_bind_text(s, 1, name);
    return read_one(st, s, out);
}

/* Gives the row id coordinates when it has none. */
static int fill_coords(store *st, long long id, const struct model_location *loc)
{
    sqlite3_stmt *s = store_stmt(st, "UPDATE location SET lat = ?2, lng = ?3"
                                     " WHERE id = ?1 AND (lat IS NULL OR lng IS NULL)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_double(s, 2, loc->lat);
    sqlite3_bind_double(s, 3, loc->lng);
    return store_step_done(st, s, "cannot update location");
}

int store_location_get_or_add(store *st, const struct model_location *loc, long long *id)
{
    struct model_location have;
    int found = store_location_find(st, loc->name, &have);
    if (found < 0)
        return -1;
    if (found) {
        *id = have.id;
        int rc = 1;
        if (loc->has_coords && !have.has_coords && fill_coords(st, have.id, loc) != 0)
            rc = -1;
        model_location_release(&have);
        return rc;
    }
    sqlite3_stmt *s = store_stmt(
        st, "INSERT INTO location(name, lat, lng, radius_m) VALUES (?1, ?2, ?3, ?4)");
    if (!s)
        return -1;
    store_bind_text(s, 1, loc->name);
    if (loc->has_coords) {
        sqlite3_bind_double(s, 2, loc->lat);
        sqlite3_bind_double(s, 3, loc->lng);
    }
    store_bind_int(s, 4, loc->radius_m, 0);
    if (store_step_done(st, s, "cannot add location") != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int store_location_list(store *st, struct model_location **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT " LOC_COLS " FROM location ORDER BY name");
    if (!s)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        read_loc(s, &(*out)[(*n)++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_location_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list locations");
    }
    return 0;
}

void store_location_free_list(struct model_location *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_location_release(&v[i]);
    free(v);
}
