/* leads.c - `serptrack leads import FILE`: calls from a call-tracking
 * export (CallRail-style CSV, other layouts through --map), matched to our
 * sites by a site column or by tracking number (site phone), stored
 * without duplicates on re-import. */
#include <errno.h>

#include "cmd.h"
#include "opt.h"
#include "research.h"
#include "url.h"
#include "util.h"

#define LEADS_MAX_FILE (64u << 20)

struct leads_arg {
    store *st;
    struct store_site *sites;
    size_t n_sites;
    int min_duration;
    long added, dup, unmatched, leads, failed;
    char **unmatched_numbers; /* first few, for the message */
    size_t n_unmatched_numbers, cap_unmatched_numbers;
};

static const char *match_site(const struct leads_arg *a, const struct research_call *c)
{
    if (c->site) {
        for (size_t i = 0; i < a->n_sites; i++)
            if (util_streq(a->sites[i].domain, c->site))
                return a->sites[i].domain;
        return NULL;
    }
    if (!c->tracking)
        return NULL;
    for (size_t i = 0; i < a->n_sites; i++) {
        char key[11];
        if (a->sites[i].phone && research_phone_key(a->sites[i].phone, key) &&
            strcmp(key, c->tracking) == 0)
            return a->sites[i].domain;
    }
    return NULL;
}

static int lead_one(const struct research_call *c, void *arg)
{
    struct leads_arg *a = arg;
    const char *site = match_site(a, c);
    if (!site) {
        a->unmatched++;
        const char *what = c->site ? c->site : c->tracking;
        if (what && a->n_unmatched_numbers < 5) {
            int seen = 0;
            for (size_t i = 0; i < a->n_unmatched_numbers; i++)
                seen |= strcmp(a->unmatched_numbers[i], what) == 0;
            if (!seen) {
                GROW(a->unmatched_numbers, a->cap_unmatched_numbers, a->n_unmatched_numbers + 1);
                a->unmatched_numbers[a->n_unmatched_numbers++] = xstrdup(what);
            }
        }
        return 0;
    }
    struct store_lead l = {
        .site = (char *)site,
        .called_at = c->called_at,
        .duration = c->duration,
        .caller = c->caller,
        .source = c->source,
        .ext_id = c->ext_id,
    };
    int rc = store_lead_add(a->st, &l);
    if (rc < 0) {
        a->failed++;
        return -1;
    }
    if (rc == 1) {
        a->dup++;
    } else {
        a->added++;
        if (c->duration >= a->min_duration)
            a->leads++;
    }
    return 0;
}

static int leads_import(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct opt_list maps = {0};
    long long min_duration = -1;
    struct opt opts[] = {
        OPT_LIST("map", &maps, "FIELD=COLUMN[,...]",
                 "column for time, duration, caller, tracking, source, site or id (repeatable)"),
        OPT_INT("min-duration", &min_duration, "S",
                "calls of at least S seconds count as leads (default [leads] min_duration or 60)",
                0, 86400),
        OPT_END(),
    };
    const char *usage = "leads import FILE [--map FIELD=COLUMN,...] [--min-duration S]";
    int n = opt_parse("leads import", usage, opts, argc, argv);
    if (n < 0) {
        opt_list_release(&maps);
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    }
    if (n != 1) {
        error("leads import: expected one FILE");
        opt_usage(stderr, "leads import", usage, opts);
        opt_list_release(&maps);
        return EXIT_USAGE;
    }
    if (min_duration < 0)
        min_duration = ini_get_int(&ctx->cfg, "leads", "min_duration", 60, 0, 86400);
    /* --map a=b,c=d and repeated --map: one NULL-terminated list */
    struct research_list pairs = RESEARCH_LIST_INIT;
    for (int i = 0; i < maps.n; i++) {
        char *t = xstrdup(maps.v[i]), *save = NULL;
        for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save))
            research_list_add_unique(&pairs, w);
        free(t);
    }
    opt_list_release(&maps);
    const char **map = xcalloc(pairs.n + 1, sizeof(*map));
    for (size_t i = 0; i < pairs.n; i++)
        map[i] = pairs.v[i];

    int rc = EXIT_FAIL;
    char *buf = NULL;
    size_t len;
    struct leads_arg a = {.st = ctx->st, .min_duration = (int)min_duration};
    if (util_read_file(argv[0], LEADS_MAX_FILE, &buf, &len) != 0) {
        error("leads import: '%s': %s", argv[0], errno == EFBIG ? "larger than 64 MB" : strerror(errno));
        goto out;
    }
    if (store_site_list(ctx->st, &a.sites, &a.n_sites) != 0)
        goto out;
    if (store_begin(ctx->st) != 0)
        goto out;
    long rows = research_calls_parse(buf, len, argv[0], map, lead_one, &a);
    if (rows < 0) {
        store_rollback(ctx->st);
        error("leads import: '%s': nothing imported", argv[0]);
        goto out;
    }
    if (store_commit(ctx->st) != 0)
        goto out;
    printf("%ld call%s added (%ld lead%s of at least %lld s), %ld duplicate%s skipped, %ld "
           "unmatched\n",
           a.added, a.added == 1 ? "" : "s", a.leads, a.leads == 1 ? "" : "s", min_duration, a.dup,
           a.dup == 1 ? "" : "s", a.unmatched);
    if (a.unmatched) {
        strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < a.n_unmatched_numbers; i++)
            sb_addf(&sb, "%s%s", i ? ", " : "", a.unmatched_numbers[i]);
        warn("leads import: %ld call%s matched no site (%s); set the tracking number with "
             "'serptrack site set DOMAIN --phone NUMBER' or add a site column",
             a.unmatched, a.unmatched == 1 ? "" : "s", sb.len ? sb_str(&sb) : "no number");
        sb_release(&sb);
    }
    rc = EXIT_OK;
out:
    free(buf);
    free(map);
    research_list_release(&pairs);
    if (a.sites)
        store_site_free_list(a.sites, a.n_sites);
    for (size_t i = 0; i < a.n_unmatched_numbers; i++)
        free(a.unmatched_numbers[i]);
    free(a.unmatched_numbers);
    return rc;
}

int cmd_leads(int argc, char **argv, struct cmd_ctx *ctx)
{
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return leads_import(argc - 1, argv + 1, ctx);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: serptrack leads import FILE [--map FIELD=COLUMN,...] [--min-duration S]\n");
        return EXIT_OK;
    }
    error("leads: expected 'import FILE' (see 'serptrack leads --help')");
    return EXIT_USAGE;
}
