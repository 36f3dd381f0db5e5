/* dataforseo.c - the simulator's DataForSEO v3 SERP API: google and bing
 * organic (task_post, tasks_ready, task_get/regular, live/regular) and
 * google maps (task_post, tasks_ready, task_get/advanced, live/advanced)
 * in DataForSEO's documented shapes, over the same ranking model as the
 * engine pages, so every provider ranks alike. Basic auth decides the
 * refusals: login "bad" (or no header) 40100, "nocredits" 40200,
 * "ratelimit" 40202. The standard queue lives in memory behind its own
 * mutex: a task is listed by tasks_ready from the ready_after-th poll
 * after it was posted (GET /_sim/dataforseo?ready_after=N), task_get
 * answers 40602 "Task In Queue." before that, and the task is listed until
 * collected. Drawn faults: "429" is the 40202 refusal (HTTP 429), "500"
 * 50000 (HTTP 500), "captcha" a task-level 40101 "Internal SE Server
 * Error." on task_get and live (the engine failed the provider; the task
 * stays listed, the fault being this request's). */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define DFS_MAX_TASKS 100

struct dfs_task {
    char id[40];
    char se[8];  /* "google" | "bing" */
    int maps;    /* google maps (advanced) */
    char keyword[256];
    char loc_name[200]; /* "" when location_code was given */
    int loc_code;       /* 0 when location_name was given */
    char coord[64];     /* maps: location_coordinate */
    char lang[16], device[16];
    char tag[256];
    int depth;
    int day;         /* its results are the posting day's */
    long long poll0; /* n_polls when it was posted */
    int collected;
};

static pthread_mutex_t dfs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dfs_task *dfs_tasks;
static size_t dfs_n, dfs_cap;
static unsigned long long dfs_seq;
static int dfs_ready_after = 2;
static long long n_posted, n_live, n_collected, n_ready_polls, n_not_ready, n_gets;
/* tasks_ready calls ever: the queue's clock (never reset) */
static long long n_polls;

/* location_code of the countries the client knows, and how the direct
 * pages name them (gl / cc). */
static const struct {
    int code;
    const char *cc, *name;
} dfs_countries[] = {
    {2840, "us", "United States"}, {2826, "gb", "United Kingdom"}, {2124, "ca", "Canada"},
    {2036, "au", "Australia"},     {2372, "ie", "Ireland"},        {2554, "nz", "New Zealand"},
    {2276, "de", "Germany"},       {2250, "fr", "France"},         {2724, "es", "Spain"},
    {2380, "it", "Italy"},
};

static const char *code_cc(int code)
{
    for (size_t i = 0; i < sizeof dfs_countries / sizeof dfs_countries[0]; i++)
        if (dfs_countries[i].code == code)
            return dfs_countries[i].cc;
    return NULL;
}

/* --- answers ----------------------------------------------------------------- */

/* The envelope every answer has, up to the tasks array's '['. */
static void head(struct buf *b, int code, const char *msg, int ntasks, int nerr, int billed)
{
    buf_printf(b, "{\"version\":\"0.1.20261201\",\"status_code\":%d,\"status_message\":", code);
    buf_json(b, msg);
    buf_printf(b, ",\"time\":\"0.0421 sec.\",\"cost\":%s,\"tasks_count\":%d,\"tasks_error\":%d,"
                  "\"tasks\":",
               billed > 0 ? "0.0006" : "0", ntasks, nerr);
}

/* An answer-level failure: no tasks at all. */
static void fail(struct sim_api_reply *out, int http, int code, const char *msg)
{
    out->status = http;
    head(&out->body, code, msg, 0, 0, 0);
    buf_add(&out->body, "[]}\n");
}

/* The path array of a task: "v3","serp",se,type,fn[,id]. */
static void path_json(struct buf *b, const char *se, const char *type, const char *fn,
                      const char *id)
{
    buf_add(b, "\"path\":[\"v3\",\"serp\",");
    buf_json(b, se);
    buf_add(b, ",");
    buf_json(b, type);
    for (const char *p = fn, *q; *p; p = *q ? q + 1 : q) {
        q = strchr(p, '/');
        if (!q)
            q = p + strlen(p);
        buf_add(b, ",\"");
        buf_addn(b, p, (size_t)(q - p));
        buf_add(b, "\"");
    }
    if (id) {
        buf_add(b, ",");
        buf_json(b, id);
    }
    buf_add(b, "]");
}

