/* google.c - Google result pages of every markup family seen in the wild:
 * 2019 div.g/div.rc and no-JS h3.r with /url?q= links, 2021 tF2Cxc/yuRUbf,
 * 2023+ div.MjjYud, mobile (div[role=heading] titles), plus ads (#tads,
 * #bottomads, data-text-ad), local pack (div.VkpGBb), total results
 * (#result-stats) and the feature list.
 *
 * The organic rule: a link whose title is an h3 (or an aria-level 3
 * heading on mobile), inside the result column, not inside an ad, local
 * pack, people-also-ask, carousel or knowledge card, and not nested under
 * a result already counted (sitelinks, indented sub-results). Class names
 * churn; the a > h3 shape has survived every redesign, so it carries the
 * weight and class names only name what to skip. */
#include <string.h>

#include "dom.h"
#include "url.h"

#define GOOGLE_BASE "https://www.google.com"

/* Containers whose links are never organic results. */
static int skip_container(const xmlNode *n, unsigned *features)
{
    const char *id = dom_attr(n, "id");
    if (id && (!strcmp(id, "tads") || !strcmp(id, "tvcap") || !strcmp(id, "bottomads") ||
               !strcmp(id, "rhs") || !strcmp(id, "taw") || !strcmp(id, "botstuff") ||
               !strcmp(id, "lu_map") || !strcmp(id, "imagebox_bigimages") ||
               !strcmp(id, "extrares")))
        return 1;
    const char *name = (const char *)n->name;
    if (!strcmp(name, "g-section-with-header") || !strcmp(name, "g-scrolling-carousel") ||
        !strcmp(name, "g-accordion-expander") || !strcmp(name, "video-voyager") ||
        !strcmp(name, "g-inner-card") || !strcmp(name, "inline-video") ||
        !strcmp(name, "product-viewer-group") || !strcmp(name, "block-component"))
        return 1;
    if (dom_attr(n, "data-text-ad"))
        return 1;
    if (dom_has_class(n, "related-question-pair") || dom_has_class(n, "VkpGBb") ||
        dom_has_class(n, "kp-wholepage") || dom_has_class(n, "kno-kp") ||
        dom_has_class(n, "kp-blk") || dom_has_class(n, "ads-ad") ||
        dom_has_class(n, "commercial-unit-desktop-top") || dom_has_class(n, "cu-container"))
        return 1;
    /* Video results (2023+) and app-install cards (mobile). */
    if (dom_has_class(n, "RzdJxc") || (dom_is(n, "a") && dom_attr(n, "data-app")))
        return 1;
    /* A universal block (videos, top stories, knowledge, questions) holds
     * no div.g; when it does, it wraps an ordinary result. */
    if (dom_has_class(n, "ULSxyf") && !dom_find(n, dom_pred_class, "g"))
        return 1;
    if (dom_is(n, "table") && dom_has_class(n, "nrgt")) {
        *features |= SERP_F_SITELINKS;
        return 1;
    }
    return 0;
}

/* Title element of a result link: h3, or the mobile heading. */
static int is_title(const xmlNode *n, const void *unused)
{
    (void)unused;
    if (dom_is(n, "h3"))
        return 1;
    if (dom_is(n, "div") || dom_is(n, "span")) {
        const char *role = dom_attr(n, "role"), *lvl = dom_attr(n, "aria-level");
        return role && lvl && !strcmp(role, "heading") && !strcmp(lvl, "3");
    }
    return 0;
}

/* The result block a link belongs to: the outermost div.g (or MjjYud
 * wrapper's child) under the column, so sub-results share their parent's. */
static const xmlNode *result_block(const xmlNode *n, const xmlNode *col)
{
    const xmlNode *best = NULL;
    for (const xmlNode *a = n->parent; a && a != col && a->type == XML_ELEMENT_NODE;
         a = a->parent)
        if (dom_has_class(a, "g"))
            best = a;
    return best;
}

/* Google-internal link (a vertical search, a "more" link, a settings page)
 * rather than a result. */
static int internal_link(const char *href, const char *url)
{
    if (href[0] == '/' && href[1] != '/' && !util_starts_with(href, "/url?"))
        return 1;
    char *host = url_host(url);
    int internal = 0;
    if (host && strstr(host, "google.")) {
        const char *p = strstr(url, "://");
        p = p ? strchr(p + 3, '/') : NULL;
        internal = p && (util_starts_with(p, "/search") || util_starts_with(p, "/sorry"));
    }
    free(host);
    return internal;
}

