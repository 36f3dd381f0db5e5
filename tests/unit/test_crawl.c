/* test_crawl.c - the fetcher against a small libmicrohttpd server on
 * loopback: success, retries of 5xx with a bounded attempt count, 429 as a
 * block with cool-down, the body cap on decompressed size (gzip bomb),
 * redirects to other protocols refused, timeouts, pacing, headers, proxy
 * rotation and benching, secrets masked; plus the backoff maths and the
 * raw-archive framing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <microhttpd.h>
#include <pthread.h>
#include <unistd.h>
#include <zlib.h>

#include "../../src/crawl/crawl_int.h"
#include "crawl.h"
#include "util.h"

static struct MHD_Daemon *daemon_;
static int port;
static int flaky_count;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static char last_ua[512], last_lang[128], last_url[512];
static unsigned char *bomb;
static size_t bomb_len;

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const void *body,
                             size_t len, const char *encoding)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (encoding)
        MHD_add_response_header(r, "Content-Encoding", encoding);
    if (status == 429)
        MHD_add_response_header(r, "Retry-After", "0");
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload,
                               size_t *upload_len, void **con_cls)
{
    (void)cls, (void)method, (void)version, (void)upload, (void)upload_len, (void)con_cls;
    const char *ua = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "User-Agent");
    const char *al = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language");
    pthread_mutex_lock(&mu);
    snprintf(last_ua, sizeof last_ua, "%s", ua ? ua : "");
    snprintf(last_lang, sizeof last_lang, "%s", al ? al : "");
    snprintf(last_url, sizeof last_url, "%s", url);
    pthread_mutex_unlock(&mu);
    /* Through a proxy the request line carries the absolute URL. */
    const char *path = strstr(url, "/t/");
    if (!path)
        path = url;
    if (strcmp(path, "/t/ok") == 0)
        return reply(conn, 200, "<html>hello</html>", 18, NULL);
    if (strcmp(path, "/t/flaky") == 0) {
        pthread_mutex_lock(&mu);
        int n = ++flaky_count;
        pthread_mutex_unlock(&mu);
        if (n <= 2)
            return reply(conn, 502, "bad gateway", 11, NULL);
        return reply(conn, 200, "<html>finally</html>", 20, NULL);
    }
    if (strcmp(path, "/t/500") == 0)
        return reply(conn, 500, "oops", 4, NULL);
    if (strcmp(path, "/t/404") == 0)
        return reply(conn, 404, "nope", 4, NULL);
    if (strcmp(path, "/t/429") == 0)
        return reply(conn, 429, "slow down", 9, NULL);
    if (strcmp(path, "/t/big") == 0) {
        static char big[200 * 1024];
        memset(big, 'x', sizeof big);
        return reply(conn, 200, big, sizeof big, NULL);
    }
    if (strcmp(path, "/t/bomb") == 0)
        return reply(conn, 200, bomb, bomb_len, "gzip");
    if (strcmp(path, "/t/file") == 0) {
        struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"",
                                                                 MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(r, "Location", "file:///etc/passwd");
        enum MHD_Result ret = MHD_queue_response(conn, 302, r);
        MHD_destroy_response(r);
        return ret;
    }
    if (strcmp(path, "/t/slow") == 0) {
        usleep(1500 * 1000);
        return reply(conn, 200, "late", 4, NULL);
    }
    return reply(conn, 404, "no route", 8, NULL);
}

static void make_bomb(void)
{
    /* 4 MB of zeros gzipped into a few KB */
    size_t raw_len = 4u << 20;
    unsigned char *raw = calloc(1, raw_len);
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    bomb_len = deflateBound(&z, (uLong)raw_len);
    bomb = malloc(bomb_len);
    z.next_in = raw;
    z.avail_in = (uInt)raw_len;
    z.next_out = bomb;
    z.avail_out = (uInt)bomb_len;
    deflate(&z, Z_FINISH);
    bomb_len = z.total_out;
    deflateEnd(&z);
    free(raw);
}

static int setup(void **state)
{
    (void)state;
    make_bomb();
    daemon_ = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD,
                               0, NULL, NULL, handler, NULL, MHD_OPTION_END);
    if (!daemon_)
        return -1;
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
    port = i->port;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    MHD_stop_daemon(daemon_);
    free(bomb);
    return 0;
}

static struct crawl *new_crawl(struct config *ini, const char *extra)
{
    char *text = xasprintf("[crawl]\nretry_base_ms = 10\nretry_max_ms = 50\ntimeout_ms = 800\n"
                           "max_body_kb = 64\nblock_cooldown_ms = 300\n%s\n"
                           "[engine.google]\nmin_delay_ms = 0\njitter_ms = 0\n",
                           extra ? extra : "");
    assert_int_equal(config_parse(ini, text, strlen(text), "t.conf"), 0);
    free(text);
    struct crawl *c;
    assert_int_equal(crawl_new(ini, &c), 0);
    return c;
}

