/* alerting.c - rank alert rules and delivery. Rules ([alerts]): drop = N
 * positions, top3 / top10 (left or entered), local_pack (site left the
 * pack), blocked_days = K (no ok check for K days). Delivery: JSON POST
 * {"text": ...} to webhook (Slack-compatible) and mail through libcurl's
 * SMTP (smtp_url, smtp_user, smtp_password, email_from, email_to). */
#include <curl/curl.h>
#include <stdarg.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "alerting.h"
#include "store.h"
#include "url.h"
#include "util.h"

#define DAY 86400
#define ALERT_ERR_SIZE 512

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

/* Whether the site was in the pack at that check, by the rank row the
 * matcher stored (website, business name or phone), so this alert agrees
 * with rank and report: PACK_IN, PACK_OUT, PACK_UNKNOWN (no row), -1. */
enum { PACK_UNKNOWN, PACK_IN, PACK_OUT };
static int pack_state(struct cmd_ctx *ctx, const struct store_keyword *k, time_t at)
{
    int local;
    int got = store_rank_local_at(ctx->st, k->site, k->id, at, &local);
    if (got <= 0)
        return got < 0 ? -1 : PACK_UNKNOWN;
    return local > 0 || local == STORE_PACK_UNKNOWN ? PACK_IN : PACK_OUT;
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
            int was = pack_state(ctx, k, prev->checked_at);
            int is = was == PACK_IN ? pack_state(ctx, k, cur->checked_at) : PACK_UNKNOWN;
            if (was < 0 || is < 0)
                r = -1;
            else if (was == PACK_IN && is == PACK_OUT)
                r = raise_alert(ctx, s, now, k, "lost_local", "left the local pack");
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

int alerting_evaluate(struct cmd_ctx *ctx, time_t now)
{
    struct store_new_check *v = NULL;
    size_t nv = 0;
    long long upto = 0;
    struct seen s = {0};
    /* One transaction: the alerts and the watermark that says they were
     * raised commit together, so a kill never raises them twice or never. */
    if (store_begin(ctx->st) != 0)
        return -1;
    if (store_checks_unevaluated(ctx->st, &v, &nv, &upto) != 0 ||
        store_alert_list(ctx->st, util_day_start(now), &s.v, &s.n) != 0) {
        store_rollback(ctx->st);
        free(v);
        return -1;
    }
    int total = 0;
    /* rank rules first, then blocked, as the alerts were always ordered */
    for (size_t pass = 0; pass < 2 && total >= 0; pass++)
        for (size_t i = 0; i < nv && total >= 0; i++) {
            /* the rank rules compare the two latest ok checks: only a new ok
             * check can change them; blocked looks at the failures itself */
            if (pass == 0 && !v[i].ok)
                continue;
            struct store_keyword k;
            memset(&k, 0, sizeof k);
            int got = store_kw_get(ctx->st, v[i].keyword_id, &k);
            if (got < 0) {
                total = -1;
                break;
            }
            if (got == 0)
                continue;
            int r = pass ? blocked_rule(ctx, &s, now, &k) : rules_for(ctx, &s, now, &k);
            store_keyword_release(&k);
            total = r < 0 ? -1 : total + r;
        }
    if (total >= 0 && store_alert_watermark_set(ctx->st, upto) != 0)
        total = -1;
    if (total >= 0 && store_commit(ctx->st) != 0)
        total = -1;
    if (total < 0)
        store_rollback(ctx->st);
    store_alert_free_list(s.v, s.n);
    free(v);
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

/* Formats a transport failure into err (the caller prints and records
 * it); returns -1. */
__attribute__((format(printf, 2, 3))) static int fail(char err[ALERT_ERR_SIZE], const char *fmt,
                                                      ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, ALERT_ERR_SIZE, fmt, ap);
    va_end(ap);
    return -1;
}

static int post_webhook(const char *url, const char *text, char err[ALERT_ERR_SIZE])
{
    if (!url_is_http(url)) {
        char *shown = url_redact(url); /* the path of a Slack URL is its token */
        fail(err, "webhook '%s' is not an http(s) URL", shown);
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
        return fail(err, "webhook: %s", eb[0] ? eb : curl_easy_strerror(rc));
    if (status < 200 || status >= 300)
        return fail(err, "webhook answered http %ld", status);
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

char *alerting_mail_text(const char *date, const char *from, const char *to,
                         const char *const *lines, size_t n)
{
    strbuf m = STRBUF_INIT;
    sb_addf(&m,
            "Date: %s\r\nTo: <%s>\r\nFrom: <%s>\r\nSubject: serptrack: %zu rank alert%s\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n",
            date, to, from, n, n == 1 ? "" : "s");
    /* SMTP wants CRLF everywhere (strict servers refuse a bare LF), so any
     * line break inside a line becomes CRLF too. No dot-stuffing here:
     * libcurl's SMTP upload turns CRLF "." into CRLF ".." itself, and
     * doing it twice would show the reader "..". */
    for (size_t i = 0; i < n; i++) {
        for (const char *p = lines[i]; *p; p++) {
            if (*p == '\r' || *p == '\n') {
                if (*p == '\r' && p[1] == '\n')
                    p++;
                sb_add(&m, "\r\n", 2);
            } else
                sb_addc(&m, *p);
        }
        sb_add(&m, "\r\n", 2);
    }
    char *out = xstrdup(sb_str(&m));
    sb_release(&m);
    return out;
}

static int send_mail(const struct ini *cfg, const char *const *lines, size_t count,
                     char err[ALERT_ERR_SIZE])
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
        fail(err, "smtp_url '%s' is not smtp:// or smtps://", shown);
        free(shown);
        return -1;
    }
    if (!clean_addr(to) || !clean_addr(from))
        return fail(err, "email_to and email_from must be plain addresses");
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    char *msg = alerting_mail_text(date, from, to, lines, count);
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
        return fail(err, "email: %s", eb[0] ? eb : curl_easy_strerror(rc));
    return 0;
}

/* Sends the alerts still queued for one channel in one message, records
 * the attempt per alert, and gives up on those past the caps. Returns 0,
 * or -1 when the channel failed or the store could not record it. */
static int deliver_channel(struct cmd_ctx *ctx, const char *channel, time_t now)
{
    long long max_attempts = ini_get_int(&ctx->cfg, "alerts", "max_attempts", 20, 1, 10000);
    long long max_age = ini_get_int(&ctx->cfg, "alerts", "max_age_days", 3, 1, 3650);
    struct store_alert *v = NULL;
    size_t n = 0;
    if (store_alert_pending(ctx->st, channel, &v, &n) != 0)
        return -1;
    const char **lines = xcalloc(n ? n : 1, sizeof *lines);
    size_t count = 0, gave_up = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (v[i].attempts >= max_attempts || now - v[i].raised_at > (time_t)max_age * DAY) {
            rc = store_alert_give_up(ctx->st, v[i].id, channel, now);
            gave_up++;
        } else
            lines[count++] = v[i].message;
    }
    if (gave_up)
        warn("alerts: gave up %zu alert%s on %s (older than %lld days or tried %lld times)",
             gave_up, gave_up == 1 ? "" : "s", channel, max_age, max_attempts);
    if (rc == 0 && count) {
        char err[ALERT_ERR_SIZE] = "";
        int sent;
        if (util_streq(channel, "webhook")) {
            strbuf text = STRBUF_INIT;
            for (size_t i = 0; i < count; i++)
                sb_addf(&text, "%s%s", i ? "\n" : "", lines[i]);
            sent = post_webhook(ini_get(&ctx->cfg, "alerts", "webhook", ""), sb_str(&text), err);
            sb_release(&text);
        } else
            sent = send_mail(&ctx->cfg, lines, count, err);
        if (sent != 0)
            error("alerts: %s", err);
        /* one transaction for the batch: fast, and the record matches what
         * was sent as a whole */
        rc = store_begin(ctx->st);
        for (size_t i = 0, j = 0; i < n && rc == 0 && j < count; i++) {
            if (v[i].message != lines[j])
                continue; /* given up above */
            j++;
            rc = store_alert_attempt(ctx->st, v[i].id, channel, now, sent == 0 ? NULL : err);
            /* the last allowed attempt failed: stop now, not on the next run */
            if (rc == 0 && sent != 0 && v[i].attempts + 1 >= max_attempts)
                rc = store_alert_give_up(ctx->st, v[i].id, channel, now);
        }
        if (rc == 0)
            rc = store_commit(ctx->st);
        else
            store_rollback(ctx->st);
        if (sent != 0)
            rc = -1;
    }
    free(lines);
    store_alert_free_list(v, n);
    return rc;
}