static char *snippet_of(const xmlNode *block)
{
    if (!block)
        return NULL;
    /* Snippet classes across eras: span.st (2019), div.IsZvec / VwiC3b
     * (2021+), div[data-sncf] (2023+), div.s (no-JS). */
    static const char *const cls[] = {"VwiC3b", "st", "IsZvec", "s", "lEBKkf"};
    for (size_t i = 0; i < ARRAY_SIZE(cls); i++) {
        xmlNode *s = dom_find(block, dom_pred_class, cls[i]);
        if (s)
            return dom_text_dup(s);
    }
    return NULL;
}

struct gstate {
    struct serp_page *page;
    const xmlNode *col;
    const xmlNode *blocks[512]; /* result blocks already counted */
    size_t n_blocks;
    const xmlNode *last_block;
};

static int block_seen(struct gstate *st, const xmlNode *b)
{
    if (!b)
        return 0;
    for (size_t i = 0; i < st->n_blocks; i++)
        if (st->blocks[i] == b)
            return 1;
    return 0;
}

static void add_result(struct gstate *st, const xmlNode *link, const xmlNode *title_el)
{
    const char *href = dom_attr(link, "href");
    if (!href || !*href)
        return;
    char *url = serp_unwrap_url(href, GOOGLE_BASE);
    if (!url || !url_is_http(url) || internal_link(href, url)) {
        free(url);
        return;
    }
    const xmlNode *block = result_block(link, st->col);
    if (block_seen(st, block)) {
        st->page->features |= SERP_F_SITELINKS;
        free(url);
        return;
    }
    char *title = dom_text_dup(title_el);
    if (!*title) {
        free(title);
        free(url);
        return;
    }
    char *snip = snippet_of(block);
    serp_add_organic(st->page, url, title, snip);
    if (block && st->n_blocks < ARRAY_SIZE(st->blocks))
        st->blocks[st->n_blocks++] = block;
    free(url);
    free(title);
    free(snip);
}

static void organic(struct gstate *st)
{
    const xmlNode *col = st->col;
    for (xmlNode *n = dom_next(col, col, 0); n;) {
        if (skip_container(n, &st->page->features)) {
            n = dom_next(n, col, 1);
            continue;
        }
        if (dom_is(n, "a")) {
            xmlNode *t = dom_find(n, is_title, NULL);
            if (t) {
                add_result(st, n, t);
                n = dom_next(n, col, 1);
                continue;
            }
        } else if (dom_is(n, "h3")) {
            /* No-JS family: h3.r > a, the heading around the link. */
            xmlNode *a = dom_find(n, dom_pred_tag, "a");
            if (a) {
                add_result(st, a, a);
                n = dom_next(n, col, 1);
                continue;
            }
        }
        n = dom_next(n, col, 0);
    }
}

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

static int is_heading(const xmlNode *n, const void *unused)
{
    (void)unused;
    if (dom_is(n, "h3"))
        return 1;
    const char *role = dom_attr(n, "role");
    return role && !strcmp(role, "heading");
}

static void ads_in(struct serp_page *page, const xmlNode *box, int bottom)
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
        xmlNode *h = dom_find(n, is_heading, NULL);
        char *url = a ? ad_url(n, a) : NULL;
        char *title = dom_text_dup(h ? h : a);
        if (url && url_is_http(url))
            serp_add_ad(page, bottom, url, title);
        free(url);
        free(title);
        n = dom_next(n, box, 1);
    }
}

/* "4.5" out of a rating element, "(1,234)" for reviews. */
static void local_entry(struct serp_page *page, const xmlNode *e)
{
    xmlNode *h = dom_find(e, is_heading, NULL);
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
    serp_add_local(page, name, rating, reviews, w);
    free(w);
    free(name);
}

static int is_local_entry(const xmlNode *n, const void *unused)
{
    (void)unused;
    return dom_has_class(n, "VkpGBb") || dom_has_class(n, "local-result");
}

static void local_pack(struct serp_page *page, const xmlNode *root)
{
    for (xmlNode *n = dom_find(root, is_local_entry, NULL); n;) {
        if (is_local_entry(n, NULL)) {
            local_entry(page, n);
            n = dom_next(n, root, 1);
        } else {
            n = dom_next(n, root, 0);
        }
    }
}

