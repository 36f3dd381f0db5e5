/* serper.c - Serper's answers (serper.dev /search and /maps) mapped into
 * the page model with jansson: organic[] (position, title, link, snippet,
 * sitelinks), places[] (the local pack on /search, the Maps list on
 * /maps), the SERP features Serper names (answerBox, knowledgeGraph,
 * peopleAlsoAsk, topStories, videos, images), and its refusals
 * ({"message": ..., "statusCode": ...}). Only an answer with
 * searchParameters and its results array is a result page; anything else
 * is an error, never "ok, not ranked". Wrong types are skipped.
 *
 * Not mapped: Serper documents no ads array and no AI overview for
 * /search; an "ads" array, when one comes, is read as top ads in order
 * (the docs are silent on its shape, so only title and link are used). */
#include <limits.h>
#include <string.h>

#include "serp.h"
#include "util.h"

#define SERPER_MAX_ITEMS 200 /* more than any page or Maps list holds */

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

/* The order to read arr in: by each item's "position" when every object
 * in it has a distinct positive integer one (non-objects go last) (Serper numbers organic
 * results absolutely across pages, so page 2 starts at 11), else as
 * given. Fills idx (n entries, n <= SERPER_MAX_ITEMS). */
static size_t order(const json_t *arr, size_t *idx)
{
    size_t n = json_array_size(arr);
    if (n > SERPER_MAX_ITEMS)
        n = SERPER_MAX_ITEMS;
    long long pos[SERPER_MAX_ITEMS];
    int by_pos = 1;
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        const json_t *v = json_array_get(arr, i);
        if (!json_is_object(v)) {
            pos[i] = LLONG_MAX; /* skipped by the readers anyway: last */
            continue;
        }
        const json_t *p = json_object_get(v, "position");
        pos[i] = json_is_integer(p) ? json_integer_value(p) : 0;
        if (pos[i] <= 0)
            by_pos = 0;
    }
    if (!by_pos)
        return n;
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, n is small */
        size_t v = idx[i], j = i;
        while (j > 0 && pos[idx[j - 1]] > pos[v]) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
    for (size_t i = 1; i < n; i++)
        if (pos[idx[i]] == pos[idx[i - 1]] && pos[idx[i]] != LLONG_MAX) { /* duplicates: trust the array */
            for (size_t k = 0; k < n; k++)
                idx[k] = k;
            break;
        }
    return n;
}

static void organic(struct serp_page *p, const json_t *arr)
{
    size_t idx[SERPER_MAX_ITEMS], n = order(arr, idx);
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, idx[i]);
        const char *link = str(v, "link"), *title = str(v, "title");
        if (!link || !title)
            continue;
        serp_add_organic(p, link, title, str(v, "snippet"));
        const json_t *sl = json_object_get(v, "sitelinks");
        if (json_is_array(sl) && json_array_size(sl))
            p->features |= SERP_F_SITELINKS;
    }
}

static void ads(struct serp_page *p, const json_t *arr)
{
    size_t idx[SERPER_MAX_ITEMS], n = order(arr, idx);
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, idx[i]);
        const char *link = str(v, "link"), *title = str(v, "title");
        if (link)
            serp_add_ad(p, SERP_AD_TOP, link, title ? title : "");
    }
}

/* places[]: ratingCount is Serper's name for the number of reviews,
 * phoneNumber for the phone. */
static void places(struct serp_page *p, const json_t *arr)
{
    size_t idx[SERPER_MAX_ITEMS], n = order(arr, idx);
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, idx[i]);
        const char *name = str(v, "title");
        if (!name)
            continue;
        const json_t *r = json_object_get(v, "rating"), *c = json_object_get(v, "ratingCount");
        double rating = json_is_number(r) ? json_number_value(r) : -1;
        if (rating < 0 || rating > 5)
            rating = -1;
        long long reviews = json_is_integer(c) ? json_integer_value(c) : -1;
        if (reviews < 0 || reviews > 100000000)
            reviews = -1;
        struct serp_local *l = serp_add_local(p, name, rating, (int)reviews, str(v, "website"));
        serp_local_set_phone(l, str(v, "phoneNumber"));
    }
}

