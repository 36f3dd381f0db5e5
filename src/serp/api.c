/* api.c - SERP-API JSON (SerpApi-compatible answers: organic_results[],
 * ads[], local_results as an array or {places: []}, ai_overview.references,
 * search_information.total_results, error) mapped into the page model with
 * jansson. Anything of the wrong type is skipped, never trusted. Only an
 * answer carrying the provider's result structure is a result page: a
 * finished search with its results array, or an explicit "no results"
 * marker. Anything else is an error, never "ok, not ranked". */
#include <string.h>

#include "serp.h"
#include "util.h"

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

static void organic(struct serp_page *p, const json_t *arr)
{
    size_t i;
    json_t *v;
    for (i = 0; i < json_array_size(arr); i++) {
        v = json_array_get(arr, i);
        const char *link = str(v, "link"), *title = str(v, "title");
        if (!link || !title)
            continue;
        serp_add_organic(p, link, title, str(v, "snippet"));
        if (json_object_get(v, "sitelinks"))
            p->features |= SERP_F_SITELINKS;
    }
}

static void ads(struct serp_page *p, const json_t *arr)
{
    size_t i;
    json_t *v;
    for (i = 0; i < json_array_size(arr); i++) {
        v = json_array_get(arr, i);
        const char *link = str(v, "link"), *title = str(v, "title");
        if (!link)
            continue;
        const char *where = str(v, "block_position");
        /* SerpApi names the sidebar "right". */
        serp_add_ad(p, util_streq(where, "right") ? SERP_AD_SIDE : serp_ad_block_from_name(where),
                    link, title ? title : "");
    }
}

/* ai_overview.references[] in order: the overview's cited sources. An
 * overview SerpApi only links to (page_token, a second request) still
 * counts as present, with no citations. */
static void ai_overview(struct serp_page *p, const json_t *ai)
{
    if (!json_is_object(ai))
        return;
    p->features |= SERP_F_AI_OVERVIEW;
    const json_t *refs = json_object_get(ai, "references");
    for (size_t i = 0; i < json_array_size(refs); i++) {
        const json_t *v = json_array_get(refs, i);
        const char *link = str(v, "link");
        if (link)
            serp_add_ai_cite(p, link, str(v, "title"));
    }
}

static void local(struct serp_page *p, const json_t *lr)
{
    const json_t *arr = json_is_array(lr) ? lr : json_object_get(lr, "places");
    size_t i;
    json_t *v;
    for (i = 0; i < json_array_size(arr); i++) {
        v = json_array_get(arr, i);
        const char *name = str(v, "title");
        if (!name)
            continue;
        json_t *r = json_object_get(v, "rating"), *n = json_object_get(v, "reviews");
        double rating = json_is_number(r) ? json_number_value(r) : -1;
        if (rating < 0 || rating > 5)
            rating = -1;
        long long reviews = json_is_integer(n) ? json_integer_value(n) : -1;
        if (reviews < 0 || reviews > 100000000)
            reviews = -1;
        const char *site = str(json_object_get(v, "links"), "website");
        if (!site)
            site = str(v, "website");
        struct serp_local *l = serp_add_local(p, name, rating, (int)reviews, site);
        serp_local_set_phone(l, str(v, "phone"));
    }
}

/* 1 when j answers SerpApi's Maps engine (a geo-grid point): its
 * local_results are the whole list, up to 20, and it has no organic part. */
static int maps_answer(const json_t *j)
{
    const char *e = str(json_object_get(j, "search_parameters"), "engine");
    return e && strcmp(e, "google_maps") == 0;
}

/* Why j is not a SerpApi result page (owned by the caller), or NULL when
 * it is one. An empty object, a search still "Processing", a gateway's
 * {"message": ...} (all with HTTP 200) would otherwise read as a page
 * where nobody ranks and raise drop alerts for every site. */
