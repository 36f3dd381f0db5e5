/* util.c - small helpers for the SERP simulator: a growable buffer with
 * HTML/JSON/URL escaping, form-urlencoded parameters, a stable hash. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static void buf_grow(struct buf *b, size_t need)
{
    if (b->len + need + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + need + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("serpsim: out of memory\n", stderr);
        abort();
    }
    b->p = p;
    b->cap = cap;
}

void buf_addn(struct buf *b, const char *s, size_t n)
{
    buf_grow(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void buf_add(struct buf *b, const char *s)
{
    buf_addn(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_html(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': buf_add(b, "&lt;"); break;
        case '>': buf_add(b, "&gt;"); break;
        case '&': buf_add(b, "&amp;"); break;
        case '"': buf_add(b, "&quot;"); break;
        case '\'': buf_add(b, "&#39;"); break;
        default: buf_addn(b, s, 1);
        }
    }
}

void buf_json(struct buf *b, const char *s)
{
    buf_add(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            buf_addn(b, "\\", 1);
            buf_addn(b, s, 1);
        } else if (c < 0x20) {
            buf_printf(b, "\\u%04x", c);
        } else {
            buf_addn(b, s, 1);
        }
    }
    buf_add(b, "\"");
}

void buf_urlenc(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_addn(b, s, 1);
        } else if (c == ' ') {
            buf_add(b, "+");
        } else {
            char t[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_addn(b, t, 3);
        }
    }
}

void buf_b64(struct buf *b, const char *s, int urlsafe)
{
    const char *al = urlsafe ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                             : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
        char t[4] = {al[v >> 18 & 63], al[v >> 12 & 63], al[v >> 6 & 63], al[v & 63]};
        buf_addn(b, t, i + 2 < n ? 4 : i + 1 < n ? 3 : 2);
    }
}

void buf_free(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        fputs("serpsim: out of memory\n", stderr);
        abort();
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Replaces bytes that are not part of valid UTF-8 with '?', so nothing a
 * client sends can make the JSON or XML we echo it into invalid. */
static void utf8_fix(char *s)
{
    unsigned char *p = (unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 && *p >= 0xC2 ? 1 : (*p & 0xF0) == 0xE0 ? 2
              : (*p & 0xF8) == 0xF0 && *p <= 0xF4 ? 3 : -1;
        int ok = n >= 0;
        for (int i = 1; ok && i <= n; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (!ok) {
            *p++ = '?';
            continue;
        }
        p += n + 1;
    }
}

void params_add(struct params *p, const char *k, const char *v)
{
    if (p->n >= SIM_MAX_PARAMS || !k)
        return;
    p->key[p->n] = xstrndup(k, strlen(k));
    p->val[p->n] = xstrndup(v ? v : "", v ? strlen(v) : 0);
    utf8_fix(p->key[p->n]);
    utf8_fix(p->val[p->n]);
    p->n++;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void url_decode_inplace(char *s)
{
    char *o = s;
    for (char *i = s; *i; i++) {
        if (*i == '+') {
            *o++ = ' ';
        } else if (*i == '%' && hexval(i[1]) >= 0 && hexval(i[2]) >= 0) {
            int v = hexval(i[1]) * 16 + hexval(i[2]);
            /* a NUL would silently end the string: keep it visible instead */
            *o++ = v ? (char)v : '?';
            i += 2;
        } else {
            *o++ = *i;
        }
    }
    *o = '\0';
}

void params_parse(struct params *p, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != '&' && s[j] != ';')
            j++;
        if (j > i) {
            char *kv = xstrndup(s + i, j - i);
            char *eq = strchr(kv, '=');
            char *v = kv + strlen(kv); /* writable: it is decoded in place */
            if (eq) {
                *eq = '\0';
                v = eq + 1;
            }
            url_decode_inplace(kv);
            url_decode_inplace(v);
            if (!params_get(p, kv))
                params_add(p, kv, v);
            free(kv);
        }
        i = j + 1;
    }
}

const char *params_get(const struct params *p, const char *k)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->key[i], k) == 0)
            return p->val[i];
    return NULL;
}

void params_free(struct params *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->key[i]);
        free(p->val[i]);
    }
    p->n = 0;
}

/* FNV-1a then a splitmix64 finaliser: stable across runs and platforms. */
uint64_t sim_hash(const char *s, uint64_t salt)
{
    uint64_t h = 1469598103934665603ULL ^ (salt * 0x9E3779B97F4A7C15ULL);
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return h;
}

double sim_unit(uint64_t h)
{
    return (double)(h >> 11) / 9007199254740992.0;
}
