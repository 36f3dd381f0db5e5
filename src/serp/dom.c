/* dom.c - tree helpers, count and link unwrapping shared by the engine
 * parsers (see dom.h). */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dom.h"
#include "url.h"
#include "util.h"

/* Case-insensitive search for the ASCII needle nd (lower case) in h. */
static const char *find_ci(const char *h, size_t n, const char *nd)
{
    size_t k = strlen(nd);
    for (const char *p = h, *end = h + n; (size_t)(end - p) >= k;) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt || (size_t)(end - lt) < k)
            return NULL;
        if (strncasecmp(lt, nd, k) == 0)
            return lt;
        p = lt + 1;
    }
    return NULL;
}

/* Elements whose bodies no parser reads: raw text (script, style) and
 * inline SVG icons (their paths are a good share of a Google page's
 * nodes). The close tag to look for, or NULL when no such element opens
 * at p. */
static const char *skipped_body(const char *p, size_t n)
{
    static const struct {
        const char *open, *close;
    } tags[] = {{"<script", "</script"}, {"<style", "</style"}, {"<svg", "</svg"}};
    for (size_t i = 0; i < ARRAY_SIZE(tags); i++) {
        size_t k = strlen(tags[i].open);
        if (n > k && strncasecmp(p, tags[i].open, k) == 0 &&
            (p[k] == '>' || p[k] == '/' || isspace((unsigned char)p[k])))
            return tags[i].close;
    }
    return NULL;
}

/* A copy of the page without the bodies of <script>, <style> and <svg>:
 * on a Google page they are most of the bytes, no parser reads them, and
 * libxml2 would copy each into text nodes or elements. Comments are kept
 * whole so a "<script" inside one starts nothing. Tags and everything
 * else stay (an <svg> nested in another ends the skip early: the rest is
 * parsed as usual). */
static char *strip_raw_text(const char *buf, size_t len, size_t *out_len)
{
    char *out = xmalloc(len + 1);
    size_t o = 0, i = 0;
    const char *skip;
    while (i < len) {
        const char *lt = memchr(buf + i, '<', len - i);
        size_t p = lt ? (size_t)(lt - buf) : len;
        memcpy(out + o, buf + i, p - i);
        o += p - i;
        if (!lt)
            break;
        size_t end;
        if (len - p >= 4 && memcmp(buf + p, "<!--", 4) == 0) {
            const char *c = memmem(buf + p + 4, len - p - 4, "-->", 3);
            end = c ? (size_t)(c - buf) + 3 : len;
        } else if ((skip = skipped_body(buf + p, len - p)) != NULL) {
            const char *gt = memchr(buf + p, '>', len - p);
            const char *close = NULL;
            if (gt)
                close = find_ci(gt + 1, len - (size_t)(gt + 1 - buf), skip);
            if (!gt || !close) { /* unterminated: leave it to libxml2 */
                end = len;
            } else {
                end = (size_t)(gt + 1 - buf);
                memcpy(out + o, buf + p, end - p);
                o += end - p;
                i = (size_t)(close - buf);
                continue;
            }
        } else {
            end = p + 1;
        }
        memcpy(out + o, buf + p, end - p);
        o += end - p;
        i = end;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

htmlDocPtr dom_parse(const char *buf, size_t len)
{
    if (!buf || len == 0 || len > (size_t)0x7fffffff)
        return NULL;
    size_t slen;
    char *stripped = strip_raw_text(buf, len, &slen);
    htmlDocPtr doc = slen ? dom_parse_raw(stripped, slen) : NULL;
    free(stripped);
    return doc;
}

htmlDocPtr dom_parse_raw(const char *buf, size_t len)
{
    if (!buf || len == 0 || len > (size_t)0x7fffffff)
        return NULL;
    /* XML_PARSE_HUGE: without it libxml2 stops at the first text node over
     * 10 MB (a giant inline script) and silently drops every result after
     * it. Depth stays bounded (libxml2 caps nesting either way). */
    return htmlReadMemory(buf, (int)len, NULL, NULL,
                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_COMPACT |
                              XML_PARSE_HUGE);
}

int dom_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const char *dom_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        /* HTML attributes hold one text child (or none for bare ones). */
        if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
            return a->children->content ? (const char *)a->children->content : "";
        return "";
    }
    return NULL;
}