/* A task's "data": the parameters it was set with. */
static void data_json(struct buf *b, const struct dfs_task *t, const char *fn)
{
    buf_add(b, "\"data\":{\"api\":\"serp\",\"function\":");
    buf_json(b, fn);
    buf_add(b, ",\"se\":");
    buf_json(b, t->se);
    buf_printf(b, ",\"se_type\":\"%s\",\"keyword\":", t->maps ? "maps" : "organic");
    buf_json(b, t->keyword);
    if (t->maps) {
        buf_add(b, ",\"location_coordinate\":");
        buf_json(b, t->coord);
    } else if (t->loc_name[0]) {
        buf_add(b, ",\"location_name\":");
        buf_json(b, t->loc_name);
    } else {
        buf_printf(b, ",\"location_code\":%d", t->loc_code);
    }
    buf_add(b, ",\"language_code\":");
    buf_json(b, t->lang);
    buf_add(b, ",\"device\":");
    buf_json(b, t->device);
    buf_printf(b, ",\"os\":\"%s\",\"depth\":%d", strcmp(t->device, "mobile") ? "windows" : "android",
               t->depth);
    if (t->tag[0]) {
        buf_add(b, ",\"tag\":");
        buf_json(b, t->tag);
    }
    buf_add(b, "}");
}

/* The ranking key the engine pages use for t's location. */
static void ranking_key(const struct dfs_task *t, char *key, size_t n)
{
    const char *cc = t->loc_code ? code_cc(t->loc_code) : NULL;
    if (strcmp(t->se, "google") == 0 && t->loc_name[0]) {
        sim_location_name_key(t->loc_name, key, n);
        return;
    }
    if (!cc && t->loc_name[0]) {
        /* Bing ranks by country (cc): the name's last part names it. */
        const char *c = strrchr(t->loc_name, ',');
        c = c ? c + 1 : t->loc_name;
        while (*c == ' ')
            c++;
        for (size_t i = 0; i < sizeof dfs_countries / sizeof dfs_countries[0]; i++)
            if (strcmp(c, dfs_countries[i].name) == 0)
                cc = dfs_countries[i].cc;
    }
    snprintf(key, n, "%s", cc ? cc : "");
}

static void rating_json(struct buf *b, const struct sim_place *pl)
{
    buf_printf(b, ",\"rating\":{\"rating_type\":\"Max5\",\"value\":%.1f,\"votes_count\":%d,"
                  "\"rating_max\":null}",
               pl->rating, pl->reviews);
    buf_add(b, ",\"phone\":");
    buf_json(b, pl->phone);
    buf_add(b, ",\"url\":");
    if (pl->website[0])
        buf_json(b, pl->website);
    else
        buf_add(b, "null");
}

static void hit_json(struct buf *b, const char *type, int group, int abs, const struct sim_hit *h,
                     int desc)
{
    buf_printf(b, "{\"type\":\"%s\",\"rank_group\":%d,\"rank_absolute\":%d,\"position\":\"left\","
                  "\"domain\":",
               type, group, abs);
    buf_json(b, h->domain);
    buf_add(b, ",\"title\":");
    buf_json(b, h->title);
    buf_add(b, ",\"url\":");
    buf_json(b, h->url);
    buf_add(b, ",\"breadcrumb\":");
    buf_json(b, h->display);
    if (desc) {
        buf_add(b, ",\"description\":");
        buf_json(b, h->snippet);
    }
    buf_add(b, "}");
}

static void pack_json(struct buf *b, const struct sim_place *pl, int group, int abs, int sep)
{
    buf_printf(b, "%s{\"type\":\"local_pack\",\"rank_group\":%d,\"rank_absolute\":%d,"
                  "\"position\":\"left\",\"title\":",
               sep ? "," : "", group, abs);
    buf_json(b, pl->name);
    buf_add(b, ",\"description\":");
    buf_json(b, pl->address);
    buf_add(b, ",\"domain\":");
    if (pl->website[0]) {
        const char *d = strstr(pl->website, "://");
        char host[128];
        snprintf(host, sizeof host, "%s", d ? d + 3 : pl->website);
        host[strcspn(host, "/")] = '\0';
        buf_json(b, host);
    } else {
        buf_add(b, "null");
    }
    rating_json(b, pl);
    buf_add(b, ",\"is_paid\":false}");
}