static char *url(const char *path)
{
    return xasprintf("http://127.0.0.1:%d%s", port, path);
}

/* Fetches one path and returns the request (release it). */
static struct crawl_req fetch1(struct crawl *c, const char *path, enum serp_engine e)
{
    struct crawl_req r;
    memset(&r, 0, sizeof r);
    char *u = url(path);
    r.url = u;
    r.engine = e;
    assert_int_equal(crawl_fetch(c, &r, 1, NULL, NULL), 0);
    free(u);
    r.url = NULL;
    return r;
}

static void test_ok_and_headers(void **state)
{
    (void)state;
    struct config ini;
    struct crawl *c = new_crawl(&ini, NULL);
    struct crawl_req r;
    memset(&r, 0, sizeof r);
    char *u = url("/t/ok");
    r.url = u;
    r.engine = SERP_BING;
    r.device = "mobile";
    r.lang = "de";
    assert_int_equal(crawl_fetch(c, &r, 1, NULL, NULL), 0);
    assert_null(r.error);
    assert_int_equal(r.http_status, 200);
    assert_int_equal(r.attempts, 1);
    assert_string_equal(r.body, "<html>hello</html>");
    assert_int_equal(r.len, 18);
    assert_non_null(strstr(last_ua, "Mobile"));
    assert_true(util_starts_with(last_lang, "de,"));
    crawl_req_release(&r);
    free(u);
    assert_int_equal(crawl_requests(c), 1);
    crawl_free(c);
    config_release(&ini);
}

static void test_retries(void **state)
{
    (void)state;
    struct config ini;
    struct crawl *c = new_crawl(&ini, NULL);
    flaky_count = 0;
    struct crawl_req r = fetch1(c, "/t/flaky", SERP_GOOGLE);
    assert_null(r.error);
    assert_int_equal(r.attempts, 3);
    assert_string_equal(r.body, "<html>finally</html>");
    crawl_req_release(&r);

    r = fetch1(c, "/t/500", SERP_GOOGLE);
    assert_string_equal(r.error, "http 500");
    assert_int_equal(r.attempts, 3); /* max_attempts default, no more */
    assert_int_equal(r.http_status, 500);
    crawl_req_release(&r);

    r = fetch1(c, "/t/404", SERP_GOOGLE); /* 4xx is not retried */
    assert_string_equal(r.error, "http 404");
    assert_int_equal(r.attempts, 1);
    crawl_req_release(&r);
    crawl_free(c);
    config_release(&ini);

    /* a per-run retry budget stops retry storms */
    c = new_crawl(&ini, "max_retries_per_run = 1\n");
    r = fetch1(c, "/t/500", SERP_GOOGLE);
    assert_int_equal(r.attempts, 2);
    crawl_req_release(&r);
    r = fetch1(c, "/t/500", SERP_GOOGLE);
    assert_int_equal(r.attempts, 1);
    crawl_req_release(&r);
    crawl_free(c);
    config_release(&ini);
}

static void test_block_cooldown(void **state)
{
    (void)state;
    struct config ini;
    struct crawl *c = new_crawl(&ini, NULL);
    struct crawl_req r = fetch1(c, "/t/429", SERP_GOOGLE);
    assert_string_equal(r.error, "http 429");
    assert_int_equal(r.attempts, 1); /* a block is not retried at once */
    assert_int_equal(r.http_status, 429);
    assert_non_null(r.body);
    crawl_req_release(&r);
    /* the engine now cools down for block_cooldown_ms; another engine not */
    double t0 = util_mono();
    r = fetch1(c, "/t/ok", SERP_BING);
    assert_true(util_mono() - t0 < 0.25);
    crawl_req_release(&r);
    t0 = util_mono();
    r = fetch1(c, "/t/ok", SERP_GOOGLE);
    assert_true(util_mono() - t0 >= 0.25);
    assert_null(r.error);
    crawl_req_release(&r);
    crawl_free(c);
    config_release(&ini);

    /* an engine that keeps blocking is given up for the run */
    c = new_crawl(&ini, "block_give_up_ms = 100\n");
    for (int i = 0; i < 3; i++) {
        r = fetch1(c, "/t/429", SERP_GOOGLE);
        crawl_req_release(&r);
    }
    r = fetch1(c, "/t/ok", SERP_GOOGLE);
    assert_non_null(r.error);
    assert_true(util_starts_with(r.error, "cooldown"));
    assert_int_equal(r.attempts, 0);
    crawl_req_release(&r);
    crawl_free(c);
    config_release(&ini);

    assert_true(crawl_cooldown_secs(30, 900, 0) == 0);
    assert_true(crawl_cooldown_secs(30, 900, 1) == 30);
    assert_true(crawl_cooldown_secs(30, 900, 3) == 120);
    assert_true(crawl_cooldown_secs(30, 900, 10) == 900);
}

