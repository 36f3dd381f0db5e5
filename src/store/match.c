/* match.c - which result on a stored page is which tracked site: the one
 * place that turns a parsed page into rank rows (best organic position and
 * its URL, and the local pack position), used when a check is stored and
 * when a past check is re-read for a site added later. A pack entry is the
 * site's by its website's domain, else by the site's business name
 * (normalised), else by its phone (last 10 digits): real packs list
 * businesses without a website. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "serp.h"
#include "store_int.h"
#include "url.h"

struct match_site {
    long long id;
    char *domain;
    char *name;      /* store_business_key of its business name; NULL = none */
    char phone[11];  /* store_phone_key of its phone; "" = none */
};

struct match_page {
    const struct serp_page *p;
    char **odom; /* registrable domain of each organic result, NULL if none */
    char **ldom; /* of each pack entry's website */
    char **lname; /* store_business_key of each pack entry's name */
    char (*lphone)[11]; /* store_phone_key of each pack entry's phone */
};

/* Words a business name may carry or drop ("Acme Plumbing, LLC" is
 * "Acme Plumbing" on the map): only at the end, so "Co Op Dental" keeps
 * its "Co". */
static const char *const name_suffixes[] = {
    "llc", "inc", "incorporated", "co", "corp", "corporation", "company", "ltd", "limited",
    "pllc", "plc", "lp", "llp", "pc", "pa", "dba",
};

char *store_business_key(const char *name)
{
    if (!name)
        return NULL;
    strbuf sb = STRBUF_INIT;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
        if (*c == '\'' || *c == '.')
            continue; /* "Bob's" = "Bobs", "L.L.C." = "LLC" */
        if (c[0] == 0xe2 && c[1] == 0x80 && c[2] == 0x99) {
            c += 2; /* the typographic apostrophe */
            continue;
        }
        if (*c == '&')
            sb_adds(&sb, " and ");
        else if (*c >= 0x80 || isalnum(*c))
            sb_addc(&sb, (char)tolower(*c));
        else
            sb_addc(&sb, ' ');
    }
    char *k = sb_detach(&sb);
    if (!k)
        return NULL;
    util_squeeze_space(k);
    /* drop trailing suffix words, keeping at least one word */
    for (;;) {
        char *sp = strrchr(k, ' ');
        if (!sp)
            break;
        size_t i = 0;
        while (i < ARRAY_SIZE(name_suffixes) && strcmp(sp + 1, name_suffixes[i]) != 0)
            i++;
        if (i == ARRAY_SIZE(name_suffixes))
            break;
        *sp = '\0';
    }
    if (!*k) {
        free(k);
        return NULL;
    }
    return k;
}

int store_phone_key(const char *phone, char key[11])
{
    char d[64];
    size_t n = 0;
    key[0] = '\0';
    for (const char *c = phone; c && *c && n < sizeof d; c++)
        if (*c >= '0' && *c <= '9')
            d[n++] = *c;
    if (n < 10)
        return 0;
    memcpy(key, d + n - 10, 10);
    key[10] = '\0';
    return 1;
}

/* The result's domain is computed once per page, not once per site. */
static void page_prepare(struct match_page *m, const struct serp_page *p)
{
    size_t no = p ? p->n_organic : 0, nl = p ? p->n_local : 0;
    m->p = p;
    m->odom = xcalloc(no + 1, sizeof *m->odom);
    m->ldom = xcalloc(nl + 1, sizeof *m->ldom);
    m->lname = xcalloc(nl + 1, sizeof *m->lname);
    m->lphone = xcalloc(nl + 1, sizeof *m->lphone);
    for (size_t i = 0; i < no; i++)
        m->odom[i] = p->organic[i].url ? url_domain(p->organic[i].url) : NULL;
    for (size_t i = 0; i < nl; i++) {
        m->ldom[i] = p->local[i].website ? url_domain(p->local[i].website) : NULL;
        m->lname[i] = store_business_key(p->local[i].name);
        store_phone_key(p->local[i].phone, m->lphone[i]);
    }
}

static void page_release(struct match_page *m)
{
    size_t no = m->p ? m->p->n_organic : 0, nl = m->p ? m->p->n_local : 0;
    for (size_t i = 0; i < no; i++)
        free(m->odom[i]);
    for (size_t i = 0; i < nl; i++) {
        free(m->ldom[i]);
        free(m->lname[i]);
    }
    free(m->odom);
    free(m->ldom);
    free(m->lname);
    free(m->lphone);
}

/* Best organic position (MODEL_NONE when absent within the depth) and its
 * URL (borrowed from the page); pack position, 0 when not in the pack. */
static void match_one(const struct match_page *m, const struct match_site *s, int *best,
                      const char **url, int *local)
{
    const struct serp_page *p = m->p;
    size_t no = p ? p->n_organic : 0, nl = p ? p->n_local : 0;
    *best = MODEL_NONE;
    *url = NULL;
    *local = 0;
    for (size_t i = 0; i < no; i++) {
        if (m->odom[i] && strcmp(m->odom[i], s->domain) == 0 &&
            (*best == MODEL_NONE || p->organic[i].position < *best)) {
            *best = p->organic[i].position;
            *url = p->organic[i].url;
        }
    }
    for (size_t i = 0; i < nl; i++) {
        int by_site = m->ldom[i] && strcmp(m->ldom[i], s->domain) == 0;
        int by_name = !by_site && s->name && m->lname[i] && strcmp(m->lname[i], s->name) == 0;
        int by_phone = !by_site && !by_name && s->phone[0] && strcmp(m->lphone[i], s->phone) == 0;
        if (by_site || by_name || by_phone) {
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
            "  " STORE_COMPETES("s", "(SELECT site_id FROM keyword WHERE id = ?1)") " OR"
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
        v[*n].name = store_business_key((const char *)sqlite3_column_text(s, 2));
        store_phone_key((const char *)sqlite3_column_text(s, 3), v[*n].phone);
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
        /* the check's location: where this search was made from */
        sqlite3_stmt *ins = store_stmt(st, "INSERT INTO rank(check_id, site_id, position, url_id,"
                                           " local, keyword_id, checked_at, location_id)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT"
                                           " location_id FROM \"check\" WHERE id = ?1))");
        if (!ins) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(ins, 1, check_id);
        sqlite3_bind_int64(ins, 2, sites[j].id);
        store_bind_int(ins, 3, best, MODEL_NONE);
        store_bind_int(ins, 4, uid, 0);
        sqlite3_bind_int(ins, 5, local);
        sqlite3_bind_int64(ins, 6, keyword_id);
        sqlite3_bind_int64(ins, 7, (long long)at);
        rc = store_step_done(st, ins, "cannot store rank");
    }
    page_release(&m);
    for (size_t j = 0; j < n; j++) {
        free(sites[j].domain);
        free(sites[j].name);
    }
    free(sites);
    return rc;
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
