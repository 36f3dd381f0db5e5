/* google.c - Google's request shape: /search with q, hl, gl, uule for
 * city targeting and start for pages of 10; the toolbar autocomplete. */
#include "engine_int.h"

#define PAGE_SIZE 10 /* results per page, fixed by the engine */

/* Standard base64 (with padding), for uule. */
static void b64(strbuf *sb, const unsigned char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        sb_addc(sb, tab[(v >> 18) & 63]);
        sb_addc(sb, tab[(v >> 12) & 63]);
        sb_addc(sb, i + 1 < n ? tab[(v >> 6) & 63] : '=');
        sb_addc(sb, i + 2 < n ? tab[v & 63] : '=');
    }
}

/* uule v1 is "w+" followed by base64 of a small protobuf message:
 * role = 2 (08 02), producer = 32 (10 20), canonical name as field 4
 * (22, varint length, bytes). For names shorter than 64 bytes this is
 * exactly the well-known "w+CAIQICI" + length character + base64(name)
 * form, because the 6-byte header is a whole number of base64 groups;
 * longer names get the correct two-byte varint instead of a wrapped key. */
char *engine_uule(const char *location)
{
    size_t n = strlen(location);
    strbuf msg = STRBUF_INIT;
    sb_add(&msg, "\x08\x02\x10\x20\x22", 5);
    size_t v = n;
    do {
        unsigned char byte = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            byte |= 0x80;
        sb_addc(&msg, (char)byte);
    } while (v);
    sb_add(&msg, location, n);
    strbuf out = STRBUF_INIT;
    sb_adds(&out, "w+");
    b64(&out, (const unsigned char *)msg.buf, msg.len);
    sb_release(&msg);
    return sb_detach(&out);
}

static void result_url(strbuf *sb, const char *base, const struct model_keyword *k, int page)
{
    sb_addf(sb, "%s/search", base);
    engine_param(sb, "q", k->query);
    engine_param(sb, "hl", engine_or_def(k->lang, "en"));
    engine_param(sb, "gl", engine_or_def(k->country, "us"));
    if (k->location && *k->location) {
        char *u = engine_uule(k->location);
        engine_param(sb, "uule", u);
        free(u);
    }
    if (page > 0)
        engine_param_int(sb, "start", (long long)page * PAGE_SIZE);
}

static void suggest_url(strbuf *sb, const char *base, const char *q)
{
    sb_addf(sb, "%s/complete/search?output=toolbar", base);
    engine_param(sb, "hl", "en");
    engine_param(sb, "q", q);
}

const struct engine_desc engine_google = {
    .id = SERP_GOOGLE,
    .real_base = "https://www.google.com",
    .suggest_base = "https://www.google.com",
    .page_size = PAGE_SIZE,
    .share_key = NULL,
    .default_share = 1.0,
    .result_url = result_url,
    .suggest_url = suggest_url,
    .api_params = NULL,
};
