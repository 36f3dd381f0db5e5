/* main.c - serpsim: the SERP simulator's HTTP server (libmicrohttpd, one
 * thread per connection so injected latency never serialises requests).
 * Routes engine pages, provider APIs and suggest endpoints, injects faults,
 * and serves the /_sim/ control and alert-receiver endpoints. The day it
 * simulates is only ever set through /_sim/day, never by what clients send.
 *
 *   serpsim [--port N] [--latency-ms N] [--fault KIND:RATE]... [--seed N]
 *           [--smtp-port N] [--page1-organic N[:QUERY]] [--fault-min-page N]
 */
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "sim.h"
#include "smtp.h"

/* --- shared state --------------------------------------------------------- */
/* The first six are the fixed interface; jsshell (Google's "enable
 * JavaScript" page), consent (its cookie wall), oldbrowser (its "update
 * your browser" page) and empty (a 200 with a blank body) are extras. */
enum fault { F_429, F_CAPTCHA, F_500, F_TRUNC, F_RESET, F_SLOW, F_JSSHELL, F_CONSENT,
             F_OLDBROWSER, F_EMPTY, F_N };
static const char *fault_names[F_N] = {"429", "captcha", "500", "truncated", "reset", "slow",
                                       "jsshell", "consent", "oldbrowser", "empty"};

enum counter { C_GOOGLE, C_BING, C_DDG, C_FETCH, C_SERP, C_SUGGEST, C_HOOK, C_DFS, C_SERPER, C_N };
static const char *counter_names[C_N] = {"google", "bing", "duckduckgo", "fetch-api", "serp-api",
                                         "suggest", "hook", "dataforseo", "serper"};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t stopping;
static double fault_rate[F_N];
static int latency_ms;
/* --fault-min-page N: faults only hit result pages N and later (1-based),
 * so a check can fail part-way with its first pages served. */
static int fault_min_page = 1;
static uint64_t seed = 1;
static uint64_t reqno;
static int sim_day;
static long long n_requests, n_by[C_N], n_fault[F_N];
#define MAX_HOOKS 1000
static char *hooks[MAX_HOOKS];
static int nhooks;
#define MAX_BODY (1 << 20)

/* --- dates ----------------------------------------------------------------- */
static int days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

static int parse_date(const char *s, int *out)
{
    int y, m, d;
    char tail;
    if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen(s) != 10)
        return -1;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    *out = days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}

static void format_day(int day, char *out, size_t n)
{
    time_t t = (time_t)day * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%d", &tm);
}

/* --- requests -------------------------------------------------------------- */
struct req {
    struct buf body;
    int too_big;
    char *authorization, *api_key; /* headers, owned; NULL when absent */
};

enum stream { S_NONE, S_HUGE, S_ENDLESS, S_GZBOMB };

struct reply {
    int status;
    struct buf body;
    const char *ctype;
    int retry_after;      /* seconds, 0 = no header */
    int reset;            /* close without answering */
    enum stream stream;   /* a generated body instead of `body` */
    const char *location; /* Location header (static) */
};

static void reply_text(struct reply *r, int status, const char *ctype, const char *text)
{
    r->status = status;
    r->ctype = ctype;
    buf_add(&r->body, text);
}

static void reply_json_error(struct reply *r, int status, const char *msg)
{
    r->status = status;
    r->ctype = "application/json";
    buf_add(&r->body, "{\"error\":");
    buf_json(&r->body, msg);
    buf_add(&r->body, "}\n");
}

/* Sleeps ms milliseconds in short slices so shutdown is never held up. */
static void nap(int ms)
{
    while (ms > 0 && !stopping) {
        int step = ms > 50 ? 50 : ms;
        struct timespec ts = {0, (long)step * 1000000L};
        nanosleep(&ts, NULL);
        ms -= step;
    }
}

static void count(enum counter c)
{
    pthread_mutex_lock(&lock);
    n_requests++;
    n_by[c]++;
    pthread_mutex_unlock(&lock);
}

/* Decides which fault (if any) hits this request; deterministic in --seed
 * and the request's sequence number. */
static int pick_fault(void)
{
    pthread_mutex_lock(&lock);
    uint64_t n = ++reqno;
    int f = -1;
    for (int k = 0; k < F_N && f < 0; k++) {
        if (fault_rate[k] <= 0)
            continue;
        double u = sim_unit(sim_hash(fault_names[k], seed * 1000003ULL + n));
        if (u < fault_rate[k])
            f = k;
    }
    if (f >= 0)
        n_fault[f]++;
    pthread_mutex_unlock(&lock);
    return f;
}

static int get_day(void)
{
    pthread_mutex_lock(&lock);
    int d = sim_day;
    pthread_mutex_unlock(&lock);
    return d;
}

/* Parses a non-negative page offset; -1 when malformed. */
static int parse_offset(const char *s, int dflt)
{
    if (!s || !*s)
        return dflt;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0 || v > 100000)
        return -1;
    return (int)v;
}

/* The 1-based result page a request asks for, from the engines' and the
 * serp-api's offset parameters (start, first, s/dc); 1 when absent. */