/* The organic (regular) result of t: top ads, the AI overview, organic
 * results with the local pack after the third, bottom ads. */
static void organic_result(struct buf *b, const struct dfs_task *t, const struct sim_serp *s)
{
    int google = strcmp(t->se, "google") == 0;
    int norg = s->norg < t->depth ? s->norg : t->depth;
    int ai = google && s->nai > 0, ads = s->nads_top + s->nads_bottom > 0;
    buf_add(b, "{\"keyword\":");
    buf_json(b, t->keyword);
    buf_printf(b, ",\"type\":\"organic\",\"se_domain\":\"%s\",\"location_code\":%d,"
                  "\"language_code\":",
               google ? "google.com" : "bing.com", t->loc_code ? t->loc_code : 2840);
    buf_json(b, t->lang);
    buf_printf(b, ",\"check_url\":\"https://www.%s.com/search?q=", t->se);
    buf_urlenc(b, t->keyword);
    buf_add(b, "\",\"datetime\":\"2026-12-01 08:00:00 +00:00\",\"spell\":null,\"item_types\":[");
    int nt = 0;
    if (ads)
        buf_add(b, nt++ ? ",\"paid\"" : "\"paid\"");
    if (ai)
        buf_add(b, nt++ ? ",\"ai_overview\"" : "\"ai_overview\"");
    if (norg)
        buf_add(b, nt++ ? ",\"organic\"" : "\"organic\"");
    if (s->nplaces)
        buf_add(b, nt++ ? ",\"local_pack\"" : "\"local_pack\"");
    if (google && s->npaa)
        buf_add(b, nt++ ? ",\"people_also_ask\"" : "\"people_also_ask\"");
    int nitems = s->nads_top + s->nads_bottom + ai + norg + s->nplaces;
    buf_printf(b, "],\"se_results_count\":%lld,\"items_count\":%d,\"items\":", s->total, nitems);
    if (!nitems) {
        buf_add(b, "null}");
        return;
    }
    int abs = 0, sep = 0;
    buf_add(b, "[");
    for (int i = 0; i < s->nads_top; i++, sep = 1) {
        buf_add(b, sep ? "," : "");
        hit_json(b, "paid", i + 1, ++abs, &s->ads_top[i], 1);
    }
    if (ai) {
        buf_printf(b, "%s{\"type\":\"ai_overview\",\"rank_group\":1,\"rank_absolute\":%d,"
                      "\"position\":\"left\",\"asynchronous_ai_overview\":false,\"items\":null,"
                      "\"references\":[",
                   sep ? "," : "", ++abs);
        for (int i = 0; i < s->nai && i < 4; i++) {
            buf_add(b, i ? ",{\"type\":\"ai_overview_reference\",\"source\":"
                         : "{\"type\":\"ai_overview_reference\",\"source\":");
            buf_json(b, s->ai[i].domain);
            buf_add(b, ",\"domain\":");
            buf_json(b, s->ai[i].domain);
            buf_add(b, ",\"url\":");
            buf_json(b, s->ai[i].url);
            buf_add(b, ",\"title\":");
            buf_json(b, s->ai[i].title);
            buf_add(b, ",\"text\":");
            buf_json(b, s->ai[i].snippet);
            buf_add(b, "}");
        }
        buf_add(b, "]}");
        sep = 1;
    }
    int pack_at = norg < 3 ? norg : 3; /* the pack after the third result */
    for (int i = 0; i <= norg; i++) {
        if (i == pack_at)
            for (int k = 0; k < s->nplaces; k++, sep = 1)
                pack_json(b, &s->places[k], k + 1, ++abs, sep);
        if (i == norg)
            break;
        buf_add(b, sep ? "," : "");
        sep = 1;
        hit_json(b, "organic", i + 1, ++abs, &s->org[i], 1);
    }
    for (int i = 0; i < s->nads_bottom; i++, sep = 1) {
        buf_add(b, sep ? "," : "");
        hit_json(b, "paid", s->nads_top + i + 1, ++abs, &s->ads_bottom[i], 1);
    }
    buf_add(b, "]}");
}

