/* fuzz_serp.c - libFuzzer target for the HTML side of serp/: engine
 * detection and each engine's parser (with and without a blocking HTTP
 * status), plus the model's JSON round trip on whatever came out. */
#include <stddef.h>
#include <stdint.h>

#include "serp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    (void)serp_detect_engine(buf, size);
    for (int e = SERP_GOOGLE; e <= SERP_DUCKDUCKGO; e++) {
        struct serp_page p;
        serp_parse((enum serp_engine)e, buf, size, e == SERP_BING && size % 7 == 0 ? 503 : 200,
                   &p);
        json_t *j = serp_page_to_json(&p);
        struct serp_page back;
        if (serp_page_from_json(j, &back) == 0)
            serp_page_release(&back);
        json_decref(j);
        serp_page_release(&p);
    }
    return 0;
}
