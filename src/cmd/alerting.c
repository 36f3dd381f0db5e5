/* alerting.c - rank alert rules and delivery. Rules ([alerts]): drop = N
 * positions, top3 / top10 (left or entered), local_pack (site left the
 * pack), blocked_days = K (no ok check for K days). Delivery: JSON POST
 * {"text": ...} to webhook (Slack-compatible) and mail through libcurl's
 * SMTP (smtp_url, smtp_user, smtp_password, email_from, email_to). */
#include <curl/curl.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "alerting.h"
#include "store.h"
#include "url.h"
#include "util.h"

#define DAY 86400

struct seen {
    struct store_alert *v; /* alerts raised today, for once-a-day */
    size_t n;
};

static int already(const struct seen *s, long long kw, const char *site, const char *rule)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].keyword_id == kw && util_streq(s->v[i].rule, rule) &&
            util_streq(s->v[i].site, site))
            return 1;
    return 0;
}

static int raise_alert(struct cmd_ctx *ctx, struct seen *s, time_t now,
                       const struct store_keyword *k, const char *rule, const char *what)
{
    if (already(s, k->id, k->site, rule))
        return 0;
    char *msg = xasprintf("\"%s\" (%s%s%s) for %s: %s", k->query, serp_engine_name(k->engine),
                          k->location ? ", " : "", k->location ? k->location : "",
                          k->site ? k->site : "-", what);
    /* one line whatever the query holds */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    struct store_alert a = {0};
    a.raised_at = now;
    a.keyword_id = k->id;
    a.site = k->site;
    a.rule = (char *)rule;
    a.message = msg;
    int rc = store_alert_add(ctx->st, &a, NULL);
    free(msg);
    return rc == 0 ? 1 : -1;
}

static int in_pack(const struct serp_page *p, const char *site)
{
    for (size_t i = 0; i < p->n_local; i++)
        if (p->local[i].website && url_matches_site(p->local[i].website, site))
            return 1;
    return 0;
}

static void fmt_pos(char buf[32], int pos, int depth)
{
    if (pos == STORE_NONE)
        snprintf(buf, 32, "not in top %d", depth > 0 ? depth : 10);
    else
        snprintf(buf, 32, "%d", pos);
}

static int rules_for(struct cmd_ctx *ctx, struct seen *s, time_t now, const struct store_keyword *k)
{
    const struct ini *cfg = &ctx->cfg;
    long long drop = ini_get_int(cfg, "alerts", "drop", 3, 0, 1000);
    int top3 = ini_get_bool(cfg, "alerts", "top3", 1);
    int top10 = ini_get_bool(cfg, "alerts", "top10", 1);
    int local = ini_get_bool(cfg, "alerts", "local_pack", 1);
    struct store_history *h = NULL;
    size_t n = 0;
    if (store_history_list(ctx->st, k->id, NULL, now - 60 * DAY, &h, &n) != 0)
        return -1;
    /* the latest ok check and the latest exact one before it: an
     * approximate position (a smart probe numbered as if earlier pages held
     * 10 results) is never compared, so it raises no fake drop */
    const struct store_history *cur = NULL, *prev = NULL;
    for (size_t i = n; i-- > 0;) {
        if (h[i].status != STORE_OK)
            continue;
        if (!cur)
            cur = &h[i];
        else if (!h[i].approx) {
            prev = &h[i];
            break;
        }
    }
    int raised = 0, r = 0;
    if (cur && prev && k->site && !cur->approx) {
        int c = cur->position, p = prev->position;
        char a[32], b[32], what[128];
        fmt_pos(a, p, prev->depth);
        fmt_pos(b, c, cur->depth);
        snprintf(what, sizeof what, "%s -> %s", a, b);
        int cn = c == STORE_NONE ? 100000 : c, pn = p == STORE_NONE ? 100000 : p;
        if (drop > 0 && p != STORE_NONE && cn - pn >= drop) {
            char m[160];
            snprintf(m, sizeof m, "dropped %s", what);
            r = raise_alert(ctx, s, now, k, "drop", m);
        }
        if (r >= 0 && top3 && pn <= 3 && cn > 3)
            r = raise_alert(ctx, s, now, k, "left_top3", what);
        if (r >= 0 && top3 && pn > 3 && cn <= 3)
            r = raise_alert(ctx, s, now, k, "entered_top3", what);
        if (r >= 0 && top10 && pn <= 10 && cn > 10)
            r = raise_alert(ctx, s, now, k, "left_top10", what);
        if (r >= 0 && top10 && pn > 10 && cn <= 10)
            r = raise_alert(ctx, s, now, k, "entered_top10", what);
        raised = r;
        if (r >= 0 && local) {
            struct store_check_info ci, pi;
            struct serp_page cp, pp;
            memset(&ci, 0, sizeof ci);
            memset(&pi, 0, sizeof pi);
            serp_page_init(&cp);
            serp_page_init(&pp);
            if (store_serp_get(ctx->st, k->id, cur->checked_at, &ci, &cp) == 1 &&
                store_serp_get(ctx->st, k->id, prev->checked_at, &pi, &pp) == 1 &&
                in_pack(&pp, k->site) && !in_pack(&cp, k->site))
                r = raise_alert(ctx, s, now, k, "lost_local", "left the local pack");
            store_check_info_release(&ci);
            store_check_info_release(&pi);
            serp_page_release(&cp);
            serp_page_release(&pp);
        }
    }
    store_history_free_list(h, n);
    return r < 0 ? -1 : raised;
}