int alerting_deliver(struct cmd_ctx *ctx)
{
    time_t now = util_now();
    const char *hook = ini_get(&ctx->cfg, "alerts", "webhook", NULL);
    const char *to = ini_get(&ctx->cfg, "alerts", "email_to", NULL);
    const char *channels[2];
    size_t nc = 0;
    if (hook && *hook)
        channels[nc++] = "webhook";
    if (to && *to)
        channels[nc++] = "email";
    int rc = 0;
    /* each channel on its own: one that is down must not hold the others */
    for (size_t c = 0; c < nc; c++)
        if (deliver_channel(ctx, channels[c], now) != 0)
            rc = -1;
    /* sent = every configured channel delivered or given up */
    struct store_alert *all = NULL, *p[2] = {NULL, NULL};
    size_t na = 0, np[2] = {0, 0};
    if (store_alert_pending(ctx->st, NULL, &all, &na) != 0)
        return -1;
    for (size_t c = 0; c < nc; c++)
        if (store_alert_pending(ctx->st, channels[c], &p[c], &np[c]) != 0)
            rc = -1, na = 0;
    for (size_t i = 0; i < na; i++) {
        int done = 1;
        for (size_t c = 0; c < nc && done; c++)
            for (size_t j = 0; j < np[c] && done; j++)
                done = p[c][j].id != all[i].id;
        if (done && store_alert_mark_sent(ctx->st, all[i].id) != 0)
            rc = -1;
    }
    for (size_t c = 0; c < nc; c++)
        store_alert_free_list(p[c], np[c]);
    store_alert_free_list(all, na);
    return rc;
}

const char *const alerting_kinds[] = {"drop",          "entered_top3", "left_top3",
                                      "entered_top10", "left_top10",   "lost_local",
                                      "blocked",       NULL};
