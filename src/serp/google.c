/* google.c - Google result pages of every markup family seen in the wild:
 * 2019 div.g/div.rc and no-JS h3.r with /url?q= links, 2021 tF2Cxc/yuRUbf,
 * 2023+ div.MjjYud, mobile (div[role=heading] titles), the 2024 whole-page
 * knowledge layout (entity queries: the results sit inside
 * div.kp-wholepage's overview tab), the basic HTML pages served to simple
 * clients (2019-24 div.ZINbbc with div.vvjwJb titles; 2025 div.ezO2md with
 * span.CVA68e titles and /url?...&url= links), plus ads (#tads,
 * #bottomads, data-text-ad), local pack (div.VkpGBb), the AI overview and
 * its cited links, total results (#result-stats) and the feature list.
 *
 * The organic rule: a link whose title is an h3 (or an aria-level 3
 * heading on mobile), inside the result column, not inside an ad, local
 * pack, people-also-ask, carousel or knowledge card, and not nested under
 * a result already counted (sitelinks, indented sub-results). Class names
 * churn; the a > h3 shape has survived every redesign, so it carries the
 * weight and class names only name what to skip. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dom.h"
#include "url.h"

#define GOOGLE_BASE "https://www.google.com"

/* google_units.c: the ads of one box (as block) and one local-pack entry. */
void serp_google_ads_in(struct serp_page *page, const xmlNode *box, enum serp_ad_block block);
void serp_google_local_entry(struct serp_page *page, const xmlNode *e);
/* dom_find predicate: an h3 or an element with role=heading. */
int serp_google_is_heading(const xmlNode *n, const void *unused);

/* The class tokens the walks test, one bit each. A node's class list is
 * read once into these bits instead of being scanned once per token: the
 * survey visits every node of a page, and a dozen scans of every class
 * list cost more than the rest of the extraction. class_names is sorted
 * (strcmp order) for the binary search; bit i is class_names[i]. */
enum {
    C_FXLDP = 1u << 0,
    C_GX5ZAD = 1u << 1,
    C_MYVUIE = 1u << 2,
    C_RZDJXC = 1u << 3,
    C_ULSXYF = 1u << 4,
    C_VKPGBB = 1u << 5,
    C_ZINBBC = 1u << 6,
    C_ADS_AD = 1u << 7,
    C_COMMERCIAL_UNIT_DESKTOP_TOP = 1u << 8,
    C_CU_CONTAINER = 1u << 9,
    C_EZO2MD = 1u << 10,
    C_FEATURED_SNIPPET = 1u << 11,
    C_G = 1u << 12,
    C_IFM9O = 1u << 13,
    C_IMAGES_BLOCK = 1u << 14,
    C_KNO_KP = 1u << 15,
    C_KNOWLEDGE_PANEL = 1u << 16,
    C_KP_BLK = 1u << 17,
    C_KP_WHOLEPAGE = 1u << 18,
    C_LOCAL_RESULT = 1u << 19,
    C_MSLG = 1u << 20,
    C_NRGT = 1u << 21,
    C_RELATED_QUESTION_PAIR = 1u << 22,
    C_RLLT_DETAILS = 1u << 23,
    C_TOP_STORIES = 1u << 24,
    C_USJJ9C = 1u << 25,
    C_XPDOPEN = 1u << 26,
};
static const char *const class_names[] = {
    "FxLDp",
    "Gx5Zad",
    "MYVUIe",
    "RzdJxc",
    "ULSxyf",
    "VkpGBb",
    "ZINbbc",
    "ads-ad",
    "commercial-unit-desktop-top",
    "cu-container",
    "ezO2md",
    "featured-snippet",
    "g",
    "ifM9O",
    "images-block",
    "kno-kp",
    "knowledge-panel",
    "kp-blk",
    "kp-wholepage",
    "local-result",
    "mslg",
    "nrgt",
    "related-question-pair",
    "rllt__details",
    "top-stories",
    "usJj9c",
    "xpdopen",
};