/* Blocked for K days: checks in the last K days and none of them ok. */
static int blocked_rule(struct cmd_ctx *ctx, struct seen *s, time_t now,
                        const struct store_keyword *k)
{
    long long days = ini_get_int(&ctx->cfg, "alerts", "blocked_days", 2, 0, 365);
    if (days <= 0)
        return 0;
    struct store_history *h = NULL;
    size_t n = 0;
    if (store_history_list(ctx->st, k->id, NULL, 0, &h, &n) != 0)
        return -1;
    int rc = 0;
    /* the oldest failed check since the latest ok one */
    time_t first_fail = 0;
    for (size_t i = n; i-- > 0 && h[i].status != STORE_OK;)
        first_fail = h[i].checked_at;
    if (first_fail && now - first_fail >= (time_t)(days * DAY - DAY / 2)) {
        char what[96];
        snprintf(what, sizeof what, "no successful check for %lld days (%s)", days,
                 n && h[n - 1].reason ? h[n - 1].reason : "blocked");
        rc = raise_alert(ctx, s, now, k, "blocked", what);
    }
    store_history_free_list(h, n);
    return rc;
}

int alerting_evaluate(struct cmd_ctx *ctx, const long long *ids, size_t n,
                      const long long *failed_ids, size_t n_failed, time_t now)
{
    struct seen s = {0};
    if (store_alert_list(ctx->st, util_day_start(now), &s.v, &s.n) != 0)
        return -1;
    int total = 0;
    for (size_t pass = 0; pass < 2; pass++) {
        const long long *v = pass ? failed_ids : ids;
        size_t nv = pass ? n_failed : n;
        for (size_t i = 0; i < nv; i++) {
            struct store_keyword k;
            memset(&k, 0, sizeof k);
            if (store_kw_get(ctx->st, v[i], &k) != 1)
                continue;
            int r = pass ? blocked_rule(ctx, &s, now, &k) : rules_for(ctx, &s, now, &k);
            store_keyword_release(&k);
            if (r < 0) {
                store_alert_free_list(s.v, s.n);
                return -1;
            }
            total += r;
        }
    }
    store_alert_free_list(s.v, s.n);
    return total;
}

/* --- delivery ----------------------------------------------------------------- */

static size_t sink(char *p, size_t s, size_t n, void *arg)
{
    (void)p, (void)arg;
    return s * n;
}

static void common_opts(CURL *h)
{
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 30000L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
}

static int post_webhook(const char *url, const char *text)
{
    if (!url_is_http(url)) {
        char *shown = url_redact(url); /* the path of a Slack URL is its token */
        error("alerts: webhook '%s' is not an http(s) URL", shown);
        free(shown);
        return -1;
    }
    json_t *j = json_pack("{s:s}", "text", text);
    char *body = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    CURL *h = curl_easy_init();
    struct curl_slist *hd = curl_slist_append(NULL, "Content-Type: application/json");
    char eb[CURL_ERROR_SIZE] = "";
    common_opts(h);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, eb);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(h);
    curl_slist_free_all(hd);
    free(body);
    if (rc != CURLE_OK)
        return error("alerts: webhook: %s", eb[0] ? eb : curl_easy_strerror(rc));
    if (status < 200 || status >= 300)
        return error("alerts: webhook answered http %ld", status);
    return 0;
}