/* 1 when the space-separated list has a token equal to cls (or, with
 * prefix, starting with it). */
static int token_in(const char *list, const char *cls, int prefix)
{
    size_t n = strlen(cls);
    const char *p = list;
    while (p && *p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *s = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        size_t l = (size_t)(p - s);
        if (prefix ? (l >= n && memcmp(s, cls, n) == 0) : (l == n && memcmp(s, cls, n) == 0))
            return 1;
    }
    return 0;
}

int dom_class_has(const char *list, const char *cls)
{
    return list && token_in(list, cls, 0);
}

int dom_has_class(const xmlNode *n, const char *cls)
{
    const char *c = dom_attr(n, "class");
    return c && token_in(c, cls, 0);
}

int dom_has_class_prefix(const xmlNode *n, const char *prefix)
{
    const char *c = dom_attr(n, "class");
    return c && token_in(c, prefix, 1);
}

int dom_id_is(const xmlNode *n, const char *id)
{
    const char *v = dom_attr(n, "id");
    return v && strcmp(v, id) == 0;
}

static xmlNode *first_elem(xmlNode *n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

xmlNode *dom_next(const xmlNode *n, const xmlNode *root, int skip_children)
{
    if (!skip_children) {
        xmlNode *c = first_elem(n->children);
        if (c)
            return c;
    }
    while (n && n != root) {
        xmlNode *s = first_elem(n->next);
        if (s)
            return s;
        n = n->parent;
    }
    return NULL;
}

xmlNode *dom_find(const xmlNode *root, dom_pred pred, const void *arg)
{
    if (!root)
        return NULL;
    for (xmlNode *n = dom_next(root, root, 0); n; n = dom_next(n, root, 0))
        if (pred(n, arg))
            return n;
    return NULL;
}

xmlNode *dom_ancestor(const xmlNode *n, const xmlNode *stop, dom_pred pred, const void *arg)
{
    /* Real pages nest well under 256 deep; the cap keeps hostile nesting
     * from making per-link lookups quadratic. */
    int depth = 0;
    for (xmlNode *a = n ? n->parent : NULL; a && a->type == XML_ELEMENT_NODE && depth++ < 256;
         a = a->parent) {
        if (pred(a, arg))
            return a;
        if (a == stop)
            break;
    }
    return NULL;
}

int dom_pred_tag(const xmlNode *n, const void *tag)
{
    return dom_is(n, tag);
}

int dom_pred_class(const xmlNode *n, const void *cls)
{
    return dom_has_class(n, cls);
}

int dom_pred_id(const xmlNode *n, const void *id)
{
    return dom_id_is(n, id);
}

xmlNode *dom_by_id(const xmlDoc *doc, const char *id)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return NULL;
    if (dom_id_is(root, id))
        return root;
    return dom_find(root, dom_pred_id, id);
}

xmlNode *dom_body(const xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return NULL;
    for (xmlNode *c = root->children; c; c = c->next)
        if (dom_is(c, "body"))
            return c;
    return root;
}

static int text_skipped(const xmlNode *n)
{
    return dom_is(n, "script") || dom_is(n, "style") || dom_is(n, "noscript");
}

/* Block boundaries separate words. */
static int text_block(const xmlNode *n)
{
    return dom_is(n, "div") || dom_is(n, "p") || dom_is(n, "li") || dom_is(n, "td");
}