/* A result's box: div.g, or the basic HTML pages' boxes (2019-24
 * ZINbbc and Gx5Zad, 2025 ezO2md). */
#define C_BASIC_BOX (C_EZO2MD | C_ZINBBC | C_GX5ZAD)
#define C_RESULT_BOX (C_G | C_BASIC_BOX)

/* -1, 0, 1 as strcmp, for the token s[0..l) against a name. */
static int token_cmp(const char *s, size_t l, const char *name)
{
    int c = strncmp(s, name, l);
    return c ? c : name[l] ? -1 : 0;
}

static unsigned class_bits(const char *cls)
{
    unsigned bits = 0;
    for (const char *p = cls; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            p++;
        const char *s = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f')
            p++;
        size_t l = (size_t)(p - s);
        if (!l)
            break;
        size_t lo = 0, hi = ARRAY_SIZE(class_names);
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int c = token_cmp(s, l, class_names[mid]);
            if (!c) {
                bits |= 1u << mid;
                break;
            }
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
    }
    return bits;
}

/* The survey marks every ancestor of a result box (div.g, or the basic
 * page's boxes) in the node's _private slot (libxml2 leaves it to the
 * application), so "does this block hold a result?" costs nothing later,
 * however big the block is. */
#define HOLDS_RESULT ((void *)1)

static void mark_result_holder(xmlNode *g)
{
    for (xmlNode *a = g->parent; a && a->type == XML_ELEMENT_NODE && !a->_private; a = a->parent)
        a->_private = HOLDS_RESULT;
}

/* Containers whose links are never organic results. cls is n's class
 * attribute (read once by the caller). */
static int skip_container(const xmlNode *n, const char *cls, unsigned *features)
{
    const char *name = (const char *)n->name;
    if (name[0] == 'g' && name[1] == '-')
        /* g-section-with-header (top stories, tweets), g-scrolling-carousel,
         * g-accordion-expander (questions), g-inner-card: never organic. */
        return 1;
    if (!strcmp(name, "video-voyager") || !strcmp(name, "inline-video") ||
        !strcmp(name, "product-viewer-group") || !strcmp(name, "block-component"))
        return 1;
    const char *id = dom_attr(n, "id");
    if (id && (!strcmp(id, "tads") || !strcmp(id, "tvcap") || !strcmp(id, "bottomads") ||
               !strcmp(id, "rhs") || !strcmp(id, "taw") || !strcmp(id, "botstuff") ||
               !strcmp(id, "lu_map") || !strcmp(id, "imagebox_bigimages") ||
               !strcmp(id, "extrares") || !strcmp(id, "m-x-content") ||
               !strcmp(id, "footcnt") || !strcmp(id, "fbar")))
        return 1;
    if (!strcmp(name, "footer"))
        return 1; /* "Learn more", "Sign in": /url? links, never results */
    if (dom_attr(n, "data-text-ad"))
        return 1;
    /* Knowledge-graph modules (songs, events, members): their links may
     * carry level-3 headings, but they are facts about the entity. */
    const char *attrid = dom_attr(n, "data-attrid");
    if (attrid && util_starts_with(attrid, "kc:/"))
        return 1;
    if (dom_is(n, "a") && dom_attr(n, "data-app"))
        return 1; /* app-install card (mobile) */
    if (!cls)
        return 0;
    unsigned b = class_bits(cls);
    /* Not kp-wholepage itself: on entity queries (2024) it wraps the whole
     * result column, and the card inside it is #rhs. RzdJxc: video
     * results (2023+). */
    if (b & (C_RELATED_QUESTION_PAIR | C_VKPGBB | C_RLLT_DETAILS | C_LOCAL_RESULT | C_KNO_KP |
             C_KP_BLK | C_ADS_AD | C_COMMERCIAL_UNIT_DESKTOP_TOP | C_CU_CONTAINER | C_RZDJXC))
        return 1;
    /* A universal block (videos, top stories, knowledge, questions) holds
     * no div.g; when it does, it wraps ordinary results (the whole-page
     * knowledge layout puts the entire column in one). */
    if ((b & C_ULSXYF) && n->_private != HOLDS_RESULT)
        return 1;
    /* Sitelinks: the 2019 table, the 2024 table rows and cards, and the
     * indented same-site results under a result. */
    if (((b & C_NRGT) && dom_is(n, "table")) || (b & (C_MSLG | C_USJJ9C | C_FXLDP | C_MYVUIE))) {
        *features |= SERP_F_SITELINKS;
        return 1;
    }
    return 0;
}