static int request_page(const struct params *p)
{
    const char *v;
    int off = 0;
    if ((v = params_get(p, "start")) || (v = params_get(p, "s")) || (v = params_get(p, "dc")))
        off = parse_offset(v, 0);
    else if ((v = params_get(p, "first")))
        off = parse_offset(v, 1) - 1;
    return off < 0 ? 1 : off / 10 + 1;
}

void sim_location_name_key(const char *name, char *out, size_t n)
{
    size_t o = 0;
    for (const char *c = name ? name : ""; *c && o + 1 < n; c++) {
        if (*c == ' ' && o > 0 && out[o - 1] == ',')
            continue; /* "Austin, Texas" is "Austin,Texas" */
        out[o++] = *c;
    }
    if (n)
        out[o < n ? o : n - 1] = '\0';
}

/* Location key: the same for a Google uule and the serp-api `location`. */
static void location_key(const char *engine, const struct params *p, char *out, size_t n)
{
    out[0] = '\0';
    const char *v;
    if ((v = params_get(p, "uule")) && sim_uule_decode(v, out, n) == 0)
        return;
    if ((v = params_get(p, "location")) && *v) {
        snprintf(out, n, "%s", v);
        return;
    }
    if (strcmp(engine, "google") == 0)
        v = params_get(p, "gl");
    else if (strcmp(engine, "bing") == 0)
        v = params_get(p, "cc");
    else
        v = params_get(p, "kl");
    snprintf(out, n, "%s", v ? v : "");
}

/* The point a request is made from: Google's uule "a+" form, or the
 * serp-api's `ll`; 0 (pt->set tells whether there is one), or -1 for an
 * `ll` or "a+" uule that does not parse. */
static int request_point(const struct params *p, int as_json, struct sim_point *pt)
{
    memset(pt, 0, sizeof *pt);
    const char *v = params_get(p, "uule");
    if (v && v[0] == 'a' && sim_uule_point(v, pt) < 0)
        return -1;
    if (!pt->set && as_json && (v = params_get(p, "ll")) && sim_ll_parse(v, pt) < 0)
        return -1;
    return 0;
}

/* SerpApi engine=google_maps: the Maps list at `ll` (required). */
static void maps_page(const struct params *p, struct reply *r, int fault)
{
    const char *q = params_get(p, "q");
    const char *type = params_get(p, "type");
    struct sim_point pt;
    if (!q || !*q) {
        reply_json_error(r, 400, "Missing query `q` parameter.");
        return;
    }
    if (type && strcmp(type, "search") != 0) {
        reply_json_error(r, 400, "Unsupported `type` parameter. Only `search` is supported here.");
        return;
    }
    if (!params_get(p, "ll") || sim_ll_parse(params_get(p, "ll"), &pt) < 0) {
        reply_json_error(r, 400, "Invalid `ll` parameter. Expected format: @LATITUDE,LONGITUDE,ZOOMz");
        return;
    }
    if (fault == F_CAPTCHA || fault == F_JSSHELL || fault == F_CONSENT) {
        r->status = 200;
        r->ctype = "application/json";
        buf_add(&r->body, "{\"search_metadata\":{\"status\":\"Error\"},\"error\":\"Google Maps returned a "
                          "CAPTCHA (unusual traffic). Please retry later.\"}\n");
        return;
    }
    struct sim_serp *s = malloc(sizeof *s);
    if (!s) {
        reply_text(r, 500, "text/plain", "out of memory\n");
        return;
    }
    sim_serp_build_at(s, "google", q, "", get_day(), &pt);
    r->status = 200;
    r->ctype = "application/json";
    render_serpapi_maps(&r->body, s, p);
    free(s);
}

/* --page1-organic N[:QUERY]: page 1 holds only N organic results (as when
 * Google fills it with features), and page 2 goes on with result N + 1 at
 * the same start=10, so a client that assumes 10 a page misnumbers it. */
static int page1_organic;
static char page1_query[256]; /* normalised; "" = every query */

static void short_page1(struct sim_serp *s, int offset)
{
    if (page1_organic <= 0 || (page1_query[0] && strcmp(page1_query, s->query) != 0))
        return;
    int d = 10 - page1_organic;
    if (offset == 0) {
        s->page1 = page1_organic;
    } else {
        /* shift right: start=10 then serves result N + 1 */
        if (s->norg > SIM_MAX_ORG - d)
            s->norg = SIM_MAX_ORG - d;
        memmove(&s->org[d], &s->org[0], (size_t)s->norg * sizeof s->org[0]);
        s->norg += d;
    }
}

