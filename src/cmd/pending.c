/* pending.c - commands whose module has not landed yet. Each one says so
 * and fails; the file that implements a command deletes its stub here.
 * This file goes away when it is empty. */
#include "cmd.h"
#include "util.h"

static int pending(const char *name)
{
    error("%s: not available in this build yet", name);
    return EXIT_FAIL;
}

int cmd_reparse(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("reparse");
}

int cmd_doctor(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("doctor");
}
