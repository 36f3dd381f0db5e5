/* duckduckgo.c - DuckDuckGo pages: the html endpoint (div.result with
 * h2.result__title > a.result__a, links wrapped as
 * //duckduckgo.com/l/?uddg=<target>) and the rendered JS page (same
 * classes, direct links). Ads are div.result--ad (they also carry
 * results_links_deep, so that class alone proves nothing); the zero-click
 * box (div.zci-wrapper) is not organic. A bot-challenge page (blocked in
 * block.c) states its query only in its forms' anomaly.js action. */
#include <string.h>

#include "dom.h"
#include "url.h"

#define DDG_BASE "https://duckduckgo.com"

static int is_ad(const xmlNode *n)
{
    return dom_has_class(n, "result--ad") || dom_find(n, dom_pred_class, "badge--ad");
}

/* An ad's landing site: its uddg target is duckduckgo.com/y.js with the
 * advertiser in ad_domain=; the visible result__url says it too. */
static char *ad_target(const xmlNode *res, const char *href)
{
    char *u = serp_unwrap_url(href, DDG_BASE);
    if (u && strstr(u, "duckduckgo.com/y.js")) {
        char *d = url_query_param(u, "ad_domain");
        if (d && *d && !strpbrk(d, "/?#@ ")) {
            free(u);
            u = xasprintf("https://%s/", d);
        } else {
            xmlNode *v = dom_find(res, dom_pred_class, "result__url");
            char *t = v ? dom_text_dup(v) : NULL;
            if (t && *t && !strpbrk(t, " ")) {
                free(u);
                u = util_starts_with(t, "http") ? xstrdup(t) : xasprintf("https://%s", t);
            }
            free(t);
        }
        free(d);
    }
    return u;
}

static void result(struct serp_page *page, const xmlNode *res)
{
    xmlNode *a = dom_find(res, dom_pred_class, "result__a");
    if (!a)
        return;
    const char *href = dom_attr(a, "href");
    char *title = dom_text_dup(a);
    if (is_ad(res)) {
        char *url = ad_target(res, href);
        if (url && url_is_http(url))
            serp_add_ad(page, 0, url, title);
        free(url);
        free(title);
        return;
    }
    char *url = serp_unwrap_url(href, DDG_BASE);
    xmlNode *sn = dom_find(res, dom_pred_class, "result__snippet");
    char *snip = sn ? dom_text_dup(sn) : NULL;
    if (url && url_is_http(url) && *title)
        serp_add_organic(page, url, title, snip);
    free(url);
    free(title);
    free(snip);
}

/* The lite endpoint (lite.duckduckgo.com): a table of a.result-link rows,
 * snippets in td.result-snippet, ads in tr.result-sponsored. */
static void lite_link(struct serp_page *page, const xmlNode *a)
{
    const xmlNode *tr = dom_ancestor(a, NULL, dom_pred_tag, "tr");
    char *url = serp_unwrap_url(dom_attr(a, "href"), DDG_BASE);
    char *title = dom_text_dup(a);
    int ad = (tr && dom_has_class(tr, "result-sponsored")) ||
             (url && strstr(url, "duckduckgo.com/y.js"));
    if (ad) {
        char *u = ad_target(tr ? tr : a, dom_attr(a, "href"));
        if (u && url_is_http(u))
            serp_add_ad(page, 0, u, title);
        free(u);
    } else if (url && url_is_http(url) && *title) {
        /* The snippet is in the next row. */
        char *snip = NULL;
        const xmlNode *next = tr ? tr->next : NULL;
        while (next && next->type != XML_ELEMENT_NODE)
            next = next->next;
        xmlNode *sn = next ? dom_find(next, dom_pred_class, "result-snippet") : NULL;
        if (sn)
            snip = dom_text_dup(sn);
        serp_add_organic(page, url, title, snip);
        free(snip);
    }
    free(url);
    free(title);
}

/* The React page of duckduckgo.com (2022+): article[data-testid=result]
 * with a[data-testid=result-title-a]; ads are article[data-testid=ad] or
 * sit in li[data-layout=ad]. */
static void article(struct serp_page *page, const xmlNode *art)
{
    xmlNode *a = NULL;
    for (xmlNode *n = dom_next(art, art, 0); n && !a; n = dom_next(n, art, 0))
        if (dom_is(n, "a") && util_streq(dom_attr(n, "data-testid"), "result-title-a"))
            a = n;
    if (!a)
        return;
    const xmlNode *li = dom_ancestor(art, NULL, dom_pred_tag, "li");
    int ad = util_streq(dom_attr(art, "data-testid"), "ad") ||
             (li && util_streq(dom_attr(li, "data-layout"), "ad"));
    char *title = dom_text_dup(a);
    if (ad) {
        char *u = ad_target(art, dom_attr(a, "href"));
        if (u && url_is_http(u))
            serp_add_ad(page, 0, u, title);
        free(u);
    } else {
        char *url = serp_unwrap_url(dom_attr(a, "href"), DDG_BASE);
        char *snip = NULL;
        for (xmlNode *n = dom_next(art, art, 0); n && !snip; n = dom_next(n, art, 0))
            if (util_streq(dom_attr(n, "data-result"), "snippet"))
                snip = dom_text_dup(n);
        if (url && url_is_http(url) && *title)
            serp_add_organic(page, url, title, snip);
        free(url);
        free(snip);
    }
    free(title);
}

/* The query of a bot-challenge page: only its forms' action states it
 * (//duckduckgo.com/anomaly.js?sv=lite&...&q=...&...). NULL when absent. */
