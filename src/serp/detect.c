/* detect.c - which engine a page comes from, and serp_parse(): the one
 * entry point that parses the bytes once, checks for blocks and hands the
 * tree to the engine's extractor. */
#include <string.h>
#include <strings.h>

#include "dom.h"

/* The markers of all engines tried in one order (their rank, lower
 * first), merging the engines' rank-ordered lists: structural markers
 * (class names, endpoints) of every engine come before loose ones, so
 * prose (an organic title naming another engine) does not decide. */
enum serp_engine serp_detect_engine(const char *buf, size_t len)
{
    if (!buf || len == 0)
        return SERP_ENGINE_UNKNOWN;
    size_t next[16] = {0}; /* per engine: its next marker */
    if (serp_n_engines > ARRAY_SIZE(next))
        return SERP_ENGINE_UNKNOWN;
    for (;;) {
        const struct serp_engine_desc *best = NULL;
        size_t bi = 0;
        for (size_t i = 0; i < serp_n_engines; i++) {
            const struct serp_engine_desc *d = serp_engine_table[i];
            if (next[i] < d->n_marks &&
                (!best || d->marks[next[i]].rank < best->marks[next[bi]].rank)) {
                best = d;
                bi = i;
            }
        }
        if (!best)
            return SERP_ENGINE_UNKNOWN;
        if (dom_bytes_contain(buf, len, best->marks[next[bi]++].text))
            return best->id;
    }
}

/* 1 when the page declares UTF-8 (<meta charset> or http-equiv) in its
 * first 16 KB; libxml2 honours the declaration, but on the first invalid
 * byte switches to Latin-1 for the rest of the page, garbling every later
 * title. Such pages are sanitised first (invalid bytes become U+FFFD). */
static int declares_utf8(const char *buf, size_t len)
{
    size_t n = len < 16384 ? len : 16384;
    for (size_t i = 0; i + 8 < n; i++) {
        if ((buf[i] | 0x20) != 'c' || strncasecmp(buf + i, "charset=", 8) != 0)
            continue;
        size_t j = i + 8;
        while (j < n && (buf[j] == '"' || buf[j] == '\'' || buf[j] == ' '))
            j++;
        return (j + 5 <= n && strncasecmp(buf + j, "utf-8", 5) == 0) ||
               (j + 4 <= n && strncasecmp(buf + j, "utf8", 4) == 0);
    }
    return 0;
}

int serp_parse(enum serp_engine e, const char *buf, size_t len, int http_status,
               struct serp_page *page)
{
    serp_page_init(page);
    page->engine = e;
    if (!buf)
        len = 0;
    page->block = serp_block_before(buf, len, http_status);
    if (page->block != SERP_BLOCK_NONE)
        return page->block == SERP_BLOCK_EMPTY && len == 0 ? -1 : 0;
    if (serp_not_html(buf, len)) {
        page->block = SERP_BLOCK_EMPTY;
        return -1;
    }
    char *clean = NULL;
    if (declares_utf8(buf, len) && !dom_utf8_clean(buf, len)) {
        clean = util_utf8_sanitize(buf, len);
        buf = clean;
        len = strlen(clean);
    }
    htmlDocPtr doc = dom_parse(buf, len);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc)
            xmlFreeDoc(doc);
        free(clean);
        page->block = SERP_BLOCK_EMPTY;
        return -1;
    }
    if (page->block == SERP_BLOCK_NONE) {
        const struct serp_engine_desc *d = serp_engine_get(e);
        if (d)
            d->extract(doc, page);
        serp_block_after(buf, len, page);
    }
    xmlFreeDoc(doc);
    free(clean);
    return 0;
}
