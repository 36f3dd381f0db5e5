/* test_outputs.c - atomic output files (issue 12 #11, #15, #17): the
 * temporary is new and next to the target, a symlink swapped in for it or
 * an empty/incomplete output never replaces the target, and modes parse
 * as octal 0..0777 only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/cmd/outfile.h"
#include "ini.h"
#include "util.h"

static char dir[] = "/tmp/serptrack-outputs-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char *cmd = xasprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

static char *slurp(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (util_read_file(path, 1 << 20, &buf, &len) != 0)
        return NULL;
    return buf;
}

static void put(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

static void test_commit_replaces(void **state)
{
    (void)state;
    char *target = xasprintf("%s/a.html", dir);
    put(target, "old");
    struct outfile o;
    assert_int_equal(cmd_out_begin(&o, "test", target, ".html", 0640), 0);
    /* next to the target, named after it, keeping the suffix */
    assert_non_null(strstr(o.tmp, "/.a.html."));
    assert_string_equal(o.tmp + strlen(o.tmp) - 5, ".html");
    assert_int_equal(cmd_out_write(&o, "new", 3), 0);
    assert_int_equal(cmd_out_commit(&o), 0);
    char *s = slurp(target);
    assert_string_equal(s, "new");
    free(s);
    struct stat sb;
    assert_int_equal(stat(target, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0640);
    free(target);
}

static void test_symlink_swapped_in_is_refused(void **state)
{
    (void)state;
    char *target = xasprintf("%s/b.png", dir), *victim = xasprintf("%s/victim", dir);
    put(target, "old");
    put(victim, "precious");
    struct outfile o;
    assert_int_equal(cmd_out_begin(&o, "test", target, ".png", 0600), 0);
    cmd_out_detach(&o);
    /* what an attacker with the folder could do while gnuplot runs */
    assert_int_equal(unlink(o.tmp), 0);
    assert_int_equal(symlink(victim, o.tmp), 0);
    assert_int_equal(cmd_out_commit(&o), -1);
    char *s = slurp(target), *v = slurp(victim);
    assert_string_equal(s, "old");
    assert_string_equal(v, "precious");
    free(s);
    free(v);
    free(target);
    free(victim);
}

static void test_empty_output_keeps_old(void **state)
{
    (void)state;
    char *target = xasprintf("%s/c.svg", dir);
    put(target, "old");
    struct outfile o;
    assert_int_equal(cmd_out_begin(&o, "test", target, ".svg", 0600), 0);
    char *tmp = xstrdup(o.tmp);
    assert_int_equal(cmd_out_commit(&o), -1);
    assert_int_equal(access(tmp, F_OK), -1); /* temporary removed */
    char *s = slurp(target);
    assert_string_equal(s, "old");
    free(s);
    free(tmp);
    free(target);
}

static int never_complete(int fd, off_t size)
{
    (void)fd;
    (void)size;
    return -1;
}

static void test_incomplete_output_keeps_old(void **state)
{
    (void)state;
    char *target = xasprintf("%s/d.png", dir);
    put(target, "old");
    struct outfile o;
    assert_int_equal(cmd_out_begin(&o, "test", target, ".png", 0600), 0);
    o.check = never_complete;
    assert_int_equal(cmd_out_write(&o, "\x89PNG", 4), 0);
    assert_int_equal(cmd_out_commit(&o), -1);
    char *s = slurp(target);
    assert_string_equal(s, "old");
    free(s);
    free(target);
}

static void test_modes(void **state)
{
    (void)state;
    mode_t m;
    assert_int_equal(cmd_out_mode("t", NULL, NULL, &m), 0);
    assert_int_equal(m, 0600);
    assert_int_equal(cmd_out_mode("t", "0644", NULL, &m), 0);
    assert_int_equal(m, 0644);
    assert_int_equal(cmd_out_mode("t", "640", NULL, &m), 0);
    assert_int_equal(m, 0640);
    assert_int_equal(cmd_out_mode("t", "00644", NULL, &m), 0);
    assert_int_equal(m, 0644);
    assert_int_equal(cmd_out_mode("t", "0", NULL, &m), 0);
    assert_int_equal(m, 0);
    static const char *const bad[] = {"", "8", "999", "01000", "01777", "-1", "0x1ff", "64a",
                                      " 644", "0644 "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(cmd_out_mode("t", bad[i], NULL, &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_replaces),
        cmocka_unit_test(test_symlink_swapped_in_is_refused),
        cmocka_unit_test(test_empty_output_keeps_old),
        cmocka_unit_test(test_incomplete_output_keeps_old),
        cmocka_unit_test(test_modes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
