/* common.c - helpers shared by the commands (the set-up their flags ask
 * for, format parsing, checked output, site lookup), kept in the library rather than main.c so a worker
 * or test linking libserptrack has them too. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

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
    struct model_site s;
    *domain = NULL;
    int found = store_site_get(st, site, &s);
    if (found < 0)
        return cmd_store_err(st);
    if (found == 0)
        return error("%s: site '%s' is not tracked (see 'serptrack site list')", cmd, site);
    *domain = xstrdup(s.domain);
    model_site_release(&s);
    return 0;
}

/* One error() per line of a store message (util_each_line's callback). */
static void say_line(void *arg, const char *line, size_t len)
{
    (void)arg;
    error("%.*s", (int)len, line);
}

static void say_lines(const char *msg)
{
    util_each_line(msg, say_line, NULL);
}

int cmd_store_err(store *st)
{
    say_lines(store_errmsg(st));
    store_err_clear(st);
    return -1;
}

int cmd_store_fail(struct cmd_ctx *ctx)
{
    cmd_store_err(ctx->st);
    return EXIT_FAIL;
}

/* Opens ctx->db_path, saying why not. */
static int open_store(struct cmd_ctx *ctx, int flags)
{
    struct store_error err;
    if (store_open(ctx->db_path, flags, &ctx->st, &err) == 0)
        return 0;
    say_lines(err.msg);
    return -1;
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
    /* open_store says what is wrong (no database: run init) */
    if (s->needs_db && !ctx->st && !help && open_store(ctx, 0) != 0) {
        rc = EXIT_FAIL;
        goto out;
    }
    ctx->usage = s->synopsis;
    rc = s->fn(argc - 1, argv + 1, ctx);
out:
    sb_release(&names);
    return rc;
}

/* serptrack.conf in the working directory, else beside the database. */
static char *find_config(const char *db_path)
{
    if (access("serptrack.conf", F_OK) == 0)
        return xstrdup("serptrack.conf");
    const char *slash = strrchr(db_path, '/');
    if (slash) {
        char *p = xasprintf("%.*s/serptrack.conf", (int)(slash - db_path), db_path);
        if (access(p, F_OK) == 0)
            return p;
        free(p);
    }
    return NULL;
}

int cmd_ctx_open(struct cmd_ctx *ctx, const struct cmd *cmd, const char *db, const char *config,
                 int help)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->usage = cmd->synopsis;
    ctx->db_path = db ? db : getenv("SERPTRACK_DB");
    if (!ctx->db_path || !*ctx->db_path)
        ctx->db_path = "serptrack.db";
    ctx->found_config = config ? NULL : find_config(ctx->db_path);
    ctx->config_path = config ? config : ctx->found_config;
    if (!ctx->config_path)
        config_defaults(&ctx->cfg);
    else if (config_load(&ctx->cfg, ctx->config_path, 0) != 0)
        return -1;
    /* --help needs no database: a new user reads it before `init`. */
    int want_db = (cmd->flags & (CMD_DB | CMD_DB_CREATE | CMD_DB_RO)) ||
                  ((cmd->flags & CMD_DB_OPT) && access(ctx->db_path, F_OK) == 0);
    if (help || !want_db)
        return 0;
    int flags = (cmd->flags & CMD_DB_CREATE) ? STORE_CREATE : 0;
    if (cmd->flags & CMD_DB_RO)
        flags |= STORE_READONLY;
    if (cmd->flags & CMD_DB_WRITES)
        flags |= STORE_WRITE;
    return open_store(ctx, flags);
}

void cmd_ctx_release(struct cmd_ctx *ctx)
{
    if (ctx->st) {
        /* The safety net, the only one: a failure the command met but did
         * not report (cmd_store_err clears what it prints, so nothing is
         * said twice). Said even after a success: a command that carries on
         * past a failed store call (a usage counter, a cache) still owes the
         * user the reason. */
        cmd_store_err(ctx->st);
        store_close(ctx->st);
    }
    ctx->st = NULL;
    config_release(&ctx->cfg);
    free(ctx->found_config);
    ctx->found_config = NULL;
}