/* Renders an engine page, or the HTTP error the engine would give. */
static void engine_page(const char *engine, const struct params *p, struct reply *r, int fault, int as_json)
{
    const char *q = params_get(p, "q");
    if (!q && strcmp(engine, "bing") == 0)
        q = params_get(p, "query");
    if (!q || !*q) {
        if (as_json)
            reply_json_error(r, 400, "Missing query `q` parameter.");
        else
            reply_text(r, 400, "text/html; charset=UTF-8", "<html><body>400 Bad Request: missing q</body></html>\n");
        return;
    }
    int offset;
    if (strcmp(engine, "google") == 0 || as_json) {
        offset = parse_offset(params_get(p, "start"), 0);
        if (as_json && strcmp(engine, "google") && params_get(p, "first")) {
            int f = parse_offset(params_get(p, "first"), 1);
            offset = f < 0 ? -1 : f > 0 ? f - 1 : 0;
        }
    } else if (strcmp(engine, "bing") == 0) {
        int f = parse_offset(params_get(p, "first"), 1);
        offset = f < 0 ? -1 : f > 0 ? f - 1 : 0;
    } else {
        offset = parse_offset(params_get(p, "s"), -2);
        if (offset == -2)
            offset = parse_offset(params_get(p, "dc"), 0);
    }
    if (offset < 0) {
        if (as_json)
            reply_json_error(r, 400, "Invalid pagination parameter.");
        else
            reply_text(r, 400, "text/html; charset=UTF-8", "<html><body>400 Bad Request: bad offset</body></html>\n");
        return;
    }
    if (fault == F_CAPTCHA || fault == F_JSSHELL || fault == F_CONSENT || fault == F_OLDBROWSER) {
        if (as_json) {
            r->status = 200;
            r->ctype = "application/json";
            buf_add(&r->body, "{\"search_metadata\":{\"status\":\"Error\"},\"error\":\"");
            buf_add(&r->body, strcmp(engine, "google") == 0 ? "Google" : engine);
            buf_add(&r->body, " returned a CAPTCHA (unusual traffic). Please retry later.\"}\n");
        } else {
            render_block(&r->body, engine, q, fault == F_JSSHELL ? "jsshell" : fault == F_CONSENT ? "consent"
                                              : fault == F_OLDBROWSER ? "oldbrowser" : "captcha",
                         &r->status);
            r->ctype = "text/html; charset=UTF-8";
        }
        return;
    }
    char loc[200];
    struct sim_point pt;
    if (request_point(p, as_json, &pt) < 0) {
        if (as_json)
            reply_json_error(r, 400, "Invalid `ll` parameter. Expected format: @LATITUDE,LONGITUDE,ZOOMz");
        else
            reply_text(r, 400, "text/html; charset=UTF-8", "<html><body>400 Bad Request: bad uule</body></html>\n");
        return;
    }
    location_key(engine, p, loc, sizeof loc);
    if (pt.set) /* the point is the location: providers agree on one ranking */
        loc[0] = '\0';
    struct sim_serp *s = malloc(sizeof *s);
    if (!s) {
        reply_text(r, 500, "text/plain", "out of memory\n");
        return;
    }
    sim_serp_build_at(s, engine, q, loc, get_day(), &pt);
    short_page1(s, offset);
    r->status = 200;
    if (as_json) {
        r->ctype = "application/json";
        render_serpapi(&r->body, s, engine, p, offset);
    } else {
        r->ctype = "text/html; charset=UTF-8";
        if (strcmp(engine, "google") == 0)
            render_google(&r->body, s, p, offset);
        else if (strcmp(engine, "bing") == 0)
            render_bing(&r->body, s, p, offset);
        else
            render_ddg(&r->body, s, p, offset);
    }
    free(s);
}

/* Applies a fault that replaces the whole answer; returns 1 when it did. */
static int apply_fault(int fault, struct reply *r, int json)
{
    switch (fault) {
    case F_429:
        r->retry_after = 2;
        if (json)
            reply_json_error(r, 429, "Too many requests. Please slow down.");
        else
            reply_text(r, 429, "text/html; charset=UTF-8",
                       "<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1>"
                       "<p>We're sorry, but you have sent too many requests to us recently.</p></body></html>\n");
        return 1;
    case F_500:
        if (json)
            reply_json_error(r, 500, "Internal server error.");
        else
            reply_text(r, 500, "text/html; charset=UTF-8",
                       "<html><head><title>500 Server Error</title></head><body><h1>Server Error</h1>"
                       "<p>The server encountered a temporary error and could not complete your request.</p>"
                       "</body></html>\n");
        return 1;
    case F_RESET:
        r->reset = 1;
        return 1;
    case F_EMPTY:
        reply_text(r, 200, json ? "application/json" : "text/html; charset=UTF-8", "\n");
        return 1;
    default:
        return 0;
    }
}

static void truncate_body(struct reply *r)
{
    if (r->status == 200 && r->body.len > 2) {
        r->body.len /= 2;
        r->body.p[r->body.len] = '\0';
    }
}

/* Maps a real engine URL (or a simulator URL) onto an engine and params. */
static const char *engine_from_url(const char *url, struct params *p)
{
    const char *s = strstr(url, "://");
    s = s ? s + 3 : url;
    const char *path = strchr(s, '/');
    if (!path)
        return NULL;
    char host[256];
    snprintf(host, sizeof host, "%.*s", (int)(path - s) < 255 ? (int)(path - s) : 255, s);
    const char *qm = strchr(path, '?');
    size_t plen = qm ? (size_t)(qm - path) : strlen(path);
    char pth[256];
    snprintf(pth, sizeof pth, "%.*s", plen < 255 ? (int)plen : 255, path);
    if (qm)
        params_parse(p, qm + 1, strlen(qm + 1));
    if ((strstr(host, "google.") && strcmp(pth, "/search") == 0) || strcmp(pth, "/google/search") == 0)
        return "google";
    if ((strstr(host, "bing.com") && strcmp(pth, "/search") == 0) || strcmp(pth, "/bing/search") == 0)
        return "bing";
    if ((strstr(host, "duckduckgo.com") && (strcmp(pth, "/html/") == 0 || strcmp(pth, "/html") == 0)) ||
        strcmp(pth, "/duckduckgo/html/") == 0 || strcmp(pth, "/duckduckgo/html") == 0)
        return "duckduckgo";
    return NULL;
}

