/* test_regress.c - replays the fuzzers' regression inputs under ASan/UBSan
 * in `make test`: every file in tests/fuzz/regress/<target>/ (a crash or
 * hang libFuzzer once found, named after the fuzz_<target>.c that found it)
 * goes through that target's entry point, and so does every seed in
 * tests/fuzz/seeds/ and every golden page, so a fixed bug stays fixed
 * without clang or libFuzzer. The fuzz targets are compiled in here with
 * their entry point renamed. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"

#define LLVMFuzzerTestOneInput fuzz_api_one
#include "../fuzz/fuzz_api.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "../fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_ini_one
#include "../fuzz/fuzz_ini.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_serp_one
#include "../fuzz/fuzz_serp.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_suggest_one
#include "../fuzz/fuzz_suggest.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_volume_one
#include "../fuzz/fuzz_volume.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_fn)(const uint8_t *, size_t);

static const struct {
    const char *name;
    fuzz_fn fn;
} targets[] = {
    {"api", fuzz_api_one},         {"csv", fuzz_csv_one},         {"ini", fuzz_ini_one},
    {"serp", fuzz_serp_one},       {"suggest", fuzz_suggest_one}, {"volume", fuzz_volume_one},
};
#define N_TARGETS (sizeof targets / sizeof targets[0])

/* Feeds every regular file of dir to fn (all targets when fn is NULL);
 * returns how many files were replayed. The targets print parse errors
 * on stderr by design; they go to /dev/null here. */
static int replay_dir(const char *dir, fuzz_fn fn)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0, saved = dup(2);
    FILE *null = fopen("/dev/null", "w");
    if (null)
        dup2(fileno(null), 2);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        char *buf;
        size_t len;
        if (util_read_file(path, 64 << 20, &buf, &len) == 0) {
            for (size_t t = 0; t < N_TARGETS; t++)
                if (!fn || targets[t].fn == fn)
                    targets[t].fn((const uint8_t *)buf, len);
            free(buf);
            n++;
        }
        free(path);
    }
    closedir(d);
    if (saved >= 0) {
        fflush(stderr);
        dup2(saved, 2);
        close(saved);
    }
    if (null)
        fclose(null);
    return n;
}

static void test_regress_inputs(void **state)
{
    (void)state;
    int n = 0;
    for (size_t t = 0; t < N_TARGETS; t++) {
        char *dir = xasprintf("tests/fuzz/regress/%s", targets[t].name);
        n += replay_dir(dir, targets[t].fn);
        free(dir);
    }
    print_message("# replayed %d regression inputs\n", n);
}

static void test_seeds_through_every_target(void **state)
{
    (void)state;
    int n = replay_dir("tests/fuzz/seeds", NULL) + replay_dir("tests/golden", NULL);
    print_message("# replayed %d seeds through %zu targets\n", n, N_TARGETS);
    assert_true(n > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regress_inputs),
        cmocka_unit_test(test_seeds_through_every_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
