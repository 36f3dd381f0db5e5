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

int cmd_chart(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("chart");
}

int cmd_report(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("report");
}

int cmd_export(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("export");
}

int cmd_research(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("research");
}

int cmd_value(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("value");
}

int cmd_portfolio(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("portfolio");
}

int cmd_leads(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)argc, (void)argv, (void)ctx;
    return pending("leads");
}

