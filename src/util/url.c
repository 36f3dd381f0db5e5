/* url.c - hosts and registrable domains via libcurl's URL API, libidn2
 * and libpsl. */
#include <arpa/inet.h>
#include "url.h"

#include <ctype.h>
#include <curl/curl.h>
#include <idn2.h>
#include <libpsl.h>
#include <string.h>

#include "util.h"

int url_is_http(const char *url)
{
    if (!url)
        return 0;
    return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

/* A bare host name as a user types it ("example.com", an IDN in UTF-8):
 * only letters, digits, '-', '_' and '.', or valid UTF-8 beyond ASCII, and
 * at least one dot. Anything else (quotes, spaces, control characters,
 * shell or HTML metacharacters, broken UTF-8) is not a host, so a site can
 * never be stored under such a name. */
static int bare_host_ok(const char *s)
{
    if (!strchr(s, '.') || !util_utf8_valid(s, strlen(s)))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80 && !isalnum(*p) && *p != '-' && *p != '_' && *p != '.')
            return 0;
    return 1;
}

/* Whether the authority (from s to the first '/', '?' or '#') is free of
 * backslashes, spaces and control characters. Browsers read a backslash as
 * a '/' where libcurl reads it as user-info: "https://evil.io\@example.com/"
 * opens evil.io but parses as example.com. Such a URL has no host. */
static int authority_clean(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p && !strchr("/?#", *p); p++)
        if (*p == '\\' || *p <= 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* One form for every host: lower-case A-labels, so "BÜCHER.DE", "bücher.de"
 * and "xn--bcher-kva.de" are one site and match each other's results. UTS
 * #46 non-transitional mapping, as browsers resolve names. ASCII hosts are
 * only lower-cased (libidn2 would refuse "_" that engines do return); a
 * non-ASCII name IDNA refuses is no host. Takes host; returns it or a new
 * string (owned by the caller), NULL when refused. */
static char *host_ascii(char *host)
{
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)host; *p; p++)
        ascii &= *p < 0x80;
    if (ascii) {
        util_lower(host);
        return host;
    }
    char *a = NULL;
    int rc = util_utf8_valid(host, strlen(host))
                 ? idn2_to_ascii_8z(host, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL)
                 : IDN2_ENCODING_ERROR;
    free(host);
    if (rc != IDN2_OK) {
        idn2_free(a);
        return NULL;
    }
    char *out = xstrdup(a);
    idn2_free(a);
    util_lower(out);
    return out;
}

char *url_host_unicode(const char *host)
{
    if (!host)
        return NULL;
    char *u = NULL;
    if (!strstr(host, "xn--") || idn2_to_unicode_8z8z(host, &u, 0) != IDN2_OK) {
        idn2_free(u);
        return NULL;
    }
    char *out = strcmp(u, host) ? xstrdup(u) : NULL;
    idn2_free(u);
    return out;
}

char *url_host(const char *url)
{
    if (!url || !*url)
        return NULL;
    char *host = NULL;
    if (url_is_http(url) || util_starts_with(url, "//")) {
        if (!authority_clean(strstr(url, "//") + 2))
            return NULL;
        CURLU *u = curl_url();
        char *tmp = util_starts_with(url, "//") ? xasprintf("https:%s", url) : NULL;
        if (curl_url_set(u, CURLUPART_URL, tmp ? tmp : url, CURLU_NON_SUPPORT_SCHEME) ==
            CURLUE_OK) {
            char *h = NULL;
            if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h) {
                host = xstrdup(h);
                curl_free(h);
            }
        }
        free(tmp);
        curl_url_cleanup(u);
    } else if (bare_host_ok(url)) {
        host = xstrdup(url);
    }
    if (host) {
        size_t l = strlen(host);
        if (l && host[l - 1] == '.')
            host[l - 1] = '\0';
        if (!*host) {
            free(host);
            host = NULL;
        }
    }
    return host ? host_ascii(host) : NULL;
}

char *url_domain(const char *url_or_host)
{
    char *host = url_host(url_or_host);
    if (!host)
        return NULL;
    /* An IP address has no registrable part: "192.168.0.1" must not become "0.1". */
    unsigned char addr[16];
    if (inet_pton(AF_INET, host, addr) == 1 || strchr(host, ':'))
        return host;
    const psl_ctx_t *psl = psl_builtin();
    const char *reg = psl ? psl_registrable_domain(psl, host) : NULL;
    char *out = xstrdup(reg ? reg : host);
    free(host);
    return out;
}

int url_matches_site(const char *url, const char *site)
{
    char *a = url_domain(url), *b = url_domain(site);
    int m = a && b && strcmp(a, b) == 0;
    free(a);
    free(b);
    return m;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

char *url_decode(const char *s, size_t len)
{
    strbuf sb = STRBUF_INIT;
    sb_add(&sb, "", 0);
    for (size_t i = 0; i < len; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < len && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
            (l = hexval((unsigned char)s[i + 2])) >= 0) {
            char c = (char)(h * 16 + l);
            if (c != '\0')
                sb_addc(&sb, c);
            i += 2;
        } else {
            sb_addc(&sb, s[i]);
        }
    }
    char *raw = sb_detach(&sb);
    char *clean = util_utf8_sanitize(raw, strlen(raw));
    free(raw);
    return clean;
}

