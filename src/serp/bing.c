/* bing.c - Bing result pages: organic ol#b_results > li.b_algo > h2 > a
 * (links may be ck/a click redirects, unwrapped from their u=a1<base64url>
 * parameter), ads li.b_ad (top), li.b_ad.b_adBottom and the sidebar's
 * ol#b_context > li.b_ad, one per ad unit (its sitelinks are not ads), the
 * local answer (#lMapContainer with b_scard entries), .sb_count, a.sb_pagN.
 * Answers (li.b_ans: images, questions, local), li.b_msg and li.b_pag are
 * not organic. The 2026 Turnstile challenge page is caught in block.c. */
#include <string.h>

#include "dom.h"
#include "url.h"

#define BING_BASE "https://www.bing.com"

/* Ad links go through bing.com/aclick?...&u=<base64 of the percent-encoded
 * landing URL>; return the landing URL when it decodes, else the link. */
static char *ad_target(const char *href)
{
    char *u = serp_unwrap_url(href, BING_BASE);
    if (!u || !strstr(u, "bing.com/aclick"))
        return u;
    char *b = url_query_param(u, "u");
    if (b && *b) {
        /* "a1" + base64url on ck/a, plain base64 on aclick. */
        char *dec = serp_b64url_decode(b[0] == 'a' && b[1] == '1' ? b + 2 : b);
        if (dec && !url_is_http(dec) && util_starts_with(dec, "http")) {
            char *plain = url_decode(dec, strlen(dec));
            free(dec);
            dec = plain;
        }
        if (dec && url_is_http(dec)) {
            free(b);
            free(u);
            return dec;
        }
        free(dec);
    }
    free(b);
    return u;
}

static int is_h2_link(const xmlNode *n, const void *unused)
{
    (void)unused;
    return dom_is(n, "a") && n->parent && (dom_is(n->parent, "h2") || dom_is(n->parent, "h3"));
}

static void organic(struct serp_page *page, const xmlNode *li)
{
    xmlNode *h = dom_find(li, dom_pred_tag, "h2");
    if (!h)
        h = dom_find(li, dom_pred_tag, "h3");
    xmlNode *a = h ? dom_find(h, dom_pred_tag, "a") : NULL;
    if (!a)
        a = dom_find(li, dom_pred_tag, "a");
    if (!a)
        return;
    char *url = serp_unwrap_url(dom_attr(a, "href"), BING_BASE);
    char *title = dom_text_dup(a);
    xmlNode *sn = dom_find(li, dom_pred_class, "b_caption");
    xmlNode *p = sn ? dom_find(sn, dom_pred_tag, "p") : NULL;
    if (!p)
        p = dom_find(li, dom_pred_class, "b_lineclamp2");
    if (!p)
        p = dom_find(li, dom_pred_tag, "p");
    char *snip = p ? dom_text_dup(p) : NULL;
    if (url && url_is_http(url) && *title)
        serp_add_organic(page, url, title, snip);
    free(url);
    free(title);
    free(snip);
}

/* The title link of one ad unit: the first h2 link (a unit's sitelinks
 * come after it, in h3 or plain list links), else the first h3 link. */
static void ad_unit(struct serp_page *page, enum serp_ad_block where, const xmlNode *unit)
{
    xmlNode *a = NULL, *h3 = NULL;
    for (xmlNode *n = dom_find(unit, is_h2_link, NULL); n && !a; n = dom_next(n, unit, 0)) {
        if (!is_h2_link(n, NULL))
            continue;
        if (dom_is(n->parent, "h2"))
            a = n;
        else if (!h3)
            h3 = n;
    }
    if (!a)
        a = h3;
    if (!a)
        return;
    char *url = ad_target(dom_attr(a, "href"));
    char *title = dom_text_dup(a);
    if (url && url_is_http(url))
        serp_add_ad(page, where, url, title);
    free(url);
    free(title);
}

/* One ad per ad unit, never per link: a unit's sitelinks are links too.
 * Units are the items of the block's own list (li.b_ad > ul > li), the
 * list that opens before any title; without one, each div.sb_add; else
 * the block is one unit. */
