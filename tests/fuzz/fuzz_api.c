/* fuzz_api.c - libFuzzer target for the SERP-API JSON mapper: any bytes
 * are either mapped into the model or refused with an error message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "serp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct serp_page p;
    char *err = NULL;
    serp_parse_api_json(SERP_GOOGLE, (const char *)data, size, &p, &err);
    free(err);
    serp_page_release(&p);
    return 0;
}
