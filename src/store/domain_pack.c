/* domain_pack.c - the domain index's nibble codec (entries packed 4 bits
 * at a time, see domain_index.c) and a keyword period's table of sections
 * by domain. Pure memory work: no SQL here. */
#include "domain_pack.h"

static void nib_put(struct sect *w, unsigned v)
{
    if (w->half) {
        unsigned char *b = (unsigned char *)w->sb.buf + w->sb.len - 1;
        *b = (unsigned char)((*b & 0x0f) | (v << 4));
        w->half = 0;
    } else {
        unsigned char b = (unsigned char)(v | NIB_PAD << 4);
        sb_add(&w->sb, &b, 1);
        w->half = 1;
    }
}

static void nib_varint(struct sect *w, unsigned long long x)
{
    do {
        unsigned d = (unsigned)(x & 7);
        x >>= 3;
        nib_put(w, d | (x ? 8u : 0u));
    } while (x);
}

void store_dom_put_entry(struct sect *w, long long ord, int pos)
{
    if (pos < 0)
        pos = 0;
    long long gap = ord - w->last - 1;
    long long delta = (long long)pos - w->pos;
    if (gap == 0 && delta >= -NIB_SMALL && delta <= NIB_SMALL) {
        nib_put(w, (unsigned)(delta + NIB_SMALL));
    } else {
        nib_put(w, NIB_ESC);
        nib_varint(w, (unsigned long long)(gap < 0 ? 0 : gap));
        nib_varint(w, delta < 0 ? ((unsigned long long)(-delta) << 1) - 1
                                : (unsigned long long)delta << 1);
    }
    w->last = ord;
    w->pos = pos;
}

/* The next nibble, -1 at the end. */
static int nib_get(struct nibr *r)
{
    if (r->p >= r->end)
        return -1;
    int v;
    if (r->hi) {
        v = *r->p++ >> 4;
        r->hi = 0;
    } else {
        v = *r->p & 15;
        r->hi = 1;
    }
    return v;
}

static int nib_get_varint(struct nibr *r, unsigned long long *x)
{
    *x = 0;
    for (int shift = 0; shift < 63; shift += 3) {
        int v = nib_get(r);
        if (v < 0)
            return -1;
        *x |= (unsigned long long)(v & 7) << shift;
        if (!(v & 8))
            return 0;
    }
    return -1;
}

int store_dom_get_entry(struct nibr *r, long long *ord, int *pos, int *pad)
{
    int v = nib_get(r);
    if (v < 0) {
        *pad = 0;
        return 1;
    }
    if (v == NIB_PAD) {
        *pad = 1;
        return r->p == r->end ? 1 : -1;
    }
    if (v < NIB_ESC) {
        *ord += 1;
        *pos += v - NIB_SMALL;
        return 0;
    }
    unsigned long long gap, zz;
    if (v != NIB_ESC || nib_get_varint(r, &gap) != 0 || nib_get_varint(r, &zz) != 0)
        return -1;
    *ord += 1 + (long long)gap;
    *pos += (zz & 1) ? -(int)((zz + 1) >> 1) : (int)(zz >> 1);
    return 0;
}

int store_dom_sect_load(struct sect *w)
{
    if (w->loaded)
        return 0;
    struct nibr r = {w->orig, w->orig + w->orig_len, 0};
    long long ord = -1;
    int pos = 0, pad = 0, rc;
    while ((rc = store_dom_get_entry(&r, &ord, &pos, &pad)) == 0)
        ;
    if (rc < 0)
        return -1; /* the caller says the index is damaged */
    w->sb = (strbuf)STRBUF_INIT;
    if (w->orig_len)
        sb_add(&w->sb, w->orig, w->orig_len);
    w->half = pad;
    w->last = ord;
    w->pos = pos;
    w->loaded = 1;
    return 0;
}

/* --- a keyword's period: its sections by domain ------------------------------ */

size_t store_dom_hash(long long d, size_t cap)
{
    return (size_t)((unsigned long long)d * 0x9E3779B97F4A7C15ULL >> 32) & (cap - 1);
}

void store_dom_kwp_init(struct kwp *k)
{
    memset(k, 0, sizeof *k);
    k->cap = 256;
    k->v = xcalloc(k->cap, sizeof *k->v);
}

void store_dom_kwp_free(struct kwp *k)
{
    for (size_t i = 0; i < k->cap; i++)
        if (k->v[i].domain && k->v[i].loaded)
            sb_release(&k->v[i].sb);
    free(k->v);
    free(k->order);
}

struct sect *store_dom_kwp_get(struct kwp *k, long long d, int *added)
{
    if ((k->used + 1) * 2 > k->cap) {
        size_t ncap = k->cap * 2;
        struct sect *nv = xcalloc(ncap, sizeof *nv);
        size_t *map = xcalloc(k->cap, sizeof *map);
        for (size_t i = 0; i < k->cap; i++) {
            if (!k->v[i].domain)
                continue;
            size_t h = store_dom_hash(k->v[i].domain, ncap);
            while (nv[h].domain)
                h = (h + 1) & (ncap - 1);
            nv[h] = k->v[i];
            map[i] = h;
        }
        for (size_t i = 0; i < k->norder; i++)
            k->order[i] = map[k->order[i]];
        free(map);
        free(k->v);
        k->v = nv;
        k->cap = ncap;
    }
    size_t h = store_dom_hash(d, k->cap);
    while (k->v[h].domain && k->v[h].domain != d)
        h = (h + 1) & (k->cap - 1);
    *added = !k->v[h].domain;
    if (*added) {
        struct sect *w = &k->v[h];
        memset(w, 0, sizeof *w);
        w->domain = d;
        w->last = -1;
        w->loaded = 1;
        k->used++;
        GROW(k->order, k->cap_order, k->norder + 1);
        k->order[k->norder++] = h;
    }
    return &k->v[h];
}

int store_dom_kwp_read(struct kwp *k, const unsigned char *q, size_t n)
{
    const unsigned char *end = q + n;
    while (q && q < end) {
        unsigned long long d, len;
        if (store_varint_get(&q, end, &d) != 0 || store_varint_get(&q, end, &len) != 0 ||
            d == 0 || len > (unsigned long long)(end - q))
            return -1; /* the caller says the index is damaged */
        int added;
        struct sect *w = store_dom_kwp_get(k, (long long)d, &added);
        if (!added)
            return -1;
        w->loaded = 0;
        w->orig = q;
        w->orig_len = (size_t)len;
        q += len;
    }
    return 0;
}

void store_dom_kwp_write(const struct kwp *k, strbuf *out)
{
    for (size_t i = 0; i < k->norder; i++) {
        const struct sect *w = &k->v[k->order[i]];
        const void *b = w->loaded ? (const void *)w->sb.buf : (const void *)w->orig;
        size_t n = w->loaded ? w->sb.len : w->orig_len;
        store_varint_put(out, (unsigned long long)w->domain);
        store_varint_put(out, (unsigned long long)n);
        if (n)
            sb_add(out, b, n);
    }
}
