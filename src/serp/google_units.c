/* google_units.c - the ad units and local-pack entries of Google pages
 * (google.c finds the boxes; this reads one unit or entry). Split from
 * google.c to keep each file readable; private to the Google parser. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dom.h"
#include "url.h"

#define GOOGLE_BASE "https://www.google.com"

/* Ad landing URL: the ad's links carry it in data-pcu (a click-tracking
 * href beside it), or the unit names the display domain in data-dtld;
 * otherwise the href, with googleadservices' adurl= unwrapped. */
static char *ad_url(const xmlNode *unit, const xmlNode *a)
{
    for (xmlNode *n = dom_next(unit, unit, 0); n; n = dom_next(n, unit, 0)) {
        const char *pcu = dom_attr(n, "data-pcu");
        if (pcu && url_is_http(pcu)) {
            const char *comma = strchr(pcu, ',');
            return comma ? xstrndup(pcu, (size_t)(comma - pcu)) : xstrdup(pcu);
        }
    }
    const xmlNode *d = dom_attr(unit, "data-dtld") ? unit : NULL;
    for (xmlNode *n = dom_next(unit, unit, 0); n && !d; n = dom_next(n, unit, 0))
        if (dom_attr(n, "data-dtld"))
            d = n;
    char *u = serp_unwrap_url(dom_attr(a, "href"), GOOGLE_BASE);
    if (u && (strstr(u, "googleadservices.com") || strstr(u, "/aclk?"))) {
        char *real = url_query_param(u, "adurl");
        if (real && url_is_http(real)) {
            free(u);
            return real;
        }
        free(real);
        const char *dt = d ? dom_attr(d, "data-dtld") : NULL;
        if (dt && *dt && !strpbrk(dt, "/?#@ ")) {
            free(u);
            return xasprintf("https://%s/", dt);
        }
    }
    return u;
}

static int is_ad_unit(const xmlNode *n, const void *unused)
{
    (void)unused;
    return dom_attr(n, "data-text-ad") || dom_has_class(n, "ads-ad") ||
           (dom_is(n, "li") && dom_has_class(n, "ads-fr"));
}

/* Also google.c's test for AI overview headings. */
int serp_google_is_heading(const xmlNode *n, const void *unused)
{
    (void)unused;
    if (dom_is(n, "h3"))
        return 1;
    const char *role = dom_attr(n, "role");
    return role && !strcmp(role, "heading");
}

void serp_google_ads_in(struct serp_page *page, const xmlNode *box, enum serp_ad_block block)
{
    if (!box)
        return;
    for (xmlNode *n = dom_next(box, box, 0); n;) {
        if (!is_ad_unit(n, NULL)) {
            n = dom_next(n, box, 0);
            continue;
        }
        xmlNode *a = dom_find(n, dom_pred_tag, "a");
        while (a && !dom_attr(a, "href"))
            a = dom_next(a, n, 0);
        xmlNode *h = dom_find(n, serp_google_is_heading, NULL);
        char *url = a ? ad_url(n, a) : NULL;
        char *title = dom_text_dup(h ? h : a);
        if (url && url_is_http(url))
            serp_add_ad(page, block, url, title);
        free(url);
        free(title);
        n = dom_next(n, box, 1);
    }
}

/* "4.5" out of a rating element, "(1,234)" for reviews. */
void serp_google_local_entry(struct serp_page *page, const xmlNode *e)
{
    xmlNode *h = dom_find(e, serp_google_is_heading, NULL);
    if (!h)
        h = dom_find(e, dom_pred_class, "dbg0pd");
    if (!h)
        h = dom_find(e, dom_pred_class, "rllt__details");
    char *name = h ? dom_text_dup(h) : NULL;
    if (!name || !*name) {
        free(name);
        return;
    }
    double rating = -1;
    int reviews = -1;
    for (xmlNode *n = dom_next(e, e, 0); n; n = dom_next(n, e, 0)) {
        const char *al = dom_attr(n, "aria-label");
        if (rating < 0 && al && strstr(al, "Rated ")) {
            double v;
            char *num = xstrdup(al + strlen("Rated "));
            char *sp = strchr(num, ' ');
            if (sp)
                *sp = 0;
            for (char *c = num; *c; c++)
                if (*c == ',')
                    *c = '.';
            if (util_parse_double(num, &v) == 0 && v >= 0 && v <= 5)
                rating = v;
            free(num);
        }
        if (rating < 0 && (dom_has_class(n, "BTtC6e") || dom_has_class(n, "yi40Hd") ||
                           dom_has_class(n, "rating"))) {
            char *t = dom_text_dup(n);
            for (char *c = t; *c; c++)
                if (*c == ',')
                    *c = '.';
            double v;
            if (util_parse_double(t, &v) == 0 && v >= 0 && v <= 5)
                rating = v;
            free(t);
        }
        if (reviews < 0 && (dom_has_class(n, "RDApEe") || dom_has_class(n, "reviews"))) {
            char *t = dom_text_dup(n);
            long long c = serp_parse_count(t);
            if (c >= 0 && c < 100000000)
                reviews = (int)c;
            free(t);
        }
    }
    const char *website = NULL;
    for (xmlNode *a = dom_find(e, dom_pred_tag, "a"); a; a = dom_next(a, e, 0)) {
        if (!dom_is(a, "a"))
            continue;
        const char *href = dom_attr(a, "href");
        if (!href)
            continue;
        char *t = dom_text_dup(a);
        int site = dom_has_class(a, "yYlJEf") || dom_has_class(a, "L48Cpd") ||
                   util_strcaseeq(t, "website") || dom_has_class(a, "website");
        free(t);
        if (site && url_is_http(href)) {
            website = href;
            break;
        }
    }
    char *w = website ? serp_unwrap_url(website, GOOGLE_BASE) : NULL;
    struct serp_local *l = serp_add_local(page, name, rating, reviews, w);
    char *phone = dom_phone(e);
    serp_local_set_phone(l, phone);
    free(phone);
    free(w);
    free(name);
}
