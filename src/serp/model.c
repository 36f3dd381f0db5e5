/* model.c - the serp_page model: life cycle, adders, names, and the JSON
 * shape of DESIGN.md (to and from). */
#include <string.h>

#include "serp.h"
#include "url.h"
#include "util.h"

static const char *const block_names[] = {
    NULL, "captcha", "rate_limited", "consent", "javascript_required", "empty", "truncated",
    "unsupported_browser",
};
static const char *const feature_names[SERP_N_FEATURES] = {
    "local_pack", "ads_top",     "ads_bottom", "people_also_ask", "featured_snippet",
    "videos",     "top_stories", "images",     "knowledge_panel", "sitelinks",
    "ads_side",   "ai_overview",
};
static const char *const ad_block_names[] = {"top", "bottom", "side"};

const char *serp_engine_name(enum serp_engine e)
{
    const struct serp_engine_desc *d = serp_engine_get(e);
    return d ? d->name : "unknown";
}

enum serp_engine serp_engine_from_name(const char *s)
{
    for (size_t i = 0; s && i < serp_n_engines; i++) {
        const struct serp_engine_desc *d = serp_engine_table[i];
        if (util_strcaseeq(s, d->name) || (d->alias && util_strcaseeq(s, d->alias)))
            return d->id;
    }
    return SERP_ENGINE_UNKNOWN;
}

const char *serp_block_name(enum serp_block b)
{
    if ((unsigned)b >= ARRAY_SIZE(block_names))
        return NULL;
    return block_names[b];
}

enum serp_block serp_block_from_name(const char *s)
{
    if (!s)
        return SERP_BLOCK_NONE;
    for (size_t i = 1; i < ARRAY_SIZE(block_names); i++)
        if (util_streq(s, block_names[i]))
            return (enum serp_block)i;
    return SERP_BLOCK_NONE;
}

const char *serp_feature_name(enum serp_feature f)
{
    for (int i = 0; i < SERP_N_FEATURES; i++)
        if ((unsigned)f == 1u << i)
            return feature_names[i];
    return "unknown";
}

const char *serp_ad_block_name(enum serp_ad_block b)
{
    return (unsigned)b < ARRAY_SIZE(ad_block_names) ? ad_block_names[b] : "top";
}

enum serp_ad_block serp_ad_block_from_name(const char *s)
{
    for (size_t i = 0; s && i < ARRAY_SIZE(ad_block_names); i++)
        if (util_streq(s, ad_block_names[i]))
            return (enum serp_ad_block)i;
    return SERP_AD_TOP;
}

unsigned serp_feature_from_name(const char *s)
{
    if (!s)
        return 0;
    for (int i = 0; i < SERP_N_FEATURES; i++)
        if (util_streq(s, feature_names[i]))
            return 1u << i;
    return 0;
}

void serp_page_init(struct serp_page *page)
{
    memset(page, 0, sizeof(*page));
    page->total_results = -1;
}

void serp_page_release(struct serp_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->n_organic; i++) {
        free(page->organic[i].url);
        free(page->organic[i].domain);
        free(page->organic[i].title);
        free(page->organic[i].snippet);
    }
    for (size_t i = 0; i < page->n_ads; i++) {
        free(page->ads[i].url);
        free(page->ads[i].domain);
        free(page->ads[i].title);
    }
    for (size_t i = 0; i < page->n_local; i++) {
        free(page->local[i].name);
        free(page->local[i].website);
        free(page->local[i].domain);
        free(page->local[i].phone);
    }
    for (size_t i = 0; i < page->n_ai_cited; i++) {
        free(page->ai_cited[i].url);
        free(page->ai_cited[i].domain);
        free(page->ai_cited[i].title);
    }
    free(page->organic);
    free(page->ads);
    free(page->local);
    free(page->ai_cited);
    free(page->query);
    serp_page_init(page);
}

/* Copy of s as valid UTF-8 without NULs, whitespace squeezed; NULL in, NULL out. */
static char *clean(const char *s)
{
    if (!s)
        return NULL;
    char *c = util_utf8_sanitize(s, strlen(s));
    util_squeeze_space(c);
    return c;
}