static void ads(struct serp_page *page, enum serp_ad_block where, const xmlNode *block)
{
    xmlNode *list = NULL;
    for (xmlNode *n = dom_next(block, block, 0); n && !list; n = dom_next(n, block, 0)) {
        if (is_h2_link(n, NULL))
            break;
        if (dom_is(n, "ul") || dom_is(n, "ol"))
            list = n;
    }
    if (list) {
        for (xmlNode *c = list->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                ad_unit(page, where, c);
        return;
    }
    int units = 0;
    for (xmlNode *n = dom_next(block, block, 0); n;) {
        if (dom_has_class(n, "sb_add")) {
            ad_unit(page, where, n);
            units++;
            n = dom_next(n, block, 1);
        } else {
            n = dom_next(n, block, 0);
        }
    }
    if (!units)
        ad_unit(page, where, block);
}

/* The sidebar (ol#b_context): its ads, and whether it holds a knowledge
 * panel. */
static void sidebar(struct serp_page *page, const xmlNode *ctx)
{
    for (xmlNode *n = dom_next(ctx, ctx, 0); n;) {
        if (dom_has_class(n, "b_ad")) {
            ads(page, SERP_AD_SIDE, n);
            n = dom_next(n, ctx, 1);
            continue;
        }
        if (dom_has_class(n, "b_entityTP") || dom_has_class(n, "b_entityTitle"))
            page->features |= SERP_F_KNOWLEDGE_PANEL;
        n = dom_next(n, ctx, 0);
    }
}

static void local_entry(struct serp_page *page, const xmlNode *e)
{
    xmlNode *h = dom_find(e, dom_pred_tag, "h2");
    if (!h)
        h = dom_find(e, dom_pred_tag, "h3");
    char *name = h ? dom_text_dup(h) : NULL;
    if (!name || !*name) {
        free(name);
        return;
    }
    double rating = -1;
    int reviews = -1;
    char *website = NULL;
    for (xmlNode *n = dom_next(e, e, 0); n; n = dom_next(n, e, 0)) {
        const char *al = dom_attr(n, "aria-label");
        if (rating < 0 && al && util_starts_with(al, "Star Rating: ")) {
            double v;
            char *num = xstrdup(al + strlen("Star Rating: "));
            char *sp = strchr(num, ' ');
            if (sp)
                *sp = 0;
            if (util_parse_double(num, &v) == 0 && v >= 0 && v <= 5)
                rating = v;
            free(num);
        }
        if (!website && dom_is(n, "a") && al && util_strcaseeq(al, "website")) {
            const char *href = dom_attr(n, "href");
            if (href && url_is_http(href))
                website = xstrdup(href);
        }
        if (reviews < 0 && (dom_has_class(n, "reviews") || dom_has_class(n, "b_reviews"))) {
            char *t = dom_text_dup(n);
            long long c = serp_parse_count(t);
            if (c >= 0 && c < 100000000)
                reviews = (int)c;
            free(t);
        }
    }
    struct serp_local *l = serp_add_local(page, name, rating, reviews, website);
    char *phone = dom_phone(e);
    serp_local_set_phone(l, phone);
    free(phone);
    free(website);
    free(name);
}

static int is_local_entry(const xmlNode *n, const void *unused)
{
    (void)unused;
    return (dom_has_class(n, "b_scard") && dom_find(n, dom_pred_class, "lc_content")) ||
           dom_has_class(n, "local-result");
}

static void local_pack(struct serp_page *page, const xmlNode *box)
{
    page->features |= SERP_F_LOCAL_PACK;
    for (xmlNode *n = dom_next(box, box, 0); n;) {
        if (is_local_entry(n, NULL)) {
            local_entry(page, n);
            n = dom_next(n, box, 1);
        } else {
            n = dom_next(n, box, 0);
        }
    }
}

static int is_local_box(const xmlNode *li)
{
    return dom_find(li, dom_pred_id, "lMapContainer") || dom_has_class(li, "b_local") ||
           dom_find(li, dom_pred_class, "b_localAns") || dom_has_class(li, "local-pack");
}

/* Answer kinds from an li.b_ans, for the feature list. */
static void answer_features(struct serp_page *page, const xmlNode *li)
{
    if (dom_find(li, dom_pred_class, "df_qntext") || dom_find(li, dom_pred_id, "relatedQnAListDisplay") ||
        dom_find(li, dom_pred_class, "b_rrsr"))
        page->features |= SERP_F_PEOPLE_ALSO_ASK;
    if (dom_find(li, dom_pred_class, "imgpt") || dom_find(li, dom_pred_class, "b_imagePair") ||
        dom_find(li, dom_pred_id, "imgans"))
        page->features |= SERP_F_IMAGES;
    if (dom_find(li, dom_pred_class, "vrhdata") || dom_find(li, dom_pred_class, "mc_vtvc"))
        page->features |= SERP_F_VIDEOS;
    if (dom_find(li, dom_pred_class, "na_cnt") || dom_find(li, dom_pred_class, "nws_cwrp"))
        page->features |= SERP_F_TOP_STORIES;
}

static void extract(const xmlDoc *doc, struct serp_page *page)
{
    xmlNode *body = dom_body(doc);
    if (!body)
        return;
    xmlNode *res = dom_by_id(doc, "b_results");
    const xmlNode *scope = res ? res : body;
    for (xmlNode *n = dom_next(scope, scope, 0); n;) {
        if (dom_has_class(n, "b_algo")) {
            organic(page, n);
            if (dom_find(n, dom_pred_class, "b_vList") || dom_find(n, dom_pred_class, "b_deep"))
                page->features |= SERP_F_SITELINKS;
            n = dom_next(n, scope, 1);
        } else if (dom_has_class(n, "b_ad")) {
            /* The bottom block is marked b_adBottom; a block after the
             * organic results is a bottom block whatever its class says. */
            int bottom = dom_has_class(n, "b_adBottom") || page->n_organic > 0;
            ads(page, bottom ? SERP_AD_BOTTOM : SERP_AD_TOP, n);
            n = dom_next(n, scope, 1);
        } else if (!res && dom_id_is(n, "b_context")) {
            /* Without ol#b_results the walk covers the body: the sidebar
             * is read below, its ads are not top or bottom ads. */
            n = dom_next(n, scope, 1);
        } else if (dom_has_class(n, "b_ans") || dom_has_class(n, "b_top")) {
            if (is_local_box(n))
                local_pack(page, n);
            answer_features(page, n);
            n = dom_next(n, scope, 1);
        } else {
            n = dom_next(n, scope, 0);
        }
    }
    /* One walk of the body for the rest, the sidebar included. */
    int side = 0;
    for (xmlNode *n = dom_next(body, body, 0); n; n = dom_next(n, body, 0)) {
        if (!side && dom_id_is(n, "b_context")) {
            sidebar(page, n);
            side = 1;
        }
        if (page->total_results < 0 && dom_has_class(n, "sb_count")) {
            char *t = dom_text_dup(n);
            page->total_results = serp_parse_count(t);
            free(t);
        }
        if (!page->has_next && dom_is(n, "a") &&
            (dom_has_class(n, "sb_pagN") || util_streq(dom_attr(n, "title"), "Next page")))
            page->has_next = 1;
        if (!page->query && dom_is(n, "input") && dom_id_is(n, "sb_form_q")) {
            const char *v = dom_attr(n, "value");
            if (v && *v)
                page->query = util_utf8_sanitize(v, strlen(v));
        }
    }
}

/* ck/a?u=a1<base64url of the target> on a bing.* host. */
static char *unwrap(const char *abs, const char *host, const char *path)
{
    if (!path || !util_starts_with(path, "/ck/a") || !strstr(host, "bing."))
        return NULL;
    char *real = NULL, *u = url_query_param(abs, "u");
    if (u && u[0] == 'a' && u[1] == '1')
        real = serp_b64url_decode(u + 2);
    free(u);
    return real;
}

static const struct serp_mark marks[] = {
    {"id=\"b_results\"", 6},
    {"class=\"b_algo\"", 7},
    {"bing.com/ck/a?", 8},
    {"b_algo", 19},
    {"b_results", 20},
    {"- Bing</title>", 24},
    /* The challenge page has none of the result markup above; late, so a
     * result linking there cannot steal another engine's page. */
    {"bing.com/challenge/verify", 25},
    {"www.bing.com", 27},
};

/* Its captcha and the 2026 Cloudflare Turnstile page (form to
 * /challenge/verify; the generic Turnstile marks are in block.c). */
static const char *const captcha_marks[] = {
    "id=\"b_captcha",
    "class=\"b_captcha",
    "captcha.bing.com",
    "bing.com/challenge/verify",
    NULL,
};

static const char *const none[] = {NULL};

static const char *const no_results_marks[] = {
    "there are no results for",
    "class=\"b_no\"",
    NULL,
};

const struct serp_engine_desc serp_engine_bing = {
    .id = SERP_BING,
    .name = "bing",
    .display = "Bing",
    .alias = NULL,
    .marks = marks,
    .n_marks = ARRAY_SIZE(marks),
    .extract = extract,
    .unwrap = unwrap,
    .captcha_marks = captcha_marks,
    .consent_marks = none,
    .js_marks = none,
    .js_shell = NULL,
    .no_results_marks = no_results_marks,
    .suggest = SERP_SUGGEST_OPENSEARCH,
};