/* The Maps (advanced) result of t: s->maps as maps_search items. */
static void maps_result(struct buf *b, const struct dfs_task *t, const struct sim_serp *s)
{
    int n = s->nmaps < t->depth ? s->nmaps : t->depth;
    buf_add(b, "{\"keyword\":");
    buf_json(b, t->keyword);
    buf_add(b, ",\"type\":\"maps\",\"se_domain\":\"google.com\",\"location_code\":null,"
               "\"language_code\":");
    buf_json(b, t->lang);
    buf_add(b, ",\"check_url\":\"https://www.google.com/maps/search/");
    buf_urlenc(b, t->keyword);
    buf_printf(b, "/@%s\",\"datetime\":\"2026-12-01 08:00:00 +00:00\",\"item_types\":[%s],"
                  "\"se_results_count\":%d,\"items_count\":%d,\"items\":",
               t->coord, n ? "\"maps_search\"" : "", s->nmaps, n);
    if (!n) {
        buf_add(b, "null}");
        return;
    }
    buf_add(b, "[");
    for (int i = 0; i < n; i++) {
        const struct sim_place *pl = &s->maps[i];
        buf_printf(b, "%s{\"type\":\"maps_search\",\"rank_group\":%d,\"rank_absolute\":%d,"
                      "\"title\":",
                   i ? "," : "", i + 1, i + 1);
        buf_json(b, pl->name);
        rating_json(b, pl);
        buf_add(b, ",\"address\":");
        buf_json(b, pl->address);
        buf_add(b, ",\"category\":");
        buf_json(b, pl->category);
        buf_printf(b, ",\"latitude\":%.7f,\"longitude\":%.7f}", pl->lat, pl->lng);
    }
    buf_add(b, "]}");
}

/* t's SERP as of its day, rendered as a task object (fn: "task_get/
 * regular", "live/advanced" ...). captcha: the engine failed the
 * provider, DataForSEO's task-level 40101 "Internal SE Server Error.". */
static void result_task(struct buf *b, const struct dfs_task *t, const char *fn, int captcha)
{
    buf_add(b, "{\"id\":");
    buf_json(b, t->id);
    if (captcha)
        buf_add(b, ",\"status_code\":40101,\"status_message\":\"Internal SE Server Error.\"");
    else
        buf_add(b, ",\"status_code\":20000,\"status_message\":\"Ok.\"");
    /* the queue bills at task_post; live bills the answer */
    buf_printf(b, ",\"time\":\"1.2040 sec.\",\"cost\":%s,\"result_count\":%d,",
               strncmp(fn, "live", 4) == 0 ? "0.0006" : "0", captcha ? 0 : 1);
    path_json(b, t->se, t->maps ? "maps" : "organic", fn, strstr(fn, "task_get") ? t->id : NULL);
    buf_add(b, ",");
    data_json(b, t, fn);
    if (captcha) {
        buf_add(b, ",\"result\":null}");
        return;
    }
    struct sim_serp *s = malloc(sizeof *s);
    if (!s) {
        buf_add(b, ",\"result\":null}");
        return;
    }
    struct sim_point pt;
    memset(&pt, 0, sizeof pt);
    char key[200] = "";
    if (t->maps) {
        char ll[80];
        snprintf(ll, sizeof ll, "@%s", t->coord);
        sim_ll_parse(ll, &pt); /* checked when the task was set */
    } else {
        ranking_key(t, key, sizeof key);
    }
    sim_serp_build_at(s, t->se, t->keyword, key, t->day, &pt);
    buf_add(b, ",\"result\":[");
    if (t->maps)
        maps_result(b, t, s);
    else
        organic_result(b, t, s);
    buf_add(b, "]}");
    free(s);
}

/* --- requests ----------------------------------------------------------------- */

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* The login of a "Basic base64(login:password)" header into out ("" when
 * it is not one); *pw_bad when the password is "bad" or empty. */