struct upload {
    const char *p;
    size_t left;
};

static size_t read_cb(char *buf, size_t s, size_t n, void *arg)
{
    struct upload *u = arg;
    size_t k = s * n < u->left ? s * n : u->left;
    memcpy(buf, u->p, k);
    u->p += k;
    u->left -= k;
    return k;
}

/* Only what an address may hold: a config typo must not become a header. */
static int clean_addr(const char *a)
{
    for (const char *p = a; *p; p++)
        if (*p == '\r' || *p == '\n' || *p == '<' || *p == '>' || *p == ',')
            return 0;
    return strchr(a, '@') != NULL;
}

static int send_mail(const struct ini *cfg, const char *text, size_t count)
{
    const char *url = ini_get(cfg, "alerts", "smtp_url", "smtp://127.0.0.1:25");
    const char *to = ini_get(cfg, "alerts", "email_to", NULL);
    const char *from = ini_get(cfg, "alerts", "email_from", "serptrack@localhost");
    const char *user = ini_get(cfg, "alerts", "smtp_user", NULL);
    const char *pass = ini_get(cfg, "alerts", "smtp_password", NULL);
    if (pass)
        util_register_secret(pass);
    if (strncasecmp(url, "smtp://", 7) != 0 && strncasecmp(url, "smtps://", 8) != 0) {
        char *shown = url_redact(url); /* smtp://user:PASS@host is common */
        error("alerts: smtp_url '%s' is not smtp:// or smtps://", shown);
        free(shown);
        return -1;
    }
    if (!clean_addr(to) || !clean_addr(from))
        return error("alerts: email_to and email_from must be plain addresses");
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    char *msg = xasprintf("Date: %s\r\nTo: <%s>\r\nFrom: <%s>\r\nSubject: serptrack: %zu rank "
                          "alert%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
                          date, to, from, count, count == 1 ? "" : "s", text);
    struct upload up = {msg, strlen(msg)};
    CURL *h = curl_easy_init();
    char eb[CURL_ERROR_SIZE] = "";
    struct curl_slist *rcpt = NULL;
    char *rto = xasprintf("<%s>", to), *rfrom = xasprintf("<%s>", from);
    rcpt = curl_slist_append(rcpt, rto);
    common_opts(h);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, rfrom);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h, CURLOPT_READDATA, &up);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, eb);
    if (user)
        curl_easy_setopt(h, CURLOPT_USERNAME, user);
    if (pass)
        curl_easy_setopt(h, CURLOPT_PASSWORD, pass);
    if (util_starts_with(url, "smtp://") && user)
        curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    curl_slist_free_all(rcpt);
    free(rto);
    free(rfrom);
    free(msg);
    if (rc != CURLE_OK)
        return error("alerts: email: %s", eb[0] ? eb : curl_easy_strerror(rc));
    return 0;
}

int alerting_deliver(struct cmd_ctx *ctx)
{
    struct store_alert *v = NULL;
    size_t n = 0;
    if (store_alert_list(ctx->st, 0, &v, &n) != 0)
        return -1;
    strbuf text = STRBUF_INIT;
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (!v[i].sent) {
            sb_addf(&text, "%s%s", count ? "\n" : "", v[i].message);
            count++;
        }
    int rc = 0;
    if (count) {
        const char *hook = ini_get(&ctx->cfg, "alerts", "webhook", NULL);
        const char *to = ini_get(&ctx->cfg, "alerts", "email_to", NULL);
        if (hook && *hook && post_webhook(hook, sb_str(&text)) != 0)
            rc = -1;
        if (rc == 0 && to && *to && send_mail(&ctx->cfg, sb_str(&text), count) != 0)
            rc = -1;
        for (size_t i = 0; rc == 0 && i < n; i++)
            if (!v[i].sent && store_alert_mark_sent(ctx->st, v[i].id) != 0)
                rc = -1;
    }
    sb_release(&text);
    store_alert_free_list(v, n);
    return rc;
}
