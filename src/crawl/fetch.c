/* fetch.c - the fetcher: a libcurl multi loop that runs requests
 * concurrently under the politeness rules (per engine and per proxy a
 * minimum delay plus jitter, a concurrency cap, exponential cool-down after
 * blocks), retries transient failures with capped exponential backoff,
 * rotates and benches proxies, and caps bodies on their decompressed size.
 * Requests come from a feed so the keyword pipeline can add next pages as
 * earlier ones complete (crawl_fetch feeds a fixed array). This file sets
 * the crawler up and runs one transfer; loop.c drives the multi loop. */
#include <ctype.h>
#include <curl/curl.h>
#include <math.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crawl.h"
#include "crawl_int.h"
#include "fetch_int.h"
#include "url.h"
#include "util.h"


/* Realistic current browser identities; config user_agent overrides. */
static const char *const ua_desktop[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
};
static const char *const ua_mobile[] = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.81 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.81 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
};

double crawl_rnd(struct crawl *c) /* [0, 1) */
{
    /* xorshift64*: pacing jitter and UA choice need no crypto quality */
    c->rng ^= c->rng >> 12;
    c->rng ^= c->rng << 25;
    c->rng ^= c->rng >> 27;
    return (double)((c->rng * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static size_t n_lanes(const struct crawl *c)
{
    return c->n_proxies ? c->n_proxies : 1;
}

struct crawl_lane *crawl_lane_at(struct crawl *c, int engine, int proxy)
{
    if (engine < 0 || engine >= CRAWL_N_ENGINES)
        engine = 0;
    return &c->lanes[(size_t)engine * n_lanes(c) + (size_t)(proxy < 0 ? 0 : proxy)];
}

/* --- set-up ---------------------------------------------------------------- */

/* A loopback base_url means the simulator: no politeness delay by default. */
static void register_proxy_secret(const char *url)
{
    CURLU *u = curl_url();
    char *pw = NULL, *user = NULL;
    /* GUESS_SCHEME: "user:PASS@host:3128" (no scheme) must register PASS
     * too, since it is printed in the error that refuses it. */
    if (u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME | CURLU_GUESS_SCHEME) ==
                 CURLUE_OK) {
        if (curl_url_get(u, CURLUPART_PASSWORD, &pw, 0) == CURLUE_OK)
            util_register_secret(pw);
        if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK)
            util_register_secret(user);
    }
    curl_free(pw);
    curl_free(user);
    curl_url_cleanup(u);
}

static int add_proxies(struct crawl *c, const char *list)
{
    char *copy = xstrdup(list), *save = NULL;
    for (char *tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
        register_proxy_secret(tok);
        /* Schemes are case-insensitive (curl takes HTTP://); stored
         * lower-case so every libcurl version reads the proxy type. */
        static const char *const schemes[] = {"http://", "https://", "socks5://", "socks5h://",
                                              "socks4://", "socks4a://"};
        int known = 0;
        for (size_t i = 0; i < ARRAY_SIZE(schemes) && !known; i++)
            if (strncasecmp(tok, schemes[i], strlen(schemes[i])) == 0) {
                known = 1;
                for (size_t j = 0; j < strlen(schemes[i]); j++)
                    tok[j] = (char)tolower((unsigned char)tok[j]);
            }
        if (!known) {
            char *shown = url_redact(tok);
            error("[crawl] proxies: '%s' is not an http://, https:// or socks5:// URL", shown);
            free(shown);
            free(copy);
            return -1;
        }
        c->proxies = xrealloc(c->proxies, (c->n_proxies + 1) * sizeof *c->proxies);
        c->proxies[c->n_proxies].url = xstrdup(tok);
        c->proxies[c->n_proxies].fails = 0;
        c->proxies[c->n_proxies].bench_until = 0;
        c->n_proxies++;
    }
    free(copy);
    return 0;
}

static int global_init_done;

int crawl_new(const struct config *cfg, struct crawl **out)
{
    *out = NULL;
    if (!global_init_done) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return error("crawl: cannot initialise libcurl");
        global_init_done = 1;
    }
    struct crawl *c = xcalloc(1, sizeof *c);
    const struct config_crawl *s = &cfg->crawl;
    c->concurrency = (int)s->concurrency;
    c->timeout_ms = (long)s->timeout_ms;
    c->connect_timeout_ms = (long)s->connect_timeout_ms;
    c->max_body = (size_t)s->max_body_kb * 1024;
    c->max_redirects = (long)s->max_redirects;
    c->max_attempts = (int)s->max_attempts;
    c->retries_left = c->max_retries = s->max_retries_per_run;
    c->retry_base = (double)s->retry_base_ms / 1000;
    c->retry_max = (double)s->retry_max_ms / 1000;
    c->cool_base = (double)s->block_cooldown_ms / 1000;
    c->cool_max = (double)s->block_cooldown_max_ms / 1000;
    c->give_up = (double)s->block_give_up_ms / 1000;
    c->bench_after = (int)s->proxy_bench_after;
    c->bench_for = (double)s->proxy_bench_ms / 1000;
    c->budget = -1;
    c->user_agent = s->user_agent ? xstrdup(s->user_agent) : NULL;
    c->rng = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32) ^
             0x9e3779b97f4a7c15ULL;
    if (s->proxies && add_proxies(c, s->proxies) != 0) {
        crawl_free(c);
        return -1;
    }
    for (int e = 1; e < CRAWL_N_ENGINES; e++) {
        const struct config_engine *ec = &cfg->engine[e];
        c->eng[e].min_delay = (double)ec->min_delay_ms / 1000;
        c->eng[e].jitter = (double)ec->jitter_ms / 1000;
        c->eng[e].concurrency = (int)ec->concurrency;
        c->eng[e].user_agent = ec->user_agent ? xstrdup(ec->user_agent) : NULL;
        if (ec->api_key)
            util_register_secret(ec->api_key);
    }
    c->lanes = xcalloc(CRAWL_N_ENGINES * n_lanes(c), sizeof *c->lanes);
    c->multi = curl_multi_init();
    if (!c->multi) {
        crawl_free(c);
        return error("crawl: cannot create a libcurl multi handle");
    }
    *out = c;
    return 0;
}