/* Title element of a result link: h3, the mobile heading, or the basic
 * HTML page's div.BNeawe.vvjwJb (served to plain HTTP clients 2019-2024)
 * or span.CVA68e (2025, no h3 anywhere). */
static int is_title(const xmlNode *n, const void *unused)
{
    (void)unused;
    if (dom_is(n, "h3"))
        return 1;
    if (dom_is(n, "div") || dom_is(n, "span")) {
        const char *c = dom_attr(n, "class");
        if (c && (dom_class_has(c, "vvjwJb") || dom_class_has(c, "CVA68e")))
            return 1;
        const char *role = dom_attr(n, "role"), *lvl = dom_attr(n, "aria-level");
        return role && lvl && !strcmp(role, "heading") && !strcmp(lvl, "3");
    }
    return 0;
}

/* The result block a link belongs to: the outermost div.g (or MjjYud
 * wrapper's child) under the column, so sub-results share their parent's. */
static const xmlNode *result_block(const xmlNode *n, const xmlNode *col)
{
    const xmlNode *best = NULL, *basic = NULL;
    int depth = 0; /* bounded: see dom_ancestor */
    for (const xmlNode *a = n->parent; a && a != col && a->type == XML_ELEMENT_NODE && depth++ < 256;
         a = a->parent) {
        unsigned b = class_bits(dom_attr(a, "class"));
        if (b & C_G)
            best = a;
        else if (!basic && (b & C_BASIC_BOX))
            basic = a;
    }
    return best ? best : basic;
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
    /* Snippet classes across eras, best first: div.VwiC3b (2021+),
     * span.st (2019), div.IsZvec, div.s (no-JS), lEBKkf, div.s3v9rd and
     * span.FrIlee (basic HTML). One walk. */
    static const char *const cls[] = {"VwiC3b", "st",     "IsZvec", "s",
                                      "lEBKkf", "s3v9rd", "FrIlee"};
    const xmlNode *best = NULL;
    size_t best_rank = ARRAY_SIZE(cls);
    for (xmlNode *n = dom_next(block, block, 0); n && best_rank > 0; n = dom_next(n, block, 0)) {
        const char *c = dom_attr(n, "class");
        if (!c)
            continue;
        for (size_t i = 0; i < best_rank; i++)
            if (dom_class_has(c, cls[i])) {
                best = n;
                best_rank = i;
                break;
            }
    }
    return best ? dom_text_dup(best) : NULL;
}

