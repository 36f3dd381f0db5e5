/* detect.c - which engine a page comes from, and serp_parse(): the one
 * entry point that parses the bytes once, checks for blocks and hands the
 * tree to the engine's extractor. */
#include <string.h>
#include <strings.h>

#include "dom.h"

struct mark {
    const char *text;
    enum serp_engine engine;
};

/* Structural markers, most specific first: class names and endpoints an
 * engine's own pages carry. Prose (an organic title naming another engine)
 * does not look like these. */
static const struct mark marks[] = {
    {"class=\"result__a\"", SERP_DUCKDUCKGO},
    {"duckduckgo.com/l/?uddg=", SERP_DUCKDUCKGO},
    {"anomaly-modal__", SERP_DUCKDUCKGO},
    {"html.duckduckgo.com", SERP_DUCKDUCKGO},
    {"data-testid=\"result-title-a\"", SERP_DUCKDUCKGO},
    {"id=\"b_results\"", SERP_BING},
    {"class=\"b_algo\"", SERP_BING},
    {"bing.com/ck/a?", SERP_BING},
    {"id=\"rso\"", SERP_GOOGLE},
    {"google.com/sorry/", SERP_GOOGLE},
    {"id=\"captcha-form\"", SERP_GOOGLE},
    {"href=\"/url?q=", SERP_GOOGLE},
    {"href=\"/url?esrc=", SERP_GOOGLE}, /* basic HTML, 2025: q= empty, url= the target */
    {"class=\"ezO2md\"", SERP_GOOGLE},
    {"id=\"result-stats\"", SERP_GOOGLE},
    {"consent.google.", SERP_GOOGLE},
    {"/httpservice/retry/enablejs", SERP_GOOGLE},
    {"result__", SERP_DUCKDUCKGO},
    {"b_algo", SERP_BING},
    {"b_results", SERP_BING},
    {"- Google Search</title>", SERP_GOOGLE},
    {"at DuckDuckGo</title>", SERP_DUCKDUCKGO},
    {"DuckDuckGo</title>", SERP_DUCKDUCKGO},
    {"- Bing</title>", SERP_BING},
    /* Bing's challenge page has none of the result markup above; late in
     * the list, so a result linking there cannot steal another engine's
     * page. */
    {"bing.com/challenge/verify", SERP_BING},
    {"duckduckgo", SERP_DUCKDUCKGO},
    {"www.bing.com", SERP_BING},
    {"www.google.", SERP_GOOGLE},
};

enum serp_engine serp_detect_engine(const char *buf, size_t len)
{
    if (!buf || len == 0)
        return SERP_ENGINE_UNKNOWN;
    for (size_t i = 0; i < ARRAY_SIZE(marks); i++)
        if (dom_bytes_contain(buf, len, marks[i].text))
            return marks[i].engine;
    return SERP_ENGINE_UNKNOWN;
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
        switch (e) {
        case SERP_GOOGLE: serp_google_extract(doc, page); break;
        case SERP_BING: serp_bing_extract(doc, page); break;
        case SERP_DUCKDUCKGO: serp_ddg_extract(doc, page); break;
        default: break;
        }
        serp_block_after(buf, len, page);
    }
    xmlFreeDoc(doc);
    free(clean);
    return 0;
}