char *url_encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    strbuf sb = STRBUF_INIT;
    sb_add(&sb, "", 0);
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            sb_addc(&sb, (char)*p);
        } else {
            sb_addc(&sb, '%');
            sb_addc(&sb, hex[*p >> 4]);
            sb_addc(&sb, hex[*p & 15]);
        }
    }
    return sb_detach(&sb);
}

char *url_query_param(const char *url, const char *name)
{
    if (!url || !name)
        return NULL;
    const char *q = strchr(url, '?');
    if (!q)
        return NULL;
    size_t nl = strlen(name);
    for (const char *p = q + 1; *p;) {
        const char *end = p + strcspn(p, "&#");
        if ((size_t)(end - p) > nl && strncmp(p, name, nl) == 0 && p[nl] == '=')
            return url_decode(p + nl + 1, (size_t)(end - p - (ptrdiff_t)nl - 1));
        if (*end != '&')
            break;
        p = end + 1;
    }
    return NULL;
}

/* A path segment, query value or fragment that looks like a credential:
 * long and opaque, or mixing letters and digits (Slack's T.../B.../token
 * segments, API keys). Plain words like "services" or "search" stay. */
static int token_like(const char *s, size_t n)
{
    int alpha = 0, digit = 0;
    for (size_t i = 0; i < n; i++) {
        alpha |= isalpha((unsigned char)s[i]) != 0;
        digit |= isdigit((unsigned char)s[i]) != 0;
    }
    return n >= 20 || (n >= 6 && alpha && digit);
}

/* Query parameter names whose value is a credential whatever it looks like. */
static int secret_name(const char *s, size_t n)
{
    static const char *const words[] = {"key", "token", "secret", "pass", "pwd",
                                        "auth", "sig", "cred", "session"};
    char name[64];
    if (n >= sizeof name)
        n = sizeof name - 1;
    for (size_t i = 0; i < n; i++)
        name[i] = (char)tolower((unsigned char)s[i]);
    name[n] = '\0';
    for (size_t i = 0; i < ARRAY_SIZE(words); i++)
        if (strstr(name, words[i]))
            return 1;
    return 0;
}

char *url_redact(const char *url)
{
    if (!url)
        return NULL;
    strbuf sb = STRBUF_INIT;
    sb_add(&sb, "", 0);
    const char *p = url;
    const char *sep = strstr(url, "://");
    if (sep && sep > url && strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789+-.") == (size_t)(sep - url)) {
        sb_add(&sb, url, (size_t)(sep + 3 - url));
        p = sep + 3;
    }
    /* authority: user-info up to the last '@' before the path */
    size_t alen = strcspn(p, "/?#");
    const char *at = NULL;
    for (const char *q = p; q < p + alen; q++)
        if (*q == '@')
            at = q;
    if (at) {
        const char *colon = memchr(p, ':', (size_t)(at - p));
        if (colon) {
            sb_add(&sb, p, (size_t)(colon + 1 - p));
            sb_adds(&sb, "***");
        } else if (token_like(p, (size_t)(at - p))) {
            sb_adds(&sb, "***"); /* https://TOKEN@host */
        } else {
            sb_add(&sb, p, (size_t)(at - p));
        }
        sb_addc(&sb, '@');
        alen -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    sb_add(&sb, p, alen);
    p += alen;
    while (*p == '/') {
        sb_addc(&sb, '/');
        p++;
        size_t n = strcspn(p, "/?#");
        if (token_like(p, n))
            sb_adds(&sb, "***");
        else
            sb_add(&sb, p, n);
        p += n;
    }
    if (*p == '?') {
        sb_addc(&sb, '?');
        p++;
        while (*p && *p != '#') {
            size_t n = strcspn(p, "&#");
            const char *eq = memchr(p, '=', n);
            if (eq) {
                size_t vn = n - (size_t)(eq + 1 - p);
                sb_add(&sb, p, (size_t)(eq + 1 - p));
                if (vn && (secret_name(p, (size_t)(eq - p)) || token_like(eq + 1, vn)))
                    sb_adds(&sb, "***");
                else
                    sb_add(&sb, eq + 1, vn);
            } else if (token_like(p, n)) {
                sb_adds(&sb, "***");
            } else {
                sb_add(&sb, p, n);
            }
            p += n;
            if (*p == '&') {
                sb_addc(&sb, '&');
                p++;
            }
        }
    }
    if (*p == '#') {
        sb_addc(&sb, '#');
        p++;
        sb_adds(&sb, token_like(p, strlen(p)) ? "***" : p);
    }
    char *out = sb_detach(&sb);
    util_mask_secrets(out); /* a registered secret that looked like a word */
    return out;
}