static void basic_login(const char *auth, char *out, size_t n, int *pw_bad)
{
    char dec[256];
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    out[0] = '\0';
    *pw_bad = 1;
    if (!auth || strncmp(auth, "Basic ", 6) != 0)
        return;
    for (const char *p = auth + 6; *p && *p != '=' && o + 1 < sizeof dec; p++) {
        int v = b64val((unsigned char)*p);
        if (v < 0)
            return;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            dec[o++] = (char)((acc >> bits) & 0xff);
        }
    }
    dec[o] = '\0';
    char *colon = strchr(dec, ':');
    if (!colon)
        return;
    *colon = '\0';
    *pw_bad = !colon[1] || strcmp(colon + 1, "bad") == 0;
    snprintf(out, n, "%s", dec);
}

/* Answers an auth refusal or a drawn 429/500 in DataForSEO's shapes;
 * returns 1 when it did. */
static int refuse(const struct sim_api_req *rq, struct sim_api_reply *out)
{
    char login[128];
    int pw_bad;
    basic_login(rq->authorization, login, sizeof login, &pw_bad);
    if (!login[0] || pw_bad || strcmp(login, "bad") == 0) {
        fail(out, 401, 40100,
             "You are not authorized to access this resource. See your login details here: "
             "https://app.dataforseo.com/api-access");
        return 1;
    }
    if (strcmp(login, "nocredits") == 0) {
        fail(out, 402, 40200, "Payment Required.");
        return 1;
    }
    if (strcmp(login, "ratelimit") == 0 || (rq->fault && strcmp(rq->fault, "429") == 0)) {
        out->retry_after = 2;
        fail(out, 429, 40202, "Rate-limit exceeded. Please contact our support team.");
        return 1;
    }
    if (rq->fault && strcmp(rq->fault, "500") == 0) {
        fail(out, 500, 50000, "Internal Error.");
        return 1;
    }
    return 0;
}

static void copy_str(char *dst, size_t n, const json_t *o, const char *key, const char *def)
{
    const char *v = json_string_value(json_object_get(o, key));
    snprintf(dst, n, "%s", v && *v ? v : def);
}

/* Fills t from a task object of a POST; NULL, or the 40501 message. */
static const char *task_from_json(struct dfs_task *t, const json_t *o, const char *se, int maps,
                                  int day)
{
    memset(t, 0, sizeof *t);
    snprintf(t->se, sizeof t->se, "%s", se);
    t->maps = maps;
    t->day = day;
    const char *kw = json_string_value(json_object_get(o, "keyword"));
    if (!kw || !*kw)
        return "Invalid Field: 'keyword'.";
    snprintf(t->keyword, sizeof t->keyword, "%s", kw);
    copy_str(t->lang, sizeof t->lang, o, "language_code", "en");
    copy_str(t->device, sizeof t->device, o, "device", "desktop");
    copy_str(t->tag, sizeof t->tag, o, "tag", "");
    const json_t *d = json_object_get(o, "depth");
    t->depth = json_is_integer(d) ? (int)json_integer_value(d) : maps ? 20 : 100;
    if (t->depth < 1 || t->depth > 700)
        return "Invalid Field: 'depth'.";
    if (maps) {
        copy_str(t->coord, sizeof t->coord, o, "location_coordinate", "");
        char ll[80];
        struct sim_point pt;
        snprintf(ll, sizeof ll, "@%s", t->coord);
        if (!t->coord[0] || sim_ll_parse(ll, &pt) < 0)
            return "Invalid Field: 'location_coordinate'.";
        return NULL;
    }
    copy_str(t->loc_name, sizeof t->loc_name, o, "location_name", "");
    const json_t *c = json_object_get(o, "location_code");
    if (!t->loc_name[0]) {
        if (!json_is_integer(c) || !code_cc((int)json_integer_value(c)))
            return "Invalid Field: 'location_code'.";
        t->loc_code = (int)json_integer_value(c);
    }
    return NULL;
}

/* The deterministic, UUID-like id of the seq-th task posted. */
static void make_id(char *id, size_t n, unsigned long long seq, const struct dfs_task *t)
{
    unsigned long long h = sim_hash(t->keyword, seq);
    snprintf(id, n, "%08d-%04llu-0139-0000-%012llx", 12000000 + t->day % 1000000, seq % 10000,
             h & 0xffffffffffffULL);
}

