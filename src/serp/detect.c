/* detect.c - which engine a page comes from, and serp_parse(): the one
 * entry point that parses the bytes once, checks for blocks and hands the
 * tree to the engine's extractor. */
#include <string.h>

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
    {"id=\"b_results\"", SERP_BING},
    {"class=\"b_algo\"", SERP_BING},
    {"bing.com/ck/a?", SERP_BING},
    {"id=\"rso\"", SERP_GOOGLE},
    {"google.com/sorry/", SERP_GOOGLE},
    {"id=\"captcha-form\"", SERP_GOOGLE},
    {"href=\"/url?q=", SERP_GOOGLE},
    {"id=\"result-stats\"", SERP_GOOGLE},
    {"consent.google.", SERP_GOOGLE},
    {"/httpservice/retry/enablejs", SERP_GOOGLE},
    {"result__", SERP_DUCKDUCKGO},
    {"b_algo", SERP_BING},
    {"b_results", SERP_BING},
    {"- Google Search</title>", SERP_GOOGLE},
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

int serp_parse(enum serp_engine e, const char *buf, size_t len, int http_status,
               struct serp_page *page)
{
    serp_page_init(page);
    page->engine = e;
    if (!buf)
        len = 0;
    page->block = serp_block_before(buf, len, http_status);
    if (page->block == SERP_BLOCK_RATE_LIMITED || page->block == SERP_BLOCK_EMPTY)
        return page->block == SERP_BLOCK_EMPTY && len == 0 ? -1 : 0;
    if (serp_not_html(buf, len)) {
        page->block = SERP_BLOCK_EMPTY;
        return -1;
    }
    htmlDocPtr doc = dom_parse(buf, len);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc)
            xmlFreeDoc(doc);
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
    return 0;
}