void dom_text_limited(const xmlNode *root, strbuf *sb, size_t max_bytes, size_t max_nodes)
{
    if (!root)
        return;
    if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE) {
        if (root->content)
            sb_adds(sb, (const char *)root->content);
        return;
    }
    if (root->type != XML_ELEMENT_NODE || text_skipped(root))
        return;
    /* Iterative: hostile pages nest elements far deeper than the stack. */
    const xmlNode *n = root->children;
    size_t seen = 0;
    while (n && sb->len < max_bytes && seen++ < max_nodes) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                sb_adds(sb, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            int is_br = dom_is(n, "br");
            if (!is_br && !text_skipped(n) && n->children) {
                n = n->children;
                continue;
            }
            if (is_br || text_block(n)) /* a line break or an empty block separates words */
                sb_addc(sb, ' ');
        }
        /* Next sibling, or climb, closing block elements on the way up. */
        while (n && !n->next) {
            n = n->parent;
            if (!n || n == root) {
                n = NULL;
                break;
            }
            if (text_block(n))
                sb_addc(sb, ' ');
        }
        if (n)
            n = n->next;
    }
    if (text_block(root))
        sb_addc(sb, ' ');
}

void dom_text(const xmlNode *n, strbuf *sb)
{
    dom_text_limited(n, sb, (size_t)-1, (size_t)-1);
}

char *dom_text_dup(const xmlNode *n)
{
    strbuf sb = STRBUF_INIT;
    dom_text(n, &sb);
    char *s = sb_detach(&sb);
    if (!s)
        s = xstrdup("");
    char *c = util_utf8_sanitize(s, strlen(s));
    free(s);
    util_squeeze_space(c);
    return c;
}

char *dom_phone(const xmlNode *e)
{
    for (xmlNode *n = dom_next(e, e, 0); n; n = dom_next(n, e, 0)) {
        const char *href = dom_is(n, "a") ? dom_attr(n, "href") : NULL;
        if (href && strncmp(href, "tel:", 4) == 0) {
            char *t = dom_text_dup(n);
            char *ph = serp_find_phone(t);
            free(t);
            if (!ph)
                ph = serp_find_phone(href + 4);
            if (ph)
                return ph;
        }
    }
    /* leaves only: a parent's text runs its children's together */
    for (xmlNode *n = dom_next(e, e, 0); n; n = dom_next(n, e, 0)) {
        int leaf = 1;
        for (const xmlNode *c = n->children; c && leaf; c = c->next)
            leaf = c->type != XML_ELEMENT_NODE;
        if (!leaf)
            continue;
        char *t = dom_text_dup(n);
        char *ph = serp_find_phone(t);
        free(t);
        if (ph)
            return ph;
    }
    return NULL;
}

int dom_bytes_contain(const char *buf, size_t len, const char *needle)
{
    /* glibc's memmem is vectorised; markup markers have a fixed case. */
    return memmem(buf, len, needle, strlen(needle)) != NULL;
}

int dom_bytes_contain_ci(const char *buf, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0 || n > len)
        return n == 0;
    char lo = (char)tolower((unsigned char)needle[0]), up = (char)toupper((unsigned char)needle[0]);
    const char *p = buf, *end = buf + len - n + 1;
    while (p < end) {
        /* Jump to the next candidate first byte in either case. */
        const char *a = memchr(p, lo, (size_t)(end - p));
        const char *b = lo == up ? NULL : memchr(p, up, (size_t)((a ? a : end) - p));
        const char *c = b ? b : a;
        if (!c)
            return 0;
        if (strncasecmp(c, needle, n) == 0)
            return 1;
        p = c + 1;
    }
    return 0;
}

/* One number with thousands separators starting at *pp; advances *pp. */
static long long count_at(const unsigned char **pp)
{
    const unsigned char *p = *pp;
    long long v = 0;
    for (;;) {
        if (isdigit(*p)) {
            if (v > (long long)9e16) {
                v = -1;
                while (isdigit(*p))
                    p++;
                break;
            }
            v = v * 10 + (*p - '0');
            p++;
            continue;
        }
        /* Thousands separators: , . ' space, NBSP (C2 A0), narrow NBSP
         * (E2 80 AF), thin space (E2 80 89) - but only before 3 digits. */
        size_t sep = 0;
        if (*p == ',' || *p == '.' || *p == '\'' || *p == ' ')
            sep = 1;
        else if (p[0] == 0xC2 && p[1] == 0xA0)
            sep = 2;
        else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89))
            sep = 3;
        if (sep && isdigit(p[sep]) && isdigit(p[sep + 1]) && isdigit(p[sep + 2])) {
            p += sep;
            continue;
        }
        break;
    }
    *pp = p;
    return v;
}