/* "/v3/serp/{se}/{type}/{fn...}": se, maps and fn; -1 for another path. */
static int split_path(const char *path, char *se, size_t nse, int *maps, const char **fn)
{
    if (strncmp(path, "/v3/serp/", 9) != 0)
        return -1;
    const char *p = path + 9;
    if (strncmp(p, "google/", 7) == 0) {
        snprintf(se, nse, "google");
        p += 7;
    } else if (strncmp(p, "bing/", 5) == 0) {
        snprintf(se, nse, "bing");
        p += 5;
    } else {
        return -1;
    }
    if (strncmp(p, "organic/", 8) == 0) {
        *maps = 0;
        p += 8;
    } else if (strncmp(p, "maps/", 5) == 0 && strcmp(se, "google") == 0) {
        *maps = 1;
        p += 5;
    } else {
        return -1;
    }
    *fn = p;
    return 0;
}

/* --- endpoints ------------------------------------------------------------------ */

/* The POST body as an array of task objects; NULL after answering. */
static json_t *post_tasks(const struct sim_api_req *rq, struct sim_api_reply *out, size_t max)
{
    json_error_t jerr;
    json_t *arr = rq->body ? json_loadb(rq->body, rq->body_len, 0, &jerr) : NULL;
    if (!json_is_array(arr) || json_array_size(arr) == 0) {
        json_decref(arr);
        fail(out, 200, 40503, "POST Data Is Invalid.");
        return NULL;
    }
    if (json_array_size(arr) > max) {
        json_decref(arr);
        if (max == 1)
            fail(out, 200, 40000, "You can set only one task at a time.");
        else
            fail(out, 200, 40006, "You can set only 100 tasks at a time.");
        return NULL;
    }
    return arr;
}

/* A task-level error in a tasks array. */
static void task_error(struct buf *b, const char *id, int code, const char *msg, const char *se,
                       int maps, const char *fn)
{
    buf_add(b, "{\"id\":");
    buf_json(b, id);
    buf_printf(b, ",\"status_code\":%d,\"status_message\":", code);
    buf_json(b, msg);
    buf_add(b, ",\"time\":\"0.0010 sec.\",\"cost\":0,\"result_count\":0,");
    path_json(b, se, maps ? "maps" : "organic", fn, NULL);
    buf_add(b, ",\"data\":{\"api\":\"serp\",\"function\":");
    buf_json(b, fn);
    buf_add(b, ",\"se\":");
    buf_json(b, se);
    buf_printf(b, ",\"se_type\":\"%s\"},\"result\":null}", maps ? "maps" : "organic");
}

static void task_post(const struct sim_api_req *rq, struct sim_api_reply *out, const char *se,
                      int maps)
{
    json_t *arr = post_tasks(rq, out, DFS_MAX_TASKS);
    if (!arr)
        return;
    size_t n = json_array_size(arr);
    int nerr = 0;
    struct buf tb = {0};
    pthread_mutex_lock(&dfs_lock);
    for (size_t i = 0; i < n; i++) {
        struct dfs_task t;
        const char *why = task_from_json(&t, json_array_get(arr, i), se, maps, rq->day);
        make_id(t.id, sizeof t.id, ++dfs_seq, &t);
        buf_add(&tb, i ? "," : "");
        if (why) {
            nerr++;
            task_error(&tb, t.id, 40501, why, se, maps, "task_post");
            continue;
        }
        t.poll0 = n_polls;
        if (dfs_n == dfs_cap) {
            size_t cap = dfs_cap ? dfs_cap * 2 : 64;
            struct dfs_task *v = realloc(dfs_tasks, cap * sizeof *v);
            if (!v) {
                nerr++;
                task_error(&tb, t.id, 50000, "Internal Error.", se, maps, "task_post");
                continue;
            }
            dfs_tasks = v;
            dfs_cap = cap;
        }
        dfs_tasks[dfs_n++] = t;
        n_posted++;
        buf_add(&tb, "{\"id\":");
        buf_json(&tb, t.id);
        buf_add(&tb, ",\"status_code\":20100,\"status_message\":\"Task Created.\","
                     "\"time\":\"0.0050 sec.\",\"cost\":0.0006,\"result_count\":0,");
        path_json(&tb, se, maps ? "maps" : "organic", "task_post", NULL);
        buf_add(&tb, ",");
        data_json(&tb, &t, "task_post");
        buf_add(&tb, ",\"result\":null}");
    }
    pthread_mutex_unlock(&dfs_lock);
    json_decref(arr);
    out->status = 200;
    head(&out->body, 20000, "Ok.", (int)n, nerr, (int)n - nerr);
    buf_add(&out->body, "[");
    buf_add(&out->body, tb.p ? tb.p : "");
    buf_add(&out->body, "]}\n");
    buf_free(&tb);
}