void crawl_free(struct crawl *c)
{
    if (!c)
        return;
    if (c->multi)
        curl_multi_cleanup(c->multi);
    for (size_t i = 0; i < c->n_proxies; i++)
        free(c->proxies[i].url);
    free(c->proxies);
    for (int e = 0; e < CRAWL_N_ENGINES; e++)
        free(c->eng[e].user_agent);
    free(c->lanes);
    free(c->user_agent);
    free(c);
}

void crawl_set_concurrency(struct crawl *c, int n)
{
    if (n > 0)
        c->concurrency = n;
}

void crawl_set_budget(struct crawl *c, long long n)
{
    c->budget = n < 0 ? -1 : c->spent + n;
}

void crawl_on_request(struct crawl *c, void (*fn)(const struct crawl_req *r, void *arg),
                      void *arg)
{
    c->on_request = fn;
    c->on_request_arg = arg;
}

long long crawl_requests(const struct crawl *c)
{
    return c->spent;
}

void crawl_new_round(struct crawl *c)
{
    c->retries_left = c->max_retries;
    memset(c->lanes, 0, CRAWL_N_ENGINES * n_lanes(c) * sizeof *c->lanes);
    for (size_t i = 0; i < c->n_proxies; i++) {
        c->proxies[i].fails = 0;
        c->proxies[i].bench_until = 0;
    }
}

int crawl_budget_left(const struct crawl *c)
{
    return c->budget < 0 || c->spent < c->budget;
}

void crawl_req_release(struct crawl_req *r)
{
    free(r->body);
    free(r->error);
    r->body = r->error = NULL;
    r->err = CRAWL_OK;
    r->len = 0;
}

/* --- blocks, backoff, proxies ------------------------------------------------ */

double crawl_cooldown_secs(double base, double max, int blocks)
{
    if (blocks <= 0)
        return 0;
    double d = base * pow(2.0, blocks > 30 ? 30 : blocks - 1);
    return d > max ? max : d;
}

double crawl_backoff_secs(double base, double max, int attempt, double u)
{
    /* attempt 1 waits about base, then doubling; "equal jitter" keeps at
     * least half the delay so a retry never fires immediately */
    double d = base * pow(2.0, attempt > 30 ? 30 : attempt - 1);
    if (d > max)
        d = max;
    return d / 2 + d / 2 * u;
}

static void note_block(struct crawl *c, int engine, int proxy, double retry_after)
{
    struct crawl_lane *l = crawl_lane_at(c, engine, proxy);
    l->blocks++;
    double cool = crawl_cooldown_secs(c->cool_base, c->cool_max, l->blocks);
    if (retry_after > cool)
        cool = retry_after > c->cool_max ? c->cool_max : retry_after;
    double until = util_mono() + cool;
    if (until > l->cool_until)
        l->cool_until = until;
    info("%s%s blocked (%d in a row): cooling down %.1f s", serp_engine_name(engine),
         proxy >= 0 ? " via proxy" : "", l->blocks, cool);
}

