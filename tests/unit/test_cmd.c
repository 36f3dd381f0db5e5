/* test_cmd.c - cmd_dispatch(), the one way every command with subcommands
 * (site, kw, leads, research, locations) answers: the subcommand runs with
 * its synopsis as ctx->usage, an alias reaches it, --help lists the table
 * (exit 0), none or an unknown one is a usage error (exit 2), and a
 * subcommand that needs the database gets it opened or fails (exit 1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmd.h"
#include "util.h"

static const char *seen_usage;
static int seen_argc;
static const char *seen_argv0;

static int sub_ok(int argc, char **argv, struct cmd_ctx *ctx)
{
    seen_usage = ctx->usage;
    seen_argc = argc;
    seen_argv0 = argv[0];
    return 42;
}

static const struct cmd_sub subs[] = {
    {"add", sub_ok, "thing add NAME", "add a thing", NULL, 0},
    {"list", sub_ok, "thing list [--format F]", "list things", "ls", 0},
    {"deep", sub_ok, "thing deep", "needs the database", NULL, 1},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static int run(struct cmd_ctx *ctx, int argc, const char **args)
{
    seen_usage = NULL;
    seen_argc = 0;
    seen_argv0 = NULL;
    return cmd_dispatch("thing", subs, argc, (char **)args, ctx);
}

static void runs_the_named_subcommand(void **state)
{
    (void)state;
    struct cmd_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    const char *a[] = {"thing", "add", "x", NULL};
    assert_int_equal(run(&ctx, 3, a), 42);
    assert_string_equal(seen_usage, "thing add NAME");
    assert_int_equal(seen_argc, 2);
    assert_string_equal(seen_argv0, "add");
    const char *b[] = {"thing", "ls", NULL};
    assert_int_equal(run(&ctx, 2, b), 42);
    assert_string_equal(seen_usage, "thing list [--format F]");
}

static void usage_errors(void **state)
{
    (void)state;
    struct cmd_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    const char *none[] = {"thing", NULL};
    assert_int_equal(run(&ctx, 1, none), EXIT_USAGE);
    const char *bad[] = {"thing", "frob", NULL};
    assert_int_equal(run(&ctx, 2, bad), EXIT_USAGE);
    /* a prefix is not a subcommand: "a" could grow ambiguous */
    const char *pre[] = {"thing", "ad", NULL};
    assert_int_equal(run(&ctx, 2, pre), EXIT_USAGE);
    assert_null(seen_usage);
    const char *help[] = {"thing", "--help", NULL};
    assert_int_equal(run(&ctx, 2, help), EXIT_OK);
    assert_null(seen_usage);
}

static void opens_the_database_when_needed(void **state)
{
    (void)state;
    struct cmd_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.db_path = "/nonexistent/dir/t.db";
    const char *a[] = {"thing", "deep", NULL};
    assert_int_equal(run(&ctx, 2, a), EXIT_FAIL);
    assert_null(seen_usage);
    /* its --help needs no database */
    const char *h[] = {"thing", "deep", "--help", NULL};
    assert_int_equal(run(&ctx, 3, h), 42);
    assert_null(ctx.st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_the_named_subcommand),
        cmocka_unit_test(usage_errors),
        cmocka_unit_test(opens_the_database_when_needed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