static void tasks_ready(struct sim_api_reply *out, const char *se, int maps)
{
    struct buf rb = {0};
    int k = 0;
    pthread_mutex_lock(&dfs_lock);
    n_polls++;
    n_ready_polls++;
    for (size_t i = 0; i < dfs_n && k < 1000; i++) {
        const struct dfs_task *t = &dfs_tasks[i];
        if (t->collected || t->maps != maps || strcmp(t->se, se) != 0 ||
            n_polls - t->poll0 < dfs_ready_after)
            continue;
        buf_add(&rb, k++ ? ",{\"id\":" : "{\"id\":");
        buf_json(&rb, t->id);
        buf_add(&rb, ",\"se\":");
        buf_json(&rb, se);
        buf_printf(&rb, ",\"se_type\":\"%s\",\"date_posted\":\"2026-12-01 08:00:00 +00:00\",\"tag\":",
                   maps ? "maps" : "organic");
        buf_json(&rb, t->tag);
        buf_printf(&rb, ",\"endpoint_regular\":");
        if (maps) {
            buf_add(&rb, "null");
        } else {
            buf_printf(&rb, "\"/v3/serp/%s/organic/task_get/regular/", se);
            buf_add(&rb, t->id);
            buf_add(&rb, "\"");
        }
        buf_printf(&rb, ",\"endpoint_advanced\":\"/v3/serp/%s/%s/task_get/advanced/", se,
                   maps ? "maps" : "organic");
        buf_add(&rb, t->id);
        buf_add(&rb, "\",\"endpoint_html\":null}");
    }
    pthread_mutex_unlock(&dfs_lock);
    out->status = 200;
    head(&out->body, 20000, "Ok.", 1, 0, 0);
    struct dfs_task meta;
    memset(&meta, 0, sizeof meta);
    char id[40];
    make_id(id, sizeof id, 0, &meta);
    buf_add(&out->body, "[{\"id\":");
    buf_json(&out->body, id);
    buf_printf(&out->body, ",\"status_code\":20000,\"status_message\":\"Ok.\",\"time\":\"0.0100 "
                           "sec.\",\"cost\":0,\"result_count\":%d,",
               k);
    path_json(&out->body, se, maps ? "maps" : "organic", "tasks_ready", NULL);
    buf_printf(&out->body, ",\"data\":{\"api\":\"serp\",\"function\":\"tasks_ready\",\"se\":\"%s\","
                           "\"se_type\":\"%s\"},\"result\":[",
               se, maps ? "maps" : "organic");
    buf_add(&out->body, rb.p ? rb.p : "");
    buf_add(&out->body, "]}]}\n");
    buf_free(&rb);
}

static void task_get(const struct sim_api_req *rq, struct sim_api_reply *out, const char *se,
                     int maps, const char *fn)
{
    const char *id = strrchr(fn, '/') + 1;
    char kind[32];
    snprintf(kind, sizeof kind, "%.*s", (int)(id - 1 - fn), fn);
    int captcha = rq->fault && strcmp(rq->fault, "captcha") == 0;
    struct dfs_task t;
    int found = 0, ready = 0;
    pthread_mutex_lock(&dfs_lock);
    n_gets++;
    for (size_t i = 0; i < dfs_n && !found; i++) {
        struct dfs_task *v = &dfs_tasks[i];
        if (strcmp(v->id, id) != 0 || v->maps != maps || strcmp(v->se, se) != 0)
            continue;
        found = 1;
        ready = n_polls - v->poll0 >= dfs_ready_after;
        if (ready && !captcha) {
            /* a 40101 leaves it listed: the drawn fault is this request's */
            v->collected = 1;
            n_collected++;
        } else if (!ready) {
            n_not_ready++;
        }
        t = *v;
    }
    pthread_mutex_unlock(&dfs_lock);
    out->status = 200;
    int ok = found && ready;
    head(&out->body, 20000, "Ok.", 1, ok && !captcha ? 0 : 1, 0);
    buf_add(&out->body, "[");
    if (!found)
        task_error(&out->body, id, 40400, "Not Found.", se, maps, kind);
    else if (!ready)
        task_error(&out->body, id, 40602, "Task In Queue.", se, maps, kind);
    else
        result_task(&out->body, &t, kind, captcha);
    buf_add(&out->body, "]}\n");
}