static void test_backoff(void **state)
{
    (void)state;
    assert_true(crawl_backoff_secs(1, 30, 1, 0) == 0.5);
    assert_true(crawl_backoff_secs(1, 30, 1, 0.999) < 1.0);
    assert_true(crawl_backoff_secs(1, 30, 3, 0) == 2.0);
    assert_true(crawl_backoff_secs(1, 30, 20, 0.5) <= 30);
    assert_true(crawl_backoff_secs(1, 30, 20, 0) == 15);
}

static void test_caps(void **state)
{
    (void)state;
    struct config ini;
    struct crawl *c = new_crawl(&ini, "max_attempts = 1\n");
    struct crawl_req r = fetch1(c, "/t/big", SERP_GOOGLE);
    assert_string_equal(r.error, "too_large");
    crawl_req_release(&r);
    r = fetch1(c, "/t/bomb", SERP_GOOGLE); /* 4 MB after gunzip, cap 64 KB */
    assert_string_equal(r.error, "too_large");
    assert_int_equal(r.attempts, 1);
    crawl_req_release(&r);
    r = fetch1(c, "/t/file", SERP_GOOGLE);
    assert_non_null(r.error);
    assert_null(r.body);
    crawl_req_release(&r);
    r = fetch1(c, "/t/slow", SERP_GOOGLE);
    assert_string_equal(r.error, "timeout");
    assert_int_equal(r.http_status, 0);
    crawl_req_release(&r);
    crawl_free(c);
    config_release(&ini);
}

static void test_pacing(void **state)
{
    (void)state;
    struct config ini;
    /* not loopback in config: real-engine default pacing (1 s) applies to
     * duckduckgo, so 100 ms is set for bing explicitly */
    struct crawl *c = new_crawl(&ini, "[engine.bing]\nmin_delay_ms = 100\njitter_ms = 0\n");
    struct crawl_req v[4];
    memset(v, 0, sizeof v);
    char *u = url("/t/ok");
    for (int i = 0; i < 4; i++) {
        v[i].url = u;
        v[i].engine = SERP_BING;
    }
    double t0 = util_mono();
    assert_int_equal(crawl_fetch(c, v, 4, NULL, NULL), 0);
    double el = util_mono() - t0;
    assert_true(el >= 0.29); /* 4 starts, 100 ms apart */
    for (int i = 0; i < 4; i++) {
        assert_null(v[i].error);
        crawl_req_release(&v[i]);
    }
    /* a budget stops requests */
    crawl_set_budget(c, 2);
    assert_int_equal(crawl_fetch(c, v, 4, NULL, NULL), 0);
    int budget = 0;
    for (int i = 0; i < 4; i++) {
        budget += v[i].error && strcmp(v[i].error, "budget") == 0;
        crawl_req_release(&v[i]);
    }
    assert_int_equal(budget, 2);
    free(u);
    crawl_free(c);
    config_release(&ini);
}

static void test_proxies(void **state)
{
    (void)state;
    struct config ini;
    /* the test server doubles as an HTTP proxy; port 1 refuses */
    char *extra = xasprintf("proxies = http://bob:pr0xyPass@127.0.0.1:1, "
                            "http://127.0.0.1:%d\nproxy_bench_after = 1\nmax_attempts = 3\n",
                            port);
    struct crawl *c = new_crawl(&ini, extra);
    free(extra);
    struct crawl_req r = fetch1(c, "/t/ok", SERP_GOOGLE);
    /* first attempt via the dead proxy fails and benches it; the retry
     * rotates to the live one */
    assert_null(r.error);
    assert_int_equal(r.proxy, 1);
    assert_true(util_starts_with(last_url, "http://127.0.0.1"));
    crawl_req_release(&r);
    r = fetch1(c, "/t/ok", SERP_GOOGLE);
    assert_int_equal(r.attempts, 1); /* the benched proxy is skipped */
    assert_int_equal(r.proxy, 1);
    crawl_req_release(&r);
    crawl_free(c);
    config_release(&ini);

    /* the proxy password is masked in every message */
    char msg[] = "connect to http://bob:pr0xyPass@127.0.0.1:1 failed";
    util_mask_secrets(msg);
    assert_null(strstr(msg, "pr0xyPass"));

    /* a proxy with another scheme is refused */
    const char *bad = "[crawl]\nproxies = ftp://x:1\n";
    assert_int_equal(config_parse(&ini, bad, strlen(bad), "t"), 0);
    assert_int_equal(crawl_new(&ini, &c), -1);
    config_release(&ini);
}