struct serp_organic *serp_add_organic(struct serp_page *p, const char *url, const char *title,
                                      const char *snippet)
{
    util_grow((void **)&p->organic, &p->cap_organic, p->n_organic + 1, sizeof(*p->organic));
    struct serp_organic *o = &p->organic[p->n_organic];
    o->position = (int)p->n_organic + 1;
    o->url = clean(url ? url : "");
    o->domain = url_domain(o->url);
    o->title = clean(title ? title : "");
    o->snippet = clean(snippet);
    if (o->snippet && !*o->snippet) {
        free(o->snippet);
        o->snippet = NULL;
    }
    p->n_organic++;
    return o;
}

struct serp_ad *serp_add_ad(struct serp_page *p, enum serp_ad_block block, const char *url,
                            const char *title)
{
    if ((unsigned)block > SERP_AD_SIDE)
        block = SERP_AD_TOP;
    util_grow((void **)&p->ads, &p->cap_ads, p->n_ads + 1, sizeof(*p->ads));
    int pos = 1;
    for (size_t i = 0; i < p->n_ads; i++)
        if (p->ads[i].block == block)
            pos++;
    struct serp_ad *a = &p->ads[p->n_ads];
    a->position = pos;
    a->block = block;
    a->url = clean(url ? url : "");
    a->domain = url_domain(a->url);
    a->title = clean(title ? title : "");
    p->n_ads++;
    p->features |= block == SERP_AD_BOTTOM ? SERP_F_ADS_BOTTOM
                   : block == SERP_AD_SIDE ? SERP_F_ADS_SIDE
                                           : SERP_F_ADS_TOP;
    return a;
}

struct serp_cite *serp_add_ai_cite(struct serp_page *p, const char *url, const char *title)
{
    p->features |= SERP_F_AI_OVERVIEW;
    char *u = clean(url ? url : "");
    for (size_t i = 0; i < p->n_ai_cited; i++)
        if (!strcmp(p->ai_cited[i].url, u)) {
            free(u);
            return NULL;
        }
    util_grow((void **)&p->ai_cited, &p->cap_ai_cited, p->n_ai_cited + 1, sizeof(*p->ai_cited));
    struct serp_cite *c = &p->ai_cited[p->n_ai_cited];
    c->position = (int)p->n_ai_cited + 1;
    c->url = u;
    c->domain = url_domain(u);
    c->title = clean(title ? title : "");
    p->n_ai_cited++;
    return c;
}

struct serp_local *serp_add_local(struct serp_page *p, const char *name, double rating,
                                  int reviews, const char *website)
{
    util_grow((void **)&p->local, &p->cap_local, p->n_local + 1, sizeof(*p->local));
    struct serp_local *l = &p->local[p->n_local];
    l->position = (int)p->n_local + 1;
    l->name = clean(name ? name : "");
    l->rating = rating;
    l->reviews = reviews;
    l->website = clean(website);
    if (l->website && !*l->website) {
        free(l->website);
        l->website = NULL;
    }
    l->domain = l->website ? url_domain(l->website) : NULL;
    l->phone = NULL;
    p->n_local++;
    p->features |= SERP_F_LOCAL_PACK;
    return l;
}

void serp_local_set_phone(struct serp_local *l, const char *phone)
{
    free(l->phone);
    l->phone = NULL;
    if (phone && strpbrk(phone, "0123456789"))
        l->phone = clean(phone);
}

char *serp_find_phone(const char *text)
{
    for (const char *p = text; p && *p;) {
        size_t n = strspn(p, "0123456789 +()-.");
        int digits = 0;
        for (size_t i = 0; i < n; i++)
            digits += p[i] >= '0' && p[i] <= '9';
        if (digits >= 10 && digits <= 15) {
            /* trimmed of the separators around it, keeping "(512)" */
            while (n && strchr(" -.", *p)) {
                p++;
                n--;
            }
            while (n && strchr(" -.(+", p[n - 1]))
                n--;
            return xstrndup(p, n);
        }
        p += n ? n : 1;
    }
    return NULL;
}

