/* main.c - entry point: global options, the command table and dispatch.
 * The set-up each command's flags ask for (config, database) is done once
 * by cmd_ctx_open() (src/cmd/common.c), so no command repeats it. After the
 * command, checks stdout was really written. */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

#define SERPTRACK_VERSION "0.1.0"

/* One row per command: its synopsis (the usage line its --help, usage
 * errors and `serptrack help CMD` print) lives here and nowhere else; a
 * command with subcommands points to their table instead. */
static const struct cmd commands[] = {
    {"init", cmd_init, CMD_DB_CREATE | CMD_DB_WRITES, "init",
     "create or migrate the database", NULL},
    {"site", NULL, CMD_DB, NULL, "add, change, list or remove tracked sites", cmd_site_subs},
    {"kw", NULL, CMD_DB, NULL, "add, import, list or remove keywords", cmd_kw_subs},
    {"track", cmd_track, CMD_DB | CMD_DB_WRITES,
     "track [--all|--due] [--keyword ID]... [--concurrency N] [--progress] [--max-requests N]",
     "fetch, parse and store SERPs now", NULL},
    {"run", cmd_run, CMD_DB | CMD_DB_WRITES,
     "run [--concurrency N] [--max-requests N] [--progress] [--no-alerts]",
     "cron entry: track what is due, resume, send alerts", NULL},
    {"parse", cmd_parse, 0, "parse FILE... [--engine E] [--http-status N] [--format table|json]",
     "parse saved result pages offline", NULL},
    {"rank", cmd_rank, CMD_DB_RO,
     "rank [--site D] [--tag T] [--engine E] [--location L] [--device D]"
     " [--sort position|change|keyword|volume] [--wide] [--competitors]"
     " [--format table|csv|json]",
     "latest position per keyword with changes", NULL},
    {"history", cmd_history, CMD_DB_RO,
     "history --keyword ID [--site D] [--since DATE] [--format table|csv|json]",
     "position of one keyword over time", NULL},
    {"serp", cmd_serp, CMD_DB_RO, "serp --keyword ID [--date YYYY-MM-DD] [--format table|csv|json]",
     "the stored result page of a check", NULL},
    {"chart", cmd_chart, CMD_DB_RO,
     "chart (--keyword ID... | --site D [--each]) [--competitor C]... "
     "[--out FILE.png|.svg | --dir DIR [--prefix P] [--svg]] [--since DATE] [--mode OCTAL]",
     "trend charts through gnuplot", NULL},
    {"report", cmd_report, CMD_DB_RO,
     "report --site D [--client C] [--brand B] [--out FILE.html] [--since DATE | --days N] "
     "[--sort KEY] [--competitor C] [--mode OCTAL]",
     "self-contained HTML client report", NULL},
    {"export", cmd_export, CMD_DB_RO,
     "export [--format csv|json|table] [--site D] [--since DATE] [--out FILE [--mode OCTAL]]",
     "everything as CSV or JSON", NULL},
    {"research", NULL, CMD_DB_OPT, NULL, "expand, suggest, analyze, score, import-volume",
     cmd_research_subs},
    {"locations", NULL, 0, NULL, "search the canonical names of US cities", cmd_locations_subs},
    {"grid", NULL, CMD_DB, NULL, "geo-grid local rank: add, scan, show, chart, list, remove",
     cmd_grid_subs},
    {"value", cmd_value, CMD_DB_RO, "value --site D [--keyword ID --position N] [--format F] [--data DIR]",
     "what a site's rankings are worth", NULL},
    {"portfolio", cmd_portfolio, CMD_DB_RO, "portfolio [--format F] [--days N] [--min-duration S] [--data DIR]",
     "every site: status, rent, ranks, leads", NULL},
    {"leads", NULL, CMD_DB, NULL, "import and list call-tracking calls", cmd_leads_subs},
    {"alerts", cmd_alerts, CMD_DB_RO,
     "alerts [--since DATE] [--site D] [--kind K] [--format table|csv|json]",
     "rank alerts raised by run", NULL},
    {"reparse", cmd_reparse, CMD_DB | CMD_DB_WRITES, "reparse [--since DATE]",
     "re-run the parsers over archived pages", NULL},
    {"usage", cmd_usage, CMD_DB_RO, "usage [--since DATE] [--format table|csv|json]",
     "requests and cost per provider", NULL},
    {"plan", cmd_plan, CMD_DB_RO, "plan [--days N] [--format table|csv|json]",
     "what tracking will cost, before it is spent", NULL},
    {"doctor", cmd_doctor, CMD_DB_RO, "doctor [--offline]",
     "check config, database, gnuplot, providers", NULL},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: serptrack [--db PATH] [--config FILE] [--verbose] COMMAND [ARGS]\n\n"
               "commands:\n");
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
        fprintf(f, "    %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nThe options before COMMAND may also follow it (run --verbose).\n"
               "'serptrack COMMAND --help' shows a command's options.\n");
}

