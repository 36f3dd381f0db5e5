/* cmd.h - the subcommand interface: one file per command in src/cmd/, each
 * exporting cmd_<name>() or a table of subcommands, dispatched from the
 * table in src/main.c (which holds every synopsis) after cmd_ctx_open() has
 * done the shared set-up (config, database) the command's flags ask for. */
#ifndef SERPTRACK_CMD_H
#define SERPTRACK_CMD_H

#include "config.h"
#include "output.h"
#include "store.h"

enum cmd_flags {
    CMD_DB = 1 << 0,       /* open the database (must exist) */
    CMD_DB_CREATE = 1 << 1,/* open, creating it when missing (init) */
    CMD_DB_RO = 1 << 2,    /* open read-only */
    CMD_DB_OPT = 1 << 3,   /* open when the file exists; the command checks ctx->st */
    /* Always writes the database, so a read-only folder (where SQLite
     * cannot make its journal) is refused up front. Commands with neither
     * this nor CMD_DB_RO (site, kw, leads) mix reading and writing
     * subcommands: in a read-only folder they open read-only, so their
     * listings work and a write fails saying the folder is read-only. */
    CMD_DB_WRITES = 1 << 4,
};

struct cmd_ctx {
    const char *db_path;     /* borrowed: --db, $SERPTRACK_DB or ./serptrack.db */
    const char *config_path; /* borrowed: the config file read, NULL when none */
    struct config cfg;       /* always initialised (defaults without a file) */
    store *st;               /* open when the command's flags ask for it */
    /* borrowed, static: the running (sub)command's synopsis from the
     * command table ("kw add \"QUERY\" --site D ..."), for opt_parse */
    const char *usage;
    char *found_config;      /* owned: the config file found, NULL with --config */
};

/* Every command: argv[0] is the command name; returns the exit code
 * (EXIT_OK, EXIT_FAIL, EXIT_USAGE). Data to stdout, messages to stderr. */
typedef int cmd_fn(int argc, char **argv, struct cmd_ctx *ctx);

/* A sub-subcommand (`kw add`): a row of its command's table, dispatched by
 * cmd_dispatch() so every command with subcommands answers --help, a
 * missing or an unknown subcommand the same way. */
struct cmd_sub {
    const char *name;
    cmd_fn *fn;             /* argv[0] is the subcommand's name */
    const char *synopsis;   /* after "usage: serptrack ", becomes ctx->usage */
    const char *summary;    /* one line for `serptrack help CMD` */
    const char *alias;      /* another accepted name ("ls"), or NULL */
    int needs_db;           /* under a CMD_DB_OPT command: open the database */
};

struct cmd {
    const char *name;
    cmd_fn *fn;             /* NULL when subs dispatches */
    int flags;
    const char *synopsis;   /* after "usage: serptrack "; NULL with subs */
    const char *summary;    /* one line for `serptrack help` */
    const struct cmd_sub *subs; /* NULL-name terminated, or NULL */
};

/* The set-up cmd's flags ask for, done once for every command: the
 * database path (db, else $SERPTRACK_DB, else ./serptrack.db), the config
 * (config, else serptrack.conf here or beside the database) and, unless
 * help, the database opened as the flags say. 0, or -1 after saying why;
 * cmd_ctx_release() in both cases (it reports what the store still holds,
 * see cmd_store_err). */
int cmd_ctx_open(struct cmd_ctx *ctx, const struct cmd *cmd, const char *db, const char *config,
                 int help);
void cmd_ctx_release(struct cmd_ctx *ctx);

/* Prints the failures st recorded and nobody reported yet, one error()
 * line each, and clears them: how cmd/ says what went wrong in the store
 * (which never prints). Returns -1, like error(); cmd_store_fail returns
 * EXIT_FAIL for a command's `return`. Nothing is printed when st is NULL
 * or holds no message; cmd_ctx_release() does it too, so no failure goes
 * unsaid. */
int cmd_store_err(store *st);
int cmd_store_fail(struct cmd_ctx *ctx);

/* Runs the subcommand named by argv[1] from subs (NULL-name terminated),
 * setting ctx->usage to its synopsis; --help lists them (exit 0), none or an
 * unknown one is a usage error (exit 2). Returns the exit code. */
int cmd_dispatch(const char *cmd, const struct cmd_sub *subs, int argc, char **argv,
                 struct cmd_ctx *ctx);
/* Prints "usage: serptrack CMD SUBCOMMAND [ARGS]" and one line per
 * subcommand to f. */
void cmd_subs_usage(FILE *f, const char *cmd, const struct cmd_sub *subs);

/* Parses --format's value for a command; prints the usage error itself. */
int cmd_format(const char *cmd, const char *value, enum out_format *fmt);
/* Writes a table to stdout, reporting a failed write (full disk, closed
 * pipe) as an error. Returns the exit code. */
int cmd_output(const char *cmd, const struct out_table *t, enum out_format fmt);
/* The stored domain of a site given as typed (any case, www., a URL) into
 * *domain (newly allocated); a site that is not tracked is an error naming
 * cmd. 0 or -1. */
int cmd_site_domain(store *st, const char *cmd, const char *site, char **domain);

struct serp_page;
/* Appends one row per item of a result page to t, whose columns are kind,
 * pos, domain, title, url: organic, ad-top/-bottom/-side, local, ai-cited
 * (shared by `parse` and `serp`). */
void cmd_page_rows(struct out_table *t, const struct serp_page *p);

cmd_fn cmd_init, cmd_track, cmd_run, cmd_parse, cmd_rank, cmd_history, cmd_serp, cmd_chart,
    cmd_report, cmd_export, cmd_value, cmd_portfolio, cmd_alerts, cmd_reparse, cmd_usage,
    cmd_doctor;
cmd_fn cmd_plan; /* plan.c */
/* the subcommand tables of the commands that have them */
extern const struct cmd_sub cmd_site_subs[], cmd_kw_subs[], cmd_research_subs[],
    cmd_leads_subs[], cmd_locations_subs[], cmd_grid_subs[];
/* `research import-gsc` (gsc.c), a row of research's subcommand table */
cmd_fn cmd_research_import_gsc;

#endif
