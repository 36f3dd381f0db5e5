/* google.c - Google's request shape: /search with q, hl, gl, uule for
 * city targeting and start for pages of 10; the toolbar autocomplete. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* uule "a+": the text protobuf of a device location. Coordinates are
 * rounded to 1e-7 degree (about a centimetre), the form's own unit. */
char *engine_uule_point(double lat, double lng, int radius_m, time_t at)
{
    strbuf msg = STRBUF_INIT;
    sb_addf(&msg,
            "role:1\nproducer:12\nprovenance:6\ntimestamp:%lld000000\nlatlng{\n"
            "latitude_e7:%lld\nlongitude_e7:%lld\n}\nradius:%d\n",
            (long long)at, llround(lat * 1e7), llround(lng * 1e7), radius_m);
    strbuf out = STRBUF_INIT;
    sb_adds(&out, "a+");
    b64(&out, (const unsigned char *)msg.buf, msg.len);
    sb_release(&msg);
    return sb_detach(&out);
}

static int b64_val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* The number after "key:" in the decoded text; 0 or -1. */
static int text_field(const char *text, const char *key, long long *v)
{
    const char *p = strstr(text, key);
    if (!p)
        return -1;
    char *end;
    errno = 0;
    *v = strtoll(p + strlen(key), &end, 10);
    return errno || end == p + strlen(key) ? -1 : 0;
}

int engine_uule_point_decode(const char *uule, double *lat, double *lng, int *radius_m)
{
    if (!uule || uule[0] != 'a' || (uule[1] != '+' && uule[1] != ' '))
        return -1;
    strbuf text = STRBUF_INIT;
    unsigned acc = 0;
    int bits = 0;
    for (const char *p = uule + 2; *p && *p != '='; p++) {
        int v = b64_val((unsigned char)*p);
        if (v < 0 || text.len > 4096) {
            sb_release(&text);
            return -1;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            sb_addc(&text, (char)((acc >> bits) & 0xff));
        }
    }
    long long la, ln, r = 0;
    const char *t = text.buf ? text.buf : "";
    int rc = text_field(t, "latitude_e7:", &la) || text_field(t, "longitude_e7:", &ln) ? -1 : 0;
    if (rc == 0 && radius_m)
        *radius_m = text_field(t, "radius:", &r) == 0 ? (int)r : 0;
    sb_release(&text);
    if (rc != 0 || la < -900000000LL || la > 900000000LL || ln < -1800000000LL || ln > 1800000000LL)
        return -1;
    *lat = (double)la / 1e7;
    *lng = (double)ln / 1e7;
    return 0;
}

int engine_point_zoom(int radius_m)
{
    /* a map tile at zoom z spans about 40,000 km / 2^z: pick the zoom
     * whose screen (about four tiles) is twice the radius across */
    if (radius_m <= 0)
        return 14;
    int z = (int)floor(log2(4.0 * 40075016.0 / (2.0 * radius_m)));
    return z < 3 ? 3 : z > 21 ? 21 : z;
}

static void result_url(strbuf *sb, const char *base, const struct model_keyword *k, int page)
{
    sb_addf(sb, "%s/search", base);
    engine_param(sb, "q", k->query);
    engine_param(sb, "hl", engine_or_def(k->lang, "en"));
    engine_param(sb, "gl", engine_or_def(k->country, "us"));
    if (k->point_radius_m > 0 && k->has_coords) {
        char *u = engine_uule_point(k->lat, k->lng, k->point_radius_m, util_now());
        engine_param(sb, "uule", u);
        free(u);
    } else if (k->location && *k->location) {
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
