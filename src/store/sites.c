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

/* The id of the site a competitor is attached to: it must be tracked and
 * be one of ours. 0 for "" (detach), -1 with a message. */
static long long owner_id(store *st, const char *domain, long long self)
{
    if (!*domain)
        return 0;
    struct model_site o;
    int got = store_site_get(st, domain, &o);
    long long id = o.id;
    int comp = o.competitor;
    model_site_release(&o);
    if (got < 0)
        return -1;
    if (got == 0)
        return store_fail(st, STORE_ERR_NOTFOUND,
                          "site: --of '%s' is not tracked (add it with 'serptrack site add')",
                          domain);
    if (comp)
        return store_fail(
            st, STORE_ERR_INVALID,
            "site: --of '%s' is a competitor; a competitor belongs to one of our sites", domain);
    if (id == self)
        return store_fail(st, STORE_ERR_INVALID, "site: a site cannot be its own competitor");
    return id;
}

int store_site_add(store *st, const struct model_site *site, long long *id)
{
    char *dom = norm_domain(site->domain);
    if (!dom)
        return store_fail(st, STORE_ERR_INVALID, "site: '%s' is not a domain name",
                          site->domain ? site->domain : "");
    if (site->status && !valid_status(site->status)) {
        free(dom);
        return store_fail(st, STORE_ERR_INVALID,
                          "site: unknown status '%s' (expected idea, building, ranking or rented)",
                          site->status);
    }
    if (store_site_id(st, dom) > 0) {
        store_fail(st, STORE_ERR_CONSTRAINT, "site: '%s' already exists", dom);
        free(dom);
        return -1;
    }
    long long of = 0;
    if (site->competitor_of && *site->competitor_of) {
        if (site->competitor <= 0) {
            free(dom);
            return store_fail(st, STORE_ERR_INVALID,
                              "site: --of is for a competitor (add --competitor)");
        }
        if ((of = owner_id(st, site->competitor_of, 0)) < 0) {
            free(dom);
            return -1;
        }
    }
    sqlite3_stmt *s = store_stmt(st, "INSERT INTO site(domain, name, client, status, rent, "
                                     "competitor, niche, phone, created_at, business_name,"
                                     " paused, competitor_of) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!s) {
        free(dom);
        return -1;
    }
    store_bind_text(s, 10, site->business_name && *site->business_name ? site->business_name
                                                                       : NULL);
    sqlite3_bind_int(s, 11, site->paused > 0);
    store_bind_int(s, 12, of, 0);
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

int store_site_update(store *st, const struct model_site *site)
{
    long long id = store_site_id(st, site->domain);
    if (id <= 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "site: '%s' is not tracked",
                          site->domain ? site->domain : "");
    if (site->status && !valid_status(site->status))
        return store_fail(st, STORE_ERR_INVALID,
                          "site: unknown status '%s' (expected idea, building, ranking or rented)",
                          site->status);
    long long of = 0;
    if (site->competitor_of && (of = owner_id(st, site->competitor_of, id)) < 0)
        return -1;
    /* ?N IS NULL keeps the column: one statement for every combination;
     * '' clears the texts that matching reads. */
    sqlite3_stmt *s = store_stmt(
        st, "UPDATE site SET name = ifnull(?2, name), client = ifnull(?3, client),"
            " status = ifnull(?4, status),"
            " rent = CASE WHEN ?5 = 1 THEN ?6 ELSE rent END,"
            " competitor = ifnull(?7, competitor), niche = ifnull(?8, niche),"
            " phone = CASE WHEN ?9 IS NULL THEN phone ELSE nullif(?9, '') END,"
            " business_name = CASE WHEN ?10 IS NULL THEN business_name"
            "   ELSE nullif(?10, '') END,"
            " paused = ifnull(?11, paused),"
            " competitor_of = CASE WHEN ?12 IS NULL THEN competitor_of"
            "   ELSE nullif(?12, 0) END"
            " WHERE id = ?1");
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
    store_bind_text(s, 10, site->business_name);
    if (site->paused >= 0)
        sqlite3_bind_int(s, 11, site->paused > 0);
    else
        sqlite3_bind_null(s, 11);
    if (site->competitor_of)
        sqlite3_bind_int64(s, 12, of);
    else
        sqlite3_bind_null(s, 12);
    if (store_step_done(st, s, "cannot update site") != 0)
        return -1;
    /* one of ours owns no competitor; a site made ours loses its owner */
    s = store_stmt(st, "UPDATE site SET competitor_of = NULL WHERE id = ?1 AND competitor = 0");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (store_step_done(st, s, "cannot update site") != 0)
        return -1;
    if (!of)
        return 0;
    /* A competitor now of one site keeps no rows on other sites' keywords
     * (rank, history and report would show them). */
    s = store_stmt(st, "DELETE FROM rank WHERE site_id = ?1 AND keyword_id NOT IN"
                       " (SELECT id FROM keyword WHERE site_id = ?2)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, of);
    return store_step_done(st, s, "cannot update site");
}

static void read_site(sqlite3_stmt *s, struct model_site *out)
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
    out->business_name = store_col_text(s, 10);
    out->paused = sqlite3_column_int(s, 11);
    out->competitor_of = store_col_text(s, 12);
}

#define SITE_COLS                                                                          \
    "s.id, s.domain, s.name, s.client, s.status, s.rent, s.competitor, s.niche, s.phone,"  \
    " s.created_at, s.business_name, s.paused, o.domain"
#define SITE_FROM " FROM site s LEFT JOIN site o ON o.id = s.competitor_of"

int store_site_get(store *st, const char *domain, struct model_site *out)
{
    memset(out, 0, sizeof *out);
    char *dom = norm_domain(domain);
    if (!dom)
        return 0;
    sqlite3_stmt *s = store_stmt(st, "SELECT " SITE_COLS SITE_FROM " WHERE s.domain = ?1");
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

int store_competes(const struct model_site *c, const char *owner)
{
    /* STORE_COMPETES (store_int.h) says the same in SQL */
    return c->competitor && (!c->competitor_of || (owner && strcmp(c->competitor_of, owner) == 0));
}

int store_site_list(store *st, struct model_site **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    sqlite3_stmt *s =
        store_stmt(st, "SELECT " SITE_COLS SITE_FROM " ORDER BY s.competitor, s.domain");
    if (!s)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        GROW(*out, cap, *n + 1);
        read_site(s, &(*out)[(*n)++]);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        model_site_free_list(*out, *n);
        *out = NULL;
        *n = 0;
        return store_err(st, "cannot list sites");
    }
    return 0;
}

int store_site_usage(store *st, const char *domain, struct store_site_usage *u)
{
    memset(u, 0, sizeof *u);
    long long id = store_site_id(st, domain);
    if (id <= 0)
        return 0;
    sqlite3_stmt *s = store_stmt(
        st, "SELECT (SELECT count(*) FROM keyword WHERE site_id = ?1),"
            " (SELECT count(*) FROM \"check\" c JOIN keyword k ON k.id = c.keyword_id"
            "   WHERE k.site_id = ?1),"
            " (SELECT count(*) FROM rank WHERE site_id = ?1),"
            " (SELECT count(*) FROM lead WHERE site_id = ?1),"
            " (SELECT count(*) FROM alert a JOIN keyword k ON k.id = a.keyword_id"
            "   WHERE k.site_id = ?1),"
            " (SELECT count(*) FROM grid WHERE site_id = ?1),"
            " (SELECT count(*) FROM grid_scan c JOIN grid g ON g.id = c.grid_id"
            "   WHERE g.site_id = ?1)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        u->keywords = sqlite3_column_int64(s, 0);
        u->checks = sqlite3_column_int64(s, 1);
        u->ranks = sqlite3_column_int64(s, 2);
        u->leads = sqlite3_column_int64(s, 3);
        u->alerts = sqlite3_column_int64(s, 4);
        u->grids = sqlite3_column_int64(s, 5);
        u->grid_scans = sqlite3_column_int64(s, 6);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 1 : store_err(st, "cannot count what the site holds");
}

int store_site_rm(store *st, const char *domain)
{
    long long id = store_site_id(st, domain);
    if (id <= 0)
        return store_fail(st, STORE_ERR_NOTFOUND, "site: '%s' is not tracked",
                          domain ? domain : "");
    /* Its keywords go too, with their checks (ON DELETE CASCADE): left
     * behind without a site they were still fetched and billed. Ranks and
     * leads go by ON DELETE CASCADE; competitors it owned fall back to
     * every site (ON DELETE SET NULL). */
    if (store_begin(st) != 0)
        return -1;
    sqlite3_stmt *s = store_stmt(st, "DELETE FROM keyword WHERE site_id = ?1");
    if (!s || (sqlite3_bind_int64(s, 1, id), store_step_done(st, s, "cannot remove site")) != 0)
        goto fail;
    s = store_stmt(st, "DELETE FROM site WHERE id = ?1");
    if (!s || (sqlite3_bind_int64(s, 1, id), store_step_done(st, s, "cannot remove site")) != 0)
        goto fail;
    return store_commit(st);
fail:
    store_rollback(st);
    return -1;
}