/* Feature markers outside the organic list. */
static void features(struct serp_page *page, const xmlNode *root)
{
    for (xmlNode *n = dom_next(root, root, 0); n; n = dom_next(n, root, 0)) {
        if (dom_has_class(n, "related-question-pair"))
            page->features |= SERP_F_PEOPLE_ALSO_ASK;
        else if (dom_is(n, "video-voyager") || dom_is(n, "inline-video") || dom_has_class(n, "RzdJxc"))
            page->features |= SERP_F_VIDEOS;
        else if (dom_has_class(n, "kp-wholepage") || dom_has_class(n, "kno-kp") ||
                 dom_has_class(n, "knowledge-panel"))
            page->features |= SERP_F_KNOWLEDGE_PANEL;
        else if (dom_id_is(n, "imagebox_bigimages") || dom_has_class(n, "images-block"))
            page->features |= SERP_F_IMAGES;
        else if (dom_has_class(n, "xpdopen") || dom_has_class(n, "featured-snippet") ||
                 dom_has_class(n, "ifM9O"))
            page->features |= SERP_F_FEATURED_SNIPPET;
        else if (dom_has_class(n, "top-stories"))
            page->features |= SERP_F_TOP_STORIES;
        else if (dom_is(n, "h2") || dom_is(n, "h3") || dom_attr(n, "role")) {
            const char *role = dom_attr(n, "role");
            if (!dom_is(n, "h2") && !dom_is(n, "h3") && (!role || strcmp(role, "heading")))
                continue;
            char *t = dom_text_dup(n);
            if (!strcmp(t, "Top stories") || !strcmp(t, "News"))
                page->features |= SERP_F_TOP_STORIES;
            else if (!strcmp(t, "Videos"))
                page->features |= SERP_F_VIDEOS;
            else if (!strcmp(t, "People also ask"))
                page->features |= SERP_F_PEOPLE_ALSO_ASK;
            else if (util_starts_with(t, "Images for") || !strcmp(t, "Images"))
                page->features |= SERP_F_IMAGES;
            else if (!strcmp(t, "Featured snippet from the web"))
                page->features |= SERP_F_FEATURED_SNIPPET;
            free(t);
        }
    }
}

static void query_and_next(const xmlDoc *doc, struct serp_page *page, const xmlNode *body)
{
    for (xmlNode *n = dom_next(body, body, 0); n; n = dom_next(n, body, 0)) {
        if (!page->query && (dom_is(n, "input") || dom_is(n, "textarea"))) {
            const char *name = dom_attr(n, "name");
            if (name && !strcmp(name, "q")) {
                const char *v = dom_is(n, "input") ? dom_attr(n, "value") : NULL;
                char *t = v ? xstrdup(v) : dom_text_dup(n);
                util_squeeze_space(t);
                if (*t)
                    page->query = util_utf8_sanitize(t, strlen(t));
                free(t);
            }
        }
        if (!page->has_next && dom_is(n, "a") &&
            (dom_id_is(n, "pnnext") || util_streq(dom_attr(n, "aria-label"), "Next page") ||
             util_streq(dom_attr(n, "aria-label"), "Next")))
            page->has_next = 1;
    }
    if (!page->query) {
        /* "<query> - Google Search" */
        xmlNode *root = xmlDocGetRootElement(doc);
        xmlNode *t = dom_find(root, dom_pred_tag, "title");
        if (t) {
            char *s = dom_text_dup(t);
            char *dash = strstr(s, " - Google");
            if (dash && dash != s) {
                *dash = 0;
                page->query = xstrdup(s);
            }
            free(s);
        }
    }
}

void serp_google_extract(const xmlDoc *doc, struct serp_page *page)
{
    xmlNode *body = dom_body(doc);
    if (!body)
        return;
    xmlNode *stats = dom_by_id(doc, "result-stats");
    if (!stats)
        stats = dom_by_id(doc, "resultStats");
    if (stats) {
        char *t = dom_text_dup(stats);
        page->total_results = serp_parse_count(t);
        free(t);
    }
    struct gstate *st = xcalloc(1, sizeof(*st));
    st->page = page;
    const xmlNode *col = dom_by_id(doc, "rso");
    if (!col)
        col = dom_by_id(doc, "search");
    if (!col)
        col = dom_by_id(doc, "ires");
    if (!col)
        col = dom_by_id(doc, "center_col");
    if (!col)
        col = body;
    st->col = col;
    organic(st);
    free(st);
    ads_in(page, dom_by_id(doc, "tads"), 0);
    /* #tadsb sits inside #bottomads on some pages, beside it on others. */
    xmlNode *bottom = dom_by_id(doc, "bottomads"), *tadsb = dom_by_id(doc, "tadsb");
    ads_in(page, bottom, 1);
    if (tadsb && !(bottom && dom_ancestor(tadsb, NULL, dom_pred_id, "bottomads")))
        ads_in(page, tadsb, 1);
    local_pack(page, body);
    features(page, body);
    query_and_next(doc, page, body);
}