/* --- hostile-response triggers ----------------------------------------------
 * A query containing one of these words gets a response meant to hurt the
 * client, for serptrack's hardening tests; ordinary queries never do. */
#define HUGE_BYTES (60LL * 1024 * 1024)
#define BOMB_BYTES (256LL * 1024 * 1024)

static int hostile_trigger(const char *q, struct reply *r)
{
    if (!q || !strstr(q, "serpsim-"))
        return 0;
    if (strstr(q, "serpsim-huge")) {          /* 60 MB of result-like markup */
        r->stream = S_HUGE;
    } else if (strstr(q, "serpsim-endless")) { /* a few bytes every 500 ms, forever */
        r->stream = S_ENDLESS;
    } else if (strstr(q, "serpsim-gzip-bomb")) { /* ~250 KB that inflates to 256 MB */
        r->stream = S_GZBOMB;
    } else if (strstr(q, "serpsim-redirect-file")) {
        r->location = "file:///etc/passwd";
    } else if (strstr(q, "serpsim-redirect-host")) {
        r->location = "http://elsewhere.invalid/search?q=x";
    } else if (strstr(q, "serpsim-redirect-loop")) {
        r->location = "/google/search?q=serpsim-redirect-loop";
    } else {
        return 0;
    }
    r->status = r->location ? 302 : 200;
    r->ctype = "text/html; charset=UTF-8";
    return 1;
}

static pthread_once_t bomb_once = PTHREAD_ONCE_INIT;
static unsigned char *bomb;
static size_t bomb_len;

/* Builds a gzip member of BOMB_BYTES zeros cheaply: after a full flush a
 * deflate block of zeros depends on nothing before it, so one 1 MiB block
 * is compressed once and repeated, then the trailer is rewritten with the
 * CRC and size of the whole. */
