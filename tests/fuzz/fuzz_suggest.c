/* fuzz_suggest.c - libFuzzer target for the autocomplete parsers (Google's
 * XML through libxml2, Bing/DuckDuckGo JSON through jansson): hostile bytes
 * from the network must never crash them. */
#include <stddef.h>
#include <stdint.h>

#include "research.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum serp_engine engines[] = {SERP_GOOGLE, SERP_BING, SERP_DUCKDUCKGO};
    for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++) {
        struct research_list l = RESEARCH_LIST_INIT;
        research_suggest_parse(engines[i], (const char *)data, size, &l);
        research_list_release(&l);
    }
    return 0;
}
