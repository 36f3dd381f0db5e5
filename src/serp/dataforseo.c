/* dataforseo.c - DataForSEO v3 SERP answers (google/bing organic
 * task_get/regular and live/regular, google maps task_get/advanced and
 * live/advanced) mapped into the page model with jansson. The page is
 * tasks[0].result[0] of an answer whose own status_code and whose task's
 * status_code are both 20000; anything else (a task still in queue, a
 * refused login, an empty object) is an error with DataForSEO's code and
 * message, never "ok, not ranked". Items of the wrong type are skipped. */
#include <stdlib.h>
#include <string.h>

#include "serp.h"
#include "util.h"

#define DFS_OK 20000

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

/* An integer member, or def when absent or not an integer. */
static long long num(const json_t *o, const char *key, long long def)
{
    const json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? json_integer_value(v) : def;
}

/* "CODE: message" from an object carrying DataForSEO's status pair. */
static char *status_text(const json_t *o, const char *fallback)
{
    long long code = num(o, "status_code", -1);
    const char *m = str(o, "status_message");
    char *msg = m ? util_utf8_sanitize(m, strlen(m)) : xstrdup(fallback);
    char *s = code >= 0 ? xasprintf("%lld: %s", code, msg) : xstrdup(msg);
    free(msg);
    return s;
}

/* rating.value and rating.votes_count of a local or Maps item, bounded. */
static void rating_of(const json_t *v, double *rating, int *votes)
{
    const json_t *r = json_object_get(v, "rating");
    const json_t *val = json_object_get(r, "value");
    *rating = json_is_number(val) ? json_number_value(val) : -1;
    if (*rating < 0 || *rating > 5)
        *rating = -1;
    long long n = num(r, "votes_count", -1);
    *votes = n < 0 || n > 100000000 ? -1 : (int)n;
}

static void add_local(struct serp_page *p, const json_t *v)
{
    const char *name = str(v, "title");
    if (!name)
        return;
    double rating;
    int votes;
    rating_of(v, &rating, &votes);
    struct serp_local *l = serp_add_local(p, name, rating, votes, str(v, "url"));
    serp_local_set_phone(l, str(v, "phone"));
}

static void add_references(struct serp_page *p, const json_t *v)
{
    p->features |= SERP_F_AI_OVERVIEW;
    const json_t *refs = json_object_get(v, "references");
    for (size_t i = 0; i < json_array_size(refs); i++) {
        const json_t *r = json_array_get(refs, i);
        const char *url = str(r, "url");
        if (url)
            serp_add_ai_cite(p, url, str(r, "title"));
    }
}

/* Item types that only raise a feature bit. */
static unsigned feature_of(const char *type)
{
    static const struct {
        const char *type;
        unsigned feature;
    } map[] = {
        {"people_also_ask", SERP_F_PEOPLE_ALSO_ASK}, {"featured_snippet", SERP_F_FEATURED_SNIPPET},
        {"knowledge_graph", SERP_F_KNOWLEDGE_PANEL}, {"top_stories", SERP_F_TOP_STORIES},
        {"video", SERP_F_VIDEOS},                     {"images", SERP_F_IMAGES},
        {"ai_overview", SERP_F_AI_OVERVIEW},          {"local_pack", SERP_F_LOCAL_PACK},
    };
    for (size_t i = 0; type && i < ARRAY_SIZE(map); i++)
        if (strcmp(type, map[i].type) == 0)
            return map[i].feature;
    return 0;
}

/* One item of the page, kept with its rank for ordering. */
struct dfs_item {
    const json_t *j;
    long long rank;
    size_t at; /* index in the array: ties keep the array's order */
};