static void live(const struct sim_api_req *rq, struct sim_api_reply *out, const char *se, int maps,
                 const char *fn)
{
    json_t *arr = post_tasks(rq, out, 1);
    if (!arr)
        return;
    struct dfs_task t;
    const char *why = task_from_json(&t, json_array_get(arr, 0), se, maps, rq->day);
    json_decref(arr);
    pthread_mutex_lock(&dfs_lock);
    make_id(t.id, sizeof t.id, ++dfs_seq, &t);
    if (!why)
        n_live++;
    pthread_mutex_unlock(&dfs_lock);
    out->status = 200;
    head(&out->body, 20000, "Ok.", 1, why ? 1 : 0, why ? 0 : 1);
    buf_add(&out->body, "[");
    if (why)
        task_error(&out->body, t.id, 40501, why, se, maps, fn);
    else
        result_task(&out->body, &t, fn, rq->fault && strcmp(rq->fault, "captcha") == 0);
    buf_add(&out->body, "]}\n");
}

void sim_dataforseo(const struct sim_api_req *rq, struct sim_api_reply *out)
{
    char se[8];
    int maps;
    const char *fn;
    int post = rq->method && strcmp(rq->method, "POST") == 0;
    if (split_path(rq->path, se, sizeof se, &maps, &fn) < 0) {
        fail(out, 404, 40400, "Not Found.");
        return;
    }
    if (refuse(rq, out))
        return;
    const char *get = maps ? "task_get/advanced/" : "task_get/regular/";
    if (post && strcmp(fn, "task_post") == 0)
        task_post(rq, out, se, maps);
    else if (!post && strcmp(fn, "tasks_ready") == 0)
        tasks_ready(out, se, maps);
    else if (!post && (strncmp(fn, get, strlen(get)) == 0 ||
                       (!maps && strncmp(fn, "task_get/advanced/", 18) == 0)) &&
             strchr(fn + 9, '/')[1])
        task_get(rq, out, se, maps, fn);
    else if (post && strcmp(fn, maps ? "live/advanced" : "live/regular") == 0)
        live(rq, out, se, maps, fn);
    else
        fail(out, 404, 40400, "Not Found.");
}

void sim_dataforseo_stats(struct buf *b)
{
    pthread_mutex_lock(&dfs_lock);
    buf_printf(b, ",\"dataforseo\":{\"posted\":%lld,\"live\":%lld,\"collected\":%lld,"
                  "\"ready_polls\":%lld,\"not_ready\":%lld,\"gets\":%lld,\"queued\":%lld}",
               n_posted, n_live, n_collected, n_ready_polls, n_not_ready, n_gets,
               (long long)dfs_n);
    pthread_mutex_unlock(&dfs_lock);
}

/* Counters only: posted tasks stay in the queue (a client resuming after
 * a crash still finds them). */
void sim_dataforseo_reset(void)
{
    pthread_mutex_lock(&dfs_lock);
    n_posted = n_live = n_collected = n_ready_polls = n_not_ready = n_gets = 0;
    /* n_polls is the queue's clock: tasks count polls from their own poll0. */
    pthread_mutex_unlock(&dfs_lock);
}

int sim_dataforseo_control(const struct params *p, struct buf *b)
{
    const char *v = params_get(p, "ready_after");
    if (v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || end == v || n < 0 || n > 1000) {
            buf_add(b, "bad ready_after: want 0..1000\n");
            return 400;
        }
        pthread_mutex_lock(&dfs_lock);
        dfs_ready_after = (int)n;
        pthread_mutex_unlock(&dfs_lock);
    }
    pthread_mutex_lock(&dfs_lock);
    buf_printf(b, "ready_after=%d\n", dfs_ready_after);
    pthread_mutex_unlock(&dfs_lock);
    return 200;
}