/* 1 when j answers /maps: Serper echoes type "maps" (and the ll). */
static int maps_answer(const json_t *sp)
{
    const char *t = str(sp, "type");
    if (t)
        return strcmp(t, "maps") == 0;
    return str(sp, "ll") != NULL;
}

/* Why j is not a Serper result page (owned by the caller), or NULL when it
 * is one. */
static char *not_serper_answer(const json_t *j, int http_status)
{
    const char *m = str(j, "message");
    const json_t *sc = json_object_get(j, "statusCode");
    long long code = json_is_integer(sc) ? json_integer_value(sc) : 0;
    if (m && (code >= 400 || http_status >= 400 || !json_object_get(j, "searchParameters")))
        return util_utf8_sanitize(m, strlen(m)); /* the provider's words */
    if (code >= 400 || http_status >= 400)
        return xasprintf("http %lld without a message", code >= 400 ? code : (long long)http_status);
    const json_t *sp = json_object_get(j, "searchParameters");
    if (!json_is_object(sp))
        return xstrdup("answer without searchParameters, not a result page");
    if (maps_answer(sp)) {
        if (!json_is_array(json_object_get(j, "places")))
            return xstrdup("Maps answer without places, not a result list");
        return NULL;
    }
    if (!json_is_array(json_object_get(j, "organic")))
        return xstrdup("answer without organic, not a result page");
    return NULL;
}

static void features(struct serp_page *page, const json_t *j)
{
    static const struct {
        const char *key;
        unsigned feature;
    } feats[] = {
        {"peopleAlsoAsk", SERP_F_PEOPLE_ALSO_ASK}, {"answerBox", SERP_F_FEATURED_SNIPPET},
        {"knowledgeGraph", SERP_F_KNOWLEDGE_PANEL}, {"topStories", SERP_F_TOP_STORIES},
        {"videos", SERP_F_VIDEOS},                  {"images", SERP_F_IMAGES},
    };
    for (size_t i = 0; i < ARRAY_SIZE(feats); i++) {
        const json_t *v = json_object_get(j, feats[i].key);
        if (v && (json_is_object(v) ? json_object_size(v) : json_array_size(v)))
            page->features |= feats[i].feature;
    }
    if (page->n_local)
        page->features |= SERP_F_LOCAL_PACK;
    if (page->n_ads)
        page->features |= SERP_F_ADS_TOP;
}

int serp_parse_serper_json(enum serp_engine e, const char *buf, size_t len, int http_status,
                           struct serp_page *page, char **err)
{
    serp_page_init(page);
    page->engine = e;
    if (err)
        *err = NULL;
    json_error_t jerr;
    json_t *j = buf ? json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    char *why = !json_is_object(j) ? xstrdup(j ? "answer is not a JSON object" : "answer is not JSON")
                                   : not_serper_answer(j, http_status);
    if (why) {
        if (err)
            *err = why;
        else
            free(why);
        json_decref(j);
        page->block = SERP_BLOCK_EMPTY;
        return -1;
    }
    const json_t *sp = json_object_get(j, "searchParameters");
    const char *q = str(sp, "q");
    if (q)
        page->query = util_utf8_sanitize(q, strlen(q));
    int maps = maps_answer(sp);
    if (maps) {
        places(page, json_object_get(j, "places"));
        if (page->n_local) /* as serp-api's Maps answer: the list is local results */
            page->features |= SERP_F_LOCAL_PACK;
        page->no_results = page->n_local == 0;
        json_decref(j);
        return 0; /* the whole Maps list: no next page */
    }
    const json_t *org = json_object_get(j, "organic");
    organic(page, org);
    ads(page, json_object_get(j, "ads"));
    places(page, json_object_get(j, "places"));
    features(page, j);
    /* A full page can have a next one; Serper gives no total or link. */
    const json_t *num = json_object_get(sp, "num");
    long long per = json_is_integer(num) && json_integer_value(num) > 0 ? json_integer_value(num) : 10;
    page->has_next = json_array_size(org) > 0 && (long long)json_array_size(org) >= per;
    page->no_results = page->n_organic == 0;
    json_decref(j);
    return 0;
}
