/* common.c - helpers shared by the commands (format parsing, checked
 * output, site lookup), kept in the library rather than main.c so a worker
 * or test linking libserptrack has them too. */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

int cmd_format(const char *cmd, const char *value, enum out_format *fmt)
{
    if (!value) {
        *fmt = OUT_TABLE;
        return 0;
    }
    if (out_parse_format(value, fmt) != 0) {
        error("%s: unknown format '%s' (expected table, csv or json)", cmd, value);
        return -1;
    }
    return 0;
}

int cmd_output(const char *cmd, const struct out_table *t, enum out_format fmt)
{
    if (out_write(stdout, t, fmt) != 0) {
        error("%s: cannot write output: %s", cmd, strerror(errno ? errno : EIO));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_site_domain(store *st, const char *cmd, const char *site, char **domain)
{
    struct store_site s;
    *domain = NULL;
    int found = store_site_get(st, site, &s);
    if (found < 0)
        return -1;
    if (found == 0)
        return error("%s: site '%s' is not tracked (see 'serptrack site list')", cmd, site);
    *domain = xstrdup(s.domain);
    store_site_release(&s);
    return 0;
}

void cmd_subs_usage(FILE *f, const char *cmd, const struct cmd_sub *subs)
{
    fprintf(f, "usage: serptrack %s SUBCOMMAND [ARGS]\n\n", cmd);
    for (const struct cmd_sub *s = subs; s->name; s++)
        fprintf(f, "    %-14s %s\n", s->name, s->summary);
    fprintf(f, "\n'serptrack %s SUBCOMMAND --help' shows its options.\n", cmd);
}

int cmd_dispatch(const char *cmd, const struct cmd_sub *subs, int argc, char **argv,
                 struct cmd_ctx *ctx)
{
    strbuf names = STRBUF_INIT;
    for (const struct cmd_sub *s = subs; s->name; s++)
        sb_addf(&names, "%s%s", s == subs ? "" : ", ", s->name);
    int rc = EXIT_USAGE;
    if (argc < 2) {
        error("%s: expected a subcommand (%s)", cmd, sb_str(&names));
        cmd_subs_usage(stderr, cmd, subs);
        goto out;
    }
    if (util_streq(argv[1], "--help") || util_streq(argv[1], "-h")) {
        cmd_subs_usage(stdout, cmd, subs);
        rc = EXIT_OK;
        goto out;
    }
    const struct cmd_sub *s = subs;
    while (s->name && !util_streq(argv[1], s->name) && !(s->alias && util_streq(argv[1], s->alias)))
        s++;
    if (!s->name) {
        error("%s: unknown subcommand '%s' (expected %s)", cmd, argv[1], sb_str(&names));
        goto out;
    }
    int help = argc > 2 && (util_streq(argv[2], "--help") || util_streq(argv[2], "-h"));
    /* store_open says what is wrong (no database: run init) */
    if (s->needs_db && !ctx->st && !help && store_open(ctx->db_path, 0, &ctx->st) != 0) {
        rc = EXIT_FAIL;
        goto out;
    }
    ctx->usage = s->synopsis;
    rc = s->fn(argc - 1, argv + 1, ctx);
out:
    sb_release(&names);
    return rc;
}
