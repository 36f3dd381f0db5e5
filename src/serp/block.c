/* block.c - block detection shared by the engines: rate limits, captcha
 * and bot challenges, consent walls, JavaScript shells, empty and cut-off
 * pages, and telling a genuine "no results" page apart from all of them.
 * A blocked page must never be stored as "not ranked" (DESIGN.md). */
#include <string.h>

#include "dom.h"

/* Markup that only challenge pages carry: each engine's own (its
 * descriptor's captcha_marks) and these shared ones (reCAPTCHA, Cloudflare
 * challenges and Turnstile). Matched exactly on the raw bytes (fast: this
 * runs on every page), so a page whose *results* mention captchas in their
 * text is not caught: these are attribute values and form actions, not
 * prose. Every engine's marks apply to every page: a challenge looks the
 * same whichever engine we asked. */
static const char *const captcha_marks[] = {
    "class=\"g-recaptcha\"",
    "id=\"recaptcha\"",
    "cf-challenge",
    "challenge-form",
    "action=\"/challenge/verify",
    "turnstile-widget",
    "class=\"captcha\"",
    "class=\"captcha ",
    NULL,
};

/* Consent walls are engines' own: see their consent_marks. */
static const char *const consent_marks[] = {NULL};

static const char *const js_marks[] = {
    "please click here if you are not redirected",
    "enable javascript to continue",
    "please enable javascript",
    "you need to enable javascript",
    "turn on javascript",
    "javascript is disabled",
    NULL,
};

/* The page an engine serves a client it thinks too old or too odd instead
 * of results ("update your browser"). Google's wording has changed over
 * the years, so the family is matched, not one sentence; only pages
 * without results are scanned, so a result that quotes it is safe. */
static const char *const old_browser_marks[] = {
    "update your browser",
    "upgrade your browser",
    "browser is no longer supported",
    "browser isn't supported",
    "browser isn&#39;t supported",
    "browser isn\xe2\x80\x99t supported",
    "browser is not supported",
    "unsupported browser",
    "switch to a supported browser",
    "use a supported browser",
    NULL,
};

/* "No results" pages are engines' own: see their no_results_marks. */
static const char *const no_results_marks[] = {NULL};

/* Which list of a descriptor (and of the shared lists above). */
enum mark_kind { MARK_CAPTCHA, MARK_CONSENT, MARK_JS, MARK_NO_RESULTS };

static int in_list(const char *buf, size_t len, const char *const *marks, int ci)
{
    for (size_t i = 0; marks && marks[i]; i++)
        if (ci ? dom_bytes_contain_ci(buf, len, marks[i]) : dom_bytes_contain(buf, len, marks[i]))
            return 1;
    return 0;
}

static int any_mark(const char *buf, size_t len, const char *const *marks, size_t n, int ci)
{
    for (size_t i = 0; i < n; i++)
        if (ci ? dom_bytes_contain_ci(buf, len, marks[i]) : dom_bytes_contain(buf, len, marks[i]))
            return 1;
    return 0;
}

/* The shared list of kind, then every engine's. */
static int any_engine_mark(const char *buf, size_t len, enum mark_kind kind, int ci)
{
    static const char *const *const shared[] = {captcha_marks, consent_marks, js_marks,
                                                no_results_marks};
    if (in_list(buf, len, shared[kind], ci))
        return 1;
    for (size_t i = 0; i < serp_n_engines; i++) {
        const struct serp_engine_desc *d = serp_engine_table[i];
        const char *const *l = kind == MARK_CAPTCHA      ? d->captcha_marks
                               : kind == MARK_CONSENT    ? d->consent_marks
                               : kind == MARK_NO_RESULTS ? d->no_results_marks
                                                         : d->js_marks;
        if (in_list(buf, len, l, ci))
            return 1;
    }
    return 0;
}