struct gstate {
    struct serp_page *page;
    const xmlNode *col;
    const xmlNode *ai; /* the AI overview's block: cited links, not results */
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

/* The page a link leads to, Google's redirect removed; NULL for links
 * that lead nowhere outside Google's own pages. Caller frees. */
static char *outbound_url(const xmlNode *link)
{
    const char *href = dom_attr(link, "href");
    if (!href || !*href)
        return NULL;
    char *url = serp_unwrap_url(href, GOOGLE_BASE);
    if (url && (!url_is_http(url) || internal_link(href, url))) {
        free(url);
        url = NULL;
    }
    return url;
}

static void add_result(struct gstate *st, const xmlNode *link, const xmlNode *title_el)
{
    char *url = outbound_url(link);
    if (!url)
        return;
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
        if (n == st->ai || skip_container(n, dom_attr(n, "class"), &st->page->features)) {
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

/* Heading text worth comparing is short; longer text is not a label. */
static void short_text(const xmlNode *n, char *out, size_t cap)
{
    strbuf sb = STRBUF_INIT;
    dom_text_limited(n, &sb, 4 * cap, 256);
    out[0] = 0;
    if (sb.buf) {
        util_squeeze_space(sb.buf);
        snprintf(out, cap, "%s", sb.buf);
    }
    sb_release(&sb);
}

struct survey {
    xmlNode *rso, *search, *ires, *center_col, *stats, *tads, *bottomads, *tadsb;
    xmlNode *ai_box, *ai_heading; /* #m-x-content; an "AI Overview" heading */
};

/* One walk over the whole page: the landmarks by id, the local pack, the
 * feature list, the query and the next-page link. */
static void survey(struct serp_page *page, xmlNode *body, struct survey *sv)
{
    static const struct {
        const char *id;
        size_t off;
    } ids[] = {
        {"rso", offsetof(struct survey, rso)},
        {"search", offsetof(struct survey, search)},
        {"ires", offsetof(struct survey, ires)},
        {"center_col", offsetof(struct survey, center_col)},
        {"result-stats", offsetof(struct survey, stats)},
        {"resultStats", offsetof(struct survey, stats)},
        {"tads", offsetof(struct survey, tads)},
        {"bottomads", offsetof(struct survey, bottomads)},
        {"tadsb", offsetof(struct survey, tadsb)},
        {"m-x-content", offsetof(struct survey, ai_box)},
    };
    for (xmlNode *n = dom_next(body, body, 0); n;) {
        const char *name = (const char *)n->name;
        if (!strcmp(name, "script") || !strcmp(name, "style")) {
            n = dom_next(n, body, 1);
            continue;
        }
        const char *id = dom_attr(n, "id");
        if (id)
            for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
                xmlNode **slot = (xmlNode **)((char *)sv + ids[i].off);
                if (!*slot && !strcmp(id, ids[i].id))
                    *slot = n;
            }
        if (id && !strcmp(id, "imagebox_bigimages"))
            page->features |= SERP_F_IMAGES;
        const char *cls = dom_attr(n, "class");
        unsigned b = cls ? class_bits(cls) : 0;
        if (b & C_RESULT_BOX)
            mark_result_holder(n);
        /* Local pack entries: div.VkpGBb (2019-2024), or the details block
         * alone where the wrapper class changed. */
        if (b & (C_VKPGBB | C_RLLT_DETAILS | C_LOCAL_RESULT)) {
            serp_google_local_entry(page, n);
            n = dom_next(n, body, 1);
            continue;
        }
        if (b & C_RELATED_QUESTION_PAIR)
            page->features |= SERP_F_PEOPLE_ALSO_ASK;
        else if (b & C_RZDJXC)
            page->features |= SERP_F_VIDEOS;
        else if (b & (C_KP_WHOLEPAGE | C_KNO_KP | C_KNOWLEDGE_PANEL))
            page->features |= SERP_F_KNOWLEDGE_PANEL;
        else if (b & C_IMAGES_BLOCK)
            page->features |= SERP_F_IMAGES;
        else if (b & (C_XPDOPEN | C_FEATURED_SNIPPET | C_IFM9O))
            page->features |= SERP_F_FEATURED_SNIPPET;
        else if (b & C_TOP_STORIES)
            page->features |= SERP_F_TOP_STORIES;
        if (!strcmp(name, "video-voyager") || !strcmp(name, "inline-video"))
            page->features |= SERP_F_VIDEOS;
        const char *role = NULL;
        if (!strcmp(name, "h1") || !strcmp(name, "h2") || !strcmp(name, "h3") ||
            ((role = dom_attr(n, "role")) && !strcmp(role, "heading"))) {
            char t[64];
            short_text(n, t, sizeof(t));
            if (!strcmp(t, "AI Overview") || !strcmp(t, "AI overview")) {
                /* inside a link it is a result's title, not the label */
                if (!sv->ai_heading && !dom_ancestor(n, NULL, dom_pred_tag, "a"))
                    sv->ai_heading = n;
            } else if (!strcmp(t, "Top stories") || !strcmp(t, "News"))
                page->features |= SERP_F_TOP_STORIES;
            else if (!strcmp(t, "Videos") || !strcmp(t, "Short videos"))
                page->features |= SERP_F_VIDEOS;
            else if (!strcmp(t, "People also ask"))
                page->features |= SERP_F_PEOPLE_ALSO_ASK;
            else if (util_starts_with(t, "Images for") || !strcmp(t, "Images"))
                page->features |= SERP_F_IMAGES;
            else if (!strcmp(t, "Featured snippet from the web"))
                page->features |= SERP_F_FEATURED_SNIPPET;
        }
        if (!page->query && (!strcmp(name, "input") || !strcmp(name, "textarea")) &&
            util_streq(dom_attr(n, "name"), "q")) {
            const char *v = !strcmp(name, "input") ? dom_attr(n, "value") : NULL;
            char *t = v ? xstrdup(v) : dom_text_dup(n);
            util_squeeze_space(t);
            if (*t)
                page->query = util_utf8_sanitize(t, strlen(t));
            free(t);
        }
        if (!page->has_next && !strcmp(name, "a") &&
            ((id && !strcmp(id, "pnnext")) || util_streq(dom_attr(n, "aria-label"), "Next page")))
            page->has_next = 1;
        n = dom_next(n, body, 0);
    }
}

/* The AI overview's block: #m-x-content, else the block around its
 * heading: the nearest block-component, ULSxyf or MjjYud, or the child of
 * the result column, but never a block that holds results (on a page
 * without those landmarks the climb would otherwise take the whole
 * column). */
static const xmlNode *ai_block(const struct survey *sv, const xmlNode *col)
{
    if (sv->ai_box)
        return sv->ai_box;
    const xmlNode *best = sv->ai_heading;
    for (const xmlNode *a = best; a && a != col && a->type == XML_ELEMENT_NODE &&
                                   a->_private != HOLDS_RESULT;
         a = a->parent) {
        best = a;
        if (a->parent == col || dom_is(a, "block-component") || dom_has_class(a, "ULSxyf") ||
            dom_has_class(a, "MjjYud"))
            break;
    }
    return best;
}

/* The overview's sources in order of first citation: every outbound link
 * of its block, Google's own links (search, "Learn more about AI
 * Overviews") left out, text fragments (#:~:text=) cut so a source
 * cited twice counts once. */
static void ai_citations(struct serp_page *page, const xmlNode *box)
{
    page->features |= SERP_F_AI_OVERVIEW;
    for (xmlNode *n = dom_next(box, box, 0); n; n = dom_next(n, box, 0)) {
        char *url = dom_is(n, "a") ? outbound_url(n) : NULL;
        if (!url)
            continue;
        char *frag = strstr(url, "#:~:");
        if (frag)
            *frag = 0;
        char *host = url_host(url);
        int help = host && !strcmp(host, "support.google.com") && strstr(url, "p=ai_");
        free(host);
        if (!help) {
            const char *label = dom_attr(n, "aria-label");
            const xmlNode *h = dom_find(n, serp_google_is_heading, NULL);
            char *title = label && *label ? xstrdup(label) : dom_text_dup(h ? h : n);
            serp_add_ai_cite(page, url, title);
            free(title);
        }
        free(url);
    }
}

static void query_from_title(const xmlDoc *doc, struct serp_page *page)
{
    /* "<query> - Google Search" */
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *head = root ? dom_find(root, dom_pred_tag, "head") : NULL;
    xmlNode *t = dom_find(head ? head : root, dom_pred_tag, "title");
    if (!t)
        return;
    char *s = dom_text_dup(t);
    char *dash = strstr(s, " - Google");
    if (dash && dash != s) {
        *dash = 0;
        page->query = xstrdup(s);
    }
    free(s);
}

static void extract(const xmlDoc *doc, struct serp_page *page)
{
    xmlNode *body = dom_body(doc);
    if (!body)
        return;
    struct survey sv = {0};
    survey(page, body, &sv);
    if (!page->query)
        query_from_title(doc, page);
    if (sv.stats) {
        char *t = dom_text_dup(sv.stats);
        page->total_results = serp_parse_count(t);
        free(t);
    }
    struct gstate *st = xcalloc(1, sizeof(*st));
    st->page = page;
    const xmlNode *col = sv.rso   ? sv.rso
                         : sv.search ? sv.search
                         : sv.ires   ? sv.ires
                         : sv.center_col ? sv.center_col
                                         : body;
    st->col = col;
    st->ai = (sv.ai_box || sv.ai_heading) ? ai_block(&sv, col) : NULL;
    if (st->ai)
        ai_citations(page, st->ai);
    organic(st);
    free(st);
    serp_google_ads_in(page, sv.tads, SERP_AD_TOP);
    /* #tadsb sits inside #bottomads on some pages, beside it on others. */
    serp_google_ads_in(page, sv.bottomads, SERP_AD_BOTTOM);
    if (sv.tadsb && !(sv.bottomads && dom_ancestor(sv.tadsb, NULL, dom_pred_id, "bottomads")))
        serp_google_ads_in(page, sv.tadsb, SERP_AD_BOTTOM);
}

/* /url?q=TARGET or /url?url=TARGET on any google.* host. */
static char *unwrap(const char *abs, const char *host, const char *path)
{
    if (!path || !util_starts_with(path, "/url?") || !strstr(host, "google"))
        return NULL;
    char *real = url_query_param(abs, "q");
    if (!real || !url_is_http(real)) {
        free(real);
        real = url_query_param(abs, "url");
    }
    return real;
}

static const struct serp_mark marks[] = {
    {"id=\"rso\"", 9},
    {"google.com/sorry/", 10},
    {"id=\"captcha-form\"", 11},
    {"href=\"/url?q=", 12},
    {"href=\"/url?esrc=", 13}, /* basic HTML, 2025: q= empty, url= the target */
    {"class=\"ezO2md\"", 14},
    {"id=\"result-stats\"", 15},
    {"consent.google.", 16},
    {"/httpservice/retry/enablejs", 17},
    {"- Google Search</title>", 21},
    {"www.google.", 28},
};

/* The /sorry/ page, in both cases its one sentence is seen in. */
static const char *const captcha_marks[] = {
    "id=\"captcha-form\"",
    "id=captcha-form",
    "google.com/sorry/",
    "action=\"/sorry/",
    "Our systems have detected unusual traffic",
    "our systems have detected unusual traffic",
    NULL,
};

static const char *const consent_marks[] = {
    "consent.google.com/save",
    "action=\"https://consent.google.",
    "before you continue to google",
    "bevor sie zu google weitergehen",
    ("avant d'acc\xc3\xa9"
     "der \xc3\xa0 google"),
    "antes de ir a google",
    "prima di continuare su google",
    "consent.google.",
    NULL,
};

static const char *const js_marks[] = {
    "/httpservice/retry/enablejs",
    "having trouble accessing google search",
    NULL,
};

/* Its "no results" page in the languages its consent walls come in, and
 * the card the 2019+ layout shows instead of results. */
static const char *const no_results_marks[] = {
    "did not match any documents",
    "aren't any great matches for your search",
    "ergab keine treffer",
    "aucun document ne correspond",
    "no ha obtenido ning",
    "non ha prodotto risultati",
    "id=\"topstuff\"><div class=\"card-section\"",
    NULL,
};

const struct serp_engine_desc serp_engine_google = {
    .id = SERP_GOOGLE,
    .name = "google",
    .display = "Google",
    .alias = NULL,
    .marks = marks,
    .n_marks = ARRAY_SIZE(marks),
    .extract = extract,
    .unwrap = unwrap,
    .captcha_marks = captcha_marks,
    .consent_marks = consent_marks,
    .js_marks = js_marks,
    .js_shell = "/httpservice/retry/enablejs",
    .no_results_marks = no_results_marks,
    .suggest = SERP_SUGGEST_TOOLBAR_XML,
};