void crawl_note_block(struct crawl *c, const struct crawl_req *r)
{
    note_block(c, (int)r->engine, r->proxy, 0);
}

/* Which proxy a request to engine e can use now: rotates through the
 * list, skipping benched proxies and lanes still waiting. -1 = no proxy
 * configured; -2 = none usable now. */
int crawl_pick_proxy(struct crawl *c, int e, double now)
{
    if (!c->n_proxies)
        return crawl_lane_at(c, e, -1)->next_at <= now && crawl_lane_at(c, e, -1)->cool_until <= now ? -1 : -2;
    for (size_t i = 0; i < c->n_proxies; i++) {
        size_t p = (c->next_proxy + i) % c->n_proxies;
        struct crawl_lane *l = crawl_lane_at(c, e, (int)p);
        if (c->proxies[p].bench_until <= now && l->next_at <= now && l->cool_until <= now) {
            c->next_proxy = p + 1;
            return (int)p;
        }
    }
    return -2;
}

/* Earliest time a request to engine e could start, for the poll timeout. */
double crawl_engine_ready_at(struct crawl *c, int e)
{
    double best = -1;
    for (size_t p = 0; p < n_lanes(c); p++) {
        struct crawl_lane *l = &c->lanes[(size_t)e * n_lanes(c) + p];
        double t = l->next_at > l->cool_until ? l->next_at : l->cool_until;
        if (c->n_proxies && c->proxies[p].bench_until > t)
            t = c->proxies[p].bench_until;
        if (best < 0 || t < best)
            best = t;
    }
    return best;
}

/* 1 when every lane of engine e cools down past the give-up horizon: the
 * engine is blocking us and the run must not keep knocking. */
int crawl_engine_gave_up(struct crawl *c, int e, double now)
{
    for (size_t p = 0; p < n_lanes(c); p++) {
        struct crawl_lane *l = &c->lanes[(size_t)e * n_lanes(c) + p];
        if (l->cool_until - now <= c->give_up)
            return 0;
    }
    return 1;
}

/* --- one transfer ------------------------------------------------------------ */

static size_t on_write(char *data, size_t size, size_t nmemb, void *arg)
{
    struct crawl_xfer *x = arg;
    size_t n = size * nmemb;
    /* Counted after decompression, so a gzip bomb stops at the cap too. */
    if (x->body.len + n > x->r_cap) {
        x->too_large = 1;
        return 0;
    }
    sb_add(&x->body, data, n);
    return n;
}

static char *accept_language(const char *lang)
{
    if (!lang || !*lang || util_strcaseeq(lang, "en"))
        return xstrdup("Accept-Language: en-US,en;q=0.9");
    /* Only letters, digits and '-' pass: the value goes into a header. */
    char clean[16];
    size_t n = 0;
    for (const char *p = lang; *p && n < sizeof clean - 1; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-')
            clean[n++] = *p;
    clean[n] = '\0';
    if (!n)
        return xstrdup("Accept-Language: en-US,en;q=0.9");
    return xasprintf("Accept-Language: %s,%s;q=0.9,en;q=0.5", clean, clean);
}

static const char *user_agent(struct crawl *c, const struct crawl_req *r)
{
    int e = (int)r->engine;
    if (e > 0 && e < CRAWL_N_ENGINES && c->eng[e].user_agent)
        return c->eng[e].user_agent;
    if (c->user_agent)
        return c->user_agent;
    size_t nm = ARRAY_SIZE(ua_mobile), nd = ARRAY_SIZE(ua_desktop);
    if (r->device && strcmp(r->device, "mobile") == 0)
        return ua_mobile[(size_t)(crawl_rnd(c) * (double)nm) % nm];
    return ua_desktop[(size_t)(crawl_rnd(c) * (double)nd) % nd];
}

struct crawl_xfer *crawl_xfer_start(struct crawl *c, struct crawl_req *r, int proxy)
{
    struct crawl_xfer *x = xcalloc(1, sizeof *x);
    x->r = r;
    x->r_cap = c->max_body;
    x->h = curl_easy_init();
    if (!x->h) {
        free(x);
        return NULL;
    }
    CURL *h = x->h;
    char *al = accept_language(r->lang);
    x->hdrs = curl_slist_append(x->hdrs, al);
    free(al);
    x->hdrs = curl_slist_append(x->hdrs, "Accept: text/html,application/xhtml+xml,application/"
                                         "xml;q=0.9,application/json;q=0.8,*/*;q=0.7");
    if (r->post) {
        /* A provider's JSON request; libcurl copies the body once here, so
         * a retry sends the same bytes again. */
        x->hdrs = curl_slist_append(x->hdrs, "Content-Type: application/json");
        curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, r->post);
    }
    if (r->header)
        x->hdrs = curl_slist_append(x->hdrs, r->header);
    if (r->userpwd) {
        /* Basic auth goes to this host only: a redirect elsewhere does not
         * carry the credentials (CURLOPT_UNRESTRICTED_AUTH stays off). */
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(h, CURLOPT_USERPWD, r->userpwd);
    }
    curl_easy_setopt(h, CURLOPT_URL, r->url);
    curl_easy_setopt(h, CURLOPT_PRIVATE, x);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, c->max_redirects);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent(c, r));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->hdrs);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_body);
    if (proxy >= 0)
        curl_easy_setopt(h, CURLOPT_PROXY, c->proxies[proxy].url);
    else
        curl_easy_setopt(h, CURLOPT_PROXY, ""); /* ignore *_proxy env: config decides */
    r->proxy = proxy;
    r->attempts++;
    c->spent++;
    if (curl_multi_add_handle(c->multi, h) != CURLM_OK) {
        curl_slist_free_all(x->hdrs);
        curl_easy_cleanup(h);
        free(x);
        return NULL;
    }
    if (c->on_request)
        c->on_request(r, c->on_request_arg);
    return x;
}