static long long largest(const char *text, int skip_parens)
{
    const unsigned char *p = (const unsigned char *)text;
    long long best = -1;
    int paren = 0;
    while (*p) {
        if (*p == '(' || *p == ')')
            paren += *p == '(' ? 1 : (paren > 0 ? -1 : 0);
        if (!isdigit(*p) || (paren && skip_parens)) {
            p++;
            continue;
        }
        long long v = count_at(&p);
        if (v > best)
            best = v;
    }
    return best;
}

long long serp_parse_count(const char *text)
{
    if (!text)
        return -1;
    /* "Page 2 of about 1,230 results (0.31 seconds)": the count is the
     * largest number in the line, whatever the language's word order, and
     * a parenthesised timing is not it - unless the number is only in
     * parentheses, as review counts are: "(2,345)". */
    long long v = largest(text, 1);
    return v >= 0 ? v : largest(text, 0);
}

int dom_utf8_clean(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf, *end = p + len;
    while (p < end) {
        /* Eight ASCII bytes at a time (no high bit, no zero byte). */
        if (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            uint64_t high = w & 0x8080808080808080ULL;
            uint64_t zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
            if (!high && !zero) {
                p += 8;
                continue;
            }
        }
        unsigned c = *p;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t n;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF)
            n = 2, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 3, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 4, min = 0x10000;
        else
            return 0;
        if ((size_t)(end - p) < n)
            return 0;
        unsigned v = c & (0x7F >> n);
        for (size_t k = 1; k < n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return 0;
            v = (v << 6) | (p[k] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        p += n;
    }
    return 1;
}

/* base64url (or base64) decode without padding requirements; NULL on bad input. */
char *serp_b64url_decode(const char *s)
{
    size_t n = strlen(s);
    char *out = xmalloc(n * 3 / 4 + 4);
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i], v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '-' || c == '+')
            v = 62;
        else if (c == '_' || c == '/')
            v = 63;
        else if (c == '=')
            break;
        else {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (char)((acc >> bits) & 0xff);
        }
    }
    out[o] = 0;
    if (o == 0 || strlen(out) != o) {
        free(out);
        return NULL;
    }
    return out;
}

char *serp_unwrap_url(const char *href, const char *base)
{
    if (!href)
        return NULL;
    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
        href++;
    if (!*href || util_starts_with(href, "#") || util_starts_with(href, "javascript:"))
        return NULL;
    /* Browsers percent-encode spaces and drop tabs/newlines in hrefs
     * (WHATWG URL parsing); do the same so the URL has a host. */
    char *fixed = NULL;
    if (strpbrk(href, " \t\r\n")) {
        strbuf sb = STRBUF_INIT;
        for (const char *c = href; *c; c++) {
            if (*c == ' ')
                sb_adds(&sb, "%20");
            else if (*c != '\t' && *c != '\r' && *c != '\n')
                sb_addc(&sb, *c);
        }
        /* Trailing spaces were trimmed by browsers before encoding. */
        while (sb.len >= 3 && !strcmp(sb.buf + sb.len - 3, "%20"))
            sb.buf[sb.len -= 3] = 0;
        fixed = sb_detach(&sb);
        href = fixed ? fixed : "";
    }
    char *abs;
    if (href[0] == '/' && href[1] == '/')
        abs = xasprintf("https:%s", href);
    else if (href[0] == '/')
        abs = xasprintf("%s%s", base ? base : "", href);
    else
        abs = xstrdup(href);
    free(fixed);
    char *host = url_host(abs);
    if (!host)
        return abs;
    char *path = strstr(abs, "://");
    path = path ? strchr(path + 3, '/') : NULL;
    char *real = NULL;
    for (size_t i = 0; path && !real && i < serp_n_engines; i++)
        real = serp_engine_table[i]->unwrap(abs, host, path);
    free(host);
    if (real && url_is_http(real)) {
        free(abs);
        return real;
    }
    free(real);
    return abs;
}
