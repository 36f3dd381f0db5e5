/* domain_pack.h - the domain index's packed entries and a keyword
 * period's sections, shared by domain_index.c (building, adding, reading)
 * and domain_pack.c (the nibble codec). The entry format is described at
 * the top of domain_index.c. Internal to the store. */
#ifndef SERPTRACK_DOMAIN_PACK_H
#define SERPTRACK_DOMAIN_PACK_H

#include "store_int.h"

#define NIB_SMALL 6 /* nibbles 0..12: a change of -6..+6 */
#define NIB_ESC 13
#define NIB_PAD 14

/* A section being written: its bytes, whether the last byte's high nibble
 * is the pad (free), and the last entry's ordinal (-1 before the first)
 * and position (0 before the first). */
struct sect {
    long long domain; /* 0 = empty slot */
    strbuf sb;
    int half;
    long long last;
    int pos;
    /* a section read from a row and not changed: its bytes there */
    const unsigned char *orig;
    size_t orig_len;
    int loaded;
};

struct nibr {
    const unsigned char *p, *end;
    int hi;
};

struct kwp {
    struct sect *v; /* open addressing on domain */
    size_t cap, used;
    size_t *order; /* slots in section order */
    size_t norder, cap_order;
};

/* Appends the entry (check ordinal ord, position pos) to w. */
void store_dom_put_entry(struct sect *w, long long ord, int pos);
/* The next entry: *ord and *pos updated from the previous one; 0, 1 at the
 * end (*pad set when the last byte ended on the pad), -1 when damaged. */
int store_dom_get_entry(struct nibr *r, long long *ord, int *pos, int *pad);
/* A section read from a row made writable: decoded to its last entry; -1
 * when damaged (the caller records that, it has the store). */
int store_dom_sect_load(struct sect *w);

/* The slot to probe first for domain d in a table of cap (a power of 2). */
size_t store_dom_hash(long long d, size_t cap);
/* An empty period (release with store_dom_kwp_free). */
void store_dom_kwp_init(struct kwp *k);
void store_dom_kwp_free(struct kwp *k);
/* The section of domain d, added (empty) when absent (*added set); owned
 * by k. */
struct sect *store_dom_kwp_get(struct kwp *k, long long d, int *added);
/* Sections of a row's data (pointing into it: keep it alive); 0, or -1
 * when damaged. */
int store_dom_kwp_read(struct kwp *k, const unsigned char *q, size_t n);
/* The period's sections, in order, as a row's data, into out. */
void store_dom_kwp_write(const struct kwp *k, strbuf *out);

#endif