void crawl_xfer_free(struct crawl *c, struct crawl_xfer *x)
{
    curl_multi_remove_handle(c->multi, x->h);
    curl_easy_cleanup(x->h);
    curl_slist_free_all(x->hdrs);
    sb_release(&x->body);
    free(x);
}

/* Sets r's outcome; its text is built from the enum and detail in one
 * place (crawl_err_text), masked as every message is. */
void crawl_set_error(struct crawl_req *r, enum crawl_err e, const char *detail)
{
    char *msg = crawl_err_text(e, detail);
    if (msg)
        util_mask_secrets(msg);
    free(r->error);
    r->error = msg;
    r->err = e;
}

static void set_http_error(struct crawl_req *r, long status)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", status);
    crawl_set_error(r, CRAWL_HTTP, num);
}

static int transient_curl(CURLcode rc)
{
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
        return 1;
    default:
        return 0;
    }
}

/* Classifies a finished transfer, fills r, and says whether to retry. */
enum crawl_outcome crawl_xfer_finish(struct crawl *c, struct crawl_xfer *x, CURLcode rc)
{
    struct crawl_req *r = x->r;
    long status = 0;
    curl_off_t retry_after = 0;
    curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(x->h, CURLINFO_RETRY_AFTER, &retry_after);
    free(r->body);
    r->body = NULL;
    r->len = 0;
    free(r->error);
    r->error = NULL;
    r->err = CRAWL_OK;
    r->http_status = (int)status;
    int transient = 0;
    int e = (int)r->engine;

    if (x->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
        crawl_set_error(r, CRAWL_TOO_LARGE, NULL);
    } else if (rc != CURLE_OK) {
        r->http_status = 0;
        if (rc == CURLE_OPERATION_TIMEDOUT)
            crawl_set_error(r, CRAWL_TIMEOUT, NULL);
        else
            crawl_set_error(r, CRAWL_CONNECT, x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
        transient = transient_curl(rc);
        if (r->proxy >= 0) {
            struct crawl_proxy *p = &c->proxies[r->proxy];
            if (++p->fails >= c->bench_after) {
                p->bench_until = util_mono() + c->bench_for;
                p->fails = 0;
                warn("crawl: proxy %d benched for %.0f s after repeated failures", r->proxy + 1,
                     c->bench_for);
            }
        }
    } else {
        if (r->proxy >= 0)
            c->proxies[r->proxy].fails = 0;
        /* Keep the body for every answer: block pages and API error
         * messages are in it. */
        r->len = x->body.len;
        r->body = x->body.buf ? sb_detach(&x->body) : xstrdup("");
        if (status == 429 || status == 503) {
            set_http_error(r, status);
            note_block(c, e, r->proxy, (double)retry_after);
        } else if (status >= 500) {
            set_http_error(r, status);
            transient = 1;
        } else if (status >= 400) {
            set_http_error(r, status);
        } else {
            crawl_lane_at(c, e, r->proxy)->blocks = 0;
        }
    }
    if (transient && r->attempts < c->max_attempts && c->retries_left > 0 &&
        crawl_budget_left(c)) {
        c->retries_left--;
        info("retrying %s request (%s), attempt %d", serp_engine_name(r->engine), r->error,
             r->attempts + 1);
        return CRAWL_RETRY;
    }
    return CRAWL_DONE;
}
