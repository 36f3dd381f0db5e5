/* sites.c - tracked sites (ours and competitors), keyed by their
 * registrable domain so www./blog. variants are one site. */
#include "store_int.h"
#include "url.h"

/* Registrable, lower-case domain of what the user typed ("WWW.Example.com",
 * "https://example.com/x"); NULL when it has no host. */
static char *norm_domain(const char *d)
{
    if (!d || !*d)
        return NULL;
    char *dom = url_domain(d);
    if (dom)
        util_lower(dom);
    return dom;
}

static int valid_status(const char *s)
{
    return util_streq(s, "idea") || util_streq(s, "building") || util_streq(s, "ranking") ||
           util_streq(s, "rented");
}

long long store_site_id(store *st, const char *domain)
{
    char *dom = norm_domain(domain);
    if (!dom)
        return 0;
    long long id = 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT id FROM site WHERE domain = ?1");
    if (s) {
        store_bind_text(s, 1, dom);
        if (sqlite3_step(s) == SQLITE_ROW)
            id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
    }
    free(dom);
    return id;
}

int store_site_add(store *st, const struct store_site *site, long long *id)
{
    char *dom = norm_domain(site->domain);
    if (!dom)
        return error("site: '%s' is not a domain name", site->domain ? site->domain : "");
    if (site->status && !valid_status(site->status)) {
        free(dom);
        return error("site: unknown status '%s' (expected idea, building, ranking or rented)",
                     site->status);
    }
    if (store_site_id(st, dom) > 0) {
        error("site: '%s' already exists", dom);
        free(dom);
        return -1;
    }
    sqlite3_stmt *s = store_stmt(st, "INSERT INTO site(domain, name, client, status, rent, "
                                     "competitor, niche, phone, created_at) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!s) {
        free(dom);
        return -1;
    }
    store_bind_text(s, 1, dom);
    store_bind_text(s, 2, site->name);
    store_bind_text(s, 3, site->client);
    store_bind_text(s, 4, site->status ? site->status : "idea");
    if (site->rent >= 0)
        sqlite3_bind_double(s, 5, site->rent);
    else
        sqlite3_bind_null(s, 5);
    sqlite3_bind_int(s, 6, site->competitor > 0);
    store_bind_text(s, 7, site->niche);
    store_bind_text(s, 8, site->phone);
    sqlite3_bind_int64(s, 9, site->created_at ? (long long)site->created_at
                                              : (long long)util_now());
    free(dom);
    if (store_step_done(st, s, "cannot add site") != 0)
        return -1;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int store_site_update(store *st, const struct store_site *site)
{
    long long id = store_site_id(st, site->domain);
    if (id <= 0)
        return error("site: '%s' is not tracked", site->domain ? site->domain : "");
    if (site->status && !valid_status(site->status))
        return error("site: unknown status '%s' (expected idea, building, ranking or rented)",
                     site->status);
    /* ?N IS NULL keeps the column: one statement for every combination. */
    sqlite3_stmt *s = store_stmt(
        st, "UPDATE site SET name = ifnull(?2, name), client = ifnull(?3, client),"
            " status = ifnull(?4, status),"
            " rent = CASE WHEN ?5 = 1 THEN ?6 ELSE rent END,"
            " competitor = ifnull(?7, competitor), niche = ifnull(?8, niche),"
            " phone = ifnull(?9, phone) WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    store_bind_text(s, 2, site->name);
    store_bind_text(s, 3, site->client);
    store_bind_text(s, 4, site->status);
    int set_rent = site->rent > STORE_RENT_KEEP + 0.5;
    sqlite3_bind_int(s, 5, set_rent);
    if (set_rent && site->rent >= 0)
        sqlite3_bind_double(s, 6, site->rent);
    else
        sqlite3_bind_null(s, 6);
    if (site->competitor >= 0)
        sqlite3_bind_int(s, 7, site->competitor > 0);
    else
        sqlite3_bind_null(s, 7);
    store_bind_text(s, 8, site->niche);
    store_bind_text(s, 9, site->phone);
    return store_step_done(st, s, "cannot update site");
}

static void read_site(sqlite3_stmt *s, struct store_site *out)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(s, 0);
    out->domain = store_col_text(s, 1);
    out->name = store_col_text(s, 2);
    out->client = store_col_text(s, 3);
    out->status = store_col_text(s, 4);
    out->rent = sqlite3_column_type(s, 5) == SQLITE_NULL ? -1 : sqlite3_column_double(s, 5);
    out->competitor = sqlite3_column_int(s, 6);
    out->niche = store_col_text(s, 7);
    out->phone = store_col_text(s, 8);
    out->created_at = (time_t)sqlite3_column_int64(s, 9);
}

#define SITE_COLS "id, domain, name, client, status, rent, competitor, niche, phone, created_at"

int store_site_get(store *st, const char *domain, struct store_site *out)
{
    memset(out, 0, sizeof *out);
    char *dom = norm_domain(domain);
    if (!dom)
        return 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT " SITE_COLS " FROM site WHERE domain = ?1");
    if (!s) {
        free(dom);
        return -1;
    }
    store_bind_text(s, 1, dom);
    free(dom);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        read_site(s, out);
        sqlite3_reset(s);
        return 1;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : store_err(st, "cannot read site");
}

int store_site_list(store *st, struct store_site **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    sqlite3_stmt *s =
        store_stmt(st, "SELECT " SITE_COLS " FROM site ORDER BY competitor, domain");
    if (!s)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        read_site(s, &(*out)[(*n)++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        store_site_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list sites");
    }
    return 0;
}

int store_site_rm(store *st, const char *domain)
{
    long long id = store_site_id(st, domain);
    if (id <= 0)
        return error("site: '%s' is not tracked", domain ? domain : "");
    /* Ranks go by ON DELETE CASCADE, keywords keep their checks and lose
     * their site (ON DELETE SET NULL). */
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM site WHERE id = ?1");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    return store_step_done(st, s, "cannot remove site");
}

void store_site_release(struct store_site *s)
{
    if (!s)
        return;
    free(s->domain);
    free(s->name);
    free(s->client);
    free(s->status);
    free(s->niche);
    free(s->phone);
    memset(s, 0, sizeof *s);
}

void store_site_free_list(struct store_site *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        store_site_release(&v[i]);
    free(v);
}