static void bomb_make(void)
{
    static unsigned char zeros[1 << 20];
    unsigned char *head = malloc(1 << 16), *blk = malloc(1 << 16), *tail = malloc(64);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (!head || !blk || !tail || deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        goto out;
    size_t nh, nb, nt;
    z.next_in = zeros;
    z.avail_in = sizeof zeros;
    z.next_out = head;
    z.avail_out = 1 << 16;
    if (deflate(&z, Z_FULL_FLUSH) != Z_OK || z.avail_in)
        goto end;
    nh = (size_t)(z.next_out - head);
    z.next_in = zeros;
    z.avail_in = sizeof zeros;
    z.next_out = blk;
    z.avail_out = 1 << 16;
    if (deflate(&z, Z_FULL_FLUSH) != Z_OK || z.avail_in)
        goto end;
    nb = (size_t)(z.next_out - blk);
    z.next_out = tail;
    z.avail_out = 64;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        goto end;
    nt = (size_t)(z.next_out - tail);
    if (nt < 8)
        goto end;
    size_t reps = (size_t)(BOMB_BYTES / (long long)sizeof zeros) - 1;
    bomb = malloc(nh + reps * nb + nt);
    if (!bomb)
        goto end;
    memcpy(bomb, head, nh);
    for (size_t i = 0; i < reps; i++)
        memcpy(bomb + nh + i * nb, blk, nb);
    bomb_len = nh + reps * nb;
    memcpy(bomb + bomb_len, tail, nt);
    bomb_len += nt;
    uLong crc = crc32(0L, Z_NULL, 0);
    for (size_t i = 0; i <= reps; i++)
        crc = crc32(crc, zeros, (uInt)sizeof zeros);
    unsigned long isize = (unsigned long)(BOMB_BYTES & 0xffffffffLL);
    unsigned char *t = bomb + bomb_len - 8;
    for (int i = 0; i < 4; i++) {
        t[i] = (unsigned char)(crc >> (8 * i));
        t[4 + i] = (unsigned char)(isize >> (8 * i));
    }
end:
    deflateEnd(&z);
out:
    free(head);
    free(blk);
    free(tail);
}

struct gen { enum stream kind; };

static ssize_t gen_read(void *cls, uint64_t pos, char *out, size_t max)
{
    struct gen *g = cls;
    if (g->kind == S_ENDLESS) {
        nap(500);
        if (stopping)
            return MHD_CONTENT_READER_END_OF_STREAM;
        const char chunk[] = "<div class=\"MjjYud\">";
        size_t n = sizeof chunk - 1 < max ? sizeof chunk - 1 : max;
        memcpy(out, chunk, n);
        return (ssize_t)n;
    }
    if (g->kind == S_GZBOMB) {
        if (pos >= bomb_len)
            return MHD_CONTENT_READER_END_OF_STREAM;
        size_t n = bomb_len - pos < max ? bomb_len - (size_t)pos : max;
        memcpy(out, bomb + pos, n);
        return (ssize_t)n;
    }
    if ((long long)pos >= HUGE_BYTES || stopping)
        return MHD_CONTENT_READER_END_OF_STREAM;
    static const char pad[] = "<div class=\"MjjYud\"><div class=\"g\"><a href=\"https://example.com/\"><h3 "
                              "class=\"LC20lb\">padding</h3></a></div></div>\n";
    size_t want = (size_t)(HUGE_BYTES - (long long)pos) < max ? (size_t)(HUGE_BYTES - (long long)pos) : max;
    for (size_t i = 0; i < want; i++)
        out[i] = pad[(pos + i) % (sizeof pad - 1)];
    return (ssize_t)want;
}

static struct MHD_Response *stream_response(enum stream kind)
{
    struct gen *g = malloc(sizeof *g);
    if (!g)
        return NULL;
    g->kind = kind;
    uint64_t size = MHD_SIZE_UNKNOWN;
    if (kind == S_HUGE)
        size = (uint64_t)HUGE_BYTES;
    if (kind == S_GZBOMB) {
        pthread_once(&bomb_once, bomb_make);
        if (!bomb) {
            free(g);
            return NULL;
        }
        size = bomb_len;
    }
    struct MHD_Response *resp = MHD_create_response_from_callback(size, 64 * 1024, gen_read, g, free);
    if (!resp)
        free(g);
    else if (kind == S_GZBOMB)
        MHD_add_response_header(resp, "Content-Encoding", "gzip");
    return resp;
}

/* api_key handling shared by both provider shapes; 1 = rejected. */
static int check_key(const struct params *p, struct reply *r)
{
    const char *k = params_get(p, "api_key");
    if (!k || !*k || strcmp(k, "bad") == 0) {
        reply_json_error(r, 401, "Invalid API key. Your API key should be here: "
                                 "https://serpapi.com/manage-api-key");
        return 1;
    }
    if (strcmp(k, "nocredits") == 0) {
        reply_json_error(r, 429, "Your account has run out of searches.");
        return 1;
    }
    return 0;
}

static void suggest_reply(const char *which, const struct params *p, struct reply *r)
{
    const char *q = params_get(p, strcmp(which, "bing") == 0 ? "query" : "q");
    if (!q && strcmp(which, "bing") == 0)
        q = params_get(p, "q");
    if (!q) {
        reply_text(r, 400, "text/plain", "missing q\n");
        return;
    }
    char out[12][160];
    int n = sim_suggest(q, out, 10);
    r->status = 200;
    const char *output = params_get(p, "output");
    if (strcmp(which, "google") == 0 && (!output || strcmp(output, "toolbar") == 0)) {
        r->ctype = "text/xml; charset=UTF-8";
        buf_add(&r->body, "<?xml version=\"1.0\"?><toplevel>");
        for (int i = 0; i < n; i++) {
            buf_add(&r->body, "<CompleteSuggestion><suggestion data=\"");
            buf_html(&r->body, out[i]);
            buf_add(&r->body, "\"/></CompleteSuggestion>");
        }
        buf_add(&r->body, "</toplevel>");
        return;
    }
    r->ctype = "application/json; charset=UTF-8";
    const char *type = params_get(p, "type");
    if (strcmp(which, "duckduckgo") == 0 && !(type && strcmp(type, "list") == 0)) {
        buf_add(&r->body, "[");
        for (int i = 0; i < n; i++) {
            buf_add(&r->body, i ? ",{\"phrase\":" : "{\"phrase\":");
            buf_json(&r->body, out[i]);
            buf_add(&r->body, "}");
        }
        buf_add(&r->body, "]");
        return;
    }
    buf_add(&r->body, "[");
    buf_json(&r->body, q);
    buf_add(&r->body, ",[");
    for (int i = 0; i < n; i++) {
        if (i)
            buf_add(&r->body, ",");
        buf_json(&r->body, out[i]);
    }
    buf_add(&r->body, "]]");
}

/* --- control endpoints ----------------------------------------------------- */
static void sim_control(const char *path, const char *method, const struct params *p,
                        const struct req *rq, struct reply *r)
{
    if (strcmp(path, "/_sim/day") == 0) {
        const char *d = params_get(p, "date");
        int day;
        if (d) {
            if (parse_date(d, &day) < 0) {
                reply_text(r, 400, "text/plain", "bad date: want YYYY-MM-DD\n");
                return;
            }
            pthread_mutex_lock(&lock);
            sim_day = day;
            pthread_mutex_unlock(&lock);
        }
        char ds[16];
        format_day(get_day(), ds, sizeof ds);
        r->status = 200;
        r->ctype = "text/plain";
        buf_printf(&r->body, "%s\n", ds);
    } else if (strcmp(path, "/_sim/fault") == 0) {
        const char *k = params_get(p, "kind");
        const char *rs = params_get(p, "rate");
        double rate = 1.0;
        if (rs) {
            char *end;
            rate = strtod(rs, &end);
            if (*end || !(rate >= 0 && rate <= 1)) {
                reply_text(r, 400, "text/plain", "bad rate: want 0..1\n");
                return;
            }
        }
        if (!k) {
            reply_text(r, 400, "text/plain", "missing kind\n");
            return;
        }
        int f = -1;
        for (int i = 0; i < F_N; i++)
            if (strcmp(k, fault_names[i]) == 0)
                f = i;
        if (f < 0 && strcmp(k, "none") != 0) {
            reply_text(r, 400, "text/plain", "unknown fault kind\n");
            return;
        }
        pthread_mutex_lock(&lock);
        if (f < 0)
            memset(fault_rate, 0, sizeof fault_rate);
        else
            fault_rate[f] = rate;
        pthread_mutex_unlock(&lock);
        reply_text(r, 200, "text/plain", "ok\n");
    } else if (strcmp(path, "/_sim/latency") == 0) {
        int ms = parse_offset(params_get(p, "ms"), -1);
        if (ms < 0 || ms > 60000) {
            reply_text(r, 400, "text/plain", "bad ms: want 0..60000\n");
            return;
        }
        pthread_mutex_lock(&lock);
        latency_ms = ms;
        pthread_mutex_unlock(&lock);
        reply_text(r, 200, "text/plain", "ok\n");
    } else if (strcmp(path, "/_sim/stats") == 0) {
        pthread_mutex_lock(&lock);
        r->status = 200;
        r->ctype = "application/json";
        buf_printf(&r->body, "{\"requests\":%lld,\"by_engine\":{", n_requests);
        for (int i = 0; i < C_N; i++)
            buf_printf(&r->body, "%s\"%s\":%lld", i ? "," : "", counter_names[i], n_by[i]);
        buf_add(&r->body, "},\"faults\":{");
        for (int i = 0; i < F_N; i++)
            buf_printf(&r->body, "%s\"%s\":%lld", i ? "," : "", fault_names[i], n_fault[i]);
        char ds[16];
        format_day(sim_day, ds, sizeof ds);
        buf_printf(&r->body, "},\"day\":\"%s\",\"latency_ms\":%d", ds, latency_ms);
        pthread_mutex_unlock(&lock);
        sim_dataforseo_stats(&r->body);
        buf_add(&r->body, "}\n");
    } else if (strcmp(path, "/_sim/reset") == 0) {
        pthread_mutex_lock(&lock);
        n_requests = 0;
        memset(n_by, 0, sizeof n_by);
        memset(n_fault, 0, sizeof n_fault);
        pthread_mutex_unlock(&lock);
        sim_dataforseo_reset();
        reply_text(r, 200, "text/plain", "ok\n");
    } else if (strcmp(path, "/_sim/dataforseo") == 0) {
        r->status = sim_dataforseo_control(p, &r->body);
        r->ctype = "text/plain";
    } else if (strcmp(path, "/_sim/hook") == 0) {
        if (strcmp(method, "POST") != 0 && strcmp(method, "PUT") != 0) {
            reply_text(r, 405, "text/plain", "POST a body\n");
            return;
        }
        if (rq->too_big) {
            reply_text(r, 413, "text/plain", "body too large\n");
            return;
        }
        pthread_mutex_lock(&lock);
        n_by[C_HOOK]++;
        if (nhooks < MAX_HOOKS) {
            hooks[nhooks] = malloc(rq->body.len + 1);
            if (hooks[nhooks]) {
                memcpy(hooks[nhooks], rq->body.p ? rq->body.p : "", rq->body.len);
                hooks[nhooks][rq->body.len] = '\0';
                nhooks++;
            }
        }
        pthread_mutex_unlock(&lock);
        reply_text(r, 200, "text/plain", "ok");
    } else if (strcmp(path, "/_sim/hooks") == 0 || strcmp(path, "/_sim/mails") == 0) {
        json_t *arr = json_array();
        int mails = strcmp(path, "/_sim/mails") == 0;
        pthread_mutex_lock(&lock);
        int n = mails ? 0 : nhooks;
        for (int i = 0; i < n; i++) {
            json_error_t err;
            json_t *v = json_loads(hooks[i], JSON_DECODE_ANY, &err);
            if (!v)
                v = json_string(hooks[i]);
            if (!v) {
                /* not UTF-8: keep what is printable */
                char *t = strdup(hooks[i]);
                for (char *c = t; c && *c; c++)
                    if ((unsigned char)*c >= 0x80) *c = '?';
                v = json_string(t ? t : "");
                free(t);
            }
            json_array_append_new(arr, v ? v : json_null());
        }
        pthread_mutex_unlock(&lock);
        if (mails)
            smtp_mails_json(arr);
        char *s = json_dumps(arr, JSON_COMPACT);
        json_decref(arr);
        r->status = 200;
        r->ctype = "application/json";
        buf_add(&r->body, s ? s : "[]");
        buf_add(&r->body, "\n");
        free(s);
    } else {
        reply_text(r, 404, "text/plain", "unknown control endpoint\n");
    }
}

/* DataForSEO and Serper: their own files answer in their own shapes;
 * latency and the transport faults are applied here as for the others. */
static void api_route(const char *url, const char *method, const struct req *rq, struct reply *r)
{
    int dfs = strncmp(url, "/dataforseo/", 12) == 0;
    count(dfs ? C_DFS : C_SERPER);
    pthread_mutex_lock(&lock);
    int lat = latency_ms;
    pthread_mutex_unlock(&lock);
    nap(lat);
    int fault = pick_fault();
    if (fault == F_SLOW)
        nap(30000);
    if (fault == F_RESET) {
        r->reset = 1;
        return;
    }
    struct sim_api_req q = {
        .path = url + (dfs ? 11 : 7),
        .method = method,
        .body = rq->body.p,
        .body_len = rq->body.len,
        .authorization = rq->authorization,
        .api_key = rq->api_key,
        .day = get_day(),
        .fault = fault == F_429 ? "429" : fault == F_500 ? "500"
                 : fault == F_CAPTCHA || fault == F_JSSHELL || fault == F_CONSENT ? "captcha" : NULL,
    };
    struct sim_api_reply a = {0};
    if (dfs)
        sim_dataforseo(&q, &a);
    else
        sim_serper(&q, &a);
    r->status = a.status ? a.status : 500;
    r->ctype = "application/json";
    r->retry_after = a.retry_after;
    r->body = a.body;
    if (fault == F_TRUNC)
        truncate_body(r);
}

/* --- routing ---------------------------------------------------------------- */
static void route(const char *url, const char *method, const struct params *p, const struct req *rq,
                  struct reply *r)
{
    if (strncmp(url, "/_sim/", 6) == 0) {
        sim_control(url, method, p, rq, r);
        return;
    }
    const char *engine = NULL;
    enum counter c = C_N;
    int kind = 0; /* 1 engine page, 2 fetch-api, 3 serp-api, 4 suggest */
    const char *sugg = NULL;
    if (strcmp(url, "/google/search") == 0) {
        engine = "google"; c = C_GOOGLE; kind = 1;
    } else if (strcmp(url, "/bing/search") == 0) {
        engine = "bing"; c = C_BING; kind = 1;
    } else if (strcmp(url, "/duckduckgo/html/") == 0 || strcmp(url, "/duckduckgo/html") == 0) {
        engine = "duckduckgo"; c = C_DDG; kind = 1;
    } else if (strcmp(url, "/fetch-api") == 0 || strcmp(url, "/fetch-api/") == 0) {
        c = C_FETCH; kind = 2;
    } else if (strcmp(url, "/serp-api/search.json") == 0 || strcmp(url, "/serp-api/search") == 0) {
        c = C_SERP; kind = 3;
    } else if (strcmp(url, "/google/complete/search") == 0) {
        sugg = "google"; c = C_SUGGEST; kind = 4;
    } else if (strcmp(url, "/bing/osjson.aspx") == 0) {
        sugg = "bing"; c = C_SUGGEST; kind = 4;
    } else if (strcmp(url, "/duckduckgo/ac/") == 0 || strcmp(url, "/duckduckgo/ac") == 0) {
        sugg = "duckduckgo"; c = C_SUGGEST; kind = 4;
    }
    if (!kind && (strncmp(url, "/dataforseo/", 12) == 0 || strncmp(url, "/serper/", 8) == 0)) {
        api_route(url, method, rq, r);
        return;
    }
    if (!kind) {
        reply_text(r, 404, "text/html; charset=UTF-8", "<html><body><h1>404 Not Found</h1></body></html>\n");
        return;
    }
    count(c);
    pthread_mutex_lock(&lock);
    int lat = latency_ms;
    pthread_mutex_unlock(&lock);
    nap(lat);
    if (kind == 4) {
        suggest_reply(sugg, p, r);
        return;
    }
    /* provider keys are checked before the engine is "reached" */
    if ((kind == 2 || kind == 3) && check_key(p, r))
        return;
    if (kind == 1 && hostile_trigger(params_get(p, "q"), r))
        return;
    int fault = request_page(p) >= fault_min_page ? pick_fault() : -1;
    if (fault == F_SLOW)
        nap(30000);
    if (apply_fault(fault, r, kind == 3))
        return;
    if (kind == 1) {
        engine_page(engine, p, r, fault, 0);
    } else if (kind == 2) {
        const char *u = params_get(p, "url");
        struct params ep = {0};
        const char *e = u ? engine_from_url(u, &ep) : NULL;
        if (!e)
            reply_json_error(r, 400, "url: not a supported search engine URL");
        else
            engine_page(e, &ep, r, fault, 0);
        params_free(&ep);
    } else {
        const char *e = params_get(p, "engine");
        if (!e)
            e = "google";
        if (strcmp(e, "google_maps") == 0)
            maps_page(p, r, fault);
        else if (strcmp(e, "google") && strcmp(e, "bing") && strcmp(e, "duckduckgo"))
            reply_json_error(r, 400, "Unsupported `engine` parameter.");
        else
            engine_page(e, p, r, fault, 1);
    }
    if (fault == F_TRUNC)
        truncate_body(r);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    params_add(cls, key, value);
    return MHD_YES;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                               const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)version;
    struct req *rq = *con_cls;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        *con_cls = rq;
        return MHD_YES;
    }
    if (*upload_size) {
        if (rq->body.len + *upload_size > MAX_BODY)
            rq->too_big = 1;
        else
            buf_addn(&rq->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    const char *h;
    if (!rq->authorization && (h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization")))
        rq->authorization = strdup(h);
    if (!rq->api_key && (h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-API-KEY")))
        rq->api_key = strdup(h);
    struct params p = {0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &p);
    if (strcmp(method, "POST") == 0 && rq->body.len && strncmp(url, "/_sim/", 6) != 0)
        params_parse(&p, rq->body.p, rq->body.len);
    struct reply r = {0};
    route(url, method, &p, rq, &r);
    params_free(&p);
    if (r.reset) {
        buf_free(&r.body);
        return MHD_NO;
    }
    struct MHD_Response *resp;
    if (r.stream != S_NONE) {
        buf_free(&r.body);
        resp = stream_response(r.stream);
    } else {
        resp = MHD_create_response_from_buffer(r.body.len, r.body.p ? r.body.p : "",
                                               r.body.p ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    }
    if (!resp) {
        buf_free(&r.body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", r.ctype ? r.ctype : "text/plain");
    MHD_add_response_header(resp, "Cache-Control", "private, max-age=0");
    if (r.location)
        MHD_add_response_header(resp, "Location", r.location);
    if (r.retry_after) {
        char ra[16];
        snprintf(ra, sizeof ra, "%d", r.retry_after);
        MHD_add_response_header(resp, "Retry-After", ra);
    }
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r.status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    struct req *rq = *con_cls;
    if (rq) {
        buf_free(&rq->body);
        free(rq->authorization);
        free(rq->api_key);
        free(rq);
        *con_cls = NULL;
    }
}

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

static void usage(void)
{
    fputs("usage: serpsim [--port N] [--latency-ms N] [--fault KIND:RATE]... [--seed N] [--smtp-port N]\n"
          "               [--page1-organic N[:QUERY]] [--fault-min-page N] [--local-no-website]\n"
          "               [--cities FILE]\n"
          "  KIND: 429 captcha 500 truncated reset slow (also jsshell consent oldbrowser empty);\n"
          "        RATE: 0..1\n", stderr);
    exit(2);
}

static long num_arg(const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || errno || *end || v < lo || v > hi) {
        fprintf(stderr, "serpsim: bad number '%s'\n", s ? s : "");
        usage();
    }
    return v;
}

int main(int argc, char **argv)
{
    int port = 0, smtp_port = -1, cities_loaded = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--port") == 0) {
            port = (int)num_arg(v, 0, 65535); i++;
        } else if (strcmp(a, "--latency-ms") == 0) {
            latency_ms = (int)num_arg(v, 0, 600000); i++;
        } else if (strcmp(a, "--seed") == 0) {
            seed = (uint64_t)num_arg(v, 0, 0x7fffffffL); i++;
            sim_geo_seed = seed;
        } else if (strcmp(a, "--fault-min-page") == 0) {
            fault_min_page = (int)num_arg(v, 1, 1000); i++;
        } else if (strcmp(a, "--smtp-port") == 0) {
            smtp_port = (int)num_arg(v, 0, 65535); i++;
        } else if (strcmp(a, "--fault") == 0) {
            const char *colon = v ? strchr(v, ':') : NULL;
            if (!colon)
                usage();
            int f = -1;
            for (int k = 0; k < F_N; k++)
                if (strlen(fault_names[k]) == (size_t)(colon - v) && strncmp(v, fault_names[k], (size_t)(colon - v)) == 0)
                    f = k;
            char *end;
            double rate = strtod(colon + 1, &end);
            if (f < 0 || *end || colon[1] == '\0' || !(rate >= 0 && rate <= 1)) {
                fprintf(stderr, "serpsim: bad fault '%s'\n", v);
                usage();
            }
            fault_rate[f] = rate;
            i++;
        } else if (strcmp(a, "--page1-organic") == 0) {
            const char *colon = v ? strchr(v, ':') : NULL;
            char n[16];
            snprintf(n, sizeof n, "%.*s", colon ? (int)(colon - v) : 15, v ? v : "");
            page1_organic = (int)num_arg(n, 1, 10);
            if (colon)
                sim_normalise(page1_query, sizeof page1_query, colon + 1);
            i++;
        } else if (strcmp(a, "--local-no-website") == 0) {
            sim_local_no_website = 1;
        } else if (strcmp(a, "--cities") == 0) {
            if (!v || sim_towns_load(v) != 0) {
                fprintf(stderr, "serpsim: cannot read cities from '%s'\n", v ? v : "");
                usage();
            }
            cities_loaded = 1;
            i++;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage();
        } else {
            fprintf(stderr, "serpsim: unknown option '%s'\n", a);
            usage();
        }
    }
    if (!cities_loaded)
        sim_towns_load_default();
    sim_anchor_day = (int)(time(NULL) / 86400);
    sim_day = sim_anchor_day;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, (uint16_t)port, NULL, NULL,
        handler, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)512, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "serpsim: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(errno));
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("listening on 127.0.0.1:%u\n", info ? (unsigned)info->port : (unsigned)port);
    fflush(stdout);
    if (smtp_port >= 0) {
        int sp = smtp_start(smtp_port, &stopping);
        if (sp < 0) {
            fprintf(stderr, "serpsim: cannot start the SMTP sink\n");
        } else {
            printf("smtp on 127.0.0.1:%d\n", sp);
            fflush(stdout);
        }
    }
    while (!stopping) {
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    smtp_stop();
    for (int i = 0; i < nhooks; i++)
        free(hooks[i]);
    free(bomb);
    return 0;
}
