/* notify.c - delivery of raised alerts: JSON POST {"text": ...} to a
 * webhook (Slack-compatible) and mail through libcurl's SMTP (smtp_url,
 * smtp_user, smtp_password, email_from, email_to), each channel on its
 * own with its attempts recorded in the store. Failures go to the
 * caller's sink, never to the terminal. */
#include <curl/curl.h>
#include <jansson.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "store.h"
#include "track.h"
#include "url.h"
#include "util.h"

#define ALERT_ERR_SIZE 512

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

char *track_notify_mail_text(const char *date, const char *from, const char *to,
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

static int send_mail(const struct config *cfg, const char *const *lines, size_t count,
                     char err[ALERT_ERR_SIZE])
{
    const char *url = cfg->alerts.smtp_url;
    const char *to = cfg->alerts.email_to;
    const char *from = cfg->alerts.email_from;
    const char *user = cfg->alerts.smtp_user;
    const char *pass = cfg->alerts.smtp_password;
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
    char *msg = track_notify_mail_text(date, from, to, lines, count);
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
static int deliver_channel(store *st, const struct config *cfg, const struct track_sink *out,
                           const char *channel, time_t now)
{
    long long max_attempts = cfg->alerts.max_attempts;
    long long max_age = cfg->alerts.max_age_days;
    struct store_alert *v = NULL;
    size_t n = 0;
    if (store_alert_pending(st, channel, &v, &n) != 0)
        return track_store_say(st, out);
    const char **lines = xcalloc(n ? n : 1, sizeof *lines);
    size_t count = 0, gave_up = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (v[i].attempts >= max_attempts || now - v[i].raised_at > (time_t)max_age * DAY_SECS) {
            rc = store_alert_give_up(st, v[i].id, channel, now);
            gave_up++;
        } else
            lines[count++] = v[i].message;
    }
    track_store_say(st, out); /* a give-up not recorded */
    if (gave_up)
        track_say(out, TRACK_WARN,
            "alerts: gave up %zu alert%s on %s (older than %lld days or tried %lld times)", gave_up,
            gave_up == 1 ? "" : "s", channel, max_age, max_attempts);
    if (rc == 0 && count) {
        char err[ALERT_ERR_SIZE] = "";
        int sent;
        if (util_streq(channel, "webhook")) {
            strbuf text = STRBUF_INIT;
            for (size_t i = 0; i < count; i++)
                sb_addf(&text, "%s%s", i ? "\n" : "", lines[i]);
            sent = post_webhook(cfg->alerts.webhook ? cfg->alerts.webhook : "", sb_str(&text), err);
            sb_release(&text);
        } else
            sent = send_mail(cfg, lines, count, err);
        if (sent != 0)
            track_say(out, TRACK_ERROR, "alerts: %s", err);
        /* one transaction for the batch: fast, and the record matches what
         * was sent as a whole */
        rc = store_begin(st);
        for (size_t i = 0, j = 0; i < n && rc == 0 && j < count; i++) {
            if (v[i].message != lines[j])
                continue; /* given up above */
            j++;
            rc = store_alert_attempt(st, v[i].id, channel, now, sent == 0 ? NULL : err);
            /* the last allowed attempt failed: stop now, not on the next run */
            if (rc == 0 && sent != 0 && v[i].attempts + 1 >= max_attempts)
                rc = store_alert_give_up(st, v[i].id, channel, now);
        }
        if (rc == 0)
            rc = store_commit(st);
        else
            store_rollback(st);
        if (rc != 0)
            track_store_say(st, out);
        if (sent != 0)
            rc = -1;
    }
    free(lines);
    store_alert_free_list(v, n);
    return rc;
}

int track_notify_deliver(store *st, const struct config *cfg, const struct track_sink *out)
{
    time_t now = util_now();
    const char *hook = cfg->alerts.webhook;
    const char *to = cfg->alerts.email_to;
    const char *channels[2];
    size_t nc = 0;
    if (hook && *hook)
        channels[nc++] = "webhook";
    if (to && *to)
        channels[nc++] = "email";
    int rc = 0;
    /* each channel on its own: one that is down must not hold the others */
    for (size_t c = 0; c < nc; c++)
        if (deliver_channel(st, cfg, out, channels[c], now) != 0)
            rc = -1;
    /* sent = every configured channel delivered or given up */
    struct store_alert *all = NULL, *p[2] = {NULL, NULL};
    size_t na = 0, np[2] = {0, 0};
    if (store_alert_pending(st, NULL, &all, &na) != 0)
        return track_store_say(st, out);
    for (size_t c = 0; c < nc; c++)
        if (store_alert_pending(st, channels[c], &p[c], &np[c]) != 0)
            rc = track_store_say(st, out), na = 0;
    for (size_t i = 0; i < na; i++) {
        int done = 1;
        for (size_t c = 0; c < nc && done; c++)
            for (size_t j = 0; j < np[c] && done; j++)
                done = p[c][j].id != all[i].id;
        if (done && store_alert_mark_sent(st, all[i].id) != 0)
            rc = track_store_say(st, out);
    }
    for (size_t c = 0; c < nc; c++)
        store_alert_free_list(p[c], np[c]);
    store_alert_free_list(all, na);
    return rc;
}
