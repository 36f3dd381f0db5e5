/* fuzz_volume.c - libFuzzer target for the search-volume import (Keyword
 * Planner UTF-16 TSV and plain CSV) and the call-log import: both read
 * files users download from third parties. */
#include <stddef.h>
#include <stdint.h>

#include "research.h"
#include "util.h"

static int count_volume(const struct store_volume *v, void *arg)
{
    (void)v;
    ++*(long *)arg;
    return 0;
}

static int count_call(const struct research_call *c, void *arg)
{
    (void)c;
    ++*(long *)arg;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long n = 0;
    /* Messages about bad rows go to stderr; that is expected here. */
    research_volume_parse((const char *)data, size, "fuzz", count_volume, &n);
    research_calls_parse((const char *)data, size, "fuzz", NULL, count_call, &n);
    size_t len;
    free(research_utf16_to_utf8((const char *)data, size, &len));
    return 0;
}
