/* fuzz_ini.c - libFuzzer target for the serptrack.conf reader and the
 * typed config built from it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int quiet;
    if (!quiet) {
        /* Parse errors are expected here; keep the fuzzer's log readable. */
        quiet = freopen("/dev/null", "w", stderr) != NULL;
    }
    struct ini ini = {0};
    ini_parse(&ini, (const char *)data, size, "fuzz.conf");
    ini_get_int(&ini, "crawl", "concurrency", 4, 1, 64);
    ini_get(&ini, "engine.google", "base_url", NULL);
    ini_release(&ini);
    /* and the typed config over the same text: validation and warnings */
    struct config cfg;
    config_parse(&cfg, (const char *)data, size, "fuzz.conf");
    config_release(&cfg);
    return 0;
}
