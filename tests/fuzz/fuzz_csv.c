/* fuzz_csv.c - libFuzzer target for the RFC 4180 reader every import uses. */
#include <stddef.h>
#include <stdint.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int pass = 0; pass < 2; pass++) {
        struct csv_reader r;
        struct csv_row row = CSV_ROW_INIT;
        csv_reader_init(&r, (const char *)data, size, pass ? '\t' : ',');
        int rc, guard = 0;
        while ((rc = csv_read_row(&r, &row)) != 0 && guard++ < 100000)
            ;
        csv_row_release(&row);
    }
    return 0;
}