/* `serptrack help CMD`: the command's synopsis, or its subcommands. */
static int help_command(const struct cmd *c)
{
    if (c->subs) {
        cmd_subs_usage(stdout, c->name, c->subs);
        return EXIT_OK;
    }
    printf("usage: serptrack %s\n\n%s\n\n'serptrack %s --help' shows its options.\n",
           c->synopsis, c->summary, c->name);
    return EXIT_OK;
}

/* Exact name, else an unambiguous prefix (as tmux does); lists candidates
 * when ambiguous. */
static const struct cmd *find_command(const char *name)
{
    const struct cmd *hit = NULL;
    int n = 0;
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
        if (util_starts_with(commands[i].name, name)) {
            hit = &commands[i];
            n++;
        }
    }
    if (n == 1)
        return hit;
    if (n > 1) {
        strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
            if (util_starts_with(commands[i].name, name))
                sb_addf(&sb, " %s", commands[i].name);
        error("ambiguous command '%s' could be:%s", name, sb_str(&sb));
        sb_release(&sb);
        return NULL;
    }
    const char *names[ARRAY_SIZE(commands) + 1];
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
        names[i] = commands[i].name;
    names[ARRAY_SIZE(commands)] = NULL;
    const char *near = util_nearest(name, names);
    if (near)
        error("unknown command '%s': did you mean %s? (see 'serptrack --help')", name, near);
    else
        error("unknown command '%s' (see 'serptrack --help')", name);
    return NULL;
}

/* Moves the command's own arguments (argv[i..], global options taken out,
 * so no command has to know them) into *cargv (owned by the caller) and
 * returns their number; *help is set when --help is among them. */
static int command_args(int argc, char **argv, int i, const char **db, const char **config,
                        char ***cargv, int *help)
{
    int cargc = 0, rest = 0;
    *cargv = xcalloc((size_t)(argc - i) + 1, sizeof **cargv);
    *help = 0;
    for (int j = i; j < argc; j++) {
        const char *a = argv[j];
        if (!rest && strcmp(a, "--") == 0)
            rest = 1;
        if (!rest && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0))
            *help = 1;
        if (!rest && (strcmp(a, "--db") == 0 || strcmp(a, "--config") == 0) && j + 1 < argc) {
            *(a[2] == 'd' ? db : config) = argv[++j];
            continue;
        }
        if (!rest && util_starts_with(a, "--db=")) {
            *db = a + 5;
            continue;
        }
        if (!rest && util_starts_with(a, "--config=")) {
            *config = a + 9;
            continue;
        }
        if (!rest && (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0)) {
            util_verbose = 1;
            continue;
        }
        (*cargv)[cargc++] = argv[j];
    }
    return cargc;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *config = NULL;
    int i = 1;
    /* Global options come before the command, and are accepted after it
     * too (people type them where they think of them: `run --verbose`). */
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--version") == 0) {
            printf("serptrack %s\n", SERPTRACK_VERSION);
            return EXIT_OK;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            util_verbose = 1;
        } else if ((strcmp(a, "--db") == 0 || strcmp(a, "--config") == 0) && i + 1 < argc) {
            *(a[2] == 'd' ? &db : &config) = argv[++i];
        } else if (util_starts_with(a, "--db=")) {
            db = a + 5;
        } else if (util_starts_with(a, "--config=")) {
            config = a + 9;
        } else {
            error("unknown option '%s'", a);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 >= argc) {
            usage(stdout);
            return EXIT_OK;
        }
        const struct cmd *c = find_command(argv[i + 1]);
        return c ? help_command(c) : EXIT_USAGE;
    }
    /* A mistyped fake clock would silently run on the real one. */
    const char *fake_now = getenv("SERPTRACK_NOW");
    time_t t_now;
    if (fake_now && *fake_now && util_parse_time(fake_now, &t_now) != 0) {
        error("SERPTRACK_NOW='%s' is not a valid UTC time (YYYY-MM-DDTHH:MM:SSZ)", fake_now);
        return EXIT_USAGE;
    }
    const struct cmd *cmd = find_command(argv[i]);
    if (!cmd)
        return EXIT_USAGE;

    char **cargv;
    int help;
    int cargc = command_args(argc, argv, i, &db, &config, &cargv, &help);
    cargv[0] = (char *)cmd->name;

    struct cmd_ctx ctx;
    int rc = EXIT_FAIL;
    if (cmd_ctx_open(&ctx, cmd, db, config, help) != 0)
        goto out;
    rc = cmd->subs ? cmd_dispatch(cmd->name, cmd->subs, cargc, cargv, &ctx)
                   : cmd->fn(cargc, cargv, &ctx);
    /* what the store recorded and the command did not report is said by
     * cmd_ctx_release (the one safety net), after the output is flushed */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        /* a command that failed has already said why (once is enough) */
        if (rc == EXIT_OK)
            error("%s: cannot write output: %s", cmd->name, strerror(errno ? errno : EIO));
        rc = EXIT_FAIL;
    }
out:
    cmd_ctx_release(&ctx);
    free(cargv);
    return rc;
}