static int each_page(int page, int status, const char *buf, size_t n, void *arg)
{
    strbuf *sb = arg;
    sb_addf(sb, "[%d %d %.*s]", page, status, (int)n, buf);
    return 0;
}

static void test_raw_framing(void **state)
{
    (void)state;
    const char raw[] = "serptrack-page 0 200 5\nhello\nserptrack-page 1 429 3\na\nb\n";
    strbuf sb = STRBUF_INIT;
    assert_int_equal(crawl_raw_each(raw, sizeof raw - 1, each_page, &sb), 0);
    assert_string_equal(sb_str(&sb), "[0 200 hello][1 429 a\nb]");
    sb_reset(&sb);
    const char bad[] = "serptrack-page 0 200 500\nshort";
    assert_int_equal(crawl_raw_each(bad, sizeof bad - 1, each_page, &sb), -1);
    assert_int_equal(crawl_raw_each("junk", 4, each_page, &sb), -1);
    sb_release(&sb);
}

/* Every failed fetch becomes blocked or error with a reason, never ok. */
static void test_classify(void **state)
{
    (void)state;
    struct {
        enum engine_provider p;
        int status;
        const char *body;
        enum crawl_err err;
        const char *fetch_error;
        enum model_status want;
        const char *reason; /* substring */
    } cases[] = {
        {PROVIDER_DIRECT, 0, NULL, CRAWL_TIMEOUT, "timeout", MODEL_ERROR, "timeout"},
        {PROVIDER_DIRECT, 0, NULL, CRAWL_CONNECT, "connection: reset", MODEL_ERROR, "connection"},
        {PROVIDER_DIRECT, 0, NULL, CRAWL_COOLDOWN, "cooldown: engine keeps blocking", MODEL_BLOCKED,
         "cooldown"},
        {PROVIDER_DIRECT, 0, NULL, CRAWL_BUDGET, "budget", MODEL_ERROR, "budget"},
        {PROVIDER_DIRECT, 200, "", CRAWL_OK, NULL, MODEL_ERROR, "empty"},
        {PROVIDER_DIRECT, 429, "<html>slow down</html>", CRAWL_HTTP, "http 429", MODEL_BLOCKED,
         "rate"},
        {PROVIDER_DIRECT, 200, "x", CRAWL_TOO_LARGE, "too_large", MODEL_ERROR, "too_large"},
        {PROVIDER_DIRECT, 500, "<html><body>oops</body></html>", CRAWL_HTTP, "http 500",
         MODEL_ERROR, ""},
        {PROVIDER_SERP_API, 401, "{\"error\":\"Invalid API key.\"}", CRAWL_HTTP, "http 401",
         MODEL_ERROR, "Invalid API key"},
        {PROVIDER_SERP_API, 429, "{\"error\":\"Your account has run out of searches.\"}",
         CRAWL_HTTP, "http 429", MODEL_ERROR, "run out of searches"},
        {PROVIDER_SERP_API, 200, "{\"error\":\"Google returned a CAPTCHA\"}", CRAWL_OK, NULL,
         MODEL_BLOCKED, "CAPTCHA"},
        {PROVIDER_SERP_API, 200, "not json", CRAWL_OK, NULL, MODEL_ERROR, "serp-api"},
        {PROVIDER_FETCH_API, 402, "{\"error\":{\"message\":\"no credits left\"}}", CRAWL_HTTP,
         "http 402", MODEL_ERROR, "no credits left"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct serp_page pg;
        char *reason = NULL;
        const char *b = cases[i].body;
        enum model_status st =
            crawl_classify(SERP_GOOGLE, cases[i].p, cases[i].status, b, b ? strlen(b) : 0,
                           cases[i].err, cases[i].fetch_error, &pg, &reason);
        if (st != cases[i].want)
            fail_msg("case %zu: status %d, want %d (%s)", i, st, cases[i].want,
                     reason ? reason : "-");
        assert_non_null(reason);
        assert_non_null(strstr(reason, cases[i].reason));
        free(reason);
        serp_page_release(&pg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok_and_headers), cmocka_unit_test(test_retries),
        cmocka_unit_test(test_block_cooldown), cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_caps),           cmocka_unit_test(test_pacing),
        cmocka_unit_test(test_proxies),        cmocka_unit_test(test_raw_framing),
        cmocka_unit_test(test_classify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
