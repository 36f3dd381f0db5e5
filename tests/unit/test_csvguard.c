/* test_csvguard.c - the CSV writer's formula guard (issue 12 #13): only a
 * cell that is entirely a number may start with - or + unprefixed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "util.h"

static char *field(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    csv_write_field(f, s);
    fclose(f);
    return buf;
}

static void test_formula_guard(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        /* #13: starts like a number, is a formula */
        {"-1+1+cmd|' /C calc'!A0", "\"'-1+1+cmd|' /C calc'!A0\""},
        {"-2-3", "\"'-2-3\""},
        {"-1e3x", "\"'-1e3x\""},
        {"+1+HYPERLINK(\"x\")", "\"'+1+HYPERLINK(\"\"x\"\")\""},
        {"-inf", "\"'-inf\""},
        {"-", "\"'-\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\t=1", "\"'\t=1\""},
        {"\r=1", "\"'\r=1\""},
        /* whole numbers stay data */
        {"-3", "-3"},
        {"-0.25", "-0.25"},
        {"+7", "+7"},
        {"-1e3", "-1e3"},
        {"12", "12"},
        {"plain", "plain"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *got = field(cases[i].in);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: got [%s], want [%s]", i, got, cases[i].want);
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_guard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