static char *anomaly_query(const char *action)
{
    /* DuckDuckGo writes the query unencoded (raw spaces); only a URL
     * without a raw space is form-encoded, where '+' is a space. */
    int form_encoded = !strchr(action, ' ');
    char *abs = serp_unwrap_url(action, DDG_BASE); /* made absolute, spaces encoded */
    if (!abs)
        return NULL;
    if (form_encoded) {
        strbuf sb = STRBUF_INIT;
        for (const char *c = abs; *c; c++)
            if (*c == '+')
                sb_adds(&sb, "%20");
            else
                sb_addc(&sb, *c);
        free(abs);
        abs = sb_detach(&sb);
    }
    char *q = url_query_param(abs, "q");
    free(abs);
    char *clean = q ? util_utf8_sanitize(q, strlen(q)) : NULL;
    free(q);
    if (clean && !*util_squeeze_space(clean)) {
        free(clean);
        clean = NULL;
    }
    return clean;
}

static void extract(const xmlDoc *doc, struct serp_page *page)
{
    char *anomaly_q = NULL;
    xmlNode *body = dom_body(doc);
    if (!body)
        return;
    for (xmlNode *n = dom_next(body, body, 0); n;) {
        if (dom_is(n, "a") && dom_has_class(n, "result-link")) {
            lite_link(page, n);
            n = dom_next(n, body, 1);
            continue;
        }
        if (dom_is(n, "article") && (util_streq(dom_attr(n, "data-testid"), "result") ||
                                     util_streq(dom_attr(n, "data-testid"), "ad"))) {
            article(page, n);
            n = dom_next(n, body, 1);
            continue;
        }
        if (dom_has_class(n, "result") && !dom_has_class(n, "result--more")) {
            result(page, n);
            n = dom_next(n, body, 1);
            continue;
        }
        if (dom_has_class(n, "zci-wrapper") || dom_has_class(n, "zci"))
            page->features |= SERP_F_KNOWLEDGE_PANEL;
        if (!page->query && dom_is(n, "input")) {
            const char *name = dom_attr(n, "name"), *v = dom_attr(n, "value");
            const char *type = dom_attr(n, "type");
            if (name && !strcmp(name, "q") && v && *v && !util_streq(type, "hidden"))
                page->query = util_utf8_sanitize(v, strlen(v));
        }
        if (!page->has_next) {
            /* html endpoint: a form under div.nav-link with a "Next" submit
             * (input[name=s] carries the offset); JS page: result--more. */
            if ((dom_is(n, "input") && dom_attr(n, "value") &&
                 util_strcaseeq(dom_attr(n, "value"), "next page >")) ||
                (dom_is(n, "button") && util_streq(dom_attr(n, "id"), "more-results")) ||
                (dom_is(n, "input") && dom_attr(n, "value") &&
                 util_strcaseeq(dom_attr(n, "value"), "next") &&
                 dom_ancestor(n, NULL, dom_pred_class, "nav-link")) ||
                dom_has_class(n, "result--more__btn") || dom_has_class(n, "result--more"))
                page->has_next = 1;
        }
        if (dom_has_class(n, "no-results"))
            page->no_results = 1;
        /* A challenge page's img-form and challenge-form carry the same
         * query; the first that names one will do. */
        if (!anomaly_q && dom_is(n, "form") && dom_attr(n, "action") &&
            strstr(dom_attr(n, "action"), "anomaly.js"))
            anomaly_q = anomaly_query(dom_attr(n, "action"));
        n = dom_next(n, body, 0);
    }
    if (!page->query) {
        /* The hidden q of the next-page form still names the query. */
        for (xmlNode *n = dom_next(body, body, 0); n; n = dom_next(n, body, 0))
            if (dom_is(n, "input") && util_streq(dom_attr(n, "name"), "q") &&
                dom_attr(n, "value") && *dom_attr(n, "value")) {
                const char *v = dom_attr(n, "value");
                page->query = util_utf8_sanitize(v, strlen(v));
                break;
            }
    }
    if (!page->query) {
        page->query = anomaly_q;
        anomaly_q = NULL;
    }
    free(anomaly_q);
}

/* //duckduckgo.com/l/?uddg=<target>. */
static char *unwrap(const char *abs, const char *host, const char *path)
{
    if (!path || !util_starts_with(path, "/l/") || !strstr(host, "duckduckgo."))
        return NULL;
    return url_query_param(abs, "uddg");
}

static const struct serp_mark marks[] = {
    {"class=\"result__a\"", 1},
    {"duckduckgo.com/l/?uddg=", 2},
    {"anomaly-modal__", 3},
    {"html.duckduckgo.com", 4},
    {"data-testid=\"result-title-a\"", 5},
    {"result__", 18},
    {"at DuckDuckGo</title>", 22},
    {"DuckDuckGo</title>", 23},
    {"duckduckgo", 26},
};

/* The bot check (anomaly modal and its script). */
static const char *const captcha_marks[] = {
    "anomaly-modal__",
    "/anomaly.js?",
    NULL,
};

static const char *const none[] = {NULL};

/* The html endpoint's "No results." and the JS page's "No results found
 * for ..." */
static const char *const no_results_marks[] = {
    "class=\"no-results\"",
    "no results.",
    "no results found for",
    NULL,
};

const struct serp_engine_desc serp_engine_duckduckgo = {
    .id = SERP_DUCKDUCKGO,
    .name = "duckduckgo",
    .display = "DuckDuckGo",
    .alias = "ddg",
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