/* An engine's own JavaScript shell (outranks a consent form it may carry). */
static int js_shell(const char *buf, size_t len)
{
    for (size_t i = 0; i < serp_n_engines; i++) {
        const char *m = serp_engine_table[i]->js_shell;
        if (m && dom_bytes_contain(buf, len, m))
            return 1;
    }
    return 0;
}

int serp_not_html(const char *buf, size_t len)
{
    size_t n = len < 8192 ? len : 8192, ctl = 0, tags = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 32 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            ctl++;
        if (c == '<' && i + 1 < len &&
            (buf[i + 1] == '/' || buf[i + 1] == '!' ||
             ((buf[i + 1] | 0x20) >= 'a' && (buf[i + 1] | 0x20) <= 'z')))
            tags++;
    }
    /* A page with a few stray NULs is still a page; mostly control bytes
     * (images, archives, executables) or no tag at all is not. UTF-16
     * pages are half NULs, but libxml2 sniffs them only with a BOM. */
    int utf16 = len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                             ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF));
    if (utf16)
        return 0;
    return tags == 0 || ctl * 10 > n;
}

static int captcha_page(const char *buf, size_t len)
{
    /* Every captcha mark contains one of these; a few fast scans before
     * the full list. */
    static const char *const pre[] = {"captcha", "sorry/", "unusual traffic", "anomaly",
                                      "challenge", "turnstile"};
    return any_mark(buf, len, pre, ARRAY_SIZE(pre), 0) &&
           any_engine_mark(buf, len, MARK_CAPTCHA, 0);
}

enum serp_block serp_block_before(const char *buf, size_t len, int http_status)
{
    /* Google serves its /sorry/ captcha with a 429: the page says more
     * than the status (the operator needs other IPs, not just patience). */
    if (http_status == 429 || http_status == 503)
        return buf && captcha_page(buf, len) ? SERP_BLOCK_CAPTCHA : SERP_BLOCK_RATE_LIMITED;
    size_t i = 0;
    while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
        i++;
    if (i == len)
        return SERP_BLOCK_EMPTY;
    return SERP_BLOCK_NONE;
}

/* 1 when the document's end is missing: neither </body> nor </html> in the
 * tail (browsers and engines always send them; a cut connection does not). */
static int cut_off(const char *buf, size_t len)
{
    size_t tail = len < 65536 ? len : 65536;
    const char *t = buf + len - tail;
    return !dom_bytes_contain_ci(t, tail, "</html") && !dom_bytes_contain_ci(t, tail, "</body");
}

void serp_block_after(const char *buf, size_t len, struct serp_page *page)
{
    if (page->block)
        return;
    /* A challenge page has no results, so only pages without any are
     * scanned for challenge markup: results pages (megabytes) skip it. */
    if (page->n_organic == 0 && captcha_page(buf, len)) {
        page->block = SERP_BLOCK_CAPTCHA;
        return;
    }
    if (cut_off(buf, len)) {
        page->block = SERP_BLOCK_TRUNCATED;
        return;
    }
    if (page->n_organic > 0)
        return;
    /* every engine's: an empty page says so in its own words whichever
     * engine we asked (and only pages without results get here) */
    if (any_engine_mark(buf, len, MARK_NO_RESULTS, 1)) {
        page->no_results = 1;
        return;
    }
    if (in_list(buf, len, old_browser_marks, 1)) {
        page->block = SERP_BLOCK_UNSUPPORTED_BROWSER;
        return;
    }
    /* An engine's own shell first (a consent page may carry a generic
     * "enable JavaScript" noscript line, the shell no consent form). */
    int shell = js_shell(buf, len);
    if (!shell && any_engine_mark(buf, len, MARK_CONSENT, 1))
        page->block = SERP_BLOCK_CONSENT;
    else if (shell || any_engine_mark(buf, len, MARK_JS, 1))
        page->block = SERP_BLOCK_JAVASCRIPT;
    else
        page->block = SERP_BLOCK_EMPTY;
}