static int by_rank(const void *a, const void *b)
{
    const struct dfs_item *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* The items of one result page, in rank_absolute order (a stable order
 * for equal ranks: the array's own). */
static void items(struct serp_page *p, const json_t *arr)
{
    size_t n = json_array_size(arr);
    if (!n)
        return;
    struct dfs_item *v = xcalloc(n, sizeof *v);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *it = json_array_get(arr, i);
        if (!json_is_object(it))
            continue;
        v[m].j = it;
        v[m].rank = num(it, "rank_absolute", 0);
        v[m].at = i;
        m++;
    }
    qsort(v, m, sizeof *v, by_rank);
    for (size_t i = 0; i < m; i++) {
        const json_t *it = v[i].j;
        const char *type = str(it, "type");
        if (!type)
            continue;
        if (strcmp(type, "organic") == 0) {
            const char *url = str(it, "url"), *title = str(it, "title");
            if (url && title)
                serp_add_organic(p, url, title, str(it, "description"));
        } else if (strcmp(type, "paid") == 0) {
            const char *url = str(it, "url");
            if (url) /* before the first organic result: the top block */
                serp_add_ad(p, p->n_organic ? SERP_AD_BOTTOM : SERP_AD_TOP, url,
                            str(it, "title") ? str(it, "title") : "");
        } else if (strcmp(type, "local_pack") == 0 || strcmp(type, "maps_search") == 0) {
            add_local(p, it);
        } else if (strcmp(type, "ai_overview") == 0) {
            add_references(p, it);
        } else {
            p->features |= feature_of(type);
        }
    }
    free(v);
}

/* Why j is not a result page ("CODE: message", newly allocated), or NULL
 * with *res set to the page's result object. */
static char *not_a_page(const json_t *j, int http_status, const json_t **res)
{
    if (num(j, "status_code", -1) != DFS_OK)
        return status_text(j, http_status >= 400 ? "HTTP error without a status_message"
                                                 : "answer without status_code, not a result");
    const json_t *task = json_array_get(json_object_get(j, "tasks"), 0);
    if (!json_is_object(task))
        return xstrdup("answer without tasks, not a result page");
    if (num(task, "status_code", -1) != DFS_OK)
        return status_text(task, "task without status_code, not a result");
    *res = json_array_get(json_object_get(task, "result"), 0);
    if (!json_is_object(*res))
        return xstrdup("task without result, not a result page");
    const json_t *it = json_object_get(*res, "items");
    /* DataForSEO sends "items": null for a search with no results. */
    if (!json_is_array(it) && !json_is_null(it))
        return xstrdup("result without items, not a result page");
    return NULL;
}

int serp_parse_dataforseo_json(enum serp_engine e, const char *buf, size_t len, int http_status,
                               struct serp_page *page, char **err)
{
    serp_page_init(page);
    page->engine = e;
    if (err)
        *err = NULL;
    json_error_t jerr;
    json_t *j = buf ? json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    const json_t *res = NULL;
    char *why = !json_is_object(j) ? xstrdup(j ? "answer is not a JSON object" : "answer is not JSON")
                                   : not_a_page(j, http_status, &res);
    if (why) {
        if (err)
            *err = why;
        else
            free(why);
        json_decref(j);
        page->block = SERP_BLOCK_EMPTY;
        return -1;
    }
    long long total = num(res, "se_results_count", -1);
    if (total >= 0)
        page->total_results = total;
    const char *q = str(res, "keyword");
    if (q)
        page->query = util_utf8_sanitize(q, strlen(q));
    const json_t *types = json_object_get(res, "item_types");
    for (size_t i = 0; i < json_array_size(types); i++)
        page->features |= feature_of(json_string_value(json_array_get(types, i)));
    items(page, json_object_get(res, "items"));
    if (!page->n_local)
        page->features &= ~(unsigned)SERP_F_LOCAL_PACK;
    /* One request answers the whole depth: there is never a page 2. */
    page->has_next = 0;
    const char *type = str(res, "type");
    int maps = type && strcmp(type, "maps") == 0;
    if (maps ? page->n_local == 0 : page->n_organic == 0)
        page->no_results = 1;
    json_decref(j);
    return 0;
}
