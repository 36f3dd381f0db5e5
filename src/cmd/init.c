/* init.c - `serptrack init`: create or migrate the database. main.c opens
 * it with CMD_DB_CREATE (which creates and migrates); this reports it. */
#include "cmd.h"
#include "opt.h"
#include "util.h"

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct opt opts[] = {OPT_END()};
    int n = opt_parse("init", "init", opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("init: unexpected argument '%s' (the database is --db PATH)", argv[0]);
        return EXIT_USAGE;
    }
    if (store_integrity_check(ctx->st) != 0)
        return EXIT_FAIL;
    printf("%s: schema version %d\n", ctx->db_path, store_schema_version(ctx->st));
    return EXIT_OK;
}