static char *not_serpapi_answer(const json_t *j)
{
    const char *status = str(json_object_get(j, "search_metadata"), "status");
    const char *m = str(j, "message");
    if (status && strcmp(status, "Success") != 0) {
        char *s = util_utf8_sanitize(status, strlen(status));
        char *why = xasprintf("search status \"%s\", not a result page", s);
        free(s);
        return why;
    }
    if (!status && m)
        return util_utf8_sanitize(m, strlen(m)); /* the provider's words */
    if (!status)
        return xstrdup("answer without search_metadata.status, not a result page");
    if (maps_answer(j)) {
        if (!json_is_array(json_object_get(j, "local_results")))
            return xstrdup("Maps answer without local_results, not a result list");
        return NULL;
    }
    if (!json_is_array(json_object_get(j, "organic_results")))
        return xstrdup("answer without organic_results, not a result page");
    return NULL;
}

int serp_parse_api_json(enum serp_engine e, const char *buf, size_t len, struct serp_page *page,
                        char **err)
{
    serp_page_init(page);
    page->engine = e;
    if (err)
        *err = NULL;
    json_error_t jerr;
    json_t *j = buf ? json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (!json_is_object(j)) {
        if (err)
            *err = xstrdup(j ? "answer is not a JSON object" : "answer is not JSON");
        json_decref(j);
        page->block = SERP_BLOCK_EMPTY;
        return -1;
    }
    const json_t *info = json_object_get(j, "search_information");
    const char *state = str(info, "organic_results_state");
    const char *error = str(j, "error");
    int empty = (state && strstr(state, "empty")) ||
                (error && strstr(error, "any results"));
    if (error && !empty) {
        /* Bad key, exhausted credits, bad parameters: the provider's words. */
        if (err)
            *err = util_utf8_sanitize(error, strlen(error));
        json_decref(j);
        page->block = SERP_BLOCK_EMPTY;
        return -1;
    }
    if (!empty) {
        char *why = not_serpapi_answer(j);
        if (why) {
            if (err)
                *err = why;
            else
                free(why);
            json_decref(j);
            page->block = SERP_BLOCK_EMPTY;
            return -1;
        }
    }
    json_t *tr = json_object_get(info, "total_results");
    if (json_is_integer(tr) && json_integer_value(tr) >= 0)
        page->total_results = json_integer_value(tr);
    const char *q = str(json_object_get(j, "search_parameters"), "q");
    if (q)
        page->query = util_utf8_sanitize(q, strlen(q));
    organic(page, json_object_get(j, "organic_results"));
    ads(page, json_object_get(j, "ads"));
    local(page, json_object_get(j, "local_results"));
    ai_overview(page, json_object_get(j, "ai_overview"));
    static const struct {
        const char *key;
        unsigned feature;
    } feats[] = {
        {"related_questions", SERP_F_PEOPLE_ALSO_ASK}, {"answer_box", SERP_F_FEATURED_SNIPPET},
        {"knowledge_graph", SERP_F_KNOWLEDGE_PANEL},   {"top_stories", SERP_F_TOP_STORIES},
        {"inline_videos", SERP_F_VIDEOS},              {"video_results", SERP_F_VIDEOS},
        {"inline_images", SERP_F_IMAGES},              {"local_results", SERP_F_LOCAL_PACK},
    };
    for (size_t i = 0; i < ARRAY_SIZE(feats); i++) {
        json_t *v = json_object_get(j, feats[i].key);
        if (v && !json_is_null(v) && (!json_is_array(v) || json_array_size(v)))
            page->features |= feats[i].feature;
    }
    if (!page->n_local)
        page->features &= ~(unsigned)SERP_F_LOCAL_PACK;
    const json_t *pag = json_object_get(j, "serpapi_pagination");
    if (!pag)
        pag = json_object_get(j, "pagination");
    if (str(pag, "next") || str(pag, "next_link"))
        page->has_next = 1;
    if (maps_answer(j) ? page->n_local == 0 : page->n_organic == 0)
        page->no_results = 1;
    json_decref(j);
    return 0;
}