/* dst takes src's list of one kind when it has none yet: ads, the pack
 * and the AI overview count from the first page that shows them. */
static void take_first(void **dst, size_t *dn, size_t *dcap, void **src, size_t *sn, size_t *scap)
{
    if (*dn || !*sn)
        return;
    free(*dst);
    *dst = *src;
    *dn = *sn;
    *dcap = *scap;
    *src = NULL;
    *sn = *scap = 0;
}

void serp_page_append(struct serp_page *dst, struct serp_page *src)
{
    int last = dst->n_organic ? dst->organic[dst->n_organic - 1].position : 0;
    if (src->n_organic) {
        util_grow((void **)&dst->organic, &dst->cap_organic, dst->n_organic + src->n_organic,
                  sizeof(*dst->organic));
        for (size_t i = 0; i < src->n_organic; i++) {
            dst->organic[dst->n_organic] = src->organic[i];
            dst->organic[dst->n_organic].position = last + (int)i + 1;
            dst->n_organic++;
        }
        src->n_organic = 0;
    }
    take_first((void **)&dst->ads, &dst->n_ads, &dst->cap_ads, (void **)&src->ads, &src->n_ads,
               &src->cap_ads);
    take_first((void **)&dst->local, &dst->n_local, &dst->cap_local, (void **)&src->local,
               &src->n_local, &src->cap_local);
    take_first((void **)&dst->ai_cited, &dst->n_ai_cited, &dst->cap_ai_cited,
               (void **)&src->ai_cited, &src->n_ai_cited, &src->cap_ai_cited);
    dst->features |= src->features;
    dst->has_next = src->has_next;
    if (dst->total_results < 0)
        dst->total_results = src->total_results;
    if (!dst->query && src->query) {
        dst->query = src->query;
        src->query = NULL;
    }
    serp_page_release(src);
}

static json_t *jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *serp_page_to_json(const struct serp_page *p)
{
    json_t *j = json_object();
    json_object_set_new(j, "engine", json_string(serp_engine_name(p->engine)));
    json_object_set_new(j, "query", jstr_or_null(p->query));
    json_object_set_new(j, "total_results",
                        p->total_results >= 0 ? json_integer(p->total_results) : json_null());
    json_object_set_new(j, "blocked", json_boolean(p->block != SERP_BLOCK_NONE));
    json_object_set_new(j, "block_reason", jstr_or_null(serp_block_name(p->block)));
    json_object_set_new(j, "no_results", json_boolean(p->no_results));
    json_object_set_new(j, "has_next", json_boolean(p->has_next));
    json_t *org = json_array();
    for (size_t i = 0; i < p->n_organic; i++) {
        const struct serp_organic *o = &p->organic[i];
        json_array_append_new(org, json_pack("{s:i,s:s,s:o,s:s,s:o}", "position", o->position,
                                             "url", o->url, "domain", jstr_or_null(o->domain),
                                             "title", o->title, "snippet",
                                             jstr_or_null(o->snippet)));
    }
    json_object_set_new(j, "organic", org);
    json_t *ads = json_array();
    for (size_t i = 0; i < p->n_ads; i++) {
        const struct serp_ad *a = &p->ads[i];
        json_array_append_new(ads, json_pack("{s:i,s:s,s:s,s:o,s:s}", "position", a->position,
                                             "block", serp_ad_block_name(a->block), "url",
                                             a->url, "domain", jstr_or_null(a->domain),
                                             "title", a->title));
    }
    json_object_set_new(j, "ads", ads);
    json_t *loc = json_array();
    for (size_t i = 0; i < p->n_local; i++) {
        const struct serp_local *l = &p->local[i];
        json_array_append_new(
            loc, json_pack("{s:i,s:s,s:o,s:o,s:o,s:o,s:o}", "position", l->position, "name",
                           l->name, "rating", l->rating >= 0 ? json_real(l->rating) : json_null(),
                           "reviews", l->reviews >= 0 ? json_integer(l->reviews) : json_null(),
                           "website", jstr_or_null(l->website), "domain",
                           jstr_or_null(l->domain), "phone", jstr_or_null(l->phone)));
    }
    json_object_set_new(j, "local_pack", loc);
    /* null when the page has no AI overview; {"cited":[]} when it has one
     * that cites nothing the parser could read. */
    json_t *ai = json_null();
    if (p->features & SERP_F_AI_OVERVIEW) {
        json_t *cited = json_array();
        for (size_t i = 0; i < p->n_ai_cited; i++) {
            const struct serp_cite *c = &p->ai_cited[i];
            json_array_append_new(cited, json_pack("{s:i,s:s,s:o,s:s}", "position", c->position,
                                                   "url", c->url, "domain",
                                                   jstr_or_null(c->domain), "title", c->title));
        }
        ai = json_pack("{s:o}", "cited", cited);
    }
    json_object_set_new(j, "ai_overview", ai);
    json_t *feat = json_array();
    for (int i = 0; i < SERP_N_FEATURES; i++)
        if (p->features & (1u << i))
            json_array_append_new(feat, json_string(feature_names[i]));
    json_object_set_new(j, "features", feat);
    return j;
}

