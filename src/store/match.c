/* match.c - which result on a stored page is which tracked site: the one
 * place that turns a parsed page into rank rows (best organic position and
 * its URL, and the local pack position), used when a check is stored and
 * when a past check is re-read for a site added later. */
#include <stdlib.h>
#include <string.h>

#include "serp.h"
#include "store_int.h"
#include "url.h"

struct match_site {
    long long id;
    char *domain;
};

struct match_page {
    const struct serp_page *p;
    char **odom; /* registrable domain of each organic result, NULL if none */
    char **ldom; /* of each pack entry's website */
};

/* The result's domain is computed once per page, not once per site. */
static void page_prepare(struct match_page *m, const struct serp_page *p)
{
    size_t no = p ? p->n_organic : 0, nl = p ? p->n_local : 0;
    m->p = p;
    m->odom = xcalloc(no + 1, sizeof *m->odom);
    m->ldom = xcalloc(nl + 1, sizeof *m->ldom);
    for (size_t i = 0; i < no; i++)
        m->odom[i] = p->organic[i].url ? url_domain(p->organic[i].url) : NULL;
    for (size_t i = 0; i < nl; i++)
        m->ldom[i] = p->local[i].website ? url_domain(p->local[i].website) : NULL;
}

static void page_release(struct match_page *m)
{
    size_t no = m->p ? m->p->n_organic : 0, nl = m->p ? m->p->n_local : 0;
    for (size_t i = 0; i < no; i++)
        free(m->odom[i]);
    for (size_t i = 0; i < nl; i++)
        free(m->ldom[i]);
    free(m->odom);
    free(m->ldom);
}

/* Best organic position (STORE_NONE when absent within the depth) and its
 * URL (borrowed from the page); pack position, 0 when not in the pack. */
static void match_one(const struct match_page *m, const struct match_site *s, int *best,
                      const char **url, int *local)
{
    const struct serp_page *p = m->p;
    size_t no = p ? p->n_organic : 0, nl = p ? p->n_local : 0;
    *best = STORE_NONE;
    *url = NULL;
    *local = 0;
    for (size_t i = 0; i < no; i++) {
        if (m->odom[i] && strcmp(m->odom[i], s->domain) == 0 &&
            (*best == STORE_NONE || p->organic[i].position < *best)) {
            *best = p->organic[i].position;
            *url = p->organic[i].url;
        }
    }
    for (size_t i = 0; i < nl; i++) {
        if (m->ldom[i] && strcmp(m->ldom[i], s->domain) == 0) {
            int pos = p->local[i].position > 0 ? p->local[i].position : (int)i + 1;
            if (*local == 0 || pos < *local)
                *local = pos;
        }
    }
}

/* The sites that get a row for this keyword: its own site and every
 * competitor of that site (competitor_of it, or NULL: of every site), or
 * only site_id (none when site_id is a competitor of another site). */
static int load_sites(store *st, long long keyword_id, long long site_id,
                      struct match_site **out, size_t *n)
{
    sqlite3_stmt *s = store_stmt(
        st, "SELECT s.id, s.domain, s.business_name, s.phone FROM site s"
            " WHERE (?2 = 0 OR s.id = ?2) AND"
            " (s.id = (SELECT site_id FROM keyword WHERE id = ?1) OR"
            "  (s.competitor = 1 AND (s.competitor_of IS NULL OR"
            "   s.competitor_of = (SELECT site_id FROM keyword WHERE id = ?1))) OR"
            "  (?2 <> 0 AND s.competitor = 0))"
            " ORDER BY s.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, keyword_id);
    sqlite3_bind_int64(s, 2, site_id);
    struct match_site *v = NULL;
    size_t cap = 0;
    *n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        GROW(v, cap, *n + 1);
        v[*n].id = sqlite3_column_int64(s, 0);
        v[*n].domain = store_col_text(s, 1);
        (*n)++;
    }
    sqlite3_reset(s);
    *out = v;
    return 0;
}

int store_rank_rows(store *st, long long check_id, long long keyword_id, time_t at,
                    const struct serp_page *p, long long site_id)
{
    struct match_site *sites;
    size_t n;
    if (load_sites(st, keyword_id, site_id, &sites, &n) != 0)
        return -1;
    struct match_page m;
    page_prepare(&m, p);
    int rc = 0;
    for (size_t j = 0; j < n && rc == 0; j++) {
        int best, local;
        const char *url;
        match_one(&m, &sites[j], &best, &url, &local);
        long long uid = url ? store_intern_url(st, url) : 0;
        if (uid < 0) {
            rc = -1;
            break;
        }
        sqlite3_stmt *ins = store_stmt(st, "INSERT INTO rank(check_id, site_id, position, url_id,"
                                           " local, keyword_id, checked_at)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!ins) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(ins, 1, check_id);
        sqlite3_bind_int64(ins, 2, sites[j].id);
        store_bind_int(ins, 3, best, STORE_NONE);
        store_bind_int(ins, 4, uid, 0);
        sqlite3_bind_int(ins, 5, local);
        sqlite3_bind_int64(ins, 6, keyword_id);
        sqlite3_bind_int64(ins, 7, (long long)at);
        rc = store_step_done(st, ins, "cannot store rank");
    }
    page_release(&m);
    for (size_t j = 0; j < n; j++)
        free(sites[j].domain);
    free(sites);
    return rc;
}