static const char *jget_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

int serp_page_from_json(const json_t *j, struct serp_page *p)
{
    serp_page_init(p);
    if (!json_is_object(j))
        return -1;
    p->engine = serp_engine_from_name(jget_str(j, "engine"));
    p->query = clean(jget_str(j, "query"));
    json_t *t = json_object_get(j, "total_results");
    if (json_is_integer(t))
        p->total_results = json_integer_value(t);
    const char *br = jget_str(j, "block_reason");
    if (json_is_true(json_object_get(j, "blocked")))
        p->block = br && serp_block_from_name(br) ? serp_block_from_name(br) : SERP_BLOCK_EMPTY;
    p->no_results = json_is_true(json_object_get(j, "no_results"));
    p->has_next = json_is_true(json_object_get(j, "has_next"));
    size_t i;
    json_t *v;
    const json_t *org = json_object_get(j, "organic");
    for (i = 0; i < json_array_size(org); i++) {
        v = json_array_get(org, i);
        if (!json_is_object(v))
            goto bad;
        struct serp_organic *o =
            serp_add_organic(p, jget_str(v, "url"), jget_str(v, "title"), jget_str(v, "snippet"));
        json_t *pos = json_object_get(v, "position");
        if (json_is_integer(pos))
            o->position = (int)json_integer_value(pos);
    }
    const json_t *ads = json_object_get(j, "ads");
    for (i = 0; i < json_array_size(ads); i++) {
        v = json_array_get(ads, i);
        if (!json_is_object(v))
            goto bad;
        struct serp_ad *a = serp_add_ad(p, serp_ad_block_from_name(jget_str(v, "block")),
                                        jget_str(v, "url"), jget_str(v, "title"));
        json_t *pos = json_object_get(v, "position");
        if (json_is_integer(pos))
            a->position = (int)json_integer_value(pos);
    }
    const json_t *loc = json_object_get(j, "local_pack");
    for (i = 0; i < json_array_size(loc); i++) {
        v = json_array_get(loc, i);
        if (!json_is_object(v))
            goto bad;
        json_t *r = json_object_get(v, "rating"), *n = json_object_get(v, "reviews");
        struct serp_local *l =
            serp_add_local(p, jget_str(v, "name"), json_is_number(r) ? json_number_value(r) : -1,
                           json_is_integer(n) ? (int)json_integer_value(n) : -1,
                           jget_str(v, "website"));
        serp_local_set_phone(l, jget_str(v, "phone"));
    }
    const json_t *cited = json_object_get(json_object_get(j, "ai_overview"), "cited");
    for (i = 0; i < json_array_size(cited); i++) {
        v = json_array_get(cited, i);
        if (!json_is_object(v))
            goto bad;
        serp_add_ai_cite(p, jget_str(v, "url"), jget_str(v, "title"));
    }
    p->features = 0;
    const json_t *feat = json_object_get(j, "features");
    for (i = 0; i < json_array_size(feat); i++)
        p->features |= serp_feature_from_name(json_string_value(json_array_get(feat, i)));
    return 0;
bad:
    serp_page_release(p);
    return -1;
}
